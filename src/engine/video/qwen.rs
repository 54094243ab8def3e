//! Qwen's video path (Qwen2-VL, Qwen2.5-VL, Qwen3-VL, Qwen3.5): frames sampled from the clip,
//! each resized by `smart_resize` to whole 2x2 merge blocks, consecutive pairs of frames encoded
//! together (`temporal_patch_size` 2; an odd last frame is repeated), and 2x2 patches merged into
//! one token. Qwen2-VL and Qwen2.5-VL (`models/qwen2_vl/video_processing_qwen2_vl.py`) sample
//! `torch.arange(0, n, n / k)` and resize each frame alone; their processor wraps the whole clip
//! in one `<|vision_start|>...<|vision_end|>`. Qwen3-VL and Qwen3.5
//! (`models/qwen3_vl/video_processing_qwen3_vl.py`) sample `np.linspace(0, n - 1, k).round()`,
//! hold the clip's pixels to the limit with the frame count in the area, and their processor
//! (`models/qwen3_vl/processing_qwen3_vl.py`, `replace_video_token`) writes each group as
//! `<t seconds><|vision_start|>...<|vision_end|>`, `t` the mean time of the group's frames.

use crate::engine::decimal::trimmed;
use crate::engine::geometry::{Grid, Size};
use crate::engine::pymath;
use crate::engine::resize;

use super::{Clip, Frame, Group, Preset, Run, VideoError, VideoOptions, VideoPlan, push_run, torch_arange_int};

/// How frames are picked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sampler {
    /// `Qwen2VLVideoProcessor.sample_frames`: a frame count rounded to whole temporal patches,
    /// `torch.arange(0, n, n / k).int()`; without `fps` or `num_frames`, every frame.
    Arange,
    /// `Qwen3VLVideoProcessor.sample_frames`: `int(n / fps_in x fps)` clamped to the frame limits
    /// and to `n`, `np.linspace(0, n - 1, k).round()`.
    Linspace,
}

/// How each frame is resized.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FrameResize {
    /// Qwen2-VL's `smart_resize` on each frame: the area of one frame within the limits.
    PerFrame,
    /// Qwen3-VL's `smart_resize(num_frames, ...)`: the area of all sampled frames (rounded to
    /// whole temporal patches) within the limits.
    AllFrames,
}

/// Text the processor writes around the clip's tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    /// `<|vision_start|>` + every group's tokens + `<|vision_end|>`.
    Wrapped,
    /// Per group: `<t seconds>` (t with one decimal), `<|vision_start|>`, tokens, `<|vision_end|>`.
    Timestamped,
}

/// A Qwen checkpoint's video processor values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QwenVideo {
    pub patch: u32,
    pub merge: u32,
    pub temporal: u32,
    /// The video processor's `size`: `shortest_edge` and `longest_edge` (pixels).
    pub min_pixels: u64,
    pub max_pixels: u64,
    pub min_frames: u64,
    pub max_frames: u64,
    /// The checkpoint's default sampling rate; `None` where it sets none.
    pub fps: Option<f64>,
    pub sampler: Sampler,
    pub resize: FrameResize,
    pub layout: Layout,
    /// Where the values come from.
    pub source: &'static str,
}

/// What the common stacks do where a checkpoint sets no sampling.
pub const COMMON_SAMPLING: &str = "qwen-vl-utils samples 2 fps (4 to 768 frames, preset \"qwen-vl-utils\"); \
     vLLM's video loader reads 32 frames";

/// Tokens Qwen's tokenizer makes of a timestamp such as `<12.5 seconds>`: `<`, one per digit
/// (the pre-tokenizer splits numbers into single digits), `.`, ` seconds`, `>`.
pub fn timestamp_tokens(text: &str) -> u64 {
    let digits = text.chars().filter(char::is_ascii_digit).count() as u64;
    digits + 4
}

/// Python's `f"<{t:.1f} seconds>"`.
pub fn timestamp_text(t: f64) -> String {
    format!("<{t:.1} seconds>")
}

