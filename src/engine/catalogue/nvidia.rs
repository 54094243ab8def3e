//! NVIDIA's Nemotron 3 Nano Omni: C-RADIOv4-H through a patch budget (16-px patches squished to a
//! grid of 1,024..13,312 patches with even sides, 2x2 pixel shuffle), `<image>` between `<img>` and
//! `</img>`. Eagle 2.5: InternVL-style tiles chosen by aspect ratio and area, numbered in text.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::plan::TokenKind;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Attention, Lm, Moe, Shape, Stack};
use crate::engine::tiled::{Thumbnail, TileSelection, TiledSequence, TiledSpec};

const BEFORE: &[Piece] = &[delimiter("<img>", "image start")];
const AFTER: &[Piece] = &[delimiter("</img>", "image end")];

pub const NEMOTRON3_NANO_OMNI: Model = Model {
    id: "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16",
    name: "Nemotron 3 Nano Omni 30B-A3B",
    family: "Nemotron 3 Omni",
    released: Month::new(2026, 4),
    params: Some(Params { total_b: 30.0, active_b: Some(3.0) }),
    context: Some(262_144),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 16,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        resize: DynamicResize::PatchBudget { min_patches: 1024, max_patches: 13_312, max_model_len: 16_384 },
        placeholder: "<image>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: cite!("models/nemotron_h_omni/image_processing_nemotron_h_omni.py"),
        function: cite!(
            "get_num_patches_budget and get_patch_grid_size (grid round(side/16 + 0.5), scaled into \
                   [min_num_patches, budget], sides made even); NemotronH_Omni processor replace_image_token \
                   (<img> + grid/4 <image> + </img>)"
        ),
        config: cite!(
            "preprocessor_config.json as copied at huggingface.co/Jashan887/76_Nvidia_Reasoning_30B (the \
                 size of nvidia's file): patch 16, downsample_ratio 0.5, min_num_patches 1024, max_num_patches \
                 13312, max_model_len 16384; 256k context, 30B total / 3B active (NVIDIA), released 2026-04-28"
        ),
    },
    shape: Some(Shape {
        // ViT-H/16 with 3 class and 7 register tokens ahead of the patches, learned (CPE) positions.
        vision: shapes::full("C-RADIOv4-H", shapes::vit(32, 1280, 16, 5120), 10),
        // RMSNorm(5120) after the 2x2 pixel shuffle, then 5120 -> 20480 (squared ReLU) -> 2688, no biases.
        connector_params: 5120 * 20480 + 20480 * 2688,
        lm: NEMOTRON3_NANO_LM,
        source: cite!(
            "config.json (a fixture pinned to the checkpoint's config, find_string copy, and the text model \
                 NVIDIA-Nemotron-3-Nano-30B-A3B's config): nemotron_h 52 blocks \
                 MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME (23 Mamba-2, 23 MoE, 6 attention), hidden 2688, \
                 32/2 heads of 128 without positions, Mamba 64 heads x 64, state 128, 8 groups, conv 4; 128 experts \
                 (6 active) of 1856 + a shared 3712, squared ReLU (not gated), vocab 131072 untied; vision \
                 c-radio_v4-h (RadioConfig defaults documented for nvidia/C-RADIOv4-H: 32x1280, 16 heads, MLP 5120, \
                 3 class + 7 register tokens), projector_hidden_size 20480. Approximated: each Mamba-2 block paired \
                 with the MoE block after it as one layer (29 layers: 23 pairs and the 6 attention blocks, those \
                 with no MLP), the shared expert as 2 of 1856 (same weights), so weights, FLOPs and the KV cache are \
                 exact while the kernel count follows 29 layers and the activation peak sees no MLP width; the \
                 Parakeet audio tower (about 0.6B) is not in the shape"
        ),
    }),
    unpinned: &["whether <img> and </img> are single tokens of the checkpoint's tokenizer (counted as one each)"],
};

