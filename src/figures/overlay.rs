//! The overlay: the image as the model receives it, with the ViT patch grid, the merge blocks,
//! AnyRes crops, padding and the unpadded region drawn on it. [`overlay`] turns a plan into plain
//! shapes in frame pixels; [`paint`] draws them on any plotters backend.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::engine::geometry::within;
use crate::engine::{Grid, Plan, Rect, Size, TokenOrder, ViewRole};

use super::theme;

/// What a shape shows; each can be styled or hidden on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// ViT patch boundaries.
    Patches,
    /// Language-model token boundaries (merge or pooling blocks).
    Tokens,
    /// AnyRes crop boundaries.
    Crops,
    /// Padding the processor adds around the image.
    Padding,
    /// The feature region kept after unpadding.
    Unpadded,
    /// Parts of the image the processor cuts away (centre crop).
    CutAway,
    /// The global view (thumbnail) next to the crops: its outline and its coarser token grid.
    Global,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A shaded area.
    Fill { rect: Rect, layer: Layer },
    /// A rectangle's border.
    Outline { rect: Rect, layer: Layer },
    /// `grid` cells of `cell` frame pixels laid from `origin`: the lines between and around them.
    Lines { origin: Rect, cell: Rect, grid: Grid, layer: Layer },
}

/// Everything the overlay draws, in the pixel coordinates of the plan's frame.
#[derive(Clone, Debug, PartialEq)]
pub struct Overlay {
    pub frame: Size,
    /// What must be visible: the frame, and the image where it overhangs the frame (centre crop).
    pub bounds: Rect,
    /// Where the image is drawn (stretched to this rectangle).
    pub image: Rect,
    pub shapes: Vec<Shape>,
}

/// The shapes that explain `plan`: for every view but the global one, its patch grid and token
/// grid; for AnyRes, padding, crop borders and the unpadded region.
pub fn overlay(plan: &Plan) -> Overlay {
    let mut shapes = Vec::new();
    let frame = Rect::of(plan.frame);
    let image = plan.image_in_frame;
    for rect in outside(frame, image) {
        shapes.push(Shape::Fill { rect, layer: Layer::Padding });
    }
    for rect in outside(image, frame) {
        shapes.push(Shape::Fill { rect, layer: Layer::CutAway });
    }
    // With a whole view (Gemma 3's pan and scan), crops are re-encodings of parts of the same
    // image: outline them rather than draw a second set of grids over the first.
    let has_whole = plan.views.iter().any(|v| v.role == ViewRole::Whole);
    for view in plan.views.iter().filter(|v| v.role != ViewRole::Global) {
        if has_whole && matches!(view.role, ViewRole::Crop { .. }) {
            shapes.push(Shape::Outline { rect: view.rect, layer: Layer::Crops });
            continue;
        }
        let sx = view.rect.width / f64::from(view.input.width);
        let sy = view.rect.height / f64::from(view.input.height);
        let patch = f64::from(plan.patch);
        let cell = Rect::new(0.0, 0.0, patch * sx, patch * sy);
        shapes.push(Shape::Lines { origin: view.rect, cell, grid: view.patch_grid, layer: Layer::Patches });
        if plan.merge.factor > 1 {
            let f = f64::from(plan.merge.factor);
            let block = Rect::new(0.0, 0.0, cell.width * f, cell.height * f);
            shapes.push(Shape::Lines { origin: view.rect, cell: block, grid: view.token_grid, layer: Layer::Tokens });
        }
        if matches!(view.role, ViewRole::Crop { .. }) {
            shapes.push(Shape::Outline { rect: view.rect, layer: Layer::Crops });
        }
    }
    if let Some(any) = &plan.anyres {
        shapes.push(Shape::Outline { rect: any.unpadded_rect, layer: Layer::Unpadded });
    }
    // Cambrian-1 and Phi-4-multimodal also keep only part of a token grid: outline that part.
    if let Some(first) = plan.views.first() {
        let cell_w = first.rect.width / f64::from(first.token_grid.cols.max(1));
        let cell_h = first.rect.height / f64::from(first.token_grid.rows.max(1));
        let kept = match plan.token_order {
            TokenOrder::Unpadded { skipped, kept } => Some((skipped, kept)),
            TokenOrder::Stitched { kept, .. } => Some((Grid::new(0, 0), kept)),
            _ => None,
        };
        if let Some((skipped, kept)) = kept {
            let rect = Rect::new(
                first.rect.x + f64::from(skipped.cols) * cell_w,
                first.rect.y + f64::from(skipped.rows) * cell_h,
                f64::from(kept.cols) * cell_w,
                f64::from(kept.rows) * cell_h,
            );
            shapes.push(Shape::Outline { rect, layer: Layer::Unpadded });
        }
    }
    // The global view sees the whole image again at the encoder's input size: its token grid over
    // the image shows how much coarser it is than the crops.
    for view in plan.views.iter().filter(|v| v.role == ViewRole::Global) {
        let side = f64::from(plan.patch * plan.merge.factor);
        let cell = Rect::new(
            0.0,
            0.0,
            side * view.rect.width / f64::from(view.input.width),
            side * view.rect.height / f64::from(view.input.height),
        );
        shapes.push(Shape::Lines { origin: view.rect, cell, grid: view.token_grid, layer: Layer::Global });
        shapes.push(Shape::Outline { rect: view.rect, layer: Layer::Global });
    }
    let (x0, y0) = (frame.x.min(image.x), frame.y.min(image.y));
    let x1 = (frame.x + frame.width).max(image.x + image.width);
    let y1 = (frame.y + frame.height).max(image.y + image.height);
    Overlay { frame: plan.frame, bounds: Rect::new(x0, y0, x1 - x0, y1 - y0), image, shapes }
}

