//! Tiling checkpoints: InternVL (closest-aspect grid plus a thumbnail), Llama 3.2 Vision (least
//! scaling, cross-attention), SmolVLM and Idefics3 (long side scaled, rounded up to whole tiles).

use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::delimiter;
use crate::engine::shapes::{self, Attention, Lm, Moe, Shape, Stack};
use crate::engine::tiled::{GlobalView, Thumbnail, TileSelection, TiledSequence, TiledSpec};

/// InternVL3 and 3.5 (`GotOcr2ImageProcessor` + `InternVLProcessor`): 448-px tiles on the
/// closest-aspect grid of 1..12, a thumbnail, pixel shuffle 2x2: 256 `<IMG_CONTEXT>` a tile.
const INTERNVL_448: Strategy = Strategy::Tiled(TiledSpec {
    tile: 448,
    patch: 14,
    merge: 2,
    merge_site: MergeSite::PixelShuffle,
    extra_per_tile: 0,
    selection: TileSelection::ClosestAspect { min_tiles: 1, max_tiles: 12 },
    thumbnail: Thumbnail::AfterTiles,
    sequence: TiledSequence::Placeholders {
        before: &[delimiter("<img>", "image start")],
        placeholder: "<IMG_CONTEXT>",
        after: &[delimiter("</img>", "image end")],
    },
    global: None,
});

pub const INTERNVL3_8B: Model = Model {
    id: "OpenGVLab/InternVL3-8B-hf",
    name: "InternVL3 8B",
    family: "InternVL3",
    released: Month::new(2025, 4),
    params: Some(Params::dense(7.94)),
    context: Some(32_768),
    strategy: INTERNVL_448,
    reference: Reference {
        file: cite!("models/got_ocr2/image_processing_got_ocr2.py"),
        function: cite!("get_optimal_tiled_canvas, crop_image_to_patches; InternVLProcessor.replace_image_token"),
        config: cite!(
            "preprocessor_config.json: crop_to_patches, min_patches 1, max_patches 12, 448x448; \
                 processor_config.json: image_seq_length 256; config.json: text max_position_embeddings 32768"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("InternViT-300M", shapes::vit(24, 1024, 16, 4096), 1),
        connector_params: 4096 * 3584 + 3584 * 3584,
        lm: shapes::causal("Qwen2.5-7B", shapes::stack(28, 3584, 28, 4, 128, 18944), 151_674, false),
        source: cite!(
            "config.json: InternViT-300M-448px (24x1024), pixel shuffle + MLP, Qwen2.5-7B (28x3584, 28/4 heads)"
        ),
    }),
    unpinned: &[],
};

pub const INTERNVL35_8B: Model = Model {
    id: "OpenGVLab/InternVL3_5-8B-HF",
    name: "InternVL3.5 8B",
    family: "InternVL3.5",
    released: Month::new(2025, 8),
    params: Some(Params::dense(8.5)),
    context: Some(40_960),
    strategy: INTERNVL_448,
    reference: Reference {
        file: cite!("models/got_ocr2/image_processing_got_ocr2.py"),
        function: cite!(
            "get_optimal_tiled_canvas, crop_image_to_patches; InternVLProcessor.replace_image_token \
                   (the processor's crop_to_patches=True wins over the saved false)"
        ),
        config: cite!(
            "preprocessor_config.json: 448x448, min_patches 1, max_patches 12 (the HF converter's, as \
                 InternVL3-hf ships them); processor_config.json: image_seq_length 256 (a recorded load at \
                 revision 741a7d0: 9 tiles, 2,319 input tokens); InternVL3.5 docs: 0.3B vision + 8.2B language, \
                 arXiv 2508.18265 (2025-08); max_position_embeddings 40960 is the Qwen3-8B base config's (the \
                 checkpoint's own text config not seen)"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("InternViT-300M", shapes::vit(24, 1024, 16, 4096), 1),
        connector_params: 4096 * 4096 + 4096 * 4096,
        lm: shapes::QWEN3_8B,
        source: cite!(
            "InternViT-300M-448px (24x1024), pixel shuffle + MLP into Qwen3-8B (36x4096, 32/8 heads, q/k norm)"
        ),
    }),
    unpinned: &[],
};

