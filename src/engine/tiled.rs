//! Tiling (InternVL, Llama 3.2 Vision): the image becomes a grid of fixed-size tiles. InternVL
//! squishes it onto the grid whose aspect ratio is closest and adds a thumbnail; Llama 3.2 fits it
//! into the canvas that needs the least scaling, pads it, and reads the tiles by cross-attention.

use super::geometry::{Grid, Rect, Size};
use super::models::{Model, TileSelection, TiledSequence, TiledSpec};
use super::options::Options;
use super::plan::{
    Layout, Plan, ResizeMode, Span, TileCandidate, TiledChoice, TokenKind, TokenOrder, View, ViewRole, crop_views,
};
use super::sequence::wrap;

pub(super) fn plan(model: &'static Model, spec: &TiledSpec, original: Size, options: &Options) -> Plan {
    let (candidates, chosen, image_in_frame, resize) = match spec.selection {
        TileSelection::ClosestAspect { min_tiles, max_tiles } => {
            let max_tiles = options.max_tiles.unwrap_or(max_tiles);
            let (candidates, chosen) = closest_aspect(original, spec.tile, min_tiles, max_tiles);
            let g = candidates[chosen].grid;
            (candidates, chosen, Rect::of(Size::new(g.cols * spec.tile, g.rows * spec.tile)), ResizeMode::SquishToTiles)
        }
        TileSelection::LeastScaling { max_tiles } => {
            let (candidates, chosen) = least_scaling(original, spec.tile, max_tiles);
            let g = candidates[chosen].grid;
            let canvas = Size::new(g.cols * spec.tile, g.rows * spec.tile);
            let fitted = fit_to_canvas(original, canvas, spec.tile);
            (
                candidates,
                chosen,
                Rect::new(0.0, 0.0, f64::from(fitted.width), f64::from(fitted.height)),
                ResizeMode::FitAndPad,
            )
        }
    };
    let tile_grid = candidates[chosen].grid;
    let frame = Size::new(tile_grid.cols * spec.tile, tile_grid.rows * spec.tile);
    let input = Size::new(spec.tile, spec.tile);
    let patch_grid = Grid::new(spec.tile / spec.patch, spec.tile / spec.patch);
    let token_grid = patch_grid.merged(spec.pixel_shuffle);
    let mut views: Vec<View> = crop_views(tile_grid, spec.tile, patch_grid, token_grid).collect();
    if spec.thumbnail && views.len() != 1 {
        views.push(View { role: ViewRole::Global, rect: image_in_frame, input, patch_grid, token_grid });
    }
    let per_view = token_grid.cells() + u64::from(spec.extra_per_tile);
    let features = per_view * views.len() as u64;
    let (sequence, cross_attention) = match spec.sequence {
        TiledSequence::Placeholders { before, placeholder, after } => {
            let label = if views.len() > tile_grid.cells() as usize { "tiles and thumbnail" } else { "tiles" };
            let image = Span { kind: TokenKind::Image, text: placeholder, label, count: features };
            (wrap(before, vec![image], after), false)
        }
        TiledSequence::CrossAttention { marker } => {
            let span = Span {
                kind: TokenKind::Delimiter,
                text: marker,
                label: "image marker (features via cross-attention)",
                count: 1,
            };
            (vec![span], true)
        }
    };
    let layout = Layout { frame, image_in_frame, resize, views, sequence };
    let plan = Plan::new(model, original, layout);
    let token_order = match plan.token_order {
        _ if cross_attention => TokenOrder::NotInSequence,
        TokenOrder::RowMajor { lead, row_break, .. } => {
            TokenOrder::RowMajor { lead, row_break, views: plan.views.len() }
        }
        other => other,
    };
    Plan {
        token_order,
        tiling: Some(TiledChoice { candidates, chosen, tile_grid }),
        cross_attention,
        feature_tokens: if cross_attention { features } else { plan.feature_tokens },
        ..plan
    }
}

