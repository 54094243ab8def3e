//! Dynamic resolution (Qwen2-VL, Qwen2.5-VL, Qwen3-VL, Qwen3.5, GLM-4.1V/4.5V/4.6V, Pixtral): the
//! aspect ratio is kept, each side is fitted to whole tokens, and the area or the longest edge is
//! capped.

use super::error::EngineError;
use super::error::PILLOW_MAX_PIXELS;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{Head, Layout, MergeSite, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::pymath;
use super::sequence::{Count, Piece, Spans};

/// How a dynamic-resolution model sizes the image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DynamicResize {
    /// `smart_resize`: sides rounded to the token size, area clamped to
    /// `[min_pixels, max_pixels]`, aspect ratios above `max_aspect_ratio` refused; `flavour` says
    /// whose.
    Smart { min_pixels: u64, max_pixels: u64, max_aspect_ratio: f64, flavour: SmartFlavour },
    /// Pixtral: scaled down so neither side exceeds `longest_edge`, then each side rounded up
    /// to whole patches.
    LongestEdge { longest_edge: u32 },
    /// Gemma 4 (`get_aspect_ratio_preserving_size`): scaled (up or down) to the area of
    /// `max_soft_tokens` tokens, each side then floored to whole tokens; a side that floors to
    /// nothing is one token, the other its share of the budget. About the same count for every
    /// size: the budget is the knob, one of [`SOFT_TOKEN_BUDGETS`].
    SoftTokenBudget { max_soft_tokens: u32 },
}

/// The budgets Gemma 4's image processor accepts (`_SUPPORTED_SOFT_TOKENS`).
pub const SOFT_TOKEN_BUDGETS: [u64; 5] = [70, 140, 280, 560, 1120];

/// Whose `smart_resize` a dynamic model follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmartFlavour {
    /// Qwen2-VL's (`image_processing_qwen2_vl.smart_resize`): the area limits apply to the image.
    Qwen,
    /// GLM-4.1V's (`image_processing_glm4v.smart_resize`): a side under the token size is first
    /// scaled up to it (truncated to whole pixels), and the image counts as `frames` identical
    /// frames (its temporal patch), so the limits apply to `frames` times its area.
    Glm { frames: u32 },
    /// Ovis2.5's (`image_processing_ovis2_5.smart_resize`): a side under the token size is
    /// scaled up to it (the other side rounded, aspect ratio unchecked); otherwise an aspect ratio
    /// over `max_aspect_ratio` is clamped, not refused; a side scaled down to 0 px is not held at
    /// one token, and the processor then fails.
    Ovis,
}

impl SmartFlavour {
    /// The frames an image counts as against the area limits (the chart divides them by it).
    pub fn frames(self) -> f64 {
        match self {
            Self::Qwen | Self::Ovis => 1.0,
            Self::Glm { frames } => f64::from(frames.max(1)),
        }
    }
}

/// How the image's tokens are laid out in the sequence.
#[derive(Debug)]
pub enum RowLayout {
    /// One run of placeholders between `before` and `after`.
    Flat { before: &'static [Piece], after: &'static [Piece] },
    /// Each row of tokens ends with `row_break`, the last with `end` instead (Pixtral).
    BreakEachRow { row_break: &'static str, end: &'static str },
}

#[derive(Debug)]
pub struct DynamicSpec {
    pub patch: u32,
    /// Patches per token along each side (the merger; 1: none).
    pub merge: u32,
    /// Where the merge happens: in the encoder (Qwen, GLM) or in the projector (Mistral 3).
    pub merge_site: MergeSite,
    pub resize: DynamicResize,
    pub placeholder: &'static str,
    pub layout: RowLayout,
}

const MIN_PIXELS: &str = "min_pixels";
const MAX_PIXELS_KNOB: &str = "max_pixels";
const LONGEST_EDGE: &str = "longest_edge";
const SOFT_TOKENS: &str = "max_soft_tokens";

