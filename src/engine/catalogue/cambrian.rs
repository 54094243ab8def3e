//! NYU VisionX's Cambrian-1: four vision encoders on the padded square, a spatial vision
//! aggregator (SVA) of 576 queries, unpadded to the image's aspect ratio with a newline
//! embedding per row. transformers has no processor for it: the reference is the official code.

use crate::engine::models::{Model, Month, Reference, Strategy};
use crate::engine::shapes::{self, Shape, TowerTotals, Vision};
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
        file: cite!("cambrian-mllm/cambrian@539ffc3 cambrian/model/cambrian_arch.py"),
        function: cite!(
            "the official code at commit 539ffc3254bba004e5d012b65c0ad6cb308897c5 (no transformers \
                   processor): inference.py process() (conv llama_3, \"<image>\\n\" + question); \
                   cambrian/mm_utils.py process_images (expand2square with each processor's mean, resize \
                   to its crop size) and tokenizer_image_token (<image> -> one id -200); \
                   cambrian/model/cambrian_arch.py CambrianMetaForCausalLM.prepare_inputs_labels_for_multimodal \
                   (non-XLA path: 24x24 SVA features, unpad_image in doubles, image_newline appended to each \
                   row, the -200 position replaced by rows x (cols + 1) embeddings; the XLA/TPU path skips \
                   unpadding: always 24 x 25) and rearrange_vision_tower_features_inference; \
                   cambrian/model/vision_sampler.py; rows from scripts/golden_cambrian.py"
        ),
        config: cite!(
            "config.json of nyu-visionx/cambrian-8b as copied at zhanghuiyao/cambrian_mindspore@d8a66cd09fbf \
                 (cambrian/hf-configs/nyu-visionx-cambrian-8b/config.json; the same values in \
                 scripts/cambrian/finetune_cambrian_8b.sh @539ffc3): image_token_len 576 (24x24), \
                 mm_projector_type sva, query_num_list [576], num_query_group 1, connector_depth 3, \
                 connector_only false (10 SVA layers inside the LLM, adding no tokens), image_aspect_ratio pad, \
                 mm_use_im_start_end false, mm_vision_tower_aux_list [siglip/CLIP-ViT-SO400M-14-384, \
                 openai/clip-vit-large-patch14-336, facebook/dinov2-giant-res378, clip-convnext-XXL-multi-stage] \
                 with token lengths [576, 576, 576, 9216]; Llama-3-8B-Instruct LM, max_position_embeddings 8192 \
                 (prepare_inputs_labels_for_multimodal truncates the embedded prompt at \
                 tokenizer_model_max_length 2048); encoder input sizes from the encoder classes at 539ffc3; \
                 released 2024-06 (README, \"[06/24/24]\"); the parameter count was not pinned"
        ),
    },
    shape: Some(Shape {
        // Four towers on every image, counted whole: SigLIP SO400M/14 at 384 px (428.2M weights,
        // 666.4 GFLOP), CLIP ViT-L/14 at 336 (303.5M, 381.9 G), DINOv2-giant/14 at 378 (1,136.5M,
        // 1,785.7 G) and ConvNeXt-XXL at 1024 (843.4M, 6,334.9 G). The stack (their 91 ViT layers
        // and 39 ConvNeXt blocks as 130 layers 1536 wide) only sets the launch floor, the matrix
        // width and the activations.
        vision: Vision {
            totals: Some(TowerTotals { params: 2_711_600_000, flops_per_view: 9.169e12 }),
            ..shapes::full("4 encoders (SigLIP, CLIP-L, DINOv2-g, ConvNeXt-XXL)", shapes::vit(130, 1536, 24, 6144), 0)
        },
        // The SVA: per-tower projectors (13.9M), 3 sampler layers before the LLM (47.3M), the
        // projector into it (21.0M) and 10 sampler layers inside it (220.6M).
        connector_params: 302_760_960,
        lm: shapes::causal("Llama-3-8B", shapes::LLAMA31_8B, 128_256, false),
        source: cite!(
            "cambrian-mllm/cambrian@539ffc3 (cambrian/model/multimodal_encoder/*, vision_sampler.py, \
                 cambrian_arch.py) with the checkpoint config above: the towers built with random weights from \
                 transformers 5.25 SiglipVisionModel / CLIPVisionModel / Dinov2Model (CLIP-L and DINOv2-giant \
                 from their published configs: 24x1024 and 40x1536 SwiGLU) and timm convnext_xxlarge at \
                 1024x1024, FLOPs by torch FlopCounterMode (matrix products, convolutions and attention; norms \
                 and resizing left out); Llama-3-8B: 32x4096, 32/8 heads of 128, MLP 14336, vocab 128256 \
                 (8.03B). Approximated: the SVA's work is charged as twice its weights per feature token \
                 (about 360 GFLOP for a square image, against about 940 G counted: its queries read 19 keys \
                 each, and 616 G of it runs inside the LLM on the prompt); CLIP's unused last layer is counted, as \
                 it runs; the ConvNeXt and DINOv2 weights as the encoders' own checkpoints hold them"
        ),
    }),
    unpinned: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cambrian_holds_four_towers_an_sva_and_llama_3_8b() {
        let shape = CAMBRIAN_8B.shape.expect("a shape");
        // Meta's published Llama 3 8B: 8.03B.
        let lm = shape.lm.params() as f64 / 1e9;
        assert!((lm - 8.03).abs() < 0.01, "{lm}");
        // The towers' own totals, whatever the stand-in stack weighs.
        assert_eq!(shape.vision.params(), 2_711_600_000);
        let towers = [428.2e6, 303.5e6, 1_136.5e6, 843.4e6];
        assert!((towers.iter().sum::<f64>() - shape.vision.params() as f64).abs() < 1e6);
        // About 11.0B in all: the "8B" is the language model's size.
        let total = (shape.vision.params() + shape.connector_params + shape.lm.params()) as f64 / 1e9;
        assert!((total - 11.04).abs() < 0.05, "{total}");
    }
}
