//! Fixed resize + pooling (PaliGemma, LLaVA-1.5, Gemma 3): every image is brought to the same
//! square, so every image costs the same — unless Gemma 3's pan and scan adds crops.

use super::geometry::{Grid, Rect, Size};
use super::models::{FixedFit, FixedSpec, Model, PanAndScan, Piece};
use super::options::Options;
use super::plan::{Layout, Plan, ResizeMode, Span, TokenKind, TokenOrder, View, ViewRole};
use super::sequence::wrap;

pub(super) fn plan(model: &'static Model, spec: &FixedSpec, original: Size, options: &Options) -> Plan {
    let frame = Size::new(spec.side, spec.side);
    let (image_in_frame, resize) = match spec.fit {
        FixedFit::Squish => (Rect::of(frame), ResizeMode::Squish),
        FixedFit::ShortSideCenterCrop => (short_side_center_crop(original, spec.side), ResizeMode::CenterCrop),
    };
    let patch_grid = Grid::new(spec.side / spec.patch, spec.side / spec.patch);
    let token_grid = patch_grid.merged(spec.pool);
    let image = |label| Span { kind: TokenKind::Image, text: spec.placeholder, label, count: token_grid.cells() };
    let whole = View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid, token_grid };
    let pan = spec.pan_and_scan.as_ref().filter(|_| options.pan_and_scan == Some(true));
    let crops = pan.map(|p| pan_and_scan_crops(original, p)).unwrap_or_default();
    let (views, sequence) = match pan {
        Some(p) if !crops.is_empty() => {
            // Crop rectangles from original pixels into frame pixels (the whole image is squished).
            let sx = f64::from(frame.width) / f64::from(original.width);
            let sy = f64::from(frame.height) / f64::from(original.height);
            let mut views = vec![whole];
            let mut sequence = vec![piece(&p.intro)];
            sequence.extend(wrap(spec.before, vec![image("whole image")], spec.after));
            sequence.push(piece(&p.bridge));
            for (i, (row, col, r)) in crops.iter().enumerate() {
                views.push(View {
                    role: ViewRole::Crop { row: *row, col: *col },
                    rect: Rect::new(r.x * sx, r.y * sy, r.width * sx, r.height * sy),
                    input: frame,
                    patch_grid,
                    token_grid,
                });
                if i > 0 {
                    sequence.push(piece(&p.separator));
                }
                sequence.extend(wrap(spec.before, vec![image("crop")], spec.after));
            }
            (views, sequence)
        }
        _ => (vec![whole], wrap(spec.before, vec![image("image tokens")], spec.after)),
    };
    let per_view = views.len() > 1;
    let mut plan = Plan::new(model, original, Layout { frame, image_in_frame, resize, views, sequence });
    if per_view {
        plan.token_order = TokenOrder::PerView;
    }
    if pan.is_some() && crops.is_empty() {
        plan.notes.push(
            "Pan and scan made no crops: the image is not elongated enough, or its crops would be under 256 px.".into(),
        );
    }
    plan
}

fn piece(p: &Piece) -> Span {
    Span { kind: p.kind, text: p.text, label: p.label, count: u64::from(p.tokens) }
}

/// `Gemma3ImageProcessor.pan_and_scan`: crops along the long side, in original pixels, row-major.
/// The crop count is the aspect ratio rounded half up, at most `long / min_crop`, then clamped to
/// `2..=max_crops`; no crops below `min_ratio` or when a crop would be under `min_crop`.
fn pan_and_scan_crops(original: Size, p: &PanAndScan) -> Vec<(u32, u32, Rect)> {
    let (w, h) = (f64::from(original.width), f64::from(original.height));
    let (long, short) = if w >= h { (w, h) } else { (h, w) };
    if long / short < p.min_ratio {
        return Vec::new();
    }
    let n =
        (long / short + 0.5).floor().min((long / f64::from(p.min_crop)).floor()).max(2.0).min(f64::from(p.max_crops));
    let (n_w, n_h) = if w >= h { (n, 1.0) } else { (1.0, n) };
    let (crop_w, crop_h) = ((w / n_w).ceil(), (h / n_h).ceil());
    if crop_w.min(crop_h) < f64::from(p.min_crop) {
        return Vec::new();
    }
    let mut crops = Vec::new();
    for row in 0..n_h as u32 {
        for col in 0..n_w as u32 {
            let (x, y) = (crop_w * f64::from(col), crop_h * f64::from(row));
            crops.push((row, col, Rect::new(x, y, crop_w.min(w - x), crop_h.min(h - y))));
        }
    }
    crops
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
