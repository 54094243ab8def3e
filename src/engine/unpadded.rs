//! A fixed square grid unpadded back to the image's aspect ratio (Cambrian-1): the image is
//! padded to a square and every vision encoder sees that square at its own fixed resolution; the
//! connector's queries form one `grid` x `grid` feature grid over it. The rows (or columns) that
//! lie on the padding are then cut away, in the float arithmetic of `unpad_image`, and a learned
//! newline embedding closes each kept row. No placeholder is repeated: the prompt's one image
//! marker is replaced by every kept feature and newline.

use super::error::EngineError;
use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, Options};
use super::plan::{Head, Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::sequence::{Count, Spans};

#[derive(Debug)]
pub struct UnpaddedSpec {
    /// Side of the square feature grid: `int(image_token_len ** 0.5)`.
    pub grid: u32,
    /// Patch of the encoder whose patch grid is the feature grid (its input is `grid * patch` px
    /// square); the plan draws that encoder.
    pub patch: u32,
    /// Every encoder that sees the padded square, in words (for the plan's note).
    pub encoders: &'static str,
    /// The prompt's image marker, which the features replace.
    pub placeholder: &'static str,
    /// What closes each kept row: a learned embedding, not a token of the vocabulary.
    pub newline: &'static str,
}

/// No call-time option changes the count.
pub(super) fn knobs(_spec: &UnpaddedSpec) -> Vec<Knob> {
    Vec::new()
}

/// What `unpad_image` keeps of the square grid: the cells skipped before the kept band on each
/// axis, and the band.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Unpad {
    skipped: Grid,
    kept: Grid,
}

/// `unpad_image(tensor, (W, H))` on a `grid` x `grid` tensor, as Python computes it in doubles:
/// `W / H > grid / grid` picks the axis, `int(H * (grid / W))` the image's extent on the other
/// (truncated: one below the exact quotient where the product rounds down), `(grid - n) // 2` the
/// rows or columns cut from each side. `exact` computes `n` as the integer `grid * short // long`
/// instead (what the note compares against).
fn unpad(grid: u32, original: Size, exact: bool) -> Unpad {
    let (w, h, g) = (f64::from(original.width), f64::from(original.height), f64::from(grid));
    // `original_aspect_ratio > current_aspect_ratio`, the tensor being `grid` x `grid`.
    let (current_width, current_height) = (g, g);
    let landscape = w / h > current_width / current_height;
    let (long, short) = if landscape { (original.width, original.height) } else { (original.height, original.width) };
    let n = if exact {
        u64::from(grid) * u64::from(short) / u64::from(long)
    } else if landscape {
        (h * (g / w)) as u64
    } else {
        (w * (g / h)) as u64
    };
    // n never exceeds the grid (short <= long); held there so the subtraction cannot wrap.
    let pad = (u64::from(grid) - n.min(u64::from(grid))) / 2;
    let pad = u32::try_from(pad).unwrap_or(0);
    let band = grid - 2 * pad;
    if landscape {
        Unpad { skipped: Grid::new(0, pad), kept: Grid::new(grid, band) }
    } else {
        Unpad { skipped: Grid::new(pad, 0), kept: Grid::new(band, grid) }
    }
}

/// The kept grid, or the model's failure when it is empty.
fn kept(spec: &UnpaddedSpec, original: Size) -> Result<Unpad, EngineError> {
    let u = unpad(spec.grid, original, false);
    if u.kept.cells() == 0 {
        return Err(EngineError::UnpaddedToNothing { size: original, grid: Grid::new(spec.grid, spec.grid) });
    }
    Ok(u)
}

pub(super) fn plan(head: Head, spec: &UnpaddedSpec, original: Size, _options: &Options) -> Result<Plan, EngineError> {
    let u = kept(spec, original)?;
    let side = spec.grid.saturating_mul(spec.patch);
    let frame = Size::new(side, side);
    let full = Grid::new(spec.grid, spec.grid);
    let view = View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid: full, token_grid: full };
    let mut sequence = Vec::with_capacity(2 * u.kept.rows as usize);
    spans(spec, u.kept, &mut sequence);
    let layout = Layout {
        frame,
        image_in_frame: expand_to_square(original, side),
        resize: ResizeMode::FitAndPad,
        views: vec![view],
        sequence,
    };
    let mut plan = Plan::new(head, original, layout);
    plan.token_order = TokenOrder::Unpadded { skipped: u.skipped, kept: u.kept };
    plan.notes.push(format!(
        "The image is padded to a square, which each vision encoder sees at its own size ({}); the connector's \
         {full} queries, one per patch of the grid drawn, each attend to their cell in every encoder.",
        spec.encoders
    ));
    if u.kept != full {
        let (dropped, what) = if u.kept.rows < spec.grid {
            (spec.grid - u.kept.rows, "rows")
        } else {
            (spec.grid - u.kept.cols, "columns")
        };
        plan.notes.push(format!(
            "Unpadding cuts {dropped} {what} of the {full} feature grid off the padding: {} features kept.",
            u.kept
        ));
    }
    let exact = unpad(spec.grid, original, true);
    if exact.kept != u.kept {
        plan.notes.push(format!(
            "unpad_image's float arithmetic keeps {} where exact arithmetic would keep {}.",
            u.kept, exact.kept
        ));
    }
    plan.notes.push(format!(
        "Each of the {} kept rows ends with {}, a learned embedding rather than a token; the prompt's one {} \
         becomes all {} positions.",
        u.kept.rows, spec.newline, spec.placeholder, plan.tokens_in_sequence
    ));
    Ok(plan)
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &UnpaddedSpec, original: Size, _options: &Options) -> Result<Count, EngineError> {
    let mut count = Count::default();
    spans(spec, kept(spec, original)?.kept, &mut count);
    Ok(count)
}

