//! Video: how a clip becomes tokens. A [`Clip`] (frame size, source frame rate, duration, frame
//! count) and a model's video spec give a [`VideoPlan`]: the frames sampled and their timestamps,
//! each frame's resize, the temporal groups, the tokens per group, the text between groups, and
//! the totals. Each family follows its `transformers` video processor and processor (cited in
//! its module); where serving stacks sample differently, a [`Preset`] names whose defaults apply.

pub mod budget;
pub mod ernie;
pub mod framed;
pub mod glm;
pub mod kimi;
pub mod minicpm;
pub mod molmo;
pub mod nemotron;
pub mod ovis;
pub mod pooled;
pub mod qwen;
pub mod smol;
pub mod vllm;

use serde::Serialize;

use super::decimal::trimmed;
use super::geometry::{Grid, Size};
use super::models::Model;

/// The most frames any clip may declare (ten hours at 1,000 fps): past it a count is no longer
/// about a real clip.
pub const MAX_SOURCE_FRAMES: u64 = 36_000_000;
/// The most frames a plan samples: past it the answer is an error, not a plan of a million frames.
pub const MAX_SAMPLED_FRAMES: u64 = 1_000_000;

/// A video as a decoder describes it (`transformers.video_utils.VideoMetadata`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Clip {
    /// Each frame's size as decoded.
    pub size: Size,
    /// The source's average frame rate.
    pub fps: f64,
    pub duration_s: f64,
    /// Frames in the file (`total_num_frames`).
    pub frames: u64,
}

/// Why a clip or a video request cannot be counted.
#[derive(Clone, Debug, PartialEq)]
pub enum VideoError {
    /// Size, frame rate, duration or frame count out of range.
    BadClip(String),
    /// The model's processor (or API) takes no video.
    NoVideo { model: &'static str },
    /// The model's processor takes video, but vistok does not follow its video path yet (`class`).
    VideoNotYet { model: &'static str, class: &'static str },
    /// An option the video processor does not have, or a value it cannot take.
    InvalidOption { name: &'static str, reason: String },
    /// Without `fps` or `num_frames`, this processor does not sample (`knob`: what to set).
    NoSamplingDefault { model: &'static str, common: &'static str },
    /// The processor itself refuses the clip with these options.
    ProcessorRefuses(String),
    /// A frame's resize fails (the image rules: aspect ratio, sizes).
    Frame(super::EngineError),
}

impl std::fmt::Display for VideoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BadClip(why) => write!(f, "the clip cannot be counted: {why}"),
            Self::NoVideo { model } => write!(
                f,
                "{model} takes no video: its processor has no video input (send frames as images instead); \
                 video is counted for {}",
                super::catalogue::video::IDS.join(", ")
            ),
            Self::VideoNotYet { model, class } => write!(
                f,
                "{model} takes video ({class}), but vistok does not count its video yet; video is counted for {}",
                super::catalogue::video::IDS.join(", ")
            ),
            Self::InvalidOption { name, reason } => write!(f, "video option {name:?}: {reason}"),
            Self::NoSamplingDefault { model, common } => write!(
                f,
                "{model}'s video processor has no default frame rate or frame count, so transformers does \
                 not sample this clip: set \"fps\" or \"num_frames\" (or a preset); {common}"
            ),
            Self::ProcessorRefuses(why) => write!(f, "the video processor refuses this clip: {why}"),
            Self::Frame(e) => write!(f, "each sampled frame: {e}"),
        }
    }
}

impl std::error::Error for VideoError {}

impl Clip {
    /// A clip of `duration_s` seconds at `fps`: `round(fps x duration)` frames, as a file of that
    /// length and rate holds.
    pub fn new(size: Size, fps: f64, duration_s: f64) -> Result<Self, VideoError> {
        check_rate(fps, duration_s)?;
        let frames = (fps * duration_s).round();
        if frames > MAX_SOURCE_FRAMES as f64 {
            return Err(too_many(frames));
        }
        Self::with_frames(size, fps, duration_s, (frames as u64).max(1))
    }

