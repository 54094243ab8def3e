//! AnyRes (LLaVA-NeXT, LLaVA-OneVision): the image is fitted into the candidate resolution that keeps the most
//! of it, cut into crops of the base size, and encoded together with a global view of the whole
//! image. Rows and columns that only hold padding are dropped from the features, a learned newline
//! vector ends each row, and an oversized grid is shrunk to the `anyres_max_N` budget.

use super::geometry::{Grid, Rect, Size};
use super::models::{AnyResSpec, Model, Pinpoints};
use super::options::Options;
use super::plan::{
    AnyResChoice, Candidate, Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole, crop_views,
};
use super::pymath;

pub(super) fn plan(model: &'static Model, spec: &AnyResSpec, original: Size, options: &Options) -> Plan {
    let candidates = candidates(spec, original);
    let chosen = best_candidate(&candidates);
    let frame = candidates[chosen].size;
    let crop_grid = Grid::new(frame.width / spec.crop, frame.height / spec.crop);
    let image_in_frame = fit_and_center(original, frame);

    // Features per crop side: `height // patch_size` (the ViT's last partial patch is dropped).
    let n = spec.crop / spec.patch;
    let feature_grid = Grid::new(n * crop_grid.cols, n * crop_grid.rows);
    let (unpadded, unpadded_rect) = unpad(original, feature_grid, frame);
    let shrunk = options.max_crops.or(spec.max_crops).and_then(|max_crops| shrink(spec, max_crops, unpadded));
    let kept = shrunk.unwrap_or(unpadded);

    let per_crop = Grid::new(n, n);
    let base = Size::new(spec.crop, spec.crop);
    let global = View {
        role: ViewRole::Global,
        rect: image_in_frame,
        input: base,
        patch_grid: per_crop,
        token_grid: Grid::new(n, n),
    };
    let crops = crop_views(crop_grid, spec.crop, per_crop, Grid::new(n, n));
    let mut views = Vec::with_capacity(1 + crop_grid.cells() as usize);
    views.push(global);
    views.extend(crops);

    // In order: the global view, then each kept row of crop features closed by a newline vector.
    let mut sequence = Vec::with_capacity(1 + 2 * kept.rows as usize);
    sequence.push(Span {
        kind: TokenKind::Image,
        text: spec.placeholder,
        label: "global view",
        count: per_crop.cells(),
    });
    for _ in 0..kept.rows {
        let row = Span {
            kind: TokenKind::Image,
            text: spec.placeholder,
            label: "crop features",
            count: u64::from(kept.cols),
        };
        sequence.push(row);
        sequence.push(Span { kind: TokenKind::Newline, text: spec.placeholder, label: "row newline", count: 1 });
    }
    let layout = Layout { frame, image_in_frame, resize: ResizeMode::FitAndPad, views, sequence };
    Plan {
        anyres: Some(AnyResChoice { candidates, chosen, crop_grid, feature_grid, unpadded, unpadded_rect, shrunk }),
        token_order: TokenOrder::AnyRes,
        ..Plan::new(model, original, layout)
    }
}

/// Every candidate resolution, scored as `select_best_resolution` scores it.
fn candidates(spec: &AnyResSpec, original: Size) -> Vec<Candidate> {
    let (ow, oh) = (f64::from(original.width), f64::from(original.height));
    let sizes: Vec<Size> = match spec.pinpoints {
        Pinpoints::Multiples { max_grid } => {
            (1..=max_grid).flat_map(|i| (1..=max_grid).map(move |j| Size::new(spec.crop * j, spec.crop * i))).collect()
        }
        Pinpoints::List(list) => list.to_vec(),
    };
    sizes
        .into_iter()
        .map(|size| {
            let scale = (f64::from(size.width) / ow).min(f64::from(size.height) / oh);
            let downscaled = (ow * scale) as u64 * (oh * scale) as u64;
            let effective = downscaled.min(original.area());
            Candidate { size, effective, wasted: size.area() - effective }
        })
        .collect()
}

/// The first candidate with the most effective pixels, ties broken by the least waste.
fn best_candidate(candidates: &[Candidate]) -> usize {
    let mut best = 0;
    for (i, c) in candidates.iter().enumerate().skip(1) {
        let b = &candidates[best];
        if c.effective > b.effective || (c.effective == b.effective && c.wasted < b.wasted) {
            best = i;
        }
    }
    best
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
