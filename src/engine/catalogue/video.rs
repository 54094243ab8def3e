//! The video processors' values, one entry per checkpoint that takes video, each citing where its
//! values come from. A checkpoint missing here takes no video in vistok (its processor has no
//! video input, or its video path is not implemented yet: the error says which).

use crate::engine::video::budget::BudgetVideo;
use crate::engine::video::ernie::ErnieVideo;
use crate::engine::video::framed::FramedVideo;
use crate::engine::video::glm::{GlmSampler, GlmVideo};
use crate::engine::video::kimi::KimiVideo;
use crate::engine::video::minicpm::MiniCpmVideo;
use crate::engine::video::molmo::MolmoVideo;
use crate::engine::video::nemotron::NemotronVideo;
use crate::engine::video::ovis::OvisVideo;
use crate::engine::video::pooled::PooledVideo;
use crate::engine::video::qwen::{FrameResize, Layout, QwenVideo, Sampler};
use crate::engine::video::smol::SmolVideo;
use crate::engine::video::{Preset, VideoSpec};

/// Qwen2-VL's and Qwen2.5-VL's `Qwen2VLVideoProcessor`. The checkpoints ship no video config, so
/// transformers builds the video processor from `preprocessor_config.json`, whose `min_pixels` and
/// `max_pixels` become its `size`; the frame limits are the class's; no `fps` is set, and with
/// sampling on and neither `fps` nor `num_frames` given, `sample_frames` fails.
const QWEN2_VL: VideoSpec = VideoSpec::Qwen(QwenVideo {
    patch: 14,
    merge: 2,
    temporal: 2,
    min_pixels: 3136,
    max_pixels: 12_845_056,
    min_frames: 4,
    max_frames: 768,
    fps: None,
    sampler: Sampler::Arange,
    resize: FrameResize::PerFrame,
    layout: Layout::Wrapped,
    source: cite!(
        "preprocessor_config.json (no video_preprocessor_config.json; video_processing_utils.py falls back to it): \
         min_pixels 3136, max_pixels 12845056, temporal_patch_size 2; Qwen2VLVideoProcessor class: min_frames 4, \
         max_frames 768, fps None"
    ),
});

/// Qwen3-VL's and Qwen3.5's `Qwen3VLVideoProcessor` with the family's `video_preprocessor_config.json`:
/// size 4,096..25,165,824 px for the whole clip (12,288 tokens of 32x32 px per pair of frames at
/// most), 2 fps, 4 to 768 frames.
const QWEN3_VL: VideoSpec = VideoSpec::Qwen(QwenVideo {
    patch: 16,
    merge: 2,
    temporal: 2,
    min_pixels: 4096,
    max_pixels: 25_165_824,
    min_frames: 4,
    max_frames: 768,
    fps: Some(2.0),
    sampler: Sampler::Linspace,
    resize: FrameResize::AllFrames,
    layout: Layout::Timestamped,
    source: cite!(
        "video_preprocessor_config.json of the Qwen3-VL family (Qwen3-VL-2B-Instruct's processor as printed, the \
         same file quoted for the family): size shortest_edge 4096, longest_edge 25165824, fps 2, min_frames 4, \
         max_frames 768, do_sample_frames true; Qwen3.5's (Qwen3.5-4B's test fixture) sets the same size and \
         leaves the rest to the class, whose values are the same"
    ),
});

/// LLaVA-OneVision's `LlavaOnevisionVideoProcessor`: frames resized to 384x384 (the image
/// processor's size; the checkpoint sets no sampling), 27x27 patches pooled to 14x14, one newline.
const LLAVA_ONEVISION: VideoSpec = VideoSpec::Pooled(PooledVideo {
    side: 384,
    patch: 14,
    image_tokens: 729,
    extra: 1,
    placeholder: "<video>",
    crop: false,
    unpinned: None,
    source: cite!(
        "processor_config.json: num_image_tokens 729, video_token <video>; preprocessor_config.json (the video \
         processor falls back to it): size 384x384; no fps, num_frames or do_sample_frames set"
    ),
});

