//! AIDC's Ovis2.5: dynamic resolution through Ovis's own `smart_resize` (32 px a token: 16-px
//! patches, 2x2 merge), the atoms between `<ovis_image_start>` and `<ovis_image_end>`.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::shapes::{self, Shape, Stack};

const BEFORE: &[Piece] = &[delimiter("<ovis_image_start>", "image start")];
const AFTER: &[Piece] = &[delimiter("<ovis_image_end>", "image end")];

pub const OVIS25_2B: Model = Model {
    id: "ovis-community/Ovis2.5-2B",
    name: "Ovis2.5 2B",
    family: "Ovis2.5",
    released: Month::new(2025, 8),
    params: Some(Params::dense(2.57)),
    context: Some(40_960),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 16,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::Smart {
            min_pixels: 200_704,
            max_pixels: 2_408_448,
            max_aspect_ratio: 200.0,
            flavour: SmartFlavour::Ovis,
        },
        placeholder: "<|image_pad|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: cite!("models/ovis2_5/image_processing_ovis2_5.py"),
        function: cite!(
            "smart_resize (factor 32: small sides expanded, aspect ratios over 200 clamped); \
                   Ovis2_5Processor.replace_image_token (start + grid_thw.prod() // merge_size**2 atoms + end)"
        ),
        config: cite!(
            "transformers convert_ovis2_5_weights_to_hf.py @30cb8a3d: size 448*448 / 1344*1792 (the 2B's \
                 MAX_PIXELS_BY_TEXT_HIDDEN_SIZE), patch 16, merge 2, temporal 1 (class defaults), \
                 <ovis_image_start>/<ovis_image_end> added; the atom token's spelling (config image_token_id \
                 151655, <|image_pad|> in Qwen3's vocabulary) is not pinned and does not change the count; \
                 LM Qwen3-1.7B layout, max_position_embeddings 40960; 2.57 B parameters computed from the \
                 converter's layout (no model-card figure seen); arXiv 2508.11737 (2025-08)"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP2-so400m/16 NaViT", Stack { rotary: true, ..shapes::vit(27, 1152, 16, 4304) }, 0),
        connector_params: VISUAL_TOKENIZER_PARAMS,
        lm: shapes::causal(
            "Qwen3-1.7B",
            Stack { qk_norm: true, ..shapes::stack(28, 2048, 16, 8, 128, 6144) },
            151_936,
            true,
        ),
        source: cite!(
            "transformers convert_ovis2_5_weights_to_hf.py (dev, find_string id 57589338834), which checks the \
                 source config against the released layouts: the 2B's text signature (hidden 2048, 28 layers, 16/8 \
                 heads, MLP 6144), head_dim 128, vocab 151936, tied embeddings for the 2B; vision 27x1152, 16 heads, \
                 MLP 4304, patch 16, hidden_stride 2, use_rope, fullatt_block_indexes None (full attention in \
                 every layer); visual vocabulary 65536; modeling_ovis2_5.py (5.25) for the module shapes. The \
                 connector is Ovis's visual tokenizer: each 2x2 merge of patches through a 4608 -> 65532 head and \
                 a softmax over the visual vocabulary, whose probabilities weight the 65536 x 2048 visual \
                 embedding table (a dense matrix product, once per image token)"
        ),
    }),
    unpinned: &[],
};

/// The visual tokenizer's head (4 x 1152 -> 65536 - 4 indicator tokens) and the visual embedding
/// table (65536 x 2048), both multiplied per image token (modeling_ovis2_5.py
/// Ovis2_5VisualTokenProjector, Ovis2_5VisualEmbeddingProjection).
const VISUAL_TOKENIZER_PARAMS: u64 = 4608 * 65532 + 65536 * 2048;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ovis25_2b_matches_its_published_size() {
        let shape = OVIS25_2B.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // AIDC-AI/Ovis2.5-2B on the Hub: 5.16 GB, nearly all of it bf16 safetensors (2 bytes a
        // parameter; the tokenizer files are about 16 MB): about 2.57B parameters.
        assert!((total as f64 / 2.57e9 - 1.0).abs() < 0.01, "{total}");
        assert_eq!(shape.lm.active_params(), shape.lm.params(), "dense");
    }
}
