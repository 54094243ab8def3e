//! OpenBMB's MiniCPM-V 4.6: a source view of about 448² px and, for a larger image, up to nine
//! slices of about that area each (SigLIP2, 14-px patches, 16x downsampling: a token per 56 px).

use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::sliced::SlicedSpec;

pub const MINICPM_V46: Model = Model {
    id: "openbmb/MiniCPM-V-4.6",
    name: "MiniCPM-V 4.6",
    family: "MiniCPM-V",
    released: Month::new(2026, 5),
    params: Some(Params::dense(1.3)),
    context: Some(262_144),
    strategy: Strategy::Sliced(SlicedSpec {
        patch: 14,
        scale_resolution: 448,
        max_slice_nums: 9,
        placeholder: "<|image_pad|>",
        image: ("<image>", "</image>"),
        slice: ("<slice>", "</slice>"),
        image_id: ("<image_id>", "</image_id>"),
    }),
    reference: Reference {
        file: "models/minicpmv4_6/image_processing_pil_minicpmv4_6.py",
        function: "get_sliced_grid, find_best_resize, get_refine_size; MiniCPMV4_6Processor.replace_image_token \
                   and _prepend_local_ids (<image_id>i</image_id>, then <image>...</image> and the rows of \
                   <slice>...</slice> joined by \\n)",
        config: "preprocessor_config.json (copy \"Duplicate from openbmb/MiniCPM-V-4.6\" at \
                 jma-informatique/MiniCPM-V-4.6; the same values in MiniCPM-V-4.6-Thinking and the transformers \
                 test fixture): max_slice_nums 9, scale_resolution 448, patch_size 14, use_image_id true, \
                 slice_mode true, downsample_mode 16x (default); config.json: Qwen3.5 text, \
                 max_position_embeddings 262144; 1.3B parameters, released 2026-05",
    },
    shape: None,
    unpinned: &[],
};
