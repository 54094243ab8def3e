//! A clip's timeline: the clip as a bar from 0 to its duration, one tick per sampled frame at its
//! time, and the temporal groups (frames the encoder takes together) as alternating bands under
//! them. [`layout`] is plain numbers, so native tests check the drawing's geometry against the plan.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::engine::video::VideoPlan;

use super::theme;

/// Where the timeline's parts go, in the target's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// The bar: left, right, top, bottom.
    pub bar: (f64, f64, f64, f64),
    /// Each sampled frame's tick (x).
    pub ticks: Vec<f64>,
    /// Each group's band: from, to (x).
    pub groups: Vec<(f64, f64)>,
}

/// The timeline of `plan` across `width` x `height` px, `margin` px in from the sides.
pub fn layout(plan: &VideoPlan, width: f64, height: f64, margin: f64) -> Timeline {
    let (left, right) = (margin, (width - margin).max(margin + 1.0));
    let x = |t: f64| left + (right - left) * (t / plan.clip.duration_s).clamp(0.0, 1.0);
    let ticks: Vec<f64> = plan.sampled.iter().map(|f| x(f.time_s)).collect();
    let groups = plan
        .groups
        .iter()
        .map(|g| {
            let first = g.frames.first().map_or(left, |&i| ticks[i]);
            let last = g.frames.last().map_or(first, |&i| ticks[i]);
            (first, last)
        })
        .collect();
    Timeline { bar: (left, right, height * 0.30, height * 0.62), ticks, groups }
}

/// Draws `plan`'s timeline; `pixel_ratio` scales lines and text.
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plan: &VideoPlan,
    pixel_ratio: f64,
    palette: &theme::Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let r = |v: f64| v * pixel_ratio;
    let t = layout(plan, f64::from(w), f64::from(h), r(12.0));
    let px = |v: f64| v.round() as i32;
    let (left, right, top, bottom) = t.bar;
    area.fill(&palette.paper)?;
    area.draw(&Rectangle::new([(px(left), px(top)), (px(right), px(bottom))], palette.grid.mix(0.6).filled()))?;
    // Groups: alternating bands under the bar, each from its first frame to its last (at least 2 px).
    for (i, &(a, b)) in t.groups.iter().enumerate() {
        let color = palette.on_paper(if i % 2 == 0 { theme::DYNAMIC } else { theme::FIXED });
        let (a, b) = (a - r(1.0), b.max(a + r(1.0)) + r(1.0));
        area.draw(&Rectangle::new(
            [(px(a), px(bottom + r(3.0))), (px(b), px(bottom + r(9.0)))],
            color.mix(0.8).filled(),
        ))?;
    }
    let tick = palette.ink.mix(0.85).stroke_width(r(1.0).round().max(1.0) as u32);
    for &x in &t.ticks {
        area.draw(&PathElement::new(vec![(px(x), px(top)), (px(x), px(bottom))], tick))?;
    }
    let font = (FontFamily::SansSerif, r(12.0)).into_font().color(&palette.ink);
    let label = |text: String, x: f64, anchor: HPos| {
        Text::new(text, (px(x), px(bottom + r(12.0))), font.pos(Pos::new(anchor, VPos::Top)))
    };
    area.draw(&label("0 s".into(), left, HPos::Left))?;
    area.draw(&label(format!("{} s", crate::engine::decimal::trimmed(plan.clip.duration_s, 2)), right, HPos::Right))?;
    let caption = format!(
        "{} of {} frames sampled · {} groups of {} frame(s)",
        plan.frames_sampled,
        plan.clip.frames,
        plan.groups.len(),
        plan.temporal_patch
    );
    area.draw(&Text::new(caption, (px(left), px(r(4.0))), font.pos(Pos::new(HPos::Left, VPos::Top))))?;
    Ok(())
}
