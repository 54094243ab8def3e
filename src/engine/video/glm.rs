//! GLM-V's video path (GLM-4.1V, GLM-4.5V, GLM-4.6V): frames sampled on the processor's own
//! schedule, all of them resized by GLM's `smart_resize(num_frames, ...)` so the clip's pixels fit
//! one budget (as Qwen3-VL's), consecutive pairs of frames encoded together, 2x2 patches merged;
//! the processor writes each pair as `<|begin_of_image|>` + tokens + `<|end_of_image|>` and the
//! time of the pair's first frame, the whole clip between `<|begin_of_video|>` and
//! `<|end_of_video|>` (the chat template's). Two samplers:
//! - `Glm4vVideoProcessor.sample_frames` (`models/glm4v/video_processing_glm4v.py`): `fps` (2)
//!   frames a second, `ceil(i x fps_in / fps)`, up to `max_duration` (300 s); a longer clip gets
//!   `max_duration x fps` frames spread by `np.linspace(0, duration, k)`. Its timestamps are whole
//!   seconds, `str(int(t))` (`models/glm4v/processing_glm4v.py`).
//! - `Glm46VVideoProcessor.sample_frames` (`models/glm46v/video_processing_glm46v.py`): a schedule
//!   by duration (3 fps up to 30 s, 1 up to 300 s, 0.5 beyond, two frames per step, at most 640
//!   frames over at most 2,400 s) that ignores `fps`. Its timestamps are `f"{t:.1f} seconds"`.
//!
//! Both drop repeated indices and repeat the last frame to an even count.

use crate::engine::decimal::trimmed;
use crate::engine::geometry::{Grid, Size};
use crate::engine::resize;

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// How frames are picked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GlmSampler {
    /// GLM-4.1V's: a rate, up to a longest duration.
    Rate { fps: f64, max_duration: f64 },
    /// GLM-4.6V's: its own schedule by duration.
    Schedule,
    /// GLM-5.3's: a rate, `max_frames` at most, by the same frame walk as GLM-4.6V's.
    Walk { fps: f64, max_frames: u64 },
}

/// A GLM-V checkpoint's video processor values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GlmVideo {
    pub patch: u32,
    pub merge: u32,
    pub temporal: u32,
    /// The video processor's `size` (pixels of the whole clip: frames x height x width).
    pub min_pixels: u64,
    pub max_pixels: u64,
    /// GLM-5.3's budget instead: `min_image_tokens..=max_image_tokens` over the clip, sides
    /// aligned up and the frame padded (then `min_pixels`/`max_pixels` are unused).
    pub aligned: Option<(u64, u64)>,
    pub sampler: GlmSampler,
    /// What is not pinned about this checkpoint's video path (said in every plan).
    pub unpinned: &'static str,
    pub source: &'static str,
}

impl GlmVideo {
    pub fn default_fps(&self) -> Option<f64> {
        match self.sampler {
            GlmSampler::Rate { fps, .. } | GlmSampler::Walk { fps, .. } => Some(fps),
            GlmSampler::Schedule => None,
        }
    }
}

/// `np.linspace(start, stop, k)` in double precision: `i x step + start`, the last exactly `stop`.
pub(super) fn linspace(start: f64, stop: f64, k: u64) -> impl Iterator<Item = f64> {
    let step = if k > 1 { (stop - start) / (k - 1) as f64 } else { 0.0 };
    (0..k).map(move |i| if k > 1 && i == k - 1 { stop } else { i as f64 * step + start })
}

/// `np.linspace(start, stop, k, dtype=int)`: the same values, floored.
pub(super) fn linspace_int(start: u64, stop: u64, k: u64) -> Vec<u64> {
    linspace(start as f64, stop as f64, k).map(|v| v.floor() as u64).collect()
}

