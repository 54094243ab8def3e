//! Ai2's Molmo2: a 378-px low-resolution view and up to eight overlapping 378-px crops (4 patches
//! of margin a side), 2x2 pooling, a column token closing every row.

use crate::engine::models::{Model, Month, Reference, Strategy};
use crate::engine::overlap::OverlapSpec;

pub const MOLMO2_8B: Model = Model {
    id: "allenai/Molmo2-8B",
    name: "Molmo2 8B",
    family: "Molmo2",
    released: Month::new(2025, 12),
    params: None,
    context: Some(36_864),
    strategy: Strategy::Overlap(OverlapSpec {
        crop: 378,
        patch: 14,
        margins: (4, 4),
        pool: 2,
        max_crops: 8,
        placeholder: "<im_patch>",
        col: "<im_col>",
        low_res_start: "<low_res_im_start>",
        start: "<im_start>",
        end: "<im_end>",
    }),
    reference: Reference {
        file: "models/molmo2/image_processing_molmo2.py",
        function: "compute_crop_geometry and select_tiling (float32 scales, least upscaling); \
                   get_image_grid_and_crops (pooled grids); Molmo2Processor.replace_image_token \
                   (image_use_col_tokens, use_single_crop_start_token)",
        config: "processor_config.json of the 8B as re-uploaded at mlx-community/Molmo2-8B-8bit (the same image \
                 values as allenai/Molmo2-4B's preprocessor_config.json): size 378, patch 14, pooling 2x2, \
                 max_crops 8, overlap_margins 4/4, image_use_col_tokens true, use_single_crop_start_token true; \
                 max_position_embeddings 36864 (transformers' Molmo2 defaults documented for the 8B); the \
                 parameter count was not pinned; released 2025-12",
    },
    shape: None,
    unpinned: &[],
};
