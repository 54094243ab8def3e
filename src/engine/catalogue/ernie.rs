//! Baidu's ERNIE 4.5 VL: Qwen2-VL's `smart_resize` (14-px patches, 2x2 merge), the placeholders
//! between `<|IMAGE_START|>` and `<|IMAGE_END|>` (written by the chat template).

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};

const BEFORE: &[Piece] = &[delimiter("<|IMAGE_START|>", "image start")];
const AFTER: &[Piece] = &[delimiter("<|IMAGE_END|>", "image end")];

pub const ERNIE45_VL_28B: Model = Model {
    id: "baidu/ERNIE-4.5-VL-28B-A3B-PT",
    name: "ERNIE 4.5 VL 28B-A3B",
    family: "ERNIE 4.5 VL",
    released: Month::new(2025, 6),
    params: Some(Params { total_b: 28.0, active_b: Some(3.0) }),
    context: Some(131_072),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::Smart {
            min_pixels: 3136,
            max_pixels: 4_842_768,
            max_aspect_ratio: 200.0,
            flavour: SmartFlavour::Qwen,
        },
        placeholder: "<|IMAGE_PLACEHOLDER|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: "models/ernie4_5_vl_moe/image_processing_ernie4_5_vl_moe.py",
        function: "smart_resize (Qwen2-VL's); Ernie4_5_VLMoeProcessor (grid_thw.prod() // merge_size**2 \
                   placeholders); chat template Picture n:<|IMAGE_START|>...<|IMAGE_END|>",
        config: "transformers convert_ernie4_5_vl_moe_to_hf.py @19c5b132: the image processor's defaults \
                 (size 56*56 / 28*28*6177, patch 14, merge 2) and the three image tokens; \
                 max_position_embeddings 131072 (config defaults, NeMo Megatron-Bridge); model card: 28B \
                 total, 3B active, released 2025-06-30",
    },
    shape: None,
    unpinned: &[],
};
