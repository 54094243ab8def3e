//! Baidu's ERNIE 4.5 VL: Qwen2-VL's `smart_resize` (14-px patches, 2x2 merge), the placeholders
//! between `<|IMAGE_START|>` and `<|IMAGE_END|>` (written by the chat template).

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Lm, Moe, Shape, Stack};

const BEFORE: &[Piece] = &[delimiter("<|IMAGE_START|>", "image start")];
const AFTER: &[Piece] = &[delimiter("<|IMAGE_END|>", "image end")];

pub const ERNIE45_VL_28B: Model = Model {
    id: "baidu/ERNIE-4.5-VL-28B-A3B-PT",
    name: "ERNIE 4.5 VL 28B-A3B",
    family: "ERNIE 4.5 VL",
    released: Month::new(2025, 6),
    params: Some(Params { total_b: 28.0, active_b: Some(3.0) }),
    context: Some(131_072),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::Smart {
            min_pixels: 3136,
            max_pixels: 4_842_768,
            max_aspect_ratio: 200.0,
            flavour: SmartFlavour::Qwen,
        },
        placeholder: "<|IMAGE_PLACEHOLDER|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: cite!("models/ernie4_5_vl_moe/image_processing_ernie4_5_vl_moe.py"),
        function: cite!(
            "smart_resize (Qwen2-VL's); Ernie4_5_VLMoeProcessor (grid_thw.prod() // merge_size**2 \
                   placeholders); chat template Picture n:<|IMAGE_START|>...<|IMAGE_END|>"
        ),
        config: cite!(
            "transformers convert_ernie4_5_vl_moe_to_hf.py @19c5b132: the image processor's defaults \
                 (size 56*56 / 28*28*6177, patch 14, merge 2) and the three image tokens; \
                 max_position_embeddings 131072 (config defaults, NeMo Megatron-Bridge); model card: 28B \
                 total, 3B active, released 2025-06-30"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full(
            "ERNIE 4.5 VL vision (DFN-RoPE ViT)",
            Stack { gated: false, rms_norm: false, ..shapes::stack(32, 1280, 16, 16, 80, 5120) },
            0,
        ),
        connector_params: RESAMPLER_PARAMS,
        // The image span is what the prompt is mostly made of: priced on the vision experts' path.
        lm: ernie_lm(6),
        source: cite!(
            "the 28B-A3B text config as lablup/mlxcel src/models/ernie4_5_moe_vl.rs @08e0903 quotes it in a test \
                 (\"the 28B-A3B checkpoint\": 28x2560, 20/4 heads of 128, dense 12288 in layer 0, moe_num_experts \
                 [64, 64], moe_intermediate_size [1536, 512], moe_k 6, 2 shared experts, layers 1-27 MoE, vocab \
                 103424) and transformers 5.25's Ernie4_5_VLMoe config defaults documented for this checkpoint (the \
                 same values; tied embeddings; vision depth 32, 1280 wide, 16 heads, MLP 5120 quick_gelu, 2x2 \
                 merge); modeling_ernie4_5_vl_moe.py for the module shapes. Approximated: each MoE layer holds two \
                 routed pools (64 text experts of 1536, 64 vision experts of 512); image tokens (and their \
                 start/end) go to the vision pool, text to the text pool, and a shared MLP of 2 x 1536 sees every \
                 token. Moe has one pool, so it counts in units of 512: 64 x 3 + 64 = 256 units, all in memory, \
                 and a token's own are an image token's 6 (6 vision experts) plus the shared 6 units; the prompt's \
                 few text tokens are priced as image tokens (a text token uses 18 units: 6 text experts), and the \
                 router is counted 256 wide instead of two of 64"
        ),
    }),
    unpinned: &[],
};

/// The variable-resolution resampler, once per merged token (modeling_ernie4_5_vl_moe.py
/// Ernie4_5_VLMoeVariableResolutionResamplerModel): the 2x2 patches' 4 x 1280 = 5120 values through
/// spatial_linear (5120 -> 5120 -> 5120), an image duplicated along time through temporal_linear
/// (10240 -> 5120 -> 5120), then mlp 5120 -> 2560 (norms and biases left out).
const RESAMPLER_PARAMS: u64 = 2 * 5120 * 5120 + (10240 * 5120 + 5120 * 5120) + 5120 * 2560;

/// ERNIE 4.5 VL 28B-A3B's language model with `active` routed units of 512 a token: 6 for an image
/// token (vision experts of 512), 18 for a text token (text experts of 1536 = 3 units).
const fn ernie_lm(active: u32) -> Lm {
    shapes::causal(
        "ERNIE-4.5-VL text (MoE, text and vision experts)",
        Stack {
            moe: Some(Moe { experts: 64 * 3 + 64, active, shared: 2 * 3, expert_mlp: 512, dense_layers: 1 }),
            ..shapes::stack(28, 2560, 20, 4, 128, 12288)
        },
        103_424,
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ernie_matches_its_published_sizes() {
        let shape = ERNIE45_VL_28B.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // The card's "28B" total is a round figure: the modules sum to about 29.4B (norms, biases and
        // position tables left out), within 6% of it.
        assert!((total as f64 / 28e9 - 1.0).abs() < 0.06, "{total}");
        // "A3B" is a text token's path: 6 text experts (18 units) and the shared 6, about 3B in the
        // decoder stack.
        let text = ernie_lm(18).stack.active_params() as f64 / 1e9;
        assert!((text - 3.0).abs() < 0.2, "{text}");
        // An image token's path is lighter (6 vision experts of 512), and every expert is in memory.
        assert!(shape.lm.stack.active_params() < ernie_lm(18).stack.active_params());
        assert_eq!(shape.lm.params(), ernie_lm(18).params());
    }
}