/// `smart_resize`'s pixel limits (Pixtral's longest edge is fixed by the checkpoint).
pub(super) fn knobs(spec: &DynamicSpec) -> Vec<Knob> {
    let (min_pixels, max_pixels) = match spec.resize {
        DynamicResize::Smart { min_pixels, max_pixels, .. } => (min_pixels, max_pixels),
        DynamicResize::LongestEdge { longest_edge } => {
            return vec![Knob {
                name: LONGEST_EDGE,
                kind: KnobKind::Whole { min: 1, max: u64::from(super::error::MAX_SIDE) },
                default: KnobValue::Whole(u64::from(longest_edge)),
                meaning: "the longest side an image is scaled down to (the processor's size[\"longest_edge\"])",
                mirrors: "size[\"longest_edge\"]",
            }];
        }
        DynamicResize::SoftTokenBudget { max_soft_tokens } => {
            return vec![Knob {
                name: SOFT_TOKENS,
                kind: KnobKind::Whole { min: SOFT_TOKEN_BUDGETS[0], max: SOFT_TOKEN_BUDGETS[4] },
                default: KnobValue::Whole(u64::from(max_soft_tokens)),
                meaning: "the image's token budget: 70, 140, 280, 560 or 1120 (the area is scaled to it, aspect kept)",
                mirrors: "max_soft_tokens",
            }];
        }
    };
    let whole = KnobKind::Whole { min: 1, max: PILLOW_MAX_PIXELS };
    vec![
        Knob {
            name: MIN_PIXELS,
            kind: whole,
            default: KnobValue::Whole(min_pixels),
            meaning: "the smallest area smart_resize scales an image up to (the processor's size[\"shortest_edge\"])",
            mirrors: "min_pixels",
        },
        Knob {
            name: MAX_PIXELS_KNOB,
            kind: whole,
            default: KnobValue::Whole(max_pixels),
            meaning: "the largest area smart_resize scales an image down to (the processor's size[\"longest_edge\"])",
            mirrors: "max_pixels",
        },
    ]
}

/// `min_pixels` may not exceed `max_pixels` (either set or the checkpoint's).
pub(super) fn check(spec: &DynamicSpec, options: &Options) -> Result<(), EngineError> {
    if let Some(budget) = options.whole(SOFT_TOKENS).filter(|b| !SOFT_TOKEN_BUDGETS.contains(b)) {
        return Err(EngineError::InvalidOption {
            name: SOFT_TOKENS.to_owned(),
            reason: format!("max_soft_tokens must be one of 70, 140, 280, 560, 1120 (the processor's), got {budget}"),
        });
    }
    let DynamicResize::Smart { min_pixels, max_pixels, .. } = spec.resize else { return Ok(()) };
    let min = options.whole(MIN_PIXELS).unwrap_or(min_pixels);
    let max = options.whole(MAX_PIXELS_KNOB).unwrap_or(max_pixels);
    if min > max {
        return Err(EngineError::InvalidOption {
            name: MIN_PIXELS.to_owned(),
            reason: format!("min_pixels {min} is above max_pixels {max}"),
        });
    }
    Ok(())
}

pub(super) fn plan(head: Head, spec: &DynamicSpec, original: Size, options: &Options) -> Result<Plan, EngineError> {
    let frame = frame(spec, original, options)?;
    let (patch_grid, token_grid) = grids(spec, frame);
    let mut sequence = Vec::new();
    spans(spec, token_grid, &mut sequence);
    let plan = Plan::new(
        head,
        original,
        Layout {
            frame,
            image_in_frame: Rect::of(frame),
            resize: ResizeMode::KeepAspect,
            views: vec![View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid, token_grid }],
            sequence,
        },
    );
    if matches!(spec.layout, RowLayout::BreakEachRow { .. }) {
        // Pixtral: no lead, and each row of [IMG] closes with [IMG_BREAK] (the last with [IMG_END]).
        return Ok(Plan { token_order: TokenOrder::RowMajor { lead: 0, row_break: true, views: 1 }, ..plan });
    }
    Ok(plan)
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &DynamicSpec, original: Size, options: &Options) -> Result<Count, EngineError> {
    let (_, token_grid) = grids(spec, frame(spec, original, options)?);
    let mut count = Count::default();
    spans(spec, token_grid, &mut count);
    Ok(count)
}

