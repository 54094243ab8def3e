//! Hosted models: their providers document a formula rather than publish a processor. Each
//! formula follows the provider's text; where the text leaves a step open (Claude's exact
//! downscaling, Gemini's tiling of large images) the plan says the count is approximate.

use super::decimal::trimmed;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{Head, Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::sequence::Count;

/// The documented image-token formulas of hosted models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ApiFormula {
    /// OpenAI GPT-4o: `detail: low` is a flat `base`; `high` fits the image in `fit` x `fit`,
    /// scales its short side to `short_side`, and adds `per_tile` for every `tile`-px square.
    OpenAiTiles { base: u32, per_tile: u32, tile: u32, fit: u32, short_side: u32 },
    /// OpenAI GPT-4.1 mini: one token per `patch`-px patch covering the image, at most `max`
    /// (the image is scaled down to fit); billed at `multiplier` times that.
    OpenAiPatches { patch: u32, max: u32, multiplier: f64 },
    /// Anthropic Claude: about `width * height / per_token` tokens after scaling down to a long
    /// edge of `max_edge` and at most `max_tokens`.
    AnthropicArea { per_token: u32, max_edge: u32, max_tokens: u32 },
    /// Google Gemini 2.x: `per_tile` tokens when both sides are at most `small`, else `per_tile`
    /// for each `tile`-px tile covering the image.
    GeminiTiles { per_tile: u32, small: u32, tile: u32 },
}

impl ApiFormula {
    /// The cell the formula counts in (tile or patch side), drawn as the overlay's grid.
    pub fn cell(&self) -> u32 {
        match *self {
            Self::OpenAiTiles { tile, .. } | Self::GeminiTiles { tile, .. } => tile,
            Self::OpenAiPatches { patch, .. } => patch,
            Self::AnthropicArea { .. } => 1,
        }
    }
}

const DETAIL: &str = "detail";

/// GPT-4o's `detail` (`auto` counts as `high`).
pub(super) fn knobs(formula: ApiFormula) -> Vec<Knob> {
    match formula {
        ApiFormula::OpenAiTiles { .. } => vec![Knob {
            name: DETAIL,
            kind: KnobKind::Choice(&["auto", "low", "high"]),
            default: KnobValue::Choice("auto"),
            meaning: "low: one 512-px view for a flat 85 tokens; high (and auto): 512-px tiles",
            mirrors: "detail",
        }],
        _ => Vec::new(),
    }
}

pub(super) fn plan(head: Head, formula: ApiFormula, original: Size, options: &Options) -> Plan {
    let Decision { frame, cell, tokens, note } = decide(formula, original, options);
    let grid = Grid::new(frame.width.div_ceil(cell), frame.height.div_ceil(cell));
    let image_in_frame = match formula {
        ApiFormula::GeminiTiles { .. } => Rect::new(0.0, 0.0, f64::from(original.width), f64::from(original.height)),
        _ => Rect::of(frame),
    };
    let span =
        Span { kind: TokenKind::Image, text: "(image)", label: "image tokens (provider formula)", count: tokens };
    let layout = Layout {
        frame,
        image_in_frame,
        resize: ResizeMode::KeepAspect,
        views: vec![View {
            role: ViewRole::Whole,
            rect: Rect::of(frame),
            input: frame,
            patch_grid: grid,
            token_grid: grid,
        }],
        sequence: vec![span],
    };
    let mut plan = Plan::new(head, original, layout);
    plan.notes.extend(note.map(Note::text));
    plan.token_order = TokenOrder::NotInSequence;
    plan
}

/// [`plan`]'s totals alone: the formula's tokens, all of them image tokens.
pub(super) fn count(formula: ApiFormula, original: Size, options: &Options) -> Count {
    let tokens = decide(formula, original, options).tokens;
    Count { feature_tokens: tokens, tokens_in_sequence: tokens }
}

/// What a formula works out for one image.
struct Decision {
    /// The size the provider bills for.
    frame: Size,
    /// The cell drawn as the overlay's grid (tile or patch side).
    cell: u32,
    tokens: u64,
    note: Option<Note>,
}

/// What a formula's count leaves out, put in words only for a plan.
enum Note {
    Low,
    Billed { patches: u64, multiplier: f64 },
    ClaudeScaled,
    GeminiTiled,
}

impl Note {
    fn text(self) -> String {
        match self {
            Self::Low => "detail: low: a flat 85 tokens for a 512x512 view, whatever the size.".to_owned(),
            Self::Billed { patches, multiplier } => {
                let billed = (patches as f64 * multiplier).ceil();
                format!(
                    "Billed as {} tokens: GPT-4.1 mini multiplies the {patches} patch tokens by {}.",
                    format!("{:.0}", billed),
                    trimmed(multiplier, 3)
                )
            }
            Self::ClaudeScaled => "Scaled down to the documented limits; Anthropic does not document the exact resize, so this count is approximate.".to_owned(),
            Self::GeminiTiled => "Google documents 258 tokens per 768x768 tile but not how a large image is cropped into tiles; this count assumes tiles covering the image and is approximate.".to_owned(),
        }
    }
}