pub const EAGLE25_8B: Model = Model {
    id: "nvidia/Eagle2.5-8B",
    name: "Eagle 2.5 8B",
    family: "Eagle 2.5",
    released: Month::new(2025, 7),
    params: None,
    context: Some(32_768),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 448,
        patch: 14,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::AreaAndAspect { min_tiles: 1, max_tiles: 12 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::Placeholders {
            before: &[
                // Text to Qwen2.5's tokenizer: "<", "image", " ", "1", ">".
                Piece { kind: TokenKind::Text, text: "<image 1>", label: "image number (text)", tokens: 5 },
                delimiter("<img>", "image start"),
            ],
            placeholder: "<IMG_CONTEXT>",
            after: AFTER,
        },
        global: None,
    }),
    reference: Reference {
        file: cite!(
            "NVIDIA/Isaac-GR00T@5e3ef5e gr00t/model/backbone/eagle2_hg_model/image_processing_eagle2_5_vl_fast.py"
        ),
        function: cite!(
            "find_closest_aspect_ratio (area and aspect, first maximum; candidates a set sorted by tile \
                   count), _get_image_patches (squished, thumbnail last); processing_eagle2_5_vl.py \
                   replace_media_placeholder (\"<image 1><img>\" + 256 <IMG_CONTEXT> a tile + \"</img>\"); \
                   the checkpoint's remote code: transformers has no Eagle 2.5 processor"
        ),
        config: cite!(
            "NVIDIA's copy of the remote code vendored in Isaac-GR00T @5e3ef5e \
                 (gr00t/model/backbone/eagle2_hg_model/, the same algorithm as NVIDIA/Isaac-GR00T @338d3ec and \
                 sglang's copy of the checkpoint's file): min/max_dynamic_tiles 1/12, use_thumbnail true, \
                 tokens_per_tile 256, <img>/</img>/<IMG_CONTEXT> special; Qwen2.5-7B-Instruct LM (README), whose \
                 config gives 32768 positions; released 2025-07 (NVlabs/Eagle README); rows made by running \
                 that code (scripts/golden_eagle.py)"
        ),
    },
    shape: Some(Shape {
        // SigLIP2-so400m: a 448-px tile of 14-px patches (the strategy's) and a 512-px tile of 16-px
        // patches (the README's tower) both give 32 x 32 = 1024 patches, so the tower's work per tile,
        // and this shape, are the same under either tile size.
        vision: shapes::full("SigLIP2-so400m (Eagle 2.5)", shapes::SIGLIP_SO400M, 0),
        // mlp1 (mlp_connector_layers 2): LayerNorm(4608) after the 2x2 pixel shuffle, 4608 -> 3584, GELU,
        // 3584 -> 3584.
        connector_params: 4608 * 3584 + 3584 * 3584,
        lm: shapes::QWEN2_7B,
        source: cite!(
            "NVlabs/Eagle README (\"Siglip2-So400m-Patch16-512\" + Qwen2.5-7B-Instruct): SigLIP so400m \
                 27x1152, 16 heads, MLP 4304; Qwen2.5-7B-Instruct's config.json (28x3584, 28/4 heads of 128, \
                 SwiGLU 18944, vocab 152064 untied; Eagle's own text_config not seen, assumed unresized); \
                 NVIDIA's modeling_eagle2_5_vl.py (Isaac-GR00T @338d3ec) for the 2-layer mlp1 connector. The \
                 shape assumes the 1024 patches a tile that 448/14 and 512/16 share; the tile size itself stays \
                 unpinned"
        ),
    }),
    unpinned: &["the tile size: 448 (the class default and the training recipe's force_image_size) or 512 \
                 (the README's SigLIP2-so400m-patch16-512); both give 256 tokens a tile, but the grid differs for \
                 some sizes (e.g. 2560x1440)"],
};

/// Nemotron 3 Nano 30B-A3B, the Omni's language model, as 29 layers: 23 pairs of a Mamba-2 block and
/// the MoE block after it, and the 6 attention blocks, which carry no MLP (dense width 0).
const NEMOTRON3_NANO_LM: Lm = Lm {
    name: "Nemotron 3 Nano 30B-A3B (Mamba-2 / MoE / attention)",
    stack: Stack {
        gated: false,
        rotary: false,
        // The shared expert (3712 wide) is counted as 2 more experts of 1856: the same weights.
        moe: Some(Moe { experts: 128, active: 6, shared: 2, expert_mlp: 1856, dense_layers: 6 }),
        ..shapes::stack(29, 2688, 32, 2, 128, 0)
    },
    vocab: 131_072,
    tied: false,
    attention: Attention::Hybrid { full_layers: 6, mixer_params: MAMBA2_PARAMS, state_bytes: MAMBA2_STATE_BYTES },
    cross_attention_layers: 0,
};

/// One Mamba-2 mixer (hidden 2688; 64 heads of 64: inner 4096; 8 groups of state 128: conv channels
/// 4096 + 2 x 8 x 128 = 6144; modeling_nemotron_h.py NemotronHMamba2Mixer):
/// in_proj 2688 x (4096 + 6144 + 64) = 27,697,152; depthwise conv1d 6144 x 4 = 24,576;
/// out_proj 4096 x 2688 = 11,010,048 (conv bias, dt_bias, A_log, D and the gated norm left out).
const MAMBA2_PARAMS: u64 = 2688 * (4096 + 6144 + 64) + 6144 * 4 + 4096 * 2688;

/// A Mamba-2 layer's cache: the SSM state, 64 heads x 64 x 128 in float32 (the chunked scan runs in
/// float32 and returns its final state so), plus the conv state, 6144 channels x 4 taps in bf16.
const MAMBA2_STATE_BYTES: u64 = 64 * 64 * 128 * 4 + 6144 * 4 * 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nemotron_omni_matches_its_published_sizes() {
        let shape = NEMOTRON3_NANO_OMNI.shape.expect("a shape");
        // Nemotron 3 Nano 30B-A3B: 31.6B total, 3.2B active, 3.6B with the embeddings (NVIDIA's
        // report as model catalogues quote it).
        let lm = shape.lm.params() as f64 / 1e9;
        assert!((lm / 31.6 - 1.0).abs() < 0.01, "{lm}");
        let active = shape.lm.active_params() as f64 / 1e9;
        assert!((active / 3.6 - 1.0).abs() < 0.03, "{active}");
        // The Omni checkpoint: 66,031,270,520 bytes of bf16 tensors (17 shards, as a loader pins them),
        // 33.0B parameters; the shape lacks only the Parakeet audio tower and its projector (about
        // 0.6B), the position tables and the norms.
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        let checkpoint = 66_031_270_520 / 2;
        assert!(total < checkpoint && checkpoint - total < 800_000_000, "{total}");
    }

    #[test]
    fn eagle25_matches_its_published_size() {
        let shape = EAGLE25_8B.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // "8.1B" (the Hub's count for nvidia/Eagle2.5-8B, as a benchmark table quotes it).
        assert!((total as f64 / 1e9 - 8.1).abs() < 0.1, "{total}");
    }
}
