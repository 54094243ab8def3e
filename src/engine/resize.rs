//! The resize arithmetic of the dynamic-resolution processors: each function follows one
//! processor's own (Qwen2-VL's `smart_resize`, GLM's, Ovis's, Pixtral's longest edge, Gemma 4's
//! token budget), in its float operations and order, so that the same inputs give the same sides.

use super::error::EngineError;
use super::geometry::Size;
use super::pymath;

/// Gemma 4's `get_aspect_ratio_preserving_size` with `max_patches = budget · pool²`, in the
/// processor's float operations and order (a side landing just under a whole token loses it, as
/// in the reference): the largest size of whole `patch · pool` blocks within the budget's area.
pub fn soft_token_budget(size: Size, patch: u32, pool: u32, budget: u64) -> Size {
    let side = f64::from(patch * pool);
    let target_px = (budget * u64::from(pool) * u64::from(pool) * u64::from(patch) * u64::from(patch)) as f64;
    let factor = (target_px / size.area() as f64).sqrt();
    let (h, w) = (f64::from(size.height), f64::from(size.width));
    let mut th = (factor * h / side).floor() * side;
    let mut tw = (factor * w / side).floor() * side;
    // Both sides vanish only below one token of area, which the budgets never allow.
    let longest = budget as f64 * side;
    if th == 0.0 {
        th = side;
        tw = ((w / h).floor() * side).min(longest);
    } else if tw == 0.0 {
        tw = side;
        th = ((h / w).floor() * side).min(longest);
    }
    Size::new((tw as u32).max(patch * pool), (th as u32).max(patch * pool))
}

/// Pixtral's `get_resize_output_image_size`: scaled down (floor) so neither side exceeds
/// `longest_edge`, then each side rounded up to whole `patch`es (the merged token's side).
pub fn cap_longest_edge(size: Size, longest_edge: u32, patch: u32) -> Result<Size, EngineError> {
    let (mut h, mut w) = (f64::from(size.height), f64::from(size.width));
    let ratio = (h / f64::from(longest_edge)).max(w / f64::from(longest_edge));
    if ratio > 1.0 {
        h = (h / ratio).floor();
        w = (w / ratio).floor();
    }
    if h < 1.0 || w < 1.0 {
        return Err(EngineError::VanishingSide { size, limit: longest_edge });
    }
    let tokens = |v: f64| (v as u32 - 1) / patch + 1;
    Ok(Size::new(tokens(w) * patch, tokens(h) * patch))
}

/// The first steps GLM's and Qwen3-VL's video `smart_resize` share: a side under `f` scaled up to
/// it (both sides by the same factor, Python's `int()`), then the aspect ratio checked against
/// `limit`. Returns (height, width).
fn scaled_up(size: Size, f: f64, limit: f64) -> Result<(f64, f64), EngineError> {
    let (mut h, mut w) = (f64::from(size.height), f64::from(size.width));
    if h < f || w < f {
        let scale = (f / h).max(f / w);
        h = (h * scale).trunc();
        w = (w * scale).trunc();
    }
    let ratio = h.max(w) / h.min(w);
    if ratio > limit {
        return Err(EngineError::AspectRatioTooExtreme { size, ratio, limit });
    }
    Ok((h, w))
}

/// GLM-4.1V's `smart_resize(num_frames=t, ..., temporal_factor=t)` for one image: a side under
/// `factor` is scaled up to it first (Python's `int()`), then as Qwen's, but with the area of
/// `frames` frames held to the limits.
pub fn glm_smart_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    max_aspect_ratio: f64,
    frames: u32,
) -> Result<Size, EngineError> {
    let f = f64::from(factor);
    let (h, w) = scaled_up(size, f, max_aspect_ratio)?;
    let (h_bar, w_bar) = clamp_area(h, w, f, (min_pixels, max_pixels), f64::from(frames.max(1)), true);
    whole_sides(size, w_bar, h_bar)
}

