//! Plain paint functions for the two canvases. Each sizes the backing store to the canvas' CSS
//! size (observed, never measured here) times devicePixelRatio, so it is sharp, then draws
//! through plotters with [`Canvas2d`].

use plotters::coord::Shift;
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

use crate::engine::{Plan, Rect, Size};
use crate::figures::measured::{Font, Measured};
use crate::figures::theme::Palette;
use crate::figures::{aspect, chart, overlay, strip};

use super::canvas_backend::{self, Canvas2d};
use super::recent::Recent;
use super::use_css_size::CssSize;
use super::use_picture::Picture;

/// Device pixels per CSS pixel (at least 1).
fn device_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0)
}

/// The backing store a canvas of `css` size gets: CSS size x devicePixelRatio, and the ratio.
pub fn backing_of(css: CssSize) -> (Size, f64) {
    let ratio = device_ratio();
    (Size::new(((css.width * ratio).round() as u32).max(1), ((css.height * ratio).round() as u32).max(1)), ratio)
}

/// Sets the backing store to CSS size x devicePixelRatio; returns it and the ratio.
fn fit_backing(canvas: &HtmlCanvasElement, css: CssSize) -> (Size, f64) {
    let (backing, ratio) = backing_of(css);
    if canvas.width() != backing.width || canvas.height() != backing.height {
        canvas.set_width(backing.width);
        canvas.set_height(backing.height);
    }
    (backing, ratio)
}

/// Runs `paint` between `save()` and `restore()`, so every paint starts from the context's default
/// state and the styles plotters sets (fill, stroke, line width, font) never leak into the next one.
fn fresh<T>(ctx: &CanvasRenderingContext2d, paint: impl FnOnce() -> T) -> T {
    ctx.save();
    let result = paint();
    ctx.restore();
    result
}

