//! Fixed resize + pooling (Gemma 3, PaliGemma, LLaVA-1.5): every image is squished to the same
//! square, so every image costs the same.

use super::geometry::{Grid, Rect, Size};
use super::models::{FixedSpec, Model};
use super::plan::{Merge, MergeSite, Plan, ResizeMode, Span, TokenKind, View, ViewRole};
use super::sequence::wrap;

pub(super) fn plan(model: &'static Model, spec: &FixedSpec, original: Size) -> Plan {
    let frame = Size::new(spec.side, spec.side);
    let patch_grid = Grid::new(spec.side / spec.patch, spec.side / spec.patch);
    let token_grid = patch_grid.merged(spec.pool);
    let image = Span {
        kind: TokenKind::Image,
        text: spec.placeholder,
        label: "image tokens",
        count: token_grid.cells(),
    };
    let sequence = wrap(spec.before, vec![image], spec.after);
    let (feature_tokens, tokens_in_sequence) = Plan::totals(&sequence);
    Plan {
        model: model.id,
        strategy: model.strategy.kind(),
        original,
        frame,
        image_in_frame: Rect::of(frame),
        resize: ResizeMode::Squish,
        patch: spec.patch,
        merge: Merge {
            factor: spec.pool,
            site: if spec.pool > 1 { MergeSite::AveragePooling } else { MergeSite::None },
        },
        views: vec![View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid, token_grid }],
        anyres: None,
        sequence,
        feature_tokens,
        tokens_in_sequence,
    }
}