    /// A clip whose frame count is known (a container's).
    pub fn with_frames(size: Size, fps: f64, duration_s: f64, frames: u64) -> Result<Self, VideoError> {
        super::error::check_size(size).map_err(|e| VideoError::BadClip(e.to_string()))?;
        check_rate(fps, duration_s)?;
        if frames == 0 {
            return Err(VideoError::BadClip("it has no frames".into()));
        }
        if frames > MAX_SOURCE_FRAMES {
            return Err(too_many(frames as f64));
        }
        Ok(Self { size, fps, duration_s, frames })
    }
}

fn check_rate(fps: f64, duration_s: f64) -> Result<(), VideoError> {
    if !(fps.is_finite() && fps > 0.0) {
        return Err(VideoError::BadClip(format!("a frame rate must be above 0 fps, got {fps}")));
    }
    if fps > 1000.0 {
        return Err(VideoError::BadClip(format!(
            "{} fps is not a video frame rate (vistok takes up to 1,000 fps)",
            trimmed(fps, 3)
        )));
    }
    if !(duration_s.is_finite() && duration_s > 0.0) {
        return Err(VideoError::BadClip(format!("a duration must be above 0 s, got {duration_s}")));
    }
    Ok(())
}

fn too_many(frames: f64) -> VideoError {
    VideoError::BadClip(format!(
        "{frames:.0} frames is more than vistok counts ({MAX_SOURCE_FRAMES}: ten hours at 1,000 fps)"
    ))
}

/// Whose defaults sample the clip when the request does not say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// The checkpoint's `transformers` video processor with frame sampling on.
    #[default]
    Transformers,
    /// `qwen-vl-utils` (Qwen's own loader; `fetch_video` then the processor without sampling).
    QwenVlUtils,
    /// vLLM 0.34.0's default video loader for the checkpoint (no `media_io_kwargs`), then the
    /// processor on the frames it read (`vllm/multimodal/video.py` at commit 62d4bc3c7).
    Vllm,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Transformers, Preset::QwenVlUtils, Preset::Vllm];

    pub fn name(self) -> &'static str {
        match self {
            Self::Transformers => "transformers",
            Self::QwenVlUtils => "qwen-vl-utils",
            Self::Vllm => "vllm",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// What a request may set; unset values are the preset's (or the checkpoint's).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct VideoOptions {
    pub preset: Preset,
    /// Frames to sample per second of video.
    pub fps: Option<f64>,
    /// Frames to sample in all (exclusive with `fps`).
    pub num_frames: Option<u64>,
    pub min_frames: Option<u64>,
    pub max_frames: Option<u64>,
    /// Per-frame pixel limits (the video processor's `size` shortest/longest edge).
    pub min_pixels: Option<u64>,
    pub max_pixels: Option<u64>,
    /// A pixel budget shared by all frames (qwen-vl-utils' `total_pixels`).
    pub total_pixels: Option<u64>,
    /// Tokens per frame at most (Gemma 4's `max_soft_tokens`).
    pub max_soft_tokens: Option<u64>,
}

/// One sampled frame: its index in the file and its time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Frame {
    pub index: u64,
    pub time_s: f64,
}

/// Frames that enter the encoder together (a temporal patch), and what the sequence holds for them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// Indices into [`VideoPlan::sampled`] (a padded group repeats the last frame).
    pub frames: Vec<usize>,
    /// Text before the group's tokens (a timestamp), if any, and its token count.
    pub text: Option<String>,
    pub text_tokens: u64,
    /// Feature tokens of the group.
    pub tokens: u64,
}

/// A run of the video's span of the sequence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    /// "feature", "delimiter" or "text".
    pub kind: &'static str,
    pub text: String,
    pub count: u64,
}

/// Everything between a clip and its tokens.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VideoPlan {
    pub model: &'static str,
    pub clip: Clip,
    pub preset: Preset,
    /// The sampling values in force (after options and the preset), as the processor took them.
    pub sampling: String,
    pub sampled: Vec<Frame>,
    /// Each sampled frame's size after the processor's resize.
    pub frame_size: Size,
    /// Each frame's ViT patch grid, and the token grid after merging or pooling.
    pub patch_grid: Grid,
    pub token_grid: Grid,
    /// Frames per temporal group (1 where frames are encoded alone).
    pub temporal_patch: u32,
    pub groups: Vec<Group>,
    pub frames_sampled: u64,
    pub feature_tokens: u64,
    pub tokens_in_sequence: u64,
    /// The span in order, runs of the same kind and text joined.
    pub runs: Vec<Run>,
    pub notes: Vec<String>,
}