/// Qwen3-VL's video `smart_resize(num_frames, ...)`: a side under `factor` scaled up first
/// (Python's `int()`), then as Qwen's, with the area of the clip's frames held to the limits:
/// the test takes the frame count rounded to whole temporal patches (`round(k / t) x t`), the
/// scale takes the frame count itself.
pub fn qwen3_video_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    frames: u64,
    temporal: u64,
) -> Result<Size, EngineError> {
    let f = f64::from(factor);
    let (h, w) = scaled_up(size, f, 200.0)?;
    let (k, t) = (frames as f64, temporal as f64);
    let t_bar = pymath::round(k / t) * t;
    let (h_bar, w_bar) = (pymath::round(h / f) * f, pymath::round(w / f) * f);
    let (h_bar, w_bar) = if t_bar * h_bar * w_bar > max_pixels as f64 {
        let beta = ((k * h * w) / max_pixels as f64).sqrt();
        (f.max((h / beta / f).floor() * f), f.max((w / beta / f).floor() * f))
    } else if t_bar * h_bar * w_bar < min_pixels as f64 {
        let beta = (min_pixels as f64 / (k * h * w)).sqrt();
        ((h * beta / f).ceil() * f, (w * beta / f).ceil() * f)
    } else {
        (h_bar, w_bar)
    };
    whole_sides(size, w_bar, h_bar)
}

/// qwen-vl-utils' own `smart_resize` (`qwen_vl_utils/vision_process.py`), which `fetch_video`
/// applies to each frame: sides rounded to whole `factor` but never under it, then scaled into
/// `[min_pixels, max_pixels]` (floats: its budget is a float) and floored or ceiled to whole
/// `factor`, without holding a side at `factor` when scaling down.
pub fn qwen_vl_utils_resize(size: Size, factor: f64, min_pixels: f64, max_pixels: f64) -> Result<Size, EngineError> {
    let (h, w, f) = (f64::from(size.height), f64::from(size.width), factor);
    let ratio = h.max(w) / h.min(w);
    if ratio > 200.0 {
        return Err(EngineError::AspectRatioTooExtreme { size, ratio, limit: 200.0 });
    }
    let (mut h_bar, mut w_bar) = (f.max(pymath::round(h / f) * f), f.max(pymath::round(w / f) * f));
    if h_bar * w_bar > max_pixels {
        let beta = (h * w / max_pixels).sqrt();
        (h_bar, w_bar) = ((h / beta / f).floor() * f, (w / beta / f).floor() * f);
    } else if h_bar * w_bar < min_pixels {
        let beta = (min_pixels / (h * w)).sqrt();
        (h_bar, w_bar) = ((h * beta / f).ceil() * f, (w * beta / f).ceil() * f);
    }
    if h_bar < 1.0 || w_bar < 1.0 {
        return Err(EngineError::ResizedToNothing { size });
    }
    whole_sides(size, w_bar, h_bar)
}

/// Ovis2.5's `smart_resize`: a side under `factor` is scaled up to it first (the other side by
/// Python's `round`); else an aspect ratio over `max_aspect_ratio` is clamped by shortening the
/// long side. Then as Qwen's, except that scaling down does not hold a side at `factor`: a side
/// that reaches 0 px is an error (the processor cannot resize to it).
pub fn ovis_smart_resize(
    size: Size,
    factor: u32,
    min_pixels: u64,
    max_pixels: u64,
    max_aspect_ratio: f64,
) -> Result<Size, EngineError> {
    let (mut h, mut w, f) = (f64::from(size.height), f64::from(size.width), f64::from(factor));
    if h < f || w < f {
        if h < w {
            w = pymath::round(f / h * w);
            h = f;
        } else {
            h = pymath::round(f / w * h);
            w = f;
        }
    } else if h.max(w) / h.min(w) > max_aspect_ratio {
        if h > w {
            h = max_aspect_ratio * w;
        } else {
            w = max_aspect_ratio * h;
        }
    }
    let (h_bar, w_bar) = clamp_area(h, w, f, (min_pixels, max_pixels), 1.0, false);
    if h_bar < 1.0 || w_bar < 1.0 {
        return Err(EngineError::ResizedToNothing { size });
    }
    whole_sides(size, w_bar, h_bar)
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
    let (h_bar, w_bar) = clamp_area(h, w, f, (min_pixels, max_pixels), 1.0, true);
    whole_sides(size, w_bar, h_bar)
}

