//! The collection's histogram: tokens per image on a logarithmic axis, one row per model on a
//! shared axis (small multiples, so no model's bars hide another's), each row in its strategy's
//! colour.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::Palette;
use crate::engine::collection::Tally;

/// One model's row: its name, colour and how many images fall in each bin.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    pub color: RGBColor,
    pub bins: Vec<u64>,
}

/// Bins shared by every row: `edges[i]..edges[i + 1]` tokens (the last bin includes its end).
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    pub edges: Vec<u64>,
    pub rows: Vec<Row>,
}

/// `count` bins from the smallest to the largest count of all `tallies`, of equal width on a
/// logarithmic scale: counts spread over orders of magnitude (a thumbnail's 64 tokens, a poster's
/// 16,000), and equal linear bins would put nearly every image in the first.
pub fn bins(tallies: &[(String, RGBColor, &Tally)], count: usize) -> Histogram {
    let count = count.max(1);
    let low = tallies.iter().filter_map(|(_, _, t)| t.histogram.keys().next().copied()).min().unwrap_or(1).max(1);
    let high = tallies.iter().filter_map(|(_, _, t)| t.max()).max().unwrap_or(1).max(low + 1);
    let span = (high as f64 / low as f64).ln();
    let edge = |i: usize| (low as f64 * (span * i as f64 / count as f64).exp()).round() as u64;
    let mut edges: Vec<u64> = (0..=count).map(edge).collect();
    edges[count] = high;
    let rows = tallies
        .iter()
        .map(|(label, color, t)| {
            let mut bins = vec![0u64; count];
            for (&value, &n) in &t.histogram {
                let at = ((value.max(low) as f64 / low as f64).ln() / span * count as f64).floor() as usize;
                bins[at.min(count - 1)] += n;
            }
            Row { label: label.clone(), color: *color, bins }
        })
        .collect();
    Histogram { edges, rows }
}

/// Height of one row, CSS px.
pub const ROW: f64 = 64.0;

/// Draws `h` on `area`; `pixel_ratio` scales lines and text.
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    h: &Histogram,
    pixel_ratio: f64,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = |v: f64| v * pixel_ratio;
    area.fill(&palette.paper)?;
    let (w, _) = area.dim_in_pixel();
    let (left, right) = (r(8.0), f64::from(w) - r(8.0));
    let font = (FontFamily::SansSerif, r(12.0)).into_font().color(&palette.ink);
    let bins = h.edges.len().saturating_sub(1).max(1);
    let bin_width = (right - left) / bins as f64;
    for (i, row) in h.rows.iter().enumerate() {
        let top = r(ROW) * i as f64 + r(18.0);
        let bottom = r(ROW) * (i + 1) as f64;
        let most = row.bins.iter().copied().max().unwrap_or(0).max(1);
        area.draw(&Text::new(
            row.label.clone(),
            (left as i32, (top - r(4.0)) as i32),
            font.pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))?;
        area.draw(&PathElement::new(vec![(left as i32, bottom as i32), (right as i32, bottom as i32)], palette.grid))?;
        let color = palette.on_paper(row.color);
        for (b, &n) in row.bins.iter().enumerate().filter(|(_, n)| **n > 0) {
            let x0 = left + bin_width * b as f64;
            let height = (bottom - top) * n as f64 / most as f64;
            let corners = [
                ((x0 + r(0.5)) as i32, (bottom - height).round() as i32),
                ((x0 + bin_width - r(0.5)) as i32, bottom as i32),
            ];
            area.draw(&Rectangle::new(corners, color.filled()))?;
        }
    }
    // The shared axis under the last row: the bins' ends.
    let base = r(ROW) * h.rows.len() as f64 + r(14.0);
    if let (Some(first), Some(last)) = (h.edges.first(), h.edges.last()) {
        area.draw(&Text::new(
            format!("{first} tokens"),
            (left as i32, base as i32),
            font.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        area.draw(&Text::new(
            format!("{last} tokens"),
            (right as i32, base as i32),
            font.pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        let middle = h.edges[h.edges.len() / 2];
        let x = ((left + right) / 2.0) as i32;
        area.draw(&Text::new(
            format!("{middle} (log scale)"),
            (x, base as i32),
            font.pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// The canvas height `rows` need, CSS px.
pub fn height(rows: usize) -> f64 {
    ROW * rows as f64 + 28.0
}