/// DeepSeek-OCR-2's language model, DeepSeek-3B-MoE ("A570M"): 12 layers of 1280, plain multi-head
/// attention (10 heads of 128, no MLA), layer 0 dense (6848), then 64 routed experts (6 a token) and 2
/// shared ones, 896 wide.
const DEEPSEEK_3B_MOE: Lm = shapes::causal(
    "DeepSeek-3B-MoE",
    Stack {
        moe: Some(Moe { experts: 64, active: 6, shared: 2, expert_mlp: 896, dense_layers: 1 }),
        ..shapes::stack(12, 1280, 10, 10, 128, 6848)
    },
    129_280,
    false,
);

/// DeepEncoder V2 after SAM, all applied per view to its compressed tokens: the SAM neck and the two
/// stride-2 convolutions (768 -> 256 -> 256 -> 512 -> 896), the Qwen2-0.5B-style encoder (24 layers of
/// 896, 14 query / 2 KV heads of 64, SwiGLU 4864; it reads the 144 or 256 compressed tokens plus as
/// many learned queries, and only the queries leave it), the two query banks and the 896 -> 1280
/// projector.
const DEEPENCODER_V2_PARAMS: u64 = (768 * 256 + 256 * 256 * 9 + 256 * 512 * 9 + 512 * 896 * 9)
    + 24 * (2 * 896 * 896 + 2 * 896 * 128 + 3 * 896 * 4864)
    + (144 + 256) * 896
    + 896 * 1280;

pub const DEEPSEEK_OCR2: Model = Model {
    id: "deepseek-community/DeepSeek-OCR-2",
    name: "DeepSeek-OCR-2",
    family: "DeepSeek-OCR",
    released: Month::new(2026, 1),
    params: Some(Params { total_b: 3.39, active_b: Some(0.57) }),
    context: Some(8192),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 768,
        patch: 16,
        // 16-px patches, 4x4 compressed by the convolutions after SAM: 12x12 tokens a tile.
        merge: 4,
        merge_site: MergeSite::ConvCompressor,
        extra_per_tile: 0,
        selection: TileSelection::ClosestAspect { min_tiles: 2, max_tiles: 6 },
        thumbnail: Thumbnail::None,
        sequence: TiledSequence::Placeholders { before: &[], placeholder: "<image>", after: &[] },
        global: Some(GlobalView { side: 1024, separator: 1 }),
    }),
    reference: Reference {
        file: cite!("models/deepseek_ocr2/image_processing_deepseek_ocr2.py"),
        function: cite!(
            "crop_image_to_patches (768-px tiles, 2..6, closest aspect ratio; only for a long side over \
                   768); the global view scaled to 1024 and padded; DeepseekOcr2Processor._get_num_image_tokens \
                   (256 + 144 a tile + 1 view separator)"
        ),
        config: cite!(
            "processor_config.json of hf-internal-testing/tiny-processor-deepseek_ocr2 @95c2139 (made from this \
                 checkpoint, per the transformers test): size 1024, tile_size 768, min_patches 2, max_patches 6, \
                 patch 16, downsample_ratio 4; config.json (fixture): max_position_embeddings 8192; 3.39 B \
                 parameters computed from the config, 0.57 B active (\"A570M\", the DeepSeek-OCR paper's \
                 decoder), released 2026-01"
        ),
    },
    shape: Some(Shape {
        // SAM ViT-B over the 16-px patches: 48x48 a 768-px tile, 64x64 the 1024-px global view.
        vision: shapes::full("SAM ViT-B (DeepEncoder V2)", shapes::vit(12, 768, 12, 3072), 0),
        connector_params: DEEPENCODER_V2_PARAMS,
        lm: DEEPSEEK_3B_MOE,
        source: cite!(
            "hf-internal-testing/tiny-processor-deepseek_ocr2 config.json (made from this checkpoint) and \
                 the original config as mirrored at MagnusTi8/DeepSeek-OCR-2: text 12x1280, 10/10 heads of \
                 128, no MLA, layer 0 dense 6848, then 64 experts (6 active) + 2 shared of 896, vocab 129280, \
                 untied; SAM ViT-B 12x768 (global attention in layers 2, 5, 8, 11, windows of 14 elsewhere), \
                 neck 256 -> 512 -> 896 (DeepseekOcr2SamVisionConfig); the Qwen2 encoder's 24x896, 14/2 heads, \
                 4864 from transformers' convert_deepseek_ocr2_weights_to_hf.py (the 5.25 configuration \
                 defaults are generic DeepSeek-V2 / Qwen2 values, not this checkpoint's). Approximated: \
                 SAM's 8 windowed layers counted as full attention (overstates its attention FLOPs); the \
                 Qwen2 encoder sits in the connector, counted once per feature token although it also runs \
                 over as many image tokens beside its queries (half its matmul FLOPs left out); the neck \
                 convolutions, which run on every patch, are likewise counted per feature token"
        ),
    }),
    unpinned: &[],
};

