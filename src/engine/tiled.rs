//! Tiling (InternVL, Llama 3.2 Vision, Idefics3, SmolVLM): the image becomes a grid of fixed-size
//! tiles. InternVL squishes it onto the grid whose aspect ratio is closest and adds a thumbnail;
//! Llama 3.2 fits it into the canvas that needs the least scaling, pads it, and reads the tiles by
//! cross-attention; Idefics3 scales the long side to a fixed length, rounds both sides up to whole
//! tiles, and tags every tile with its row and column in text.

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
        TileSelection::LongestEdge { longest_edge } => {
            let frame = round_up_to_tiles(resize_longest_edge(original, longest_edge), spec.tile);
            let grid = Grid::new(frame.width / spec.tile, frame.height / spec.tile);
            (vec![TileCandidate { grid, score: 0.0 }], 0, Rect::of(frame), ResizeMode::SquishToTiles)
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
    } else if views.len() == 1 {
        views[0].role = ViewRole::Whole;
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
        TiledSequence::RowColTags { around, placeholder, tag_tokens, global_tokens } => {
            let tags = RowColTags { around, placeholder, tag_tokens, global_tokens, per_view };
            (tags.sequence(tile_grid, views.len()), false)
        }
    };
    let layout = Layout { frame, image_in_frame, resize, views, sequence };
    let plan = Plan::new(model, original, layout);
    let token_order = match plan.token_order {
        _ if cross_attention => TokenOrder::NotInSequence,
        _ if matches!(spec.sequence, TiledSequence::RowColTags { .. }) => TokenOrder::PerView,
        TokenOrder::RowMajor { lead, row_break, .. } => {
            TokenOrder::RowMajor { lead, row_break, views: plan.views.len() }
        }
        other => other,
    };
    // Idefics3 considers no alternatives: its one grid follows from the resize.
    let candidates = if candidates.len() > 1 { candidates } else { Vec::new() };
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

/// Idefics3's image prompt, as spans.
struct RowColTags {
    around: &'static str,
    placeholder: &'static str,
    tag_tokens: u32,
    global_tokens: u32,
    per_view: u64,
}

/// The tile tags the processor can write (it knows rows and columns 1 to 6).
const ROW_COL_TAGS: [[&str; 6]; 6] = [
    ["<row_1_col_1>", "<row_1_col_2>", "<row_1_col_3>", "<row_1_col_4>", "<row_1_col_5>", "<row_1_col_6>"],
    ["<row_2_col_1>", "<row_2_col_2>", "<row_2_col_3>", "<row_2_col_4>", "<row_2_col_5>", "<row_2_col_6>"],
    ["<row_3_col_1>", "<row_3_col_2>", "<row_3_col_3>", "<row_3_col_4>", "<row_3_col_5>", "<row_3_col_6>"],
    ["<row_4_col_1>", "<row_4_col_2>", "<row_4_col_3>", "<row_4_col_4>", "<row_4_col_5>", "<row_4_col_6>"],
    ["<row_5_col_1>", "<row_5_col_2>", "<row_5_col_3>", "<row_5_col_4>", "<row_5_col_5>", "<row_5_col_6>"],
    ["<row_6_col_1>", "<row_6_col_2>", "<row_6_col_3>", "<row_6_col_4>", "<row_6_col_5>", "<row_6_col_6>"],
];

impl RowColTags {
    fn sequence(&self, tiles: Grid, views: usize) -> Vec<Span> {
        let around = Span { kind: TokenKind::Delimiter, text: self.around, label: "image boundary", count: 1 };
        let image = |label| Span { kind: TokenKind::Image, text: self.placeholder, label, count: self.per_view };
        let global_tag = Span {
            kind: TokenKind::Text,
            text: "<global-img>",
            label: "global view tag",
            count: self.global_tokens.into(),
        };
        let global = [around.clone(), global_tag, image("global view"), around.clone()];
        if views == 1 {
            return global.to_vec();
        }
        let mut sequence = Vec::new();
        for row in 0..tiles.rows {
            for col in 0..tiles.cols {
                let text = ROW_COL_TAGS
                    .get(row as usize)
                    .and_then(|r| r.get(col as usize))
                    .copied()
                    .unwrap_or("<row_i_col_j>");
                sequence.push(around.clone());
                sequence.push(Span {
                    kind: TokenKind::Text,
                    text,
                    label: "tile tag <row_i_col_j>",
                    count: self.tag_tokens.into(),
                });
                sequence.push(image("tile"));
            }
            let newline = if row + 1 < tiles.rows {
                Span { kind: TokenKind::Text, text: "\n", label: "row end", count: 1 }
            } else {
                Span { kind: TokenKind::Text, text: "\n\n", label: "last row end + blank line", count: 1 }
            };
            sequence.push(newline);
        }
        sequence.extend(global);
        sequence
    }
}

