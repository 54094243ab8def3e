//! The hosted models' formulas against the worked examples in each provider's documentation.

use vistok::engine::{self, Options, Size};

fn tokens(model: &str, w: u32, h: u32, options: &Options) -> u64 {
    engine::plan_for(model, Size::new(w, h), options).unwrap().tokens_in_sequence
}

/// OpenAI API docs, "Images and vision", section "Calculating costs", GPT-4o examples:
/// "A 1024 x 1024 square image in detail: high mode costs 765 tokens",
/// "A 2048 x 4096 image in detail: high mode costs 1105 tokens",
/// "A 4096 x 8192 image in detail: low most costs 85 tokens".
#[test]
fn gpt_4o_matches_the_openai_examples() {
    let high = Options::default();
    let low = Options::default().with("detail", "low");
    assert_eq!(tokens("openai/gpt-4o", 1024, 1024, &high), 765);
    assert_eq!(tokens("openai/gpt-4o", 2048, 4096, &high), 1105);
    assert_eq!(tokens("openai/gpt-4o", 4096, 8192, &low), 85);
    let plan = engine::plan_for("openai/gpt-4o", Size::new(2048, 4096), &high).unwrap();
    assert_eq!(plan.frame, Size::new(768, 1536), "fit in 2048, then shortest side 768");
}

/// Same page, patch-based models (GPT-4.1 mini): "A 1024 x 1024 image is 1024 tokens" and
/// "A 1800 x 2400 image ... 33 x 44 = 1452 tokens" (before the 1.62 multiplier).
#[test]
fn gpt_4_1_mini_matches_the_openai_examples() {
    let o = Options::default();
    assert_eq!(tokens("openai/gpt-4.1-mini", 1024, 1024, &o), 1024);
    assert_eq!(tokens("openai/gpt-4.1-mini", 1800, 2400, &o), 1452);
    let plan = engine::plan_for("openai/gpt-4.1-mini", Size::new(1800, 2400), &o).unwrap();
    assert_eq!(plan.frame, Size::new(1056, 1408));
    assert!(plan.notes.iter().any(|n| n.contains("Billed as 2353 tokens")), "{:?}", plan.notes);
}

/// Anthropic docs, "Vision", section "Calculate image costs": tokens = (width * height) / 750;
/// the table gives 200x200 ≈ 54, 1000x1000 ≈ 1334, 1092x1092 ≈ 1590 tokens.
#[test]
fn claude_matches_the_anthropic_table() {
    let o = Options::default();
    assert_eq!(tokens("anthropic/claude-sonnet-4", 200, 200, &o), 54);
    assert_eq!(tokens("anthropic/claude-sonnet-4", 1000, 1000, &o), 1334);
    assert_eq!(tokens("anthropic/claude-sonnet-4", 1092, 1092, &o), 1590);
    // Above the limits the image is scaled down first; the count stays within ~1600.
    assert!(tokens("anthropic/claude-sonnet-4", 4032, 3024, &o) <= 1600);
}

/// Gemini API docs, "Image understanding", token section: "images with both dimensions <= 384
/// pixels are counted as 258 tokens"; larger ones are 258 tokens per 768x768 tile.
#[test]
fn gemini_matches_the_documented_small_image_rule() {
    let o = Options::default();
    assert_eq!(tokens("google/gemini-2.5-flash", 384, 384, &o), 258);
    assert_eq!(tokens("google/gemini-2.5-flash", 100, 300, &o), 258);
    assert_eq!(tokens("google/gemini-2.5-flash", 768, 768, &o), 258);
    assert_eq!(tokens("google/gemini-2.5-flash", 1536, 768, &o), 516);
}

#[test]
fn detail_belongs_to_gpt_4o_only() {
    let low = Options::default().with("detail", "low");
    assert!(engine::plan_for("anthropic/claude-sonnet-4", Size::new(10, 10), &low).is_err());
}
