//! The LLaVA line as `llava-hf` converted it: LLaVA-1.5 (short side + centre crop), LLaVA-NeXT
//! and LLaVA-OneVision (AnyRes: crops of a base resolution plus a global view, unpadded).

use crate::engine::anyres::{AnyResSpec, Pinpoints};
use crate::engine::fixed::{FixedFit, FixedSpec};
use crate::engine::geometry::Size;
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::shapes::{self, Shape};

pub const LLAVA_15_7B: Model = Model {
    id: "llava-hf/llava-1.5-7b-hf",
    name: "LLaVA-1.5 7B",
    family: "LLaVA-1.5",
    released: Month::new(2023, 10),
    params: Some(Params::dense(7.06)),
    context: Some(4096),
    strategy: Strategy::Fixed(FixedSpec {
        side: 336,
        fit: FixedFit::ShortSideCenterCrop,
        patch: 14,
        pool: 1,
        placeholder: "<image>",
        before: &[],
        after: &[],
        pan_and_scan: None,
    }),
    reference: Reference {
        file: cite!("models/llava/processing_llava.py"),
        function: cite!(
            "LlavaProcessor.replace_image_token ((336/14)^2 + 1 CLS - 1 for \"default\"); \
                   CLIPImageProcessor resize (shortest_edge) + center_crop"
        ),
        config: cite!(
            "preprocessor_config.json: shortest_edge 336, crop_size 336; processor_config.json: \
                 patch_size 14, vision_feature_select_strategy default, num_additional_image_tokens 1; \
                 config.json: text max_position_embeddings 4096"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("CLIP ViT-L/14-336", shapes::CLIP_L, 1),
        connector_params: 1024 * 4096 + 4096 * 4096,
        lm: shapes::causal("Vicuna-7B", shapes::stack(32, 4096, 32, 32, 128, 11008), 32_064, false),
        source: cite!(
            "config.json: CLIP ViT-L/14 at 336 (24x1024), 2-layer MLP projector, Llama-2/Vicuna 7B (32x4096)"
        ),
    }),
    unpinned: &[],
};

const NEXT_PINPOINTS: &[Size] =
    &[Size::new(672, 336), Size::new(336, 672), Size::new(672, 672), Size::new(336, 1008), Size::new(1008, 336)];

pub const LLAVA_NEXT_MISTRAL_7B: Model = Model {
    id: "llava-hf/llava-v1.6-mistral-7b-hf",
    name: "LLaVA-NeXT 7B",
    family: "LLaVA-NeXT",
    released: Month::new(2024, 1),
    params: Some(Params::dense(7.57)),
    context: Some(32_768),
    strategy: Strategy::AnyRes(AnyResSpec {
        crop: 336,
        patch: 14,
        pinpoints: Pinpoints::List(NEXT_PINPOINTS),
        max_crops: None,
        placeholder: "<image>",
    }),
    reference: Reference {
        file: cite!("models/llava_next/processing_llava_next.py"),
        function: cite!(
            "LlavaNextProcessor._get_number_of_features / _get_unpadded_features; \
                   image_processing_utils.select_best_resolution"
        ),
        config: cite!(
            "preprocessor_config.json: 336 px, image_grid_pinpoints [[336,672],[672,336],[672,672],\
                 [1008,336],[336,1008]]; processor_config.json: vision_feature_select_strategy default; \
                 config.json: text max_position_embeddings 32768"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("CLIP ViT-L/14-336", shapes::CLIP_L, 1),
        connector_params: 1024 * 4096 + 4096 * 4096,
        lm: shapes::causal("Mistral-7B", shapes::stack(32, 4096, 32, 8, 128, 14336), 32_000, false),
        source: cite!(
            "config.json: CLIP ViT-L/14 at 336 (24x1024), 2-layer MLP projector, Mistral 7B (32x4096, 32/8 heads)"
        ),
    }),
    unpinned: &[],
};

