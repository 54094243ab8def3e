//! Google's open checkpoints: PaliGemma (fixed squish, no pooling), Gemma 3 (fixed squish, 4x4
//! pooling, optional pan and scan), Gemma 3n (fixed squish, MobileNet) and Gemma 4 (a fixed token
//! budget that keeps the aspect ratio).

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::fixed::{FixedFit, FixedSpec, PanAndScan};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::{MergeSite, TokenKind};
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Attention, Lm, Shape, Stack, TowerTotals, Vision};

const fn paligemma(id: &'static str, name: &'static str, side: u32, config: &'static str) -> Model {
    Model {
        id,
        name,
        family: "PaliGemma",
        released: Month::new(2024, 5),
        params: Some(Params::dense(2.92)),
        context: Some(8192),
        strategy: Strategy::Fixed(FixedSpec {
            side,
            fit: FixedFit::Squish,
            patch: 14,
            pool: 1,
            placeholder: "<image>",
            before: &[],
            after: &[],
            pan_and_scan: None,
        }),
        reference: Reference {
            file: cite!("models/paligemma/processing_paligemma.py"),
            function: cite!(
                "PaliGemmaProcessor.replace_image_token (image_seq_length <image> tokens); \
                       the BOS, prompt and \"\\n\" after them are prompt text"
            ),
            config,
        },
        shape: Some(Shape {
            vision: shapes::full("SigLIP-so400m", shapes::SIGLIP_SO400M, 0),
            connector_params: 1152 * 2048,
            lm: shapes::PALIGEMMA_LM,
            source: cite!("config.json: SigLIP-so400m/14 (27x1152), Gemma 2B (18x2048, MQA, head 256)"),
        }),
        unpinned: &[],
    }
}

pub const PALIGEMMA_224: Model = paligemma(
    "google/paligemma-3b-pt-224",
    "PaliGemma 224",
    224,
    "preprocessor_config.json: 224x224, image_seq_length 256; config.json: text max_position_embeddings 8192",
);

pub const PALIGEMMA_448: Model = paligemma(
    "google/paligemma-3b-pt-448",
    "PaliGemma 448",
    448,
    "preprocessor_config.json: 448x448, image_seq_length 1024; config.json: text max_position_embeddings 8192",
);

pub const PALIGEMMA_896: Model = paligemma(
    "google/paligemma-3b-pt-896",
    "PaliGemma 896",
    896,
    "preprocessor_config.json: 896x896, image_seq_length 4096; config.json: text max_position_embeddings 8192",
);

pub const PALIGEMMA2_448: Model = Model {
    id: "google/paligemma2-3b-pt-448",
    name: "PaliGemma 2 448",
    family: "PaliGemma 2",
    released: Month::new(2024, 12),
    params: Some(Params::dense(3.03)),
    context: Some(8192),
    shape: Some(Shape {
        vision: shapes::full("SigLIP-so400m@448", shapes::SIGLIP_SO400M, 0),
        connector_params: 1152 * 2304,
        lm: Lm {
            name: "Gemma2-2B",
            stack: Stack { sandwich_norm: true, ..shapes::stack(26, 2304, 8, 4, 256, 9216) },
            vocab: 257_216,
            tied: true,
            // Every other layer sees a window of 4,096 tokens.
            attention: Attention::SlidingWindow { window: 4096, global_every: 2 },
            cross_attention_layers: 0,
        },
        source: cite!(
            "the PaliGemma 2 converter's 2b variant (convert_paligemma2_weights_to_hf.py) and Gemma2Config: \
                 26x2304, 8/4 heads of 256, GeGLU 9216, sliding window 4096 on alternate layers, tied 257216 \
                 vocabulary; SigLIP-so400m at 448 px; a linear projector. Gemma 2 runs eager attention \
                 (soft-capping; no SDPA), which the timing model does not distinguish"
        ),
    }),
    reference: Reference {
        config: cite!(
            "the PaliGemma 2 converter (convert_paligemma2_weights_to_hf.py): SiglipImageProcessor 448x448, \
                 image_seq_length 1024, Gemma 2 2B text (26x2304, 8/4 heads of 256, MLP 9216) from gemma-2-2b-it's \
                 config (max_position_embeddings 8192); paper 2024-12; 3.03B summed from the shapes"
        ),
        ..PALIGEMMA_448.reference
    },
    ..PALIGEMMA_448
};

const GEMMA3_NEWLINES: Piece = Piece { kind: TokenKind::Text, text: "\n\n", label: "blank line", tokens: 1 };

