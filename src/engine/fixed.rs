//! Fixed resize + pooling (PaliGemma, LLaVA-1.5, Gemma 3): every image is brought to the same
//! square, so every image costs the same — unless Gemma 3's pan and scan adds crops.

use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{Head, Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::sequence::{Count, Piece, Spans, piece};

/// How a fixed-size model fits the image to its square.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedFit {
    /// Stretched to the square: the aspect ratio is lost.
    Squish,
    /// Short side scaled to the square's side, then the centre cut out: the rest is lost.
    ShortSideCenterCrop,
}

/// Gemma 3's pan and scan: a long image is also cut into 2..=`max_crops` crops along its long
/// side, each encoded like a whole image, introduced by plain text.
#[derive(Debug)]
pub struct PanAndScan {
    pub min_crop: u32,
    pub max_crops: u32,
    /// Long over short side below which no crops are made.
    pub min_ratio: f64,
    /// Text before the whole image, after it, and between crops, with their token counts.
    pub intro: Piece,
    pub bridge: Piece,
    pub separator: Piece,
}

#[derive(Debug)]
pub struct FixedSpec {
    /// The square side every image is resized to.
    pub side: u32,
    pub fit: FixedFit,
    pub patch: u32,
    /// Patches per token along each side after pooling (1: none).
    pub pool: u32,
    pub placeholder: &'static str,
    pub before: &'static [Piece],
    pub after: &'static [Piece],
    /// Gemma 3's optional pan and scan (option `pan_and_scan`).
    pub pan_and_scan: Option<PanAndScan>,
}

const PAN_AND_SCAN: &str = "pan_and_scan";

/// Gemma 3's pan and scan is the family's one knob.
pub(super) fn knobs(spec: &FixedSpec) -> Vec<Knob> {
    spec.pan_and_scan
        .iter()
        .map(|_| Knob {
            name: PAN_AND_SCAN,
            kind: KnobKind::Flag,
            default: KnobValue::Flag(false),
            meaning: "also encode 2 to 4 crops along the long side of an elongated image, introduced by text",
            mirrors: "do_pan_and_scan",
        })
        .collect()
}

pub(super) fn plan(head: Head, spec: &FixedSpec, original: Size, options: &Options) -> Plan {
    let frame = Size::new(spec.side, spec.side);
    let (image_in_frame, resize) = match spec.fit {
        FixedFit::Squish => (Rect::of(frame), ResizeMode::Squish),
        FixedFit::ShortSideCenterCrop => (short_side_center_crop(original, spec.side), ResizeMode::CenterCrop),
    };
    let (patch_grid, token_grid) = grids(spec);
    let whole = View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid, token_grid };
    let pan = pan_and_scan(spec, original, options);
    let crops = pan.and_then(|(_, crops)| crops);
    let mut views = vec![whole];
    if let Some(crops) = crops {
        // Crop rectangles from original pixels into frame pixels (the whole image is squished).
        let sx = f64::from(frame.width) / f64::from(original.width);
        let sy = f64::from(frame.height) / f64::from(original.height);
        views.extend(crops.rects(original).map(|(row, col, r)| View {
            role: ViewRole::Crop { row, col },
            rect: Rect::new(r.x * sx, r.y * sy, r.width * sx, r.height * sy),
            input: frame,
            patch_grid,
            token_grid,
        }));
    }
    let mut sequence = Vec::new();
    spans(spec, token_grid, pan, &mut sequence);
    let per_view = views.len() > 1;
    let mut plan = Plan::new(head, original, Layout { frame, image_in_frame, resize, views, sequence });
    if per_view {
        plan.token_order = TokenOrder::PerView;
    }
    if pan.is_some() && crops.is_none() {
        plan.notes.push(
            "Pan and scan made no crops: the image is not elongated enough, or its crops would be under 256 px.".into(),
        );
    }
    plan
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &FixedSpec, original: Size, options: &Options) -> Count {
    let mut count = Count::default();
    spans(spec, grids(spec).1, pan_and_scan(spec, original, options), &mut count);
    count
}

/// The patch grid of the square and the token grid after pooling.
fn grids(spec: &FixedSpec) -> (Grid, Grid) {
    let patch_grid = Grid::new(spec.side / spec.patch, spec.side / spec.patch);
    (patch_grid, patch_grid.merged(spec.pool))
}

