//! NVIDIA's Nemotron 3 Nano Omni: C-RADIOv4-H through a patch budget (16-px patches squished to a
//! grid of 1,024..13,312 patches with even sides, 2x2 pixel shuffle), `<image>` between `<img>` and
//! `</img>`. Eagle 2.5: InternVL-style tiles chosen by aspect ratio and area, numbered in text.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::plan::TokenKind;
use crate::engine::sequence::{Piece, delimiter};
use crate::engine::tiled::{Thumbnail, TileSelection, TiledSequence, TiledSpec};

const BEFORE: &[Piece] = &[delimiter("<img>", "image start")];
const AFTER: &[Piece] = &[delimiter("</img>", "image end")];

pub const NEMOTRON3_NANO_OMNI: Model = Model {
    id: "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16",
    name: "Nemotron 3 Nano Omni 30B-A3B",
    family: "Nemotron 3 Omni",
    released: Month::new(2026, 4),
    params: Some(Params { total_b: 30.0, active_b: Some(3.0) }),
    context: Some(262_144),
    strategy: Strategy::Dynamic(DynamicSpec {
        patch: 16,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        resize: DynamicResize::PatchBudget { min_patches: 1024, max_patches: 13_312, max_model_len: 16_384 },
        placeholder: "<image>",
        layout: RowLayout::Flat { before: BEFORE, after: AFTER },
    }),
    reference: Reference {
        file: "models/nemotron_h_omni/image_processing_nemotron_h_omni.py",
        function: "get_num_patches_budget and get_patch_grid_size (grid round(side/16 + 0.5), scaled into \
                   [min_num_patches, budget], sides made even); NemotronH_Omni processor replace_image_token \
                   (<img> + grid/4 <image> + </img>)",
        config: "preprocessor_config.json as copied at huggingface.co/Jashan887/76_Nvidia_Reasoning_30B (the \
                 size of nvidia's file): patch 16, downsample_ratio 0.5, min_num_patches 1024, max_num_patches \
                 13312, max_model_len 16384; 256k context, 30B total / 3B active (NVIDIA), released 2026-04-28",
    },
    shape: None,
    unpinned: &["whether <img> and </img> are single tokens of the checkpoint's tokenizer (counted as one each)"],
};

pub const EAGLE25_8B: Model = Model {
    id: "nvidia/Eagle2.5-8B",
    name: "Eagle 2.5 8B",
    family: "Eagle 2.5",
    released: Month::new(2025, 7),
    params: None,
    context: Some(32_768),
    strategy: Strategy::Tiled(TiledSpec {
        tile: 448,
        patch: 14,
        merge: 2,
        merge_site: MergeSite::PixelShuffle,
        extra_per_tile: 0,
        selection: TileSelection::AreaAndAspect { min_tiles: 1, max_tiles: 12 },
        thumbnail: Thumbnail::AfterTiles,
        sequence: TiledSequence::Placeholders {
            before: &[
                // Text to Qwen2.5's tokenizer: "<", "image", " ", "1", ">".
                Piece { kind: TokenKind::Text, text: "<image 1>", label: "image number (text)", tokens: 5 },
                delimiter("<img>", "image start"),
            ],
            placeholder: "<IMG_CONTEXT>",
            after: AFTER,
        },
        global: None,
    }),
    reference: Reference {
        file: "NVIDIA/Isaac-GR00T@5e3ef5e gr00t/model/backbone/eagle2_hg_model/image_processing_eagle2_5_vl_fast.py",
        function: "find_closest_aspect_ratio (area and aspect, first maximum; candidates a set sorted by tile \
                   count), _get_image_patches (squished, thumbnail last); processing_eagle2_5_vl.py \
                   replace_media_placeholder (\"<image 1><img>\" + 256 <IMG_CONTEXT> a tile + \"</img>\"); \
                   the checkpoint's remote code: transformers has no Eagle 2.5 processor",
        config: "NVIDIA's copy of the remote code vendored in Isaac-GR00T @5e3ef5e \
                 (gr00t/model/backbone/eagle2_hg_model/, the same algorithm as NVIDIA/Isaac-GR00T @338d3ec and \
                 sglang's copy of the checkpoint's file): min/max_dynamic_tiles 1/12, use_thumbnail true, \
                 tokens_per_tile 256, <img>/</img>/<IMG_CONTEXT> special; Qwen2.5-7B-Instruct LM (README), whose \
                 config gives 32768 positions; released 2025-07 (NVlabs/Eagle README); rows made by running \
                 that code (scripts/golden_eagle.py)",
    },
    shape: None,
    unpinned: &["the tile size: 448 (the class default and the training recipe's force_image_size) or 512 \
                 (the README's SigLIP2-so400m-patch16-512); both give 256 tokens a tile, but the grid differs for \
                 some sizes (e.g. 2560x1440)"],
};
