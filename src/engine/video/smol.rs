//! SmolVLM2's video path (`models/smolvlm/video_processing_smolvlm.py`, `sample_frames`, and
//! `processing_smolvlm.py`, `replace_video_token`): `round(fps x duration)` frames, at most
//! `num_frames`, spread by `np.linspace` over the clip less a second at each end when it is long
//! enough, repeated indices dropped; each frame one 384x384 image of 81 tokens; the span opens
//! with `You are provided the following series of {n in words} frames from a {H:MM:SS} [H:MM:SS]
//! video.\n`, writes `\nFrame from MM:SS:` before each frame and closes with `\n\n`. Token counts
//! are SmolLM2's (digits split one by one), held by golden rows from its real vocabulary.

use crate::engine::decimal::trimmed;
use crate::engine::geometry::{Grid, Size};

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SmolVideo {
    /// The video processor's `video_sampling`: frames per second and the most frames.
    pub fps: f64,
    pub max_frames: u64,
    /// Each frame's square input and its tokens (`image_seq_len`).
    pub side: u32,
    pub patch: u32,
    pub tokens: u32,
    pub source: &'static str,
}

/// Tokens SmolLM2 makes of `" " + num2words(n)` in the intro, for the counts a clip can have
/// (the golden rows hold 1 to 128).
fn number_words(n: u64) -> Option<u64> {
    Some(match n {
        1..=20 => 1,
        30 | 40 | 50 | 60 | 70 | 80 | 90 => 1,
        21..=99 => 3,
        100 => 2,
        101..=120 => 4,
        121..=128 => 6,
        _ => return None,
    })
}

/// `str(timedelta(seconds=d))` for a duration under a day: `H:MM:SS`.
fn clock(d: u64) -> String {
    format!("{}:{:02}:{:02}", d / 3600, d % 3600 / 60, d % 60)
}

fn sample(spec: &SmolVideo, clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String), VideoError> {
    super::refuse_unset_knobs(o, "SmolVLM2's video processor has no such value")?;
    let n = clip.frames;
    let num_frames = o.num_frames.unwrap_or(spec.max_frames);
    let fps = o.fps.unwrap_or(spec.fps);
    let duration = clip.duration_s;
    let estimated = (fps * duration).round_ties_even() as i64;
    let desired = estimated.min(num_frames as i64).max(1) as u64;
    let (mut start, mut end) = (0u64, n - 1);
    // Skip a second at each end of a clip long enough (against num_frames, not the count taken).
    if duration - 2.0 > num_frames as f64 * fps {
        start = clip.fps.trunc() as u64;
        end = (n as f64 - clip.fps).trunc().max(0.0) as u64;
    }
    end = end.min(n - 1);
    if start >= end {
        (start, end) = (0, n - 1);
    }
    if desired > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption { name: "num_frames", reason: format!("{desired} frames is too many") });
    }
    // np.linspace(start, end, k, dtype=int): start + i x step in double, the last exactly `end`,
    // truncated; then np.unique.
    let step = if desired > 1 { (end - start) as f64 / (desired - 1) as f64 } else { 0.0 };
    let mut indices: Vec<u64> = (0..desired)
        .map(|i| if desired > 1 && i == desired - 1 { end } else { (start as f64 + i as f64 * step) as u64 })
        .collect();
    indices.dedup();
    Ok((indices, format!("fps {}, at most {num_frames} frames", trimmed(fps, 3))))
}

/// Plans a clip for SmolVLM2.
pub fn plan(model: &'static str, spec: &SmolVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    let (indices, sampling) = sample(spec, clip, o)?;
    let k = indices.len() as u64;
    let words = number_words(k).ok_or_else(|| VideoError::InvalidOption {
        name: "num_frames",
        reason: format!("vistok counts SmolVLM2's intro for 1 to 128 frames (its number in words), not {k}"),
    })?;
    let seconds = clip.duration_s.trunc() as u64;
    if seconds >= 86_400 {
        return Err(VideoError::BadClip(
            "SmolVLM2's intro writes a day or more as \"1 day, ...\", which vistok does not count".into(),
        ));
    }
    let per_frame = u64::from(spec.tokens);
    let mut runs: Vec<Run> = Vec::new();
    push_run(&mut runs, "text", "intro", 21 + words + clock(seconds).len() as u64);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let mut groups = Vec::with_capacity(sampled.len());
    for (i, f) in sampled.iter().enumerate() {
        let (m, s) = ((f.time_s / 60.0).floor() as u64, (f.time_s % 60.0).trunc() as u64);
        let text = format!("Frame from {m:02}:{s:02}:");
        let label = if m >= 100 { 11 } else { 10 };
        push_run(&mut runs, "text", "frame time", label);
        push_run(&mut runs, "delimiter", "<fake_token_around_image><global-img>", 2);
        push_run(&mut runs, "feature", "<image>", per_frame);
        push_run(&mut runs, "delimiter", "<fake_token_around_image>", 1);
        groups.push(Group { frames: vec![i], text: Some(text), text_tokens: label + 3, tokens: per_frame });
    }
    push_run(&mut runs, "text", "outro", 1);
    let pooled = (f64::from(spec.tokens)).sqrt() as u32;
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling,
        sampled,
        frame_size: Size::new(spec.side, spec.side),
        patch_grid: Grid::new(spec.side / spec.patch, spec.side / spec.patch),
        token_grid: Grid::new(pooled, pooled),
        temporal_patch: 1,
        groups,
        frames_sampled: k,
        feature_tokens: per_frame * k,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes: vec![
            "Approximate: the 2.2B checkpoint's video sampling (1 fps, at most 64 frames) is its smaller siblings', \
             not read from its own file."
                .to_owned(),
        ],
    })
}
