//! Video as frames written out one by one in text (InternVL3): each sampled frame is one tile of
//! the encoder's square, `image_seq_length` tokens after pixel shuffle, written
//! `Frame{i}: <img><IMG_CONTEXT>...</img>` and joined by newlines
//! (`models/internvl/processing_internvl.py`). Its video processor
//! (`models/internvl/video_processing_internvl.py`, `sample_frames`) takes `num_frames`, or
//! `int(n / fps_in x fps)` frames for an `fps`, at `torch.arange(step / 2, n, step)`, step
//! `n / k`; with neither, it fails (`total / None`).

use crate::engine::decimal::trimmed;
use crate::engine::geometry::{Grid, Size};

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run, torch_arange_int};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FramedVideo {
    /// Each frame's square input, px.
    pub side: u32,
    pub patch: u32,
    /// Tokens per frame (`image_seq_length`).
    pub tokens: u32,
    pub source: &'static str,
}

/// What the common stacks pass where the checkpoint sets no frame count.
pub const COMMON_SAMPLING: &str =
    "vLLM's video loader reads 32 frames; InternVL's own examples pass a count of segments";

/// Tokens of `"Frame{i}: "` in the Qwen2 tokenizer InternVL3 uses (`Frame`, one per digit, `:`,
/// ` `), and of the `"\n"` before every frame but the first.
fn frame_text_tokens(i: u64) -> u64 {
    let digits = i.to_string().len() as u64;
    3 + digits
}

fn sample(clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String), VideoError> {
    let n = clip.frames;
    super::refuse_unset_knobs(o, "this video processor has no such value (each frame is one square tile)")?;
    // num_frames wins over fps: the sampler has no check that they exclude each other.
    let (k, why) = match (o.num_frames, o.fps) {
        (Some(k), _) => (k, format!("num_frames {k}")),
        (None, Some(fps)) => ((n as f64 / clip.fps * fps).trunc() as u64, format!("fps {}", trimmed(fps, 3))),
        (None, None) => return Err(VideoError::NoSamplingDefault { model: "", common: COMMON_SAMPLING }),
    };
    if k == 0 {
        return Err(VideoError::ProcessorRefuses(format!(
            "this rate samples 0 frames from the clip's {n}, and the sampler divides by zero"
        )));
    }
    if k > n {
        return Err(VideoError::ProcessorRefuses(format!(
            "Video can't be sampled. The `num_frames={k}` exceeds `total_num_frames={n}`."
        )));
    }
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption { name: "num_frames", reason: format!("{k} frames is too many") });
    }
    let step = n as f64 / k as f64;
    Ok((super::within_clip(torch_arange_int(step / 2.0, n as f64, step), n)?, why))
}

/// Plans a clip for a checkpoint that writes each frame out in text.
pub fn plan(model: &'static str, spec: &FramedVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    let sampled = match o.preset {
        super::Preset::Vllm => Ok((super::vllm::opencv(clip), "vLLM 0.34's opencv loader: 32 frames".to_owned())),
        _ => sample(clip, o),
    };
    let (indices, sampling) = sampled.map_err(|e| match e {
        VideoError::NoSamplingDefault { common, .. } => VideoError::NoSamplingDefault { model, common },
        e => e,
    })?;
    let k = indices.len() as u64;
    let per_frame = u64::from(spec.tokens);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let mut runs: Vec<Run> = Vec::new();
    let mut groups = Vec::with_capacity(sampled.len());
    for (i, _) in sampled.iter().enumerate() {
        let number = i as u64 + 1;
        let text = format!("Frame{number}: ");
        let words = frame_text_tokens(number) + u64::from(i > 0);
        push_run(&mut runs, "text", "frame label", words);
        push_run(&mut runs, "delimiter", "<img>", 1);
        push_run(&mut runs, "feature", "<IMG_CONTEXT>", per_frame);
        push_run(&mut runs, "delimiter", "</img>", 1);
        groups.push(Group { frames: vec![i], text: Some(text), text_tokens: words + 2, tokens: per_frame });
    }
    let side = spec.side / spec.patch;
    let pooled = (f64::from(spec.tokens)).sqrt() as u32;
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling,
        sampled,
        frame_size: Size::new(spec.side, spec.side),
        patch_grid: Grid::new(side, side),
        token_grid: Grid::new(pooled, pooled),
        temporal_patch: 1,
        groups,
        frames_sampled: k,
        feature_tokens: per_frame * k,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes: Vec::new(),
    })
}