/// LLaVA-NeXT-Video-7B's `LlavaNextVideoVideoProcessor`: every frame's short side to 336 px, the
/// centre cropped to 336x336 (CLIP-336's values, as the converter builds the processors), 24x24
/// patches pooled 2x2 to 144 tokens, no newline and no text.
const LLAVA_NEXT_VIDEO: VideoSpec = VideoSpec::Pooled(PooledVideo {
    side: 336,
    patch: 14,
    image_tokens: 576,
    extra: 0,
    placeholder: "<video>",
    crop: true,
    unpinned: None,
    source: cite!(
        "convert_llava_next_video_weights_to_hf.py builds the video and image processors from CLIP ViT-L/14-336's \
         config (shortest_edge 336, crop 336x336); config.json: spatial_pool_stride 2, average; processor: \
         patch_size 14; no fps or num_frames set (the class's do_sample_frames false: every frame)"
    ),
});

/// InternVL3's `InternVLVideoProcessor`: each frame one 448x448 tile of 256 tokens, written
/// `Frame{i}: <img>...</img>`; the checkpoint sets no frame count or rate.
const INTERNVL3: VideoSpec = VideoSpec::Framed(FramedVideo {
    patch: 14,
    side: 448,
    tokens: 256,
    source: cite!(
        "processor: image_seq_length 256 (the project's image rows), video placeholder <video>; \
         preprocessor_config.json (the video processor falls back to it): size 448x448; no fps or num_frames set"
    ),
});

/// InternVL3.5-8B-HF: the same classes and values as InternVL3 (the HF converter writes both
/// checkpoints' processor files alike), Qwen3's vocabulary (Qwen2.5's BPE for this text).
const INTERNVL35: VideoSpec = VideoSpec::Framed(FramedVideo {
    source: cite!(
        "processor_config.json: image_seq_length 256 (a recorded load at revision 741a7d0); \
         preprocessor_config.json (the video processor falls back to it): size 448x448, the HF converter's, as \
         InternVL3-hf ships them; no fps or num_frames set"
    ),
    patch: 14,
    side: 448,
    tokens: 256,
});

/// SmolVLM2-2.2B's `SmolVLMVideoProcessor`, built from its preprocessor_config.json: frames
/// resized to 384x384 (`max_image_size`), 81 tokens each; `video_sampling` fps 1 and 64 frames at
/// most, as its 256M and 500M siblings' files set (the 2.2B file's own values are not pinned: the
/// plan says so).
const SMOLVLM2: VideoSpec = VideoSpec::Smol(SmolVideo {
    fps: 1.0,
    max_frames: 64,
    side: 384,
    patch: 14,
    tokens: 81,
    source: cite!(
        "preprocessor_config.json: max_image_size longest_edge 384, image_seq_len 81 (the project's image rows); \
         video_sampling fps 1, max_frames 64 from SmolVLM2-256M/500M-Video-Instruct's files (not pinned for 2.2B)"
    ),
});

/// What no GLM entry pins: GLM-4's own vocabulary (not readable here) for the timestamp text.
const GLM_TOKENS: &str = "the timestamps' tokens (counted as GLM-4's pre-tokenizer splits them: digits in \
     threes, '.' and ' seconds' one token each; GLM's vocabulary not read)";

/// GLM-4.1V-9B-Thinking's `Glm4vVideoProcessor`: 2 fps up to 300 s, the clip's pixels within
/// 12,544..47,040,000 (frames x height x width), timestamps in whole seconds.
const GLM41V_VALUES: GlmVideo = GlmVideo {
    patch: 14,
    merge: 2,
    temporal: 2,
    min_pixels: 12_544,
    max_pixels: 47_040_000,
    aligned: None,
    sampler: GlmSampler::Rate { fps: 2.0, max_duration: 300.0 },
    unpinned: GLM_TOKENS,
    source: cite!(
        "the loaded processor printed in vllm-project/vllm issue #22077 (GLM-4.1V-9B-Thinking): processor_class \
         Glm4vProcessor, video_processor Glm4vVideoProcessor with size shortest_edge 12544, longest_edge \
         47040000, fps 2, do_sample_frames true, patch_size 14, temporal_patch_size 2, merge_size 2 (the class's \
         values; max_duration 300 the class's)"
    ),
};
const GLM41V: VideoSpec = VideoSpec::Glm(GLM41V_VALUES);