/// The clip's duration as the processor takes it: the decoder's, or `round((n - 1) / fps) + 1`.
fn duration(clip: &Clip) -> f64 {
    if clip.duration_s > 0.0 { clip.duration_s } else { ((clip.frames - 1) as f64 / clip.fps).round_ties_even() + 1.0 }
}

/// `Glm4vVideoProcessor.sample_frames`.
fn sample_rate(clip: &Clip, fps: f64, max_duration: f64) -> Vec<u64> {
    let last = clip.frames - 1;
    let d = duration(clip);
    if d <= max_duration {
        let n = ((d * fps).floor() as u64).max(1);
        (0..n).map(|i| last.min((i as f64 * clip.fps / fps).ceil() as u64)).collect()
    } else {
        let k = (max_duration * fps).trunc() as u64;
        if k >= clip.frames {
            (0..clip.frames).collect()
        } else {
            linspace(0.0, d, k).map(|t| last.min((t * clip.fps).ceil() as u64)).collect()
        }
    }
}

/// `Glm46VVideoProcessor.sample_frames`.
fn sample_schedule(clip: &Clip, temporal: u32) -> (Vec<u64>, f64) {
    let d = duration(clip);
    let effective = d.min(2400.0);
    let rate = if effective <= 30.0 {
        3.0
    } else if effective <= 300.0 {
        1.0
    } else {
        0.5
    };
    let extract = ((effective * rate * f64::from(temporal)).trunc() as u64).min(640);
    (walk(clip, extract, 1.0 / (f64::from(temporal) * rate)), rate)
}

/// The frame walk GLM-4.6V's and GLM-5.3's samplers share: `extract` frames wanted; past as many
/// frames, a frame each time a timestamp (`i x (1 / fps_in)`) reaches the next step (a running
/// sum), up to the clip's whole seconds; then `np.linspace` fix-ups when it found too few or too
/// many.
fn walk(clip: &Clip, extract: u64, step: f64) -> Vec<u64> {
    let n = clip.frames;
    let mut indices = if n < extract {
        linspace_int(0, n - 1, extract)
    } else {
        let (per_frame, max_second) = (1.0 / clip.fps, duration(clip).trunc());
        let mut picked = Vec::new();
        let mut current = 0.0;
        for i in 0..n {
            if i as f64 * per_frame >= current {
                current += step;
                picked.push(i);
                if current >= max_second {
                    break;
                }
            }
        }
        picked
    };
    let k = indices.len() as u64;
    if k < extract {
        let (a, b) = match (indices.first(), indices.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, n - 1),
        };
        indices = linspace_int(a, b, extract);
    } else if k > extract {
        indices = linspace_int(0, n - 1, extract);
    }
    indices
}

/// Drops repeated indices (keeping the first) and repeats the last to an even count.
fn unique_even(indices: Vec<u64>) -> Vec<u64> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<u64> = indices.into_iter().filter(|i| seen.insert(*i)).collect();
    if out.len() % 2 == 1 {
        out.push(*out.last().unwrap_or(&0));
    }
    out
}

/// Tokens GLM-4's tokenizer makes of a timestamp: digits in runs of up to three from the left (its
/// pre-tokenizer's `\p{N}{1,3}`), and `.` and ` seconds` one each. Not pinned against GLM's own
/// vocabulary (not readable here): each plan says so.
pub fn timestamp_tokens(text: &str) -> u64 {
    let mut tokens = 0;
    let mut digits = 0u64;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else {
            tokens += digits.div_ceil(3);
            digits = 0;
        }
    }
    tokens += digits.div_ceil(3);
    tokens + u64::from(text.contains('.')) + u64::from(text.ends_with(" seconds"))
}

