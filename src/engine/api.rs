//! Hosted models: their providers document a formula rather than publish a processor. Each
//! formula follows the provider's text; where the text leaves a step open (Claude's downscaling
//! as documented in 2025, Gemini's tiling of large images, Gemini 3's per-size counts) the plan
//! says the count is approximate.

use super::decimal::trimmed;
use super::error::EngineError;
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
    /// Anthropic Claude as documented since mid-2026: one visual token per `patch`-px square,
    /// `⌈w/patch⌉·⌈h/patch⌉`; an image over `max_edge` (tested on its padded edge) or `max_tokens`
    /// is scaled to the largest aspect-preserving size within both (the documented binary search
    /// on the long edge), then padded right and below to whole patches. Larger than
    /// `reject` px on a side: refused.
    AnthropicPatches { patch: u32, max_edge: u32, max_tokens: u32, reject: u32 },
    /// OpenAI GPT-5.4 and later: per `detail` level a pixel limit and a patch budget, 32-px
    /// patches, never enlarged; billed (and counted) at `multiplier` times the patches.
    OpenAiDetail { patch: u32, multiplier: f64, levels: &'static [DetailLevel], auto: &'static str, reject: u32 },
    /// Google Gemini 3: a fixed budget of tokens per image chosen by `media_resolution`, whatever
    /// the image's size (documented as approximate maxima).
    GeminiBudget { levels: &'static [(&'static str, u32)], default: &'static str },
}

/// One `detail` level of [`ApiFormula::OpenAiDetail`]: the image is fitted within `max_edge` x
/// `max_edge`, then scaled down to at most `budget` patches (no budget: none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DetailLevel {
    pub name: &'static str,
    pub max_edge: u32,
    pub budget: Option<u32>,
}

impl ApiFormula {
    /// The cell the formula counts in (tile or patch side), drawn as the overlay's grid.
    pub fn cell(&self) -> u32 {
        match *self {
            Self::OpenAiTiles { tile, .. } | Self::GeminiTiles { tile, .. } => tile,
            Self::OpenAiPatches { patch, .. } | Self::OpenAiDetail { patch, .. } => patch,
            Self::AnthropicPatches { patch, .. } => patch,
            Self::AnthropicArea { .. } | Self::GeminiBudget { .. } => 1,
        }
    }
}

const DETAIL: &str = "detail";
const MEDIA_RESOLUTION: &str = "media_resolution";

/// GPT-4o's `detail` (`auto` counts as `high`), GPT-5.4's `detail`, Gemini 3's `media_resolution`.
pub(super) fn knobs(formula: ApiFormula) -> Vec<Knob> {
    match formula {
        ApiFormula::OpenAiTiles { .. } => vec![Knob {
            name: DETAIL,
            kind: KnobKind::Choice(&["auto", "low", "high"]),
            default: KnobValue::Choice("auto"),
            meaning: "low: one 512-px view for a flat 85 tokens; high (and auto): 512-px tiles",
            mirrors: "detail",
        }],
        ApiFormula::OpenAiDetail { .. } => vec![Knob {
            name: DETAIL,
            kind: KnobKind::Choice(&["auto", "low", "high", "original"]),
            default: KnobValue::Choice("auto"),
            meaning: "the pixel limit and patch budget the image is scaled to (auto: the model's default level)",
            mirrors: "detail",
        }],
        ApiFormula::GeminiBudget { .. } => vec![Knob {
            name: MEDIA_RESOLUTION,
            kind: KnobKind::Choice(&["unspecified", "low", "medium", "high", "ultra_high"]),
            default: KnobValue::Choice("unspecified"),
            meaning: "the token budget of each image (unspecified: the default, high)",
            mirrors: "media_resolution",
        }],
        _ => Vec::new(),
    }
}