/// The size the image is resized to.
fn frame(spec: &DynamicSpec, original: Size, options: &Options) -> Result<Size, EngineError> {
    match spec.resize {
        DynamicResize::Smart { min_pixels, max_pixels, max_aspect_ratio, flavour } => {
            let (min, max) =
                (options.whole(MIN_PIXELS).unwrap_or(min_pixels), options.whole(MAX_PIXELS_KNOB).unwrap_or(max_pixels));
            match flavour {
                SmartFlavour::Qwen => smart_resize(original, spec.patch * spec.merge, min, max, max_aspect_ratio),
                SmartFlavour::Glm { frames } => {
                    glm_smart_resize(original, spec.patch * spec.merge, min, max, max_aspect_ratio, frames)
                }
                SmartFlavour::Ovis => ovis_smart_resize(original, spec.patch * spec.merge, min, max, max_aspect_ratio),
            }
        }
        // PixtralProcessor hands the image processor patch_size * spatial_merge_size: the sides
        // are rounded up to whole merged tokens (Mistral Small 3.1's 28 px; Pixtral 12B's 16).
        DynamicResize::LongestEdge { longest_edge } => {
            let longest_edge =
                options.whole(LONGEST_EDGE).map_or(longest_edge, |v| u32::try_from(v).unwrap_or(u32::MAX));
            cap_longest_edge(original, longest_edge, spec.patch * spec.merge)
        }
        DynamicResize::SoftTokenBudget { max_soft_tokens } => {
            let budget = options.whole(SOFT_TOKENS).unwrap_or(u64::from(max_soft_tokens));
            Ok(soft_token_budget(original, spec.patch, spec.merge, budget))
        }
    }
}

/// Gemma 4's `get_aspect_ratio_preserving_size` with `max_patches = budget · pool²`, in the
/// processor's float operations and order (a side landing just under a whole token loses it, as
/// in the reference): the largest size of whole `patch · pool` blocks within the budget's area.
pub fn soft_token_budget(size: Size, patch: u32, pool: u32, budget: u64) -> Size {
    let side = f64::from(patch * pool);
    let target_px = (budget * u64::from(pool) * u64::from(pool) * u64::from(patch) * u64::from(patch)) as f64;
    let factor = (target_px / size.area() as f64).sqrt();
    let (h, w) = (f64::from(size.height), f64::from(size.width));
    let mut th = (factor * h / side).floor() * side;
    let mut tw = (factor * w / side).floor() * side;
    // Both sides vanish only below one token of area, which the budgets never allow.
    let longest = budget as f64 * side;
    if th == 0.0 {
        th = side;
        tw = ((w / h).floor() * side).min(longest);
    } else if tw == 0.0 {
        tw = side;
        th = ((h / w).floor() * side).min(longest);
    }
    Size::new((tw as u32).max(patch * pool), (th as u32).max(patch * pool))
}

/// The patch grid of `frame` and the token grid after the merger.
fn grids(spec: &DynamicSpec, frame: Size) -> (Grid, Grid) {
    let patch_grid = Grid::new(frame.width / spec.patch, frame.height / spec.patch);
    (patch_grid, patch_grid.merged(spec.merge))
}

/// The image's span: one run of placeholders, or (Pixtral) one per row, each closed by a break.
fn spans(spec: &DynamicSpec, token_grid: Grid, out: &mut impl Spans) {
    let image = |count: u64, label| Span { kind: TokenKind::Image, text: spec.placeholder, label, count };
    match spec.layout {
        RowLayout::Flat { before, after } => out.wrap(before, image(token_grid.cells(), "image tokens"), after),
        RowLayout::BreakEachRow { row_break, end } => {
            for row in 0..token_grid.rows {
                let last = row + 1 == token_grid.rows;
                let (text, label) = if last { (end, "end of image") } else { (row_break, "row break") };
                out.push(image(u64::from(token_grid.cols), "image tokens"));
                out.push(Span { kind: TokenKind::Delimiter, text, label, count: 1 });
            }
        }
    }
}

