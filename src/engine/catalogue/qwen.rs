//! Qwen's checkpoints: dynamic resolution through `smart_resize` and a 2x2 merger. One processor
//! serves them all (transformers maps `qwen3_5` to `Qwen3VLProcessor` and `Qwen2VLImageProcessor`);
//! only the checkpoint values differ.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Shape, Stack, Vision, VisionAttention};

const BEFORE: &[Piece] = &[delimiter("<|vision_start|>", "vision start")];
const AFTER: &[Piece] = &[delimiter("<|vision_end|>", "vision end")];
const SMART_14: DynamicResize = DynamicResize::Smart {
    min_pixels: 3136,
    max_pixels: 12_845_056,
    max_aspect_ratio: 200.0,
    flavour: SmartFlavour::Qwen,
};
/// Qwen3-VL's limits: 65,536..16,777,216 px (64..16,384 tokens of 32x32 px).
const SMART_16: DynamicResize = DynamicResize::Smart {
    min_pixels: 65_536,
    max_pixels: 16_777_216,
    max_aspect_ratio: 200.0,
    flavour: SmartFlavour::Qwen,
};

/// A Qwen checkpoint: `patch`-px patches, 2x2 merge, the image between vision start and end.
pub const fn qwen_vl(patch: u32, resize: DynamicResize) -> Strategy {
    Strategy::Dynamic(DynamicSpec {
        patch,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize,
        placeholder: "<|image_pad|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    })
}

const REFERENCE_FILE: &str = "models/qwen2_vl/image_processing_qwen2_vl.py";
const REFERENCE_FUNCTION: &str =
    "smart_resize; Qwen*VLProcessor.replace_image_token (grid_thw.prod() // merge_size**2)";

pub const QWEN2_VL_7B: Model = Model {
    id: "Qwen/Qwen2-VL-7B-Instruct",
    name: "Qwen2-VL 7B",
    family: "Qwen2-VL",
    released: Month::new(2024, 8),
    params: Some(Params::dense(8.29)),
    context: Some(32_768),
    strategy: qwen_vl(14, SMART_14),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056; \
                 config.json: max_position_embeddings 32768",
    },
    shape: Some(Shape {
        vision: Vision {
            name: "Qwen2-VL vision",
            stack: Stack { gated: false, rms_norm: false, ..shapes::stack(32, 1280, 16, 16, 80, 5120) },
            attention: VisionAttention::Full,
            extra_tokens: 0,
        },
        connector_params: 5120 * 5120 + 5120 * 3584,
        lm: shapes::QWEN2_7B,
        source: "config.json: vision 32x1280 (MLP 5120, full attention), 2x2 merger MLP, Qwen2-7B (28x3584, 28/4 heads)",
    }),
    unpinned: &[],
};

pub const QWEN25_VL_7B: Model = Model {
    id: "Qwen/Qwen2.5-VL-7B-Instruct",
    name: "Qwen2.5-VL 7B",
    family: "Qwen2.5-VL",
    released: Month::new(2025, 1),
    params: Some(Params::dense(8.29)),
    context: Some(128_000),
    strategy: qwen_vl(14, SMART_14),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056; \
                 config.json: max_position_embeddings 128000",
    },
    shape: Some(Shape {
        vision: shapes::QWEN25_VISION,
        connector_params: 5120 * 5120 + 5120 * 3584,
        lm: shapes::QWEN2_7B,
        source: "config.json: vision 32x1280 (SwiGLU 3420, window 112 px, full attention in blocks 7/15/23/31), \
                 2x2 merger MLP, Qwen2-7B (28x3584, 28/4 heads)",
    }),
    unpinned: &[],
};

pub const QWEN3_VL_8B: Model = Model {
    id: "Qwen/Qwen3-VL-8B-Instruct",
    name: "Qwen3-VL 8B",
    family: "Qwen3-VL",
    released: Month::new(2025, 10),
    params: Some(Params::dense(8.77)),
    context: Some(262_144),
    strategy: qwen_vl(16, SMART_16),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: "preprocessor_config.json: patch_size 16, merge_size 2, size shortest_edge 65536, longest_edge \
                 16777216; config.json: text max_position_embeddings 262144",
    },
    shape: Some(Shape {
        vision: shapes::full("Qwen3-VL vision", Stack { rotary: true, ..shapes::vit(27, 1152, 16, 4304) }, 0),
        // The final merger and three DeepStack mergers (layers 8, 16, 24), each 4608 -> 4608 -> 4096.
        connector_params: 4 * (4608 * 4608 + 4608 * 4096),
        lm: shapes::QWEN3_8B,
        source: "config.json: vision 27x1152 (MLP 4304, patch 16), merger + 3 DeepStack mergers, Qwen3-8B \
                 (36x4096, 32/8 heads, q/k norm)",
    }),
    unpinned: &[],
};

pub const QWEN35_27B: Model = Model {
    id: "Qwen/Qwen3.5-27B",
    name: "Qwen3.5 27B",
    family: "Qwen3.5",
    released: Month::new(2026, 2),
    params: Some(Params::dense(27.0)),
    context: Some(262_144),
    strategy: qwen_vl(16, SMART_16),
    reference: Reference {
        file: REFERENCE_FILE,
        function: "smart_resize; Qwen3VLProcessor.replace_image_token (transformers 5.25 maps qwen3_5 to \
                   Qwen3VLProcessor and Qwen2VLImageProcessor)",
        config: "preprocessor_config.json: patch_size 16, merge_size 2, size shortest_edge 65536, longest_edge \
                 16777216 (byte-identical to Qwen3.5-9B's, sha256 27225450ac9c..., as quoted by \
                 TimYangst/llm-tech-matrix data/extracted/qwen3.8-27b.md); config.json: text \
                 max_position_embeddings 262144, 64 layers (48 Gated DeltaNet + 16 full attention); model \
                 card: 27B, released 2026-02",
    },
    // Three of every four layers are Gated DeltaNet (linear attention, no KV cache), which the
    // cost model does not describe: no cost figures rather than wrong ones.
    shape: None,
    unpinned: &[],
};