/// Plans a clip for a GLM-V checkpoint.
pub fn plan(model: &'static str, spec: &GlmVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    let pixel_knobs_ok = spec.aligned.is_none();
    super::refuse_unset_knobs(
        &VideoOptions {
            min_pixels: o.min_pixels.filter(|_| !pixel_knobs_ok),
            max_pixels: o.max_pixels.filter(|_| !pixel_knobs_ok),
            max_frames: o.max_frames.filter(|_| !matches!(spec.sampler, GlmSampler::Walk { .. })),
            ..*o
        },
        "GLM's video processor has no such value (it samples on its own schedule and holds the clip's pixels \
         to max_pixels)",
    )?;
    let mut notes = Vec::new();
    if o.preset == super::Preset::Vllm && matches!(spec.sampler, GlmSampler::Rate { .. }) {
        return vllm(model, spec, clip, o);
    }
    let (raw, sampling) = match spec.sampler {
        GlmSampler::Rate { fps, max_duration } => {
            if o.num_frames.is_some() {
                notes.push("GLM-4.1V's processor ignores num_frames (it samples by rate only).".to_owned());
            }
            let fps = o.fps.unwrap_or(fps);
            (sample_rate(clip, fps, max_duration), format!("fps {}, up to {} s", trimmed(fps, 3), max_duration))
        }
        GlmSampler::Schedule => {
            if o.fps.is_some() || o.num_frames.is_some() {
                notes.push(
                    "GLM-4.6V's processor ignores fps and num_frames: it samples on its own schedule.".to_owned(),
                );
            }
            let (indices, rate) = sample_schedule(clip, spec.temporal);
            let per_second = trimmed(rate * f64::from(spec.temporal), 1);
            (indices, format!("its own schedule for this length: {per_second} frames a second, at most 640"))
        }
        GlmSampler::Walk { fps, max_frames } => {
            if o.num_frames.is_some() || o.max_frames.is_some() {
                notes.push("GLM-5.3's processor ignores num_frames and max_frames (it samples by rate).".to_owned());
            }
            let fps = o.fps.unwrap_or(fps);
            let extract = ((duration(clip) * fps).trunc() as u64).min(max_frames);
            if extract == 0 {
                return Err(VideoError::ProcessorRefuses(format!(
                    "division by zero: at {} fps the clip gives no frame (its processor then divides by the 0 \
                     frames)",
                    trimmed(fps, 3)
                )));
            }
            (walk(clip, extract, 1.0 / fps), format!("fps {}, at most {max_frames} frames", trimmed(fps, 3)))
        }
    };
    let indices = unique_even(raw);
    let k = indices.len() as u64;
    finish(model, spec, clip, o, indices, k, sampling, notes)
}

/// The frames vLLM's `opencv_dynamic` loader reads for GLM-4.1V's processor class; the processor
/// samples again only when the loader read every frame, else resizes the frames it got (an odd
/// count as it is) and pads them to pairs.
fn vllm(model: &'static str, spec: &GlmVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    let read = super::vllm::opencv_dynamic(clip)?;
    if read.len() as u64 == clip.frames {
        let GlmSampler::Rate { fps, max_duration } = spec.sampler else { unreachable!("a rate sampler") };
        let indices = unique_even(sample_rate(clip, fps, max_duration));
        let k = indices.len() as u64;
        let sampling = "vLLM 0.34's opencv_dynamic loader read every frame; the processor sampled 2 fps".to_owned();
        return finish(model, spec, clip, o, indices, k, sampling, Vec::new());
    }
    let k = read.len() as u64;
    let sampling = "vLLM 0.34's opencv_dynamic loader: 2 fps up to 300 s, else 600 spread".to_owned();
    finish(model, spec, clip, o, read, k, sampling, Vec::new())
}