/// Pixtral's `get_resize_output_image_size`: scaled down (floor) so neither side exceeds
/// `longest_edge`, then each side rounded up to whole `patch`es (the merged token's side).
pub fn cap_longest_edge(size: Size, longest_edge: u32, patch: u32) -> Result<Size, EngineError> {
    let (mut h, mut w) = (f64::from(size.height), f64::from(size.width));
    let ratio = (h / f64::from(longest_edge)).max(w / f64::from(longest_edge));
    if ratio > 1.0 {
        h = (h / ratio).floor();
        w = (w / ratio).floor();
    }
    if h < 1.0 || w < 1.0 {
        return Err(EngineError::VanishingSide { size, limit: longest_edge });
    }
    let tokens = |v: f64| (v as u32 - 1) / patch + 1;
    Ok(Size::new(tokens(w) * patch, tokens(h) * patch))
}

/// GLM-4.1V's `smart_resize(num_frames=t, ..., temporal_factor=t)` for one image: a side under
/// `factor` is scaled up to it first (Python's `int()`), then as Qwen's, but with the area of
/// `frames` frames held to the limits.
pub fn glm_smart_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    max_aspect_ratio: f64,
    frames: u32,
) -> Result<Size, EngineError> {
    let (mut h, mut w, f) = (f64::from(size.height), f64::from(size.width), f64::from(factor));
    if h < f || w < f {
        let scale = (f / h).max(f / w);
        h = (h * scale).trunc();
        w = (w * scale).trunc();
    }
    let ratio = h.max(w) / h.min(w);
    if ratio > max_aspect_ratio {
        return Err(EngineError::AspectRatioTooExtreme { size, ratio, limit: max_aspect_ratio });
    }
    let t = f64::from(frames.max(1));
    let mut h_bar = pymath::round(h / f) * f;
    let mut w_bar = pymath::round(w / f) * f;
    if t * h_bar * w_bar > max_pixels as f64 {
        let beta = ((t * h * w) / max_pixels as f64).sqrt();
        h_bar = f.max((h / beta / f).floor() * f);
        w_bar = f.max((w / beta / f).floor() * f);
    } else if t * h_bar * w_bar < min_pixels as f64 {
        let beta = (min_pixels as f64 / (t * h * w)).sqrt();
        h_bar = (h * beta / f).ceil() * f;
        w_bar = (w * beta / f).ceil() * f;
    }
    whole_sides(size, w_bar, h_bar)
}

/// Ovis2.5's `smart_resize`: a side under `factor` is scaled up to it first (the other side by
/// Python's `round`); else an aspect ratio over `max_aspect_ratio` is clamped by shortening the
/// long side. Then as Qwen's, except that scaling down does not hold a side at `factor`: a side
/// that reaches 0 px is an error (the processor cannot resize to it).
pub fn ovis_smart_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    max_aspect_ratio: f64,
) -> Result<Size, EngineError> {
    let (mut h, mut w, f) = (f64::from(size.height), f64::from(size.width), f64::from(factor));
    if h < f || w < f {
        if h < w {
            w = pymath::round(f / h * w);
            h = f;
        } else {
            h = pymath::round(f / w * h);
            w = f;
        }
    } else if h.max(w) / h.min(w) > max_aspect_ratio {
        if h > w {
            h = max_aspect_ratio * w;
        } else {
            w = max_aspect_ratio * h;
        }
    }
    let mut h_bar = pymath::round(h / f) * f;
    let mut w_bar = pymath::round(w / f) * f;
    if h_bar * w_bar > max_pixels as f64 {
        let beta = ((h * w) / max_pixels as f64).sqrt();
        h_bar = (h / beta / f).floor() * f;
        w_bar = (w / beta / f).floor() * f;
    } else if h_bar * w_bar < min_pixels as f64 {
        let beta = (min_pixels as f64 / (h * w)).sqrt();
        h_bar = (h * beta / f).ceil() * f;
        w_bar = (w * beta / f).ceil() * f;
    }
    if h_bar < 1.0 || w_bar < 1.0 {
        return Err(EngineError::ResizedToNothing { size });
    }
    whole_sides(size, w_bar, h_bar)
}

