//! Named value types for pixel sizes, grids and rectangles. x grows to the right, y grows down.
//! Sizes and grids are never passed as tuples: `(u32, u32)` is how width and height get swapped.

use serde::Serialize;

/// A size in pixels: `width` across (x), `height` down (y).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }

    /// Number of pixels, without overflow for any pair of `u32` sides.
    pub const fn area(self) -> u64 {
        self.width as u64 * self.height as u64
    }

    /// The longer of the two sides.
    pub fn long_side(self) -> u32 {
        self.width.max(self.height)
    }

    /// The shorter of the two sides.
    pub fn short_side(self) -> u32 {
        self.width.min(self.height)
    }

    /// Width over height.
    pub fn aspect(self) -> f64 {
        f64::from(self.width) / f64::from(self.height)
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// A grid of equal cells: `cols` across, `rows` down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Grid {
    pub cols: u32,
    pub rows: u32,
}

impl Grid {
    pub const fn new(cols: u32, rows: u32) -> Self {
        Self { cols, rows }
    }

    /// Number of cells.
    pub const fn cells(self) -> u64 {
        self.cols as u64 * self.rows as u64
    }

    /// This grid with each side divided by `factor` (the grid after a `factor` x `factor` merge).
    pub const fn merged(self, factor: u32) -> Self {
        Self { cols: self.cols / factor, rows: self.rows / factor }
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.cols, self.rows)
    }
}

/// An axis-aligned rectangle in the pixel coordinates of some frame; `x`, `y` is its top-left corner.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self { x, y, width, height }
    }

    /// The rectangle covering a whole frame of `size`.
    pub fn of(size: Size) -> Self {
        Self::new(0.0, 0.0, f64::from(size.width), f64::from(size.height))
    }
}

/// `x` held within `lo..=hi` (`hi` wins if `lo > hi`; NaN gives `lo`). Unlike `f64::clamp` it
/// never panics, and it brings no panic message that prints floats (which would ship core's float
/// formatter in the wasm, see [`super::decimal`]).
#[allow(clippy::manual_clamp)]
pub fn within(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// The cells `i` of `n` cells of size `cell` from `origin` that overlap `lo..hi` (open
/// intervals): `origin + i·cell < hi && origin + i·cell + cell > lo`, a contiguous range (both
/// tests are monotone in `i`) whose ends are found with those same tests, so it equals testing
/// every cell.
pub(crate) fn overlapping(origin: f64, cell: f64, n: u32, lo: f64, hi: f64) -> std::ops::Range<u32> {
    let at = |i: u32| origin + f64::from(i) * cell;
    // The first i for which `holds` is false (`holds` is true up to some i, false after), walking
    // from an estimate: exact whatever the rounding of the estimate.
    let boundary = |estimate: f64, holds: &dyn Fn(u32) -> bool| {
        let mut i = if estimate.is_finite() { within(estimate, 0.0, f64::from(n)) as u32 } else { 0 };
        while i > 0 && !holds(i - 1) {
            i -= 1;
        }
        while i < n && holds(i) {
            i += 1;
        }
        i
    };
    let start = boundary((lo - origin) / cell - 1.0, &|i| at(i) + cell <= lo);
    let end = boundary((hi - origin) / cell, &|i| at(i) < hi);
    start..end.max(start)
}

/// How many of `a` are in `b`.
pub(crate) fn intersection(a: &std::ops::Range<u32>, b: &std::ops::Range<u32>) -> u32 {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

pub(crate) fn len(r: &std::ops::Range<u32>) -> u32 {
    r.end.saturating_sub(r.start)
}
