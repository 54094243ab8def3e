//! Dynamic resolution (Qwen2-VL, Qwen2.5-VL, Qwen3-VL, Qwen3.5, GLM-4.1V/4.5V/4.6V, Pixtral): the
//! aspect ratio is kept, each side is fitted to whole tokens, and the area or the longest edge is
//! capped.

use super::error::EngineError;
use super::error::PILLOW_MAX_PIXELS;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{Head, Layout, MergeSite, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::resize::{
    cap_longest_edge, glm_smart_resize, glm5_aligned, navit_resize, nemotron_grid, ovis_smart_resize, smart_resize,
    soft_token_budget,
};
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
    /// GLM-5.3 ([`glm5_aligned`]): a budget of `min_tokens..=max_tokens` tokens over `frames`
    /// frames, sides aligned up, the image scaled and padded onto the canvas.
    AlignedTokenBudget { min_tokens: u64, max_tokens: u64, frames: u32 },
    /// Kimi K2.5/K2.6 ([`navit_resize`]): never upscaled; at most `max_patches` patches and
    /// `max_side` patches a side; padded to whole tokens.
    NoUpscale { max_patches: u64, max_side: u32 },
    /// Nemotron Omni ([`nemotron_grid`]): squished to a patch grid of `min_patches..=max_patches`
    /// (0: uncapped, then the context's `max_model_len` sets the budget).
    PatchBudget { min_patches: u64, max_patches: u64, max_model_len: u64 },
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
const MIN_IMAGE_TOKENS: &str = "min_image_tokens";
const MAX_IMAGE_TOKENS: &str = "max_image_tokens";
const MAX_PATCHES: &str = "max_patches";
const MAX_SIDE_PATCHES: &str = "max_side_patches";
const MIN_NUM_PATCHES: &str = "min_num_patches";
const MAX_NUM_PATCHES: &str = "max_num_patches";

/// A whole-number knob.
const fn whole(
    name: &'static str,
    min: u64,
    max: u64,
    default: u64,
    meaning: &'static str,
    mirrors: &'static str,
) -> Knob {
    Knob { name, kind: KnobKind::Whole { min, max }, default: KnobValue::Whole(default), meaning, mirrors }
}

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
        DynamicResize::AlignedTokenBudget { min_tokens, max_tokens, .. } => {
            return vec![
                whole(
                    MIN_IMAGE_TOKENS,
                    1,
                    1 << 20,
                    min_tokens,
                    "the fewest tokens an image is scaled up to",
                    "min_image_tokens",
                ),
                whole(
                    MAX_IMAGE_TOKENS,
                    1,
                    1 << 20,
                    max_tokens,
                    "the most tokens an image is scaled down to",
                    "max_image_tokens",
                ),
            ];
        }
        DynamicResize::NoUpscale { max_patches, max_side } => {
            return vec![
                whole(
                    MAX_PATCHES,
                    1,
                    1 << 24,
                    max_patches,
                    "the most 14-px patches an image is scaled down to (never up)",
                    "max_patches",
                ),
                whole(
                    MAX_SIDE_PATCHES,
                    1,
                    1 << 16,
                    u64::from(max_side),
                    "the most patches along either side",
                    "size[\"max_height\"]",
                ),
            ];
        }
        DynamicResize::PatchBudget { min_patches, max_patches, .. } => {
            return vec![
                whole(
                    MIN_NUM_PATCHES,
                    1,
                    1 << 20,
                    min_patches,
                    "the fewest 16-px patches an image is scaled to",
                    "min_num_patches",
                ),
                whole(
                    MAX_NUM_PATCHES,
                    0,
                    1 << 20,
                    max_patches,
                    "the most 16-px patches (0: as many as the context allows)",
                    "max_num_patches",
                ),
            ];
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
    let (frame, content) = frame(spec, original, options)?;
    let (patch_grid, token_grid) = grids(spec, frame);
    let mut sequence = Vec::new();
    spans(spec, token_grid, &mut sequence);
    let plan = Plan::new(
        head,
        original,
        Layout {
            frame,
            image_in_frame: Rect::of(content),
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
    let (_, token_grid) = grids(spec, frame(spec, original, options)?.0);
    let mut count = Count::default();
    spans(spec, token_grid, &mut count);
    Ok(count)
}

/// The size the image is resized to, and the part of it the image covers (less than all of it
/// where the processor pads).
fn frame(spec: &DynamicSpec, original: Size, options: &Options) -> Result<(Size, Size), EngineError> {
    let whole_of = |name, default| options.whole(name).unwrap_or(default);
    let factor = spec.patch * spec.merge;
    let resized = match spec.resize {
        DynamicResize::Smart { min_pixels, max_pixels, max_aspect_ratio, flavour } => {
            let (min, max) = (whole_of(MIN_PIXELS, min_pixels), whole_of(MAX_PIXELS_KNOB, max_pixels));
            match flavour {
                SmartFlavour::Qwen => smart_resize(original, factor, min, max, max_aspect_ratio)?,
                SmartFlavour::Glm { frames } => glm_smart_resize(original, factor, min, max, max_aspect_ratio, frames)?,
                SmartFlavour::Ovis => ovis_smart_resize(original, factor, min, max, max_aspect_ratio)?,
            }
        }
        // PixtralProcessor hands the image processor patch_size * spatial_merge_size: the sides
        // are rounded up to whole merged tokens (Mistral Small 3.1's 28 px; Pixtral 12B's 16).
        DynamicResize::LongestEdge { longest_edge } => {
            let longest_edge = u32::try_from(whole_of(LONGEST_EDGE, u64::from(longest_edge))).unwrap_or(u32::MAX);
            cap_longest_edge(original, longest_edge, factor)?
        }
        DynamicResize::SoftTokenBudget { max_soft_tokens } => {
            soft_token_budget(original, spec.patch, spec.merge, whole_of(SOFT_TOKENS, u64::from(max_soft_tokens)))
        }
        DynamicResize::AlignedTokenBudget { min_tokens, max_tokens, frames } => {
            let (min, max) = (whole_of(MIN_IMAGE_TOKENS, min_tokens), whole_of(MAX_IMAGE_TOKENS, max_tokens));
            return glm5_aligned(original, factor, (frames, frames), min, max);
        }
        DynamicResize::NoUpscale { max_patches, max_side } => {
            let side = u32::try_from(whole_of(MAX_SIDE_PATCHES, u64::from(max_side))).unwrap_or(u32::MAX);
            return Ok(navit_resize(original, spec.patch, factor, whole_of(MAX_PATCHES, max_patches), side));
        }
        DynamicResize::PatchBudget { min_patches, max_patches, max_model_len } => {
            let (min, max) = (whole_of(MIN_NUM_PATCHES, min_patches), whole_of(MAX_NUM_PATCHES, max_patches));
            let (gh, gw) = nemotron_grid(original, spec.patch, spec.merge, min, max, max_model_len)
                .ok_or(EngineError::ResizedToNothing { size: original })?;
            let side = |g: u64| u32::try_from(g * u64::from(spec.patch)).unwrap_or(u32::MAX);
            Size::new(side(gw), side(gh))
        }
    };
    Ok((resized, resized))
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