/// The frame indices the sampler picks and the sampling in words, or the processor's refusal.
fn sample(spec: &QwenVideo, clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String), VideoError> {
    let n = clip.frames;
    let t = u64::from(spec.temporal);
    let min_frames = o.min_frames.unwrap_or(spec.min_frames);
    let max_frames = o.max_frames.unwrap_or(spec.max_frames);
    if o.fps.is_some() && o.num_frames.is_some() {
        return Err(VideoError::ProcessorRefuses(
            "`num_frames` and `fps` are mutually exclusive arguments, please use only one!".into(),
        ));
    }
    let fps = if o.num_frames.is_some() { None } else { o.fps.or(spec.fps) };
    let limits = format!("frames {min_frames}..{max_frames}");
    let (k, why) = match (spec.sampler, o.num_frames, fps) {
        (Sampler::Arange, Some(k), _) => (pymath::round(k as f64 / t as f64) as u64 * t, format!("num_frames {k}")),
        (Sampler::Arange, None, Some(fps)) => {
            let cap = max_frames.min(n) / t * t;
            let k = (n as f64 / clip.fps * fps).max(min_frames as f64).min(cap as f64).min(n as f64);
            ((k / t as f64).floor() as u64 * t, format!("fps {}, {limits}", trimmed(fps, 3)))
        }
        (Sampler::Arange, None, None) => {
            // Qwen2VLVideoProcessor.sample_frames compares `None > total_num_frames` and fails.
            return Err(VideoError::NoSamplingDefault { model: "", common: COMMON_SAMPLING });
        }
        (Sampler::Linspace, Some(k), _) => (k, format!("num_frames {k}")),
        (Sampler::Linspace, None, Some(fps)) => {
            let k = (n as f64 / clip.fps * fps).trunc() as u64;
            (k.max(min_frames).min(max_frames).min(n), format!("fps {}, {limits}", trimmed(fps, 3)))
        }
        (Sampler::Linspace, None, None) => (n.max(min_frames).min(max_frames), format!("every frame, {limits}")),
    };
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption {
            name: "num_frames",
            reason: format!(
                "this samples {k} frames, more than vistok plans ({}); set fps or num_frames",
                super::MAX_SAMPLED_FRAMES
            ),
        });
    }
    match spec.sampler {
        Sampler::Arange => {
            if k > n {
                return Err(VideoError::ProcessorRefuses(format!(
                    "the inferred num_frames={k} exceeds the clip's {n} frames; decrease num_frames or fps"
                )));
            }
            if k == 0 {
                return Err(VideoError::ProcessorRefuses(format!(
                    "it samples 0 frames from this {n}-frame clip (rounded down to whole pairs of frames), \
                     and `torch.arange` divides by zero"
                )));
            }
            Ok((super::within_clip(torch_arange_int(0.0, n as f64, n as f64 / k as f64), n)?, why))
        }
        Sampler::Linspace => {
            if k < t {
                return Err(VideoError::ProcessorRefuses(format!(
                    "t:{k} must be larger than temporal_factor:{t} (its smart_resize needs a whole pair of frames)"
                )));
            }
            Ok((linspace_round(n, k), why))
        }
    }
}

/// `np.linspace(0, n - 1, k).round().astype(int)`: `i x step` in double precision (the last value
/// exactly `n - 1`), rounded half to even.
pub(crate) fn linspace_round(n: u64, k: u64) -> Vec<u64> {
    let stop = (n - 1) as f64;
    if k == 1 {
        return vec![0];
    }
    let step = stop / (k - 1) as f64;
    (0..k).map(|i| if i == k - 1 { stop } else { i as f64 * step }).map(|v| v.round_ties_even() as u64).collect()
}

/// The frames transformers' video processor samples and the size it resizes them to.
fn transformers(spec: &QwenVideo, clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String, Size), VideoError> {
    if o.total_pixels.is_some() {
        return Err(VideoError::InvalidOption {
            name: "total_pixels",
            reason: "is qwen-vl-utils' budget; transformers' processor takes max_pixels (its size's longest_edge)"
                .into(),
        });
    }
    let (indices, sampling) = sample(spec, clip, o)?;
    let k = indices.len() as u64;
    let min_pixels = o.min_pixels.unwrap_or(spec.min_pixels);
    let max_pixels = o.max_pixels.unwrap_or(spec.max_pixels);
    if min_pixels > max_pixels {
        return Err(VideoError::InvalidOption {
            name: "min_pixels",
            reason: format!("{min_pixels} is above max_pixels {max_pixels}"),
        });
    }
    let factor = spec.patch * spec.merge;
    let frame_size = match spec.resize {
        FrameResize::PerFrame => resize::smart_resize(clip.size, factor, min_pixels, max_pixels, 200.0),
        FrameResize::AllFrames => {
            resize::qwen3_video_resize(clip.size, factor, min_pixels, max_pixels, k, u64::from(spec.temporal))
        }
    }
    .map_err(VideoError::Frame)?;
    Ok((indices, sampling, frame_size))
}