pub const LLAMA32_11B_VISION: Model = Model {
    id: "meta-llama/Llama-3.2-11B-Vision-Instruct",
    name: "Llama 3.2 Vision 11B",
    family: "Llama 3.2 Vision",
    released: Month::new(2024, 9),
    params: Some(Params::dense(10.6)),
    context: Some(131_072),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 560,
        patch: 14,
        merge: 1,
        merge_site: MergeSite::None,
        extra_per_tile: 1,
        selection: TileSelection::LeastScaling { max_tiles: 4 },
        thumbnail: Thumbnail::None,
        sequence: TiledSequence::CrossAttention { marker: "<|image|>" },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/mllama/image_processing_mllama.py"),
        function: cite!("get_optimal_tiled_canvas, get_image_size_fit_to_canvas; MllamaProcessor (one <|image|>)"),
        config: cite!(
            "preprocessor_config.json: 560x560 tiles, max_image_tiles 4; vision config: \
                 image_size 560, patch_size 14 (1600 patches + 1 class token a tile); \
                 config.json: text max_position_embeddings 131072; model card: 10.6B"
        ),
    },
    shape: Some(Shape {
        // 32 local + 8 global layers of 1280 over 1601 vectors (1600 patches + class) a tile.
        vision: shapes::full("Llama 3.2 vision", shapes::vit(40, 1280, 16, 5120), 1),
        connector_params: 7680 * 4096,
        lm: Lm {
            name: "Llama-3.1-8B + 8 cross-attention layers",
            stack: shapes::LLAMA31_8B,
            vocab: 128_256,
            tied: false,
            attention: Attention::Causal,
            cross_attention_layers: 8,
        },
        source: cite!(
            "config.json: vision 32+8 layers of 1280, projector 7680 -> 4096, Llama 3.1 8B (32x4096, 32/8 \
                 heads) with 8 cross-attention layers"
        ),
    }),
    unpinned: &[],
};

pub const LLAMA4_SCOUT: Model = Model {
    id: "meta-llama/Llama-4-Scout-17B-16E-Instruct",
    name: "Llama 4 Scout 17B-16E",
    family: "Llama 4",
    released: Month::new(2025, 4),
    params: Some(Params { total_b: 109.0, active_b: Some(17.0) }),
    context: Some(10_485_760),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 336,
        patch: 14,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::LeastScaling { max_tiles: 16 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::TileSeparators {
            start: "<|image_start|>",
            placeholder: "<|patch|>",
            x_separator: "<|tile_x_separator|>",
            y_separator: "<|tile_y_separator|>",
            global: "<|image|>",
            end: "<|image_end|>",
        },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/llama4/image_processing_llama4.py"),
        function: cite!(
            "find_supported_resolutions, get_best_fit (least upscaling, else least downscaling; the \
                   smallest canvas on a tie); Llama4Processor._prompt_split_image (144 <|patch|> a tile)"
        ),
        config: cite!(
            "preprocessor_config.json as convert_llama4_weights_to_hf.py saves it: 336x336 tiles, max_patches \
                 16, resize_to_max_canvas false; processor_config.json: patch_size 14, pixel_shuffle_ratio 0.5; \
                 config.json: max_position_embeddings 10485760 (instruct); 109B total / 17B active, released \
                 2025-04"
        ),
    },
    shape: Some(Shape {
        // 34 layers of 1408 over 577 vectors (576 patches + class) a 336-px view, 2-D rotary.
        vision: shapes::full("Llama 4 vision", Stack { rotary: true, ..shapes::vit(34, 1408, 16, 5632) }, 1),
        // Pixel shuffle to 5632, the adapter MLP 5632 -> 4096 -> 4096, the projector 4096 -> 5120.
        connector_params: 5632 * 4096 + 4096 * 4096 + 4096 * 5120,
        lm: Lm {
            name: "Llama 4 Scout text (MoE)",
            stack: Stack {
                qk_norm: true,
                moe: Some(Moe { experts: 16, active: 1, shared: 1, expert_mlp: 8192, dense_layers: 0 }),
                ..shapes::stack(48, 5120, 40, 8, 128, 16384)
            },
            vocab: 202_048,
            tied: false,
            // Chunked attention (8,192-token chunks) in 3 of every 4 layers, the 4th global (NoPE).
            attention: Attention::SlidingWindow { window: 8192, global_every: 4 },
            cross_attention_layers: 0,
        },
        source: cite!(
            "Llama-4-Scout-17B-16E config.json as printed in public copies (Llama4Config dump, transformers \
                 4.51; AWS neuronx-distributed-inference's Scout mock config with the instruct's 10485760 \
                 positions; RedHatAI's FP8 re-upload quoted for intermediate_size / intermediate_size_mlp): \
                 text 48x5120, 40/8 heads of 128, every layer MoE (moe_layers 0..47): 16 experts, 1 a token, \
                 + 1 shared expert, 8192 wide (intermediate_size_mlp 16384 used by no layer: only the \
                 activation estimate reads it), q/k norm, vocab 202048 untied, attention_chunk_size 8192 on \
                 the rope layers (no_rope_layers: every 4th layer global); vision 34x1408, 16 heads, MLP 5632, \
                 class token, pixel shuffle 0.5, vision_output_dim 4096 (the 5.25 class defaults are not this \
                 checkpoint's). Approximated: chunked attention as a sliding window of 8192 (the KV cache of \
                 a chunked layer holds at most a chunk); below 8192 tokens transformers runs every layer as \
                 plain causal SDPA, and Llama 4 has no bidirectional image mask, so the cost model's masked \
                 attention with an image overstates the attention time. transformers 5.25's Llama4TextMoe \
                 multiplies every token by all 16 experts (the router's scores zero the others), so its \
                 measured prefill does about 7x the decoder-layer FLOPs that active = 1 counts"
        ),
    }),
    unpinned: &[],
};

