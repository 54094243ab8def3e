//! Dynamic HD crops (Phi-4-multimodal): the image is fitted, aspect kept, into a canvas of
//! `crop`-px crops (as many as its sides need, or the closest-aspect grid of at most `max_crops`)
//! and padded right and below; the canvas is cut into crops and also squished to one crop as a
//! global view. The crops' tokens are joined into one grid over the canvas, its padding rows and
//! columns dropped, each row closed by a learned newline; a learned separator and the global view
//! (each row closed by a newline too) follow.

use super::error::EngineError;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{
    ChoiceRule, Head, Layout, Plan, ResizeMode, Span, TileCandidate, TiledChoice, TokenKind, TokenOrder, View,
    ViewRole, crop_views,
};
use super::pymath;
use super::sequence::{Count, Spans};

#[derive(Debug)]
pub struct DynamicHdSpec {
    /// Side of a crop and of the global view, in pixels (`size`).
    pub crop: u32,
    pub patch: u32,
    /// Average pooling of the patch grid, per side (the image embedding's `AvgPool2d(2, 2)`).
    pub pool: u32,
    /// The most crops (`dynamic_hd`).
    pub max_crops: u32,
    /// A side the processor refuses to fit the image below, in pixels.
    pub min_side: u32,
    /// The one placeholder every position of the image holds (`image_token`).
    pub placeholder: &'static str,
}

const DYNAMIC_HD: &str = "dynamic_hd";

pub(super) fn knobs(spec: &DynamicHdSpec) -> Vec<Knob> {
    vec![Knob {
        name: DYNAMIC_HD,
        kind: KnobKind::Whole { min: 1, max: 64 },
        default: KnobValue::Whole(u64::from(spec.max_crops)),
        meaning: "the most 448-px crops the image is fitted into (the global view not counted)",
        mirrors: DYNAMIC_HD,
    }]
}

/// The crop grid, its canvas, where the image lands on it and what of the joined token grid
/// reaches the sequence.
struct Geometry {
    grid: Grid,
    canvas: Size,
    /// The image fitted into the canvas (its top-left corner at the canvas's).
    fitted: Size,
    /// Token columns and rows of the joined crop grid that the sequence keeps.
    kept: Grid,
    /// The grids the closest-aspect search compared (empty when the image's own grid fits).
    candidates: Vec<TileCandidate>,
    chosen: usize,
}

