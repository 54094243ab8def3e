//! Z.ai's GLM-V checkpoints: dynamic resolution through GLM-4.1V's own `smart_resize` (14-px
//! patches, 2x2 merge, an image counted as two frames), `<|image|>` between `<|begin_of_image|>`
//! and `<|end_of_image|>`; GLM-5.3 counts against a token budget instead (its own
//! `smart_resize`: sides aligned up, the image padded).

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Attention, Lm, Moe, Shape, Stack, Vision};

const BEFORE: &[Piece] = &[delimiter("<|begin_of_image|>", "begin of image")];
const AFTER: &[Piece] = &[delimiter("<|end_of_image|>", "end of image")];

/// A GLM-V checkpoint's strategy: 14-px patches, 2x2 merge, GLM's `smart_resize` over two frames.
const fn glm_v(min_pixels: u64, max_pixels: u64) -> Strategy {
    Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::Smart {
            min_pixels,
            max_pixels,
            max_aspect_ratio: 200.0,
            flavour: SmartFlavour::Glm { frames: 2 },
        },
        placeholder: "<|image|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    })
}

const GLM_VISION: Vision =
    shapes::full("GLM-4V vision (AIMv2-H)", Stack { kv_heads: 12, ..shapes::stack(24, 1536, 12, 12, 128, 4096) }, 0);

/// GLM-4.5V's language model (GLM-4.5-Air): 46 layers, the first dense, then 128 routed experts
/// (8 a token) and a shared one, 1,408 wide; 96 query heads of 128 over 8 KV heads.
const GLM45_AIR: Lm = shapes::causal(
    "GLM-4.5-Air (MoE)",
    Stack {
        moe: Some(Moe { experts: 128, active: 8, shared: 1, expert_mlp: 1408, dense_layers: 1 }),
        ..shapes::stack(46, 4096, 96, 8, 128, 10944)
    },
    151_552,
    false,
);

const REFERENCE_FILE: &str = "models/glm4v/image_processing_glm4v.py";
const REFERENCE_FUNCTION: &str = "smart_resize (num_frames = temporal_factor = temporal_patch_size); \
                                  Glm4vProcessor.replace_image_token (grid_thw.prod() // merge_size**2)";

// The size (min 12,544, max 9,633,792 px over two frames: at most 6,144 tokens) is the GLM-V image
// processor family's, as a port of Glm4vImageProcessor for zai-org checkpoints, exllamav3's GLM-4V
// comment and GLM-V issue #151's 2184x2184 maximum agree; the three checkpoints' own
// preprocessor_config.json files were not seen, so each entry lists it as unpinned.

pub const GLM41V_9B_THINKING: Model = Model {
    id: "zai-org/GLM-4.1V-9B-Thinking",
    name: "GLM-4.1V 9B Thinking",
    family: "GLM-4.1V",
    released: Month::new(2025, 7),
    params: Some(Params::dense(9.0)),
    context: Some(65_536),
    strategy: glm_v(12_544, 9_633_792),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: cite!(
            "patch_size 14, temporal_patch_size 2, merge_size 2 (Glm4vImageProcessor); chat template \
                 <|begin_of_image|><|image|><|end_of_image|> at revision 3c1471e5; context 64k (model card, \
                 tokenizer model_max_length 65536); model card: 9B, released 2025-07"
        ),
    },
    shape: Some(Shape {
        vision: GLM_VISION,
        // RMSNorm, a 2x2 conv to 4096, then a 4096 projection and a SwiGLU 4096 -> 13696 -> 4096.
        connector_params: 210_239_488,
        lm: shapes::causal(
            "GLM-4-9B-0414",
            Stack { sandwich_norm: true, ..shapes::stack(40, 4096, 32, 2, 128, 13696) },
            151_552,
            false,
        ),
        source: cite!(
            "Glm4vConfig defaults documented for this checkpoint (configuration_glm4v.py) and derived \
                 configs with the same text_config (minglanga/GeoSolver, mlx-community/AutoGLM-Phone-9B): 40x4096, \
                 32/2 heads of 128, SwiGLU 13696, 4 norms a layer; vision 24x1536, 12 heads, SwiGLU 4096 (the \
                 MLP uses out_hidden_size); about 10.3B in all"
        ),
    }),
    unpinned: &["the preprocessor's size (12544 / 9633792 px, the family's values)"],
};