/// Idefics3's `resize` with `size = {longest_edge}`: the long side becomes `longest_edge` (up or
/// down), the other follows the aspect ratio, truncated and bumped to an even number; then both
/// are held under 4096 px (`_resize_output_size_rescale_to_max_len`, `..._scale_below_upper_bound`).
fn resize_longest_edge(original: Size, longest_edge: u32) -> Size {
    const MAX_IMAGE_SIZE: u32 = 4096;
    let (mut w, mut h) = (original.width, original.height);
    let aspect = f64::from(w) / f64::from(h);
    if w >= h {
        w = longest_edge;
        h = (f64::from(w) / aspect) as u32;
        h += h % 2;
    } else {
        h = longest_edge;
        w = (f64::from(h) * aspect) as u32;
        w += w % 2;
    }
    let (mut w, mut h) = (w.max(1), h.max(1));
    let aspect = f64::from(w) / f64::from(h);
    if w >= h && w > MAX_IMAGE_SIZE {
        w = MAX_IMAGE_SIZE;
        h = (f64::from(w) / aspect) as u32;
    } else if h > w && h > MAX_IMAGE_SIZE {
        h = MAX_IMAGE_SIZE;
        w = (f64::from(h) * aspect) as u32;
    }
    Size::new(w.max(1), h.max(1))
}

/// Idefics3's `resize_for_vision_encoder`: the long side rounded up to whole tiles, the short side
/// re-derived from the aspect ratio (truncated) and rounded up to whole tiles too.
fn round_up_to_tiles(size: Size, tile: u32) -> Size {
    let up = |v: u32| v.div_ceil(tile) * tile;
    let aspect = f64::from(size.width) / f64::from(size.height);
    if size.width >= size.height {
        let w = up(size.width);
        Size::new(w, up((f64::from(w) / aspect) as u32))
    } else {
        let h = up(size.height);
        Size::new(up((f64::from(h) * aspect) as u32), h)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Options, Size, TokenKind, plan_for};

    #[test]
    fn idefics3_tags_each_tile_and_points_into_each_tiles_run() {
        let plan = plan_for("HuggingFaceM4/Idefics3-8B-Llama3", Size::new(1280, 720), &Options::default()).unwrap();
        let tiling = plan.tiling.as_ref().unwrap();
        assert_eq!((tiling.tile_grid.cols, tiling.tile_grid.rows), (4, 3));
        assert!(tiling.candidates.is_empty(), "the grid follows from the resize; nothing was compared");
        let tags: Vec<&str> =
            plan.sequence.iter().filter(|s| s.label == "tile tag <row_i_col_j>").map(|s| s.text).collect();
        assert_eq!(tags.first(), Some(&"<row_1_col_1>"));
        assert_eq!(tags.last(), Some(&"<row_3_col_4>"));
        assert_eq!(tags.len(), 12);
        // Tile (row 1, col 2) starts after tile 1's boundary + tag + 169 tokens, then its own 1 + 8.
        let second = plan.token_at_position(1 + 8 + 169 + 1 + 8).unwrap();
        assert_eq!((second.view, second.col, second.row), (1, 0, 0));
        let global = plan.views.len() - 1;
        let last = plan.sequence.len() - 2;
        assert_eq!(plan.sequence[last].kind, TokenKind::Image);
        let end: u64 = plan.sequence[..=last].iter().map(|s| s.count).sum();
        assert_eq!(plan.token_at_position(end - 1).map(|s| (s.view, s.col, s.row)), Some((global, 12, 12)));
    }

    #[test]
    fn a_tiny_image_is_blown_up_to_sixteen_tiles_and_the_plan_says_so() {
        let plan = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1, 1), &Options::default()).unwrap();
        assert_eq!(plan.views.len(), 17);
        assert!(plan.notes.iter().any(|n| n.starts_with("The image is upscaled 1536.0x")), "{:?}", plan.notes);
    }

    #[test]
    fn gemma_pan_and_scan_crops_point_into_their_own_runs() {
        let options = Options { pan_and_scan: Some(true), ..Options::default() };
        let plan = plan_for("google/gemma-3-4b-it", Size::new(2048, 512), &options).unwrap();
        assert!(plan.views.len() > 1);
        let crop = plan.token_at(plan.views[1].rect.x + 1.0, plan.views[1].rect.y + 1.0).unwrap();
        assert_eq!(crop.view, 1);
        let run = plan.sequence.iter().enumerate().filter(|(_, s)| s.kind == TokenKind::Image).nth(1).unwrap().0;
        assert_eq!(crop.position, plan.sequence[..run].iter().map(|s| s.count).sum::<u64>());
    }
}