/// The picture stretched to `rect` (target pixels), or a blank of the analysed size without one.
fn draw_picture(ctx: &CanvasRenderingContext2d, picture: Option<&ImageBitmap>, rect: Rect, palette: &Palette) {
    match picture {
        Some(bitmap) => {
            let _ = ctx.draw_image_with_image_bitmap_and_dw_and_dh(bitmap, rect.x, rect.y, rect.width, rect.height);
        }
        None => {
            ctx.set_fill_style_str(&crate::figures::theme::css(palette.blank));
            ctx.fill_rect(rect.x, rect.y, rect.width, rect.height);
        }
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// What the overlay shows, besides its canvases: their CSS size, the marks' shapes, the photo (a
/// blank of the analysed size without one), the layers switched off, the token under the pointer
/// (frame coordinates) and the page's palette.
pub struct OverlayScene<'a> {
    pub css: CssSize,
    pub shapes: &'a overlay::Overlay,
    pub picture: Option<&'a Picture>,
    pub hidden: &'a [overlay::Layer],
    pub highlight: Option<Rect>,
    pub palette: &'a Palette,
}

/// The overlay, in two stacked canvases: `picture_layer` (below) holds the photo once, scaled to
/// about the overlay's size, and is placed on the image's rectangle by a CSS transform; `marks`
/// (above) gets the `shapes` (a plan's grids, crops and padding, from [`overlay::overlay`]), or a
/// blank image of the analysed size when no photo is loaded. A slider drag moves and stretches
/// the photo by its transform, which the compositor applies, instead of redrawing it on the main
/// thread at every input; marks painted lately are copied back instead of drawn again (see
/// [`OverlayLayers`]). Returns the layers too fine to draw.
pub fn paint_overlay(
    marks: &HtmlCanvasElement,
    picture_layer: &HtmlCanvasElement,
    scene: OverlayScene,
    layers: &mut OverlayLayers,
) -> Vec<overlay::Layer> {
    let OverlayScene { css, shapes, picture, hidden, highlight, palette } = scene;
    let (backing, ratio) = fit_backing(marks, css);
    let Some(ctx) = context(marks) else { return Vec::new() };
    fresh(&ctx, || {
        ctx.clear_rect(0.0, 0.0, f64::from(backing.width), f64::from(backing.height));
        let fit = overlay::Fit::with_margin(shapes.bounds, backing, (f64::from(MARGIN) * ratio).round() as u32);
        let rect = fit.rect(shapes.image);
        let held = &mut layers.picture;
        held.placed = picture.and_then(|p| held.hold(picture_layer, p, backing, ratio)).map(|copy| {
            place(picture_layer, rect, copy, ratio);
            rect
        });
        // (Set only on a change: writing the attribute, even unchanged, restyles the element.)
        if picture_layer.hidden() != held.placed.is_none() {
            picture_layer.set_hidden(held.placed.is_none());
        }
        if held.placed.is_none() {
            draw_picture(&ctx, picture.map(|p| &p.bitmap), rect, palette);
        }
        // With the photo on its own layer and no token under the pointer, the marks are all the
        // canvas holds, and the key below decides every pixel of them.
        let key = (held.placed.is_some() && highlight.is_none()).then(|| MarksKey {
            shapes: shapes.clone(),
            backing,
            ratio,
            hidden: hidden.to_vec(),
        });
        if let Some((kept, too_fine)) = key.as_ref().and_then(|key| layers.kept.get(key))
            && ctx.draw_image_with_html_canvas_element(kept, 0.0, 0.0).is_ok()
        {
            return too_fine.clone();
        }
        let Some(backend) = backend(marks) else { return Vec::new() };
        let area = backend.into_drawing_area();
        let too_fine = overlay::paint(
            &area,
            shapes,
            fit,
            overlay::PaintOptions { pixel_ratio: ratio, min_spacing: overlay::MIN_SPACING * ratio, hidden, highlight },
        )
        .unwrap_or_default();
        if let Some(key) = key {
            // The backend strokes its last lines when it presents: before they are copied.
            let _ = area.present();
            layers.keep_if_back(key, marks, &too_fine);
        }
        too_fine
    })
}

/// What the marks canvas shows when the photo is on its own layer: equal keys, equal pixels.
#[derive(PartialEq)]
struct MarksKey {
    shapes: overlay::Overlay,
    backing: Size,
    ratio: f64,
    hidden: Vec<overlay::Layer>,
}

/// How many paintings of the marks are kept: a drag over an AnyRes model flips between two or
/// three crop layouts. Each is a canvas of the overlay's backing size (about 9 MB at 1,200x480
/// CSS pixels and devicePixelRatio 2).
const KEPT_MARKS: usize = 3;

/// How many of the last paintings are remembered (their keys only), to tell one that comes back.
const SEEN_MARKS: usize = 8;

/// The overlay's state from one paint to the next: the picture layer, and copies of the marks
/// painted lately with the layers each left out as too fine. Copying a kept painting back is a
/// single blit, where painting LLaVA-OneVision's crops draws some 1,900 grid lines. A painting is
/// copied only when it comes back (a drag to and fro, a layout a drag flips back to): most of a
/// drag over Qwen's sizes draws a new grid at every step, and copying each would cost a blit more.
pub struct OverlayLayers {
    pub picture: PictureLayer,
    kept: Recent<MarksKey, (HtmlCanvasElement, Vec<overlay::Layer>)>,
    seen: Recent<MarksKey, ()>,
}

impl Default for OverlayLayers {
    fn default() -> Self {
        Self { picture: PictureLayer::default(), kept: Recent::new(KEPT_MARKS), seen: Recent::new(SEEN_MARKS) }
    }
}

impl OverlayLayers {
    /// Keeps a copy of `marks`, just painted for `key`, if it was painted lately; remembers `key`
    /// otherwise.
    fn keep_if_back(&mut self, key: MarksKey, marks: &HtmlCanvasElement, too_fine: &[overlay::Layer]) {
        if self.seen.get(&key).is_none() {
            self.seen.put(key, ());
            return;
        }
        // In the least recently used copy's canvas when all are taken.
        let backing = Size::new(marks.width(), marks.height());
        let copy = match self.kept.take_spare() {
            Some((canvas, _)) => context(&canvas).map(|ctx| {
                if canvas.width() == backing.width && canvas.height() == backing.height {
                    // (Its backing store kept: a new size would allocate another.)
                    ctx.clear_rect(0.0, 0.0, f64::from(backing.width), f64::from(backing.height));
                } else {
                    canvas.set_width(backing.width);
                    canvas.set_height(backing.height);
                }
                (canvas, ctx)
            }),
            None => detached(backing),
        };
        let Some((canvas, ctx)) = copy else { return };
        if ctx.draw_image_with_html_canvas_element(marks, 0.0, 0.0).is_ok() {
            self.kept.put(key, (canvas, too_fine.to_vec()));
        }
    }
}

/// Sets the transform that lays `layer` (a `copy`-sized backing shown at `copy / ratio` CSS
/// pixels) over `rect` (device pixels of the marks canvas).
fn place(layer: &HtmlCanvasElement, rect: Rect, copy: Size, ratio: f64) {
    let transform = format!(
        "translate({:.3}px, {:.3}px) scale({:.6}, {:.6})",
        rect.x / ratio,
        rect.y / ratio,
        rect.width / f64::from(copy.width),
        rect.height / f64::from(copy.height)
    );
    let _ = layer.style().set_property("transform", &transform);
}

/// What the picture canvas holds: the photo it was drawn from and the marks' backing size then,
/// and where the last paint placed it (device pixels of the marks canvas; `None`: hidden).
#[derive(Default)]
pub struct PictureLayer {
    held: Option<(ImageBitmap, Size, Size)>,
    placed: Option<Rect>,
}

impl PictureLayer {
    /// Draws `picture`'s preview into `layer`, scaled to cover `backing` (never upscaled), when the
    /// picture or the backing size changed since the last time; returns the layer's backing size.
    fn hold(&mut self, layer: &HtmlCanvasElement, picture: &Picture, backing: Size, ratio: f64) -> Option<Size> {
        if let Some((bitmap, was, copy)) = &self.held
            && js_sys::Object::is(bitmap, &picture.bitmap)
            && *was == backing
        {
            return Some(*copy);
        }
        self.held = None;
        let (w, h) = (f64::from(picture.bitmap.width()), f64::from(picture.bitmap.height()));
        // Large enough to cover the canvas both ways, so a squished image is never upscaled.
        let scale = (f64::from(backing.width) / w).max(f64::from(backing.height) / h).min(1.0);
        let copy = Size::new(((w * scale).round() as u32).max(1), ((h * scale).round() as u32).max(1));
        layer.set_width(copy.width);
        layer.set_height(copy.height);
        let style = layer.style();
        let _ = style.set_property("width", &format!("{:.3}px", f64::from(copy.width) / ratio));
        let _ = style.set_property("height", &format!("{:.3}px", f64::from(copy.height) / ratio));
        context(layer)?
            .draw_image_with_image_bitmap_and_dw_and_dh(
                &picture.bitmap,
                0.0,
                0.0,
                f64::from(copy.width),
                f64::from(copy.height),
            )
            .ok()?;
        self.held = Some((picture.bitmap.clone(), backing, copy));
        Some(copy)
    }
}

/// The overlay as one canvas (its PNG export): the photo where the last paint placed it, under
/// the marks.
pub fn overlay_snapshot(
    marks: &HtmlCanvasElement,
    picture_layer: &HtmlCanvasElement,
    layer: &PictureLayer,
) -> Option<HtmlCanvasElement> {
    let (copy, ctx) = detached(Size::new(marks.width(), marks.height()))?;
    if let Some(r) = layer.placed {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(picture_layer, r.x, r.y, r.width, r.height).ok()?;
    }
    ctx.draw_image_with_html_canvas_element(marks, 0.0, 0.0).ok()?;
    Some(copy)
}

/// Section 6's panels: the picture as each plan's model receives it (stretched, cut, padded),
/// with the token grid and hatched padding on top.
pub fn paint_aspect(
    canvas: &HtmlCanvasElement,
    css: CssSize,
    plans: &[Plan],
    picture: Option<&Picture>,
    palette: &Palette,
) {
    let (backing, ratio) = fit_backing(canvas, css);
    let Some(ctx) = context(canvas) else { return };
    fresh(&ctx, || {
        ctx.clear_rect(0.0, 0.0, f64::from(backing.width), f64::from(backing.height));
        let margin = (f64::from(MARGIN) * ratio).round() as u32;
        let panels = aspect::layout(plans, backing, 150.0 * ratio, margin);
        for panel in &panels {
            draw_picture(&ctx, picture.map(|p| &p.thumb), panel.fit.rect(panel.overlay.image), palette);
        }
        if let Some(backend) = backend(canvas) {
            let _ = aspect::paint(&backend.into_drawing_area(), &panels, ratio, palette);
        }
    });
}

/// Sizes `canvas`'s backing store and hands `paint` its drawing area and the pixel ratio, in a
/// fresh context state.
fn paint_figure(canvas: &HtmlCanvasElement, css: CssSize, paint: impl FnOnce(&DrawingArea<Canvas2d, Shift>, f64)) {
    let (backing, ratio) = fit_backing(canvas, css);
    let Some(ctx) = context(canvas) else { return };
    fresh(&ctx, || {
        ctx.clear_rect(0.0, 0.0, f64::from(backing.width), f64::from(backing.height));
        if let Some(backend) = backend(canvas) {
            paint(&backend.into_drawing_area(), ratio);
        }
    });
}

/// Section 7's strip: the image's span of the sequence, its segments laid out in CSS pixels.
pub fn paint_strip(canvas: &HtmlCanvasElement, css: CssSize, segments: &[strip::Segment], palette: &Palette) {
    paint_figure(canvas, css, |area, ratio| {
        let _ = strip::paint(area, segments, ratio, palette);
    });
}

/// The video chapter's timeline of sampled frames.
pub fn paint_timeline(
    canvas: &HtmlCanvasElement,
    css: CssSize,
    plan: &crate::engine::video::VideoPlan,
    palette: &Palette,
) {
    paint_figure(canvas, css, |area, ratio| {
        let _ = crate::figures::timeline::paint(area, plan, ratio, palette);
    });
}

/// The collection's histogram.
pub fn paint_histogram(
    canvas: &HtmlCanvasElement,
    css: CssSize,
    h: &crate::figures::histogram::Histogram,
    palette: &Palette,
) {
    paint_figure(canvas, css, |area, ratio| {
        let _ = crate::figures::histogram::paint(area, h, ratio, palette);
    });
}

/// Where the overlay puts the plan's frame on a canvas of CSS size `css` (in CSS pixels).
pub fn overlay_fit(plan: &Plan, css: CssSize) -> overlay::Fit {
    let target = Size::new(css.width.round().max(1.0) as u32, css.height.round().max(1.0) as u32);
    overlay::Fit::with_margin(overlay::overlay(plan).bounds, target, MARGIN)
}

/// Space around the overlay's frame, CSS pixels.
const MARGIN: u32 = 8;

/// A copy of the chart without its marker, and what it was painted from.
pub struct ChartCache {
    series: Vec<chart::Series>,
    range: chart::Range,
    clamp: Option<chart::Clamp>,
    dots: Vec<(f64, f64)>,
    backing: Size,
    palette: &'static Palette,
    snapshot: HtmlCanvasElement,
}

/// What a resolution chart shows.
pub struct ChartPaint<'a> {
    pub series: &'a [chart::Series],
    pub marker: Option<chart::Marker>,
    pub log: bool,
    pub clamp: Option<chart::Clamp>,
    /// Measured points, drawn as rings.
    pub dots: &'a [(f64, f64)],
    pub quantity: chart::Quantity,
    /// Whether the marker's dot is painted on the canvas; without, the marker only stretches the
    /// axes and the page shows the dot as an element over the canvas ([`chart::marker_at`]).
    pub paint_marker: bool,
    pub palette: &'static Palette,
}