pub const GEMMA3_4B: Model = Model {
    id: "google/gemma-3-4b-it",
    name: "Gemma 3 4B",
    family: "Gemma 3",
    released: Month::new(2025, 3),
    params: Some(Params::dense(4.3)),
    context: Some(131_072),
    strategy: Strategy::Fixed(FixedSpec {
        side: 896,
        fit: FixedFit::Squish,
        patch: 14,
        pool: 4,
        placeholder: "<image_soft_token>",
        // Gemma3Processor.full_image_sequence; "\n\n" is one token (id 108) in Gemma's vocabulary.
        before: &[GEMMA3_NEWLINES, delimiter("<start_of_image>", "start of image")],
        after: &[delimiter("<end_of_image>", "end of image"), GEMMA3_NEWLINES],
        // Gemma3Processor.replace_image_token with crops; token counts from Gemma 3's vocabulary
        // ("Here", "▁is", "▁the", "▁original", "▁image", "▁" and so on).
        pan_and_scan: Some(PanAndScan {
            min_crop: 256,
            max_crops: 4,
            min_ratio: 1.2,
            intro: Piece { kind: TokenKind::Text, text: "Here is the original image ", label: "intro text", tokens: 6 },
            bridge: Piece {
                kind: TokenKind::Text,
                text: " and here are some crops to help you see better ",
                label: "text before the crops",
                tokens: 11,
            },
            separator: Piece { kind: TokenKind::Text, text: " ", label: "space between crops", tokens: 1 },
        }),
    }),
    reference: Reference {
        file: cite!("models/gemma3/processing_gemma3.py"),
        function: cite!(
            "Gemma3Processor.__init__ (full_image_sequence) and replace_image_token; \
                   Gemma3ImageProcessor.pan_and_scan"
        ),
        config: cite!(
            "preprocessor_config.json: size 896x896; processor_config.json: image_seq_length 256; \
                 processor defaults: pan_and_scan_min_crop_size 256, max_num_crops 4, min_ratio_to_activate 1.2; \
                 config.json: text max_position_embeddings 131072"
        ),
    },
    shape: Some(Shape {
        vision: shapes::SIGLIP_896,
        connector_params: 1152 * 2560,
        lm: shapes::GEMMA3_4B,
        source: cite!(
            "config.json: SigLIP-so400m at 896 (27x1152), 4x4 average pool + linear, Gemma 3 4B text \
                 (34x2560, 8/4 heads of 256, MLP 10240, sliding window 1024 in 5 of 6 layers)"
        ),
    }),
    unpinned: &[],
};

/// Gemma 3n E4B's 262,400-entry vocabulary plus its per-layer embeddings (262,144 x 35 layers x
/// 256) counted as rows of the 2048-wide table: 2,348,810,240 / 2048 = 1,146,880 rows.
const GEMMA3N_E4B_VOCAB: u32 = 262_400 + 1_146_880;