pub const GLM45V: Model = Model {
    id: "zai-org/GLM-4.5V",
    name: "GLM-4.5V",
    family: "GLM-4.5V",
    released: Month::new(2025, 8),
    params: Some(Params { total_b: 106.0, active_b: Some(12.0) }),
    context: Some(65_536),
    strategy: glm_v(12_544, 9_633_792),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: cite!(
            "config.json (Glm4vMoe): vision patch_size 14, spatial_merge_size 2, temporal_patch_size 2, \
                 image_token_id 151363, text max_position_embeddings 65536; model card: 106B, 12B active; \
                 GLM-V README: released 2025-08-11"
        ),
    },
    shape: Some(Shape {
        vision: GLM_VISION,
        connector_params: 176_422_912,
        lm: GLM45_AIR,
        source: cite!(
            "a dump of GLM-4.5V's config and per-tensor shapes (transformers 5.7; 107,710,933,120 \
                 parameters in the safetensors, which these shapes reproduce): GLM-4.5-Air body, 46x4096, \
                 layer 0 dense (10944), then 128 experts (8 active) + 1 shared of 1408; GLM-4.1V's vision tower"
        ),
    }),
    unpinned: &["the preprocessor's size (12544 / 9633792 px, assumed as GLM-4.1V's)"],
};

pub const GLM46V: Model = Model {
    id: "zai-org/GLM-4.6V",
    name: "GLM-4.6V",
    family: "GLM-4.6V",
    released: Month::new(2025, 12),
    params: Some(Params { total_b: 106.0, active_b: Some(12.0) }),
    context: Some(131_072),
    strategy: glm_v(12_544, 9_633_792),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: cite!(
            "Glm46VImageProcessor is Glm4vImageProcessor unchanged (transformers 5.25); vision as GLM-4.5V's \
                 (14 / 2 / 2); context 128k (model card, vLLM recipe 131072); GLM-V README: 106B-A12B, released \
                 2025-12-08"
        ),
    },
    shape: Some(Shape {
        vision: GLM_VISION,
        connector_params: 176_422_912,
        lm: GLM45_AIR,
        source: cite!(
            "assumed GLM-4.5V's (both \"106B-A12B\" in the GLM-V README, one class; a shrunken copy of the \
                 config, tiny-random/glm-4.6v, keeps 128 experts, 8 active, 1 shared, the first layer dense); \
                 GLM-4.6V's own config.json was not seen"
        ),
    }),
    unpinned: &["the preprocessor's size (12544 / 9633792 px, assumed as GLM-4.1V's)"],
};

pub const GLM53_FLASH: Model = Model {
    id: "zai-org/GLM-5.3-Flash",
    name: "GLM-5.3 Flash",
    family: "GLM-5.3",
    released: Month::new(2026, 8),
    params: Some(Params { total_b: 320.0, active_b: Some(18.0) }),
    context: Some(1_048_576),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::AlignedTokenBudget { min_tokens: 16, max_tokens: 8000, frames: 2 },
        placeholder: "<|image|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: cite!("models/glm5_next/image_processing_pil_glm5_next.py"),
        function: cite!(
            "smart_resize (a budget of 16..8000 tokens of 28x28 px over 2 frames, sides aligned up, binary \
                   search on the height); the image scaled and padded onto the canvas; Glm5NextProcessor \
                   (grid_thw.prod() // merge_size**2 <|image|>)"
        ),
        config: cite!(
            "preprocessor values patch 14, temporal 2, merge 2, min_image_tokens 16, max_image_tokens 8000 as \
                 four agreeing public copies quote them (kvcache-ai/transformers \
                 tests/models/glm5_next/test_processing_glm5_next.py @ba9ef21c among them); config.json at \
                 revision 84c6a6aa: max_position_embeddings 1048576; 320B total / 18B active (NVIDIA NeMo model \
                 coverage), released 2026-08"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full(
            "GLM-5.3 vision",
            Stack { qk_norm: true, kv_heads: 16, ..shapes::stack(24, 1024, 16, 16, 64, 4096) },
            0,
        ),
        // RMSNorm, a 2x2 conv 1024 -> 4096, then proj 4096 -> 4096 and a SwiGLU 4096 -> 10240 -> 4096.
        connector_params: 1024 * 4 * 4096 + 4096 * 4096 + 3 * 4096 * 10240,
        lm: GLM53_FLASH_LM,
        source: cite!(
            "config.json at revision 84c6a6aa as a pinned, fail-closed source contract for zai-org/GLM-5.3-Flash \
                 asserts it (a public glm5_next loader, find_string id 60289215918; Glm5NextTextConfig's defaults, \
                 documented for the checkpoint, agree on every value used here): text 45 layers of 4096, \
                 layer_types KDA linear attention except DSA in layers 3, 7, ..., 43 (11), KDA 64 heads of 128 with \
                 a 4-tap conv, MLA q_lora 1536 / kv_lora 512 / qk_nope 256 / qk_rope 0 / v 256 over 64 heads, \
                 indexer 32 heads of 128, dense MLP 12288 in layers 0-2, then 288 routed experts (8 a token) and 1 \
                 shared of 2048, vocab 154880 untied, mHC hc_mult 4; vision 24x1024, 16 heads, MLP 4096, out 4096; \
                 projection_intermediate_size 10240 (Glm5NextVisionConfig default, documented for the checkpoint); \
                 modeling_glm5_next.py (5.25) for the module shapes. The MTP layer (45) is not loaded \
                 (_keys_to_ignore_on_load_unexpected) and is left out. Approximated: the 11 DSA layers as attention \
                 with 64 query heads of 256 over one K/V pair of 256: the cache's 512-wide latent a token and layer \
                 (the indexer's 257 values a token are not counted), the attention FLOPs of 256-wide q.k and \
                 a.v; their projections' weights (MLA and indexer, 124.9M a layer; the Stack formula gives 136.3M) \
                 corrected in the KDA mixers' count so the totals stay exact. DSA runs SDPA with a top-k mask (the \
                 memory-efficient kernel over the whole score matrix), priced as causal flash attention; the \
                 mHC streams (4 copies of the hidden state, 35M weights, 20 Sinkhorn steps twice a layer) and \
                 the KDA kernels' own work are not modelled, so the launch floor is low"
        ),
    }),
    unpinned: &[],
};