/// The sizes a provider refuses outright (Claude over 8000 px a side, OpenAI over 30,000 patches).
pub(super) fn check(formula: ApiFormula, original: Size, options: &Options) -> Result<(), EngineError> {
    match formula {
        ApiFormula::AnthropicPatches { reject, .. } if original.long_side() > reject => Err(EngineError::Refused {
            size: original,
            reason: format!("the provider rejects images larger than {reject}x{reject} px"),
        }),
        ApiFormula::OpenAiDetail { patch, reject, .. } => {
            let (_, patches) = openai_detail(formula, original, options);
            if patches > u64::from(reject) {
                return Err(EngineError::Refused {
                    size: original,
                    reason: format!(
                        "at this detail it needs {patches} {patch}-px patches; the provider rejects images over \
                         {reject} patches after processing"
                    ),
                });
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

pub(super) fn plan(head: Head, formula: ApiFormula, original: Size, options: &Options) -> Plan {
    let Decision { frame, cell, tokens, note } = decide(formula, original, options);
    let grid = Grid::new(frame.width.div_ceil(cell), frame.height.div_ceil(cell));
    let image_in_frame = match formula {
        ApiFormula::GeminiTiles { .. } => Rect::new(0.0, 0.0, f64::from(original.width), f64::from(original.height)),
        ApiFormula::AnthropicPatches { max_edge, max_tokens, .. } => {
            Rect::of(anthropic_resized(original, cell, max_edge, max_tokens))
        }
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
    ClaudePadded { resized: Size, frame: Size },
    OpenAiBilled { patches: u64, multiplier: f64, level: &'static str },
    GeminiBudget { level: &'static str },
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
            Self::ClaudePadded { resized, frame } => {
                format!("Scaled to {resized} and padded right and below to {frame}: one token per 28x28 px patch.")
            }
            Self::OpenAiBilled { patches, multiplier, level } => format!(
                "detail {level}: {patches} patches of 32 px, counted as {patches} x {} rounded up.",
                trimmed(multiplier, 3)
            ),
            Self::GeminiBudget { level } => format!(
                "media_resolution {level}: Google documents a fixed budget per image, whatever its size, as an \
                 approximate maximum; the count used may come slightly lower."
            ),
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
        ApiFormula::AnthropicPatches { patch, max_edge, max_tokens, .. } => {
            let resized = anthropic_resized(original, patch, max_edge, max_tokens);
            let frame = Size::new(resized.width.div_ceil(patch) * patch, resized.height.div_ceil(patch) * patch);
            let tokens = u64::from(frame.width / patch) * u64::from(frame.height / patch);
            (frame, patch, tokens, Some(Note::ClaudePadded { resized, frame }))
        }
        ApiFormula::OpenAiDetail { patch, multiplier, .. } => {
            let (frame, patches) = openai_detail(formula, original, options);
            let tokens = (patches as f64 * multiplier).ceil() as u64;
            let level = openai_level(formula, options).map_or("high", |l| l.name);
            (frame, patch, tokens, Some(Note::OpenAiBilled { patches, multiplier, level }))
        }
        ApiFormula::GeminiBudget { levels, default } => {
            let asked = options.word(MEDIA_RESOLUTION).unwrap_or("unspecified");
            let wanted = if asked == "unspecified" { default } else { asked };
            let (level, tokens) =
                levels.iter().find(|(name, _)| *name == wanted).map_or((default, 0), |&(n, t)| (n, u64::from(t)));
            (original, 1, tokens, Some(Note::GeminiBudget { level }))
        }
    };
    Decision { frame, cell, tokens, note }
}

/// Claude's documented `resized_size`: the image as it is when it fits (each side's padded edge
/// within `max_edge`, its patches within `max_tokens`); else, with the long side first, the largest
/// long edge that fits by binary search, the short side rounded half to even from the aspect ratio.
fn anthropic_resized(size: Size, patch: u32, max_edge: u32, max_tokens: u32) -> Size {
    let fits = |w: u32, h: u32| {
        let (cw, ch) = (u64::from(w.div_ceil(patch)), u64::from(h.div_ceil(patch)));
        cw * u64::from(patch) <= u64::from(max_edge)
            && ch * u64::from(patch) <= u64::from(max_edge)
            && cw * ch <= u64::from(max_tokens)
    };
    if fits(size.width, size.height) {
        return size;
    }
    let (long, short) = (size.long_side(), size.width.min(size.height));
    let aspect = f64::from(long) / f64::from(short);
    let other = |edge: u32| ((f64::from(edge) / aspect).round_ties_even() as u32).max(1);
    let (mut lo, mut hi) = (1, long);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(mid, other(mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    if size.width >= size.height { Size::new(lo, other(lo)) } else { Size::new(other(lo), lo) }
}

/// The `detail` level an OpenAI request uses (`auto` and no choice: the model's default).
fn openai_level(formula: ApiFormula, options: &Options) -> Option<DetailLevel> {
    let ApiFormula::OpenAiDetail { levels, auto, .. } = formula else { return None };
    let asked = options.word(DETAIL).unwrap_or("auto");
    let name = if asked == "auto" { auto } else { asked };
    levels.iter().find(|l| l.name == name).copied()
}

/// OpenAI's patch sizing: fit within the level's pixel limit (never enlarged, whole pixels), then
/// over the budget scale by `sqrt(patch² · budget / area)`, adjusted so one side is whole patches,
/// and round the final size down. Returns the size and its patches.
fn openai_detail(formula: ApiFormula, size: Size, options: &Options) -> (Size, u64) {
    let ApiFormula::OpenAiDetail { patch, .. } = formula else { return (size, 0) };
    let Some(level) = openai_level(formula, options) else { return (size, 0) };
    let p = f64::from(patch);
    let (mut w, mut h) = (f64::from(size.width), f64::from(size.height));
    let edge = f64::from(level.max_edge);
    if w > edge || h > edge {
        let r = (edge / w).min(edge / h);
        (w, h) = ((w * r).floor().max(1.0), (h * r).floor().max(1.0));
    }
    let patches = |w: f64, h: f64| (w / p).ceil() * (h / p).ceil();
    if let Some(budget) = level.budget.filter(|&b| patches(w, h) > f64::from(b)) {
        let shrink = (p * p * f64::from(budget) / (w * h)).sqrt();
        let (sw, sh) = (w * shrink, h * shrink);
        let adjusted = shrink * ((sw / p).floor() / (sw / p)).min((sh / p).floor() / (sh / p));
        (w, h) = ((w * adjusted).floor().max(1.0), (h * adjusted).floor().max(1.0));
    }
    (Size::new(w as u32, h as u32), patches(w, h) as u64)
}

/// GPT-4o `detail: high`: fit within `fit` x `fit` (keeping the aspect ratio), then scale a
/// shortest side over `short_side` down to it; sizes are truncated to whole pixels at each step.
fn openai_fit(size: Size, fit: u32, short_side: u32) -> Size {
    let (mut w, mut h) = (f64::from(size.width), f64::from(size.height));
    if w > f64::from(fit) || h > f64::from(fit) {
        let r = (f64::from(fit) / w).min(f64::from(fit) / h);
        (w, h) = ((w * r).floor(), (h * r).floor());
    }
    // "If the shortest side exceeds 768px, scale it down to 768px": smaller images are not enlarged.
    if w.min(h) > f64::from(short_side) {
        let r = f64::from(short_side) / w.min(h);
        (w, h) = ((w * r).floor(), (h * r).floor());
    }
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

#[cfg(test)]
mod tests {
    use super::super::{Options, Size, plan_for};

    fn tokens(id: &str, w: u32, h: u32, options: &Options) -> (u64, Size) {
        let plan = plan_for(id, Size::new(w, h), options).unwrap();
        let r = plan.image_in_frame;
        (plan.tokens_in_sequence, Size::new(r.width as u32, r.height as u32))
    }

    #[test]
    fn claude_matches_the_worked_examples_of_its_vision_pages() {
        let o = Options::default();
        // Standard tier: (size) -> (resized, tokens), from the docs' table and reference code.
        for (w, h, rw, rh, t) in [
            (200, 200, 200, 200, 64),
            (1000, 1000, 1000, 1000, 1296),
            (1092, 1092, 1092, 1092, 1521),
            (1920, 1080, 1456, 819, 1560),
            (2000, 1500, 1270, 952, 1564),
            (3840, 2160, 1456, 819, 1560),
            (1075, 1520, 924, 1307, 1551),
        ] {
            assert_eq!(tokens("anthropic/claude-haiku-4.5", w, h, &o), (t, Size::new(rw, rh)), "{w}x{h}");
        }
        // High-resolution tier (Opus 4.7).
        for (w, h, rw, rh, t) in [
            (200, 200, 200, 200, 64),
            (1920, 1080, 1920, 1080, 2691),
            (2000, 1500, 2000, 1500, 3888),
            (3840, 2160, 2576, 1449, 4784),
        ] {
            assert_eq!(tokens("anthropic/claude-opus-4.7", w, h, &o), (t, Size::new(rw, rh)), "{w}x{h}");
        }
        assert!(plan_for("anthropic/claude-opus-4.7", Size::new(8001, 100), &o).is_err(), "over 8000 px: rejected");
    }

    #[test]
    fn gpt_54_matches_the_worked_examples_and_its_detail_levels() {
        let o = Options::default();
        assert_eq!(tokens("openai/gpt-5.4", 1024, 1024, &o).0, 1229);
        assert_eq!(tokens("openai/gpt-5.4", 2048, 2048, &o), (3000, Size::new(1600, 1600)));
        // low has the larger budget (6144 patches): "it can use more tokens than high".
        let low = Options::default().with("detail", "low");
        assert!(tokens("openai/gpt-5.4", 2048, 2048, &low).0 > 3000);
        // Never enlarged: a small image keeps its size.
        assert_eq!(tokens("openai/gpt-5.4", 100, 50, &o), (10, Size::new(100, 50)), "4 x 2 patches x 1.2, rounded up");
    }

    #[test]
    fn gpt_4o_does_not_enlarge_small_images() {
        let o = Options::default();
        // "If the shortest side exceeds 768px, scale it down": 200x200 is one tile, 85 + 170.
        assert_eq!(tokens("openai/gpt-4o", 200, 200, &o).0, 255);
        assert_eq!(tokens("openai/gpt-4o", 1024, 1024, &o).0, 765);
        assert_eq!(tokens("openai/gpt-4o", 2048, 4096, &o).0, 1105);
    }

    #[test]
    fn gemini_3_counts_its_media_resolution_budget_whatever_the_size() {
        for (level, t) in [("low", 280), ("medium", 560), ("high", 1120), ("ultra_high", 2240), ("unspecified", 1120)] {
            let o = Options::default().with("media_resolution", level);
            assert_eq!(tokens("google/gemini-3-pro", 640, 480, &o).0, t);
            assert_eq!(tokens("google/gemini-3-pro", 8192, 8192, &o).0, t);
        }
    }
}
