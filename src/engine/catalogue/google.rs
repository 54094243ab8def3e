//! Google's open checkpoints: PaliGemma (fixed squish, no pooling), Gemma 3 (fixed squish, 4x4
//! pooling, optional pan and scan), Gemma 3n (fixed squish, MobileNet) and Gemma 4 (a fixed token
//! budget that keeps the aspect ratio).

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::fixed::{FixedFit, FixedSpec, PanAndScan};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::{MergeSite, TokenKind};
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Attention, Lm, Shape, Stack};

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
            file: "models/paligemma/processing_paligemma.py",
            function: "PaliGemmaProcessor.replace_image_token (image_seq_length <image> tokens); \
                       the BOS, prompt and \"\\n\" after them are prompt text",
            config,
        },
        shape: Some(Shape {
            vision: shapes::full("SigLIP-so400m", shapes::SIGLIP_SO400M, 0),
            connector_params: 1152 * 2048,
            lm: shapes::PALIGEMMA_LM,
            source: "config.json: SigLIP-so400m/14 (27x1152), Gemma 2B (18x2048, MQA, head 256)",
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
        source: "the PaliGemma 2 converter's 2b variant (convert_paligemma2_weights_to_hf.py) and Gemma2Config: \
                 26x2304, 8/4 heads of 256, GeGLU 9216, sliding window 4096 on alternate layers, tied 257216 \
                 vocabulary; SigLIP-so400m at 448 px; a linear projector. Gemma 2 runs eager attention \
                 (soft-capping; no SDPA), which the timing model does not distinguish",
    }),
    reference: Reference {
        config: "the PaliGemma 2 converter (convert_paligemma2_weights_to_hf.py): SiglipImageProcessor 448x448, \
                 image_seq_length 1024, Gemma 2 2B text (26x2304, 8/4 heads of 256, MLP 9216) from gemma-2-2b-it's \
                 config (max_position_embeddings 8192); paper 2024-12; 3.03B summed from the shapes",
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
        file: "models/gemma3/processing_gemma3.py",
        function: "Gemma3Processor.__init__ (full_image_sequence) and replace_image_token; \
                   Gemma3ImageProcessor.pan_and_scan",
        config: "preprocessor_config.json: size 896x896; processor_config.json: image_seq_length 256; \
                 processor defaults: pan_and_scan_min_crop_size 256, max_num_crops 4, min_ratio_to_activate 1.2; \
                 config.json: text max_position_embeddings 131072",
    },
    shape: Some(Shape {
        vision: shapes::SIGLIP_896,
        connector_params: 1152 * 2560,
        lm: shapes::GEMMA3_4B,
        source: "config.json: SigLIP-so400m at 896 (27x1152), 4x4 average pool + linear, Gemma 3 4B text \
                 (34x2560, 8/4 heads of 256, MLP 10240, sliding window 1024 in 5 of 6 layers)",
    }),
    unpinned: &[],
};

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
        file: "models/gemma3n/processing_gemma3n.py",
        function: "Gemma3nProcessor (full_image_sequence: \\n\\n + boi + 256 soft tokens + eoi + \\n\\n); \
                   SiglipImageProcessor resize to 768x768",
        config: "transformers convert_gemma3n_weights.py @0d9e0ea8: size 768x768, BILINEAR, image_seq_length \
                 256; MobileNet-V5-300M encoder (16x16 output); text max_position_embeddings 32768; 8B raw / \
                 4B effective parameters, released 2025-06-26 (Google developer blog)",
    },
    shape: None,
    unpinned: &["the tokenization of \"\\n\\n\" in Gemma 3n's vocabulary (counted as Gemma 3's one piece, id 108)"],
};

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
        file: "models/gemma4/image_processing_pil_gemma4.py",
        function: GEMMA4_FUNCTION,
        config: "transformers convert_gemma4_weights.py @0f3f0632: max_soft_tokens 280, pooling_kernel_size 3, \
                 patch 16 (class default); 16-layer ViT, 3x3 pooling; text max_position_embeddings 131072; \
                 5.1B parameters with per-layer embeddings, 2.3B effective (third-party pages), released 2026-04",
    },
    shape: None,
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
        file: "models/gemma4_unified/image_processing_gemma4_unified.py",
        function: GEMMA4_FUNCTION,
        config: "transformers convert_gemma4_unified_weights.py @05babaa3: pooling_kernel_size 3, class defaults \
                 max_soft_tokens 280, patch 16 (merged by the processor into 48-px patches, no vision tower); \
                 11.95B parameters (computed from the converter's layout), released 2026-06; context window \
                 not pinned (sources give 131072 and 262144)",
    },
    shape: None,
    unpinned: &[],
};
