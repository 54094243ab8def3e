//! AnyRes (LLaVA-NeXT, LLaVA-OneVision): the image is fitted into the candidate resolution that keeps the most
//! of it, cut into crops of the base size, and encoded together with a global view of the whole
//! image. Rows and columns that only hold padding are dropped from the features, a learned newline
//! vector ends each row, and an oversized grid is shrunk to the `anyres_max_N` budget.

use super::geometry::{Grid, Rect, Size};
use super::options::{Knob, KnobKind, KnobValue, Options};
use super::plan::{
    AnyResChoice, Candidate, Head, Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole, crop_views,
};
use super::pymath;
use super::sequence::{Count, Spans};

/// The resolutions an AnyRes model may choose, in the processor's order.
#[derive(Debug)]
pub enum Pinpoints {
    /// Every `crop * i` x `crop * j` for `i, j` in `1..=max_grid`, height outermost, as in the
    /// checkpoint's `image_grid_pinpoints`.
    Multiples { max_grid: u32 },
    /// An explicit list.
    List(&'static [Size]),
}

#[derive(Debug)]
pub struct AnyResSpec {
    /// Side of one crop and of the global view.
    pub crop: u32,
    pub patch: u32,
    pub pinpoints: Pinpoints,
    /// `anyres_max_N`: unpadded features are shrunk when they exceed about N crops.
    pub max_crops: Option<u32>,
    pub placeholder: &'static str,
}

const MAX_CROPS: &str = "max_crops";

/// LLaVA-OneVision's `anyres_max_N`.
pub(super) fn knobs(spec: &AnyResSpec) -> Vec<Knob> {
    spec.max_crops
        .iter()
        .map(|&n| Knob {
            name: MAX_CROPS,
            kind: KnobKind::Whole { min: 1, max: 64 },
            default: KnobValue::Whole(u64::from(n)),
            meaning: "N of anyres_max_N: the crops' worth of features kept before the feature grid is shrunk",
            mirrors: "anyres_max_N",
        })
        .collect()
}

pub(super) fn plan(head: Head, spec: &AnyResSpec, original: Size, options: &Options) -> Plan {
    let mut candidates = Vec::new();
    let (chosen, best) = best_candidate(spec, original, Some(&mut candidates));
    let d = Decision::of(spec, original, options, best.size);
    let image_in_frame = fit_and_center(original, d.frame);

    let base = Size::new(spec.crop, spec.crop);
    let global = View {
        role: ViewRole::Global,
        rect: image_in_frame,
        input: base,
        patch_grid: d.per_crop,
        token_grid: d.per_crop,
    };
    let crops = crop_views(d.crop_grid, spec.crop, d.per_crop, d.per_crop);
    let mut views = Vec::with_capacity(1 + d.crop_grid.cells() as usize);
    views.push(global);
    views.extend(crops);

    let mut sequence = Vec::with_capacity(1 + 2 * d.kept().rows as usize);
    spans(spec, &d, &mut sequence);
    let layout = Layout { frame: d.frame, image_in_frame, resize: ResizeMode::FitAndPad, views, sequence };
    let Decision { crop_grid, feature_grid, unpadded, unpadded_rect, shrunk, .. } = d;
    Plan {
        anyres: Some(AnyResChoice { candidates, chosen, crop_grid, feature_grid, unpadded, unpadded_rect, shrunk }),
        token_order: TokenOrder::AnyRes,
        ..Plan::new(head, original, layout)
    }
}

/// [`plan`]'s totals alone.
pub(super) fn count(spec: &AnyResSpec, original: Size, options: &Options) -> Count {
    let (_, best) = best_candidate(spec, original, None);
    let mut count = Count::default();
    spans(spec, &Decision::of(spec, original, options, best.size), &mut count);
    count
}

/// What follows from the chosen resolution: the crops, their features, what unpadding keeps.
struct Decision {
    frame: Size,
    crop_grid: Grid,
    /// Patches (= tokens) of one crop or of the global view.
    per_crop: Grid,
    feature_grid: Grid,
    unpadded: Grid,
    unpadded_rect: Rect,
    shrunk: Option<Grid>,
}

impl Decision {
    fn of(spec: &AnyResSpec, original: Size, options: &Options, frame: Size) -> Self {
        let crop_grid = Grid::new(frame.width / spec.crop, frame.height / spec.crop);
        // Features per crop side: `height // patch_size` (the ViT's last partial patch is dropped).
        let n = spec.crop / spec.patch;
        let feature_grid = Grid::new(n * crop_grid.cols, n * crop_grid.rows);
        let (unpadded, unpadded_rect) = unpad(original, feature_grid, frame);
        let shrunk = options
            .whole(MAX_CROPS)
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .or(spec.max_crops)
            .and_then(|max_crops| shrink(spec, max_crops, unpadded));
        Self { frame, crop_grid, per_crop: Grid::new(n, n), feature_grid, unpadded, unpadded_rect, shrunk }
    }

