//! AIDC's Ovis2.5: dynamic resolution through Ovis's own `smart_resize` (32 px a token: 16-px
//! patches, 2x2 merge), the atoms between `<ovis_image_start>` and `<ovis_image_end>`.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};

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
        file: "models/ovis2_5/image_processing_ovis2_5.py",
        function: "smart_resize (factor 32: small sides expanded, aspect ratios over 200 clamped); \
                   Ovis2_5Processor.replace_image_token (start + grid_thw.prod() // merge_size**2 atoms + end)",
        config: "transformers convert_ovis2_5_weights_to_hf.py @30cb8a3d: size 448*448 / 1344*1792 (the 2B's \
                 MAX_PIXELS_BY_TEXT_HIDDEN_SIZE), patch 16, merge 2, temporal 1 (class defaults), \
                 <ovis_image_start>/<ovis_image_end> added; the atom token's spelling (config image_token_id \
                 151655, <|image_pad|> in Qwen3's vocabulary) is not pinned and does not change the count; \
                 LM Qwen3-1.7B layout, max_position_embeddings 40960; 2.57 B parameters computed from the \
                 converter's layout (no model-card figure seen); arXiv 2508.11737 (2025-08)",
    },
    shape: None,
    unpinned: &[],
};