impl VideoPlan {
    /// The text tokens of the span (timestamps, delimiters, words).
    pub fn text_tokens(&self) -> u64 {
        self.tokens_in_sequence - self.feature_tokens
    }
}

/// Appends a run, joining it to the last when kind and text match.
pub(crate) fn push_run(runs: &mut Vec<Run>, kind: &'static str, text: &str, count: u64) {
    if count == 0 {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.kind == kind && last.text == text => last.count += count,
        _ => runs.push(Run { kind, text: text.to_owned(), count }),
    }
}

/// How a checkpoint takes video: its family's values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VideoSpec {
    Qwen(qwen::QwenVideo),
    Pooled(pooled::PooledVideo),
    Framed(framed::FramedVideo),
    Smol(smol::SmolVideo),
    Glm(glm::GlmVideo),
    Budget(budget::BudgetVideo),
    Ernie(ernie::ErnieVideo),
    Molmo(molmo::MolmoVideo),
    Ovis(ovis::OvisVideo),
    Kimi(kimi::KimiVideo),
    Nemotron(nemotron::NemotronVideo),
    MiniCpm(minicpm::MiniCpmVideo),
}

impl VideoSpec {
    /// The checkpoint's default sampling rate, if it sets one.
    pub fn default_fps(&self) -> Option<f64> {
        match self {
            Self::Qwen(q) => q.fps,
            Self::Pooled(_) | Self::Framed(_) => None,
            Self::Smol(s) => Some(s.fps),
            Self::Glm(g) => g.default_fps(),
            Self::Budget(_) | Self::Ernie(_) | Self::Molmo(_) | Self::Ovis(_) | Self::Nemotron(_) => None,
            Self::MiniCpm(_) => None,
            Self::Kimi(k) => Some(k.fps),
        }
    }

    /// Whether the processor samples at a rate a request sets (Gemma 4's and Molmo2's set a frame
    /// count that excludes one).
    pub fn takes_rate(&self) -> bool {
        !matches!(self, Self::Budget(_) | Self::Molmo(_))
    }

    /// Where the values come from.
    pub fn source(&self) -> &'static str {
        match self {
            Self::Qwen(q) => q.source,
            Self::Pooled(p) => p.source,
            Self::Framed(f) => f.source,
            Self::Smol(s) => s.source,
            Self::Glm(g) => g.source,
            Self::Budget(b) => b.source,
            Self::Ernie(e) => e.source,
            Self::Molmo(m) => m.source,
            Self::Ovis(v) => v.source,
            Self::Kimi(k) => k.source,
            Self::Nemotron(n) => n.source,
            Self::MiniCpm(m) => m.source,
        }
    }
}

/// How a model takes video, or `None` for a model whose processor has no video input.
pub fn spec_of(model: &Model) -> Option<&'static VideoSpec> {
    super::catalogue::video::spec(model.id)
}