/// The step Qwen's, GLM's and Ovis's `smart_resize` share: each side rounded to whole `f` px;
/// when the area of `frames` frames is over the maximum, both sides scaled down by the same beta
/// and floored to whole `f` (held at one `f` when `hold_one` is set; Ovis lets a side fall to 0),
/// when under the minimum, scaled up and ceiled. Returns (height, width). `frames` of 1.0 leaves
/// every product bit for bit as the single-image code computes it.
fn clamp_area(h: f64, w: f64, f: f64, (min_pixels, max_pixels): (u64, u64), frames: f64, hold_one: bool) -> (f64, f64) {
    let (h_bar, w_bar) = (pymath::round(h / f) * f, pymath::round(w / f) * f);
    if frames * h_bar * w_bar > max_pixels as f64 {
        let beta = ((frames * h * w) / max_pixels as f64).sqrt();
        let down = |v: f64| {
            let side = (v / beta / f).floor() * f;
            if hold_one { f.max(side) } else { side }
        };
        (down(h), down(w))
    } else if frames * h_bar * w_bar < min_pixels as f64 {
        let beta = (min_pixels as f64 / (frames * h * w)).sqrt();
        ((h * beta / f).ceil() * f, (w * beta / f).ceil() * f)
    } else {
        (h_bar, w_bar)
    }
}

/// The resized sides as whole pixels, or the error for limits that give an impossible side.
fn whole_sides(size: Size, w_bar: f64, h_bar: f64) -> Result<Size, EngineError> {
    let side = |v: f64| -> Result<u32, EngineError> {
        if v >= 1.0 && v <= f64::from(u32::MAX) {
            Ok(v as u32)
        } else {
            Err(EngineError::InvalidOption {
                name: "min_pixels".into(),
                reason: format!(
                    "resizing {size} to these pixel limits gives an impossible side ({})",
                    if v >= 1.0 { format!("over {} px", u32::MAX) } else { format!("{v:.0} px") }
                ),
            })
        }
    };
    Ok(Size::new(side(w_bar)?, side(h_bar)?))
}

/// GLM-5.3's `smart_resize` (`image_processing_glm5_next`, `video_processing_glm5_next`): a token
/// budget of `min_tokens..=max_tokens` tokens of `frames` (the temporal factor) x `factor`² px over
/// `sampled` frames (an image: `frames` itself; a clip: its sampled count, rounded to whole
/// temporal patches in the tests and taken as it is in the minimum's scale); each side aligned up
/// to whole tokens; below the minimum scaled up by the area ratio; above the maximum the largest
/// height (by binary search over 1..=height, the width following it, truncated) whose aligned
/// canvas fits. Returns the canvas and the content size on it (scaled down only, unless under the
/// minimum; then padded right and below).
pub fn glm5_aligned(
    size: Size,
    factor: u32,
    (frames, sampled): (u32, u32),
    min_tokens: u64,
    max_tokens: u64,
) -> Result<(Size, Size), EngineError> {
    let (f, tf, k) = (u64::from(factor), u64::from(frames.max(1)), u64::from(sampled.max(1)));
    // `max(tf, round(k / tf) x tf)`: the frames the tests count.
    let t = tf.max(pymath::round(k as f64 / tf as f64) as u64 * tf);
    let per_token = tf * f * f;
    let (min_px, max_px) = (min_tokens.saturating_mul(per_token), max_tokens.saturating_mul(per_token));
    let align = |v: u64| v.div_ceil(f) * f;
    let (h, w) = (u64::from(size.height), u64::from(size.width));
    let (mut ah, mut aw) = (align(h), align(w));
    if t * ah * aw < min_px {
        let scale = (min_px as f64 / (k as f64 * h as f64 * w as f64)).sqrt();
        ah = align(((h as f64 * scale).ceil() as u64).max(1));
        aw = align(((w as f64 * scale).ceil() as u64).max(1));
    }
    if t.saturating_mul(ah).saturating_mul(aw) > max_px {
        if max_px < t * f * f {
            return Err(EngineError::InvalidOption {
                name: "max_image_tokens".into(),
                reason: format!("max_pixels={max_px} is too small: one aligned patch needs {} pixels", t * f * f),
            });
        }
        // Python's floor(width * content_height / height): a correctly rounded division.
        let width_for = |ch: u64| {
            let p = w * ch;
            let q = if p < 1 << 53 { (p as f64 / h as f64).floor() as u64 } else { p / h };
            q.max(1)
        };
        let (mut low, mut high) = (1, h);
        (ah, aw) = (f, f);
        while low <= high {
            let ch = (low + high) / 2;
            let (ca, cw) = (align(ch), align(width_for(ch)));
            if t * ca * cw <= max_px {
                (ah, aw) = (ca, cw);
                low = ch + 1;
            } else {
                high = ch - 1;
            }
        }
    }
    let mut scale = (ah as f64 / h as f64).min(aw as f64 / w as f64);
    if k * h * w >= per_token * min_tokens {
        scale = scale.min(1.0);
    }
    let content = |side: u64, target: u64| ((side as f64 * scale).floor() as u64).min(target).max(1);
    let canvas = Size::new(u32::try_from(aw).unwrap_or(u32::MAX), u32::try_from(ah).unwrap_or(u32::MAX));
    let inner = Size::new(content(w, aw) as u32, content(h, ah) as u32);
    Ok((canvas, inner))
}