pub const GEMMA3N_E4B: Model = Model {
    id: "google/gemma-3n-E4B-it",
    name: "Gemma 3n E4B",
    family: "Gemma 3n",
    released: Month::new(2025, 6),
    params: Some(Params { total_b: 8.0, active_b: Some(4.0) }),
    context: Some(32_768),
    strategy: Strategy::Fixed(FixedSpec {
        side: 768,
        fit: FixedFit::Squish,
        // MobileNet-V5 is convolutional: its 16x16 output grid is one token per 48x48 px block.
        patch: 48,
        pool: 1,
        placeholder: "<image_soft_token>",
        before: &[GEMMA3_NEWLINES, delimiter("<start_of_image>", "start of image")],
        after: &[delimiter("<end_of_image>", "end of image"), GEMMA3_NEWLINES],
        pan_and_scan: None,
    }),
    reference: Reference {
        file: cite!("models/gemma3n/processing_gemma3n.py"),
        function: cite!(
            "Gemma3nProcessor (full_image_sequence: \\n\\n + boi + 256 soft tokens + eoi + \\n\\n); \
                   SiglipImageProcessor resize to 768x768"
        ),
        config: cite!(
            "transformers convert_gemma3n_weights.py @0d9e0ea8: size 768x768, BILINEAR, image_seq_length \
                 256; MobileNet-V5-300M encoder (16x16 output); text max_position_embeddings 32768; 8B raw / \
                 4B effective parameters, released 2025-06-26 (Google developer blog)"
        ),
    },
    shape: Some(Shape {
        // MobileNet-V5-300M is convolutional: its weights and its work at 768x768 are counted
        // whole; the stack (84 blocks at the 2048-wide output) only sets the launch floor, the
        // matrix width and the activations.
        vision: Vision {
            totals: Some(TowerTotals { params: 294_126_912, flops_per_view: 871.5e9 }),
            ..shapes::full("MobileNet-V5-300M", shapes::vit(84, 2048, 16, 8192), 0)
        },
        // Gemma3nMultimodalEmbedder: soft-token norms and a 2048 -> 2048 projection.
        connector_params: 4_460_544,
        lm: Lm {
            name: "Gemma 3n E4B text",
            stack: Stack { qk_norm: true, sandwich_norm: true, ..shapes::stack(35, 2048, 8, 2, 256, 16384) },
            vocab: GEMMA3N_E4B_VOCAB,
            tied: true,
            // layer_types: (4 sliding + 1 full) x 7; sliding_window 512.
            attention: Attention::SlidingWindow { window: 512, global_every: 5 },
            cross_attention_layers: 0,
        },
        source: cite!(
            "transformers 5.25.0 Gemma3nTextConfig defaults, which convert_gemma3n_weights.py takes for its \
                 gemma3n_e4b variant (E2B overrides them): 35x2048, 8 heads, 2 KV heads of 256, MLP 16384, vocab \
                 262400 tied, per-layer embeddings 262144 x 35 x 256, layer_types 4 sliding + 1 full, \
                 sliding_window 512, 15 KV-sharing layers; built on the meta device: 6,835,235,568 text weights. \
                 Vision: timm 1.0.31 mobilenetv5_300m_enc, 294,126,912 weights, 871.5 GFLOP for one 768x768 image \
                 (torch FlopCounterMode: 775.7 G convolution, 95.8 G attention), output 2048 x 16 x 16; the \
                 embedder 4,460,544 weights. No official config.json was readable (the Hub is out of reach). \
                 Approximated: the per-layer embeddings (2.35B) as extra embedding rows; AltUp, LAuReL and the \
                 per-layer projections (65M) are left out, as is the audio tower (681M); the MobileNet's \
                 launch floor, matrix efficiency and activations as 84 transformer blocks 2048 wide (its early \
                 stages run at 384x384 with fewer channels, so its real activations are larger). KV cache: \
                 transformers keeps none for the 15 layers (20-34) that reuse earlier layers' K/V; the cost model \
                 caches all 35, so it overstates the cache"
        ),
    }),
    unpinned: &["the tokenization of \"\\n\\n\" in Gemma 3n's vocabulary (counted as Gemma 3's one piece, id 108)"],
};

/// Gemma 4 E2B's per-layer embedding table (PLE): 262,144 tokens x 35 layers x 256 values
/// (vocab_size_per_layer_input x num_hidden_layers x hidden_size_per_layer_input), 2.35B weights
/// looked up, never multiplied.
const GEMMA4_E2B_PLE: u64 = 262_144 * 35 * 256;
/// Its decoder width, the width of the rows the PLE table is counted in.
const GEMMA4_E2B_HIDDEN: u32 = 1536;
/// The token embedding (262,144 rows) plus the PLE table counted as rows of the decoder's width
/// (2,348,810,240 / 1,536 = 1,529,173 rows; 512 weights lost to rounding), so that the model's
/// weights hold it: one embedding matrix is the only place the shapes have for looked-up weights,
/// and the one logit row the prefill computes over it adds a negligible 5 GFLOP.
const GEMMA4_E2B_VOCAB: u32 = 262_144 + (GEMMA4_E2B_PLE / GEMMA4_E2B_HIDDEN as u64) as u32;
/// The KV-sharing layers (the last 20 of 35) have double-wide MLPs (use_double_wide_mlp): 15 layers
/// of 6,144 and 20 of 12,288 average 337,920 / 35 = 9,654.9, so one width of 9,655 gives the MLP
/// weights and FLOPs exactly (the activation peak of the widest layer is understated by a fifth).
const GEMMA4_E2B_MLP: u32 = 9655;

const GEMMA4_BEFORE: &[Piece] = &[delimiter("<|image>", "begin of image")];
const GEMMA4_AFTER: &[Piece] = &[delimiter("<image|>", "end of image")];
const GEMMA4_FUNCTION: &str = "get_aspect_ratio_preserving_size (budget max_soft_tokens * 9 patches of 16 px, \
                               sides floored to 48 px); Gemma4Processor.replace_image_token (boi + tokens + eoi)";

