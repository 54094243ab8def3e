//! The model catalogue. Every entry cites the `transformers` file and function its arithmetic
//! follows and the checkpoint config its numbers come from.

use super::plan::{StrategyKind, TokenKind};

/// One model of the catalogue.
#[derive(Debug)]
pub struct Model {
    /// Hugging Face id.
    pub id: &'static str,
    /// Short name for labels.
    pub name: &'static str,
    pub strategy: Strategy,
    pub reference: Reference,
}

/// Catalogue entries are the same model when their ids are.
impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Model {}

/// Where a model's arithmetic comes from.
#[derive(Debug)]
pub struct Reference {
    /// File in `transformers/src/transformers/`.
    pub file: &'static str,
    /// Function or method in that file.
    pub function: &'static str,
    /// The checkpoint configuration the numbers come from.
    pub config: &'static str,
}

/// The resize/tiling strategies, one variant per family.
#[derive(Debug)]
pub enum Strategy {
    /// Squish to a fixed square, cut into patches, pool: the same count for every image.
    Fixed(FixedSpec),
    /// Round each side to the token size keeping the aspect ratio, clamp the area, merge
    /// neighbouring patches into one token (`smart_resize`).
    Dynamic(DynamicSpec),
    /// Choose a grid of crops among candidate resolutions, encode the crops and a global view,
    /// drop padding, add a newline vector per row (`select_best_resolution` + unpadding).
    AnyRes(AnyResSpec),
}

impl Strategy {
    pub fn kind(&self) -> StrategyKind {
        match self {
            Self::Fixed(_) => StrategyKind::Fixed,
            Self::Dynamic(_) => StrategyKind::Dynamic,
            Self::AnyRes(_) => StrategyKind::AnyRes,
        }
    }

    /// ViT patch side in pixels.
    pub fn patch(&self) -> u32 {
        match self {
            Self::Fixed(s) => s.patch,
            Self::Dynamic(s) => s.patch,
            Self::AnyRes(s) => s.patch,
        }
    }
}

/// A fixed piece of the image's token span: a delimiter or inserted text.
#[derive(Debug)]
pub struct Piece {
    pub kind: TokenKind,
    pub text: &'static str,
    pub label: &'static str,
    /// Tokens the model's tokenizer makes of `text`.
    pub tokens: u32,
}

#[derive(Debug)]
pub struct FixedSpec {
    /// The square side every image is resized to.
    pub side: u32,
    pub patch: u32,
    /// Patches per token along each side after pooling.
    pub pool: u32,
    pub placeholder: &'static str,
    pub before: &'static [Piece],
    pub after: &'static [Piece],
}

#[derive(Debug)]
pub struct DynamicSpec {
    pub patch: u32,
    /// Patches per token along each side (the merger).
    pub merge: u32,
    pub min_pixels: u64,
    pub max_pixels: u64,
    /// The processor refuses long/short ratios above this.
    pub max_aspect_ratio: f64,
    pub placeholder: &'static str,
    pub before: &'static [Piece],
    pub after: &'static [Piece],
}

#[derive(Debug)]
pub struct AnyResSpec {
    /// Side of one crop and of the global view.
    pub crop: u32,
    pub patch: u32,
    /// Feature tokens per crop side (`sqrt(num_image_tokens)`).
    pub tokens_per_side: u32,
    /// Candidate resolutions are every `crop * i` x `crop * j` for `i, j` in `1..=max_grid`,
    /// listed as (height, width) with height outermost, as in the checkpoint's `image_grid_pinpoints`.
    pub max_grid: u32,
    /// `anyres_max_N`: the unpadded features are shrunk when they exceed about N crops.
    pub max_crops: u32,
    pub placeholder: &'static str,
}

const GEMMA3_NEWLINES: Piece =
    Piece { kind: TokenKind::Text, text: "\n\n", label: "blank line", tokens: 1 };

/// Every model the engine counts.
pub static CATALOGUE: &[Model] = &[
    Model {
        id: "google/gemma-3-4b-it",
        name: "Gemma 3 4B",
        strategy: Strategy::Fixed(FixedSpec {
            side: 896,
            patch: 14,
            pool: 4,
            placeholder: "<image_soft_token>",
            // Gemma3Processor.full_image_sequence; "\n\n" is one token (id 108) in Gemma's vocabulary.
            before: &[
                GEMMA3_NEWLINES,
                Piece { kind: TokenKind::Delimiter, text: "<start_of_image>", label: "start of image", tokens: 1 },
            ],
            after: &[
                Piece { kind: TokenKind::Delimiter, text: "<end_of_image>", label: "end of image", tokens: 1 },
                GEMMA3_NEWLINES,
            ],
        }),
        reference: Reference {
            file: "models/gemma3/processing_gemma3.py",
            function: "Gemma3Processor.__init__ (full_image_sequence), image_processing_gemma3 resize",
            config: "preprocessor_config.json: size 896x896; processor_config.json: image_seq_length 256",
        },
    },
    Model {
        id: "Qwen/Qwen2.5-VL-7B-Instruct",
        name: "Qwen2.5-VL 7B",
        strategy: Strategy::Dynamic(DynamicSpec {
            patch: 14,
            merge: 2,
            min_pixels: 3136,
            max_pixels: 12_845_056,
            max_aspect_ratio: 200.0,
            placeholder: "<|image_pad|>",
            before: &[Piece { kind: TokenKind::Delimiter, text: "<|vision_start|>", label: "vision start", tokens: 1 }],
            after: &[Piece { kind: TokenKind::Delimiter, text: "<|vision_end|>", label: "vision end", tokens: 1 }],
        }),
        reference: Reference {
            file: "models/qwen2_vl/image_processing_qwen2_vl.py",
            function: "smart_resize; Qwen2_5_VLProcessor.replace_image_token (grid_thw.prod() // merge_size**2)",
            config: "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056",
        },
    },
    Model {
        id: "llava-hf/llava-onevision-qwen2-7b-ov-hf",
        name: "LLaVA-OneVision 7B",
        strategy: Strategy::AnyRes(AnyResSpec {
            crop: 384,
            patch: 14,
            tokens_per_side: 27,
            max_grid: 6,
            max_crops: 9,
            placeholder: "<image>",
        }),
        reference: Reference {
            file: "models/llava_onevision/processing_llava_onevision.py",
            function: "LlavaOnevisionProcessor._get_number_of_features / _get_unpadded_features; \
                       image_processing_utils.select_best_resolution",
            config: "preprocessor_config.json: 384 px, 36 image_grid_pinpoints; processor_config.json: \
                     num_image_tokens 729, vision_feature_select_strategy full, vision_aspect_ratio anyres_max_9",
        },
    },
];

/// The catalogue entry with this Hugging Face id.
pub fn find(id: &str) -> Option<&'static Model> {
    CATALOGUE.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_entry_cites_its_reference() {
        for (i, m) in CATALOGUE.iter().enumerate() {
            assert!(CATALOGUE[..i].iter().all(|o| o.id != m.id), "duplicate id {}", m.id);
            assert!(m.reference.file.ends_with(".py") && !m.reference.function.is_empty());
            assert!(!m.reference.config.is_empty());
        }
    }

    #[test]
    fn the_catalogue_has_every_strategy() {
        for kind in StrategyKind::ALL {
            assert!(CATALOGUE.iter().any(|m| m.strategy.kind() == kind), "{kind:?} missing");
        }
    }
}
