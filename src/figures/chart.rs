//! The resolution charts: tokens in sequence (or the time to the first token) against the image's
//! long side, one curve per model, the current image marked, measured points as rings.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendTextStyle, DrawingErrorKind};

use crate::engine::geometry::within;
use crate::engine::{self, Model, Options, Size};

use super::theme::{self, Palette};

/// The long sides the chart sweeps, in px.
pub const LONG_SIDE_FROM: u32 = 64;
pub const LONG_SIDE_TO: u32 = 4096;
/// Points per curve: one every 32 px of long side.
pub const STEPS: u32 = 129;

/// One model's curve.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: &'static str,
    /// The strategy's colour.
    pub color: RGBColor,
    /// Dash and gap in CSS px; `None` draws a solid line. Models of one strategy share a colour and
    /// differ by dash.
    pub dash: Option<(u32, u32)>,
    /// (long side px, tokens in sequence); sizes the model refuses are left out.
    pub points: Vec<(f64, f64)>,
}

/// Long-side ranges to shade: where the selected model clamps the image to its pixel limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clamp {
    /// Below this long side the image is scaled up to the minimum.
    pub floor: f64,
    /// Above this long side the image is scaled down to the maximum.
    pub cap: f64,
}

/// The current image on the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    pub long_side: f64,
    /// Its value on the y axis (tokens, or ms on a time chart).
    pub tokens: f64,
    pub color: RGBColor,
}

impl Marker {
    /// The image of `plan` on the token chart: its long side, its tokens in sequence, its
    /// strategy's colour.
    pub fn of(plan: &engine::Plan) -> Self {
        Self {
            long_side: f64::from(plan.original.long_side()),
            tokens: plan.tokens_in_sequence as f64,
            color: theme::strategy_color(plan.strategy),
        }
    }
}

/// Dash patterns for the 2nd, 3rd, ... model of a strategy.
const DASHES: [(u32, u32); 8] = [(8, 4), (2, 3), (12, 3), (5, 5), (20, 4), (1, 6), (4, 2), (10, 8)];

