//! Fixed resize + pooling (PaliGemma, LLaVA-1.5, Gemma 3): every image is brought to the same
//! square, so every image costs the same.

use super::geometry::{Grid, Rect, Size};
use super::models::{FixedFit, FixedSpec, Model};
use super::plan::{Layout, Plan, ResizeMode, Span, TokenKind, View, ViewRole};
use super::sequence::wrap;

pub(super) fn plan(model: &'static Model, spec: &FixedSpec, original: Size) -> Plan {
    let frame = Size::new(spec.side, spec.side);
    let (image_in_frame, resize) = match spec.fit {
        FixedFit::Squish => (Rect::of(frame), ResizeMode::Squish),
        FixedFit::ShortSideCenterCrop => (short_side_center_crop(original, spec.side), ResizeMode::CenterCrop),
    };
    let patch_grid = Grid::new(spec.side / spec.patch, spec.side / spec.patch);
    let token_grid = patch_grid.merged(spec.pool);
    let image =
        Span { kind: TokenKind::Image, text: spec.placeholder, label: "image tokens", count: token_grid.cells() };
    Plan::new(
        model,
        original,
        Layout {
            frame,
            image_in_frame,
            resize,
            views: vec![View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid, token_grid }],
            sequence: wrap(spec.before, vec![image], spec.after),
        },
    )
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
