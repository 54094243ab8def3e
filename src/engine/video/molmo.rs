//! Molmo2's video path (`models/molmo2/video_processing_molmo2.py`, `processing_molmo2.py`): up to
//! `max_fps` (2) frames a second plus the last frame for a clip short enough, else `num_frames`
//! (384) spread evenly; every frame squashed to 378x378, its 27x27 patches pooled 3x3 to 81 tokens;
//! each frame written `t.t <im_start>` + tokens + `<im_end>`, frames joined by spaces.

use crate::engine::geometry::{Grid, Size};

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MolmoVideo {
    pub side: u32,
    pub patch: u32,
    pub pool: u32,
    /// Frames at most (`num_frames`), and frames a second at most (`max_fps`).
    pub frames: u64,
    pub max_fps: f64,
    pub source: &'static str,
}

/// `sample_frames` without a rate: about `max_fps` a second and the last frame, or `k` spread.
fn sample(spec: &MolmoVideo, clip: &Clip, k: u64) -> Vec<u64> {
    let n = clip.frames;
    if n as f64 / clip.fps > (k as f64 - 1.0) / spec.max_fps {
        let k = k.min(n);
        // `np.linspace(0, n - 1, k).astype(int)`.
        let last = (n - 1) as f64;
        let step = if k > 1 { last / (k - 1) as f64 } else { 0.0 };
        (0..k).map(|i| if k > 1 && i == k - 1 { n - 1 } else { (i as f64 * step).floor() as u64 }).collect()
    } else {
        // `np.arange(0, n - 1, fps_in / max_fps)` rounded half to even, the last frame added.
        let step = clip.fps / spec.max_fps;
        let count = ((n - 1) as f64 / step).ceil() as u64;
        let mut indices: Vec<u64> = (0..count).map(|i| (i as f64 * step).round_ties_even() as u64).collect();
        indices.push(n - 1);
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

/// Plans a clip for Molmo2.
pub fn plan(model: &'static str, spec: &MolmoVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(o, "Molmo2's video processor has no such value (every frame is squashed to its square)")?;
    if o.fps.is_some() {
        return Err(VideoError::ProcessorRefuses(format!(
            "`num_frames` and `fps` are mutually exclusive arguments, please use only one! (the checkpoint sets \
             num_frames {}; its processor samples up to {} frames a second by itself)",
            spec.frames, spec.max_fps
        )));
    }
    let k = o.num_frames.unwrap_or(spec.frames);
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption { name: "num_frames", reason: format!("{k} frames is too many") });
    }
    let indices = sample(spec, clip, k);
    let patches = spec.side / spec.patch;
    let pooled = patches.div_ceil(spec.pool);
    let per_frame = u64::from(pooled) * u64::from(pooled);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let mut runs: Vec<Run> = Vec::new();
    let mut groups = Vec::with_capacity(sampled.len());
    for (i, frame) in sampled.iter().enumerate() {
        let text = format!("{:.1}", frame.time_s);
        // Qwen's BPE splits digits, '.' and spaces: one token a character, the space after the time
        // and, past the first frame, the one before it.
        let words = text.len() as u64 + 1 + u64::from(i > 0);
        push_run(&mut runs, "text", "timestamp", words);
        push_run(&mut runs, "delimiter", "<im_start>", 1);
        push_run(&mut runs, "feature", "<im_patch>", per_frame);
        push_run(&mut runs, "delimiter", "<im_end>", 1);
        groups.push(Group { frames: vec![i], text: Some(text), text_tokens: words + 2, tokens: per_frame });
    }
    let count = sampled.len() as u64;
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling: format!(
            "up to {} frames a second and the last frame, or {k} spread over a longer clip",
            spec.max_fps
        ),
        sampled,
        frame_size: Size::new(spec.side, spec.side),
        patch_grid: Grid::new(patches, patches),
        token_grid: Grid::new(pooled, pooled),
        temporal_patch: 1,
        groups,
        frames_sampled: count,
        feature_tokens: per_frame * count,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes: Vec::new(),
    })
}