/// qwen-vl-utils 0.0.14 (`qwen_vl_utils/vision_process.py`): `smart_nframes` (2 fps, 4 to 768
/// frames, an even count), `torch.linspace(0, n - 1, k).round()`, and `fetch_video`'s per-frame
/// budget (`max(min(768 f², total_pixels / k x 2), int(min_pixels x 1.05))`, `total_pixels`
/// 128,000 f² x 0.9) through its own `smart_resize`; the processor then takes the frames as they
/// are (`do_resize=False`, as Qwen's model cards call it).
fn qwen_vl_utils(spec: &QwenVideo, clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String, Size), VideoError> {
    let n = clip.frames;
    let (nframes, why) = match (o.num_frames, o.fps) {
        (Some(_), Some(_)) => {
            return Err(VideoError::ProcessorRefuses("Only accept either `fps` or `nframes`".into()));
        }
        (Some(k), None) => (pymath::round(k as f64 / 2.0) * 2.0, format!("nframes {k}")),
        (None, fps) => {
            let fps = fps.unwrap_or(2.0);
            let min_frames = (o.min_frames.unwrap_or(4) as f64 / 2.0).ceil() * 2.0;
            let max_frames = (o.max_frames.unwrap_or(768.min(n)) as f64 / 2.0).floor() * 2.0;
            let k = (n as f64 / clip.fps * fps).max(min_frames).min(max_frames).min(n as f64);
            ((k / 2.0).floor() * 2.0, format!("fps {}, frames {min_frames}..{max_frames}", trimmed(fps, 3)))
        }
    };
    if !(2.0..=n as f64).contains(&nframes) {
        return Err(VideoError::ProcessorRefuses(format!(
            "nframes should in interval [2, {n}], but got {nframes} (qwen-vl-utils' smart_nframes)"
        )));
    }
    let k = nframes as u64;
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption { name: "num_frames", reason: format!("{k} frames is too many") });
    }
    let f = f64::from(spec.patch * spec.merge);
    let min_pixels = o.min_pixels.map_or(128.0 * f * f, |v| v as f64);
    let total_pixels = o.total_pixels.map_or(128_000.0 * f * f * 0.9, |v| v as f64);
    let budget = (768.0 * f * f).min(total_pixels / nframes * 2.0).max((min_pixels * 1.05).trunc());
    let max_pixels = o.max_pixels.map_or(budget, |m| budget.min(m as f64));
    if max_pixels < min_pixels {
        return Err(VideoError::ProcessorRefuses(
            "The max_pixels of image must be greater than or equal to min_pixels (qwen-vl-utils' smart_resize)".into(),
        ));
    }
    let frame_size = resize::qwen_vl_utils_resize(clip.size, f, min_pixels, max_pixels).map_err(VideoError::Frame)?;
    Ok((torch_linspace_round(n, k), why, frame_size))
}

/// `torch.linspace(0, n - 1, k).round().long()` as torch computes it in float32 on the x86-64
/// CPUs it ships for (its kernel is compiled with fused multiply-add): the step `(n - 1) / (k - 1)`,
/// the first half of the values `step x i`, the second half `n - 1 - step x (k - 1 - i)` in one
/// rounding, each rounded half to even. (Plain float32 arithmetic differs in the last bit for
/// about one clip in twenty, and so, now and then, by one frame.)
pub(crate) fn torch_linspace_round(n: u64, k: u64) -> Vec<u64> {
    let end = (n - 1) as f32;
    if k == 1 {
        return vec![0];
    }
    let step = end / (k - 1) as f32;
    let halfway = k / 2;
    (0..k)
        .map(|i| if i < halfway { step * i as f32 } else { step.mul_add(-((k - i - 1) as f32), end) })
        .map(|v| v.round_ties_even().max(0.0) as u64)
        .collect()
}