/// GOT-OCR2's `get_optimal_tiled_canvas`: among grids of `min..=max` tiles (sorted by tile count,
/// stably), the one whose aspect ratio is closest to the image's; on a tie the later (larger) grid
/// wins while the image has more than half the grid's pixels. Scores are the aspect differences.
fn closest_aspect(original: Size, tile: u32, min_tiles: u32, max_tiles: u32) -> (Vec<TileCandidate>, usize) {
    let mut grids: Vec<Grid> = (1..=max_tiles)
        .flat_map(|w| (1..=max_tiles).map(move |h| Grid::new(w, h)))
        .filter(|g| (u64::from(min_tiles)..=u64::from(max_tiles)).contains(&g.cells()))
        .collect();
    grids.sort_by_key(|g| g.cells());
    let aspect = f64::from(original.width) / f64::from(original.height);
    let area = original.area() as f64;
    let tile_area_half = 0.5 * f64::from(tile) * f64::from(tile);
    let mut best = 0;
    let mut best_diff = f64::INFINITY;
    let candidates: Vec<TileCandidate> = grids
        .into_iter()
        .map(|grid| TileCandidate { grid, score: (aspect - f64::from(grid.cols) / f64::from(grid.rows)).abs() })
        .collect();
    for (i, c) in candidates.iter().enumerate() {
        if c.score < best_diff {
            best_diff = c.score;
            best = i;
        } else if c.score == best_diff && area > tile_area_half * f64::from(c.grid.cols) * f64::from(c.grid.rows) {
            best = i;
        }
    }
    (candidates, best)
}

/// mllama's `get_optimal_tiled_canvas`: each arrangement's scale is the smaller of the two side
/// ratios; the smallest scale of at least 1 wins (least upscaling), else the largest below 1
/// (least downscaling); among equal scales, the smallest canvas. Arrangements are generated as
/// (a, b) for a, b in 1..=max with a·b ≤ max, and read as a tiles down and b across.
fn least_scaling(original: Size, tile: u32, max_tiles: u32) -> (Vec<TileCandidate>, usize) {
    let (h, w) = (f64::from(original.height), f64::from(original.width));
    let candidates: Vec<TileCandidate> = (1..=max_tiles)
        .flat_map(|a| (1..=max_tiles).map(move |b| (a, b)))
        .filter(|(a, b)| a * b <= max_tiles)
        .map(|(down, across)| {
            let scale_h = f64::from(down * tile) / h;
            let scale_w = f64::from(across * tile) / w;
            let score = if scale_w > scale_h { scale_h } else { scale_w };
            TileCandidate { grid: Grid::new(across, down), score }
        })
        .collect();
    let up = candidates.iter().map(|c| c.score).filter(|&s| s >= 1.0).fold(f64::INFINITY, f64::min);
    let selected = if up.is_finite() {
        up
    } else {
        candidates.iter().map(|c| c.score).filter(|&s| s < 1.0).fold(f64::NEG_INFINITY, f64::max)
    };
    let mut best = 0;
    let mut best_area = u64::MAX;
    for (i, c) in candidates.iter().enumerate() {
        if c.score == selected && c.grid.cells() < best_area {
            best = i;
            best_area = c.grid.cells();
        }
    }
    (candidates, best)
}

/// mllama's `get_image_size_fit_to_canvas`: each side clipped to `[tile, canvas side]`, the image
/// scaled by the smaller ratio (a side never below 1 px), placed at the top left.
fn fit_to_canvas(original: Size, canvas: Size, tile: u32) -> Size {
    let (h, w) = (f64::from(original.height), f64::from(original.width));
    let target_w = f64::from(original.width.clamp(tile, canvas.width));
    let target_h = f64::from(original.height.clamp(tile, canvas.height));
    let (scale_h, scale_w) = (target_h / h, target_w / w);
    let at_least_one = |v: f64| if v.floor() == 0.0 { 1.0 } else { v.floor() };
    let (new_w, new_h) = if scale_w < scale_h {
        (target_w, at_least_one(h * scale_w).min(target_h))
    } else {
        (at_least_one(w * scale_h).min(target_w), target_h)
    };
    Size::new(new_w as u32, new_h as u32)
}
