//! Colours shared by text and figures (the CSS custom properties in style/main.css carry the same
//! values). The strategy colours are from the Okabe-Ito palette, distinguishable with the common
//! forms of colour blindness.

use plotters::style::RGBColor;

use crate::engine::StrategyKind;

pub const FIXED: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const DYNAMIC: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const ANYRES: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const API: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub const PATCH_LINE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub const TOKEN_LINE: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
pub const CROP_LINE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub const HIGHLIGHT: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const GLOBAL_LINE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const PADDING: RGBColor = RGBColor(0x60, 0x60, 0x60);
pub const HATCH: RGBColor = RGBColor(0xEE, 0xEE, 0xEE);
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// The colour a strategy wears everywhere: chart curve, labels, legend.
pub fn strategy_color(kind: StrategyKind) -> RGBColor {
    match kind {
        StrategyKind::Fixed => FIXED,
        StrategyKind::Dynamic => DYNAMIC,
        StrategyKind::AnyRes => ANYRES,
        StrategyKind::Api => API,
    }
}

/// `color` as CSS writes it, for the page's swatches and the chart's dot.
pub fn css(color: RGBColor) -> String {
    let RGBColor(r, g, b) = color;
    format!("rgb({r}, {g}, {b})")
}