/// The plan of `indices` (an odd last frame repeated to fill its pair), resized as `k` frames (the
/// count the processor's `smart_resize` is given).
#[allow(clippy::too_many_arguments)]
fn finish(
    model: &'static str,
    spec: &GlmVideo,
    clip: &Clip,
    o: &VideoOptions,
    indices: Vec<u64>,
    k: u64,
    sampling: String,
    mut notes: Vec<String>,
) -> Result<VideoPlan, VideoError> {
    if k < u64::from(spec.temporal) {
        return Err(VideoError::ProcessorRefuses(format!(
            "t:{k} must be larger than temporal_factor:{} (the clip is too short for its schedule)",
            spec.temporal
        )));
    }
    let min_pixels = o.min_pixels.unwrap_or(spec.min_pixels);
    let max_pixels = o.max_pixels.unwrap_or(spec.max_pixels);
    let factor = spec.patch * spec.merge;
    let frame_size = match spec.aligned {
        // Only the canvas counts (the frame is padded onto it); the sampler's count is even.
        Some((min_tokens, max_tokens)) => {
            let k = u32::try_from(k).unwrap_or(u32::MAX);
            resize::glm5_aligned(clip.size, factor, (spec.temporal, k), min_tokens, max_tokens)
                .map_err(VideoError::Frame)?
                .0
        }
        None => resize::qwen3_video_resize(clip.size, factor, min_pixels, max_pixels, k, u64::from(spec.temporal))
            .map_err(VideoError::Frame)?,
    };
    let patch_grid = Grid::new(frame_size.width / spec.patch, frame_size.height / spec.patch);
    let token_grid = Grid::new(patch_grid.cols / spec.merge, patch_grid.rows / spec.merge);
    let per_group = u64::from(token_grid.cols) * u64::from(token_grid.rows);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let t = u64::from(spec.temporal);
    let count = indices.len() as u64;
    let groups_n = count.div_ceil(t);
    let mut runs: Vec<Run> = Vec::new();
    push_run(&mut runs, "delimiter", "<|begin_of_video|>", 1);
    let mut groups = Vec::with_capacity(groups_n as usize);
    for g in 0..groups_n {
        let members: Vec<usize> = (0..t).map(|j| (g * t + j).min(count - 1) as usize).collect();
        let time = sampled[members[0]].time_s;
        let text = match spec.sampler {
            GlmSampler::Rate { .. } => format!("{}", time.trunc() as u64),
            GlmSampler::Schedule | GlmSampler::Walk { .. } => format!("{time:.1} seconds"),
        };
        let tokens = timestamp_tokens(&text);
        push_run(&mut runs, "delimiter", "<|begin_of_image|>", 1);
        push_run(&mut runs, "feature", "<|image|>", per_group);
        push_run(&mut runs, "delimiter", "<|end_of_image|>", 1);
        push_run(&mut runs, "text", "timestamp", tokens);
        groups.push(Group { frames: members, text: Some(text), text_tokens: tokens + 2, tokens: per_group });
    }
    push_run(&mut runs, "delimiter", "<|end_of_video|>", 1);
    let feature_tokens = per_group * groups_n;
    let tokens_in_sequence = runs.iter().map(|r| r.count).sum();
    notes.push(format!("Approximate: {}.", spec.unpinned));
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
        feature_tokens,
        tokens_in_sequence,
        runs,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glm_timestamps_split_digits_in_threes_from_the_left() {
        for (text, tokens) in [("0", 1), ("299", 1), ("2985", 2), ("0.3 seconds", 4), ("1234.5 seconds", 5)] {
            assert_eq!(timestamp_tokens(text), tokens, "{text}");
        }
    }

    #[test]
    fn glm46v_schedule_picks_three_frames_a_second_in_pairs_and_caps_at_640() {
        let hd = Size::new(1280, 720);
        let short = Clip::new(hd, 30.0, 1.0).unwrap();
        let (indices, rate) = sample_schedule(&short, 2);
        assert_eq!((indices, rate), (vec![0, 5, 10, 15, 20, 25], 3.0));
        let long = Clip::new(hd, 25.0, 3000.0).unwrap();
        let (indices, rate) = sample_schedule(&long, 2);
        assert_eq!((indices.len(), rate), (640, 0.5));
    }
}
