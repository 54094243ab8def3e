//! Properties over all models and many sizes: no panic, deterministic, grids consistent with the
//! resize, dynamic counts never fall when the image grows.

use proptest::prelude::*;
use vistok::engine::{
    self, CATALOGUE, Count, OptionValue, Options, Plan, Rect, Size, StrategyKind, TokenKind, ViewRole,
};

/// The kind of the token at `position` of the plan's span, walking the ordered sequence.
fn kind_at(plan: &Plan, position: u64) -> Option<TokenKind> {
    let mut start = 0;
    for span in &plan.sequence {
        if position < start + span.count {
            return Some(span.kind);
        }
        start += span.count;
    }
    None
}

/// The count the chart sweeps with equals the plan's totals for every model, across aspect ratios
/// from 1:40 to 40:1, sizes from 1 px to past the limits, and the options that change the count
/// (an option a model does not take must give the same error both ways).
#[test]
fn count_equals_the_plans_totals() {
    let option_sets = [
        Options::default(),
        Options::default().with("pan_and_scan", true),
        Options::default().with("detail", "low"),
        Options::default().with("max_tiles", 6),
        Options::default().with("max_crops", 2),
        Options::default().with("min_pixels", 200_000).with("max_pixels", 400_000),
    ];
    let mut compared = 0;
    for model in CATALOGUE.iter() {
        for options in &option_sets {
            for aspect in [1.0 / 40.0, 0.2, 0.5, 0.75, 1.0, 4.0 / 3.0, 1.9, 3.0, 7.0, 40.0] {
                for size in engine::sweep_sizes(aspect, 1, 70_000, 151) {
                    let plan = engine::plan(size, model, options);
                    let totals = plan
                        .as_ref()
                        .map(|p| Count { feature_tokens: p.feature_tokens, tokens_in_sequence: p.tokens_in_sequence });
                    let count = engine::count(size, model, options);
                    assert_eq!(
                        count.as_ref().map_err(ToString::to_string),
                        totals.as_ref().map_err(ToString::to_string),
                        "{} at {size} with {options:?}",
                        model.id
                    );
                    compared += usize::from(count.is_ok());
                }
            }
        }
    }
    assert!(compared > 15_000, "{compared}");
}

