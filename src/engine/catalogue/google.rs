//! Google's open checkpoints: PaliGemma (fixed squish, no pooling) and Gemma 3 (fixed squish,
//! 4x4 pooling, optional pan and scan).

use crate::engine::fixed::{FixedFit, FixedSpec, PanAndScan};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::TokenKind;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Shape};

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
    shape: None,
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
