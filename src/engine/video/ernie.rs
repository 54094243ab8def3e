//! ERNIE 4.5 VL's video path (`models/ernie4_5_vl_moe/video_processing_ernie4_5_vl_moe.py`): frames
//! spread over the whole clip (`min(max(n, 16), 180, n)` of them, or a rate's, at
//! `torch.arange(0, n, n / k).int()`), each frame's time drawn onto its pixels (no text), each
//! frame resized alone by Qwen2-VL's `smart_resize` (28-px blocks), pairs of frames encoded
//! together (an odd last frame repeated), 2x2 patches merged. The chat template wraps the clip in
//! `<|VIDEO_START|>...<|VIDEO_END|>`; the processor writes only the placeholders.

use crate::engine::decimal::trimmed;
use crate::engine::geometry::{Grid, Size};
use crate::engine::resize;

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run, torch_arange_int};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErnieVideo {
    pub patch: u32,
    pub merge: u32,
    pub temporal: u32,
    /// Each frame's pixel limits (`size`).
    pub min_pixels: u64,
    pub max_pixels: u64,
    pub min_frames: u64,
    pub max_frames: u64,
    pub source: &'static str,
}

/// `sample_frames`: the frame count (a float with a rate) and torch's float32 `arange`.
fn sample(spec: &ErnieVideo, clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String), VideoError> {
    let n = clip.frames;
    let (lo, hi) = (o.min_frames.unwrap_or(spec.min_frames), o.max_frames.unwrap_or(spec.max_frames));
    let (k, why) = match (o.num_frames, o.fps) {
        (Some(_), Some(_)) => {
            return Err(VideoError::ProcessorRefuses(
                "`num_frames` and `fps` are mutually exclusive arguments, please use only one!".into(),
            ));
        }
        (Some(k), None) => {
            if k < lo || k > hi {
                return Err(VideoError::ProcessorRefuses(format!(
                    "`num_frames` must be {lo} <= x <= {hi}. Got {k} instead."
                )));
            }
            (k as f64, format!("num_frames {k}"))
        }
        (None, fps) => {
            let wanted = fps.map_or(n as f64, |fps| n as f64 / clip.fps * fps);
            let k = wanted.max(lo as f64).min(hi as f64).min(n as f64);
            let rate = fps.map_or_else(|| "every frame".to_owned(), |f| format!("fps {}", trimmed(f, 3)));
            (k, format!("{rate}, frames {lo}..{hi}, spread over the clip"))
        }
    };
    if k > n as f64 {
        return Err(VideoError::ProcessorRefuses(format!(
            "Video can't be sampled. The inferred `num_frames={k}` exceeds `total_num_frames={n}`. Decrease \
             `num_frames` or `fps` for sampling."
        )));
    }
    let indices = super::within_clip(torch_arange_int(0.0, n as f64, n as f64 / k), n)?;
    Ok((indices, why))
}

/// Plans a clip for ERNIE 4.5 VL.
pub fn plan(model: &'static str, spec: &ErnieVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    if o.total_pixels.is_some() {
        return Err(VideoError::InvalidOption {
            name: "total_pixels",
            reason: "ERNIE's video processor resizes each frame alone (min_pixels and max_pixels are its size)".into(),
        });
    }
    let (indices, sampling) = sample(spec, clip, o)?;
    let font = (f64::from(clip.size.width.min(clip.size.height)) * 0.1).trunc();
    if font <= 0.0 {
        return Err(VideoError::ProcessorRefuses(format!(
            "font size must be greater than 0, not {font} (the processor draws each frame's time on it in a font a \
             tenth of its short side)"
        )));
    }
    let min_pixels = o.min_pixels.unwrap_or(spec.min_pixels);
    let max_pixels = o.max_pixels.unwrap_or(spec.max_pixels);
    let factor = spec.patch * spec.merge;
    let frame_size =
        resize::smart_resize(clip.size, factor, min_pixels, max_pixels, 200.0).map_err(VideoError::Frame)?;
    let k = indices.len() as u64;
    let t = u64::from(spec.temporal);
    let groups_n = k.div_ceil(t);
    let patch_grid = Grid::new(frame_size.width / spec.patch, frame_size.height / spec.patch);
    let token_grid = Grid::new(patch_grid.cols / spec.merge, patch_grid.rows / spec.merge);
    let per_group = u64::from(token_grid.cols) * u64::from(token_grid.rows);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let groups: Vec<Group> = (0..groups_n)
        .map(|g| Group {
            frames: (0..t).map(|j| ((g * t + j).min(k - 1)) as usize).collect(),
            text: None,
            text_tokens: 0,
            tokens: per_group,
        })
        .collect();
    let mut runs: Vec<Run> = Vec::new();
    push_run(&mut runs, "delimiter", "<|VIDEO_START|>", 1);
    push_run(&mut runs, "feature", "<|VIDEO_PLACEHOLDER|>", per_group * groups_n);
    push_run(&mut runs, "delimiter", "<|VIDEO_END|>", 1);
    let mut notes =
        vec!["Each frame's time is drawn onto its pixels (\"time: HH:MM:SS.ss\"): no text tokens.".to_owned()];
    if !k.is_multiple_of(t) {
        notes.push("An odd number of frames: the last frame is repeated to fill its pair.".to_owned());
    }
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling,
        sampled,
        frame_size: Size::new(frame_size.width, frame_size.height),
        patch_grid,
        token_grid,
        temporal_patch: spec.temporal,
        groups,
        frames_sampled: k,
        feature_tokens: per_group * groups_n,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes,
    })
}
