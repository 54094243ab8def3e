//! Assembling an image's token span from fixed pieces and feature runs.

use super::models::Piece;
use super::plan::Span;

/// `before`, then the feature runs, then `after`, as spans in sequence order.
pub(super) fn wrap(before: &[Piece], features: Vec<Span>, after: &[Piece]) -> Vec<Span> {
    let piece = |p: &Piece| Span { kind: p.kind, text: p.text, label: p.label, count: u64::from(p.tokens) };
    before.iter().map(piece).chain(features).chain(after.iter().map(piece)).collect()
}