/// GLM-4.5V: the same processor classes as GLM-4.1V (its model type maps to `Glm4vProcessor`;
/// released before `Glm46V*` existed); its own file's values not seen.
const GLM45V: VideoSpec = VideoSpec::Glm(GlmVideo {
    unpinned: "its video processor's values (GLM-4.1V's, which are the class's: the GLM-V README says both \
               models share identical multimodal preprocessing) and the timestamps' tokens (counted as GLM-4's \
               pre-tokenizer splits them; GLM's vocabulary not read)",
    source: cite!(
        "models/auto/processing_auto.py maps glm4v_moe to Glm4vProcessor; zai-org/GLM-V README: GLM-4.1V and \
         GLM-4.5V share identical multimodal preprocessing; values as GLM-4.1V-9B-Thinking's"
    ),
    ..GLM41V_VALUES
});

/// GLM-4.6V's `Glm46VVideoProcessor`: its own schedule (3, 1 or 0.5 fps by duration, in pairs,
/// 640 frames at most), the class's size, timestamps `12.5 seconds`.
const GLM46V: VideoSpec = VideoSpec::Glm(GlmVideo {
    patch: 14,
    merge: 2,
    temporal: 2,
    min_pixels: 12_544,
    max_pixels: 47_040_000,
    aligned: None,
    sampler: GlmSampler::Schedule,
    unpinned: "which video processor its config names (Glm46VVideoProcessor: derived checkpoints' configs and \
               vLLM PR #43575 say so) and its size (the class's 12544 / 47040000), and the timestamps' tokens \
               (counted as GLM-4's pre-tokenizer splits them; GLM's vocabulary not read)",
    source: cite!(
        "Glm46VVideoProcessor class values (size 12544 / 47040000, patch 14, temporal 2, merge 2); its config \
         names Glm46VProcessor / Glm46VVideoProcessor (cyankiwi/GLM-4.6V-AWQ-4bit's config fix rewrites those \
         names; mlx-vlm's glm4v port; vLLM PR #43575: GLM-4.6V-Flash reuses Glm46VProcessor)"
    ),
});

/// What no Gemma 4 entry pins: its own SentencePiece model is not published apart from the weights.
const GEMMA4_TOKENS: &str = "the timestamps' tokens (one per digit, ':' and space, as Gemma 3's vocabulary splits \
     them; Gemma 4's own, gemma4_cleaned_262144.model, not readable here)";

/// Gemma 4 E2B's `Gemma4VideoProcessor`: 32 frames, 70 soft tokens each (16-px patches the model
/// pools 3x3).
const GEMMA4_E2B: VideoSpec = VideoSpec::Budget(BudgetVideo {
    patch: 16,
    pool: 3,
    frames: 32,
    max_soft_tokens: 70,
    allowed: &[70, 140, 280, 560, 1120],
    grid_patch: 16,
    unpinned: GEMMA4_TOKENS,
    source: cite!(
        "processor_config.json's video_processor block as the converter writes it (convert_gemma4_weights.py \
         @0f3f0632: Gemma4VideoProcessor() with the class's values) and released copies show it: num_frames 32, \
         max_soft_tokens 70, patch_size 16, pooling_kernel_size 3, do_sample_frames true"
    ),
});

/// Gemma 4 12B's `Gemma4UnifiedVideoProcessor`: the same values; the processor merges 3x3 patches
/// into 48-px ones itself.
const GEMMA4_12B: VideoSpec = VideoSpec::Budget(BudgetVideo {
    patch: 16,
    pool: 3,
    frames: 32,
    max_soft_tokens: 70,
    allowed: &[70, 140, 280, 560, 1120],
    grid_patch: 48,
    unpinned: GEMMA4_TOKENS,
    source: cite!(
        "processor_config.json (a released copy: ollama.com library/gemma4:12b-mlx-bf16, blob 6b938e76555b): \
         processor_class Gemma4UnifiedProcessor, video_processor Gemma4UnifiedVideoProcessor with num_frames 32, \
         max_soft_tokens 70, patch_size 16, pooling_kernel_size 3, do_sample_frames true"
    ),
});

/// ERNIE 4.5 VL's `Ernie4_5_VLMoeVideoProcessor` with the class's values: 16 to 180 frames spread
/// over the clip (no rate), each frame within 234,416..937,664 px.
const ERNIE45_VL: VideoSpec = VideoSpec::Ernie(ErnieVideo {
    patch: 14,
    merge: 2,
    temporal: 2,
    min_pixels: 234_416,
    max_pixels: 937_664,
    min_frames: 16,
    max_frames: 180,
    source: cite!(
        "convert_ernie4_5_vl_moe_to_hf.py @19c5b132 builds Ernie4_5_VLMoeVideoProcessor(font=...) and sets nothing \
         else, so the checkpoint's values are the class's: size 299x28x28 / 1196x28x28 px a frame, patch 14, \
         temporal 2, merge 2, min_frames 16, max_frames 180, no fps, do_sample_frames true, draw_on_frames true; \
         the converter's chat template writes <|VIDEO_START|><|VIDEO_PLACEHOLDER|><|VIDEO_END|>"
    ),
});