/// Kimi K2.5/K2.6's `navit_resize`: scaled down only (never up) to at most `max_patches` patches
/// of `patch` px and `max_side` patches a side, truncated to whole pixels; then padded right and
/// below to whole `factor`-px tokens. Returns the padded canvas and the image on it.
pub fn navit_resize(size: Size, patch: u32, factor: u32, max_patches: u64, max_side: u32) -> (Size, Size) {
    let (h, w, p) = (f64::from(size.height), f64::from(size.width), f64::from(patch));
    let patches = (size.height / patch).max(1) as f64 * (size.width / patch).max(1) as f64;
    let by_total = (max_patches as f64 / patches).sqrt();
    let side = f64::from(max_side) * p;
    let scale = 1f64.min(by_total).min(side / h).min(side / w);
    let cap = max_side.saturating_mul(patch);
    let new_h = ((h * scale) as u32).max(1).min(cap);
    let new_w = ((w * scale) as u32).max(1).min(cap);
    let pad = |v: u32| v.div_ceil(factor) * factor;
    (Size::new(pad(new_w), pad(new_h)), Size::new(new_w, new_h))
}

/// Nemotron Omni's `get_patch_grid_size` with `get_num_patches_budget` for one image: the grid of
/// `patch`-px patches the image is squished to, within `[min_patches, budget]`, each side a
/// multiple of `merge`. `None` when a side floors to nothing (the processor divides by zero).
pub fn nemotron_grid(
    size: Size,
    patch: u32,
    merge: u32,
    min_patches: u64,
    max_patches: u64,
    max_model_len: u64,
) -> Option<(u64, u64)> {
    let m = u64::from(merge);
    let mut budget = (max_model_len.saturating_sub(4) * m * m).max(min_patches);
    if max_patches > 0 {
        budget = budget.min(max_patches);
    }
    let budget = budget.max(min_patches);
    // round(x + 0.5): floor(x) + 1 for a fraction, x itself when x is even, x + 1 when odd.
    let side = |v: u32| pymath::round(f64::from(v) / f64::from(patch) + 0.5) as u64;
    let (mut gh, mut gw) = (side(size.height), side(size.width));
    let factor = (budget as f64 / (gh as f64 * gw as f64)).sqrt().min(1.0);
    gh = (factor * gh as f64).floor() as u64;
    gw = (factor * gw as f64).floor() as u64;
    if budget > min_patches && gh * gw < min_patches {
        if gh * gw == 0 {
            return None;
        }
        let factor = (min_patches as f64 / (gh as f64 * gw as f64)).sqrt();
        gh = (factor * gh as f64).ceil() as u64;
        gw = (factor * gw as f64).ceil() as u64;
    }
    let r = gh % m;
    if r != 0 {
        gh = if (gh + m - r) * gw <= budget { gh + m - r } else { m.max(gh - r) };
    }
    let r = gw % m;
    if r != 0 {
        gw = if gh * (gw + m - r) <= budget { gw + m - r } else { m.max(gw - r) };
    }
    // A side still at 0 patches (a budget under one row): the processor cannot resize to it.
    (gh > 0 && gw > 0).then_some((gh, gw))
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