/// GLM-5.3-Flash's language model: 45 layers, 34 of them KDA (Kimi Delta Attention, linear-time)
/// and 11 DSA (MLA with a sparse top-k indexer); the first 3 dense, then 288 routed experts (8 a
/// token) and a shared one, 2,048 wide.
const GLM53_FLASH_LM: Lm = Lm {
    name: "GLM-5.3-Flash text (KDA + DSA hybrid, MoE)",
    stack: Stack {
        rotary: false,
        moe: Some(Moe { experts: 288, active: 8, shared: 1, expert_mlp: 2048, dense_layers: 3 }),
        ..shapes::stack(45, 4096, 64, 1, 256, 12288)
    },
    vocab: 154_880,
    tied: false,
    attention: Attention::Hybrid {
        full_layers: 11,
        mixer_params: KDA_PARAMS - DSA_EXCESS * 11 / 34,
        state_bytes: KDA_STATE_BYTES,
    },
    cross_attention_layers: 0,
};

/// One KDA layer (modeling_glm5_next.py Glm5NextTextLinearAttention; 64 heads of 128, qkv_dim 8192):
/// q, k, v projections 3 x 4096 x 8192; depthwise conv1d 3 x 8192 channels x 4 taps; the forget
/// gate's f_a 4096 x 128 and f_b 128 x 8192; b_proj 4096 x 64; the output gate's g_a 4096 x 128 and
/// g_b 128 x 8192; o_proj 8192 x 4096 (dt_bias, A_log and the norm's 128 left out).
const KDA_PARAMS: u64 =
    3 * 4096 * 8192 + 3 * 8192 * 4 + 4096 * 128 + 128 * 8192 + 4096 * 64 + 4096 * 128 + 128 * 8192 + 8192 * 4096;

/// A DSA layer's projections weigh less than `Stack::attention_params` says for 64 heads of 256
/// over one K/V pair (2 x 4096 x 16384 + 2 x 4096 x 256 = 136,314,880): MLA's q_a 4096 x 1536, q_b
/// 1536 x 16384, kv_a 4096 x 512, kv_b 512 x 64 x 512 and o 16384 x 4096 (117,440,512), plus the
/// indexer's wq_b 1536 x 4096, wk 4096 x 128, weights_proj 4096 x 32 and compress gate 128 x 4096
/// (7,471,104).
const DSA_EXCESS: u64 = 2 * 4096 * 16384 + 2 * 4096 * 256
    - (4096 * 1536 + 1536 * 16384 + 4096 * 512 + 512 * 64 * 512 + 16384 * 4096)
    - (1536 * 4096 + 4096 * 128 + 4096 * 32 + 128 * 4096);

/// A KDA layer's cache: the recurrent state, 64 heads x 128 x 128 in float32 (the chunked kernel's
/// final state is cast to float32), and the conv state, 3 x 8192 channels x 4 taps in bf16.
const KDA_STATE_BYTES: u64 = 64 * 128 * 128 * 4 + 3 * 8192 * 4 * 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glm53_flash_matches_its_published_sizes() {
        let shape = GLM53_FLASH.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // "320 billion total and 18 billion active parameters" (transformers PR #48342, the source
        // contract's OFFICIAL_TOTAL_PARAMETERS). The published total counts the MTP layer (one more
        // MoE layer of 288 experts, about 7.4B) that transformers does not load: 2.5% under.
        assert!((total as f64 / 320e9 - 1.0).abs() < 0.025, "{total}");
        // The 18B a token goes through: embeddings, head, vision and its own experts.
        let active = shape.vision.stack.params() + shape.connector_params + shape.lm.active_params();
        assert!((active as f64 / 1e9 - 18.0).abs() < 0.5, "{active}");
        assert_eq!(shape.lm.attention_layers(), 11);
    }
}
