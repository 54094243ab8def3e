//! plotters' drawing backend for a 2D canvas context, written for the overlay's many grid lines.
//! `plotters-canvas` strokes every line on its own: it formats the colour, sets the style and
//! calls `beginPath`, `moveTo`, `lineTo` and `stroke` each time (a 24-megapixel LLaVA-OneVision
//! overlay is about a thousand lines per slider input). Here consecutive lines of one style join
//! one path, stroked once when the style changes or anything else is drawn; style strings are
//! set only when they change; text is measured with the context's own `measureText` (no hidden
//! element, no inline style).

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::engine::decimal::trimmed;
use crate::figures::measured::Font;

type Failure = DrawingErrorKind<std::convert::Infallible>;

/// A colour (plotters' has no equality).
#[derive(Clone, Copy, PartialEq)]
struct Color {
    rgb: (u8, u8, u8),
    alpha: f64,
}

impl From<BackendColor> for Color {
    fn from(c: BackendColor) -> Self {
        Self { rgb: c.rgb, alpha: c.alpha }
    }
}

/// A colour and a line width, as a canvas style.
#[derive(Clone, Copy, PartialEq)]
struct Stroke {
    color: Color,
    width: u32,
}

/// Draws on `ctx` (its canvas gives the size). Lines are stroked when the style changes, when
/// something else is drawn, on `present()`, and when the backend is dropped.
pub struct Canvas2d {
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
    /// The style of the path being collected, if any.
    open: Option<Stroke>,
    /// The styles last set on the context.
    stroke: Option<Stroke>,
    fill: Option<Color>,
}

impl Canvas2d {
    pub fn new(canvas: &HtmlCanvasElement, ctx: CanvasRenderingContext2d) -> Self {
        Self { ctx, size: (canvas.width(), canvas.height()), open: None, stroke: None, fill: None }
    }

    /// Strokes the lines collected so far.
    fn flush(&mut self) {
        if self.open.take().is_some() {
            self.ctx.stroke();
        }
    }

    /// Starts or continues a path of `style`'s lines.
    fn path_of(&mut self, style: Stroke) {
        if self.open == Some(style) {
            return;
        }
        self.flush();
        self.set_stroke(style);
        self.ctx.begin_path();
        self.open = Some(style);
    }

    fn set_fill(&mut self, color: impl Into<Color>) {
        let color = color.into();
        if self.fill != Some(color) {
            self.ctx.set_fill_style_str(&css_color(color));
            self.fill = Some(color);
        }
    }

    fn set_stroke(&mut self, style: Stroke) {
        if self.stroke != Some(style) {
            self.ctx.set_stroke_style_str(&css_color(style.color));
            self.ctx.set_line_width(f64::from(style.width));
            self.stroke = Some(style);
        }
    }

    fn font(style: &impl BackendTextStyle) -> String {
        format!("{} {}px {}", style.style().as_str(), trimmed(style.size(), 2), style.family().as_str())
    }
}

impl Drop for Canvas2d {
    fn drop(&mut self) {
        self.flush();
    }
}

/// A horizontal or vertical line of an odd width moves half a pixel, onto the pixel centres (as
/// `plotters-canvas` does for every line), so it covers whole pixels and stays sharp; an even
/// width already does on the pixel edges. Other lines are left where they are.
fn crisp(from: BackendCoord, to: BackendCoord, width: u32) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = ((f64::from(from.0), f64::from(from.1)), (f64::from(to.0), f64::from(to.1)));
    if width % 2 == 1 {
        if from.0 == to.0 {
            (a.0, b.0) = (a.0 - 0.5, b.0 - 0.5);
        }
        if from.1 == to.1 {
            (a.1, b.1) = (a.1 - 0.5, b.1 - 0.5);
        }
    }
    (a, b)
}

fn stroke_of(style: &impl BackendStyle) -> Stroke {
    Stroke { color: style.color().into(), width: style.stroke_width() }
}

fn css_color(c: Color) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", trimmed(c.alpha, 3))
}

/// Measures `text` in `font` as `ctx` lays it out: the advance width, and the font's ascent plus
/// descent (an estimate from the size if the context cannot measure).
pub fn measure(ctx: &CanvasRenderingContext2d, text: &str, font: &Font) -> (u32, u32) {
    ctx.save();
    ctx.set_font(&format!("{} {}px {}", font.style, trimmed(font.size, 2), font.family));
    let metrics = ctx.measure_text(text).ok();
    ctx.restore();
    match metrics {
        Some(m) => {
            (m.width().ceil() as u32, (m.font_bounding_box_ascent() + m.font_bounding_box_descent()).ceil() as u32)
        }
        None => ((font.size * 0.6 * text.chars().count() as f64).ceil() as u32, font.size.ceil() as u32),
    }
}

