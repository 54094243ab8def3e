//! Tiling (InternVL, Llama 3.2 Vision, Idefics3, SmolVLM): the image becomes a grid of fixed-size
//! tiles. InternVL squishes it onto the grid whose aspect ratio is closest and adds a thumbnail;
//! Llama 3.2 fits it into the canvas that needs the least scaling, pads it, and reads the tiles by
//! cross-attention; Idefics3 scales the long side to a fixed length, rounds both sides up to whole
//! tiles, and tags every tile with its row and column in text.

use super::error::EngineError;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{
    Head, Layout, Plan, ResizeMode, Span, TileCandidate, TiledChoice, TokenKind, TokenOrder, View, ViewRole, crop_views,
};
use super::pymath;
use super::sequence::{Count, Piece, Spans};

/// How a tiling model chooses its tile grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileSelection {
    /// InternVL (`get_optimal_tiled_canvas` of GOT-OCR2): the grid of `min..=max` tiles whose
    /// aspect ratio is closest to the image's; the image is squished onto it.
    ClosestAspect { min_tiles: u32, max_tiles: u32 },
    /// Llama 3.2 Vision (`get_optimal_tiled_canvas` of mllama): the canvas needing the least
    /// upscaling (or least downscaling); the image is fitted into it and padded right and below.
    LeastScaling { max_tiles: u32 },
    /// Idefics3 / SmolVLM (`resize` then `resize_for_vision_encoder`): the long side is scaled
    /// (up or down) to `longest_edge`, then each side rounded up to whole tiles; no candidates.
    LongestEdge { longest_edge: u32 },
}

#[derive(Debug)]
pub struct TiledSpec {
    pub tile: u32,
    pub patch: u32,
    /// Pixel shuffle (space-to-depth) factor in the connector (InternVL: 2; 1: none).
    pub pixel_shuffle: u32,
    /// Extra vectors per tile besides the patches (Llama 3.2's class token: 1).
    pub extra_per_tile: u32,
    pub selection: TileSelection,
    /// A downscaled view of the whole image is added when there is more than one tile.
    pub thumbnail: bool,
    pub sequence: TiledSequence,
    /// DeepSeek-OCR-2: a larger global view instead of the thumbnail.
    pub global: Option<GlobalView>,
}

/// DeepSeek-OCR-2's global view: the whole image scaled (aspect kept, sides rounded) so its long
/// side is `side` px and padded to a centred square, always encoded; the image is tiled only when
/// its long side exceeds the tile (then at least `min_tiles` tiles); `separator` placeholder
/// tokens follow the views (its learned view separator).
#[derive(Debug)]
pub struct GlobalView {
    pub side: u32,
    pub separator: u64,
}