/// Each model's curve at the aspect ratio `aspect` (width over height), counted by the engine.
pub fn series(models: &[&'static Model], aspect: f64) -> Vec<Series> {
    curves(models, aspect, |model, size| {
        engine::count(size, model, &Options::default()).ok().map(|c| c.tokens_in_sequence as f64)
    })
}

/// Each model's time to first token on `gpu` with `prompt_tokens` of text, at the aspect ratio
/// `aspect`; hosted models (no cost model) are left out.
pub fn ttft_series(
    models: &[&'static Model],
    aspect: f64,
    gpu: &'static engine::cost::Gpu,
    prompt_tokens: u32,
) -> Vec<Series> {
    let open: Vec<&'static Model> = models.iter().copied().filter(|m| m.shape.is_some()).collect();
    curves(&open, aspect, |model, size| {
        let plan = engine::plan(size, model, &Options::default()).ok()?;
        engine::cost::of_plan(&plan, prompt_tokens, gpu).map(|c| c.ttft_ms)
    })
}

/// Tokens in sequence against a clip's duration (1 s to 10 min), one per [`VideoCurve`],
/// at the frame size and frame rate of `clip`; durations a model refuses are left out.
pub fn video_series(curves: &[VideoCurve], clip: &engine::video::Clip) -> Vec<Series> {
    let durations: Vec<f64> = (1..=4).map(f64::from).chain((1..=120).map(|i| f64::from(i) * 5.0)).collect();
    curves
        .iter()
        .map(|c| Series {
            label: c.label,
            // Past the dashes (and the solid line), the next round of curves of a strategy's colour
            // is drawn darker, so no two curves look alike.
            color: darker(theme::strategy_color(c.model.strategy.kind()), c.style / (DASHES.len() + 1)),
            dash: (c.style % (DASHES.len() + 1)).checked_sub(1).map(|k| DASHES[k]),
            points: durations
                .iter()
                .filter_map(|&d| {
                    let clip = engine::video::Clip::new(clip.size, clip.fps, d).ok()?;
                    let plan = engine::video::plan(&clip, c.model, &c.options).ok()?;
                    Some((d, plan.tokens_in_sequence as f64))
                })
                .collect(),
        })
        .collect()
}

/// `color` darkened by 40% `rounds` times.
fn darker(color: RGBColor, rounds: usize) -> RGBColor {
    let f = 0.6_f64.powi(i32::try_from(rounds).unwrap_or(i32::MAX));
    let RGBColor(r, g, b) = color;
    let d = |v: u8| (f64::from(v) * f).round() as u8;
    RGBColor(d(r), d(g), d(b))
}

/// A curve of the video chart: a model as one stack serves it, and its line style (0 solid,
/// then the dashes), which stays the curve's own when the reader hides others.
#[derive(Clone, Copy, Debug)]
pub struct VideoCurve {
    pub model: &'static Model,
    pub label: &'static str,
    pub options: engine::video::VideoOptions,
    pub style: usize,
}

/// The measured TTFT of `model` on `gpu`, as (long side, ms) rings for the chart.
pub fn measured_dots(model: &Model, gpu: &engine::cost::Gpu) -> Vec<(f64, f64)> {
    engine::cost::measured_ttft(model.id, gpu).into_iter().map(|(s, ms)| (f64::from(s.long_side()), ms)).collect()
}

/// One curve per model of `value` (left out where it is `None`: a size the model refuses) over the
/// sweep's sizes.
fn curves(models: &[&'static Model], aspect: f64, value: impl Fn(&'static Model, Size) -> Option<f64>) -> Vec<Series> {
    let sizes = engine::sweep_sizes(aspect, LONG_SIDE_FROM, LONG_SIDE_TO, STEPS);
    models
        .iter()
        .enumerate()
        .map(|(i, &model)| Series {
            label: model.name,
            color: theme::strategy_color(model.strategy.kind()),
            dash: {
                let same = models[..i].iter().filter(|m| m.strategy.kind() == model.strategy.kind()).count();
                same.checked_sub(1).map(|k| DASHES[k % DASHES.len()])
            },
            points: sizes.iter().filter_map(|&size| Some((f64::from(size.long_side()), value(model, size)?))).collect(),
        })
        .collect()
}

/// What the y axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// Against the long side at one aspect ratio.
    Tokens,
    /// Time to first token, ms, against the side of square images (the measured images are square).
    TtftMs,
    /// A clip's tokens in sequence against its duration, seconds.
    VideoTokens,
}

/// The axes' extent (the sweep, stretched in steps to include the marker when it lies beyond) and
/// scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub x_max: f64,
    pub y_max: f64,
    /// A logarithmic token axis: the quadratic growth becomes a straight line of slope 2 in
    /// log-log terms, and small counts stay visible beside large ones.
    pub log: bool,
    pub quantity: Quantity,
}

impl Range {
    pub fn of(series: &[Series], marker: Option<Marker>, log: bool) -> Self {
        Self::of_quantity(series, marker, &[], log, Quantity::Tokens)
    }

    /// The range of a chart of `quantity` holding `series`, `marker` and measured `dots`.
    pub fn of_quantity(
        series: &[Series],
        marker: Option<Marker>,
        dots: &[(f64, f64)],
        log: bool,
        quantity: Quantity,
    ) -> Self {
        // The marker stretches the axes in steps (1024 px; two significant digits of its value),
        // so dragging a slider past the sweep moves the dot without redrawing the chart under it.
        let y = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(marker.map(|m| two_digits_up(m.tokens)))
            .chain(dots.iter().map(|d| d.1))
            .fold(1.0_f64, f64::max);
        let x_max = match quantity {
            // A clip's duration: the sweep's, stretched to the marker's in whole minutes.
            Quantity::VideoTokens => series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0))
                .chain(marker.map(|m| (m.long_side / 60.0).ceil() * 60.0))
                .fold(1.0, f64::max),
            _ => f64::from(LONG_SIDE_TO)
                .max(marker.map_or(0.0, |m| (m.long_side / 1024.0).ceil() * 1024.0))
                .max(dots.iter().map(|d| d.0).fold(0.0, f64::max)),
        };
        Self { x_max, y_max: if log { y * 1.6 } else { y * 1.08 }, log, quantity }
    }

    /// Where a token count sits on the y axis (its base-10 logarithm on a log axis).
    pub fn y(self, tokens: f64) -> f64 {
        if self.log { tokens.max(1.0).log10() } else { tokens }
    }
}