/// A resolution chart. The axes and curves are repainted only when they change; moving the
/// marker copies the cached base back and draws the dot (or, when the page draws the dot, leaves
/// the canvas alone).
pub fn paint_chart(canvas: &HtmlCanvasElement, css: CssSize, input: ChartPaint, cache: &mut Option<ChartCache>) {
    let (backing, ratio) = fit_backing(canvas, css);
    let range = chart::Range::of_quantity(input.series, input.marker, input.dots, input.log, input.quantity);
    let Some(ctx) = context(canvas) else { return };
    fresh(&ctx, || {
        let cached = cache.as_ref().is_some_and(|c| {
            c.backing == backing
                && c.range == range
                && c.clamp == input.clamp
                && c.series == input.series
                && c.dots == input.dots
                && c.palette == input.palette
        });
        if cached && !input.paint_marker {
            return;
        }
        if cached {
            if let Some(c) = cache.as_ref() {
                let _ = ctx.draw_image_with_html_canvas_element(&c.snapshot, 0.0, 0.0);
            }
        } else {
            let Some(backend) = backend(canvas) else { return };
            let area = backend.into_drawing_area();
            let _ = chart::paint_base(&area, input.series, range, input.clamp, input.dots, ratio, input.palette);
            // Every line stroked before the copy is taken.
            let _ = area.present();
            *cache = snapshot(canvas, backing).map(|snapshot| ChartCache {
                series: input.series.to_vec(),
                range,
                clamp: input.clamp,
                dots: input.dots.to_vec(),
                backing,
                palette: input.palette,
                snapshot,
            });
        }
        if let Some(m) = input.marker.filter(|_| input.paint_marker)
            && let Some(backend) = backend(canvas)
        {
            let _ = chart::paint_marker(&backend.into_drawing_area(), range, m, ratio, input.palette);
        }
    });
}