/// Plans how `model` turns `clip` into tokens.
pub fn plan(clip: &Clip, model: &'static Model, options: &VideoOptions) -> Result<VideoPlan, VideoError> {
    use super::catalogue::video::Support;
    let spec = match super::catalogue::video::support(model.id) {
        Support::Counted(spec) => spec,
        Support::NotYet(class) => return Err(VideoError::VideoNotYet { model: model.id, class }),
        Support::None => return Err(VideoError::NoVideo { model: model.id }),
    };
    let presets = super::catalogue::video::presets(model.id);
    if !presets.contains(&options.preset) {
        let offered: Vec<&str> = presets.iter().map(|p| p.name()).collect();
        let why = match options.preset {
            Preset::QwenVlUtils => "is Qwen's own loader",
            Preset::Vllm => "is followed for the checkpoints whose vLLM loader vistok has read",
            Preset::Transformers => "",
        };
        return Err(VideoError::InvalidOption {
            name: "preset",
            reason: format!("{} {why}; this model offers {}", options.preset.name(), offered.join(", ")),
        });
    }
    if options.preset == Preset::Vllm {
        refuse_unset_knobs(options, VLLM_KNOBS)?;
        if options.fps.is_some() || options.num_frames.is_some() {
            return Err(VideoError::InvalidOption { name: "preset", reason: VLLM_KNOBS.into() });
        }
    }
    if options.max_soft_tokens.is_some() && !matches!(spec, VideoSpec::Budget(_)) {
        return Err(VideoError::InvalidOption {
            name: "max_soft_tokens",
            reason: "is Gemma 4's per-frame token budget; this model's video processor has none".into(),
        });
    }
    match spec {
        VideoSpec::Qwen(spec) => qwen::plan(model.id, spec, clip, options),
        VideoSpec::Pooled(spec) => pooled::plan(model.id, spec, clip, options),
        VideoSpec::Framed(spec) => framed::plan(model.id, spec, clip, options),
        VideoSpec::Smol(spec) => smol::plan(model.id, spec, clip, options),
        VideoSpec::Glm(spec) => glm::plan(model.id, spec, clip, options),
        VideoSpec::Budget(spec) => budget::plan(model.id, spec, clip, options),
        VideoSpec::Ernie(spec) => ernie::plan(model.id, spec, clip, options),
        VideoSpec::Molmo(spec) => molmo::plan(model.id, spec, clip, options),
        VideoSpec::Ovis(spec) => ovis::plan(model.id, spec, clip, options),
        VideoSpec::Kimi(spec) => kimi::plan(model.id, spec, clip, options),
        VideoSpec::Nemotron(spec) => nemotron::plan(model.id, spec, clip, options),
        VideoSpec::MiniCpm(spec) => minicpm::plan(model, spec, clip, options),
    }
}

/// Why the vLLM preset takes no knobs.
const VLLM_KNOBS: &str = "the vllm preset is vLLM's default loader as `vllm serve` runs it with no media_io_kwargs or \
     mm_processor_kwargs; set sampling values with the transformers preset";

/// Refuses the knobs a family's video processor does not have (`why` says what it does instead).
pub(crate) fn refuse_unset_knobs(o: &VideoOptions, why: &str) -> Result<(), VideoError> {
    let knobs = [
        ("min_frames", o.min_frames),
        ("max_frames", o.max_frames),
        ("min_pixels", o.min_pixels),
        ("max_pixels", o.max_pixels),
        ("total_pixels", o.total_pixels),
    ];
    match knobs.into_iter().find(|(_, set)| set.is_some()) {
        Some((name, _)) => Err(VideoError::InvalidOption { name, reason: why.to_owned() }),
        None => Ok(()),
    }
}

/// `torch.arange(start, end, step).int()` as torch's CPU kernel computes it: the length is
/// `ceil((end - start) / step)` in double precision; the values are float32 (the default dtype),
/// computed in double and rounded, except in the vectorised part of the loop (the first whole
/// 16 values at a time), where each lane adds `(j - b) x step` to its block's first value `b`
/// (8 lanes) rounded to float32 first; then truncated toward zero.
pub(crate) fn torch_arange_int(start: f64, end: f64, step: f64) -> Vec<u64> {
    let len = ((end - start) / step).ceil().max(0.0) as u64;
    let vectorised = len / 16 * 16;
    (0..len)
        .map(|j| {
            let v = if j < vectorised {
                let b = j / 8 * 8;
                (f64::from((start + step * b as f64) as f32) + (j - b) as f64 * step) as f32
            } else {
                (start + step * j as f64) as f32
            };
            v.trunc().max(0.0) as u64
        })
        .collect()
}

/// Refuses indices past the clip: torch's float32 `arange` now and then yields one equal to the frame
/// count, and the real processor's `video[indices]` then fails (a meta tensor would not notice).
pub(crate) fn within_clip(indices: Vec<u64>, frames: u64) -> Result<Vec<u64>, VideoError> {
    match indices.iter().find(|&&i| i >= frames) {
        Some(&bad) => Err(VideoError::ProcessorRefuses(format!(
            "index {bad} is out of bounds for dimension 0 with size {frames} (torch's float32 arange gives one \
             frame too many for this clip length, and the real processor fails on it)"
        ))),
        None => Ok(indices),
    }
}