/// `v` rounded up to two significant digits (16,386 -> 17,000; 393 -> 400).
fn two_digits_up(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 0.0;
    }
    let step = 10f64.powf(v.log10().floor() - 1.0);
    (v / step).ceil() * step
}

/// Margin around the chart and the width of the y labels, CSS px (the plotting area starts after
/// both on the left and ends one margin before the right edge).
const MARGIN: f64 = 10.0;
const Y_LABELS: f64 = 58.0;

/// The long side under horizontal position `x` of a chart `width` CSS px wide, if `x` is over the
/// plotting area.
pub fn long_side_at(x: f64, width: f64, range: Range) -> Option<f64> {
    let (left, right) = (MARGIN + Y_LABELS, width - MARGIN);
    (x >= left && x <= right && right > left).then(|| (x - left) / (right - left) * range.x_max)
}

/// A chart with linear axes over `f64` values.
type Frame<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// A linear `f64` axis: plotters' `RangedCoordf64` without its default label printer, which
/// writes `f64` through core's float formatter (17 KB of wasm that nothing else needs). The
/// chart's labels come from its label formatters, which write through [`fixed`].
#[derive(Clone)]
struct Axis(RangedCoordf64);

impl Axis {
    fn new(range: std::ops::Range<f64>) -> Self {
        Self(range.into())
    }
}

impl Ranged for Axis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        self.0.key_points(hint)
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.0.range()
    }
}

impl ValueFormatter<f64> for Axis {
    fn format(value: &f64) -> String {
        format!("{:.0}", *value)
    }
}

/// The plotting frame shared by [`paint_base`] and [`paint_marker`], so both map values alike.
fn frame<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    range: Range,
    pixel_ratio: f64,
) -> Result<Frame<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let r = |v: f64| (v * pixel_ratio).round() as u32;
    ChartBuilder::on(area)
        .margin(r(MARGIN))
        .x_label_area_size(r(38.0))
        .y_label_area_size(r(Y_LABELS))
        .build_cartesian_2d(Axis::new(0.0..range.x_max), Axis::new(0.0..range.y(range.y_max)))
}

/// Draws the chart on `area`; `pixel_ratio` scales text and lines (device pixels per CSS pixel).
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    marker: Option<Marker>,
    log: bool,
    pixel_ratio: f64,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let range = Range::of(series, marker, log);
    paint_base(area, series, range, None, &[], pixel_ratio, palette)?;
    if let Some(m) = marker {
        paint_marker(area, range, m, pixel_ratio, palette)?;
    }
    area.present()
}

/// The chart as an SVG document of `width` x `height` px (the page's SVG export) in `palette`'s
/// colours; `measure` sizes its text (see [`super::measured`]).
pub fn svg(
    series: &[Series],
    marker: Option<Marker>,
    log: bool,
    size: (u32, u32),
    palette: &Palette,
    measure: impl Fn(&str, &super::measured::Font) -> (u32, u32),
) -> String {
    let (width, height) = size;
    let mut out = String::new();
    {
        let inner = plotters::prelude::SVGBackend::with_string(&mut out, (width, height));
        let area = super::measured::Measured { inner, measure }.into_drawing_area();
        let _ = paint(&area, series, marker, log, 1.0, palette);
    }
    out
}

