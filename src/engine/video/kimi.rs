//! Kimi K2.6's video path (`models/kimi_k25/video_processing_kimi_k25.py`,
//! `processing_kimi_k25.py`): `fps` (2) frames a second at `floor(i x n / k)`; every frame resized
//! as the image path does (`navit_resize`: never upscaled, within a per-frame patch budget, padded
//! to whole 28-px blocks); chunks of 4 frames pooled over time into one frame's tokens; each chunk
//! written `HH:MM:SS.mmm<|media_begin|>video<|media_content|>` + tokens + `<|media_end|>`.

use crate::engine::decimal::trimmed;
use crate::engine::geometry::Grid;
use crate::engine::resize;

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KimiVideo {
    pub patch: u32,
    pub merge: u32,
    /// Frames pooled into one chunk.
    pub chunk: u32,
    /// Patches a frame at most, and patches a side at most.
    pub max_patches: u64,
    pub max_side_patches: u32,
    pub fps: f64,
    pub unpinned: &'static str,
    pub source: &'static str,
}

/// `time.strftime("%H:%M:%S", time.gmtime(t))` and `f".{int(t % 1 * 1000):03d}"`.
pub fn timestamp(t: f64) -> String {
    let whole = t.trunc() as u64;
    let millis = ((t % 1.0) * 1000.0).trunc() as u64;
    format!("{:02}:{:02}:{:02}.{millis:03}", (whole / 3600) % 24, (whole / 60) % 60, whole % 60)
}

/// Plans a clip for Kimi K2.6.
pub fn plan(model: &'static str, spec: &KimiVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(o, "Kimi's video processor has no such value (it samples fps and budgets each frame)")?;
    if o.num_frames.is_some() {
        return Err(VideoError::ProcessorRefuses(format!(
            "`num_frames` and `fps` are mutually exclusive arguments, please use only one! (the checkpoint sets fps \
             {}; transformers takes num_frames only with fps=None)",
            trimmed(spec.fps, 2)
        )));
    }
    let n = clip.frames;
    let fps = o.fps.unwrap_or(spec.fps);
    let k = ((n as f64 / clip.fps * fps).trunc() as u64).max(1);
    if k > n {
        return Err(VideoError::ProcessorRefuses(format!(
            "When loading the video with num_frames={k}, the requested number of frames exceeds total_num_frames={n}. \
             Please set num_frames or fps to a smaller value."
        )));
    }
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption { name: "fps", reason: format!("{k} frames is too many") });
    }
    let indices: Vec<u64> = (0..k).map(|i| (u128::from(i) * u128::from(n) / u128::from(k)) as u64).collect();
    let factor = spec.patch * spec.merge;
    let (padded, resized) =
        resize::navit_resize(clip.size, spec.patch, factor, spec.max_patches, spec.max_side_patches);
    let patch_grid = Grid::new(padded.width / spec.patch, padded.height / spec.patch);
    let token_grid = Grid::new(patch_grid.cols / spec.merge, patch_grid.rows / spec.merge);
    let per_chunk = u64::from(token_grid.cols) * u64::from(token_grid.rows);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let t = u64::from(spec.chunk);
    let mut runs: Vec<Run> = Vec::new();
    let mut groups = Vec::new();
    for c in 0..k.div_ceil(t) {
        let members: Vec<usize> = (c * t..((c + 1) * t).min(k)).map(|i| i as usize).collect();
        let text = timestamp(sampled[members[0]].time_s);
        // HH, :, MM, :, SS, ., mmm under Kimi's pre-tokenizer, one token each (not pinned).
        push_run(&mut runs, "text", "timestamp", 7);
        push_run(&mut runs, "delimiter", "<|media_begin|>", 1);
        push_run(&mut runs, "text", "video", 1);
        push_run(&mut runs, "delimiter", "<|media_content|>", 1);
        push_run(&mut runs, "feature", "<|kimi_k25_video_placeholder|>", per_chunk);
        push_run(&mut runs, "delimiter", "<|media_end|>", 1);
        groups.push(Group { frames: members, text: Some(text), text_tokens: 11, tokens: per_chunk });
    }
    let feature_tokens = per_chunk * groups.len() as u64;
    let mut notes = vec![format!("Approximate: {}.", spec.unpinned)];
    if resized != padded {
        notes.push(format!("Each frame is resized to {resized} px and padded to {padded} (whole 28-px blocks)."));
    }
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling: format!("fps {}", trimmed(fps, 3)),
        sampled,
        frame_size: padded,
        patch_grid,
        token_grid,
        temporal_patch: spec.chunk,
        groups,
        frames_sampled: k,
        feature_tokens,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn kimi_timestamps_are_gmtime_and_truncated_milliseconds() {
        assert_eq!(super::timestamp(0.0), "00:00:00.000");
        assert_eq!(super::timestamp(3725.5), "01:02:05.500");
        assert_eq!(super::timestamp(59.999_9), "00:00:59.999");
    }
}