/// The frames vLLM's loader for the checkpoint reads, and the processor's resize of them (it takes
/// them without sampling again: Qwen2-VL's drops the flag, Qwen3-VL's samples again only when the
/// loader read every frame, to the same indices).
fn vllm(spec: &QwenVideo, clip: &Clip) -> Result<(Vec<u64>, String, Size), VideoError> {
    let (indices, sampling) = match spec.sampler {
        Sampler::Arange => (super::vllm::qwen2_vl(clip)?, "vLLM 0.34's qwen2_vl loader: 2 fps, whole pairs, 4 to 768"),
        Sampler::Linspace => (super::vllm::qwen3_vl(clip), "vLLM 0.34's qwen3_vl loader: 2 fps, 4 to 768 frames"),
    };
    let k = indices.len() as u64;
    let factor = spec.patch * spec.merge;
    let frame_size = match spec.resize {
        FrameResize::PerFrame => resize::smart_resize(clip.size, factor, spec.min_pixels, spec.max_pixels, 200.0),
        FrameResize::AllFrames => {
            if k < u64::from(spec.temporal) {
                return Err(VideoError::ProcessorRefuses(format!(
                    "t:{k} must be larger than temporal_factor:{} (its smart_resize needs a whole pair of frames)",
                    spec.temporal
                )));
            }
            resize::qwen3_video_resize(clip.size, factor, spec.min_pixels, spec.max_pixels, k, u64::from(spec.temporal))
        }
    }
    .map_err(VideoError::Frame)?;
    Ok((indices, sampling.to_owned(), frame_size))
}

/// Plans a clip for a Qwen checkpoint.
pub fn plan(model: &'static str, spec: &QwenVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    let (indices, sampling, frame_size) = match o.preset {
        Preset::Transformers => transformers(spec, clip, o),
        Preset::QwenVlUtils => qwen_vl_utils(spec, clip, o),
        Preset::Vllm => vllm(spec, clip),
    }
    .map_err(|e| match e {
        VideoError::NoSamplingDefault { common, .. } => VideoError::NoSamplingDefault { model, common },
        e => e,
    })?;
    let k = indices.len() as u64;
    let t = u64::from(spec.temporal);
    let groups_n = k.div_ceil(t);
    let patch_grid = Grid::new(frame_size.width / spec.patch, frame_size.height / spec.patch);
    let token_grid = Grid::new(patch_grid.cols / spec.merge, patch_grid.rows / spec.merge);
    let per_group = u64::from(token_grid.cols) * u64::from(token_grid.rows);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let mut groups = Vec::with_capacity(groups_n as usize);
    let mut runs: Vec<Run> = Vec::new();
    // vLLM expands the bare `<|video_pad|>` and keeps the chat template's outer pair around
    // Qwen3-VL's timestamped groups, which transformers 5.25 folds away.
    let outer = spec.layout == Layout::Wrapped || o.preset == Preset::Vllm;
    if outer {
        push_run(&mut runs, "delimiter", "<|vision_start|>", 1);
    }
    for g in 0..groups_n {
        let members: Vec<usize> = (0..t).map(|j| ((g * t + j).min(k - 1)) as usize).collect();
        let (text, text_tokens) = match spec.layout {
            Layout::Wrapped => (None, 0),
            Layout::Timestamped => {
                let (a, b) = (sampled[members[0]].time_s, sampled[*members.last().unwrap_or(&0)].time_s);
                let text = timestamp_text((a + b) / 2.0);
                let tokens = timestamp_tokens(&text);
                push_run(&mut runs, "text", "timestamp", tokens);
                push_run(&mut runs, "delimiter", "<|vision_start|>", 1);
                (Some(text), tokens + 2)
            }
        };
        push_run(&mut runs, "feature", "<|video_pad|>", per_group);
        if spec.layout == Layout::Timestamped {
            push_run(&mut runs, "delimiter", "<|vision_end|>", 1);
        }
        groups.push(Group { frames: members, text, text_tokens, tokens: per_group });
    }
    if outer {
        push_run(&mut runs, "delimiter", "<|vision_end|>", 1);
    }
    let feature_tokens = per_group * groups_n;
    let tokens_in_sequence = runs.iter().map(|r| r.count).sum();
    let mut notes = Vec::new();
    if !k.is_multiple_of(t) {
        notes.push("An odd number of frames: the last frame is repeated to fill its pair.".to_owned());
    }
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling,
        sampled,
        frame_size,
        patch_grid,
        token_grid,
        temporal_patch: spec.temporal,
        groups,
        frames_sampled: k,
        feature_tokens,
        tokens_in_sequence,
        runs,
        notes,
    })
}