/// Everything but the marker: background, axes, curves, legend. Slow-ish (text is measured), so
/// the page keeps a copy and repaints it only when the curves, range or canvas size change.
pub fn paint_base<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    range: Range,
    clamp: Option<Clamp>,
    dots: &[(f64, f64)],
    pixel_ratio: f64,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = |v: f64| (v * pixel_ratio).round();
    area.fill(&palette.paper)?;
    // FontFamily::SansSerif, not "sans-serif": plotters reads a family name through
    // str::to_lowercase, which ships core's Unicode lowercase table (about 8 KB of wasm after gzip).
    let font = (FontFamily::SansSerif, r(13.0)).into_font().color(&palette.ink);
    let mut chart = frame(area, range, pixel_ratio)?;
    // About one x label per 90 CSS px, so a phone-width chart does not run its labels together.
    let css_width = f64::from(area.dim_in_pixel().0) / pixel_ratio;
    chart
        .configure_mesh()
        .x_labels(within(css_width / 90.0, 2.0, 10.0) as usize)
        .light_line_style(palette.grid.mix(0.5))
        .bold_line_style(palette.grid)
        .axis_style(palette.ink.mix(0.8))
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .x_desc(match range.quantity {
            Quantity::Tokens => "image long side (px)",
            Quantity::TtftMs => "side of a square image (px)",
            Quantity::VideoTokens => "clip duration (s)",
        })
        .y_desc(match (range.quantity, range.log) {
            (Quantity::Tokens | Quantity::VideoTokens, true) => "tokens in sequence (log scale)",
            (Quantity::Tokens | Quantity::VideoTokens, false) => "tokens in sequence",
            (Quantity::TtftMs, true) => "time to first token, ms (log scale)",
            (Quantity::TtftMs, false) => "time to first token, ms",
        })
        .x_label_formatter(&|v| format!("{:.0}", *v))
        // On the log axis, label the decades only (1, 10, 100, ...); other mesh lines stay unlabelled.
        .y_labels(if range.log { 40 } else { 10 })
        .y_label_formatter(&|v| match range.log {
            true if (v - v.round()).abs() < 1e-6 => format!("{:.0}", 10f64.powf(v.round())),
            true => String::new(),
            false => format!("{:.0}", *v),
        })
        .draw()?;
    // Whether the floor's name sits in the upper left corner, where the legend goes.
    let mut floor_named = false;
    if let Some(c) = clamp {
        let top = range.y(range.y_max);
        let floor = palette.on_paper(theme::DYNAMIC);
        let shade = floor.mix(0.1).filled();
        let label = (FontFamily::SansSerif, r(12.0)).into_font().color(&floor);
        for (from, to, text) in [(0.0, c.floor, "min_pixels floor"), (c.cap, range.x_max, "max_pixels cap")] {
            let (from, to) = (within(from, 0.0, range.x_max), within(to, 0.0, range.x_max));
            if to - from > range.x_max * 0.002 {
                chart.draw_series([Rectangle::new([(from, 0.0), (to, top)], shade)])?;
                chart.draw_series([Text::new(text, (from + range.x_max * 0.005, top * 0.97), label.clone())])?;
                floor_named |= from == 0.0;
            }
        }
    }
    for s in series {
        let style = palette.on_paper(s.color).stroke_width(r(2.0) as u32);
        match s.dash {
            Some((dash, gap)) => chart.draw_series(DashedLineSeries::new(
                s.points.iter().map(|&(x, t)| (x, range.y(t))),
                r(f64::from(dash)) as u32,
                r(f64::from(gap)) as u32,
                style,
            ))?,
            None => chart.draw_series(LineSeries::new(s.points.iter().map(|&(x, t)| (x, range.y(t))), style))?,
        };
    }
    // Measured points: rings, so they read as data over the model's curves.
    let ring = palette.ink.stroke_width(r(1.5) as u32);
    chart.draw_series(dots.iter().map(|&(x, y)| Circle::new((x, range.y(y)), r(5.0) as i32, ring)))?;
    let (x, y) = chart.plotting_area().get_pixel_range();
    let base = area.get_base_pixel();
    // Below the floor's name, which would otherwise be hidden under the legend's box.
    let below = if floor_named { r(18.0) as i32 } else { 0 };
    // A clip's curves rise to the upper right and level off: its legend goes to the lower right.
    let corner = match range.quantity {
        Quantity::VideoTokens => Corner::LowerRight((x.end - base.0, y.end - base.1)),
        _ => Corner::UpperLeft((x.start - base.0, y.start - base.1 + below)),
    };
    legend(area, series, corner, &font, pixel_ratio, palette)
}

