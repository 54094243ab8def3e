//! NVIDIA's Nemotron 3 Nano Omni: C-RADIOv4-H through a patch budget (16-px patches squished to a
//! grid of 1,024..13,312 patches with even sides, 2x2 pixel shuffle), `<image>` between `<img>` and
//! `</img>`.

use crate::engine::dynamic::{DynamicResize, DynamicSpec, RowLayout};
use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::plan::MergeSite;
use crate::engine::sequence::{Piece, delimiter};

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
