//! A drawing backend whose text is measured by a function the caller gives. plotters' default
//! text measurement in a browser puts each label in a hidden `<span>` with an inline style: a
//! forced layout per label, and an inline style the page's Content-Security-Policy refuses. The
//! page measures with a canvas's `measureText` instead; native code with any estimate.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// A font as the measuring function sees it: family, style (`normal`, `bold`, ...) and size in px.
pub struct Font<'a> {
    pub family: &'a str,
    pub style: &'a str,
    pub size: f64,
}

/// `inner`, with text sizes from `measure` (width and height in backend pixels).
pub struct Measured<B, M> {
    pub inner: B,
    pub measure: M,
}

type Failure<B> = DrawingErrorKind<<B as DrawingBackend>::ErrorType>;

impl<B: DrawingBackend, M: Fn(&str, &Font) -> (u32, u32)> DrawingBackend for Measured<B, M> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure<B>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failure<B>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure<B>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<B>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure<B>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Failure<B>> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Failure<B>> {
        let (family, font_style) = (style.family(), style.style());
        let font = Font { family: family.as_str(), style: font_style.as_str(), size: style.size() };
        Ok((self.measure)(text, &font))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Failure<B>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
