//! How each tiling processor picks its grid of tiles and where the image lands on it.

use super::super::geometry::{Grid, Rect, Size};
use super::super::options::Options;
use super::super::plan::{ResizeMode, TileCandidate};
use super::super::pymath;
use super::{LONGEST_EDGE, MAX_TILES, SPLITTING, TileSelection, TiledSpec};

/// The tile grid the processor chose and where the image lies on it.
pub(super) struct Selection {
    /// Index of the chosen grid among the candidates.
    pub(super) chosen: usize,
    pub(super) tile_grid: Grid,
    pub(super) image_in_frame: Rect,
    pub(super) resize: ResizeMode,
}

/// Chooses the tile grid; the candidates it compared go to `record` when given.
pub(super) fn select(
    spec: &TiledSpec,
    original: Size,
    options: &Options,
    record: Option<&mut Vec<TileCandidate>>,
) -> Selection {
    let (chosen, best, image_in_frame, resize) = match spec.selection {
        // DeepSeek-OCR-2 tiles only an image whose long side exceeds a tile.
        TileSelection::ClosestAspect { .. } if spec.global.is_some() && original.long_side() <= spec.tile => {
            (0, Grid::new(0, 0), Rect::of(original), ResizeMode::KeepAspect)
        }
        TileSelection::ClosestAspect { min_tiles, max_tiles } => {
            let (chosen, best) = pick_closest_aspect(original, spec.tile, min_tiles, cap(options, max_tiles), record);
            squished(chosen, best.grid, spec.tile)
        }
        TileSelection::AreaAndAspect { min_tiles, max_tiles } => {
            let (chosen, grid) = pick_area_and_aspect(original, spec.tile, min_tiles, cap(options, max_tiles), record);
            squished(chosen, grid, spec.tile)
        }
        TileSelection::LeastScalingSquished { max_tiles } => {
            let (chosen, grid) = pick_least_scaling_squished(original, spec.tile, cap(options, max_tiles), record);
            squished(chosen, grid, spec.tile)
        }
        TileSelection::LargestFit { max_tiles } => {
            let (chosen, grid) = pick_largest_fit(original, spec.tile, cap(options, max_tiles), record);
            squished(chosen, grid, spec.tile)
        }
        TileSelection::LongestEdge { longest_edge } => {
            let longest_edge =
                options.whole(LONGEST_EDGE).map_or(longest_edge, |n| u32::try_from(n).unwrap_or(u32::MAX));
            // Without splitting the processor resizes the image to one tile, whatever its shape.
            let frame = if options.flag(SPLITTING).unwrap_or(true) {
                round_up_to_tiles(resize_longest_edge(original, longest_edge), spec.tile)
            } else {
                Size::new(spec.tile, spec.tile)
            };
            let grid = Grid::new(frame.width / spec.tile, frame.height / spec.tile);
            if let Some(r) = record {
                r.push(TileCandidate { grid, score: 0.0 });
            }
            (0, grid, Rect::of(frame), ResizeMode::SquishToTiles)
        }
        TileSelection::LeastScaling { max_tiles } => {
            let (chosen, best) = pick_least_scaling(original, spec.tile, cap(options, max_tiles), record);
            let g = best.grid;
            let fitted = fit_to_canvas(original, Size::new(g.cols * spec.tile, g.rows * spec.tile), spec.tile);
            let image_in_frame = Rect::new(0.0, 0.0, f64::from(fitted.width), f64::from(fitted.height));
            (chosen, g, image_in_frame, ResizeMode::FitAndPad)
        }
    };
    Selection { chosen, tile_grid: best, image_in_frame, resize }
}

