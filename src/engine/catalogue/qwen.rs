//! Qwen's checkpoints: dynamic resolution through `smart_resize` and a 2x2 merger. One processor
//! serves them all (transformers maps `qwen3_5` to `Qwen3VLProcessor` and `Qwen2VLImageProcessor`);
//! only the checkpoint values differ.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Attention, Lm, Shape, Stack, Vision, VisionAttention};

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
        config: cite!(
            "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056; \
                 config.json: max_position_embeddings 32768"
        ),
    },
    shape: Some(Shape {
        vision: Vision {
            name: "Qwen2-VL vision",
            stack: Stack { gated: false, rms_norm: false, ..shapes::stack(32, 1280, 16, 16, 80, 5120) },
            attention: VisionAttention::Full,
            extra_tokens: 0,
            totals: None,
        },
        connector_params: 5120 * 5120 + 5120 * 3584,
        lm: shapes::QWEN2_7B,
        source: cite!(
            "config.json: vision 32x1280 (MLP 5120, full attention), 2x2 merger MLP, Qwen2-7B (28x3584, 28/4 heads)"
        ),
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
        config: cite!(
            "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056; \
                 config.json: max_position_embeddings 128000"
        ),
    },
    shape: Some(Shape {
        vision: shapes::QWEN25_VISION,
        connector_params: 5120 * 5120 + 5120 * 3584,
        lm: shapes::QWEN2_7B,
        source: cite!(
            "config.json: vision 32x1280 (SwiGLU 3420, window 112 px, full attention in blocks 7/15/23/31), \
                 2x2 merger MLP, Qwen2-7B (28x3584, 28/4 heads)"
        ),
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
        config: cite!(
            "preprocessor_config.json: patch_size 16, merge_size 2, size shortest_edge 65536, longest_edge \
                 16777216; config.json: text max_position_embeddings 262144"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("Qwen3-VL vision", Stack { rotary: true, ..shapes::vit(27, 1152, 16, 4304) }, 0),
        // The final merger and three DeepStack mergers (layers 8, 16, 24), each 4608 -> 4608 -> 4096.
        connector_params: 4 * (4608 * 4608 + 4608 * 4096),
        lm: shapes::QWEN3_8B,
        source: cite!(
            "config.json: vision 27x1152 (MLP 4304, patch 16), merger + 3 DeepStack mergers, Qwen3-8B \
                 (36x4096, 32/8 heads, q/k norm)"
        ),
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
        function: cite!(
            "smart_resize; Qwen3VLProcessor.replace_image_token (transformers 5.25 maps qwen3_5 to \
                   Qwen3VLProcessor and Qwen2VLImageProcessor)"
        ),
        config: cite!(
            "preprocessor_config.json: patch_size 16, merge_size 2, size shortest_edge 65536, longest_edge \
                 16777216 (byte-identical to Qwen3.5-9B's, sha256 27225450ac9c..., as quoted by \
                 TimYangst/llm-tech-matrix data/extracted/qwen3.8-27b.md); config.json: text \
                 max_position_embeddings 262144, 64 layers (48 Gated DeltaNet + 16 full attention); model \
                 card: 27B, released 2026-02"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full(
            "Qwen3.5 vision (SigLIP2-so400m/16)",
            Stack { rotary: true, ..shapes::vit(27, 1152, 16, 4304) },
            0,
        ),
        // LayerNorm(1152), then the 2x2 merger MLP 4608 -> 4608 -> 5120.
        connector_params: 4608 * 4608 + 4608 * 5120,
        lm: QWEN35_27B_LM,
        source: cite!(
            "config.json as extracted by TimYangst/llm-tech-matrix data/extracted/qwen3.5-27b.json @0b63f840 (and \
                 THUDM/slime scripts/models/qwen3.5-27B.sh): text 64x5120, 24/4 heads of 256, SwiGLU 17408, vocab \
                 248320 untied, layer_types [linear x3, full] x16 (48 Gated DeltaNet: 16 key / 48 value heads of 128, \
                 conv 4; attn_output_gate true); vision 27x1152, MLP 4304, no DeepStack; modeling_qwen3_5.py (5.25) \
                 for the module shapes. Approximated: the output gate's half of q_proj in the 16 full layers \
                 (16 x 5120 x 6144) is counted among the 48 DeltaNet mixers' weights, which keeps the totals and \
                 FLOPs exact; the kernel count treats every layer as an attention layer; the MTP head (0.42B, not \
                 loaded by Qwen3_5ForConditionalGeneration) is left out"
        ),
    }),
    unpinned: &[],
};

/// Qwen3.5-27B's language model: 64 layers, of which 16 (every 4th) run gated softmax attention and
/// the other 48 a Gated DeltaNet mixer.
const QWEN35_27B_LM: Lm = Lm {
    name: "Qwen3.5-27B text (Gated DeltaNet hybrid)",
    stack: Stack { qk_norm: true, ..shapes::stack(64, 5120, 24, 4, 256, 17408) },
    vocab: 248_320,
    tied: false,
    attention: Attention::Hybrid {
        full_layers: 16,
        mixer_params: DELTANET_PARAMS + OUTPUT_GATE_SHARE,
        state_bytes: DELTANET_STATE_BYTES,
    },
    cross_attention_layers: 0,
};

/// One Gated DeltaNet layer (hidden 5120; 16 key heads and 48 value heads of 128: key dim 2048,
/// value dim 6144; modeling_qwen3_5.py Qwen3_5GatedDeltaNet):
/// in_proj_qkv 5120 x (2*2048 + 6144) = 52,428,800; in_proj_z 5120 x 6144 = 31,457,280;
/// in_proj_b and in_proj_a 2 x 5120 x 48 = 491,520; depthwise conv1d 10240 x 4 = 40,960;
/// out_proj 6144 x 5120 = 31,457,280 (A_log, dt_bias and the gated norm's 128 left out).
const DELTANET_PARAMS: u64 = 5120 * (2 * 2048 + 6144) + 5120 * 6144 + 2 * 5120 * 48 + 10240 * 4 + 6144 * 5120;

/// attn_output_gate: each full layer's q_proj is 5120 -> 2 x 24 x 256, its gate half 5120 x 6144
/// weights that `Stack::attention_params` does not see; the 16 layers' gates spread over the 48
/// mixers: 16 x 31,457,280 / 48 = 10,485,760 a mixer.
const OUTPUT_GATE_SHARE: u64 = 16 * 5120 * 6144 / 48;

/// A DeltaNet layer's cache: the recurrent state, 48 value heads x 128 x 128 in float32 (the chunked
/// rule runs in float32 and returns its final state so), plus the conv state, 10240 channels x 4
/// taps in bf16.
const DELTANET_STATE_BYTES: u64 = 48 * 128 * 128 * 4 + 10240 * 4 * 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qwen35_27b_matches_its_published_size() {
        let shape = QWEN35_27B.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // Hub safetensors total 27,781,427,952 ("27.78B"; the same for the shape-identical
        // Qwen3.8-27B), less the MTP head transformers does not load: one full-attention layer
        // (104,857,600 with the gate), its MLP (267,386,880), the 2h -> h fc (52,428,800) and norms,
        // 424,699,392 in all. Norms, biases and the vision position table are left out of the shape.
        let loaded = 27_781_427_952.0 - 424_699_392.0;
        assert!((total as f64 / loaded - 1.0).abs() < 0.001, "{total}");
        // The card's "27B", dense: every weight is used.
        assert!((total as f64 / 1e9 - 27.0).abs() < 0.5, "{total}");
        assert_eq!(shape.lm.active_params(), shape.lm.params());
    }
}
