//! Assembling an image's token span run by run. A strategy writes its runs into a [`Spans`]: a
//! plan keeps them (`Vec<Span>`), a [`Count`] only adds them up, so both come from the same code.

use serde::Serialize;

use super::plan::{Span, TokenKind};

/// A fixed piece of the image's token span: a delimiter or inserted text.
#[derive(Debug)]
pub struct Piece {
    pub kind: TokenKind,
    pub text: &'static str,
    pub label: &'static str,
    /// Tokens the model's tokenizer makes of `text`.
    pub tokens: u32,
}

pub(crate) const fn delimiter(text: &'static str, label: &'static str) -> Piece {
    Piece { kind: TokenKind::Delimiter, text, label, tokens: 1 }
}

/// Where a strategy writes the image's span, in sequence order.
pub(crate) trait Spans {
    fn push(&mut self, span: Span);

    /// Fixed pieces (delimiters, inserted text), in order.
    fn pieces(&mut self, pieces: &[Piece]) {
        for p in pieces {
            self.push(piece(p));
        }
    }

    /// `before`, then `features`, then `after`.
    fn wrap(&mut self, before: &[Piece], features: Span, after: &[Piece]) {
        self.pieces(before);
        self.push(features);
        self.pieces(after);
    }
}

impl Spans for Vec<Span> {
    fn push(&mut self, span: Span) {
        Vec::push(self, span);
    }
}

/// A fixed piece as a span.
pub(crate) fn piece(p: &Piece) -> Span {
    Span { kind: p.kind, text: p.text, label: p.label, count: u64::from(p.tokens) }
}

/// An image's totals without its plan: what a resolution sweep needs, at a fraction of the cost
/// (no views, no runs kept, no notes). [`crate::engine::count`] returns the same numbers as the
/// plan's `feature_tokens` and `tokens_in_sequence`; a property test holds them equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Positions filled with image features (for a cross-attention model: its vision states).
    pub feature_tokens: u64,
    /// Every position the image occupies in the sequence.
    pub tokens_in_sequence: u64,
}

impl Spans for Count {
    fn push(&mut self, span: Span) {
        self.tokens_in_sequence += span.count;
        if span.kind.is_feature() {
            self.feature_tokens += span.count;
        }
    }
}