/// The parts of `outer` not covered by `inner` (at most four bands; none where `inner` covers it).
fn outside(outer: Rect, inner: Rect) -> Vec<Rect> {
    let (ox1, oy1) = (outer.x + outer.width, outer.y + outer.height);
    let top = within(inner.y, outer.y, oy1);
    let bottom = within(inner.y + inner.height, outer.y, oy1);
    let left = within(inner.x, outer.x, ox1);
    let right = within(inner.x + inner.width, outer.x, ox1);
    [
        Rect::new(outer.x, outer.y, outer.width, top - outer.y),
        Rect::new(outer.x, bottom, outer.width, oy1 - bottom),
        Rect::new(outer.x, top, left - outer.x, bottom - top),
        Rect::new(right, top, ox1 - right, bottom - top),
    ]
    .into_iter()
    .filter(|r| r.width > 0.0 && r.height > 0.0)
    .collect()
}

/// Maps frame pixels to target pixels: uniform scale, centred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    pub scale: f64,
    pub dx: f64,
    pub dy: f64,
}

impl Fit {
    /// The largest uniform scale that shows all of `bounds` inside `target`, centred.
    pub fn new(bounds: Rect, target: Size) -> Self {
        let (tw, th) = (f64::from(target.width), f64::from(target.height));
        let scale = (tw / bounds.width).min(th / bounds.height);
        let dx = (tw - bounds.width * scale) / 2.0 - bounds.x * scale;
        let dy = (th - bounds.height * scale) / 2.0 - bounds.y * scale;
        Self { scale, dx, dy }
    }

    /// The frame point under a target point.
    pub fn inverse(self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.dx) / self.scale, (y - self.dy) / self.scale)
    }

    /// `bounds` fitted into `target` less a `margin` on every side.
    pub fn with_margin(bounds: Rect, target: Size, margin: u32) -> Self {
        let inner =
            Size::new(target.width.saturating_sub(2 * margin).max(1), target.height.saturating_sub(2 * margin).max(1));
        let mut fit = Self::new(bounds, inner);
        fit.dx += f64::from(margin);
        fit.dy += f64::from(margin);
        fit
    }

    pub fn rect(self, r: Rect) -> Rect {
        Rect::new(self.dx + r.x * self.scale, self.dy + r.y * self.scale, r.width * self.scale, r.height * self.scale)
    }
}

impl Layer {
    /// The layers a reader can switch, with their names.
    pub const TOGGLES: [(Layer, &'static str); 6] = [
        (Layer::Patches, "ViT patches"),
        (Layer::Tokens, "LLM tokens (merge blocks)"),
        (Layer::Crops, "crops and tiles"),
        (Layer::Global, "global view tokens"),
        (Layer::Padding, "padding and cut-away parts"),
        (Layer::Unpadded, "unpadded region"),
    ];

    /// The switch that shows or hides this layer (cut-away parts go with padding).
    pub fn toggle(self) -> Layer {
        if self == Layer::CutAway { Layer::Padding } else { self }
    }
}

/// The closest a grid's lines may be, in CSS pixels: a finer grid is left out (it would only tint
/// the image), and the page says so.
pub const MIN_SPACING: f64 = 3.0;

/// How to draw: `pixel_ratio` scales line widths (device pixels per CSS pixel); grids whose cells
/// would be closer than `min_spacing` device pixels are left out (they would only tint the image);
/// `hidden` layers are not drawn.
#[derive(Clone, Copy, Debug)]
pub struct PaintOptions<'a> {
    pub pixel_ratio: f64,
    pub min_spacing: f64,
    pub hidden: &'a [Layer],
    /// A token to highlight (frame coordinates): the pixels it covers.
    pub highlight: Option<Rect>,
}