/// Gemma 3's pan and scan when the option turns it on, with its crops if it makes any.
fn pan_and_scan<'a>(
    spec: &'a FixedSpec,
    original: Size,
    options: &Options,
) -> Option<(&'a PanAndScan, Option<PanCrops>)> {
    let pan = spec.pan_and_scan.as_ref().filter(|_| options.flag(PAN_AND_SCAN) == Some(true))?;
    Some((pan, PanCrops::of(original, pan)))
}

/// The image's span: the whole image, then (with pan and scan crops) each crop, with their text.
fn spans(spec: &FixedSpec, token_grid: Grid, pan: Option<(&PanAndScan, Option<PanCrops>)>, out: &mut impl Spans) {
    let image = |label| Span { kind: TokenKind::Image, text: spec.placeholder, label, count: token_grid.cells() };
    match pan {
        Some((p, Some(crops))) => {
            out.push(piece(&p.intro));
            out.wrap(spec.before, image("whole image"), spec.after);
            out.push(piece(&p.bridge));
            for i in 0..crops.len() {
                if i > 0 {
                    out.push(piece(&p.separator));
                }
                out.wrap(spec.before, image("crop"), spec.after);
            }
        }
        _ => out.wrap(spec.before, image("image tokens"), spec.after),
    }
}

/// `Gemma3ImageProcessor.pan_and_scan`: crops along the long side, in original pixels, row-major.
/// The crop count is the aspect ratio rounded half up, at most `long / min_crop`, then clamped to
/// `2..=max_crops`; no crops below `min_ratio` or when a crop would be under `min_crop`.
#[derive(Clone, Copy, Debug)]
struct PanCrops {
    across: u32,
    down: u32,
    /// One crop's size in original pixels (the last along the long side may be cut short).
    width: f64,
    height: f64,
}

impl PanCrops {
    fn of(original: Size, p: &PanAndScan) -> Option<Self> {
        let (w, h) = (f64::from(original.width), f64::from(original.height));
        let (long, short) = if w >= h { (w, h) } else { (h, w) };
        if long / short < p.min_ratio {
            return None;
        }
        let n = (long / short + 0.5)
            .floor()
            .min((long / f64::from(p.min_crop)).floor())
            .max(2.0)
            .min(f64::from(p.max_crops));
        let (n_w, n_h) = if w >= h { (n, 1.0) } else { (1.0, n) };
        let (width, height) = ((w / n_w).ceil(), (h / n_h).ceil());
        (n >= 1.0 && width.min(height) >= f64::from(p.min_crop)).then_some(Self {
            across: n_w as u32,
            down: n_h as u32,
            width,
            height,
        })
    }

    fn len(self) -> u32 {
        self.across * self.down
    }

    /// (row, column, rectangle in original pixels) of each crop, row by row.
    fn rects(self, original: Size) -> impl Iterator<Item = (u32, u32, Rect)> {
        let (w, h) = (f64::from(original.width), f64::from(original.height));
        (0..self.down).flat_map(move |row| {
            (0..self.across).map(move |col| {
                let (x, y) = (self.width * f64::from(col), self.height * f64::from(row));
                (row, col, Rect::new(x, y, self.width.min(w - x), self.height.min(h - y)))
            })
        })
    }
}

/// CLIP's `resize(shortest_edge=side)` then `center_crop(side)`: where the resized image lies
/// relative to the kept `side` x `side` square (it overhangs on the long axis).
fn short_side_center_crop(original: Size, side: u32) -> Rect {
    let (short, long) = (original.short_side(), original.long_side());
    // get_resize_output_image_size(default_to_square=False): int(side * long / short).
    let new_long = (f64::from(side) * f64::from(long) / f64::from(short)) as u32;
    let (w, h) = if original.width <= original.height { (side, new_long) } else { (new_long, side) };
    // center_crop: top = (height - crop) // 2, left = (width - crop) // 2.
    let left = (w - side) / 2;
    let top = (h - side) / 2;
    Rect::new(-f64::from(left), -f64::from(top), f64::from(w), f64::from(h))
}