impl VideoOptions {
    /// The options of a JSON object: `preset` (a [`Preset`] name), `fps` (a number), and the whole
    /// numbers `num_frames`, `min_frames`, `max_frames`, `min_pixels`, `max_pixels`,
    /// `total_pixels`, `max_soft_tokens`. Anything else, or a value of the wrong kind, is refused by name.
    pub fn from_json(map: &serde_json::Map<String, serde_json::Value>) -> Result<Self, VideoError> {
        let mut o = Self::default();
        for (key, value) in map {
            let whole = |name: &'static str| -> Result<Option<u64>, VideoError> {
                value.as_u64().filter(|&v| v > 0).map(Some).ok_or_else(|| VideoError::InvalidOption {
                    name,
                    reason: format!("expected a whole number above 0, got {value}"),
                })
            };
            match key.as_str() {
                "preset" => {
                    let name = value.as_str().unwrap_or_default();
                    o.preset = Preset::parse(name).ok_or_else(|| VideoError::InvalidOption {
                        name: "preset",
                        reason: format!("unknown preset {value} (known: {})", Preset::ALL.map(Preset::name).join(", ")),
                    })?;
                }
                "fps" => {
                    let fps = value.as_f64().filter(|f| f.is_finite() && *f > 0.0 && *f <= 1000.0);
                    o.fps = Some(fps.ok_or_else(|| VideoError::InvalidOption {
                        name: "fps",
                        reason: format!("expected frames per second above 0 and at most 1000, got {value}"),
                    })?);
                }
                "num_frames" => o.num_frames = whole("num_frames")?,
                "min_frames" => o.min_frames = whole("min_frames")?,
                "max_frames" => o.max_frames = whole("max_frames")?,
                "min_pixels" => o.min_pixels = whole("min_pixels")?,
                "max_pixels" => o.max_pixels = whole("max_pixels")?,
                "total_pixels" => o.total_pixels = whole("total_pixels")?,
                "max_soft_tokens" => o.max_soft_tokens = whole("max_soft_tokens")?,
                other => {
                    return Err(VideoError::InvalidOption {
                        name: "options",
                        reason: format!(
                            "unknown video option {other:?} (known: preset, fps, num_frames, min_frames, \
                             max_frames, min_pixels, max_pixels, total_pixels, max_soft_tokens)"
                        ),
                    });
                }
            }
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::find;

    fn qwen3() -> &'static Model {
        find("Qwen/Qwen3-VL-8B-Instruct").unwrap()
    }

    #[test]
    fn clips_no_camera_makes_are_refused_by_name_and_extreme_real_ones_counted() {
        let hd = Size::new(1920, 1080);
        for (fps, secs, what) in [
            (0.0, 10.0, "above 0 fps"),
            (1e6, 10.0, "not a video frame rate"),
            (30.0, 0.0, "duration must be above 0"),
            (30.0, -5.0, "duration must be above 0"),
            (f64::NAN, 1.0, "above 0 fps"),
            (1000.0, 40_000.0, "more than vistok counts"),
        ] {
            let e = Clip::new(hd, fps, secs).unwrap_err();
            assert!(e.to_string().contains(what), "{fps} fps {secs} s: {e}");
        }
        assert!(Clip::new(Size::new(0, 1080), 30.0, 1.0).is_err());
        // Ten hours at 30 fps, and a 16K frame: exact counts, no error.
        let long = Clip::new(hd, 30.0, 36_000.0).unwrap();
        let plan = plan(&long, qwen3(), &VideoOptions::default()).unwrap();
        assert_eq!((long.frames, plan.frames_sampled), (1_080_000, 768));
        let sixteen_k = Clip::new(Size::new(15_360, 8_640), 24.0, 10.0).unwrap();
        let p = plan_16k(&sixteen_k);
        assert!(p.tokens_in_sequence > 0 && p.frame_size.area() <= 25_165_824 / 20 * 2, "{}", p.frame_size);
        // Every frame of a ten-hour clip for LLaVA-OneVision: over a million frames is refused with
        // the knob to set; a thousand frames an hour is counted.
        let ov = find("llava-hf/llava-onevision-qwen2-7b-ov-hf").unwrap();
        let e = super::plan(&Clip::new(hd, 60.0, 36_000.0).unwrap(), ov, &VideoOptions::default()).unwrap_err();
        assert!(e.to_string().contains("set fps or num_frames"), "{e}");
    }