pub const GEMMA4_E2B: Model = Model {
    id: "google/gemma-4-E2B-it",
    name: "Gemma 4 E2B",
    family: "Gemma 4",
    released: Month::new(2026, 4),
    params: Some(Params { total_b: 5.1, active_b: Some(2.3) }),
    context: Some(131_072),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 16,
        merge: 3,
        merge_site: MergeSite::AveragePooling,
        resize: DynamicResize::SoftTokenBudget { max_soft_tokens: 280 },
        placeholder: "<|image|>",
        layout: RowLayout::Flat { before: GEMMA4_BEFORE, after: GEMMA4_AFTER },
    }),
    reference: Reference {
        file: cite!("models/gemma4/image_processing_pil_gemma4.py"),
        function: GEMMA4_FUNCTION,
        config: cite!(
            "transformers convert_gemma4_weights.py @0f3f0632: max_soft_tokens 280, pooling_kernel_size 3, \
                 patch 16 (class default); 16-layer ViT, 3x3 pooling; text max_position_embeddings 131072; \
                 5.1B parameters with per-layer embeddings, 2.3B effective (third-party pages), released 2026-04"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full(
            "Gemma 4 vision (16x768)",
            Stack { qk_norm: true, sandwich_norm: true, ..shapes::stack(16, 768, 12, 12, 64, 3072) },
            0,
        ),
        // embed_vision: RMSNorm, then a linear map from the pooled 768-wide vectors to the decoder's 1536.
        connector_params: 768 * GEMMA4_E2B_HIDDEN as u64,
        lm: Lm {
            name: "Gemma 4 E2B text",
            stack: Stack {
                qk_norm: true,
                sandwich_norm: true,
                ..shapes::stack(35, GEMMA4_E2B_HIDDEN, 8, 1, 256, GEMMA4_E2B_MLP)
            },
            vocab: GEMMA4_E2B_VOCAB,
            tied: true,
            // layer_types: (4 sliding + 1 full) x 7; sliding_window 512.
            attention: Attention::SlidingWindow { window: 512, global_every: 5 },
            cross_attention_layers: 0,
        },
        source: cite!(
            "transformers convert_gemma4_weights.py @0f3f0632 _VARIANTS['gemma-4-e2b'] with Gemma4TextConfig \
                 defaults (the class is documented for google/gemma-4-e2b-it): 35x1536, 8 heads, 1 KV head of 256, \
                 MLP 6144 (double-wide 12288 in the 20 KV-sharing layers: averaged to 9655), layer_types 4 sliding + \
                 1 full x 7, sliding_window 512, tied 262144 vocabulary, PLE 256 a layer; vision \
                 _ON_DEVICE_VISION_CONFIG: 16x768, 12 heads of 64, GeGLU 3072, 3x3 pooling; a third-party copy of \
                 the checkpoint's config.json agrees. Approximated: the per-layer embeddings (2.35B) are counted as \
                 extra embedding rows (vocab 1,791,317); the 7 full-attention layers' 512-wide heads, the KV-sharing \
                 layers' missing K/V projections and the PLE gate/projection matrices (41M) are not distinguished \
                 (attention weights -31M); the audio tower (~0.3B) and the vision patch and position embeddings \
                 (16M) are left out. KV cache: transformers keeps none for the 20 layers (15-34) that reuse layers \
                 13 and 14's K/V, and the 3 full layers among 0-14 have 512-wide heads; the cost model caches all 35 \
                 layers at 256, so it overstates the cache (about 2x below the 512-token window, 1.2x on long \
                 prompts). Vision cost counts the image's patches; the tower runs on all 2,520 padded slots. The \
                 full layers stay causal (use_bidirectional_attention None), yet the cost model counts them masked"
        ),
    }),
    unpinned: &[],
};

