//! Overlapping crops (Molmo2): a low-resolution view of the whole image, then crops of `crop` px
//! on a canvas of whole windows, each overlapping its neighbours by the margins; the patches of
//! the margins are dropped and the kept grid over the whole canvas is pooled 2x2. Both grids
//! reach the sequence row by row, each row closed by a column token.

use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{
    ChoiceRule, Head, Layout, Plan, ResizeMode, Span, TileCandidate, TiledChoice, TokenKind, TokenOrder, View, ViewRole,
};
use super::sequence::{Count, Spans};

#[derive(Debug)]
pub struct OverlapSpec {
    pub crop: u32,
    pub patch: u32,
    /// Patches dropped on each side of a crop where it overlaps (left/top, right/bottom).
    pub margins: (u32, u32),
    pub pool: u32,
    pub max_crops: u32,
    pub placeholder: &'static str,
    pub col: &'static str,
    /// Whether the low-resolution view's rows are closed by `col` too (`use_single_crop_col_tokens`).
    pub low_res_col: bool,
    pub low_res_start: &'static str,
    pub start: &'static str,
    pub end: &'static str,
}

const MAX_CROPS: &str = "max_crops";

pub(super) fn knobs(spec: &OverlapSpec) -> Vec<Knob> {
    vec![Knob {
        name: MAX_CROPS,
        kind: KnobKind::Whole { min: 1, max: 64 },
        default: KnobValue::Whole(u64::from(spec.max_crops)),
        meaning: "the most overlapping crops (the low-resolution view not counted)",
        mirrors: "max_crops",
    }]
}

/// The crop grid, its canvas, and the pooled grids of the low-resolution view and the canvas.
struct Geometry {
    tiling: Grid,
    canvas: Size,
    low: Grid,
    high: Grid,
    candidates: Vec<TileCandidate>,
    chosen: usize,
}

/// `select_tiling` on the image less the margins, in float32 as the processor's torch tensors:
/// each (rows, cols) with rows·cols ≤ `max` (sorted by count, then rows) needs the scale
/// min(rows·window / h, cols·window / w); the least scale of at least 1 wins, else the largest.
fn geometry(spec: &OverlapSpec, original: Size, options: &Options) -> Geometry {
    let max = options.whole(MAX_CROPS).map_or(spec.max_crops, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let margin = (spec.margins.0 + spec.margins.1) * spec.patch;
    let window = (spec.crop / spec.patch - spec.margins.0 - spec.margins.1) * spec.patch;
    let mut tilings: Vec<(u32, u32)> =
        (1..=max).flat_map(|r| (1..=max).map(move |c| (r, c))).filter(|(r, c)| r * c <= max).collect();
    tilings.sort_by_key(|&(r, c)| (r * c, r));
    let (h, w) = (
        (i64::from(original.height) - i64::from(margin)) as f32,
        (i64::from(original.width) - i64::from(margin)) as f32,
    );
    let scales: Vec<f32> =
        tilings.iter().map(|&(r, c)| ((r * window) as f32 / h).min((c * window) as f32 / w)).collect();
    let first_best = |pick: &dyn Fn(f32, f32) -> bool, of: &dyn Fn(f32) -> f32| {
        let mut best = 0;
        for (i, &s) in scales.iter().enumerate() {
            if pick(of(s), of(scales[best])) {
                best = i;
            }
        }
        best
    };
    let chosen = if scales.iter().all(|&s| s < 1.0) {
        first_best(&|a, b| a > b, &|s| s)
    } else {
        first_best(&|a, b| a < b, &|s| if s < 1.0 { 10e9 } else { s })
    };
    let (rows, cols) = tilings.get(chosen).copied().unwrap_or((1, 1));
    let canvas = Size::new(cols * window + margin, rows * window + margin);
    let pooled = |side: u32| (side / spec.patch).div_ceil(spec.pool);
    let candidates = tilings
        .iter()
        .zip(&scales)
        .map(|(&(r, c), &s)| TileCandidate { grid: Grid::new(c, r), score: f64::from(s) })
        .collect();
    Geometry {
        tiling: Grid::new(cols, rows),
        canvas,
        low: Grid::new(pooled(spec.crop), pooled(spec.crop)),
        high: Grid::new(pooled(canvas.width), pooled(canvas.height)),
        candidates,
        chosen,
    }
}

pub(super) fn plan(head: Head, spec: &OverlapSpec, original: Size, options: &Options) -> Plan {
    let g = geometry(spec, original, options);
    let input = Size::new(spec.crop, spec.crop);
    let patches = Grid::new(spec.crop / spec.patch, spec.crop / spec.patch);
    let mut views =
        vec![View { role: ViewRole::Global, rect: Rect::of(g.canvas), input, patch_grid: patches, token_grid: g.low }];
    let window = spec.crop - (spec.margins.0 + spec.margins.1) * spec.patch;
    for row in 0..g.tiling.rows {
        for col in 0..g.tiling.cols {
            let rect =
                Rect::new(f64::from(col * window), f64::from(row * window), f64::from(spec.crop), f64::from(spec.crop));
            views.push(View {
                role: ViewRole::Crop { row, col },
                rect,
                input,
                patch_grid: patches,
                token_grid: patches.merged(spec.pool),
            });
        }
    }
    let mut sequence = Vec::new();
    spans(spec, &g, &mut sequence);
    let layout =
        Layout { frame: g.canvas, image_in_frame: Rect::of(g.canvas), resize: ResizeMode::Squish, views, sequence };
    let plan = Plan::new(head, original, layout);
    Plan {
        // The pooled canvas grid spans the crops; pointing at one of its tokens is not drawn yet.
        token_order: TokenOrder::NotInSequence,
        tiling: Some(TiledChoice {
            candidates: g.candidates,
            chosen: g.chosen,
            tile_grid: g.tiling,
            rule: ChoiceRule {
                rule: "the least upscaling of your image less its overlap margins (else the least downscaling), \
                       the first in order of crop count",
                score: "scale",
            },
        }),
        ..plan
    }
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &OverlapSpec, original: Size, options: &Options) -> Count {
    let mut count = Count::default();
    spans(spec, &geometry(spec, original, options), &mut count);
    count
}

/// `<low_res_im_start>`, the low-resolution grid row by row (each row closed by `<im_col>` where
/// `low_res_col`), `<im_end>`; then `<im_start>`, the canvas grid, each row closed by `<im_col>`,
/// `<im_end>`.
fn spans(spec: &OverlapSpec, g: &Geometry, out: &mut impl Spans) {
    let delimiter = |text, label| Span { kind: TokenKind::Delimiter, text, label, count: 1 };
    for (start, grid, label, col) in [
        (spec.low_res_start, g.low, "low-resolution view", spec.low_res_col),
        (spec.start, g.high, "crops (pooled)", true),
    ] {
        out.push(delimiter(start, "image start"));
        for _ in 0..grid.rows {
            out.push(Span { kind: TokenKind::Image, text: spec.placeholder, label, count: u64::from(grid.cols) });
            if col {
                out.push(delimiter(spec.col, "row end"));
            }
        }
        out.push(delimiter(spec.end, "image end"));
    }
}
