//! Mistral's Pixtral: dynamic resolution by longest edge, one `[IMG_BREAK]` per row.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::shapes::{self, Shape, Vision, VisionAttention};

pub const PIXTRAL_12B: Model = Model {
    id: "mistral-community/pixtral-12b",
    name: "Pixtral 12B",
    family: "Pixtral",
    released: Month::new(2024, 9),
    params: Some(Params::dense(12.7)),
    context: Some(131_072),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 16,
        merge: 1,
        resize: DynamicResize::LongestEdge { longest_edge: 1024 },
        placeholder: "[IMG]",
        layout: RowLayout::BreakEachRow { row_break: "[IMG_BREAK]", end: "[IMG_END]" },
    }),
    reference: Reference {
        file: "models/pixtral/image_processing_pixtral.py",
        function: "get_resize_output_image_size, _num_image_tokens; PixtralProcessor.replace_image_token",
        config: "preprocessor_config.json: longest_edge 1024, patch_size 16; processor_config.json: \
                 spatial_merge_size 1; context 128k as Mistral documents Pixtral 12B",
    },
    shape: Some(Shape {
        vision: Vision {
            name: "Pixtral-ViT",
            stack: shapes::stack(24, 1024, 16, 16, 64, 4096),
            attention: VisionAttention::Full,
            extra_tokens: 0,
        },
        connector_params: 1024 * 5120 + 5120 * 5120,
        lm: shapes::causal("Mistral-NeMo-12B", shapes::stack(40, 5120, 32, 8, 128, 14336), 131_072, false),
        source: "config.json: Pixtral-ViT 24x1024 (SwiGLU 4096, 2D rotary), 2-layer projector, Mistral NeMo 12B \
                 (40x5120, 32/8 heads of 128)",
    }),
    unpinned: &[],
};