/// The tile cap: the reader's `max_tiles`, else the checkpoint's.
fn cap(options: &Options, default: u32) -> u32 {
    options.whole(MAX_TILES).map_or(default, |n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// The image stretched over the whole chosen grid.
fn squished(chosen: usize, grid: Grid, tile: u32) -> (usize, Grid, Rect, ResizeMode) {
    (chosen, grid, Rect::of(Size::new(grid.cols * tile, grid.rows * tile)), ResizeMode::SquishToTiles)
}

/// GOT-OCR2's `get_optimal_tiled_canvas` candidates: grids of `min..=max` tiles in the order the
/// processor sorts them (by tile count, stably: then by columns), scored by how far their aspect
/// ratio is from the image's, each handed to `each` (plain loops, as in `anyres::candidates`).
fn closest_aspect(original: Size, min_tiles: u32, max_tiles: u32, mut each: impl FnMut(TileCandidate)) {
    let aspect = f64::from(original.width) / f64::from(original.height);
    for cells in min_tiles.max(1)..=max_tiles {
        for cols in 1..=cells {
            if cells % cols == 0 {
                let grid = Grid::new(cols, cells / cols);
                each(TileCandidate { grid, score: (aspect - f64::from(grid.cols) / f64::from(grid.rows)).abs() });
            }
        }
    }
}

/// The closest aspect ratio wins; on a tie the later (larger) grid wins while the image has more
/// than half the grid's pixels. Returns the index and the candidate; every candidate goes to
/// `record` when given.
fn pick_closest_aspect(
    original: Size,
    tile: u32,
    min_tiles: u32,
    max_tiles: u32,
    mut record: Option<&mut Vec<TileCandidate>>,
) -> (usize, TileCandidate) {
    let area = original.area() as f64;
    let tile_area_half = 0.5 * f64::from(tile) * f64::from(tile);
    let mut best = (0, TileCandidate { grid: Grid::new(1, 1), score: f64::INFINITY });
    let mut i = 0;
    closest_aspect(original, min_tiles, max_tiles, |c| {
        if let Some(r) = record.as_deref_mut() {
            r.push(c);
        }
        if c.score < best.1.score
            || (c.score == best.1.score && area > tile_area_half * f64::from(c.grid.cols) * f64::from(c.grid.rows))
        {
            best = (i, c);
        }
        i += 1;
    });
    best
}

/// mllama's `get_optimal_tiled_canvas` candidates: each arrangement's scale is the smaller of the
/// two side ratios. Arrangements are generated as (a, b) for a, b in 1..=max with a·b ≤ max, and
/// read as a tiles down and b across; each is handed to `each`.
fn least_scaling(original: Size, tile: u32, max_tiles: u32, mut each: impl FnMut(TileCandidate)) {
    let (h, w) = (f64::from(original.height), f64::from(original.width));
    for down in 1..=max_tiles {
        for across in 1..=max_tiles / down {
            let scale_h = f64::from(down * tile) / h;
            let scale_w = f64::from(across * tile) / w;
            let score = if scale_w > scale_h { scale_h } else { scale_w };
            each(TileCandidate { grid: Grid::new(across, down), score });
        }
    }
}

/// The smallest scale of at least 1 wins (least upscaling), else the largest below 1 (least
/// downscaling); among equal scales, the first of the smallest canvas. One pass keeps the best
/// of each side; returns the index and the candidate. Every candidate goes to `record` when given.
fn pick_least_scaling(
    original: Size,
    tile: u32,
    max_tiles: u32,
    mut record: Option<&mut Vec<TileCandidate>>,
) -> (usize, TileCandidate) {
    // (index, candidate) with the least upscaling, and with the least downscaling.
    let mut up: Option<(usize, TileCandidate)> = None;
    let mut down: Option<(usize, TileCandidate)> = None;
    let mut i = 0;
    least_scaling(original, tile, max_tiles, |c| {
        if let Some(r) = record.as_deref_mut() {
            r.push(c);
        }
        let (slot, closer): (_, fn(f64, f64) -> bool) =
            if c.score >= 1.0 { (&mut up, |s, b| s < b) } else { (&mut down, |s, b| s > b) };
        let better = slot
            .is_none_or(|(_, b)| closer(c.score, b.score) || (c.score == b.score && c.grid.cells() < b.grid.cells()));
        if better {
            *slot = Some((i, c));
        }
        i += 1;
    });
    up.or(down).unwrap_or((0, TileCandidate { grid: Grid::new(1, 1), score: 1.0 }))
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

/// Records `grid` with `score` when a record is kept.
fn note(record: &mut Option<&mut Vec<TileCandidate>>, grid: Grid, score: f64) {
    if let Some(r) = record.as_deref_mut() {
        r.push(TileCandidate { grid, score });
    }
}

/// Python's `min(a, b)`: `a` unless `b` is smaller.
fn py_min(a: f64, b: f64) -> f64 {
    if b < a { b } else { a }
}

/// Eagle 2.5's `find_closest_aspect_ratio` (area-aware): the grids of `min..=max` tiles, in
/// CPython's order of the set the processor builds, sorted by tile count; each scores
/// min(tiles·tile² / area, 0.6) · min(t / aspect, aspect / t), t being its aspect ratio (a grid
/// holding 60% of the image's pixels is big enough; past that only the shape counts). The first
/// highest score wins. Returns its index and grid.
fn pick_area_and_aspect(
    original: Size,
    tile: u32,
    min_tiles: u32,
    max_tiles: u32,
    mut record: Option<&mut Vec<TileCandidate>>,
) -> (usize, Grid) {
    let (min, max) = (min_tiles.max(1), max_tiles.max(1));
    let pairs = (min..=max).flat_map(|n| (1..=n).flat_map(move |i| (1..=n).map(move |j| (i, j))));
    let mut grids = pymath::set_order(pairs.filter(|&(i, j)| (min..=max).contains(&(i * j))));
    grids.sort_by_key(|&(i, j)| i * j);
    let aspect = f64::from(original.width) / f64::from(original.height);
    // Python divides the ints exactly; as doubles the area is exact below 2^53 px.
    let area = original.area() as f64;
    let tile_area = f64::from(tile) * f64::from(tile);
    let mut best = (0, Grid::new(1, 1), f64::NEG_INFINITY);
    for (index, &(cols, rows)) in grids.iter().enumerate() {
        let t = f64::from(cols) / f64::from(rows);
        let score = py_min(f64::from(cols * rows) * tile_area / area, 0.6) * py_min(t / aspect, aspect / t);
        let grid = Grid::new(cols, rows);
        note(&mut record, grid, score);
        if score > best.2 {
            best = (index, grid, score);
        }
    }
    (best.0, best.1)
}

/// Cohere2Vision's `get_optimal_tiled_canvas`: grids (w, h) with w·h ≤ `max`, generated width
/// first and sorted (stably) by tile count; each needs the scale min(w·tile / width, h·tile /
/// height). The least scale of at least 1 wins (least upscaling), else the largest (least
/// downscaling); the first among equals. Returns its index and grid.
fn pick_least_scaling_squished(
    original: Size,
    tile: u32,
    max_tiles: u32,
    mut record: Option<&mut Vec<TileCandidate>>,
) -> (usize, Grid) {
    let max = max_tiles.max(1);
    let mut grids: Vec<Grid> = (1..=max)
        .flat_map(|w| (1..=max).map(move |h| Grid::new(w, h)))
        .filter(|g| g.cells() <= u64::from(max))
        .collect();
    grids.sort_by_key(|g| g.cells());
    let (w, h) = (f64::from(original.width), f64::from(original.height));
    let scales: Vec<f64> =
        grids.iter().map(|g| (f64::from(g.cols * tile) / w).min(f64::from(g.rows * tile) / h)).collect();
    for (g, &s) in grids.iter().zip(&scales) {
        note(&mut record, *g, s);
    }
    let first = |better: &dyn Fn(f64, f64) -> bool, of: &dyn Fn(f64) -> f64| {
        (0..scales.len()).fold(0, |best, i| if better(of(scales[i]), of(scales[best])) { i } else { best })
    };
    let chosen = if scales.iter().all(|&s| s < 1.0) {
        first(&|a, b| a > b, &|s| s)
    } else {
        first(&|a, b| a < b, &|s| if s < 1.0 { 10e9 } else { s })
    };
    (chosen, grids.get(chosen).copied().unwrap_or(Grid::new(1, 1)))
}

/// PerceptionLM's `_fit_image_to_canvas`, else `_find_closest_aspect_ratio`. The arrangements
/// come grouped by aspect ratio, groups in order of first appearance as tile counts fall from
/// `max` to 1 (divisors ascending). Among the canvases holding the image without shrinking it,
/// the one giving the image's short side the most pixels wins (the later on ties); when none
/// holds it, the closest aspect ratio on the image's side of 1 (its grid with the most tiles
/// along the long side). Returns the arrangement's index and grid; the score recorded is the
/// arrangement's scale, min(canvas width / width, canvas height / height).
fn pick_largest_fit(
    original: Size,
    tile: u32,
    max_tiles: u32,
    mut record: Option<&mut Vec<TileCandidate>>,
) -> (usize, Grid) {
    if max_tiles <= 1 {
        note(&mut record, Grid::new(1, 1), 1.0);
        return (0, Grid::new(1, 1));
    }
    let mut groups: Vec<(f64, Vec<Grid>)> = Vec::new();
    for n in (1..=max_tiles).rev() {
        for x in (1..=n).filter(|x| n % x == 0) {
            let k = f64::from(x) / f64::from(n / x);
            match groups.iter_mut().find(|(key, _)| *key == k) {
                Some((_, grids)) => grids.push(Grid::new(x, n / x)),
                None => groups.push((k, vec![Grid::new(x, n / x)])),
            }
        }
    }
    let arrangements: Vec<Grid> = groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
    let (w, h) = (f64::from(original.width), f64::from(original.height));
    let scale = w / h;
    let mut best: Option<(usize, f64, f64)> = None;
    for (i, g) in arrangements.iter().enumerate() {
        let (cw, ch) = (f64::from(g.cols * tile), f64::from(g.rows * tile));
        let r = py_min(cw / w, ch / h);
        note(&mut record, *g, r);
        if cw < w || ch < h {
            continue;
        }
        // `_get_image_height_width`: the long side scaled, the other floored (height's side at 1:1).
        let (new_w, new_h) =
            if scale > 1.0 { (r * w, (r * w / scale).floor()) } else { ((r * h * scale).floor(), r * h) };
        let wins = match best {
            None => true,
            Some((_, bw, bh)) => (scale < 1.0 && new_w >= bw) || (scale >= 1.0 && new_h >= bh),
        };
        if wins {
            best = Some((i, new_w, new_h));
        }
    }
    if let Some((i, _, _)) = best {
        return (i, arrangements[i]);
    }
    let key = if scale >= 1.0 {
        groups.iter().filter(|(k, _)| *k <= scale).fold(None, |b: Option<&(f64, Vec<Grid>)>, g| match b {
            Some(b) if (b.0 - scale).abs() <= (g.0 - scale).abs() => Some(b),
            _ => Some(g),
        })
    } else {
        groups.iter().filter(|(k, _)| *k > scale).fold(None, |b: Option<&(f64, Vec<Grid>)>, g| match b {
            Some(b) if (1.0 / b.0 - 1.0 / scale).abs() <= (1.0 / g.0 - 1.0 / scale).abs() => Some(b),
            _ => Some(g),
        })
    };
    let along = |g: &Grid| if scale >= 1.0 { g.cols } else { g.rows };
    let grid = key
        .and_then(|(_, grids)| {
            grids.iter().fold(None, |b: Option<Grid>, g| match b {
                Some(b) if along(&b) >= along(g) => Some(b),
                _ => Some(*g),
            })
        })
        .unwrap_or(Grid::new(1, 1));
    (arrangements.iter().position(|g| *g == grid).unwrap_or(0), grid)
}
