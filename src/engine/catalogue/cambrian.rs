//! NYU VisionX's Cambrian-1: four vision encoders on the padded square, a spatial vision
//! aggregator (SVA) of 576 queries, unpadded to the image's aspect ratio with a newline
//! embedding per row. transformers has no processor for it: the reference is the official code.

use crate::engine::models::{Model, Month, Reference, Strategy};
use crate::engine::unpadded::UnpaddedSpec;

pub const CAMBRIAN_8B: Model = Model {
    id: "nyu-visionx/cambrian-8b",
    name: "Cambrian-1 8B",
    family: "Cambrian-1",
    released: Month::new(2024, 6),
    params: None,
    context: Some(8192),
    strategy: Strategy::Unpadded(UnpaddedSpec {
        grid: 24,
        patch: 14,
        encoders: "SigLIP SO400M/14 at 384 px, CLIP ViT-L/14 at 336 px, DINOv2-giant/14 at 378 px, ConvNeXt-XXL \
                   at 1024 px",
        placeholder: "<image>",
        newline: "model.image_newline",
    }),
    reference: Reference {
        file: "cambrian-mllm/cambrian@539ffc3 cambrian/model/cambrian_arch.py",
        function: "the official code at commit 539ffc3254bba004e5d012b65c0ad6cb308897c5 (no transformers \
                   processor): inference.py process() (conv llama_3, \"<image>\\n\" + question); \
                   cambrian/mm_utils.py process_images (expand2square with each processor's mean, resize \
                   to its crop size) and tokenizer_image_token (<image> -> one id -200); \
                   cambrian/model/cambrian_arch.py CambrianMetaForCausalLM.prepare_inputs_labels_for_multimodal \
                   (non-XLA path: 24x24 SVA features, unpad_image in doubles, image_newline appended to each \
                   row, the -200 position replaced by rows x (cols + 1) embeddings; the XLA/TPU path skips \
                   unpadding: always 24 x 25) and rearrange_vision_tower_features_inference; \
                   cambrian/model/vision_sampler.py; rows from scripts/golden_cambrian.py",
        config: "config.json of nyu-visionx/cambrian-8b as copied at zhanghuiyao/cambrian_mindspore@d8a66cd09fbf \
                 (cambrian/hf-configs/nyu-visionx-cambrian-8b/config.json; the same values in \
                 scripts/cambrian/finetune_cambrian_8b.sh @539ffc3): image_token_len 576 (24x24), \
                 mm_projector_type sva, query_num_list [576], num_query_group 1, connector_depth 3, \
                 connector_only false (10 SVA layers inside the LLM, adding no tokens), image_aspect_ratio pad, \
                 mm_use_im_start_end false, mm_vision_tower_aux_list [siglip/CLIP-ViT-SO400M-14-384, \
                 openai/clip-vit-large-patch14-336, facebook/dinov2-giant-res378, clip-convnext-XXL-multi-stage] \
                 with token lengths [576, 576, 576, 9216]; Llama-3-8B-Instruct LM, max_position_embeddings 8192 \
                 (prepare_inputs_labels_for_multimodal truncates the embedded prompt at \
                 tokenizer_model_max_length 2048); encoder input sizes from the encoder classes at 539ffc3; \
                 released 2024-06 (README, \"[06/24/24]\"); the parameter count was not pinned",
    },
    // Four towers run on every image (SigLIP at 384 px, CLIP-L at 336, DINOv2-giant at 378 and a
    // ConvNeXt-XXL at 1024 px, whose features come from a 9216-position map), and ten SVA
    // cross-attention layers sit inside the LLM. The cost model's vision is one transformer stack
    // over the plan's 24x24 view: no one stack carries a convolutional tower at 1024 px without
    // misstating its weights or its work, and the DINOv2 and ConvNeXt depths were not read from a
    // source for this checkpoint. No cost figures rather than wrong ones.
    shape: None,
    unpinned: &[],
};