/// Molmo2-8B's `Molmo2VideoProcessor`: up to 2 frames a second and the last, 384 at most, each
/// 378x378 pooled to 81 tokens; its timestamps in Qwen3's BPE (one token a character).
const MOLMO2: VideoSpec = VideoSpec::Molmo(MolmoVideo {
    side: 378,
    patch: 14,
    pool: 3,
    frames: 384,
    max_fps: 2.0,
    source: cite!(
        "video_preprocessor_config.json of Molmo2-8B (as re-uploaded at qunwang13/molmo2-8b, commit d2b88e4c, and \
         byte-identical in starkdmi/Molmo2-4B-4bit): size 378x378, patch_size 14, pooling_size [3,3], num_frames \
         384, max_fps 2.0, do_sample_frames true; processor_config.json (sunjuice/Molmo2-8B, a duplicate): \
         use_frame_special_tokens false, video_use_col_tokens false; Qwen3-8B's vocabulary (added_tokens.json \
         keeps Qwen3's ids)"
    ),
});

/// Ovis2.5-2B's `Ovis2_5VideoProcessor`: each frame within 448x448..1344x1792 px (the 2B's size,
/// as for its images), 32-px tokens, no sampling values of its own.
const OVIS25: VideoSpec = VideoSpec::Ovis(OvisVideo {
    patch: 16,
    merge: 2,
    min_pixels: 200_704,
    max_pixels: 2_408_448,
    source: cite!(
        "convert_ovis2_5_weights_to_hf.py @30cb8a3d builds Ovis2_5VideoProcessor(size={shortest_edge: 448*448, \
         longest_edge: 1344*1792}) for the 2B (MAX_PIXELS_BY_TEXT_HIDDEN_SIZE[2048]); the rest is the class's: \
         patch 16, temporal 1, merge 2, no fps or num_frames, do_sample_frames false (counted with sampling on, \
         as every family here)"
    ),
});

/// Kimi K2.6's `Kimi_K25VideoProcessor`: 2 fps, 4,096 patches a frame, chunks of 4 frames.
const KIMI_K26: VideoSpec = VideoSpec::Kimi(KimiVideo {
    patch: 14,
    merge: 2,
    chunk: 4,
    max_patches: 4096,
    max_side_patches: 512,
    fps: 2.0,
    unpinned: "the timestamps' tokens (HH, :, MM, :, SS, . and mmm, each counted as one token of Kimi's tiktoken \
               vocabulary, which is not readable here) and the word video (one token)",
    source: cite!(
        "Kimi_K25VideoProcessor class values (max_patches 4096, size 512x512 patches, patch 14, merge 2, \
         temporal_patch_size 4, fps 2, do_sample_frames true), equal to the K2.5/K2.6 media_proc_cfg as public \
         ports transcribe it (in_patch_limit_each_frame 4096, patch_limit_on_one_side 512, \
         temporal_merge_kernel_size 4, sample_fps 2.0); the converted processor's own video config not seen"
    ),
});

/// Nemotron 3 Omni's `NemotronH_Omni_Reasoning_V3VideoProcessor`: about 1,024 16-px patches a frame,
/// the aspect kept, tubelets of 2 frames.
const NEMOTRON_OMNI: VideoSpec = VideoSpec::Nemotron(NemotronVideo {
    patch: 16,
    merge: 2,
    temporal: 2,
    target_patches: 1024,
    unpinned: "the frame labels' tokens (counted in Mistral NeMo's Tekken BPE, whose layout Nemotron 3's \
               vocabulary shares: 131,072 ids, 1,000 special slots first; Nemotron's own tokenizer.json not \
               readable here) and whether <img> and </img> are single tokens",
    source: cite!(
        "preprocessor_config.json (as the image entry: patch_size 16, downsample_ratio 0.5, CLIP mean/std); \
         config.json as transcribed from the checkpoint in a public Megatron-Core design note: \
         video_target_num_patches 1024, video_maintain_aspect_ratio true, video_temporal_patch_size 2; no \
         fps, num_frames or do_sample_frames set (counted with sampling on)"
    ),
});