    /// The feature grid that reaches the sequence.
    fn kept(&self) -> Grid {
        self.shrunk.unwrap_or(self.unpadded)
    }
}

/// In order: the global view, then each kept row of crop features closed by a newline vector.
fn spans(spec: &AnyResSpec, d: &Decision, out: &mut impl Spans) {
    out.push(Span { kind: TokenKind::Image, text: spec.placeholder, label: "global view", count: d.per_crop.cells() });
    let kept = d.kept();
    for _ in 0..kept.rows {
        let row = Span {
            kind: TokenKind::Image,
            text: spec.placeholder,
            label: "crop features",
            count: u64::from(kept.cols),
        };
        out.push(row);
        out.push(Span { kind: TokenKind::Newline, text: spec.placeholder, label: "row newline", count: 1 });
    }
}

/// Every candidate resolution, scored as `select_best_resolution` scores it, in its order, each
/// handed to `each` (plain loops: the release build optimises for size and would not flatten an
/// iterator chain, and this runs 36 times per size of the chart's sweep).
fn candidates(spec: &AnyResSpec, original: Size, mut each: impl FnMut(Candidate)) {
    let (ow, oh) = (f64::from(original.width), f64::from(original.height));
    let mut score = |size: Size| {
        let scale = (f64::from(size.width) / ow).min(f64::from(size.height) / oh);
        let downscaled = (ow * scale) as u64 * (oh * scale) as u64;
        let effective = downscaled.min(original.area());
        each(Candidate { size, effective, wasted: size.area() - effective });
    };
    match spec.pinpoints {
        Pinpoints::Multiples { max_grid } => {
            for i in 1..=max_grid {
                for j in 1..=max_grid {
                    score(Size::new(spec.crop * j, spec.crop * i));
                }
            }
        }
        Pinpoints::List(list) => {
            for &size in list {
                score(size);
            }
        }
    }
}

/// The first candidate with the most effective pixels, ties broken by the least waste: its index
/// and itself (a model without candidates gets one base-size crop). Every candidate scored goes
/// to `record` when given.
fn best_candidate(spec: &AnyResSpec, original: Size, mut record: Option<&mut Vec<Candidate>>) -> (usize, Candidate) {
    let mut best: Option<(usize, Candidate)> = None;
    let mut i = 0;
    candidates(spec, original, |c| {
        if let Some(r) = record.as_deref_mut() {
            r.push(c);
        }
        let better =
            best.is_none_or(|(_, b)| c.effective > b.effective || (c.effective == b.effective && c.wasted < b.wasted));
        if better {
            best = Some((i, c));
        }
        i += 1;
    });
    let base = Size::new(spec.crop, spec.crop);
    best.unwrap_or((0, Candidate { size: base, effective: 0, wasted: base.area() }))
}

/// `get_patch_output_size` and `_get_padding_size`: the image fitted inside `frame`, centred.
fn fit_and_center(original: Size, frame: Size) -> Rect {
    let (ow, oh) = (f64::from(original.width), f64::from(original.height));
    let (tw, th) = (f64::from(frame.width), f64::from(frame.height));
    let (scale_w, scale_h) = (tw / ow, th / oh);
    let (new_w, new_h) =
        if scale_w < scale_h { (tw, (oh * scale_w).ceil().min(th)) } else { ((ow * scale_h).ceil().min(tw), th) };
    let paste_x = ((tw - new_w) / 2.0).floor();
    let paste_y = ((th - new_h) / 2.0).floor();
    Rect::new(paste_x, paste_y, new_w, new_h)
}

/// `_get_unpadded_features`: drops the feature rows (or columns) that only cover padding.
/// Returns the kept grid and where it lies in frame pixels.
fn unpad(original: Size, features: Grid, frame: Size) -> (Grid, Rect) {
    let (w, h) = (f64::from(original.width), f64::from(original.height));
    let (mut cur_w, mut cur_h) = (i64::from(features.cols), i64::from(features.rows));
    let cell_w = f64::from(frame.width) / features.cols as f64;
    let cell_h = f64::from(frame.height) / features.rows as f64;
    let (mut pad_cols, mut pad_rows) = (0, 0);
    if w / h > cur_w as f64 / cur_h as f64 {
        let new_h = pymath::round7(h * (cur_w as f64 / w)) as i64;
        pad_rows = (cur_h - new_h).div_euclid(2);
        cur_h -= 2 * pad_rows;
    } else {
        let new_w = pymath::round7(w * (cur_h as f64 / h)) as i64;
        pad_cols = (cur_w - new_w).div_euclid(2);
        cur_w -= 2 * pad_cols;
    }
    let rect =
        Rect::new(pad_cols as f64 * cell_w, pad_rows as f64 * cell_h, cur_w as f64 * cell_w, cur_h as f64 * cell_h);
    (Grid::new(cur_w as u32, cur_h as u32), rect)
}

/// `anyres_max_N`: a grid of more than about N crops' worth of features is shrunk by
/// `ratio = sqrt(cells / (N * per_crop))` when that ratio exceeds 1.1.
fn shrink(spec: &AnyResSpec, max_crops: u32, grid: Grid) -> Option<Grid> {
    let max_crops = f64::from(max_crops);
    let per_side = f64::from(spec.crop / spec.patch);
    let ratio = (grid.cells() as f64 / (max_crops * per_side * per_side)).sqrt();
    (ratio > 1.1).then(|| {
        Grid::new(
            pymath::floor_div(f64::from(grid.cols), ratio) as u32,
            pymath::floor_div(f64::from(grid.rows), ratio) as u32,
        )
    })
}
