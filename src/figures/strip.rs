//! The image's span of the sequence as a strip: one segment per run of tokens, in sequence order,
//! coloured by kind. Each segment is at least [`MIN_WIDTH`] wide (a lone delimiter stays visible)
//! and shares the rest of the width by its count. The layout is plain numbers, so pointing and the
//! marker are pure functions and native tests check them against the drawing.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::engine::{Plan, TokenKind};

use super::theme;

/// The narrowest a segment is drawn, in the strip's pixels at a ratio of 1.
pub const MIN_WIDTH: f64 = 3.0;

/// One run of tokens of the span and where it is drawn (`x` and `width` in the strip's pixels).
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Its first position in the image's span, from 0.
    pub first: u64,
    pub count: u64,
    pub kind: TokenKind,
    /// What the run is, e.g. `1 x "<|vision_start|>": image start`.
    pub title: String,
    pub x: f64,
    pub width: f64,
}

/// The segments of `plan`'s span across `width` pixels, each at least `min_width` wide (as a flex
/// row of items with `flex-grow` = count and that `min-width` lays them out). When even the minimum
/// does not fit, every segment gets an equal share.
pub fn layout(plan: &Plan, width: f64, min_width: f64) -> Vec<Segment> {
    let spans = &plan.sequence;
    let n = spans.len();
    let width = width.max(0.0);
    let mut widths = vec![0.0; n];
    if n as f64 * min_width >= width {
        widths.iter_mut().for_each(|w| *w = width / n.max(1) as f64);
    } else {
        // Freeze the segments whose share is under the minimum, then share the rest again.
        let mut frozen = vec![false; n];
        loop {
            let free = width - min_width * frozen.iter().filter(|f| **f).count() as f64;
            let counts: u64 = spans.iter().zip(&frozen).filter(|(_, f)| !**f).map(|(s, _)| s.count).sum();
            let mut changed = false;
            for (i, s) in spans.iter().enumerate() {
                if frozen[i] {
                    widths[i] = min_width;
                    continue;
                }
                widths[i] = free * s.count as f64 / counts.max(1) as f64;
                if widths[i] < min_width {
                    frozen[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
    let (mut x, mut first) = (0.0, 0);
    spans
        .iter()
        .zip(widths)
        .map(|(s, w)| {
            let segment = Segment {
                first,
                count: s.count,
                kind: s.kind,
                title: format!("{} x {:?}: {}", s.count, s.text, s.label),
                x,
                width: w,
            };
            x += w;
            first += s.count;
            segment
        })
        .collect()
}

/// The segment under `x`, if any.
pub fn segment_at(segments: &[Segment], x: f64) -> Option<usize> {
    segments.iter().position(|s| x >= s.x && x < s.x + s.width)
}

/// The position under `x` when it is over image features (other segments name no single token).
pub fn position_at(segments: &[Segment], x: f64) -> Option<u64> {
    let s = &segments[segment_at(segments, x)?];
    if s.kind != TokenKind::Image || s.count == 0 {
        return None;
    }
    let at = ((x - s.x) / s.width * s.count as f64).floor().max(0.0) as u64;
    Some(s.first + at.min(s.count - 1))
}

/// Where `position` is drawn: the middle of its slice of its segment.
pub fn x_of(segments: &[Segment], position: u64) -> Option<f64> {
    let s = segments.iter().find(|s| position >= s.first && position < s.first + s.count)?;
    Some(s.x + ((position - s.first) as f64 + 0.5) / s.count as f64 * s.width)
}

/// The colour of a kind of token, in the strip and its legend.
pub fn kind_color(kind: TokenKind) -> RGBColor {
    match kind {
        TokenKind::Image => theme::DYNAMIC,
        TokenKind::Newline => theme::CROP_LINE,
        TokenKind::Delimiter => theme::FIXED,
        TokenKind::Text => RGBColor(0x8A, 0x8F, 0x98),
    }
}

/// Draws `segments` (laid out at `pixel_ratio` device pixels per CSS pixel) on `area`, with a
/// line of the paper's colour between neighbours.
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    segments: &[Segment],
    pixel_ratio: f64,
    palette: &theme::Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let height = area.dim_in_pixel().1 as i32;
    let px = |v: f64| (v * pixel_ratio).round() as i32;
    for s in segments {
        let (left, right) = (px(s.x), px(s.x + s.width));
        area.draw(&Rectangle::new([(left, 0), (right, height)], palette.on_paper(kind_color(s.kind)).filled()))?;
        let line = right - px(1.0).max(1);
        if s.width >= 2.0 {
            area.draw(&Rectangle::new([(line, 0), (right, height)], palette.paper.mix(0.7).filled()))?;
        }
    }
    Ok(())
}
