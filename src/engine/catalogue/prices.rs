//! What the hosted models' providers charge for the tokens an image becomes: the list price of
//! input tokens (images are billed as input), standard rate, no batch or cache discount, the
//! lowest context tier. Dated by the price tables read, which record the providers' pages; a
//! model without a pinned price has no entry, and `vistok scan --summary` then gives no cost.

/// A list price for input tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Price {
    /// The catalogue id.
    pub model: &'static str,
    /// US dollars per million input tokens.
    pub usd_per_million: f64,
    /// When the sources were read, and the tier this price holds for.
    pub as_of: &'static str,
    pub source: &'static str,
}

/// Two public price tables that agree on every row: LiteLLM's
/// `model_prices_and_context_window.json` (BerriAI/litellm@00035b69f416be24e2e323c13198d9b7d2d1bdf9,
/// entries up to 2026-04-23) and Simon Willison's llm-prices (`data/openai.json`@0838d1ac,
/// `data/anthropic.json`@265965de, `data/google.json`@014a62da).
const TABLES: &str = "LiteLLM model_prices_and_context_window.json@00035b69 and simonw/llm-prices (agreeing)";

pub const PRICES: [Price; 8] = [
    Price { model: "openai/gpt-4o", usd_per_million: 2.50, as_of: "2026-04 tables", source: TABLES },
    Price { model: "openai/gpt-4.1-mini", usd_per_million: 0.40, as_of: "2026-04 tables", source: TABLES },
    Price {
        model: "openai/gpt-5.4",
        usd_per_million: 2.50,
        as_of: "2026-04 tables; prompts up to 272k tokens",
        source: "developers.openai.com/api/docs/models/gpt-5.4 (\"Input $2.50\"), and the tables",
    },
    Price {
        model: "anthropic/claude-sonnet-4",
        usd_per_million: 3.00,
        as_of: "2026-04 tables; prompts up to 200k tokens",
        source: TABLES,
    },
    Price { model: "anthropic/claude-opus-4.7", usd_per_million: 5.00, as_of: "2026-04 tables", source: TABLES },
    Price { model: "anthropic/claude-haiku-4.5", usd_per_million: 1.00, as_of: "2026-04 tables", source: TABLES },
    Price {
        model: "google/gemini-2.5-flash",
        usd_per_million: 0.30,
        as_of: "2026-04 tables; text, image and video input",
        source: TABLES,
    },
    Price {
        model: "google/gemini-3-pro",
        usd_per_million: 2.00,
        as_of: "2026-04 tables (gemini-3-pro-preview, deprecated 2026-03-09; 3.1 Pro lists the same); up to 200k tokens",
        source: TABLES,
    },
];

/// The input price of `model`, if one is pinned.
pub fn price(model: &str) -> Option<&'static Price> {
    PRICES.iter().find(|p| p.model == model)
}

/// What `tokens` input tokens cost at `price`, in US dollars.
pub fn cost_usd(price: &Price, tokens: u64) -> f64 {
    tokens as f64 * price.usd_per_million / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_price_names_a_hosted_catalogue_entry() {
        for p in PRICES {
            let m = crate::engine::find(p.model).unwrap_or_else(|| panic!("{} is not in the catalogue", p.model));
            assert_eq!(m.strategy.kind(), crate::engine::StrategyKind::Api, "{}", p.model);
            assert!(p.usd_per_million > 0.0);
        }
        assert_eq!(cost_usd(price("openai/gpt-4o").unwrap(), 2_000_000), 5.0);
        assert!(price("Qwen/Qwen2.5-VL-7B-Instruct").is_none(), "open models have no list price");
    }
}
