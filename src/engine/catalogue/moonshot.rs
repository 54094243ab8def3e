//! Moonshot AI's Kimi K2.6: MoonViT through `navit_resize` (14-px patches, never upscaled, padded
//! to whole 2x2 tokens), the tokens inside the chat template's media block.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::{MergeSite, TokenKind};
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Attention, Lm, Moe, Shape, Stack};

const BEFORE: &[Piece] = &[
    delimiter("<|media_begin|>", "media begin"),
    Piece { kind: TokenKind::Text, text: "image", label: "media kind", tokens: 1 },
    delimiter("<|media_content|>", "media content"),
];
const AFTER: &[Piece] = &[delimiter("<|media_end|>", "media end")];

pub const KIMI_K26: Model = Model {
    id: "moonshotai/Kimi-K2.6",
    name: "Kimi K2.6",
    family: "Kimi K2",
    released: Month::new(2026, 4),
    params: Some(Params { total_b: 1000.0, active_b: Some(32.0) }),
    context: Some(262_144),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        resize: DynamicResize::NoUpscale { max_patches: 16_384, max_side: 512 },
        placeholder: "<|media_pad|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: cite!("models/kimi_k25/image_processing_kimi_k25.py"),
        function: cite!(
            "navit_resize (scale = min(1, sqrt(max_patches / patches), 512*14 / side): never upscaled, \
                   padded to multiples of 28); Kimi_K25Processor (grid_thw.prod() // 4 <|media_pad|>); chat \
                   template <|media_begin|>image<|media_content|>...<|media_end|> (vLLM kimi_k25.py)"
        ),
        config: cite!(
            "transformers-native Kimi_K25ImageProcessor values (hf-internal-testing/tiny-processor-kimi_k25 \
                 processor_config.json: 512 x 512 patches, max_patches 16384, patch 14, merge 2), the same limits \
                 as the checkpoint's remote-code config; K2.5's config.json (K2.6's card gives the same \
                 architecture): max_position_embeddings 262144; 1T total / 32B active (model card), released \
                 2026-04"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("MoonViT", Stack { rotary: true, ..shapes::vit(27, 1152, 16, 4304) }, 0),
        // LayerNorm(1152), then the 2x2 patch merger MLP 4608 -> 4608 -> 7168 (mm_projector.proj.0/2).
        connector_params: 4608 * 4608 + 4608 * 7168,
        lm: KIMI_K2_LM,
        source: cite!(
            "K2.5's config and per-tensor shapes (a dump of moonshotai/Kimi-K2.5 with transformers 5.7; \
                 K2.6's card gives the same architecture, its own config.json not seen): deepseek_v3 text, \
                 61x7168, 64 heads, MLA (q_lora 1536, kv_lora 512, qk nope/rope 128/64, v 128), layer 0 dense \
                 (18432), then 384 experts (8 active) + 1 shared of 2048, vocab 163840 untied; MoonViT 27x1152, \
                 16 heads, MLP 4304; modeling_kimi_k25.py (5.25). Approximated: head_dim 160, the mean of the q/k \
                 head (192) and the v head (128), so that 4 x heads x head_dim FLOPs a (query, key) pair equal \
                 MLA's 2 x 192 + 2 x 128; the INT4 experts are counted as bf16 weights"
        ),
    }),
    unpinned: &["whether the template's \"image\" is one token of Kimi's tiktoken vocabulary (counted as one)"],
};

/// Kimi K2's language model (DeepSeek-V3's design): 61 layers of multi-head latent attention, the
/// first with a dense MLP, the other 60 with 384 routed experts (8 a token) and a shared one.
const KIMI_K2_LM: Lm = Lm {
    name: "Kimi K2 (MLA + MoE)",
    stack: Stack {
        moe: Some(Moe { experts: 384, active: 8, shared: 1, expert_mlp: 2048, dense_layers: 1 }),
        ..shapes::stack(61, 7168, 64, 64, 160, 18432)
    },
    vocab: 163_840,
    tied: false,
    attention: Attention::Latent { kv_rank: 512, rope_dim: 64, attention_params: MLA_PARAMS },
    cross_attention_layers: 0,
};

/// One MLA layer (hidden 7168, 64 heads; q_lora_rank 1536, kv_lora_rank 512, qk_nope_head_dim 128,
/// qk_rope_head_dim 64, v_head_dim 128), as the K2.5 dump's tensors:
/// q_a_proj 7168 x 1536 = 11,010,048; q_b_proj 1536 x 64 x (128 + 64) = 18,874,368;
/// kv_a_proj_with_mqa 7168 x (512 + 64) = 4,128,768; kv_b_proj 512 x 64 x (128 + 128) = 8,388,608;
/// o_proj 64 x 128 x 7168 = 58,720,256; 101,122,048 in all (the two latent norms left out).
const MLA_PARAMS: u64 =
    7168 * 1536 + 1536 * 64 * (128 + 64) + 7168 * (512 + 64) + 512 * 64 * (128 + 128) + 64 * 128 * 7168;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kimi_k26_matches_its_published_size() {
        let shape = KIMI_K26.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // Model card: "1T" total (a rounded figure), "32B" activated; MoonViT "400M".
        assert!((total as f64 / 1e12 - 1.0).abs() < 0.05, "{total}");
        let active = shape.lm.active_params() as f64 / 1e9;
        assert!((active / 32.0 - 1.0).abs() < 0.05, "{active}");
        let vit = shape.vision.stack.params() as f64 / 1e9;
        assert!((vit - 0.4).abs() < 0.02, "{vit}");
    }
}
