//! Microsoft's Phi-4-multimodal: up to 36 crops of 448 px fitted to the image and padded, a
//! 448-px global view of the padded canvas, SigLIP-so400m with 2x2 average pooling; the padding's
//! tokens dropped, a learned newline per row and a learned separator, all `<|endoftext10|>`.

use crate::engine::dynamic_hd::DynamicHdSpec;
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::shapes::{self, Shape};

pub const PHI4_MULTIMODAL: Model = Model {
    id: "microsoft/Phi-4-multimodal-instruct",
    name: "Phi-4-multimodal",
    family: "Phi-4",
    released: Month::new(2025, 2),
    params: Some(Params::dense(5.6)),
    context: Some(131_072),
    strategy: Strategy::DynamicHd(DynamicHdSpec {
        crop: 448,
        patch: 14,
        pool: 2,
        max_crops: 36,
        min_side: 10,
        placeholder: "<|endoftext10|>",
    }),
    reference: Reference {
        file: cite!("models/phi4_multimodal/image_processing_phi4_multimodal.py"),
        function: cite!(
            "_get_crop_layout (crops by ceil, else find_closest_aspect_ratio over the sorted set of grids), \
                   _get_crop_attention_mask, _get_num_image_tokens; Phi4MultimodalProcessor.replace_image_token; \
                   the order from modeling_phi4_multimodal.py Phi4MultimodalImageEmbedding.forward (sub-images, \
                   separator, global)"
        ),
        config: cite!(
            "preprocessor_config.json: dynamic_hd 36, the one image value it sets (the copy written by \
                 TakalaWang/phi-4-multimodal-finetune phi4/finetune.py @5607215; vLLM's \
                 tests/models/multimodal/processing/test_phi4mm.py: \"the default num_crops of phi-4-multimodal is \
                 36\", 9585 tokens for 3136x3136); the rest are the processor's defaults (448x448, patch 14, \
                 BICUBIC, mean/std 0.5); image token <|endoftext10|> = 200010 (vLLM \
                 vllm/model_executor/models/phi4mm.py _IMAGE_PLACEHOLDER_TOKEN_ID); config.json as copied in \
                 NVIDIA/TensorRT-LLM tests/unittest/_torch/modeling/test_modeling_phi4mm.py @223b6a3: \
                 image_embd_layer crop_size 448, hd_transform_order sub_glb, with_learnable_separator, \
                 avg_pool_2d; max_position_embeddings 131072; 32 layers of 3072, 24/8 heads, MLP 8192, vocab \
                 200064, tied embeddings; 5.6B parameters and release 2025-02 as third-party copies of the model \
                 card state them (promptlayer.com/models/phi-4-multimodal-instruct), the card itself not read"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP-so400m@448", shapes::SIGLIP_SO400M, 0),
        connector_params: 1152 * 3072 + 3072 * 3072,
        lm: shapes::causal("Phi-4-mini", shapes::stack(32, 3072, 24, 8, 128, 8192), 200_064, true),
        source: cite!(
            "config.json (TensorRT-LLM's copy, above): Phi-4-mini 32x3072, 24/8 heads, MLP 8192, vocab 200064, \
                 tied; vLLM phi4mm.py get_navit_vision_model: SigLIP-so400m 27x1152, 448 px, patch 14 (transformers \
                 runs all 27 layers and reads the second to last); img_projection 1152->3072->3072. The vision \
                 LoRA (rank 256) merged into the LM for images is not modelled"
        ),
    }),
    unpinned: &[],
};
