//! Section 6's figure: one image as several models receive it, side by side (squished, cut, kept,
//! padded), with the padding hatched. Each panel is its plan's overlay reduced to the token grid,
//! the padding and the cut-away parts, so the shapes are the main overlay's own.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::engine::{Plan, Rect, Size};

use super::overlay::{self, Fit, Layer, Overlay, PaintOptions};
use super::theme;

/// The overlay layers a panel leaves out: only tokens, padding and cut-away parts are drawn.
pub const HIDDEN: [Layer; 4] = [Layer::Patches, Layer::Crops, Layer::Unpadded, Layer::Global];

/// One panel: the part of the target it owns, and where its plan's frame is drawn in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub area: Rect,
    pub fit: Fit,
    pub overlay: Overlay,
}

/// Lays `plans` out in one row of equal panels, or in two rows when a panel would be narrower
/// than `min_width` target pixels; each frame is fitted into its panel less `margin`.
pub fn layout(plans: &[Plan], target: Size, min_width: f64, margin: u32) -> Vec<Panel> {
    let n = plans.len().max(1);
    let cols = if f64::from(target.width) / n as f64 >= min_width { n } else { n.div_ceil(2) };
    let rows = n.div_ceil(cols);
    let w = f64::from(target.width) / cols as f64;
    let h = f64::from(target.height) / rows as f64;
    plans
        .iter()
        .enumerate()
        .map(|(i, plan)| {
            let area = Rect::new((i % cols) as f64 * w, (i / cols) as f64 * h, w, h);
            let overlay = overlay::overlay(plan);
            let mut fit = Fit::with_margin(overlay.bounds, Size::new(w as u32, h as u32), margin);
            fit.dx += area.x;
            fit.dy += area.y;
            Panel { area, fit, overlay }
        })
        .collect()
}

/// Draws every panel's token grid, hatched padding, cut-away parts and frame outline (the image
/// itself is the caller's: a canvas draws the reader's picture under this).
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panels: &[Panel],
    pixel_ratio: f64,
    palette: &theme::Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let options =
        PaintOptions { pixel_ratio, min_spacing: overlay::MIN_SPACING * pixel_ratio, hidden: &HIDDEN, highlight: None };
    for panel in panels {
        overlay::paint(area, &panel.overlay, panel.fit, options)?;
        let f = panel.fit.rect(Rect::of(panel.overlay.frame));
        let corners = [
            (f.x.round() as i32, f.y.round() as i32),
            ((f.x + f.width).round() as i32, (f.y + f.height).round() as i32),
        ];
        let width = (pixel_ratio.round() as u32).max(1);
        area.draw(&Rectangle::new(corners, palette.ink.stroke_width(width)))?;
    }
    Ok(())
}
