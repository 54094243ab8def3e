//! Properties over all models and many sizes: no panic, deterministic, grids consistent with the
//! resize, dynamic counts never fall when the image grows.

use proptest::prelude::*;
use vistok::engine::{self, CATALOGUE, Options, Plan, Size, StrategyKind, TokenKind};

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
            let engine::models::DynamicResize::Smart { max_pixels, .. } = spec.resize else { continue };
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
