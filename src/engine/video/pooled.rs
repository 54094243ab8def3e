//! Video as a stack of fixed-size frames, each pooled to a fixed count (LLaVA-OneVision,
//! LLaVA-NeXT-Video): every sampled frame is resized to the encoder's square (or its short side
//! resized and the centre cropped), its patch grid pooled 2x2 (rounding up), and the clip closed
//! by one newline feature where the model adds one (LLaVA-NeXT-Video's processor writes
//! `frames x (336/14)^2 / 4`, `processing_llava_next_video.py`). `models/llava_onevision/video_processing_llava_onevision.py`
//! samples with transformers' default sampler (`video_utils.default_sample_indices_fn`: `fps`
//! gives `max(1, int(n / fps_in x fps))` frames, `num_frames` that many, at `i x n // k`; neither,
//! every frame); `processing_llava_onevision.py` (`replace_video_token`) writes
//! `frames x ceil(sqrt(num_image_tokens) / 2)^2 + 1` video tokens and no text.

use crate::engine::decimal::trimmed;
use crate::engine::geometry::{Grid, Size};

use super::{Clip, Frame, Group, Run, VideoError, VideoOptions, VideoPlan, push_run};

/// A checkpoint's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PooledVideo {
    /// Each frame's square input, px.
    pub side: u32,
    pub patch: u32,
    /// The processor's `num_image_tokens` (the encoder's patch grid: 729 = 27 x 27).
    pub image_tokens: u32,
    /// Features after the last frame (the image newline).
    pub extra: u64,
    /// The placeholder the processor writes.
    pub placeholder: &'static str,
    /// Whether each frame's short side is resized to `side` and the rest centre-cropped (else the
    /// frame is squashed to the square).
    pub crop: bool,
    /// What is not pinned about the checkpoint's video values (said in every plan), if anything.
    pub unpinned: Option<&'static str>,
    pub source: &'static str,
}

/// `video_utils.default_sample_indices_fn` as a video processor with sampling on and no values of
/// its own calls it: `num_frames`, or `max(1, int(n / fps_in x fps))` for a rate, at `i x n // k`;
/// neither, every frame.
pub(crate) fn default_sample(clip: &Clip, o: &VideoOptions) -> Result<(Vec<u64>, String), VideoError> {
    let n = clip.frames;
    if o.fps.is_some() && o.num_frames.is_some() {
        return Err(VideoError::ProcessorRefuses(
            "`num_frames` and `fps` are mutually exclusive arguments, please use only one!".into(),
        ));
    }
    let (k, why) = match (o.num_frames, o.fps) {
        (Some(k), _) => (k, format!("num_frames {k}")),
        (None, Some(fps)) => (((n as f64 / clip.fps * fps).trunc() as u64).max(1), format!("fps {}", trimmed(fps, 3))),
        (None, None) => (n, "every frame (the checkpoint sets no fps or num_frames)".to_owned()),
    };
    if k > n {
        return Err(VideoError::ProcessorRefuses(format!(
            "When loading the video with num_frames={k}, the requested number of frames exceeds total_num_frames={n}"
        )));
    }
    if k > super::MAX_SAMPLED_FRAMES {
        return Err(VideoError::InvalidOption {
            name: "num_frames",
            reason: format!(
                "this samples {k} frames, more than vistok plans ({}); set fps or num_frames",
                super::MAX_SAMPLED_FRAMES
            ),
        });
    }
    let indices = if o.num_frames.is_none() && o.fps.is_none() {
        (0..n).collect()
    } else {
        (0..k).map(|i| (u128::from(i) * u128::from(n) / u128::from(k)) as u64).collect()
    };
    Ok((indices, why))
}

/// Plans a clip for a pooled-frame checkpoint.
pub fn plan(model: &'static str, spec: &PooledVideo, clip: &Clip, o: &VideoOptions) -> Result<VideoPlan, VideoError> {
    super::refuse_unset_knobs(o, "this video processor has no such value (each frame is resized to its square)")?;
    let (indices, sampling) = match o.preset {
        super::Preset::Vllm => (super::vllm::opencv(clip), "vLLM 0.34's opencv loader: 32 frames".to_owned()),
        _ => default_sample(clip, o)?,
    };
    let k = indices.len() as u64;
    let side = (f64::from(spec.image_tokens)).sqrt() as u32;
    let pooled = side.div_ceil(2);
    let per_frame = u64::from(pooled) * u64::from(pooled);
    let sampled: Vec<Frame> = indices.iter().map(|&i| Frame { index: i, time_s: i as f64 / clip.fps }).collect();
    let groups: Vec<Group> =
        (0..k as usize).map(|i| Group { frames: vec![i], text: None, text_tokens: 0, tokens: per_frame }).collect();
    let mut runs: Vec<Run> = Vec::new();
    push_run(&mut runs, "feature", spec.placeholder, per_frame * k + spec.extra);
    let total = per_frame * k + spec.extra;
    let mut notes: Vec<String> = spec.unpinned.map(|u| format!("Approximate: {u}.")).into_iter().collect();
    if spec.crop && clip.size.width != clip.size.height {
        notes.push(format!(
            "Each frame's short side is resized to {} px and its centre cropped to {0}x{0}: the long side's edges \
             are cut, not squashed.",
            spec.side
        ));
    }
    if o.fps.is_none() && o.num_frames.is_none() && o.preset != super::Preset::Vllm {
        notes.push(format!(
            "This checkpoint's processor sets no frame rate or count: with sampling on, transformers encodes \
             all {k} frames. Its model card samples 8 (num_frames=8)."
        ));
    }
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
        feature_tokens: total,
        tokens_in_sequence: total,
        runs,
        notes,
    })
}