/// MiniCPM-V 4.6's `MiniCPMV4_6VideoProcessor`: a frame a second up to 128 s, each sliced as the
/// image entry slices an image.
const MINICPM_V46: VideoSpec = VideoSpec::MiniCpm(MiniCpmVideo {
    max_frames: 128,
    patch: 14,
    source: cite!(
        "openbmb's nested processor_config.json (openbmb/MiniCPM-V-4.6-BNB): video_processor max_num_frames 128, \
         stack_frames 1, max_slice_nums 9, scale_resolution 448, downsample_mode 16x, slice_mode true, \
         use_image_id true (the class's values; the main repo's preprocessor_config.json agrees)"
    ),
});

/// GLM-5.3-Flash's `Glm5NextVideoProcessor`: 2 fps (2,048 frames at most) by GLM-4.6V's frame walk,
/// 16..240,000 tokens over the clip, sides aligned up to 28 px and the frame padded.
const GLM53: VideoSpec = VideoSpec::Glm(GlmVideo {
    patch: 14,
    merge: 2,
    temporal: 2,
    min_pixels: 0,
    max_pixels: 0,
    aligned: Some((16, 240_000)),
    sampler: GlmSampler::Walk { fps: 2.0, max_frames: 2048 },
    unpinned: "the timestamps' tokens (counted as GLM-4's pre-tokenizer splits them; GLM-5.3's vocabulary not read) \
               and the chat template's <|begin_of_video|>...<|end_of_video|> around the clip (its \
               chat_template.jinja not read; the processor's token types assume it)",
    source: cite!(
        "video_processor config of GLM-5.3 as four public copies quote it (a transformers fork's test \
         OFFICIAL_VIDEO_CONFIG, the oMLX and vmlx tests, a Rust loader test): patch_size 14, \
         temporal_patch_size 2, merge_size 2, patch_expand_factor 1, min_image_tokens 16, max_image_tokens \
         240000, fps 2; the class's max_frames 2048 and max_duration 0; processor_class Glm5NextProcessor"
    ),
});

/// Perception LM 8B's `PerceptionLMVideoProcessor`: every frame squashed to one 448x448 tile,
/// 32x32 patches pooled 2x2 to 256 tokens, no text; no sampling values of its own.
const PERCEPTION_LM: VideoSpec = VideoSpec::Pooled(PooledVideo {
    side: 448,
    patch: 14,
    image_tokens: 1024,
    extra: 0,
    placeholder: "<|video|>",
    crop: false,
    unpinned: Some(
        "the 8B's video_preprocessor_config.json (the converter writes only its type and 448x448, which the \
         class's values complete; not read for the 8B)",
    ),
    source: cite!(
        "convert_perception_lm_weights_to_hf.py writes PerceptionLMVideoProcessor with size 448x448 (the 8B's tile) \
         and nothing else, so the class's values apply: no fps, num_frames or do_sample_frames (counted with \
         sampling on); hf-tiny-v2/tiny-random-PerceptionLMModel's video_preprocessor_config.json holds the same; \
         processor: patch_size 14, pooling_ratio 2"
    ),
});

/// The checkpoints vistok counts video for, in catalogue order.
pub const IDS: [&str; 22] = [
    "Qwen/Qwen2-VL-7B-Instruct",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "Qwen/Qwen3-VL-8B-Instruct",
    "Qwen/Qwen3.5-27B",
    "zai-org/GLM-4.1V-9B-Thinking",
    "zai-org/GLM-4.5V",
    "zai-org/GLM-4.6V",
    "zai-org/GLM-5.3-Flash",
    "moonshotai/Kimi-K2.6",
    "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16",
    "google/gemma-4-E2B-it",
    "google/gemma-4-12B-it",
    "ovis-community/Ovis2.5-2B",
    "baidu/ERNIE-4.5-VL-28B-A3B-PT",
    "llava-hf/LLaVA-NeXT-Video-7B-hf",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    "openbmb/MiniCPM-V-4.6",
    "allenai/Molmo2-8B",
    "OpenGVLab/InternVL3-8B-hf",
    "OpenGVLab/InternVL3_5-8B-HF",
    "facebook/Perception-LM-8B",
    "HuggingFaceTB/SmolVLM2-2.2B-Instruct",
];