pub const GEMMA4_12B: Model = Model {
    id: "google/gemma-4-12B-it",
    name: "Gemma 4 12B",
    family: "Gemma 4",
    released: Month::new(2026, 6),
    params: Some(Params::dense(11.95)),
    context: None,
    strategy: Strategy::Dynamic(DynamicSpec {
        // The unified processor cuts 48-px patches and the model embeds each as one token.
        patch: 48,
        merge: 1,
        merge_site: MergeSite::None,
        resize: DynamicResize::SoftTokenBudget { max_soft_tokens: 280 },
        placeholder: "<|image|>",
        layout: RowLayout::Flat { before: GEMMA4_BEFORE, after: GEMMA4_AFTER },
    }),
    reference: Reference {
        file: cite!("models/gemma4_unified/image_processing_gemma4_unified.py"),
        function: GEMMA4_FUNCTION,
        config: cite!(
            "transformers convert_gemma4_unified_weights.py @05babaa3: pooling_kernel_size 3, class defaults \
                 max_soft_tokens 280, patch 16 (merged by the processor into 48-px patches, no vision tower); \
                 11.95B parameters (computed from the converter's layout), released 2026-06; context window \
                 not pinned (sources give 131072 and 262144)"
        ),
    },
    shape: Some(Shape {
        // Encoder-free: 48-px patches go straight into the language model.
        vision: shapes::full("none (patch embedding only)", shapes::vit(0, 3840, 16, 0), 0),
        // The patch embedding (6,912 = 48 x 48 x 3 values to 3,840) and embed_vision's projection
        // (3,840 to 3,840); the 1,120 x 2 x 3,840 position table (8.6M) is looked up, not counted.
        connector_params: 6912 * 3840 + 3840 * 3840,
        lm: Lm {
            name: "Gemma 4 12B text",
            stack: Stack { qk_norm: true, sandwich_norm: true, ..shapes::stack(48, 3840, 16, 8, 256, 15360) },
            vocab: 262_144,
            tied: true,
            // layer_types: (5 sliding + 1 full) x 8; sliding_window 1024.
            attention: Attention::SlidingWindow { window: 1024, global_every: 6 },
            cross_attention_layers: 0,
        },
        source: cite!(
            "transformers convert_gemma4_unified_weights.py @05babaa3 _VARIANTS['gemma-4-12b'] with \
                 Gemma4UnifiedTextConfig and Gemma4UnifiedVisionConfig defaults (documented for \
                 google/gemma-4-12B-it): 48x3840, 16 heads, 8 KV heads of 256, GeGLU 15360, layer_types 5 sliding + \
                 1 full x 8, sliding_window 1024, tied 262144 vocabulary, no per-layer embeddings, no KV sharing; \
                 no vision tower (patch embedding 6912 -> 3840, position table, projection 3840 -> 3840); \
                 third-party copies of the config agree. Approximated: the 8 full-attention layers have 1 KV head \
                 of 512 with K = V (no V projection) and 512-wide query heads, described here as the sliding \
                 layers' 8 of 256: attention weights -141M (-1.2%), attention FLOPs of those layers halved, and \
                 their KV cache 4x too large (the whole cache +14% within the 1,024-token window, up to 2.8x at \
                 32K tokens); the full layers are causal only (no bidirectional image block), yet the cost model \
                 counts them masked like the sliding ones"
        ),
    }),
    unpinned: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn billions(shape: &Shape) -> f64 {
        (shape.vision.params() + shape.connector_params + shape.lm.params()) as f64 / 1e9
    }

    #[test]
    fn gemma3n_e4b_is_its_raw_size_less_the_audio_tower() {
        let shape = GEMMA3N_E4B.shape.expect("a shape");
        // transformers 5.25 builds 7,818,517,072 weights (the "8B raw" of Google's announcement),
        // 681,348,640 of them the audio tower, which the shape leaves out; AltUp, LAuReL and the
        // per-layer projections (65M) are not in it either.
        let total = billions(&shape);
        assert!((total / ((7_818_517_072.0 - 681_348_640.0) / 1e9) - 1.0).abs() < 0.012, "{total}");
        // The text decoder without its per-layer table is the "4B effective" (3.9B + embeddings).
        let effective = (shape.lm.params() - 2_348_810_240) as f64 / 1e9;
        assert!((effective - 4.43).abs() < 0.1, "{effective}");
        // The convolutional tower: its own count, not its stand-in stack's.
        assert_eq!(shape.vision.params(), 294_126_912);
        assert_ne!(shape.vision.stack.params(), shape.vision.params());
    }

    #[test]
    fn gemma4_e2b_holds_its_per_layer_embeddings() {
        let shape = GEMMA4_E2B.shape.expect("a shape");
        // The model card (as apxml.com/models/gemma-4-e2b quotes it): 5.1B with per-layer
        // embeddings, of which the ~0.3B audio encoder is not in the shape.
        let total = billions(&shape);
        assert!((total - (5.1 - 0.3)).abs() < 0.15, "{total}");
        // "2.3B effective": the text decoder without the per-layer table.
        let effective = (shape.lm.params() - GEMMA4_E2B_PLE) as f64 / 1e9;
        assert!((effective / 2.3 - 1.0).abs() < 0.05, "{effective}");
        // The card's ~150M vision encoder.
        let vision = shape.vision.stack.params() as f64 / 1e9;
        assert!((vision - 0.15).abs() < 0.01, "{vision}");
    }

    #[test]
    fn gemma4_12b_is_its_published_size() {
        // 11.95B (the model card, as knightli.com and recipes.vllm.ai quote it); the shapes leave out
        // the full-attention layers' wider heads (-1.2%).
        let total = billions(&GEMMA4_12B.shape.expect("a shape"));
        assert!((total / 11.95 - 1.0).abs() < 0.02, "{total}");
    }
}