/// Each kept row of features, then the newline embedding that closes it.
fn spans(spec: &UnpaddedSpec, kept: Grid, out: &mut impl Spans) {
    for _ in 0..kept.rows {
        out.push(Span {
            kind: TokenKind::Image,
            text: spec.placeholder,
            label: "image features",
            count: u64::from(kept.cols),
        });
        out.push(Span {
            kind: TokenKind::Newline,
            text: spec.newline,
            label: "row end (learned image_newline embedding)",
            count: 1,
        });
    }
}

/// `expand2square`: the image pasted into a square of its long side, centred on the short axis
/// (offset `(long - short) // 2`), then the square resized to `side`: where the image lies.
fn expand_to_square(original: Size, side: u32) -> Rect {
    let long = original.long_side();
    let offset = f64::from((long - original.short_side()) / 2);
    let scale = f64::from(side) / f64::from(long);
    let (w, h) = (f64::from(original.width) * scale, f64::from(original.height) * scale);
    if original.width >= original.height {
        Rect::new(0.0, offset * scale, w, h)
    } else {
        Rect::new(offset * scale, 0.0, w, h)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{self, EngineError, Grid, Options, Rect, Size, TokenKind, TokenOrder};

    const CAMBRIAN: &str = "nyu-visionx/cambrian-8b";

    fn plan(w: u32, h: u32) -> Result<engine::Plan, EngineError> {
        engine::plan_for(CAMBRIAN, Size::new(w, h), &Options::default())
    }

    #[test]
    fn a_landscape_image_keeps_the_centre_rows_and_points_past_each_newline() {
        // 640x480: int(480 * (24 / 640)) = 18 rows of image, (24 - 18) // 2 = 3 cut above and below.
        let p = plan(640, 480).unwrap();
        assert_eq!(p.token_order, TokenOrder::Unpadded { skipped: Grid::new(0, 3), kept: Grid::new(24, 18) });
        // expand2square pastes it 80 px down a 640-px square; the square is drawn at 336 px.
        assert_eq!(p.image_in_frame, Rect::new(0.0, 42.0, 336.0, 252.0));
        let cell = 14.0;
        assert!(p.token_at(0.5 * cell, 2.5 * cell).is_none(), "a row cut away has no token");
        let first = p.token_at(0.5 * cell, 3.5 * cell).unwrap();
        assert_eq!((first.col, first.row, first.position), (0, 3, 0));
        // Row 5 of the grid is the third kept row: two rows of 24 features and a newline before it.
        let spot = p.token_at(5.5 * cell, 5.5 * cell).unwrap();
        assert_eq!(spot.position, 2 * 25 + 5);
        let kinds: Vec<TokenKind> =
            p.sequence.iter().flat_map(|s| std::iter::repeat_n(s.kind, s.count as usize)).collect();
        assert_eq!(kinds[24], TokenKind::Newline, "the 25th position closes the first row");
        assert_eq!(kinds.iter().filter(|k| **k == TokenKind::Newline).count(), 18, "one newline per kept row");
        assert_eq!(p.tokens_in_sequence, p.feature_tokens, "features and newlines are all vision vectors");
    }

    #[test]
    fn a_portrait_image_keeps_the_centre_columns() {
        // 480x640: the same cut on the other axis.
        let p = plan(480, 640).unwrap();
        assert_eq!(p.token_order, TokenOrder::Unpadded { skipped: Grid::new(3, 0), kept: Grid::new(18, 24) });
        assert!(p.token_at(2.5 * 14.0, 0.5 * 14.0).is_none());
        assert_eq!(p.token_at(3.5 * 14.0, 1.5 * 14.0).unwrap().position, 19);
    }

    #[test]
    fn a_float_truncation_is_kept_and_told() {
        // 55x88: 55 * (24 / 88) is 14.999999999999998 in doubles, so int() gives 14 and 5 columns
        // go each side (14 kept), where 55 * 24 // 88 = 15 would keep 16.
        let p = plan(55, 88).unwrap();
        assert_eq!(p.feature_tokens, 24 * (14 + 1), "24 rows of 14 features, each closed by a newline");
        assert!(
            p.notes.iter().any(|n| n.contains("keeps 14x24 where exact arithmetic would keep 16x24")),
            "{:?}",
            p.notes
        );
        assert!(!plan(56, 88).unwrap().notes.iter().any(|n| n.contains("exact arithmetic")));
    }

    #[test]
    fn an_image_unpadded_to_nothing_is_refused_with_the_reason() {
        // 3000x100: int(100 * (24 / 3000)) = 0 rows of image: all 24 rows are cut.
        let err = plan(3000, 100).unwrap_err();
        assert_eq!(err, EngineError::UnpaddedToNothing { size: Size::new(3000, 100), grid: Grid::new(24, 24) });
        assert!(err.to_string().contains("keeps no row or column"), "{err}");
        let c = engine::count(Size::new(100, 3000), engine::find(CAMBRIAN).unwrap(), &Options::default());
        assert!(matches!(c, Err(EngineError::UnpaddedToNothing { .. })));
        // One row of image still keeps two: (24 - 1) // 2 = 11 cut each side.
        assert_eq!(plan(1000, 42).unwrap().feature_tokens, 2 * (24 + 1));
    }
}
