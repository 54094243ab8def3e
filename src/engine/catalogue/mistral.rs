//! Mistral's Pixtral: dynamic resolution by longest edge, one `[IMG_BREAK]` per row.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::shapes::{self, Attention, Lm, Moe, Shape, Stack, Vision, VisionAttention};

pub const PIXTRAL_12B: Model = Model {
    id: "mistral-community/pixtral-12b",
    name: "Pixtral 12B",
    family: "Pixtral",
    released: Month::new(2024, 9),
    params: Some(Params::dense(12.7)),
    context: Some(131_072),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 16,
        merge: 1,
        merge_site: MergeSite::None,
        resize: DynamicResize::LongestEdge { longest_edge: 1024 },
        placeholder: "[IMG]",
        layout: RowLayout::BreakEachRow { row_break: "[IMG_BREAK]", end: "[IMG_END]" },
    }),
    reference: Reference {
        file: cite!("models/pixtral/image_processing_pixtral.py"),
        function: cite!("get_resize_output_image_size, _num_image_tokens; PixtralProcessor.replace_image_token"),
        config: cite!(
            "preprocessor_config.json: longest_edge 1024, patch_size 16; processor_config.json: \
                 spatial_merge_size 1; context 128k as Mistral documents Pixtral 12B"
        ),
    },
    shape: Some(Shape {
        vision: Vision {
            name: "Pixtral-ViT",
            stack: shapes::stack(24, 1024, 16, 16, 64, 4096),
            attention: VisionAttention::Full,
            extra_tokens: 0,
            totals: None,
        },
        connector_params: 1024 * 5120 + 5120 * 5120,
        lm: shapes::causal("Mistral-NeMo-12B", shapes::stack(40, 5120, 32, 8, 128, 14336), 131_072, false),
        source: cite!(
            "config.json: Pixtral-ViT 24x1024 (SwiGLU 4096, 2D rotary), 2-layer projector, Mistral NeMo 12B \
                 (40x5120, 32/8 heads of 128)"
        ),
    }),
    unpinned: &[],
};

/// Mistral Small 3.1 and 4 (`mistral3`: PixtralProcessor with 14-px patches and a 2x2 spatial
/// merge): scaled to fit 1540 px, sides rounded up to 28 px, one `[IMG]` a 28-px cell, a
/// `[IMG_BREAK]` closing each row and `[IMG_END]` the last.
const MISTRAL3_1540: Strategy = Strategy::Dynamic(DynamicSpec {
    patch: 14,
    merge: 2,
    merge_site: MergeSite::ProjectorMerger,
    resize: DynamicResize::LongestEdge { longest_edge: 1540 },
    placeholder: "[IMG]",
    layout: RowLayout::BreakEachRow { row_break: "[IMG_BREAK]", end: "[IMG_END]" },
});

const MISTRAL3_FUNCTION: &str = "get_resize_output_image_size (patch_size * spatial_merge_size); \
                                 PixtralProcessor.replace_image_token";

pub const MISTRAL_SMALL_31: Model = Model {
    id: "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
    name: "Mistral Small 3.1 24B",
    family: "Mistral Small 3.1",
    released: Month::new(2025, 3),
    params: Some(Params::dense(24.0)),
    context: Some(131_072),
    strategy: MISTRAL3_1540,
    reference: Reference {
        file: cite!("models/pixtral/image_processing_pixtral.py"),
        function: MISTRAL3_FUNCTION,
        config: cite!(
            "preprocessor_config.json: patch_size 14, longest_edge 1540; processor_config.json: \
                 spatial_merge_size 2 (transformers' Mistral3 conversion script and config defaults; PR #37019 \
                 fixed early conversions that lacked it, giving 4x the tokens); config.json: text \
                 max_position_embeddings 131072; released 2025-03-17"
        ),
    },
    shape: Some(Shape {
        vision: Vision {
            name: "Pixtral-ViT (Mistral Small 3.1)",
            stack: shapes::stack(24, 1024, 16, 16, 64, 4096),
            attention: VisionAttention::Full,
            extra_tokens: 0,
            totals: None,
        },
        // RMSNorm, the 2x2 patch merger (4096 -> 1024), then 1024 -> 5120 -> 5120.
        connector_params: 35_651_584,
        lm: shapes::causal("Mistral-Small-3.1 text", shapes::stack(40, 5120, 32, 8, 128, 32768), 131_072, false),
        source: cite!(
            "Mistral3Config defaults documented for this checkpoint (configuration_mistral3.py) and derived \
                 configs: 40x5120, 32/8 heads of 128, SwiGLU 32768, 131072 vocabulary untied; Pixtral-ViT \
                 24x1024; 24.01B computed against the card's 24B"
        ),
    }),
    unpinned: &[],
};