/// How a tiling model's vision features reach the language model.
#[derive(Debug)]
pub enum TiledSequence {
    /// As placeholder tokens in the sequence, between `before` and `after`.
    Placeholders { before: &'static [Piece], placeholder: &'static str, after: &'static [Piece] },
    /// Through cross-attention layers: the sequence holds one `marker` token.
    CrossAttention { marker: &'static str },
    /// Llama 4's `_prompt_split_image`: `start`, then each tile's placeholders followed by
    /// `x_separator` between tiles of a row and `y_separator` after each row, then `global`
    /// and the global view's placeholders (the global view alone when there is one tile), `end`.
    TileSeparators {
        start: &'static str,
        placeholder: &'static str,
        x_separator: &'static str,
        y_separator: &'static str,
        global: &'static str,
        end: &'static str,
    },
    /// Idefics3's `replace_image_token`: each tile is `around` + its `<row_i_col_j>` tag +
    /// its placeholders, each row of tiles ends in "\n", and the global view follows as `around` +
    /// `<global-img>` + placeholders + `around`. The tags are plain text to these checkpoints'
    /// tokenizers: `tag_tokens` and `global_tokens` are what their real tokenizers make of them
    /// (one-digit rows and columns: the grid never exceeds 4x4 here); the last row's "\n" and the
    /// global view's leading "\n" merge into one "\n\n" token.
    RowColTags { around: &'static str, placeholder: &'static str, tag_tokens: u32, global_tokens: u32 },
}

const MAX_TILES: &str = "max_tiles";
const SPLITTING: &str = "do_image_splitting";

/// InternVL's and Llama's tile budgets; Idefics3's switch between tiles and the global view alone.
pub(super) fn knobs(spec: &TiledSpec) -> Vec<Knob> {
    match spec.selection {
        TileSelection::ClosestAspect { min_tiles, max_tiles } => vec![Knob {
            name: MAX_TILES,
            kind: KnobKind::Whole { min: u64::from(min_tiles), max: 64 },
            default: KnobValue::Whole(u64::from(max_tiles)),
            meaning: "the most tiles an image is cut into (the thumbnail not counted)",
            mirrors: "max_patches",
        }],
        TileSelection::LongestEdge { .. } => vec![Knob {
            name: SPLITTING,
            kind: KnobKind::Flag,
            default: KnobValue::Flag(true),
            meaning: "cut the image into tiles plus a global view; off: the global view alone, squished to one tile",
            mirrors: "do_image_splitting",
        }],
        TileSelection::LeastScaling { max_tiles } => vec![Knob {
            name: MAX_TILES,
            kind: KnobKind::Whole { min: 1, max: 64 },
            default: KnobValue::Whole(u64::from(max_tiles)),
            meaning: "the most tiles the canvas may hold (the global view not counted)",
            mirrors: "max_image_tiles (Llama 3.2) / max_patches (Llama 4)",
        }],
    }
}

pub(super) fn plan(head: Head, spec: &TiledSpec, original: Size, options: &Options) -> Result<Plan, EngineError> {
    let mut candidates = Vec::new();
    let s = select(spec, original, options, Some(&mut candidates));
    let tile_grid = s.tile_grid;
    let mut frame = Size::new(tile_grid.cols * spec.tile, tile_grid.rows * spec.tile);
    let mut image_in_frame = s.image_in_frame;
    let input = Size::new(spec.tile, spec.tile);
    let (patch_grid, token_grid) = grids(spec);
    let mut views: Vec<View> = crop_views(tile_grid, spec.tile, patch_grid, token_grid).collect();
    if let Some(global) = &spec.global {
        let scaled = global_scaled(original, global.side)?;
        if views.is_empty() {
            // No tiles: the frame is the global view's padded square, the image centred on it.
            frame = Size::new(global.side, global.side);
            image_in_frame = Rect::new(
                f64::from(global.side - scaled.width) / 2.0,
                f64::from(global.side - scaled.height) / 2.0,
                f64::from(scaled.width),
                f64::from(scaled.height),
            );
        }
        let patches = Grid::new(global.side / spec.patch, global.side / spec.patch);
        let role = if views.is_empty() { ViewRole::Whole } else { ViewRole::Global };
        let input = Size::new(global.side, global.side);
        views.push(View {
            role,
            rect: image_in_frame,
            input,
            patch_grid: patches,
            token_grid: patches.merged(spec.pixel_shuffle),
        });
    } else if views.len() == 1 {
        views[0].role = ViewRole::Whole;
    } else if spec.thumbnail {
        views.push(View { role: ViewRole::Global, rect: s.image_in_frame, input, patch_grid, token_grid });
    }
    let mut sequence = Vec::new();
    let features = spans(spec, tile_grid, &mut sequence);
    let cross_attention = matches!(spec.sequence, TiledSequence::CrossAttention { .. });
    let layout = Layout { frame, image_in_frame, resize: s.resize, views, sequence };
    let plan = Plan::new(head, original, layout);
    let token_order = match plan.token_order {
        _ if cross_attention => TokenOrder::NotInSequence,
        _ if matches!(spec.sequence, TiledSequence::RowColTags { .. } | TiledSequence::TileSeparators { .. }) => {
            TokenOrder::PerView
        }
        TokenOrder::RowMajor { lead, row_break, .. } => {
            TokenOrder::RowMajor { lead, row_break, views: plan.views.len() }
        }
        other => other,
    };
    // Idefics3 considers no alternatives: its one grid follows from the resize.
    let candidates = if candidates.len() > 1 { candidates } else { Vec::new() };
    Ok(Plan {
        token_order,
        tiling: Some(TiledChoice { candidates, chosen: s.chosen, tile_grid }),
        cross_attention,
        feature_tokens: if cross_attention { features } else { plan.feature_tokens },
        ..plan
    })
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &TiledSpec, original: Size, options: &Options) -> Result<Count, EngineError> {
    if let Some(global) = &spec.global {
        global_scaled(original, global.side)?;
    }
    let mut count = Count::default();
    let features = spans(spec, select(spec, original, options, None).tile_grid, &mut count);
    if matches!(spec.sequence, TiledSequence::CrossAttention { .. }) {
        count.feature_tokens = features;
    }
    Ok(count)
}

/// DeepSeek-OCR-2's global view before padding: the long side scaled to `side`, each side by
/// Python's `round` (a side that rounds to 0 px is an error of the processor's resize).
fn global_scaled(original: Size, side: u32) -> Result<Size, EngineError> {
    let s = f64::from(side) / f64::from(original.long_side());
    let (w, h) = (pymath::round(f64::from(original.width) * s), pymath::round(f64::from(original.height) * s));
    if w < 1.0 || h < 1.0 {
        return Err(EngineError::ResizedToNothing { size: original });
    }
    Ok(Size::new(w as u32, h as u32))
}

/// The patch grid of one tile and its token grid after the pixel shuffle.
fn grids(spec: &TiledSpec) -> (Grid, Grid) {
    let patch_grid = Grid::new(spec.tile / spec.patch, spec.tile / spec.patch);
    (patch_grid, patch_grid.merged(spec.pixel_shuffle))
}

/// The tile grid the processor chose and where the image lies on it.
struct Selection {
    /// Index of the chosen grid among the candidates.
    chosen: usize,
    tile_grid: Grid,
    image_in_frame: Rect,
    resize: ResizeMode,
}

/// Chooses the tile grid; the candidates it compared go to `record` when given.
fn select(spec: &TiledSpec, original: Size, options: &Options, record: Option<&mut Vec<TileCandidate>>) -> Selection {
    let (chosen, best, image_in_frame, resize) = match spec.selection {
        // DeepSeek-OCR-2 tiles only an image whose long side exceeds a tile.
        TileSelection::ClosestAspect { .. } if spec.global.is_some() && original.long_side() <= spec.tile => {
            (0, Grid::new(0, 0), Rect::of(original), ResizeMode::KeepAspect)
        }
        TileSelection::ClosestAspect { min_tiles, max_tiles } => {
            let max_tiles = options.whole(MAX_TILES).map_or(max_tiles, |n| u32::try_from(n).unwrap_or(u32::MAX));
            let (chosen, best) = pick_closest_aspect(original, spec.tile, min_tiles, max_tiles, record);
            let g = best.grid;
            (chosen, g, Rect::of(Size::new(g.cols * spec.tile, g.rows * spec.tile)), ResizeMode::SquishToTiles)
        }
        TileSelection::LongestEdge { longest_edge } => {
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
            let max_tiles = options.whole(MAX_TILES).map_or(max_tiles, |n| u32::try_from(n).unwrap_or(u32::MAX));
            let (chosen, best) = pick_least_scaling(original, spec.tile, max_tiles, record);
            let g = best.grid;
            let fitted = fit_to_canvas(original, Size::new(g.cols * spec.tile, g.rows * spec.tile), spec.tile);
            let image_in_frame = Rect::new(0.0, 0.0, f64::from(fitted.width), f64::from(fitted.height));
            (chosen, g, image_in_frame, ResizeMode::FitAndPad)
        }
    };
    Selection { chosen, tile_grid: best, image_in_frame, resize }
}

/// The image's span for `tiles` (and the thumbnail, when the model adds one); returns the feature
/// tokens of all views (for a cross-attention model: its vision states, which are not in the span).
fn spans(spec: &TiledSpec, tiles: Grid, out: &mut impl Spans) -> u64 {
    let per_view = grids(spec).1.cells() + u64::from(spec.extra_per_tile);
    if let Some(global) = &spec.global {
        let side = u64::from(global.side / spec.patch / spec.pixel_shuffle.max(1));
        let TiledSequence::Placeholders { placeholder, .. } = spec.sequence else { return 0 };
        let image = |label, count| Span { kind: TokenKind::Image, text: placeholder, label, count };
        if tiles.cells() > 0 {
            out.push(image("tiles", per_view * tiles.cells()));
        }
        out.push(image("global view", side * side));
        out.push(image("view separator", global.separator));
        return per_view * tiles.cells() + side * side + global.separator;
    }
    let views = if tiles.cells() == 1 { 1 } else { tiles.cells() + u64::from(spec.thumbnail) };
    let features = per_view * views;
    match spec.sequence {
        TiledSequence::Placeholders { before, placeholder, after } => {
            let label = if views > tiles.cells() { "tiles and thumbnail" } else { "tiles" };
            out.wrap(before, Span { kind: TokenKind::Image, text: placeholder, label, count: features }, after);
        }
        TiledSequence::CrossAttention { marker } => out.push(Span {
            kind: TokenKind::Delimiter,
            text: marker,
            label: "image marker (features via cross-attention)",
            count: 1,
        }),
        TiledSequence::RowColTags { around, placeholder, tag_tokens, global_tokens } => {
            RowColTags { around, placeholder, tag_tokens, global_tokens, per_view }.spans(tiles, views, out)
        }
        TiledSequence::TileSeparators { start, placeholder, x_separator, y_separator, global, end } => {
            let delimiter = |text, label| Span { kind: TokenKind::Delimiter, text, label, count: 1 };
            let image = |label| Span { kind: TokenKind::Image, text: placeholder, label, count: per_view };
            out.push(delimiter(start, "image start"));
            if views > 1 {
                for _ in 0..tiles.rows {
                    for col in 0..tiles.cols {
                        out.push(image("tile"));
                        if col + 1 < tiles.cols {
                            out.push(delimiter(x_separator, "tile separator"));
                        }
                    }
                    out.push(delimiter(y_separator, "row separator"));
                }
            }
            out.push(delimiter(global, "global view marker"));
            out.push(image("global view"));
            out.push(delimiter(end, "image end"));
        }
    }
    features
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
    fn spans(&self, tiles: Grid, views: u64, out: &mut impl Spans) {
        let around = Span { kind: TokenKind::Delimiter, text: self.around, label: "image boundary", count: 1 };
        let image = |label| Span { kind: TokenKind::Image, text: self.placeholder, label, count: self.per_view };
        if views > 1 {
            for row in 0..tiles.rows {
                for col in 0..tiles.cols {
                    let text = ROW_COL_TAGS
                        .get(row as usize)
                        .and_then(|r| r.get(col as usize))
                        .copied()
                        .unwrap_or("<row_i_col_j>");
                    out.push(around.clone());
                    out.push(Span {
                        kind: TokenKind::Text,
                        text,
                        label: "tile tag <row_i_col_j>",
                        count: self.tag_tokens.into(),
                    });
                    out.push(image("tile"));
                }
                out.push(if row + 1 < tiles.rows {
                    Span { kind: TokenKind::Text, text: "\n", label: "row end", count: 1 }
                } else {
                    Span { kind: TokenKind::Text, text: "\n\n", label: "last row end + blank line", count: 1 }
                });
            }
        }
        out.push(around.clone());
        out.push(Span {
            kind: TokenKind::Text,
            text: "<global-img>",
            label: "global view tag",
            count: self.global_tokens.into(),
        });
        out.push(image("global view"));
        out.push(around);
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
    fn without_splitting_idefics3_sends_the_global_view_alone() {
        let off = Options::default().with("do_image_splitting", false);
        let plan = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1920, 1080), &off).unwrap();
        assert_eq!(plan.views.len(), 1);
        assert_eq!((plan.frame.width, plan.frame.height), (384, 384));
        let tiled = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1920, 1080), &Options::default()).unwrap();
        assert_eq!(tiled.views.len(), 4 * 3 + 1);
        assert_eq!(plan.feature_tokens, 81);
    }

    #[test]
    fn a_tiny_image_is_blown_up_to_sixteen_tiles_and_the_plan_says_so() {
        let plan = plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1, 1), &Options::default()).unwrap();
        assert_eq!(plan.views.len(), 17);
        assert!(plan.notes.iter().any(|n| n.starts_with("The image is upscaled 1536.0x")), "{:?}", plan.notes);
    }

    #[test]
    fn gemma_pan_and_scan_crops_point_into_their_own_runs() {
        let options = Options::default().with("pan_and_scan", true);
        let plan = plan_for("google/gemma-3-4b-it", Size::new(2048, 512), &options).unwrap();
        assert!(plan.views.len() > 1);
        let crop = plan.token_at(plan.views[1].rect.x + 1.0, plan.views[1].rect.y + 1.0).unwrap();
        assert_eq!(crop.view, 1);
        let run = plan.sequence.iter().enumerate().filter(|(_, s)| s.kind == TokenKind::Image).nth(1).unwrap().0;
        assert_eq!(crop.position, plan.sequence[..run].iter().map(|s| s.count).sum::<u64>());
    }
}
