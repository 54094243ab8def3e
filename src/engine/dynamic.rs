//! Dynamic resolution + spatial merge (Qwen2-VL, Qwen2.5-VL, Qwen3-VL): the aspect ratio is kept,
//! each side is rounded to a multiple of the token size, and the area is clamped.

use super::error::EngineError;
use super::geometry::{Grid, Rect, Size};
use super::models::{DynamicSpec, Model};
use super::options::Options;
use super::plan::{Merge, MergeSite, Plan, ResizeMode, Span, TokenKind, View, ViewRole};
use super::pymath;
use super::sequence::wrap;

pub(super) fn plan(
    model: &'static Model,
    spec: &DynamicSpec,
    original: Size,
    options: &Options,
) -> Result<Plan, EngineError> {
    let min_pixels = options.min_pixels.unwrap_or(spec.min_pixels);
    let max_pixels = options.max_pixels.unwrap_or(spec.max_pixels);
    let factor = spec.patch * spec.merge;
    let frame = smart_resize(original, factor, min_pixels, max_pixels, spec.max_aspect_ratio)?;
    let patch_grid = Grid::new(frame.width / spec.patch, frame.height / spec.patch);
    let token_grid = patch_grid.merged(spec.merge);
    let image = Span {
        kind: TokenKind::Image,
        text: spec.placeholder,
        label: "image tokens",
        count: token_grid.cells(),
    };
    let sequence = wrap(spec.before, vec![image], spec.after);
    let (feature_tokens, tokens_in_sequence) = Plan::totals(&sequence);
    Ok(Plan {
        model: model.id,
        strategy: model.strategy.kind(),
        original,
        frame,
        image_in_frame: Rect::of(frame),
        resize: ResizeMode::KeepAspect,
        patch: spec.patch,
        merge: Merge { factor: spec.merge, site: MergeSite::EncoderMerger },
        views: vec![View { role: ViewRole::Whole, rect: Rect::of(frame), input: frame, patch_grid, token_grid }],
        anyres: None,
        sequence,
        feature_tokens,
        tokens_in_sequence,
    })
}

/// `smart_resize` of `transformers/models/qwen2_vl/image_processing_qwen2_vl.py`: both sides a
/// multiple of `factor`, area within `[min_pixels, max_pixels]`, aspect ratio nearly kept.
pub fn smart_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    max_aspect_ratio: f64,
) -> Result<Size, EngineError> {
    let (h, w, f) = (f64::from(size.height), f64::from(size.width), f64::from(factor));
    let ratio = h.max(w) / h.min(w);
    if ratio > max_aspect_ratio {
        return Err(EngineError::AspectRatioTooExtreme { size, ratio, limit: max_aspect_ratio });
    }
    let mut h_bar = pymath::round(h / f) * f;
    let mut w_bar = pymath::round(w / f) * f;
    if h_bar * w_bar > max_pixels as f64 {
        let beta = ((h * w) / max_pixels as f64).sqrt();
        h_bar = f.max((h / beta / f).floor() * f);
        w_bar = f.max((w / beta / f).floor() * f);
    } else if h_bar * w_bar < min_pixels as f64 {
        let beta = (min_pixels as f64 / (h * w)).sqrt();
        h_bar = (h * beta / f).ceil() * f;
        w_bar = (w * beta / f).ceil() * f;
    }
    let side = |v: f64| -> Result<u32, EngineError> {
        if v >= 1.0 && v <= f64::from(u32::MAX) {
            Ok(v as u32)
        } else {
            Err(EngineError::InvalidOption {
                name: "min_pixels".into(),
                reason: format!("resizing {size} to these pixel limits gives an impossible side ({v})"),
            })
        }
    };
    Ok(Size::new(side(w_bar)?, side(h_bar)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qwen(w: u32, h: u32) -> Size {
        smart_resize(Size::new(w, h), 28, 3136, 12_845_056, 200.0).unwrap()
    }

    #[test]
    fn rounds_each_side_to_the_nearest_multiple_with_ties_to_even() {
        assert_eq!(qwen(640, 480), Size::new(644, 476));
        // 70 / 28 = 2.5 rounds down to 2 (Python's round); rounding half up would give 84.
        assert_eq!(qwen(70, 70), Size::new(56, 56));
        // 42 / 28 = 1.5 rounds up to 2, 98 / 28 = 3.5 rounds up to 4: both to the even neighbour.
        assert_eq!(qwen(42, 98), Size::new(56, 112));
    }

    #[test]
    fn clamps_area_to_max_pixels() {
        let s = qwen(6000, 6000);
        assert_eq!(s, Size::new(3584, 3584));
        assert!(s.area() <= 12_845_056);
    }

    #[test]
    fn refuses_aspect_ratios_over_200() {
        let err = smart_resize(Size::new(201, 1), 28, 3136, 12_845_056, 200.0).unwrap_err();
        assert!(matches!(err, EngineError::AspectRatioTooExtreme { .. }));
        assert!(smart_resize(Size::new(200, 1), 28, 3136, 12_845_056, 200.0).is_ok());
    }
}