/// `smart_resize` of `transformers/models/qwen2_vl/image_processing_qwen2_vl.py`: both sides a
/// multiple of `factor`, area within `[min_pixels, max_pixels]`, aspect ratio nearly kept.
pub fn smart_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    max_aspect_ratio: f64,
) -> Result<Size, EngineError> {
    let (h, w, f) = (f64::from(size.height), f64::from(size.width), f64::from(factor));
    let ratio = h.max(w) / h.min(w);
    if ratio > max_aspect_ratio {
        return Err(EngineError::AspectRatioTooExtreme { size, ratio, limit: max_aspect_ratio });
    }
    let mut h_bar = pymath::round(h / f) * f;
    let mut w_bar = pymath::round(w / f) * f;
    if h_bar * w_bar > max_pixels as f64 {
        let beta = ((h * w) / max_pixels as f64).sqrt();
        h_bar = f.max((h / beta / f).floor() * f);
        w_bar = f.max((w / beta / f).floor() * f);
    } else if h_bar * w_bar < min_pixels as f64 {
        let beta = (min_pixels as f64 / (h * w)).sqrt();
        h_bar = (h * beta / f).ceil() * f;
        w_bar = (w * beta / f).ceil() * f;
    }
    whole_sides(size, w_bar, h_bar)
}

/// The resized sides as whole pixels, or the error for limits that give an impossible side.
fn whole_sides(size: Size, w_bar: f64, h_bar: f64) -> Result<Size, EngineError> {
    let side = |v: f64| -> Result<u32, EngineError> {
        if v >= 1.0 && v <= f64::from(u32::MAX) {
            Ok(v as u32)
        } else {
            Err(EngineError::InvalidOption {
                name: "min_pixels".into(),
                reason: format!(
                    "resizing {size} to these pixel limits gives an impossible side ({})",
                    if v >= 1.0 { format!("over {} px", u32::MAX) } else { format!("{v:.0} px") }
                ),
            })
        }
    };
    Ok(Size::new(side(w_bar)?, side(h_bar)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qwen(w: u32, h: u32) -> Size {
        smart_resize(Size::new(w, h), 28, 3136, 12_845_056, 200.0).unwrap()
    }

    #[test]
    fn rounds_each_side_to_the_nearest_multiple_with_ties_to_even() {
        assert_eq!(qwen(640, 480), Size::new(644, 476));
        // 70 / 28 = 2.5 rounds down to 2 (Python's round); rounding half up would give 84.
        assert_eq!(qwen(70, 70), Size::new(56, 56));
        // 42 / 28 = 1.5 rounds up to 2, 98 / 28 = 3.5 rounds up to 4: both to the even neighbour.
        assert_eq!(qwen(42, 98), Size::new(56, 112));
    }

    #[test]
    fn clamps_area_to_max_pixels() {
        let s = qwen(6000, 6000);
        assert_eq!(s, Size::new(3584, 3584));
        assert!(s.area() <= 12_845_056);
    }

    #[test]
    fn refuses_aspect_ratios_over_200() {
        let err = smart_resize(Size::new(201, 1), 28, 3136, 12_845_056, 200.0).unwrap_err();
        assert!(matches!(err, EngineError::AspectRatioTooExtreme { .. }));
        assert!(smart_resize(Size::new(200, 1), 28, 3136, 12_845_056, 200.0).is_ok());
    }
}
