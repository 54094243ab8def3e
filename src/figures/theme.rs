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

/// The colours a figure's chrome takes in one page theme: its background, text, grid lines and
/// the blank that stands in for a picture. Curve and strategy colours keep their hue in both
/// themes; on dark paper [`Palette::on_paper`] lifts them towards white so they read as well.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub name: &'static str,
    pub paper: RGBColor,
    pub ink: RGBColor,
    pub grid: RGBColor,
    /// What stands in for the picture before one is loaded.
    pub blank: RGBColor,
    /// How far a series colour moves towards white on this paper (0: as it is).
    lift: f64,
}

/// The light theme (style/main.css `:root`).
pub const LIGHT: Palette = Palette {
    name: "light",
    paper: RGBColor(0xFF, 0xFF, 0xFF),
    ink: INK,
    grid: GRID,
    blank: RGBColor(0xC9, 0xCE, 0xD6),
    lift: 0.0,
};

/// The dark theme (style/main.css `:root[data-theme=dark]`): a panel close to al-folio's dark
/// background, light grey text.
pub const DARK: Palette = Palette {
    name: "dark",
    paper: RGBColor(0x25, 0x26, 0x2A),
    ink: RGBColor(0xE6, 0xE8, 0xEC),
    grid: RGBColor(0x4A, 0x4E, 0x57),
    blank: RGBColor(0x4B, 0x51, 0x5C),
    lift: 0.35,
};

impl Palette {
    /// The palette of the dark theme or the light one.
    pub fn of(dark: bool) -> &'static Palette {
        if dark { &DARK } else { &LIGHT }
    }

    /// `color` as drawn on this palette's paper: unchanged on light paper, moved towards white
    /// on dark paper (lifted, every strategy colour is at least 4.5:1 there).
    pub fn on_paper(&self, color: RGBColor) -> RGBColor {
        let RGBColor(r, g, b) = color;
        let up = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * self.lift).round() as u8;
        RGBColor(up(r), up(g), up(b))
    }
}

/// The WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    fn luminance(RGBColor(r, g, b): RGBColor) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_curves_read_on_both_papers() {
        for p in [&LIGHT, &DARK] {
            assert!(contrast(p.ink, p.paper) >= 7.0, "{} ink", p.name);
            for kind in [StrategyKind::Fixed, StrategyKind::Dynamic, StrategyKind::AnyRes, StrategyKind::Api] {
                // Curves and swatches are graphics: WCAG's 3:1 for non-text contrast, and on dark
                // paper, where they are lifted, the 4.5:1 of text.
                let c = contrast(p.on_paper(strategy_color(kind)), p.paper);
                let needed = if p.name == "dark" { 4.5 } else { 3.0 };
                assert!(c >= needed, "{} {kind:?}: {c:.2}", p.name);
            }
            // Grid lines are visible but quieter than the curves.
            let grid = contrast(p.grid, p.paper);
            assert!((1.2..3.0).contains(&grid), "{} grid {grid:.2}", p.name);
        }
        assert_eq!(LIGHT.on_paper(FIXED), FIXED, "light paper keeps the colours");
        assert!((contrast(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
    }
}