pub const SMOLVLM_2B: Model = Model {
    id: "HuggingFaceTB/SmolVLM-Instruct",
    name: "SmolVLM 2B",
    family: "SmolVLM",
    released: Month::new(2024, 11),
    params: Some(Params::dense(2.25)),
    context: Some(16_384),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 384,
        patch: 14,
        merge: 3,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::LongestEdge { longest_edge: 1536 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::RowColTags {
            around: "<fake_token_around_image>",
            placeholder: "<image>",
            // SmolLM2's BPE: < row _ 1 _ col _ 1 >, and < global - img >.
            tag_tokens: 9,
            global_tokens: 5,
        },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/idefics3/image_processing_idefics3.py"),
        function: cite!(
            "Idefics3ImageProcessor.resize, resize_for_vision_encoder, split_image; \
                   Idefics3Processor (get_image_prompt_string)"
        ),
        config: cite!(
            "preprocessor_config.json: size longest_edge 1536, max_image_size 384, resample 1; \
                 processor_config.json: image_seq_len 81; config.json: scale_factor 3, vision 384/14, \
                 vocab_size 49155 (SmolLM2 + 3 added tokens), text max_position_embeddings 16384"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP-so400m@384", shapes::SIGLIP_SO400M, 0),
        connector_params: 1152 * 9 * 2048,
        lm: shapes::causal("SmolLM2-1.7B", shapes::stack(24, 2048, 32, 32, 64, 8192), 49_155, false),
        source: cite!(
            "config.json: SigLIP-so400m at 384 (27x1152), 3x3 pixel shuffle + linear, SmolLM2 1.7B \
                 (24x2048, 32 heads of 64)"
        ),
    }),
    unpinned: &[],
};