/// Where the legend sits: a corner of the plotting area (in the area's pixels).
#[derive(Clone, Copy)]
enum Corner {
    UpperLeft((i32, i32)),
    LowerRight((i32, i32)),
}

/// The legend in the plot's upper left corner (`at`, in the area's pixels): each curve's colour and
/// dash next to its model's name. Drawn here rather than by plotters' series labels, which measure
/// every label through the font (in a browser: a hidden element with an inline style each).
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    corner: Corner,
    font: &TextStyle,
    pixel_ratio: f64,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if series.is_empty() {
        return Ok(());
    }
    let r = |v: f64| (v * pixel_ratio).round() as i32;
    let (pad, swatch, gap, row) = (r(8.0), r(22.0), r(6.0), r(18.0));
    let widest = series.iter().map(|s| area.estimate_text_size(s.label, font).map_or(0, |(w, _)| w)).max().unwrap_or(0);
    let (width, height) =
        (2 * pad + swatch + gap + widest as i32, 2 * pad + row * series.len() as i32 - (row - r(13.0)));
    let (left, top) = match corner {
        Corner::UpperLeft(at) => (at.0 + r(10.0), at.1 + r(10.0)),
        Corner::LowerRight(at) => (at.0 - r(10.0) - width, at.1 - r(10.0) - height),
    };
    let (right, bottom) = (left + width, top + height);
    area.draw(&Rectangle::new([(left, top), (right, bottom)], palette.paper.mix(0.85).filled()))?;
    area.draw(&Rectangle::new([(left, top), (right, bottom)], palette.grid))?;
    for (i, s) in series.iter().enumerate() {
        let y = top + pad + r(6.5) + row * i as i32;
        let style = palette.on_paper(s.color).stroke_width(r(2.0) as u32);
        // The swatch repeats the curve's dash (a dash as long as the swatch draws it solid).
        let (dash, gap_len) =
            s.dash.map_or((swatch as u32, 0), |(d, g)| (r(f64::from(d)) as u32, r(f64::from(g)) as u32));
        area.draw(&DashedPathElement::new(vec![(left + pad, y), (left + pad + swatch, y)], dash, gap_len, style))?;
        let label = font.pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(s.label, (left + pad + swatch + gap, y), label))?;
    }
    Ok(())
}

/// Where the centre of `m`'s dot lands on a chart of `size` (device px) drawn with `range`: the
/// mapping [`frame`] gives plotters, asked of a backend that draws nothing. The page shows the dot
/// as an element over the canvas, so moving it repaints no canvas.
pub fn marker_at(size: (u32, u32), range: Range, m: Marker, pixel_ratio: f64) -> Option<(i32, i32)> {
    let area = Probe(size).into_drawing_area();
    let chart = frame(&area, range, pixel_ratio).ok()?;
    Some(chart.backend_coord(&(m.long_side, range.y(m.tokens))))
}

/// A backend of a given size that draws nothing. It measures no text either: plotters' default
/// measure lays text out through its own font code, which writes the size through core's float
/// formatter (see [`crate::engine::decimal`]).
struct Probe((u32, u32));

impl DrawingBackend for Probe {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.0
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_pixel(&mut self, _: (i32, i32), _: BackendColor) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        _: &str,
        _: &S,
        _: (i32, i32),
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        _: &str,
        _: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok((0, 0))
    }
}

/// The current image's dot, over a base painted with the same `range`.
pub fn paint_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    range: Range,
    m: Marker,
    pixel_ratio: f64,
    palette: &Palette,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = |v: f64| (v * pixel_ratio).round();
    let mut chart = frame(area, range, pixel_ratio)?;
    let at = (m.long_side, range.y(m.tokens));
    chart.draw_series([Circle::new(at, r(6.0) as i32, palette.on_paper(m.color).filled())])?;
    chart.draw_series([Circle::new(at, r(6.0) as i32, palette.ink.stroke_width(r(1.5) as u32))])?;
    Ok(())
}
