//! Slicing (MiniCPM-V 4.6): the whole image is resized to about `scale_resolution`² px (aspect
//! kept, sides to whole tokens) as a source view; a large image is also cut into a grid of up to
//! `max_slice_nums` slices, chosen by the log of the aspect ratio, each resized the same way. The
//! slices need not be square, and a small image is scaled up.

use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{Head, Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::pymath;
use super::sequence::{Count, Spans};

#[derive(Debug)]
pub struct SlicedSpec {
    pub patch: u32,
    /// The area a view is resized to: `scale_resolution`² px.
    pub scale_resolution: u32,
    pub max_slice_nums: u32,
    pub placeholder: &'static str,
    /// Source view and slice delimiters: `<image>`, `</image>`, `<slice>`, `</slice>`.
    pub image: (&'static str, &'static str),
    pub slice: (&'static str, &'static str),
    /// `<image_id>` and `</image_id>` around the image's index in its sample (option `use_image_id`).
    pub image_id: (&'static str, &'static str),
}

const MAX_SLICES: &str = "max_slice_nums";
const DOWNSAMPLE: &str = "downsample_mode";
const IMAGE_ID: &str = "use_image_id";

pub(super) fn knobs(spec: &SlicedSpec) -> Vec<Knob> {
    vec![
        Knob {
            name: MAX_SLICES,
            kind: KnobKind::Whole { min: 1, max: 64 },
            default: KnobValue::Whole(u64::from(spec.max_slice_nums)),
            meaning: "the most slices a large image is cut into (the source view not counted)",
            mirrors: "max_slice_nums",
        },
        Knob {
            name: DOWNSAMPLE,
            kind: KnobKind::Choice(&["16x", "4x"]),
            default: KnobValue::Choice("16x"),
            meaning: "16x: two 2x2 merges (a token per 56x56 px); 4x: one (28x28 px)",
            mirrors: "downsample_mode",
        },
        Knob {
            name: IMAGE_ID,
            kind: KnobKind::Flag,
            default: KnobValue::Flag(true),
            meaning: "prefix the image with <image_id>0</image_id> (its index in the sample)",
            mirrors: "use_image_id",
        },
    ]
}

/// The merge along each side: 4 (16x) or 2 (4x).
pub(super) fn merge(options: &Options) -> u32 {
    if options.word(DOWNSAMPLE) == Some("4x") { 2 } else { 4 }
}

/// Python's `max(round(length / divisor) * divisor, divisor)`.
fn ensure_divide(length: f64, divisor: u32) -> u32 {
    let d = f64::from(divisor);
    (pymath::round(length / d) * d).max(d) as u32
}

/// `find_best_resize`: above `s`² px (or when allowed to upscale) the area becomes about `s`²
/// (aspect kept, truncated); then each side is rounded to whole tokens of `unit` px.
fn best_resize(h: f64, w: f64, s: u32, unit: u32, upscale: bool) -> Size {
    let (mut h, mut w) = (h, w);
    if h * w > f64::from(s) * f64::from(s) || upscale {
        let aspect = w / h;
        h = (f64::from(s) / aspect.sqrt()).trunc();
        w = (h * aspect).trunc();
    }
    Size::new(ensure_divide(w, unit), ensure_divide(h, unit))
}

/// `get_sliced_grid`: (rows, cols), or `None` for an image of at most one slice's area.
fn sliced_grid(size: Size, max_slices: u32, s: u32) -> Option<Grid> {
    let (w, h) = (f64::from(size.width), f64::from(size.height));
    let log_ratio = (w / h).ln();
    let ratio = w * h / (f64::from(s) * f64::from(s));
    let multiple = ratio.ceil().min(f64::from(max_slices)) as u32;
    if multiple <= 1 {
        return None;
    }
    let (mut best, mut min_error) = (Grid::new(1, 1), f64::INFINITY);
    for slices in [multiple - 1, multiple, multiple + 1] {
        if slices == 1 || slices > max_slices {
            continue;
        }
        for rows in (1..=slices).filter(|r| slices % r == 0) {
            let cols = slices / rows;
            let error = (log_ratio - (f64::from(cols) / f64::from(rows)).ln()).abs();
            if error < min_error || (error == min_error && rows > best.rows) {
                best = Grid::new(cols, rows);
                min_error = error;
            }
        }
    }
    Some(best)
}

/// The source view's size, and the slice grid with one slice's size.
struct Slicing {
    source: Size,
    slices: Option<(Grid, Size)>,
}

fn slicing(spec: &SlicedSpec, original: Size, options: &Options) -> Slicing {
    let unit = spec.patch * merge(options);
    let max = options.whole(MAX_SLICES).map_or(spec.max_slice_nums, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let grid = sliced_grid(original, max, spec.scale_resolution);
    let (h, w) = (f64::from(original.height), f64::from(original.width));
    let source = best_resize(h, w, spec.scale_resolution, unit, grid.is_none());
    let slices = grid.map(|g| {
        // get_refine_size: each side to whole slices, then one slice resized like a view.
        let (rw, rh) = (ensure_divide(w, g.cols), ensure_divide(h, g.rows));
        let one = f64::from(rh) / f64::from(g.rows);
        let slice = best_resize(one, f64::from(rw) / f64::from(g.cols), spec.scale_resolution, unit, true);
        (g, slice)
    });
    Slicing { source, slices }
}

pub(super) fn plan(head: Head, spec: &SlicedSpec, original: Size, options: &Options) -> Plan {
    let s = slicing(spec, original, options);
    let m = merge(options);
    let grids = |size: Size| {
        let patches = Grid::new(size.width / spec.patch, size.height / spec.patch);
        (patches, patches.merged(m))
    };
    let frame = s.slices.map_or(s.source, |(g, one)| Size::new(one.width * g.cols, one.height * g.rows));
    let (patch_grid, token_grid) = grids(s.source);
    let role = if s.slices.is_some() { ViewRole::Global } else { ViewRole::Whole };
    let mut views = vec![View { role, rect: Rect::of(frame), input: s.source, patch_grid, token_grid }];
    if let Some((g, one)) = s.slices {
        let (patch_grid, token_grid) = grids(one);
        for row in 0..g.rows {
            for col in 0..g.cols {
                let rect = Rect::new(
                    f64::from(col * one.width),
                    f64::from(row * one.height),
                    f64::from(one.width),
                    f64::from(one.height),
                );
                views.push(View { role: ViewRole::Crop { row, col }, rect, input: one, patch_grid, token_grid });
            }
        }
    }
    let mut sequence = Vec::new();
    spans(spec, &s, options, &mut sequence);
    let layout = Layout { frame, image_in_frame: Rect::of(frame), resize: ResizeMode::KeepAspect, views, sequence };
    Plan { token_order: TokenOrder::PerView, ..Plan::new(head, original, layout) }
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &SlicedSpec, original: Size, options: &Options) -> Count {
    let mut count = Count::default();
    spans(spec, &slicing(spec, original, options), options, &mut count);
    count
}

/// `[<image_id>0</image_id>] <image> source </image>` then the rows of `<slice> … </slice>`,
/// joined by "\n".
fn spans(spec: &SlicedSpec, s: &Slicing, options: &Options, out: &mut impl Spans) {
    let unit = u64::from(spec.patch * merge(options));
    let tokens = |size: Size| (u64::from(size.width) / unit) * (u64::from(size.height) / unit);
    let delimiter = |text, label| Span { kind: TokenKind::Delimiter, text, label, count: 1 };
    let image = |label, count| Span { kind: TokenKind::Image, text: spec.placeholder, label, count };
    if options.flag(IMAGE_ID).unwrap_or(true) {
        out.push(delimiter(spec.image_id.0, "image id start"));
        out.push(Span { kind: TokenKind::Text, text: "0", label: "image index", count: 1 });
        out.push(delimiter(spec.image_id.1, "image id end"));
    }
    out.push(delimiter(spec.image.0, "image start"));
    out.push(image("source view", tokens(s.source)));
    out.push(delimiter(spec.image.1, "image end"));
    if let Some((g, one)) = s.slices {
        for row in 0..g.rows {
            if row > 0 {
                out.push(Span { kind: TokenKind::Text, text: "\n", label: "row end", count: 1 });
            }
            for _ in 0..g.cols {
                out.push(delimiter(spec.slice.0, "slice start"));
                out.push(image("slice", tokens(one)));
                out.push(delimiter(spec.slice.1, "slice end"));
            }
        }
    }
}