pub const SMOLVLM2_2B: Model = Model {
    id: "HuggingFaceTB/SmolVLM2-2.2B-Instruct",
    name: "SmolVLM2 2.2B",
    family: "SmolVLM",
    released: Month::new(2025, 2),
    params: Some(Params::dense(2.2)),
    context: Some(8192),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 384,
        patch: 14,
        merge: 3,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::LongestEdge { longest_edge: 1536 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::RowColTags {
            around: "<fake_token_around_image>",
            placeholder: "<image>",
            // SmolVLM2's tokenizer adds <global-img> and the 36 tags as tokens (ids 49152..49188).
            tag_tokens: 1,
            global_tokens: 1,
        },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/smolvlm/image_processing_smolvlm.py"),
        function: cite!(
            "SmolVLMImageProcessor.resize, resize_for_vision_encoder, split_images (Idefics3's arithmetic); \
                   SmolVLMProcessor (_prompt_split_image, _prompt_single_image)"
        ),
        config: cite!(
            "preprocessor_config.json (copy at davanstrien/SmolVLM2-2.2B-Instruct): size longest_edge 1536, \
                 max_image_size 384, resample 1; processor_config.json (refs/pr/11): image_seq_len 81; config.json \
                 (refs/pr/21): image_token_id 49190, scale_factor 3, text max_position_embeddings 8192"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP-so400m@384", shapes::SIGLIP_SO400M, 0),
        connector_params: 1152 * 9 * 2048,
        lm: shapes::causal("SmolLM2-1.7B", shapes::stack(24, 2048, 32, 32, 64, 8192), 49_280, false),
        source: cite!(
            "SmolVLM-Instruct's architecture, which this checkpoint is fine-tuned from (the model tree: \
                 SmolLM2-1.7B -> SmolVLM-Instruct -> SmolVLM2-2.2B-Instruct): SigLIP-so400m at 384 (27x1152), \
                 3x3 pixel shuffle + linear, SmolLM2 1.7B (24x2048, 32 heads of 64, MLP 8192), untied; vocab \
                 49280 (eos 49279 in the 2.2B's generation_config.json, the SmolVLM2 family configs' size). \
                 The 2.2B's own config.json text was not seen; its weights (8.99 GB in float32, 4.49 GB in \
                 mlx-community's bf16 copy) match these shapes untied, not tied"
        ),
    }),
    unpinned: &["that the 2.2B tokenizer adds <global-img> and <row_i_col_j> as one token each (seen in the \
                  SmolVLM2-500M tokenizer; image_token_id 49190 implies the same layout)"],
};

pub const IDEFICS3_8B: Model = Model {
    id: "HuggingFaceM4/Idefics3-8B-Llama3",
    name: "Idefics3 8B",
    family: "Idefics3",
    released: Month::new(2024, 8),
    params: Some(Params::dense(8.46)),
    context: Some(131_072),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 364,
        patch: 14,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::LongestEdge { longest_edge: 1456 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::RowColTags {
            around: "<fake_token_around_image>",
            placeholder: "<image>",
            // Llama 3's BPE: < row _ 1 _col _ 1 >, and < global -img >.
            tag_tokens: 8,
            global_tokens: 4,
        },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/idefics3/image_processing_idefics3.py"),
        function: cite!(
            "Idefics3ImageProcessor.resize, resize_for_vision_encoder, split_image; \
                   Idefics3Processor (get_image_prompt_string)"
        ),
        config: cite!(
            "preprocessor_config.json: size longest_edge 1456, max_image_size 364, resample 1; \
                 processor_config.json: image_seq_len 169; config.json: scale_factor 2, vision 364/14, \
                 vocab_size 128259 (Llama 3 + 3 added tokens), text max_position_embeddings 131072"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP-so400m@364", shapes::SIGLIP_SO400M, 0),
        connector_params: 1152 * 4 * 4096,
        lm: shapes::causal("Llama-3.1-8B", shapes::LLAMA31_8B, 128_259, false),
        source: cite!(
            "config.json: SigLIP-so400m at 364 (27x1152), 2x2 pixel shuffle + linear, Llama 3.1 8B \
                 (32x4096, 32/8 heads)"
        ),
    }),
    unpinned: &[],
};

