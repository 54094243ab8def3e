//! One drawing backend type over two: the page paints its canvases and writes the chart's SVG
//! export through `Either<canvas, SVG>`, so the figure code (generic over the backend) is compiled
//! once into the wasm instead of once per backend.

use std::error::Error;
use std::fmt;

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// Draws on `A` or on `B`.
pub enum Either<A, B> {
    Left(A),
    Right(B),
}

/// The error of whichever backend failed.
#[derive(Debug)]
pub enum EitherError<A, B> {
    Left(A),
    Right(B),
}

impl<A: fmt::Display, B: fmt::Display> fmt::Display for EitherError<A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Left(e) => e.fmt(f),
            Self::Right(e) => e.fmt(f),
        }
    }
}

impl<A: Error, B: Error> Error for EitherError<A, B> {}

type Failure<A, B> = DrawingErrorKind<EitherError<<A as DrawingBackend>::ErrorType, <B as DrawingBackend>::ErrorType>>;

fn lift<E, F: Error + Send + Sync>(e: DrawingErrorKind<E>, wrap: impl FnOnce(E) -> F) -> DrawingErrorKind<F>
where
    E: Error + Send + Sync,
{
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(wrap(e)),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls `$method` on whichever backend this is, lifting its error.
macro_rules! forward {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Either::Left($b) => $call.map_err(|e| lift(e, EitherError::Left)),
            Either::Right($b) => $call.map_err(|e| lift(e, EitherError::Right)),
        }
    };
}

impl<A: DrawingBackend, B: DrawingBackend> DrawingBackend for Either<A, B> {
    type ErrorType = EitherError<A::ErrorType, B::ErrorType>;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Either::Left(a) => a.get_size(),
            Either::Right(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Failure<A, B>> {
        forward!(self, b => b.estimate_text_size(text, style))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Failure<A, B>> {
        forward!(self, b => b.blit_bitmap(pos, size, src))
    }
}
