//! Ai2's Molmo2: a 378-px low-resolution view and up to eight overlapping 378-px crops (4 patches
//! of margin a side), 2x2 pooling, a column token closing every row of the crops (not of the
//! low-resolution view).

use crate::engine::models::{Model, Month, Reference, Strategy};
use crate::engine::overlap::OverlapSpec;
use crate::engine::shapes::{self, Attention, Lm, Shape};

/// The ViT features Molmo2 pools: layers -3 and -9 of 27 (vit_layers), concatenated, 2 x 1152.
const POOLED_FEATURES: u64 = 2 * 1152;
/// The adapter's projector width: the LM's MLP width (convert_molmo2_to_hf.py sets it to
/// mlp_hidden_size / 2 of the LLM, 24576 / 2 for qwen3_8b).
const PROJECTOR_MLP: u64 = 12288;

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
        low_res_col: false,
        low_res_start: "<low_res_im_start>",
        start: "<im_start>",
        end: "<im_end>",
    }),
    reference: Reference {
        file: cite!("models/molmo2/image_processing_molmo2.py"),
        function: cite!(
            "compute_crop_geometry and select_tiling (float32 scales, least upscaling); \
                   get_image_grid_and_crops (pooled grids); Molmo2Processor.replace_image_token \
                   (image_use_col_tokens, use_single_crop_col_tokens, use_single_crop_start_token)"
        ),
        config: cite!(
            "processor_config.json of the 8B as re-uploaded at mlx-community/Molmo2-8B-8bit (the same image \
                 values as allenai/Molmo2-4B's preprocessor_config.json): size 378, patch 14, pooling 2x2, \
                 max_crops 8, overlap_margins 4/4, image_use_col_tokens true, use_single_crop_start_token true; \
                 use_single_crop_col_tokens false (transformers' Molmo2 processor test: \"Hub processor_config.json \
                 has use_single_crop_col_tokens=False\"; a duplicate of allenai/Molmo2-8B, sunjuice/Molmo2-8B, and \
                 allenai's training configs agree; the mlx-community re-upload's null is older); \
                 max_position_embeddings 36864 (transformers' Molmo2 defaults documented for the 8B); the \
                 parameter count was not pinned; released 2025-12"
        ),
    },
    shape: Some(Shape {
        // The checkpoint declares 27 layers; transformers builds the 25 that the pooled features
        // (layers 18 and 24) need.
        vision: shapes::full("SigLIP 2 so400m (25 of 27 layers)", shapes::vit(25, 1152, 16, 4304), 0),
        // Per feature token: attention pooling of its 2x2 patches (q, k and v from the 2304-wide
        // concatenated features to 16 heads of 72, output 1152), then a SwiGLU projector to 4096.
        connector_params: 3 * POOLED_FEATURES * 1152 + 1152 * 1152 + 2 * 1152 * PROJECTOR_MLP + PROJECTOR_MLP * 4096,
        lm: Lm {
            // The image tokens attend to each other both ways (mm_token_type_ids make one block), so
            // every layer carries an explicit mask, as in Gemma 3: described as a sliding window as
            // long as the context with every layer global (each caches the whole prompt).
            attention: Attention::SlidingWindow { window: 36_864, global_every: 1 },
            ..shapes::QWEN3_8B
        },
        source: cite!(
            "allenai/molmo2 (README: \"Molmo2-8B uses qwen3_8b\"; olmo/model_configs.py QWEN3_8B: 36x4096, \
                 32 heads, 8 KV heads of 128, SwiGLU 12288, Qwen3 q/k norms, vocabulary 151936 + 128 added, untied; \
                 SIGLIP2_VISION_BACKBONE: 27x1152, 16 heads of 72, MLP 4304, 378 px, vit_layers -3 and -9; \
                 hf_model/convert_molmo2_to_hf.py: adapter MLP = the LLM's 12288, projecting to 4096); \
                 transformers 5.25 Molmo2 defaults (documented for allenai/Molmo2-8B) agree and trim the ViT to 25 \
                 layers. Left out: the 128 added embedding rows, the ViT's patch and position embeddings (1.5M), \
                 biases and norms. The bidirectional image block is encoded as an all-global sliding window \
                 (explicit mask in every layer, every layer caching the whole prompt)"
        ),
    }),
    unpinned: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn molmo2_8b_is_qwen3_8b_plus_a_trimmed_so400m_tower() {
        let shape = MOLMO2_8B.shape.expect("a shape");
        // Qwen3-8B's model card: 8.2B parameters, 6.95B of them outside the embeddings.
        let lm = shape.lm.params() as f64 / 1e9;
        assert!((lm - 8.2).abs() < 0.05, "{lm}");
        let body = shape.lm.stack.params() as f64 / 1e9;
        assert!((body - 6.95).abs() < 0.05, "{body}");
        // SigLIP so400m: about 0.4B for 27 layers; Molmo2 runs 25 of them.
        let vision = shape.vision.stack.params() as f64 / 1e9;
        assert!((vision - 0.4 * 25.0 / 27.0).abs() < 0.03, "{vision}");
        // "Molmo2-8B": the 8B class, Qwen3-8B's 8.2B plus the tower and a connector under 0.1B.
        let total = lm + vision + shape.connector_params as f64 / 1e9;
        assert!(total > 8.2 + 0.35 && total < 8.2 + 0.4 + 0.1, "{total}");
    }
}