fn decide(formula: ApiFormula, original: Size, options: &Options) -> Decision {
    let (frame, cell, tokens, note) = match formula {
        ApiFormula::OpenAiTiles { base, per_tile, tile, fit, short_side } => {
            if options.word(DETAIL) == Some("low") {
                (Size::new(512, 512), 512, u64::from(base), Some(Note::Low))
            } else {
                let frame = openai_fit(original, fit, short_side);
                let tiles = Grid::new(frame.width.div_ceil(tile), frame.height.div_ceil(tile));
                (frame, tile, u64::from(base) + u64::from(per_tile) * tiles.cells(), None)
            }
        }
        ApiFormula::OpenAiPatches { patch, max, multiplier } => {
            let (frame, patches) = openai_patches(original, patch, max);
            (frame, patch, patches, Some(Note::Billed { patches, multiplier }))
        }
        ApiFormula::AnthropicArea { per_token, max_edge, max_tokens } => {
            let (frame, scaled) = anthropic_fit(original, per_token, max_edge, max_tokens);
            let tokens = frame.area().div_ceil(u64::from(per_token));
            (frame, 1, tokens, scaled.then_some(Note::ClaudeScaled))
        }
        ApiFormula::GeminiTiles { per_tile, small, tile } => {
            if original.width <= small && original.height <= small {
                (original, small.max(1), u64::from(per_tile), None)
            } else {
                let tiles = Grid::new(original.width.div_ceil(tile), original.height.div_ceil(tile));
                let frame = Size::new(tiles.cols * tile, tiles.rows * tile);
                (frame, tile, u64::from(per_tile) * tiles.cells(), Some(Note::GeminiTiled))
            }
        }
    };
    Decision { frame, cell, tokens, note }
}

/// GPT-4o `detail: high`: fit within `fit` x `fit` (keeping the aspect ratio), then scale so the
/// shortest side is `short_side`; sizes are truncated to whole pixels at each step.
fn openai_fit(size: Size, fit: u32, short_side: u32) -> Size {
    let (mut w, mut h) = (f64::from(size.width), f64::from(size.height));
    if w > f64::from(fit) || h > f64::from(fit) {
        let r = (f64::from(fit) / w).min(f64::from(fit) / h);
        (w, h) = ((w * r).floor(), (h * r).floor());
    }
    let r = f64::from(short_side) / w.min(h).max(1.0);
    (w, h) = ((w * r).floor(), (h * r).floor());
    Size::new((w as u32).max(1), (h as u32).max(1))
}

/// GPT-4.1 mini: the patches covering the image; above `max`, the image is scaled by
/// `sqrt(patch² · max / area)` and then so its width (or height) is a whole number of patches.
fn openai_patches(size: Size, patch: u32, max: u32) -> (Size, u64) {
    let p = f64::from(patch);
    let (w, h) = (f64::from(size.width), f64::from(size.height));
    let raw = (w / p).ceil() * (h / p).ceil();
    if raw <= f64::from(max) {
        return (size, raw as u64);
    }
    let r = (p * p * f64::from(max) / (w * h)).sqrt();
    let (rw, rh) = (w * r, h * r);
    let adjust = ((rw / p).floor() / (rw / p)).min((rh / p).floor() / (rh / p));
    // Whole pixels before counting: 1086.1 x 1448.2 adjusted by 0.9723 is 1056 x 1408, not
    // 1056.0000001 (whose ceiling would add a column of patches).
    let (aw, ah) = ((rw * adjust).round().max(1.0), (rh * adjust).round().max(1.0));
    let patches = ((aw / p).ceil() * (ah / p).ceil()).min(f64::from(max));
    (Size::new(aw as u32, ah as u32), patches as u64)
}

/// Claude: scaled down (keeping the aspect ratio) until the long edge is at most `max_edge` and
/// the area at most `max_tokens * per_token`; returns the size and whether it was scaled.
fn anthropic_fit(size: Size, per_token: u32, max_edge: u32, max_tokens: u32) -> (Size, bool) {
    let (w, h) = (f64::from(size.width), f64::from(size.height));
    let by_edge = f64::from(max_edge) / w.max(h);
    let by_area = (f64::from(max_tokens) * f64::from(per_token) / (w * h)).sqrt();
    let r = by_edge.min(by_area);
    if r >= 1.0 {
        (size, false)
    } else {
        (Size::new(((w * r).floor() as u32).max(1), ((h * r).floor() as u32).max(1)), true)
    }
}
