//! Moonshot AI's Kimi K2.6: MoonViT through `navit_resize` (14-px patches, never upscaled, padded
//! to whole 2x2 tokens), the tokens inside the chat template's media block.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::{MergeSite, TokenKind};
use crate::engine::sequence::{Piece, delimiter};

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
        file: "models/kimi_k25/image_processing_kimi_k25.py",
        function: "navit_resize (scale = min(1, sqrt(max_patches / patches), 512*14 / side): never upscaled, \
                   padded to multiples of 28); Kimi_K25Processor (grid_thw.prod() // 4 <|media_pad|>); chat \
                   template <|media_begin|>image<|media_content|>...<|media_end|> (vLLM kimi_k25.py)",
        config: "transformers-native Kimi_K25ImageProcessor values (hf-internal-testing/tiny-processor-kimi_k25 \
                 processor_config.json: 512 x 512 patches, max_patches 16384, patch 14, merge 2), the same limits \
                 as the checkpoint's remote-code config; K2.5's config.json (K2.6's card gives the same \
                 architecture): max_position_embeddings 262144; 1T total / 32B active (model card), released \
                 2026-04",
    },
    shape: None,
    unpinned: &["whether the template's \"image\" is one token of Kimi's tiktoken vocabulary (counted as one)"],
};