impl DrawingBackend for Canvas2d {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Failure> {
        self.flush();
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        if color.alpha > 0.0 {
            self.flush();
            self.set_fill(color);
            self.ctx.fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Failure> {
        if style.color().alpha > 0.0 {
            let (a, b) = crisp(from, to, style.stroke_width());
            self.path_of(stroke_of(style));
            self.ctx.move_to(a.0, a.1);
            self.ctx.line_to(b.0, b.1);
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        if style.color().alpha > 0.0 {
            let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
            let (w, h) = (f64::from(bottom_right.0 - upper_left.0), f64::from(bottom_right.1 - upper_left.1));
            if fill {
                self.flush();
                self.set_fill(style.color());
                self.ctx.fill_rect(x, y, w, h);
            } else {
                // Outlines of one style join one path, as lines do (an AnyRes grid's crops); an
                // odd width moves half a pixel so the border covers whole pixels.
                let shift = if style.stroke_width() % 2 == 1 { 0.5 } else { 0.0 };
                self.path_of(stroke_of(style));
                self.ctx.rect(x - shift, y - shift, w, h);
            }
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        if style.color().alpha > 0.0 {
            let mut path = path.into_iter();
            let Some(start) = path.next() else { return Ok(()) };
            let Some(second) = path.next() else { return Ok(()) };
            self.path_of(stroke_of(style));
            match path.next() {
                // A single segment (the overlay's grid lines) is drawn crisp, as a line is.
                None => {
                    let (a, b) = crisp(start, second, style.stroke_width());
                    self.ctx.move_to(a.0, a.1);
                    self.ctx.line_to(b.0, b.1);
                }
                Some(third) => {
                    self.ctx.move_to(f64::from(start.0), f64::from(start.1));
                    for next in [second, third].into_iter().chain(path) {
                        self.ctx.line_to(f64::from(next.0), f64::from(next.1));
                    }
                }
            }
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        if style.color().alpha > 0.0 {
            self.flush();
            let mut vert = vert.into_iter();
            if let Some(start) = vert.next() {
                self.set_fill(style.color());
                self.ctx.begin_path();
                self.ctx.move_to(f64::from(start.0), f64::from(start.1));
                for next in vert {
                    self.ctx.line_to(f64::from(next.0), f64::from(next.1));
                }
                self.ctx.close_path();
                self.ctx.fill();
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        if style.color().alpha > 0.0 {
            self.flush();
            self.ctx.begin_path();
            let _ =
                self.ctx.arc(f64::from(center.0), f64::from(center.1), f64::from(radius), 0.0, std::f64::consts::TAU);
            if fill {
                self.set_fill(style.color());
                self.ctx.fill();
            } else {
                self.set_stroke(stroke_of(style));
                self.ctx.stroke();
            }
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Failure> {
        if style.color().alpha > 0.0 {
            self.flush();
            let turn = match style.transform() {
                FontTransform::None => 0.0,
                FontTransform::Rotate90 => 0.25,
                FontTransform::Rotate180 => 0.5,
                FontTransform::Rotate270 => 0.75,
            };
            let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
            if turn != 0.0 {
                self.ctx.save();
                let _ = self.ctx.translate(x, y);
                let _ = self.ctx.rotate(turn * std::f64::consts::TAU);
                (x, y) = (0.0, 0.0);
            }
            self.ctx.set_text_baseline(match style.anchor().v_pos {
                VPos::Top => "top",
                VPos::Center => "middle",
                VPos::Bottom => "bottom",
            });
            self.ctx.set_text_align(match style.anchor().h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "center",
            });
            self.set_fill(style.color());
            self.ctx.set_font(&Self::font(style));
            let _ = self.ctx.fill_text(text, x, y);
            if turn != 0.0 {
                // restore() brings back the styles saved before: forget what was set since.
                self.ctx.restore();
                (self.stroke, self.fill) = (None, None);
            }
        }
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Failure> {
        let (family, font_style) = (style.family(), style.style());
        Ok(measure(&self.ctx, text, &Font { family: family.as_str(), style: font_style.as_str(), size: style.size() }))
    }
}