/// `_get_crop_layout` and `_get_crop_attention_mask` of `Phi4MultimodalImageProcessor`.
fn geometry(spec: &DynamicHdSpec, original: Size, options: &Options) -> Result<Geometry, EngineError> {
    let max = options.whole(DYNAMIC_HD).map_or(spec.max_crops, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let side = f64::from(spec.crop);
    let (w, h) = (f64::from(original.width), f64::from(original.height));
    // math.ceil(orig / float(image_size)): exact for any u32 side.
    let (cols, rows) = ((w / side).ceil() as u64, (h / side).ceil() as u64);
    let mut candidates = Vec::new();
    let mut chosen = 0;
    let grid = if cols * rows > u64::from(max) {
        candidates = closest_aspect_candidates(original, max);
        let area = u128::from(original.area());
        let mut best_diff = f64::INFINITY;
        let mut best = Grid::new(1, 1);
        for (i, c) in candidates.iter().enumerate() {
            if c.score < best_diff {
                (best_diff, best, chosen) = (c.score, c.grid, i);
            } else if c.score == best_diff {
                // area > 0.5 * image_size² * i * j, compared exactly as Python compares int and float.
                let half_grid = u128::from(spec.crop).pow(2) * u128::from(c.grid.cells());
                if 2 * area > half_grid {
                    (best, chosen) = (c.grid, i);
                }
            }
        }
        best
    } else {
        // Both at most `max` (≤ 64) here.
        Grid::new(cols as u32, rows as u32)
    };
    let canvas = Size::new(grid.cols * spec.crop, grid.rows * spec.crop);
    let (tw, th) = (f64::from(canvas.width), f64::from(canvas.height));
    let (ratio_w, ratio_h) = (tw / w, th / h);
    // int(orig * ratio): truncation, in the processor's float order.
    let fitted = if ratio_w < ratio_h {
        Size::new(canvas.width, (h * ratio_w) as u32)
    } else {
        Size::new((w * ratio_h) as u32, canvas.height)
    };
    if fitted.height.min(canvas.height) < spec.min_side || fitted.width.min(canvas.width) < spec.min_side {
        return Err(EngineError::FittedSideTooShort { size: original, fitted, canvas, min: spec.min_side });
    }
    // Patch columns (rows) wholly in the padding are masked; the pooled grid keeps every other
    // patch from the first, so ceil(valid / pool) tokens a side remain.
    let mask = spec.crop / spec.patch;
    let valid = |cells: u32, padding: u32| {
        let masked = if padding >= spec.patch { padding / spec.patch } else { 0 };
        (cells * mask - masked).div_ceil(spec.pool)
    };
    let kept =
        Grid::new(valid(grid.cols, canvas.width - fitted.width), valid(grid.rows, canvas.height - fitted.height));
    Ok(Geometry { grid, canvas, fitted, kept, candidates, chosen })
}

/// The grids `(i, j)` with `i·j ≤ max`, in the order `sorted()` leaves Python's set of them
/// (stable by `i·j`: CPython's set order among equal counts), scored by how far `i / j` is from
/// the image's aspect ratio. The set is built from its elements in the order the comprehension
/// first meets them (`n` = max(i, j)): later repeats leave a set unchanged.
fn closest_aspect_candidates(original: Size, max: u32) -> Vec<TileCandidate> {
    let first_met = (1..=max).flat_map(|n| {
        let right = (1..n).map(move |i| (i, n));
        let bottom = (1..=n).map(move |j| (n, j));
        right.chain(bottom).filter(move |&(i, j)| u64::from(i) * u64::from(j) <= u64::from(max))
    });
    let mut order = pymath::set_order(first_met);
    order.sort_by_key(|&(i, j)| i * j);
    let aspect = original.aspect();
    order
        .into_iter()
        .map(|(i, j)| TileCandidate { grid: Grid::new(i, j), score: (aspect - f64::from(i) / f64::from(j)).abs() })
        .collect()
}

pub(super) fn plan(head: Head, spec: &DynamicHdSpec, original: Size, options: &Options) -> Result<Plan, EngineError> {
    let g = geometry(spec, original, options)?;
    let input = Size::new(spec.crop, spec.crop);
    let patches = Grid::new(spec.crop / spec.patch, spec.crop / spec.patch);
    let tokens = patches.merged(spec.pool);
    // In sequence order: the crops (their tokens joined into one grid), then the global view.
    let mut views: Vec<View> = crop_views(g.grid, spec.crop, patches, tokens).collect();
    views.push(View {
        role: ViewRole::Global,
        rect: Rect::of(g.canvas),
        input,
        patch_grid: patches,
        token_grid: tokens,
    });
    let mut sequence = Vec::new();
    spans(spec, g.kept, &mut sequence);
    let image_in_frame = Rect::new(0.0, 0.0, f64::from(g.fitted.width), f64::from(g.fitted.height));
    let layout = Layout { frame: g.canvas, image_in_frame, resize: ResizeMode::FitAndPad, views, sequence };
    let mut plan = Plan::new(head, original, layout);
    let joined = Grid::new(g.grid.cols * tokens.cols, g.grid.rows * tokens.rows);
    if g.kept != joined {
        plan.notes.push(format!(
            "The crops' {} x {} token grid keeps {} x {} (the padding's patches are masked out): {} tokens \
             of padding are never sent, though the vision tower encodes every crop whole.",
            joined.cols,
            joined.rows,
            g.kept.cols,
            g.kept.rows,
            joined.cells() - g.kept.cells()
        ));
    }
    Ok(Plan {
        token_order: TokenOrder::Stitched { kept: g.kept, gap: 1 },
        tiling: Some(TiledChoice {
            candidates: g.candidates,
            chosen: g.chosen,
            tile_grid: g.grid,
            rule: ChoiceRule::CLOSEST_ASPECT,
        }),
        ..plan
    })
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &DynamicHdSpec, original: Size, options: &Options) -> Result<Count, EngineError> {
    let mut count = Count::default();
    spans(spec, geometry(spec, original, options)?.kept, &mut count);
    Ok(count)
}

/// The image embedding's order (`hd_transform_order` "sub_glb"): the kept crop grid row by row,
/// each row closed by the learned newline; the learned separator; the global view's grid row by
/// row, each row closed by the newline. Every position holds the image placeholder.
fn spans(spec: &DynamicHdSpec, kept: Grid, out: &mut impl Spans) {
    let run = |kind, label, count| Span { kind, text: spec.placeholder, label, count };
    let side = spec.crop / spec.patch / spec.pool;
    for (grid, label) in [(kept, "HD crops"), (Grid::new(side, side), "global view")] {
        if label == "global view" {
            out.push(run(TokenKind::Image, "separator (learned)", 1));
        }
        for _ in 0..grid.rows {
            out.push(run(TokenKind::Image, label, u64::from(grid.cols)));
            out.push(run(TokenKind::Newline, "row newline", 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, Options};

    const PHI4: &str = "microsoft/Phi-4-multimodal-instruct";

    fn plan(size: Size, options: &Options) -> Result<Plan, EngineError> {
        engine::plan_for(PHI4, size, options)
    }

    #[test]
    fn vllm_counts_for_a_3136_px_square() {
        // vLLM's tests/models/multimodal/processing/test_phi4mm.py (the checkpoint's remote-code
        // processor): 7x7 crops' worth of pixels, capped by dynamic_hd to the square grid below it.
        for (hd, expected) in [(None, 9585), (Some(16), 4433), (Some(4), 1329)] {
            let options = hd.map_or_else(Options::default, |n| Options::default().with(DYNAMIC_HD, n));
            let p = plan(Size::new(3136, 3136), &options).unwrap();
            assert_eq!(p.feature_tokens, expected, "dynamic_hd {hd:?}");
            assert_eq!(p.tokens_in_sequence, expected);
        }
    }

    #[test]
    fn crops_tile_the_canvas_and_the_global_view_squishes_it_last() {
        // 1000x500: 3x2 crops' worth fits under 36; the image fills the canvas's width (1344 px)
        // and 672 of its 896 px rows.
        let p = plan(Size::new(1000, 500), &Options::default()).unwrap();
        assert_eq!(p.frame, Size::new(1344, 896));
        assert_eq!(p.image_in_frame, Rect::new(0.0, 0.0, 1344.0, 672.0));
        assert_eq!(p.views.len(), 7);
        assert_eq!(p.views[4].role, ViewRole::Crop { row: 1, col: 1 });
        assert_eq!(p.views[4].rect, Rect::new(448.0, 448.0, 448.0, 448.0));
        let global = p.views.last().unwrap();
        assert_eq!((global.role, global.rect), (ViewRole::Global, Rect::of(p.frame)));
        // 224 px of padding: 16 patch rows masked, 64 - 16 = 48 patch rows, 24 token rows of 48.
        assert_eq!(p.token_order, TokenOrder::Stitched { kept: Grid::new(48, 24), gap: 1 });
        assert_eq!(p.feature_tokens, 48 * 24 + 24 + 1 + 16 * 17);
        assert_eq!(p.padding_tokens, 0);
    }

    #[test]
    fn the_sequence_runs_crop_rows_across_crops_then_the_global_view() {
        let p = plan(Size::new(1000, 500), &Options::default()).unwrap();
        // Token 17 of the first row lies in the second crop (16 tokens a crop).
        let second_crop = p.spot(1, 1, 0).unwrap();
        assert_eq!(second_crop.position, 17);
        assert_eq!(second_crop.rect, Rect::new(476.0, 0.0, 28.0, 28.0));
        // The second row starts after 48 tokens and a newline.
        assert_eq!(p.spot(0, 0, 1).unwrap().position, 49);
        // Rows past the kept 24 (in the lower crops' padding) have no place.
        assert!(p.spot(3, 0, 8).is_none());
        assert_eq!(p.spot(3, 0, 7).unwrap().position, 23 * 49);
        // The global view follows the 24 rows of 49 and the separator.
        let global = p.views.len() - 1;
        assert_eq!(p.spot(global, 0, 0).unwrap().position, 24 * 49 + 1);
        assert_eq!(p.spot(global, 15, 15).unwrap().position, p.tokens_in_sequence - 2);
        assert_eq!(p.token_at_position(24 * 49).map(|s| s.view), None, "the separator is no view's token");
    }

    #[test]
    fn every_image_position_but_the_separator_is_one_views_token() {
        for (size, hd) in [(Size::new(1000, 500), 36), (Size::new(700, 300), 1), (Size::new(5000, 900), 4)] {
            let p = plan(size, &Options::default().with(DYNAMIC_HD, hd)).unwrap();
            let mut start = 0;
            for span in &p.sequence {
                for position in start..start + span.count {
                    let spot = p.token_at_position(position);
                    let expected = span.kind == TokenKind::Image && span.label != "separator (learned)";
                    assert_eq!(spot.is_some(), expected, "{size} position {position} ({})", span.label);
                    if let Some(s) = spot {
                        assert_eq!(s.position, position);
                        let global = p.views[s.view].role == ViewRole::Global;
                        assert_eq!(global, span.label == "global view", "{size} position {position}");
                    }
                }
                start += span.count;
            }
        }
    }

    #[test]
    fn a_side_under_ten_pixels_after_fitting_is_refused() {
        // 45x1 fits one crop as 448x9; 44x1 as 448x10.
        let err = plan(Size::new(45, 1), &Options::default()).unwrap_err();
        assert_eq!(
            err,
            EngineError::FittedSideTooShort {
                size: Size::new(45, 1),
                fitted: Size::new(448, 9),
                canvas: Size::new(448, 448),
                min: 10
            }
        );
        assert!(err.to_string().contains("448x9"), "{err}");
        assert!(plan(Size::new(44, 1), &Options::default()).is_ok());
    }

    #[test]
    fn the_closest_aspect_grid_prefers_the_larger_of_equal_ratios_for_a_large_image() {
        // 8000x1000 needs 18x3 crops: over 36, so the closest ratio wins: 8:1 is (8, 1) and (16, 2),
        // and the image (8 MP) has more than half of (16, 2)'s 3.2 MP.
        let p = plan(Size::new(8000, 1000), &Options::default()).unwrap();
        let t = p.tiling.as_ref().unwrap();
        assert_eq!(t.tile_grid, Grid::new(16, 2));
        assert_eq!(t.candidates[t.chosen].grid, Grid::new(16, 2));
        assert_eq!(t.candidates.len(), 140);
        // One crop at most: the global view and one crop, the image squeezed into 448 px.
        let one = plan(Size::new(8000, 1000), &Options::default().with(DYNAMIC_HD, 1)).unwrap();
        assert_eq!(one.tiling.unwrap().tile_grid, Grid::new(1, 1));
        assert_eq!(one.image_in_frame, Rect::new(0.0, 0.0, 448.0, 56.0));
    }

    #[test]
    fn candidates_are_in_pythons_sorted_set_order() {
        // CPython 3.11: sorted({(i, j) for n in range(1, 17) for i in range(1, n + 1)
        //   for j in range(1, n + 1) if 1 <= i * j <= 16}, key=lambda x: x[0] * x[1])
        #[rustfmt::skip]
        let expected = [
            (1, 1), (1, 2), (2, 1), (3, 1), (1, 3), (2, 2), (4, 1), (1, 4), (5, 1), (1, 5), (1, 6), (6, 1),
            (3, 2), (2, 3), (7, 1), (1, 7), (4, 2), (2, 4), (1, 8), (8, 1), (1, 9), (3, 3), (9, 1), (2, 5),
            (5, 2), (10, 1), (1, 10), (11, 1), (1, 11), (12, 1), (3, 4), (4, 3), (1, 12), (6, 2), (2, 6),
            (13, 1), (1, 13), (14, 1), (2, 7), (1, 14), (7, 2), (1, 15), (5, 3), (15, 1), (3, 5), (1, 16),
            (2, 8), (16, 1), (8, 2), (4, 4),
        ];
        let got: Vec<(u32, u32)> =
            closest_aspect_candidates(Size::new(1, 1), 16).iter().map(|c| (c.grid.cols, c.grid.rows)).collect();
        assert_eq!(got, expected);
    }
}