pub const PERCEPTION_LM_8B: Model = Model {
    id: "facebook/Perception-LM-8B",
    name: "Perception LM 8B",
    family: "Perception LM",
    released: Month::new(2025, 4),
    params: None,
    context: None,
    strategy: Strategy::Tiled(TiledSpec {
        tile: 448,
        patch: 14,
        // PE-Core-G at 448 px: 32x32 patches, 2x2 average pooling in the projector: 256 a view.
        merge: 2,
        merge_site: MergeSite::AveragePooling,
        extra_per_tile: 0,
        selection: TileSelection::LargestFit { max_tiles: 36 },
        thumbnail: Thumbnail::AlwaysFirst,
        sequence: TiledSequence::Placeholders { before: &[], placeholder: "<|image|>", after: &[] },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/perception_lm/image_processing_perception_lm.py"),
        function: cite!(
            "_find_supported_aspect_ratios, _fit_image_to_canvas (the canvas giving the image's short side \
                   the most pixels, the later on ties), _find_closest_aspect_ratio (none holds it); \
                   vision_input_type thumb+tile: the thumbnail first, then the tiles; \
                   PerceptionLMProcessor (256 <|image|> a view)"
        ),
        config: cite!(
            "processor_config.json (patch_size 14, pooling_ratio 2) of the 8B as re-uploaded at \
                 Dhruvil03/Perception-LM-8B-Int4-NotBNB; preprocessor_config.json of the 1B (Dhruvil03/\
                 Perception-LM-1B-Int4bit): tile_size 448, max_num_tiles 36, thumb+tile, the 8B's own not seen; \
                 released 2025-04 (arXiv 2504.13180); parameters and context window not pinned"
        ),
    },
    shape: Some(Shape {
        // PE-Lang-G/14: 32x32 patches a 448-px view, no class token, 2-D rotary.
        vision: shapes::full("PE-Lang-G/14", Stack { rotary: true, ..shapes::vit(47, 1536, 16, 8960) }, 0),
        // linear_1 1536 -> 4096, GELU, linear_2 4096 -> 4096 (with biases), then the 2x2 average pooling.
        connector_params: 1536 * 4096 + 4096 * 4096,
        lm: shapes::causal("Llama-3.1-8B", shapes::LLAMA31_8B, 128_256, false),
        source: cite!(
            "transformers' convert_perception_lm_weights_to_hf.py: the 8B's vision tower is PE-G with 47 \
                 layers of 1536 (the only G shape it converts), as timm's vit_pe_lang_gigantic_patch14_448 (47 \
                 layers, 16 heads, MLP 8960, no class token, 2-D rope); PE-G's 50-layer tower is 1.88B (PE \
                 model cards); projector linear_1 / linear_2 to the text width, pooling_ratio 2 \
                 (processor_config.json); text Llama 3.1 8B (32x4096, 32/8 heads, MLP 14336), vocab 128256 as \
                 the PLM tokenizer (Perception-LM-1B config.json), untied as Llama 3.1 8B's head (the 8B's own \
                 config.json not seen). Approximated: the projector runs on all 1024 patches of a view before \
                 the 2x2 pooling, 4x the feature tokens the connector cost counts"
        ),
    }),
    unpinned: &["the 8B's preprocessor_config.json (tile 448, up to 36 tiles, thumb+tile: the 1B's values)"],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every weight the shape counts: vision stack, connector and language model.
    fn total(model: &Model) -> f64 {
        let s = model.shape.expect("a shape");
        (s.vision.stack.params() + s.connector_params + s.lm.params()) as f64
    }

    #[test]
    fn deepseek_ocr2_matches_its_published_sizes() {
        // "3.4B total" (cstr/deepseek-ocr2-crispembed-GGUF's card); norms, biases and SAM's relative
        // positions are left out.
        let all = total(&DEEPSEEK_OCR2);
        assert!((all - 3.4e9).abs() < 0.05e9, "{all}");
        // DeepSeek3B-MoE-A570M (the DeepSeek-OCR paper): the decoder layers a token goes through and the
        // output head (the input embedding is a lookup).
        let lm = DEEPSEEK_OCR2.shape.expect("a shape").lm;
        let active = (lm.stack.active_params() + u64::from(lm.vocab) * u64::from(lm.stack.hidden)) as f64;
        assert!((active - 0.57e9).abs() < 0.01e9, "{active}");
        assert!(lm.stack.active_params() < lm.stack.params() / 5);
    }

    #[test]
    fn llama4_scout_matches_its_published_sizes() {
        // Model card: 109B total, 17B activated (the latter with the embedding and head: 15.1B without).
        let all = total(&LLAMA4_SCOUT);
        assert!((all / 109e9 - 1.0).abs() < 0.01, "{all}");
        let lm = LLAMA4_SCOUT.shape.expect("a shape").lm;
        let active = lm.active_params() as f64;
        assert!((active - 17e9).abs() < 0.3e9, "{active}");
    }

    #[test]
    fn smolvlm2_matches_its_published_weights() {
        // 4.96 GB + 4.03 GB of float32 safetensors (the repository's file listing).
        let all = total(&SMOLVLM2_2B);
        assert!((all / (8.99e9 / 4.0) - 1.0).abs() < 0.01, "{all}");
    }

    #[test]
    fn perception_lm_8b_matches_its_parts() {
        let s = PERCEPTION_LM_8B.shape.expect("a shape");
        // Llama 3.1 8B: 8.03B.
        let lm = s.lm.params() as f64;
        assert!((lm - 8.03e9).abs() < 0.01e9, "{lm}");
        // PE-G's vision tower: 1.88B in 50 layers (PE model cards); PLM-8B keeps 47 of them.
        let per_layer = s.vision.stack.params() as f64 / f64::from(s.vision.stack.layers);
        assert!((per_layer * 50.0 / 1.88e9 - 1.0).abs() < 0.03, "{per_layer}");
    }
}
