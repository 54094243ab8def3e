//! Z.ai's GLM-V checkpoints: dynamic resolution through GLM-4.1V's own `smart_resize` (14-px
//! patches, 2x2 merge, an image counted as two frames), `<|image|>` between `<|begin_of_image|>`
//! and `<|end_of_image|>`; GLM-5.3 counts against a token budget instead (its own
//! `smart_resize`: sides aligned up, the image padded).

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout, SmartFlavour};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};

const BEFORE: &[Piece] = &[delimiter("<|begin_of_image|>", "begin of image")];
const AFTER: &[Piece] = &[delimiter("<|end_of_image|>", "end of image")];

/// A GLM-V checkpoint's strategy: 14-px patches, 2x2 merge, GLM's `smart_resize` over two frames.
const fn glm_v(min_pixels: u64, max_pixels: u64) -> Strategy {
    Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::Smart {
            min_pixels,
            max_pixels,
            max_aspect_ratio: 200.0,
            flavour: SmartFlavour::Glm { frames: 2 },
        },
        placeholder: "<|image|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    })
}

const REFERENCE_FILE: &str = "models/glm4v/image_processing_glm4v.py";
const REFERENCE_FUNCTION: &str = "smart_resize (num_frames = temporal_factor = temporal_patch_size); \
                                  Glm4vProcessor.replace_image_token (grid_thw.prod() // merge_size**2)";

// The size (min 12,544, max 9,633,792 px over two frames: at most 6,144 tokens) is the GLM-V image
// processor family's, as a port of Glm4vImageProcessor for zai-org checkpoints, exllamav3's GLM-4V
// comment and GLM-V issue #151's 2184x2184 maximum agree; the three checkpoints' own
// preprocessor_config.json files were not seen, so each entry lists it as unpinned.

pub const GLM41V_9B_THINKING: Model = Model {
    id: "zai-org/GLM-4.1V-9B-Thinking",
    name: "GLM-4.1V 9B Thinking",
    family: "GLM-4.1V",
    released: Month::new(2025, 7),
    params: Some(Params::dense(9.0)),
    context: Some(65_536),
    strategy: glm_v(12_544, 9_633_792),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: "patch_size 14, temporal_patch_size 2, merge_size 2 (Glm4vImageProcessor); chat template \
                 <|begin_of_image|><|image|><|end_of_image|> at revision 3c1471e5; context 64k (model card, \
                 tokenizer model_max_length 65536); model card: 9B, released 2025-07",
    },
    shape: None,
    unpinned: &["the preprocessor's size (12544 / 9633792 px, the family's values)"],
};

pub const GLM45V: Model = Model {
    id: "zai-org/GLM-4.5V",
    name: "GLM-4.5V",
    family: "GLM-4.5V",
    released: Month::new(2025, 8),
    params: Some(Params { total_b: 106.0, active_b: Some(12.0) }),
    context: Some(65_536),
    strategy: glm_v(12_544, 9_633_792),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: "config.json (Glm4vMoe): vision patch_size 14, spatial_merge_size 2, temporal_patch_size 2, \
                 image_token_id 151363, text max_position_embeddings 65536; model card: 106B, 12B active; \
                 GLM-V README: released 2025-08-11",
    },
    shape: None,
    unpinned: &["the preprocessor's size (12544 / 9633792 px, assumed as GLM-4.1V's)"],
};

pub const GLM46V: Model = Model {
    id: "zai-org/GLM-4.6V",
    name: "GLM-4.6V",
    family: "GLM-4.6V",
    released: Month::new(2025, 12),
    params: Some(Params { total_b: 106.0, active_b: Some(12.0) }),
    context: Some(131_072),
    strategy: glm_v(12_544, 9_633_792),
    reference: Reference {
        file: REFERENCE_FILE,
        function: REFERENCE_FUNCTION,
        config: "Glm46VImageProcessor is Glm4vImageProcessor unchanged (transformers 5.25); vision as GLM-4.5V's \
                 (14 / 2 / 2); context 128k (model card, vLLM recipe 131072); GLM-V README: 106B-A12B, released \
                 2025-12-08",
    },
    shape: None,
    unpinned: &["the preprocessor's size (12544 / 9633792 px, assumed as GLM-4.1V's)"],
};

pub const GLM53_FLASH: Model = Model {
    id: "zai-org/GLM-5.3-Flash",
    name: "GLM-5.3 Flash",
    family: "GLM-5.3",
    released: Month::new(2026, 8),
    params: Some(Params { total_b: 320.0, active_b: Some(18.0) }),
    context: Some(1_048_576),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 14,
        merge: 2,
        merge_site: MergeSite::EncoderMerger,
        resize: DynamicResize::AlignedTokenBudget { min_tokens: 16, max_tokens: 8000, frames: 2 },
        placeholder: "<|image|>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: "models/glm5_next/image_processing_pil_glm5_next.py",
        function: "smart_resize (a budget of 16..8000 tokens of 28x28 px over 2 frames, sides aligned up, binary \
                   search on the height); the image scaled and padded onto the canvas; Glm5NextProcessor \
                   (grid_thw.prod() // merge_size**2 <|image|>)",
        config: "preprocessor values patch 14, temporal 2, merge 2, min_image_tokens 16, max_image_tokens 8000 as \
                 four agreeing public copies quote them (kvcache-ai/transformers \
                 tests/models/glm5_next/test_processing_glm5_next.py @ba9ef21c among them); config.json at \
                 revision 84c6a6aa: max_position_embeddings 1048576; 320B total / 18B active (NVIDIA NeMo model \
                 coverage), released 2026-08",
    },
    shape: None,
    unpinned: &[],
};