/// Checkpoints whose `transformers` processor takes video that vistok does not count yet, each with
/// its video processor class (`models/auto/video_processing_auto.py` maps their model types to
/// one), and hosted models whose API takes video by a documented rate vistok does not follow yet.
/// Every other catalogue entry takes no video: its processor has no video input (or its API none).
const PENDING: [(&str, &str); 2] = [
    ("google/gemini-2.5-flash", "the Gemini API's documented rate per second of video"),
    ("google/gemini-3-pro", "the Gemini API's documented rate per second of video"),
];

/// How a catalogue checkpoint stands with video: counted, taken by its processor but not counted
/// yet (the class vistok would follow), or not taken at all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Support {
    Counted(&'static VideoSpec),
    NotYet(&'static str),
    None,
}

/// Where the checkpoint `id` stands with video.
pub fn support(id: &str) -> Support {
    if let Some(spec) = spec(id) {
        return Support::Counted(spec);
    }
    match PENDING.iter().find(|(pending, _)| *pending == id) {
        Some((_, class)) => Support::NotYet(class),
        None => Support::None,
    }
}

/// The checkpoints whose default vLLM loader vistok follows (vLLM 0.34.0, `vllm/multimodal/video.py`:
/// `qwen2_vl`, `qwen3_vl`, `opencv_dynamic` for GLM-4.1V's processor class, the plain `opencv` loader
/// for the rest).
const VLLM: [&str; 9] = [
    "Qwen/Qwen2-VL-7B-Instruct",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "Qwen/Qwen3-VL-8B-Instruct",
    "Qwen/Qwen3.5-27B",
    "zai-org/GLM-4.1V-9B-Thinking",
    "zai-org/GLM-4.5V",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    "OpenGVLab/InternVL3-8B-hf",
    "OpenGVLab/InternVL3_5-8B-HF",
];

/// The presets the checkpoint `id` offers: transformers' always; qwen-vl-utils for Qwen; vLLM's
/// loader where vistok has read it.
pub fn presets(id: &str) -> &'static [Preset] {
    let qwen = matches!(spec(id), Some(VideoSpec::Qwen(_)));
    match (qwen, VLLM.contains(&id)) {
        (true, _) => &Preset::ALL,
        (false, true) => &[Preset::Transformers, Preset::Vllm],
        (false, false) => &[Preset::Transformers],
    }
}

/// The video spec of the checkpoint `id`, if vistok counts its video.
pub fn spec(id: &str) -> Option<&'static VideoSpec> {
    match id {
        "Qwen/Qwen2-VL-7B-Instruct" | "Qwen/Qwen2.5-VL-7B-Instruct" => Some(&QWEN2_VL),
        "Qwen/Qwen3-VL-8B-Instruct" | "Qwen/Qwen3.5-27B" => Some(&QWEN3_VL),
        "zai-org/GLM-4.1V-9B-Thinking" => Some(&GLM41V),
        "zai-org/GLM-4.5V" => Some(&GLM45V),
        "zai-org/GLM-4.6V" => Some(&GLM46V),
        "zai-org/GLM-5.3-Flash" => Some(&GLM53),
        "moonshotai/Kimi-K2.6" => Some(&KIMI_K26),
        "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16" => Some(&NEMOTRON_OMNI),
        "google/gemma-4-E2B-it" => Some(&GEMMA4_E2B),
        "google/gemma-4-12B-it" => Some(&GEMMA4_12B),
        "baidu/ERNIE-4.5-VL-28B-A3B-PT" => Some(&ERNIE45_VL),
        "ovis-community/Ovis2.5-2B" => Some(&OVIS25),
        "llava-hf/llava-onevision-qwen2-7b-ov-hf" => Some(&LLAVA_ONEVISION),
        "llava-hf/LLaVA-NeXT-Video-7B-hf" => Some(&LLAVA_NEXT_VIDEO),
        "allenai/Molmo2-8B" => Some(&MOLMO2),
        "openbmb/MiniCPM-V-4.6" => Some(&MINICPM_V46),
        "OpenGVLab/InternVL3-8B-hf" => Some(&INTERNVL3),
        "OpenGVLab/InternVL3_5-8B-HF" => Some(&INTERNVL35),
        "facebook/Perception-LM-8B" => Some(&PERCEPTION_LM),
        "HuggingFaceTB/SmolVLM2-2.2B-Instruct" => Some(&SMOLVLM2),
        _ => None,
    }
}