pub const MISTRAL_SMALL_4: Model = Model {
    id: "mistralai/Mistral-Small-4-119B-2603",
    name: "Mistral Small 4 119B",
    family: "Mistral Small 4",
    released: Month::new(2026, 3),
    params: Some(Params { total_b: 119.0, active_b: Some(6.5) }),
    context: Some(262_144),
    strategy: MISTRAL3_1540,
    reference: Reference {
        file: cite!("models/pixtral/image_processing_pixtral.py"),
        function: MISTRAL3_FUNCTION,
        config: cite!(
            "model type mistral3 (text mistral4, transformers 5.25's Mistral4Config names this checkpoint): \
                 PixtralProcessor; patch 14, longest_edge 1540, spatial merge 2 (vLLM's recipe, the conversion \
                 script, a release-mimicking test fixture; the checkpoint's own files not seen); context 256k as \
                 documented (its config advertises 1,048,576 positions); Mistral: 119B, 6.5B active, 2026-03-16"
        ),
    },
    shape: Some(Shape {
        vision: Vision {
            name: "Pixtral-ViT (Mistral Small 4)",
            stack: shapes::stack(24, 1024, 16, 16, 64, 4096),
            attention: VisionAttention::Full,
            extra_tokens: 0,
            totals: None,
        },
        // RMSNorm, the 2x2 patch merger (4096 -> 1024), then 1024 -> 4096 -> 4096, no biases.
        connector_params: 4096 * 1024 + 1024 * 4096 + 4096 * 4096,
        lm: MISTRAL4_LM,
        source: cite!(
            "Mistral4Config defaults documented for this checkpoint (configuration_mistral4.py, 5.25), which \
                 the checkpoint's config.json and params.json agree with as third parties quote them: 36x4096, 32 \
                 heads, MLA (q_lora 1024, kv_lora 256, qk nope/rope 64/64, v 128), every layer 128 experts (4 \
                 active) + 1 shared of 2048 (intermediate_size 12288 unused), vocab 131072 untied; vision encoder \
                 24x1024, 16 heads, patch 14 (params.json, config.json), its SwiGLU 4096 and projector taken as \
                 Mistral Small 3.1's: with the norms these reproduce the safetensors index's 117,879,865,344 FP8 \
                 parameters exactly and its 119,401,317,952 in all but for 19,008 scalars (FP8 scales)"
        ),
    }),
    unpinned: &[],
};

/// Mistral Small 4's language model: 36 layers of multi-head latent attention, each with a mixture of
/// 128 routed experts (4 a token) and a shared one, all 2048 wide; no dense layer.
const MISTRAL4_LM: Lm = Lm {
    name: "Mistral Small 4 text (MLA + MoE)",
    stack: Stack {
        moe: Some(Moe { experts: 128, active: 4, shared: 1, expert_mlp: 2048, dense_layers: 0 }),
        ..shapes::stack(36, 4096, 32, 32, 128, 12288)
    },
    vocab: 131_072,
    tied: false,
    attention: Attention::Latent { kv_rank: 256, rope_dim: 64, attention_params: MISTRAL4_MLA_PARAMS },
    cross_attention_layers: 0,
};

/// One MLA layer (hidden 4096, 32 heads; q_lora_rank 1024, kv_lora_rank 256, qk_nope_head_dim 64,
/// qk_rope_head_dim 64, v_head_dim 128): q_a_proj 4096 x 1024 = 4,194,304;
/// q_b_proj 1024 x 32 x (64 + 64) = 4,194,304; kv_a_proj_with_mqa 4096 x (256 + 64) = 1,310,720;
/// kv_b_proj 256 x 32 x (64 + 128) = 1,572,864; o_proj 32 x 128 x 4096 = 16,777,216;
/// 28,049,408 in all (the two latent norms left out). q/k heads are 128 wide, as v's: head_dim 128.
const MISTRAL4_MLA_PARAMS: u64 =
    4096 * 1024 + 1024 * 32 * (64 + 64) + 4096 * (256 + 64) + 256 * 32 * (64 + 128) + 32 * 128 * 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistral_small_4_matches_its_safetensors_index() {
        let shape = MISTRAL_SMALL_4.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // model.safetensors.index.json: 119,401,317,952 parameters (Hub collection numParameters).
        assert!((total as f64 / 119_401_317_952.0 - 1.0).abs() < 1e-4, "{total}");
        // Card: 6.5B activated a token.
        let active = shape.lm.active_params() as f64 / 1e9;
        assert!((active / 6.5 - 1.0).abs() < 0.03, "{active}");
    }
}