/// Draws the overlay's shapes (not the image itself) onto `area`, mapped by `fit`.
/// Returns which layers were too fine to draw.
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    overlay: &Overlay,
    fit: Fit,
    options: PaintOptions,
) -> Result<Vec<Layer>, DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| v.round() as i32;
    let width = |w: f64| ((w * options.pixel_ratio).round() as u32).max(1);
    let mut skipped = Vec::new();
    for shape in &overlay.shapes {
        let (Shape::Fill { layer, .. } | Shape::Outline { layer, .. } | Shape::Lines { layer, .. }) = shape;
        if options.hidden.contains(&layer.toggle()) {
            continue;
        }
        match shape {
            Shape::Fill { rect, layer } => {
                let r = fit.rect(*rect);
                let style = match layer {
                    Layer::CutAway => theme::INK.mix(0.6).filled(),
                    _ => theme::PADDING.mix(0.55).filled(),
                };
                area.draw(&Rectangle::new([(px(r.x), px(r.y)), (px(r.x + r.width), px(r.y + r.height))], style))?;
                if *layer == Layer::Padding {
                    let line = theme::HATCH.mix(0.6).stroke_width(width(1.0));
                    for (a, b) in hatch(r, 8.0 * options.pixel_ratio) {
                        area.draw(&PathElement::new(vec![(px(a.0), px(a.1)), (px(b.0), px(b.1))], line))?;
                    }
                }
            }
            Shape::Outline { rect, layer } => {
                let r = fit.rect(*rect);
                let style = match layer {
                    Layer::Unpadded => theme::TOKEN_LINE.stroke_width(width(1.5)),
                    Layer::Global => theme::GLOBAL_LINE.stroke_width(width(2.0)),
                    _ => theme::CROP_LINE.stroke_width(width(2.5)),
                };
                area.draw(&Rectangle::new([(px(r.x), px(r.y)), (px(r.x + r.width), px(r.y + r.height))], style))?;
            }
            Shape::Lines { origin, cell, grid, layer } => {
                let o = fit.rect(*origin);
                let (cw, ch) = (cell.width * fit.scale, cell.height * fit.scale);
                if cw.min(ch) < options.min_spacing {
                    if !skipped.contains(layer) {
                        skipped.push(*layer);
                    }
                    continue;
                }
                let style = match layer {
                    Layer::Tokens => theme::TOKEN_LINE.mix(0.75).stroke_width(width(1.25)),
                    Layer::Global => theme::GLOBAL_LINE.mix(0.85).stroke_width(width(1.5)),
                    _ => theme::PATCH_LINE.mix(0.4).stroke_width(width(0.75)),
                };
                // A grid pooled with rounding up (Molmo2's 27 patches into 14 tokens) ends in a part
                // cell: clip it to its view, whose edge closes it.
                let x1 = (o.x + cw * f64::from(grid.cols)).min(o.x + o.width);
                let y1 = (o.y + ch * f64::from(grid.rows)).min(o.y + o.height);
                let xs = (0..=grid.cols).map(|i| o.x + cw * f64::from(i)).take_while(|&x| x < x1 - 0.5).chain([x1]);
                for x in xs {
                    area.draw(&PathElement::new(vec![(px(x), px(o.y)), (px(x), px(y1))], style))?;
                }
                let ys = (0..=grid.rows).map(|j| o.y + ch * f64::from(j)).take_while(|&y| y < y1 - 0.5).chain([y1]);
                for y in ys {
                    area.draw(&PathElement::new(vec![(px(o.x), px(y)), (px(x1), px(y))], style))?;
                }
            }
        }
    }
    if let Some(h) = options.highlight {
        let r = fit.rect(h);
        let corners = [(px(r.x), px(r.y)), (px(r.x + r.width), px(r.y + r.height))];
        area.draw(&Rectangle::new(corners, theme::HIGHLIGHT.mix(0.35).filled()))?;
        area.draw(&Rectangle::new(corners, theme::HIGHLIGHT.stroke_width(width(2.0))))?;
    }
    Ok(skipped)
}

/// Diagonal hatching of `r` (target pixels): segments at 45 degrees, `spacing` apart, clipped to
/// the rectangle.
pub fn hatch(r: Rect, spacing: f64) -> Vec<((f64, f64), (f64, f64))> {
    let spacing = spacing.max(1.0);
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.width, r.y + r.height);
    let mut lines = Vec::new();
    if r.width <= 0.0 || r.height <= 0.0 {
        return lines;
    }
    // Lines x - y = c for c from x0 - y1 to x1 - y0, each clipped to the rectangle.
    let mut c = x0 - y1 + spacing / 2.0;
    while c < x1 - y0 {
        let (ya, yb) = ((x0 - c).max(y0), (x1 - c).min(y1));
        if yb > ya {
            lines.push(((ya + c, ya), (yb + c, yb)));
        }
        c += spacing;
    }
    lines
}
