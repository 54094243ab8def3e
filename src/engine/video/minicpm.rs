//! MiniCPM-V 4.6's video path (`models/minicpmv4_6/video_processing_minicpmv4_6.py`,
//! `processing_minicpmv4_6.py`): one frame per started second of a clip up to `max_num_frames`
//! (128) seconds, else a 0.1-s grid thinned to 128 frames; each frame sliced and counted as the
//! image path slices an image of its size (a source view and up to `max_slice_nums` slices, with
//! no image id of its own); the whole clip prefixed once by `<image_id>0</image_id>`.

use crate::engine::geometry::{Grid, Size};
use crate::engine::{Model, Options};

use super::glm::linspace_int;
use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MiniCpmVideo {
    pub max_frames: u64,
    pub patch: u32,
    pub source: &'static str,
}

/// `sample_frames` without stacked frames.
fn sample(clip: &Clip, most: u64) -> Result<Vec<u64>, VideoError> {
    let (n, f, d) = (clip.frames, clip.fps, clip.duration_s);
    let indices: Vec<u64> = if d > most as f64 {
        let main: Vec<u64> =
            (0..(d / 0.1).trunc() as u64).map(|i| ((i as f64 / 10.0 * f).trunc() as u64).min(n - 1)).collect();
        if main.len() as u64 > most {
            linspace_int(0, main.len() as u64 - 1, most).into_iter().map(|j| main[j as usize]).collect()
        } else {
            main
        }
    } else {
        (0..d.ceil() as u64).map(|i| (i as f64 * f).trunc() as u64).collect()
    };
    if let Some(&bad) = indices.iter().find(|&&i| i >= n) {
        return Err(VideoError::ProcessorRefuses(format!(
            "index {bad} is out of bounds for dimension 0 with size {n} (the second's frame lies past the clip's end)"
        )));
    }
    if indices.is_empty() {
        return Err(VideoError::ProcessorRefuses("torch.cat(): expected a non-empty list of Tensors".into()));
    }
    Ok(indices)
}

/// Plans a clip for MiniCPM-V 4.6.
pub fn plan(
    model: &'static Model,
    spec: &MiniCpmVideo,
    clip: &Clip,
    o: &VideoOptions,
) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(
        &VideoOptions { max_frames: None, ..*o },
        "MiniCPM-V's video processor has no such value (it slices each frame as the image path does)",
    )?;
    let most = o.max_frames.unwrap_or(spec.max_frames);
    let indices = sample(clip, most)?;
    let image = crate::engine::plan(clip.size, model, &Options::default().with("use_image_id", false))
        .map_err(VideoError::Frame)?;
    let (per_frame, per_frame_text) = (image.feature_tokens, image.tokens_in_sequence - image.feature_tokens);
    let source = image.views.first().map_or(image.frame, |v| v.input);
    let patch_grid = Grid::new(source.width / spec.patch, source.height / spec.patch);
    let token_grid = image.views.first().map_or(patch_grid, |v| v.token_grid);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let mut runs: Vec<Run> = Vec::new();
    push_run(&mut runs, "delimiter", "<image_id>", 1);
    push_run(&mut runs, "text", "0", 1);
    push_run(&mut runs, "delimiter", "</image_id>", 1);
    let mut groups = Vec::with_capacity(sampled.len());
    for i in 0..sampled.len() {
        push_run(&mut runs, "feature", "<|video_pad|>", per_frame);
        push_run(&mut runs, "delimiter", "slice delimiters and newlines", per_frame_text);
        groups.push(Group { frames: vec![i], text: None, text_tokens: per_frame_text, tokens: per_frame });
    }
    let k = sampled.len() as u64;
    let mut notes = vec![format!(
        "Each frame is sliced as an image of {} is ({} slices): {per_frame} tokens a frame.",
        clip.size,
        image.views.len().saturating_sub(1)
    )];
    if o.fps.is_some() || o.num_frames.is_some() {
        notes.push("MiniCPM-V's processor ignores fps and num_frames: it samples by seconds.".to_owned());
    }
    Ok(VideoPlan {
        model: model.id,
        clip: *clip,
        preset: o.preset,
        sampling: format!("one frame a started second up to {most} s, else {most} spread over a 0.1-s grid"),
        sampled,
        frame_size: Size::new(source.width, source.height),
        patch_grid,
        token_grid,
        temporal_patch: 1,
        groups,
        frames_sampled: k,
        feature_tokens: per_frame * k,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes,
    })
}
