//! Nemotron 3 Omni's video path (`models/nemotron_h_omni/video_processing_nemotron_h_omni.py`,
//! `processing_nemotron_h_omni.py`): with sampling on, transformers' default sampler (every frame
//! unless a rate or count is set; the checkpoint sets none); one patch grid for the whole clip
//! from its aspect ratio (about `video_target_num_patches` 16-px patches, frames up- or
//! downscaled to it); tubelets of 2 frames, 2x2 patches to a token; each tubelet written
//! `Frame i sampled at t seconds and frame i+1 sampled at t' seconds: <img>` + tokens + `</img>`,
//! tubelets joined by newlines.

use crate::engine::geometry::{Grid, Size};
use crate::engine::pymath;

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NemotronVideo {
    pub patch: u32,
    /// Patches merged a side into one token (`1 / downsample_ratio`).
    pub merge: u32,
    pub temporal: u32,
    pub target_patches: u32,
    pub unpinned: &'static str,
    pub source: &'static str,
}

/// `_compute_target_patches` with the aspect ratio kept: the patch grid (rows, cols).
fn patch_grid(size: Size, target: u32) -> (u32, u32) {
    let aspect = f64::from(size.width) / f64::from(size.height.max(1));
    let t = f64::from(target);
    let ph = (pymath::round((t / aspect).sqrt()) as u32).max(1);
    let pw = (pymath::round((t * aspect).sqrt()) as u32).max(1);
    let (ph_up, pw_up) = (ph + ph % 2, pw + pw % 2);
    if u64::from(ph_up) * u64::from(pw_up) <= u64::from(target) {
        (ph_up, pw_up)
    } else {
        ((ph - ph % 2).max(2), (pw - pw % 2).max(2))
    }
}

fn digits(v: u64) -> u64 {
    v.to_string().len() as u64
}

/// Plans a clip for Nemotron 3 Omni.
pub fn plan(model: &'static str, spec: &NemotronVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(o, "Nemotron's video processor has no such value (one patch grid for the whole clip)")?;
    let (indices, sampling) = super::pooled::default_sample(clip, o)?;
    let (ph, pw) = patch_grid(clip.size, spec.target_patches);
    let patch_grid = Grid::new(pw, ph);
    let token_grid = Grid::new(pw / spec.merge, ph / spec.merge);
    let per = u64::from(ph) * u64::from(pw) / u64::from(spec.merge * spec.merge);
    // With sampling on, each frame's time is its index times whole milliseconds a frame.
    let ms = (1000.0 / clip.fps).trunc() as u64;
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: (i * ms) as f64 / 1000.0 }).collect();
    let n = sampled.len();
    let t = spec.temporal as usize;
    let mut runs: Vec<Run> = Vec::new();
    let mut groups = Vec::new();
    for g in 0..n.div_ceil(t) {
        let members: Vec<usize> = (g * t..((g + 1) * t).min(n)).collect();
        let labels: Vec<String> = members
            .iter()
            .map(|&i| {
                format!(
                    "{} {} sampled at {:.2} seconds",
                    if i == g * t { "Frame" } else { "frame" },
                    i + 1,
                    sampled[i].time_s
                )
            })
            .collect();
        let text = format!("{}: ", labels.join(" and "));
        // In Tekken's BPE (not pinned): Frame, ' ', the number's digits, ' sampled', ' at', ' ', the
        // seconds' whole digits, '.', two digits, ' seconds'; ' and' between two; ':' and ' '; '\n'.
        let words: u64 = members
            .iter()
            .map(|&i| {
                let whole = format!("{:.2}", sampled[i].time_s);
                let whole = whole.split('.').next().unwrap_or("0").len() as u64;
                9 + digits(i as u64 + 1) + whole
            })
            .sum::<u64>()
            + u64::from(members.len() == 2)
            + 2
            + u64::from(g > 0);
        push_run(&mut runs, "text", "frame labels", words);
        push_run(&mut runs, "delimiter", "<img>", 1);
        push_run(&mut runs, "feature", "<image>", per);
        push_run(&mut runs, "delimiter", "</img>", 1);
        groups.push(Group { frames: members, text: Some(text), text_tokens: words + 2, tokens: per });
    }
    let feature_tokens = per * groups.len() as u64;
    let mut notes = vec![format!("Approximate: {}.", spec.unpinned)];
    if o.fps.is_none() && o.num_frames.is_none() {
        notes.push(format!(
            "The checkpoint sets no frame rate or count: all {n} frames are encoded (set fps or num_frames; \
             transformers needs do_sample_frames=True for them)."
        ));
    }
    if !n.is_multiple_of(t) {
        notes.push("An odd number of frames: the last frame is repeated to fill its tubelet.".to_owned());
    }
    Ok(VideoPlan {
        model,
        clip: *clip,
        preset: o.preset,
        sampling,
        sampled,
        frame_size: Size::new(pw * spec.patch, ph * spec.patch),
        patch_grid,
        token_grid,
        temporal_patch: spec.temporal,
        groups,
        frames_sampled: n as u64,
        feature_tokens,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes,
    })
}
