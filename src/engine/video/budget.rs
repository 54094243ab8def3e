//! Video as a fixed number of frames, each under its own soft-token budget (Gemma 4): the video
//! processor (`models/gemma4/video_processing_gemma4.py`, and the 12B's
//! `models/gemma4_unified/video_processing_gemma4_unified.py`) samples `num_frames` (32) at
//! `floor(i x n / k)` (`video_utils.default_sample_indices_fn`), resizes every frame as the image
//! path does (`get_aspect_ratio_preserving_size`: aspect kept, whole 48-px tokens within
//! `max_soft_tokens`, 70 for video), and encodes each frame alone. The processor
//! (`processing_gemma4.py`, `replace_video_token`) writes each frame as
//! `MM:SS <|image>` + tokens + `<image|>`, frames joined by spaces.

use crate::engine::geometry::{Grid, Size};
use crate::engine::resize;

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetVideo {
    pub patch: u32,
    /// Patches pooled into one token per side.
    pub pool: u32,
    /// Frames sampled (`num_frames`).
    pub frames: u64,
    /// Tokens per frame at most (`max_soft_tokens`), and the values the processor takes.
    pub max_soft_tokens: u64,
    pub allowed: &'static [u64],
    /// The side of the processor's output patches (16 px where the model pools, 48 where the
    /// processor merges): the grid it reports.
    pub grid_patch: u32,
    /// What is not pinned (said in every plan).
    pub unpinned: &'static str,
    pub source: &'static str,
}

/// `f"{int(s // 60):02d}:{int(s % 60):02d}"` with numpy's float floor division and remainder.
pub fn timestamp(s: f64) -> String {
    let rem = s % 60.0;
    let div = (s - rem) / 60.0;
    let mut minutes = div.floor();
    if div - minutes > 0.5 {
        minutes += 1.0;
    }
    format!("{:02}:{:02}", minutes as u64, rem.trunc() as u64)
}

/// Plans a clip for a checkpoint that budgets each frame's tokens.
pub fn plan(model: &'static str, spec: &BudgetVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(
        o,
        "Gemma 4's video processor has no such value (it samples num_frames and budgets each frame's tokens: \
         max_soft_tokens)",
    )?;
    if o.fps.is_some() {
        return Err(VideoError::ProcessorRefuses(format!(
            "`num_frames` and `fps` are mutually exclusive arguments, please use only one! (the checkpoint sets \
             num_frames {}, so its processor samples no rate; set num_frames instead)",
            spec.frames
        )));
    }
    let n = clip.frames;
    let k = o.num_frames.unwrap_or(spec.frames);
    if k > n {
        return Err(VideoError::ProcessorRefuses(format!(
            "When loading the video with num_frames={k}, the requested number of frames exceeds \
             total_num_frames={n}. Please set num_frames or fps to a smaller value."
        )));
    }
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption { name: "num_frames", reason: format!("{k} frames is too many") });
    }
    let budget = o.max_soft_tokens.unwrap_or(spec.max_soft_tokens);
    if !spec.allowed.contains(&budget) {
        let allowed: Vec<String> = spec.allowed.iter().map(u64::to_string).collect();
        return Err(VideoError::ProcessorRefuses(format!(
            "`max_soft_tokens` must be one of ({}), got {budget}.",
            allowed.join(", ")
        )));
    }
    let indices: Vec<u64> = (0..k).map(|i| (u128::from(i) * u128::from(n) / u128::from(k)) as u64).collect();
    let frame_size = resize::soft_token_budget(clip.size, spec.patch, spec.pool, budget);
    let side = spec.patch * spec.pool;
    let token_grid = Grid::new(frame_size.width / side, frame_size.height / side);
    let per_frame = u64::from(token_grid.cols) * u64::from(token_grid.rows);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let mut runs: Vec<Run> = Vec::new();
    let mut groups = Vec::with_capacity(sampled.len());
    for (i, frame) in sampled.iter().enumerate() {
        let text = timestamp(frame.time_s);
        // Gemma splits digits: each digit and ':' one token, and the space before `<|image>` (and,
        // after the first frame, the one joining frames) one `▁` each.
        let words = text.len() as u64 + 1 + u64::from(i > 0);
        push_run(&mut runs, "text", "timestamp", words);
        push_run(&mut runs, "delimiter", "<|image>", 1);
        push_run(&mut runs, "feature", "<|video|>", per_frame);
        push_run(&mut runs, "delimiter", "<image|>", 1);
        groups.push(Group { frames: vec![i], text: Some(text), text_tokens: words + 2, tokens: per_frame });
    }
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling: format!("num_frames {k}, at most {budget} tokens a frame"),
        sampled,
        frame_size: Size::new(frame_size.width, frame_size.height),
        patch_grid: Grid::new(frame_size.width / spec.grid_patch, frame_size.height / spec.grid_patch),
        token_grid,
        temporal_patch: 1,
        groups,
        frames_sampled: k,
        feature_tokens: per_frame * k,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes: vec![format!("Approximate: {}.", spec.unpinned)],
    })
}

#[cfg(test)]
mod tests {
    use super::timestamp;

    #[test]
    fn gemma_timestamps_are_minutes_and_seconds_as_numpy_divides() {
        for (s, text) in [(0.0, "00:00"), (59.99, "00:59"), (60.0, "01:00"), (599.5, "09:59"), (6000.0, "100:00")] {
            assert_eq!(timestamp(s), text, "{s}");
        }
    }
}