    #[test]
    fn a_model_without_video_says_whether_its_processor_takes_none_or_vistok_does_not_follow_it_yet() {
        let clip = Clip::new(Size::new(1280, 720), 30.0, 10.0).unwrap();
        let o = VideoOptions::default();
        let e = plan(&clip, find("google/paligemma-3b-pt-224").unwrap(), &o).unwrap_err();
        assert!(matches!(e, VideoError::NoVideo { .. }) && e.to_string().contains("takes no video"), "{e}");
        let e = plan(&clip, find("google/gemini-3-pro").unwrap(), &o).unwrap_err();
        assert!(e.to_string().contains("Gemini API") && e.to_string().contains("does not count"), "{e}");
        // Every checkpoint is in exactly one place: counted, pending, or without video; the pending
        // ones are real catalogue entries.
        use crate::engine::catalogue::video::{Support, support};
        let pending = crate::engine::CATALOGUE.iter().filter(|m| matches!(support(m.id), Support::NotYet(_))).count();
        assert!(pending > 0, "{pending}");
        for id in crate::engine::catalogue::video::IDS {
            assert!(matches!(support(id), Support::Counted(_)) && find(id).is_some(), "{id}");
        }
    }

    #[test]
    fn an_index_torch_puts_past_the_clip_is_the_real_processors_error() {
        // Found by tests/video_properties.rs; transformers' Qwen2VLVideoProcessor samples index
        // 262077 of a 262077-frame clip here (scripts/golden_video.py reproduces it), and the real
        // `video[indices]` raises IndexError.
        let clip = Clip::new(Size::new(71, 1), 103.066_716_083_147_37, 2542.787_982_577_908).unwrap();
        let o = VideoOptions { num_frames: Some(198), ..VideoOptions::default() };
        let e = plan(&clip, find("Qwen/Qwen2-VL-7B-Instruct").unwrap(), &o).unwrap_err();
        assert!(
            matches!(e, VideoError::ProcessorRefuses(_)) && e.to_string().contains("index 262077 is out of bounds"),
            "{e}"
        );
    }

    #[test]
    fn presets_and_knobs_a_family_lacks_are_refused_by_name() {
        let clip = Clip::new(Size::new(1280, 720), 30.0, 10.0).unwrap();
        for id in [
            "llava-hf/llava-onevision-qwen2-7b-ov-hf",
            "OpenGVLab/InternVL3-8B-hf",
            "HuggingFaceTB/SmolVLM2-2.2B-Instruct",
        ] {
            let model = find(id).unwrap();
            let utils = VideoOptions { preset: Preset::QwenVlUtils, fps: Some(1.0), ..VideoOptions::default() };
            assert!(
                matches!(plan(&clip, model, &utils), Err(VideoError::InvalidOption { name: "preset", .. })),
                "{id}"
            );
            let capped = VideoOptions { fps: Some(1.0), max_pixels: Some(100_000), ..VideoOptions::default() };
            assert!(
                matches!(plan(&clip, model, &capped), Err(VideoError::InvalidOption { name: "max_pixels", .. })),
                "{id}"
            );
        }
        let qwen = VideoOptions { preset: Preset::QwenVlUtils, ..VideoOptions::default() };
        assert!(plan(&clip, find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap(), &qwen).is_ok());
    }

    fn plan_16k(clip: &Clip) -> VideoPlan {
        plan(clip, qwen3(), &VideoOptions::default()).unwrap()
    }

    #[test]
    fn a_clips_cost_grows_with_its_frames_and_is_always_an_estimate() {
        let gpu = &crate::engine::cost::GPUS[0];
        let model = find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
        let o = VideoOptions { fps: Some(2.0), ..VideoOptions::default() };
        let cost = |secs: f64| {
            let p = plan(&Clip::new(Size::new(1280, 720), 30.0, secs).unwrap(), model, &o).unwrap();
            let c = crate::engine::cost::of_video(&p, 20, gpu).unwrap();
            assert_eq!(c.prompt_tokens, p.tokens_in_sequence + 20);
            assert!(!c.measured);
            c
        };
        let (short, long) = (cost(5.0), cost(60.0));
        assert!(long.ttft_ms > short.ttft_ms * 5.0, "{} vs {}", long.ttft_ms, short.ttft_ms);
        assert!(long.kv_cache_bytes > short.kv_cache_bytes * 5);
        assert!(long.vision_ms > short.vision_ms);
    }
}
