//! An SVG document as a plotters drawing backend: the page's chart export. It writes the elements
//! and attributes plotters' own `SVGBackend` writes, with one difference: opacities and font sizes
//! go through [`trimmed`] instead of `f64`'s `Display`, whose formatter (about 9 KB of the page's
//! wasm after gzip) nothing else in the page needs. A test draws the same chart through both and
//! compares them.

use std::fmt::Write as _;

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle, FontTransform,
};

use crate::engine::decimal::trimmed;

/// Writes an SVG document of `size` px into a `String`; presenting the drawing (or dropping the
/// backend) closes it.
pub struct Svg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
}

/// Writing to a `String` cannot fail.
type Failure = DrawingErrorKind<std::convert::Infallible>;

impl<'a> Svg<'a> {
    pub fn new(out: &'a mut String, size: (u32, u32)) -> Self {
        let (w, h) = size;
        let _ = writeln!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        Self { out, size, closed: false }
    }

    /// `<tag` and the colour's opacity, then `attributes` (already escaped where they hold text).
    fn open(&mut self, tag: &str, color: BackendColor, attributes: &[(&str, &str)]) {
        let _ = write!(self.out, "<{tag}");
        for (key, value) in attributes {
            if *key == "opacity" {
                let _ = write!(self.out, " opacity=\"{}\"", trimmed(color.alpha, 3));
            } else {
                let _ = write!(self.out, " {key}=\"{value}\"");
            }
        }
    }

    /// An empty element `<tag .../>`; none for a transparent colour, as plotters' SVG writes none.
    fn element(&mut self, tag: &str, color: BackendColor, attributes: &[(&str, &str)]) {
        if color.alpha > 0.0 {
            self.open(tag, color, attributes);
            self.out.push_str("/>\n");
        }
    }

    fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
        path.into_iter().fold(String::new(), |mut s, (x, y)| {
            let _ = write!(s, "{x},{y} ");
            s
        })
    }
}

fn hex(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The `fill` and `stroke` values of a shape in `color`: filled, or outlined.
fn fill_and_stroke(color: BackendColor, filled: bool) -> (String, String) {
    let (paint, none) = (hex(color), "none".to_owned());
    if filled { (paint, none) } else { (none, paint) }
}

/// `text` with the characters XML gives a meaning escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

impl Drop for Svg<'_> {
    fn drop(&mut self) {
        let _ = self.present();
    }
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Failure> {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Result<(), Failure> {
        let (x, y, fill) = (x.to_string(), y.to_string(), hex(color));
        let a = [
            ("x", &*x),
            ("y", &*y),
            ("width", "1"),
            ("height", "1"),
            ("stroke", "none"),
            ("opacity", ""),
            ("fill", &*fill),
        ];
        self.element("rect", color, &a);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Failure> {
        let (stroke, width) = (hex(style.color()), style.stroke_width().to_string());
        let (x1, y1, x2, y2) = (from.0.to_string(), from.1.to_string(), to.0.to_string(), to.1.to_string());
        let a = [
            ("opacity", ""),
            ("stroke", &*stroke),
            ("stroke-width", &*width),
            ("x1", &*x1),
            ("y1", &*y1),
            ("x2", &*x2),
            ("y2", &*y2),
        ];
        self.element("line", style.color(), &a);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let (fill, stroke) = fill_and_stroke(style.color(), fill);
        let (x, y) = (upper_left.0.to_string(), upper_left.1.to_string());
        let (w, h) = ((bottom_right.0 - upper_left.0).to_string(), (bottom_right.1 - upper_left.1).to_string());
        let a = [
            ("x", &*x),
            ("y", &*y),
            ("width", &*w),
            ("height", &*h),
            ("opacity", ""),
            ("fill", &*fill),
            ("stroke", &*stroke),
        ];
        self.element("rect", style.color(), &a);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let (stroke, width, points) = (hex(style.color()), style.stroke_width().to_string(), Self::points(path));
        let a =
            [("fill", "none"), ("opacity", ""), ("stroke", &*stroke), ("stroke-width", &*width), ("points", &*points)];
        self.element("polyline", style.color(), &a);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let (fill, points) = (hex(style.color()), Self::points(path));
        self.element("polygon", style.color(), &[("opacity", ""), ("fill", &fill), ("points", &points)]);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let (fill, stroke) = fill_and_stroke(style.color(), fill);
        let (cx, cy, r) = (center.0.to_string(), center.1.to_string(), radius.to_string());
        let width = style.stroke_width().to_string();
        let a = [
            ("cx", &*cx),
            ("cy", &*cy),
            ("r", &*r),
            ("opacity", ""),
            ("fill", &*fill),
            ("stroke", &*stroke),
            ("stroke-width", &*width),
        ];
        self.element("circle", style.color(), &a);
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, (x, y): BackendCoord) -> Result<(), Failure> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        // plotters' SVG writes the size a font of `size` px is laid out at, over 1.24.
        let (xs, ys, family, size, fill) = (
            x.to_string(),
            y.to_string(),
            escape(style.family().as_str()),
            trimmed(style.size() / 1.24, 3),
            hex(color),
        );
        let mut a = vec![
            ("x", &*xs),
            ("y", &*ys),
            ("dy", dy),
            ("text-anchor", anchor),
            ("font-family", &*family),
            ("font-size", &*size),
            ("opacity", ""),
            ("fill", &*fill),
        ];
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => a.push(("font-weight", "bold")),
            FontStyle::Italic => a.push(("font-style", "italic")),
            FontStyle::Oblique => a.push(("font-style", "oblique")),
        }
        let turn = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        let transform = turn.map(|t| format!("rotate({t}, {x}, {y})"));
        if let Some(t) = &transform {
            a.push(("transform", t));
        }
        self.open("text", color, &a);
        let _ = write!(self.out, ">\n{}\n</text>\n", escape(text));
        Ok(())
    }
}
