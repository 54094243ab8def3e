//! Hosted models: their providers document a formula, not a processor. Each entry is dated by its
//! release and cites the provider's page, as read on the date it gives; the 2025 entries keep the
//! rule documented then, and say so in their names.

use crate::engine::api::{ApiFormula, DetailLevel};
use crate::engine::models::{Model, Month, Reference, Strategy};

const fn hosted(
    id: &'static str,
    name: &'static str,
    family: &'static str,
    released: Month,
    context: Option<u32>,
    formula: ApiFormula,
    reference: Reference,
) -> Model {
    Model {
        id,
        name,
        family,
        released,
        params: None,
        context,
        strategy: Strategy::Api(formula),
        reference,
        shape: None,
        unpinned: &[],
    }
}

pub const GPT_4O: Model = hosted(
    "openai/gpt-4o",
    "GPT-4o (API)",
    "GPT-4o",
    Month::new(2024, 5),
    Some(128_000),
    ApiFormula::OpenAiTiles { base: 85, per_tile: 170, tile: 512, fit: 2048, short_side: 768 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: cite!(
            "OpenAI API docs, Images and vision guide, \"Calculating costs\" (GPT-4o: 85 + 170 per 512-px tile)"
        ),
        config: cite!(
            "detail high (default) or low; fit in 2048x2048, a shortest side over 768 scaled to 768 (\"smaller \
                 images are not enlarged\", developers.openai.com/api/docs/guides/images-vision as read 2026-09); \
                 context 128,000 (model page)"
        ),
    },
);

pub const GPT_41_MINI: Model = hosted(
    "openai/gpt-4.1-mini",
    "GPT-4.1 mini (API)",
    "GPT-4.1",
    Month::new(2025, 4),
    Some(1_047_576),
    ApiFormula::OpenAiPatches { patch: 32, max: 1536, multiplier: 1.62 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: cite!(
            "OpenAI API docs, Images and vision guide, \"Calculating costs\" (32-px patches, cap 1536, multiplier 1.62)"
        ),
        config: cite!("no options; context 1,047,576 (model page)"),
    },
);

pub const CLAUDE_SONNET_4: Model = hosted(
    "anthropic/claude-sonnet-4",
    "Claude Sonnet 4 (API, 2025 rule)",
    "Claude 4",
    Month::new(2025, 5),
    Some(200_000),
    ApiFormula::AnthropicArea { per_token: 750, max_edge: 1568, max_tokens: 1600 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: cite!(
            "Anthropic docs, Vision, \"Calculate image costs\" as documented in 2025 (tokens = width * height / 750, \
                   long edge 1568, ~1600 tokens)"
        ),
        config: cite!(
            "no options; the 2025 page did not document the exact downscaling, so large images are approximate; \
                 since mid-2026 the page counts 28-px patches for every model (see Claude Haiku 4.5); context 200,000"
        ),
    },
);

pub const GEMINI_25_FLASH: Model = hosted(
    "google/gemini-2.5-flash",
    "Gemini 2.5 Flash (API)",
    "Gemini 2.5",
    Month::new(2025, 6),
    Some(1_048_576),
    ApiFormula::GeminiTiles { per_tile: 258, small: 384, tile: 768 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: cite!(
            "Gemini API docs, Image understanding / token counting (258 tokens up to 384x384, else 258 per 768x768 tile)"
        ),
        config: cite!(
            "no options; the exact tiling of large images is not documented, so they are approximate; \
                 context 1,048,576 (model page)"
        ),
    },
);

const CLAUDE_PAGE: &str = "Anthropic docs, Vision, \"Resolution and token cost\" and Vision coordinates, \"How Claude \
                           resizes and pads images\" (platform.claude.com/docs/en/build-with-claude/vision, as read \
                           2026-07-27 to 2026-10-07): tokens = ceil(w/28) * ceil(h/28), resized_size's binary search";

pub const CLAUDE_OPUS_47: Model = hosted(
    "anthropic/claude-opus-4.7",
    "Claude Opus 4.7 (API)",
    "Claude 4.7",
    Month::new(2026, 4),
    None,
    ApiFormula::AnthropicPatches { patch: 28, max_edge: 2576, max_tokens: 4784, reject: 8000 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: CLAUDE_PAGE,
        config: cite!(
            "high-resolution tier (Claude Opus 4.7 and later): long edge 2576 px, 4784 visual tokens; images over \
                 8000x8000 rejected; worked examples 1920x1080 -> 2691, 3840x2160 -> 2576x1449 -> 4784; context \
                 window not pinned"
        ),
    },
);

pub const CLAUDE_HAIKU_45: Model = hosted(
    "anthropic/claude-haiku-4.5",
    "Claude Haiku 4.5 (API)",
    "Claude 4.5",
    Month::new(2025, 10),
    Some(200_000),
    ApiFormula::AnthropicPatches { patch: 28, max_edge: 1568, max_tokens: 1568, reject: 8000 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: CLAUDE_PAGE,
        config: cite!(
            "standard tier (every model before Opus 4.7): long edge 1568 px, 1568 visual tokens; worked examples \
                 1000x1000 -> 1296, 1920x1080 -> 1456x819 -> 1560, 1075x1520 -> 924x1307 -> 1551; context 200,000"
        ),
    },
);

/// GPT-5.4's `detail` levels (the GPT-5.4 family: auto is high).
const GPT_54_LEVELS: &[DetailLevel] = &[
    DetailLevel { name: "low", max_edge: 2048, budget: Some(6144) },
    DetailLevel { name: "high", max_edge: 2048, budget: Some(2500) },
    DetailLevel { name: "original", max_edge: 6000, budget: Some(10_000) },
];

pub const GPT_54: Model = hosted(
    "openai/gpt-5.4",
    "GPT-5.4 (API)",
    "GPT-5.4",
    Month::new(2026, 3),
    None,
    ApiFormula::OpenAiDetail { patch: 32, multiplier: 1.2, levels: GPT_54_LEVELS, auto: "high", reject: 30_000 },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: cite!(
            "OpenAI API docs, Images and vision guide, \"Model sizing behavior\" and \"Patch-based image \
                   tokenization\" (developers.openai.com/api/docs/guides/images-vision, as read 2026-09-05 and \
                   2026-09-25)"
        ),
        config: cite!(
            "detail low: 2048 px / 6144 patches; high (auto): 2048 px / 2500; original: 6000 px / 10000; 32-px \
                 patches, multiplier 1.2, over 30,000 patches rejected; worked examples 1024x1024 -> 1229, \
                 2048x2048 -> 1600x1600 -> 3000; the rounding of the pixel-limit fit is not stated (down is \
                 assumed); context window not pinned"
        ),
    },
);

pub const GEMINI_3_PRO: Model = hosted(
    "google/gemini-3-pro",
    "Gemini 3 Pro (API)",
    "Gemini 3",
    Month::new(2025, 11),
    None,
    ApiFormula::GeminiBudget {
        levels: &[("low", 280), ("medium", 560), ("high", 1120), ("ultra_high", 2240)],
        default: "high",
    },
    Reference {
        file: cite!("(no processor: the provider's documentation)"),
        function: cite!(
            "Gemini API docs, Media resolution, \"Token counts\" (ai.google.dev/gemini-api/docs/media-resolution, \
                   as read 2026-10): the maximum tokens per image by media_resolution"
        ),
        config: cite!(
            "media_resolution low 280, medium 560, high 1120 (the default), ultra_high 2240 (per part); the docs \
                 give no size formula and no worked example; context window not pinned"
        ),
    },
);
