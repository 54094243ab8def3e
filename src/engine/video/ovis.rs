//! Ovis2.5's video path (`models/ovis2_5/video_processing_ovis2_5.py`): with sampling on, transformers'
//! default sampler (every frame unless a rate or count is set; the checkpoint sets none); each frame
//! resized alone by Ovis' `smart_resize` (32-px blocks, the image path's), encoded alone (temporal
//! patch 1), 2x2 patches merged; the processor wraps the clip in
//! `<ovis_video_start>...<ovis_video_end>` (`processing_ovis2_5.py`, `replace_video_token`).

use crate::engine::geometry::{Grid, Size};
use crate::engine::resize;

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OvisVideo {
    pub patch: u32,
    pub merge: u32,
    /// Each frame's pixel limits (`size`).
    pub min_pixels: u64,
    pub max_pixels: u64,
    pub source: &'static str,
}

/// Plans a clip for Ovis2.5.
pub fn plan(model: &'static str, spec: &OvisVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(
        &VideoOptions { min_pixels: None, max_pixels: None, ..*o },
        "Ovis2.5's video processor has no such value (each frame is resized alone within min_pixels..max_pixels)",
    )?;
    let (indices, sampling) = super::pooled::default_sample(clip, o)?;
    let min_pixels = o.min_pixels.unwrap_or(spec.min_pixels);
    let max_pixels = o.max_pixels.unwrap_or(spec.max_pixels);
    let factor = spec.patch * spec.merge;
    let frame_size =
        resize::ovis_smart_resize(clip.size, factor, min_pixels, max_pixels, 200.0).map_err(VideoError::Frame)?;
    let patch_grid = Grid::new(frame_size.width / spec.patch, frame_size.height / spec.patch);
    let token_grid = Grid::new(patch_grid.cols / spec.merge, patch_grid.rows / spec.merge);
    let per_frame = u64::from(token_grid.cols) * u64::from(token_grid.rows);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let k = sampled.len() as u64;
    let groups: Vec<Group> =
        (0..sampled.len()).map(|i| Group { frames: vec![i], text: None, text_tokens: 0, tokens: per_frame }).collect();
    let mut runs: Vec<Run> = Vec::new();
    push_run(&mut runs, "delimiter", "<ovis_video_start>", 1);
    push_run(&mut runs, "feature", "<|video_pad|>", per_frame * k);
    push_run(&mut runs, "delimiter", "<ovis_video_end>", 1);
    let mut notes = Vec::new();
    if o.fps.is_none() && o.num_frames.is_none() {
        notes.push(format!(
            "The checkpoint sets no frame rate or count, and its video processor samples nothing by default: all {k} \
             frames are encoded (set fps or num_frames; transformers needs do_sample_frames=True for them)."
        ));
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
        temporal_patch: 1,
        groups,
        frames_sampled: k,
        feature_tokens: per_frame * k,
        tokens_in_sequence: runs.iter().map(|r| r.count).sum(),
        runs,
        notes,
    })
}
