//! Cohere's vision models: Aya Vision (GOT-OCR2's closest-aspect tiles of 364 px, numbered in
//! text) and Command A Vision (512-px tiles on the least-scaling grid, a line break per view).

use crate::engine::models::{Model, Month, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::shapes::{self, Attention, Lm, Shape, Stack};
use crate::engine::tiled::{Thumbnail, TileSelection, TiledSequence, TiledSpec};

/// A Cohere2 decoder (Command R7B, Command A): grouped-query attention, a gated SiLU MLP in parallel
/// with it after one norm, a sliding window of 4,096 tokens in 3 of every 4 layers (the 4th global,
/// without rotary), a tied 256,000-token vocabulary.
const fn cohere2(name: &'static str, stack: Stack) -> Lm {
    Lm {
        name,
        stack,
        vocab: 256_000,
        tied: true,
        attention: Attention::SlidingWindow { window: 4096, global_every: 4 },
        cross_attention_layers: 0,
    }
}

/// What the cost model approximates in a Cohere2 decoder (a macro, so that `concat!` can append it to
/// each entry's `source`).
#[cfg_attr(target_arch = "wasm32", allow(unused_macros))] // (the page leaves citations out)
macro_rules! cohere2_approximations {
    () => {
        "Approximated: CohereLayerNorm (mean-centred, several kernels in eager PyTorch) counted as an \
         RMSNorm, and a layer's one norm (attention and MLP read the same normed input) as two; below 4096 \
         tokens transformers runs the sliding layers as plain causal SDPA and Cohere2 has no bidirectional \
         image mask, so the cost model's masked attention with an image overstates the attention time (the \
         KV cache of a sliding layer does hold at most 4096 tokens)"
    };
}

pub const AYA_VISION_8B: Model = Model {
    id: "CohereLabs/aya-vision-8b",
    name: "Aya Vision 8B",
    family: "Aya Vision",
    released: Month::new(2025, 3),
    params: None,
    context: None,
    strategy: Strategy::Tiled(TiledSpec {
        tile: 364,
        patch: 14,
        // SigLIP2 at 364 px: 26x26 patches, pixel shuffle 2x2: 169 tokens a view.
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::ClosestAspect { min_tiles: 1, max_tiles: 12 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::NumberedTiles {
            start: "<|START_OF_IMG|>",
            placeholder: "<|IMG_PATCH|>",
            tile_word: "TILE_i",
            global_word: "TILE_GLOBAL",
            global_tokens: 3,
            end: "<|END_OF_IMG|>",
        },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/aya_vision/processing_aya_vision.py"),
        function: cite!(
            "AyaVisionProcessor.replace_image_token (TILE_i per tile, TILE_GLOBAL before the thumbnail; \
                   images_kwargs crop_to_patches=True wins over the saved false); GotOcr2 \
                   get_optimal_tiled_canvas, crop_image_to_patches"
        ),
        config: cite!(
            "preprocessor_config.json / processor_config.json as mirrored at unsloth/aya-vision-8b: 364x364, \
                 min_patches 1, max_patches 12, img_size 364, patch_size 28 (14 x pixel shuffle 2), tile tokens \
                 TILE / TILE_GLOBAL; Command R's vocabulary (ggml-vocab-command-r.gguf in the llama-cpp-python \
                 0.3.36 sdist) makes TILE_i 3 tokens (4 from TILE_10) and TILE_GLOBAL 3; released 2025-03 \
                 (Hugging Face blog, 2025-03-04); parameters and context window not pinned"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP2-so400m@364", shapes::SIGLIP_SO400M, 0),
        // Pixel shuffle to 4608, LayerNorm, 4608 -> 28672, SwiGLU to 14336, 14336 -> 4096.
        connector_params: 4608 * 28672 + 14336 * 4096,
        lm: cohere2("Command R7B (Cohere2)", shapes::stack(32, 4096, 32, 8, 128, 14336)),
        source: cite!(concat!(
            "config.json as mirrored at mlx-community/aya-vision-8b-8bit (the diff against the class \
             defaults): text cohere2 32x4096, 32/8 heads, MLP 14336; vision SigLIP 27x1152, 16 heads, MLP \
             4304, 364 px, patch 14, all layers read (vision_feature_layer -1); downsample_factor 2, \
             alignment_intermediate_size 28672 (SwiGLU); the rest are Cohere2Config's defaults: vocab \
             256000, tied, sliding_window 4096 on 3 of every 4 layers. The LM is initialised from Command \
             R7B (Aya Vision paper), 8.028B parameters (open-llm-leaderboard request for \
             c4ai-command-r7b-12-2024), which these shapes reproduce. ",
            cohere2_approximations!()
        )),
    }),
    unpinned: &[],
};

pub const COMMAND_A_VISION: Model = Model {
    id: "CohereLabs/command-a-vision-07-2025",
    name: "Command A Vision",
    family: "Command A Vision",
    released: Month::new(2025, 7),
    params: None,
    context: None,
    strategy: Strategy::Tiled(TiledSpec {
        tile: 512,
        patch: 16,
        // SigLIP2 at 512 px: 32x32 patches, pixel shuffle 2x2: 256 tokens a view.
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::LeastScalingSquished { max_tiles: 12 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::LineBreakPerView {
            start: "<|START_OF_IMG|>",
            placeholder: "<|IMG_PATCH|>",
            line_break: "<|IMG_LINE_BREAK|>",
            end: "<|END_OF_IMG|>",
        },
        global: None,
    }),
    reference: Reference {
        file: cite!("models/cohere2_vision/image_processing_cohere2_vision.py"),
        function: cite!(
            "get_optimal_tiled_canvas (least upscaling, min_patches unused), crop_image_to_patches \
                   (thumbnail when more than one tile); Cohere2VisionProcessor.replace_image_token (256 \
                   <|IMG_PATCH|> and <|IMG_LINE_BREAK|> a view)"
        ),
        config: cite!(
            "preprocessor_config.json (Cohere2VisionImageProcessorFast): 512x512, crop_to_patches true, \
                 min_patches 1, max_patches 12, patch_size 16 (which the processor squares: 256 tokens a view), BICUBIC, mean/std 0.5; every \
                 inserted token is special; released 2025-07 (the id's date); parameters and context window \
                 not pinned"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP2-so400m@512", shapes::SIGLIP_SO400M, 0),
        // Pixel shuffle to 4608, 4608 -> 36864, SwiGLU to 18432, 18432 -> 12288.
        connector_params: 4608 * 36864 + 18432 * 12288,
        lm: cohere2("Command A (Cohere2)", shapes::stack(64, 12288, 96, 8, 128, 36864)),
        source: cite!(concat!(
            "a public preset of command-a-vision-07-2025's configuration (COHERE2_VISION_CONFIG: vocab \
             256000, 64x12288, 96/8 heads of 128, MLP 36864, sliding window 4096 every 3 of 4 layers, \
             tied; vision 27x1152, 16 heads, MLP 4304, 512 px, patch 16; downsample 2, \
             alignment_intermediate_size 36864), which Cohere2VisionConfig's alignment default (36864) \
             and Command A's 111B model card agree with; 112B in all (Oracle's Command A Vision page). \
             The 5.25 vision defaults (MLP 3072, 12 heads) are not this checkpoint's. ",
            cohere2_approximations!()
        )),
    }),
    unpinned: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cohere_language_models_match_their_published_sizes() {
        assert!(AYA_VISION_8B.shape.expect("a shape").source.ends_with(cohere2_approximations!()));
        // Command R7B: 8.028B (open-llm-leaderboard's count of c4ai-command-r7b-12-2024).
        let aya = AYA_VISION_8B.shape.expect("a shape");
        let r7b = aya.lm.params() as f64;
        assert!((r7b - 8.028e9).abs() < 0.01e9, "{r7b}");
        // Command A: 111B (model card); Command A Vision: 112B (Oracle's model page).
        let vision = COMMAND_A_VISION.shape.expect("a shape");
        let command_a = vision.lm.params() as f64;
        assert!((command_a / 111e9 - 1.0).abs() < 0.005, "{command_a}");
        let all = (vision.vision.stack.params() + vision.connector_params + vision.lm.params()) as f64;
        assert!((all / 112e9 - 1.0).abs() < 0.005, "{all}");
    }
}
