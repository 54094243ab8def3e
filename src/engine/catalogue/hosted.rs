//! Hosted models: their providers document a formula, not a processor. Each entry is dated by its
//! release and cites the provider's page.

use crate::engine::api::ApiFormula;
use crate::engine::models::{Model, Month, Reference, Strategy};

const fn hosted(
    id: &'static str,
    name: &'static str,
    family: &'static str,
    released: Month,
    context: u32,
    formula: ApiFormula,
    reference: Reference,
) -> Model {
    Model {
        id,
        name,
        family,
        released,
        params: None,
        context: Some(context),
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
    128_000,
    ApiFormula::OpenAiTiles { base: 85, per_tile: 170, tile: 512, fit: 2048, short_side: 768 },
    Reference {
        file: "(no processor: the provider's documentation)",
        function: "OpenAI API docs, Images and vision guide, \"Calculating costs\" (GPT-4o: 85 + 170 per 512-px tile)",
        config: "detail high (default) or low; fit in 2048x2048, shortest side to 768; context 128,000 (model page)",
    },
);

pub const GPT_41_MINI: Model = hosted(
    "openai/gpt-4.1-mini",
    "GPT-4.1 mini (API)",
    "GPT-4.1",
    Month::new(2025, 4),
    1_047_576,
    ApiFormula::OpenAiPatches { patch: 32, max: 1536, multiplier: 1.62 },
    Reference {
        file: "(no processor: the provider's documentation)",
        function: "OpenAI API docs, Images and vision guide, \"Calculating costs\" (32-px patches, cap 1536, multiplier 1.62)",
        config: "no options; context 1,047,576 (model page)",
    },
);

pub const CLAUDE_SONNET_4: Model = hosted(
    "anthropic/claude-sonnet-4",
    "Claude Sonnet 4 (API)",
    "Claude 4",
    Month::new(2025, 5),
    200_000,
    ApiFormula::AnthropicArea { per_token: 750, max_edge: 1568, max_tokens: 1600 },
    Reference {
        file: "(no processor: the provider's documentation)",
        function: "Anthropic docs, Vision, \"Calculate image costs\" (tokens = width * height / 750, long edge 1568, ~1600 tokens)",
        config: "no options; the exact downscaling is not documented, so large images are approximate; context 200,000",
    },
);

pub const GEMINI_25_FLASH: Model = hosted(
    "google/gemini-2.5-flash",
    "Gemini 2.5 Flash (API)",
    "Gemini 2.5",
    Month::new(2025, 6),
    1_048_576,
    ApiFormula::GeminiTiles { per_tile: 258, small: 384, tile: 768 },
    Reference {
        file: "(no processor: the provider's documentation)",
        function: "Gemini API docs, Image understanding / token counting (258 tokens up to 384x384, else 258 per 768x768 tile)",
        config: "no options; the exact tiling of large images is not documented, so they are approximate; \
                 context 1,048,576 (model page)",
    },
);
