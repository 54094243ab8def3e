//! Cohere's vision models: Aya Vision (GOT-OCR2's closest-aspect tiles of 364 px, numbered in
//! text) and Command A Vision (512-px tiles on the least-scaling grid, a line break per view).

use crate::engine::models::{Model, Month, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::tiled::{Thumbnail, TileSelection, TiledSequence, TiledSpec};

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
        file: "models/aya_vision/processing_aya_vision.py",
        function: "AyaVisionProcessor.replace_image_token (TILE_i per tile, TILE_GLOBAL before the thumbnail; \
                   images_kwargs crop_to_patches=True wins over the saved false); GotOcr2 \
                   get_optimal_tiled_canvas, crop_image_to_patches",
        config: "preprocessor_config.json / processor_config.json as mirrored at unsloth/aya-vision-8b: 364x364, \
                 min_patches 1, max_patches 12, img_size 364, patch_size 28 (14 x pixel shuffle 2), tile tokens \
                 TILE / TILE_GLOBAL; Command R's vocabulary (ggml-vocab-command-r.gguf in the llama-cpp-python \
                 0.3.36 sdist) makes TILE_i 3 tokens (4 from TILE_10) and TILE_GLOBAL 3; released 2025-03 \
                 (Hugging Face blog, 2025-03-04); parameters and context window not pinned",
    },
    shape: None,
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
        file: "models/cohere2_vision/image_processing_cohere2_vision.py",
        function: "get_optimal_tiled_canvas (least upscaling, min_patches unused), crop_image_to_patches \
                   (thumbnail when more than one tile); Cohere2VisionProcessor.replace_image_token (256 \
                   <|IMG_PATCH|> and <|IMG_LINE_BREAK|> a view)",
        config: "preprocessor_config.json (Cohere2VisionImageProcessorFast): 512x512, crop_to_patches true, \
                 min_patches 1, max_patches 12, patch_size 16 (which the processor squares: 256 tokens a view), BICUBIC, mean/std 0.5; every \
                 inserted token is special; released 2025-07 (the id's date); parameters and context window \
                 not pinned",
    },
    shape: None,
    unpinned: &[],
};