/// A copy of a chart canvas with `marker`'s dot painted on it (the page shows the dot as an
/// element over the canvas; an exported picture needs it in its pixels).
pub fn with_marker(
    canvas: &HtmlCanvasElement,
    range: chart::Range,
    marker: chart::Marker,
    palette: &Palette,
) -> Option<HtmlCanvasElement> {
    let backing = Size::new(canvas.width(), canvas.height());
    let copy = snapshot(canvas, backing)?;
    chart::paint_marker(&backend(&copy)?.into_drawing_area(), range, marker, device_ratio(), palette).ok()?;
    Some(copy)
}

/// A detached canvas holding a copy of `canvas`.
fn snapshot(canvas: &HtmlCanvasElement, backing: Size) -> Option<HtmlCanvasElement> {
    let (copy, ctx) = detached(backing)?;
    ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0).ok()?;
    Some(copy)
}

/// A new canvas outside the page, of `backing` size, and its context.
fn detached(backing: Size) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let copy: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    copy.set_width(backing.width);
    copy.set_height(backing.height);
    let ctx = context(&copy)?;
    Some((copy, ctx))
}

/// The drawing backend for `canvas` (lines batched, text measured by the canvas).
fn backend(canvas: &HtmlCanvasElement) -> Option<Canvas2d> {
    Some(Canvas2d::new(canvas, context(canvas)?))
}

/// The resolution chart as a 960 x 480 SVG document (the page's SVG export) in the page theme's
/// colours, its text measured as the browser lays it out.
pub fn chart_svg(
    series: &[chart::Series],
    marker: Option<chart::Marker>,
    log: bool,
    palette: &Palette,
) -> Option<String> {
    let scratch: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    let ctx = context(&scratch)?;
    let mut out = String::new();
    {
        let inner = SVGBackend::with_string(&mut out, (960, 480));
        let measure = move |text: &str, font: &Font| canvas_backend::measure(&ctx, text, font);
        let _ = chart::paint(&Measured { inner, measure }.into_drawing_area(), series, marker, log, 1.0, palette);
    }
    Some(out)
}