/// LLaVA-NeXT-Video 7B as `llava-hf` converted it: LLaVA-NeXT's AnyRes for images (the same
/// pinpoints and CLIP-336 crops), Vicuna-7B; its video path is in `catalogue/video.rs`.
pub const LLAVA_NEXT_VIDEO_7B: Model = Model {
    id: "llava-hf/LLaVA-NeXT-Video-7B-hf",
    name: "LLaVA-NeXT-Video 7B",
    family: "LLaVA-NeXT-Video",
    released: Month::new(2024, 4),
    params: Some(Params::dense(7.06)),
    context: Some(4096),
    strategy: Strategy::AnyRes(AnyResSpec {
        crop: 336,
        patch: 14,
        pinpoints: Pinpoints::List(NEXT_PINPOINTS),
        max_crops: None,
        placeholder: "<image>",
    }),
    reference: Reference {
        file: cite!("models/llava_next_video/processing_llava_next_video.py"),
        function: cite!(
            "LlavaNextVideoProcessor.replace_image_token / _get_number_of_features (LLaVA-NeXT's, copied); \
                   image_processing_utils.select_best_resolution"
        ),
        config: cite!(
            "config.json as printed by AutoConfig from a local copy of the checkpoint in a public script: \
                 image_grid_pinpoints [[336,672],[672,336],[672,672],[1008,336],[336,1008]], \
                 vision_feature_select_strategy default, vision_feature_layer -2, spatial_pool_stride 2 (average), \
                 video_token_index 32000, image_token_index 32001, text max_position_embeddings 4096 (with linear \
                 rope_scaling), Vicuna-7B shape, vocab 32064; convert_llava_next_video_weights_to_hf.py builds the \
                 processors from CLIP-336's config; LLaVA-NeXT-Video blog 2024-04-30"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("CLIP ViT-L/14-336", shapes::CLIP_L, 1),
        connector_params: 1024 * 4096 + 4096 * 4096,
        lm: shapes::causal("Vicuna-7B", shapes::stack(32, 4096, 32, 32, 128, 11008), 32_064, false),
        source: cite!(
            "config.json: CLIP ViT-L/14 at 336 (24x1024), 2-layer MLP projector, Vicuna-7B (32x4096, FFN 11008); \
                 7,063,431,168 parameters built from it"
        ),
    }),
    unpinned: &[],
};

pub const LLAVA_ONEVISION_7B: Model = Model {
    id: "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    name: "LLaVA-OneVision 7B",
    family: "LLaVA-OneVision",
    released: Month::new(2024, 8),
    params: Some(Params::dense(8.03)),
    context: Some(32_768),
    strategy: Strategy::AnyRes(AnyResSpec {
        crop: 384,
        patch: 14,
        pinpoints: Pinpoints::Multiples { max_grid: 6 },
        max_crops: Some(9),
        placeholder: "<image>",
    }),
    reference: Reference {
        file: cite!("models/llava_onevision/processing_llava_onevision.py"),
        function: cite!(
            "LlavaOnevisionProcessor._get_number_of_features / _get_unpadded_features; \
                   image_processing_utils.select_best_resolution"
        ),
        config: cite!(
            "preprocessor_config.json: 384 px, 36 image_grid_pinpoints; processor_config.json: \
                 num_image_tokens 729, vision_feature_select_strategy full, vision_aspect_ratio anyres_max_9; \
                 config.json: text max_position_embeddings 32768"
        ),
    },
    shape: Some(Shape {
        vision: shapes::SIGLIP_384_ONEVISION,
        connector_params: 1152 * 3584 + 3584 * 3584,
        lm: shapes::QWEN2_7B,
        source: cite!(
            "config.json: SigLIP-so400m at 384 (26 of 27 layers used), 2-layer projector, Qwen2-7B (28x3584)"
        ),
    }),
    unpinned: &[],
};