/// The same as the property below on a fixed lattice of points, so a model whose views are apart
/// in the sequence (tile words, a line break after each view) is checked on every run, not when
/// the random sizes happen to tile it.
#[test]
fn every_token_on_a_lattice_is_an_image_feature_in_sequence() {
    let mut checked = 0;
    for model in CATALOGUE.iter() {
        for size in [Size::new(1025, 1537), Size::new(2000, 700), Size::new(640, 480), Size::new(300, 2400)] {
            let Ok(plan) = engine::plan(size, model, &Options::default()) else { continue };
            let (w, h) = (f64::from(plan.frame.width), f64::from(plan.frame.height));
            for i in 0..40 {
                for j in 0..40 {
                    let (x, y) = ((f64::from(i) + 0.5) * w / 40.0, (f64::from(j) + 0.5) * h / 40.0);
                    let Some(spot) = plan.token_at(x, y) else { continue };
                    assert_eq!(
                        kind_at(&plan, spot.position),
                        Some(TokenKind::Image),
                        "{} at {size}: {spot:?}",
                        model.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50_000, "{checked}");
}

/// A view encoded alone is the whole input the encoder sees, padding included: its rectangle is
/// the frame (DeepSeek-OCR-2's lone global view once covered only the image, and its padding note
/// said 0 patches saw nothing but padding).
#[test]
fn a_lone_view_covers_the_whole_frame() {
    let mut checked = 0;
    for model in CATALOGUE.iter() {
        for size in [Size::new(600, 400), Size::new(400, 600), Size::new(64, 64), Size::new(3000, 500)] {
            let Ok(plan) = engine::plan(size, model, &Options::default()) else { continue };
            for v in plan.views.iter().filter(|v| v.role == ViewRole::Whole) {
                assert_eq!(v.rect, Rect::of(plan.frame), "{} at {size}", model.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Pointing at a pixel finds a token whose place in the ordered sequence is an image feature,
    /// and pointing at that place finds a token of the same position.
    #[test]
    fn every_located_token_is_an_image_feature_in_sequence(w in 1u32..5000, h in 1u32..5000, fx in 0.0f64..1.0, fy in 0.0f64..1.0, m in 0..CATALOGUE.len()) {
        let Ok(plan) = engine::plan(Size::new(w, h), &CATALOGUE[m], &Options::default()) else { return Ok(()) };
        let (x, y) = (fx * f64::from(plan.frame.width), fy * f64::from(plan.frame.height));
        if let Some(spot) = plan.token_at(x, y) {
            prop_assert_eq!(kind_at(&plan, spot.position), Some(TokenKind::Image), "{} at {:?}", plan.model, spot);
            prop_assert!(spot.rect.x <= x + 1e-9 && x < spot.rect.x + spot.rect.width + 1e-9);
            let back = plan.token_at_position(spot.position).expect("the position maps back to a token");
            prop_assert_eq!(back.position, spot.position);
        }
    }

    #[test]
    fn any_size_plans_or_errs_and_the_plan_is_consistent(w in 0u32..=100_000, h in 0u32..=100_000, m in 0..CATALOGUE.len()) {
        let model = &CATALOGUE[m];
        let size = Size::new(w, h);
        let first = engine::plan(size, model, &Options::default());
        prop_assert_eq!(&first, &engine::plan(size, model, &Options::default()), "deterministic");
        if let Ok(plan) = first {
            let sum: u64 = plan.sequence.iter().map(|s| s.count).sum();
            prop_assert_eq!(plan.tokens_in_sequence, sum);
            for view in &plan.views {
                if plan.strategy == StrategyKind::Api {
                    // Provider formulas count cells that may overhang the image.
                    prop_assert!(view.patch_grid.cols * plan.patch >= view.input.width);
                    prop_assert!(view.patch_grid.rows * plan.patch >= view.input.height);
                } else {
                    prop_assert!(view.patch_grid.cols * plan.patch <= view.input.width);
                    prop_assert!(view.patch_grid.rows * plan.patch <= view.input.height);
                }
            }
            if plan.strategy == StrategyKind::Dynamic {
                let v = &plan.views[0];
                prop_assert_eq!(v.patch_grid.cols * plan.patch, plan.frame.width);
                prop_assert_eq!(v.patch_grid.rows * plan.patch, plan.frame.height);
                prop_assert_eq!(v.token_grid.cells(), plan.feature_tokens);
            }
        }
    }

    /// Below the caps each side is only rounded, so growing both sides never costs fewer tokens.
    /// Above max_pixels the reference itself is not monotone (5026x2524 gives 16,200 tokens,
    /// 5403x2671 gives 16,198: the floors of the down-scaling land differently); the golden rows
    /// hold such a pair, and here the count must stay within the cap.
    #[test]
    fn dynamic_counts_never_fall_when_both_sides_grow_below_the_caps(w in 1u32..6000, h in 1u32..6000, dw in 0u32..500, dh in 0u32..500) {
        for model in CATALOGUE.iter().filter(|m| m.strategy.kind() == StrategyKind::Dynamic) {
            let engine::Strategy::Dynamic(spec) = &model.strategy else { unreachable!() };
            let engine::dynamic::DynamicResize::Smart { max_pixels, .. } = spec.resize else { continue };
            let factor = f64::from(spec.patch * spec.merge);
            let rounded = |s: Size| {
                let r = |v: u32| ((f64::from(v) / factor).round_ties_even() * factor) as u32;
                Size::new(r(s.width), r(s.height))
            };
            let (a, b) = (Size::new(w, h), Size::new(w + dw, h + dh));
            let (Ok(small), Ok(big)) = (engine::plan(a, model, &Options::default()), engine::plan(b, model, &Options::default())) else { continue };
            let tokens_cap = max_pixels / u64::from(spec.patch * spec.merge).pow(2);
            prop_assert!(big.feature_tokens <= tokens_cap.max(1));
            if small.frame == rounded(a) && big.frame == rounded(b) {
                prop_assert!(big.tokens_in_sequence >= small.tokens_in_sequence,
                    "{} {}x{} -> {}x{}", model.id, w, h, w + dw, h + dh);
            }
        }
    }
}

/// The fuzz run's size: `VISTOK_FUZZ_CASES` for a longer job, else one that fits the test command.
fn fuzz_cases() -> u32 {
    std::env::var("VISTOK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

/// Any side: mostly small and ordinary, often at the limits, sometimes anything a u32 holds.
fn any_side() -> impl Strategy<Value = u32> {
    prop_oneof![
        4 => 0u32..=5000,
        2 => prop::sample::select(vec![0, 1, 2, 13, 14, 27, 28, 32, 65_535, 65_536, 100_000, 2_147_483_647, 2_147_483_648, u32::MAX - 1, u32::MAX]),
        1 => any::<u32>(),
    ]
}

/// Any options, whether or not they apply to the model or make sense: any knob of the catalogue
/// (and one nobody has) with a value of any type.
fn any_options() -> impl Strategy<Value = Options> {
    let value = prop_oneof![
        (0u64..20_000_000).prop_map(OptionValue::Number),
        (0u64..100).prop_map(OptionValue::Number),
        any::<u64>().prop_map(OptionValue::Number),
        any::<bool>().prop_map(OptionValue::Bool),
        prop::sample::select(vec!["low", "high", "auto", "medium", ""]).prop_map(|t| OptionValue::Text(t.into())),
        Just(OptionValue::Other("-1".into())),
    ];
    let names: Vec<&'static str> = engine::catalogue::knob_names().into_iter().chain(["zoom"]).collect();
    prop::collection::vec((prop::sample::select(names), value), 0..4)
        .prop_map(|pairs| pairs.into_iter().fold(Options::default(), |o, (name, v)| o.with(name, v)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// The fuzz run: every model, any options (as given, and filtered to the model as the page
    /// does), any size. No panic (debug builds check every arithmetic overflow); a plan's counts
    /// add up, its views lie inside its frame, and pointing at its first token works.
    #[test]
    fn fuzz_every_model_any_options_any_size(w in any_side(), h in any_side(), m in 0..CATALOGUE.len(), options in any_options(), filter in any::<bool>()) {
        let model = &CATALOGUE[m];
        let options = if filter { options.applicable_to(model) } else { options };
        let planned = engine::plan(Size::new(w, h), model, &options);
        // The sweep's count-only path agrees with the plan: the same totals, or the same error.
        let counted = engine::count(Size::new(w, h), model, &options);
        prop_assert_eq!(
            counted.map_err(|e| e.to_string()),
            planned.as_ref().map(|p| Count { feature_tokens: p.feature_tokens, tokens_in_sequence: p.tokens_in_sequence })
                .map_err(ToString::to_string),
            "{} at {}x{}", model.id, w, h
        );
        let Ok(plan) = planned else { return Ok(()) };
        prop_assert!(w > 0 && h > 0 && w <= engine::MAX_SIDE && h <= engine::MAX_SIDE, "{w}x{h} must be refused");
        let sum: u64 = plan.sequence.iter().map(|s| s.count).sum();
        prop_assert_eq!(plan.tokens_in_sequence, sum);
        // A cross-attention model's features are vision states beside the sequence, not in it.
        prop_assert!(plan.cross_attention || plan.feature_tokens <= plan.tokens_in_sequence);
        prop_assert!(plan.padding_tokens <= plan.feature_tokens);
        prop_assert!(!plan.views.is_empty());
        prop_assert!(plan.frame.width > 0 && plan.frame.height > 0);
        for view in &plan.views {
            let r = view.rect;
            prop_assert!(r.x >= -1e-6 && r.y >= -1e-6, "{} {:?}", model.id, r);
            prop_assert!(r.x + r.width <= f64::from(plan.frame.width) + 1e-6, "{} {:?} in {:?}", model.id, r, plan.frame);
            prop_assert!(r.y + r.height <= f64::from(plan.frame.height) + 1e-6, "{} {:?} in {:?}", model.id, r, plan.frame);
        }
        if let Some(spot) = (0..plan.tokens_in_sequence.min(64)).find_map(|i| plan.token_at_position(i)) {
            prop_assert!(spot.rect.width > 0.0 && spot.rect.height > 0.0);
        }
    }

    /// Any bytes, as a dropped file's first bytes: the header reader never panics, and a size it
    /// reports has two non-zero sides.
    #[test]
    fn fuzz_file_headers(bytes in prop::collection::vec(any::<u8>(), 0..600), prefix in 0usize..9) {
        // Start from real magic numbers often, so the parsers behind them are reached.
        const MAGIC: [&[u8]; 9] = [b"", b"\x89PNG\r\n\x1a\n", &[0xFF, 0xD8, 0xFF], b"GIF89a", b"RIFF\0\0\0\0WEBPVP8X",
            b"BM", b"\0\0\0\x18ftypheic", b"<svg", b"%PDF-"];
        let head: Vec<u8> = MAGIC[prefix].iter().copied().chain(bytes).collect();
        let header = engine::file::sniff(&head);
        if let Some(size) = header.size {
            prop_assert!(size.width > 0 && size.height > 0);
        }
        let _ = header.format.ends_properly(&head);
    }
}
