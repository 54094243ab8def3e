//! The model catalogue. Every entry cites the `transformers` file and function its arithmetic
//! follows and the checkpoint config its numbers come from.

use super::geometry::Size;
use super::plan::{MergeSite, StrategyKind, TokenKind};

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
    /// File in `transformers/src/transformers/` (for API models: the provider's documentation).
    pub file: &'static str,
    /// Function or method in that file.
    pub function: &'static str,
    /// The checkpoint configuration the numbers come from.
    pub config: &'static str,
}

/// The resize/tiling strategies, one variant per family.
#[derive(Debug)]
pub enum Strategy {
    /// Resize to a fixed square (squish, or short side then centre crop), cut into patches,
    /// optionally pool: the same count for every image.
    Fixed(FixedSpec),
    /// Keep the aspect ratio, fit each side to the token size within area or edge limits, merge
    /// neighbouring patches (Qwen's `smart_resize`, Pixtral's longest edge).
    Dynamic(DynamicSpec),
    /// LLaVA-NeXT/OneVision AnyRes: choose among candidate resolutions, encode crops and a global
    /// view, drop padding, add a newline vector per row (`select_best_resolution` + unpadding).
    AnyRes(AnyResSpec),
    /// Tiles of a fixed size chosen by aspect ratio (InternVL), by scale (Llama 3.2 Vision) or by
    /// rounding the resized image up to whole tiles (Idefics3, SmolVLM), with or without a
    /// thumbnail.
    Tiled(TiledSpec),
    /// A hosted model's documented token formula (no open processor to follow).
    Api(ApiFormula),
}

impl Strategy {
    /// Which of the explainer's three strategies this is (tiling counts as AnyRes).
    pub fn kind(&self) -> StrategyKind {
        match self {
            Self::Fixed(_) => StrategyKind::Fixed,
            Self::Dynamic(_) => StrategyKind::Dynamic,
            Self::AnyRes(_) | Self::Tiled(_) => StrategyKind::AnyRes,
            Self::Api(_) => StrategyKind::Api,
        }
    }

    /// ViT patch side in pixels.
    pub fn patch(&self) -> u32 {
        match self {
            Self::Fixed(s) => s.patch,
            Self::Dynamic(s) => s.patch,
            Self::AnyRes(s) => s.patch,
            Self::Tiled(s) => s.patch,
            Self::Api(f) => f.cell(),
        }
    }

    /// Patches per token along each side, and where they are merged.
    pub fn merge(&self) -> (u32, MergeSite) {
        match self {
            Self::Fixed(s) if s.pool > 1 => (s.pool, MergeSite::AveragePooling),
            Self::Dynamic(s) if s.merge > 1 => (s.merge, MergeSite::EncoderMerger),
            Self::Tiled(s) if s.pixel_shuffle > 1 => (s.pixel_shuffle, MergeSite::PixelShuffle),
            _ => (1, MergeSite::None),
        }
    }
}

/// The documented image-token formulas of hosted models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ApiFormula {
    /// OpenAI GPT-4o: `detail: low` is a flat `base`; `high` fits the image in `fit` x `fit`,
    /// scales its short side to `short_side`, and adds `per_tile` for every `tile`-px square.
    OpenAiTiles { base: u32, per_tile: u32, tile: u32, fit: u32, short_side: u32 },
    /// OpenAI GPT-4.1 mini: one token per `patch`-px patch covering the image, at most `max`
    /// (the image is scaled down to fit); billed at `multiplier` times that.
    OpenAiPatches { patch: u32, max: u32, multiplier: f64 },
    /// Anthropic Claude: about `width * height / per_token` tokens after scaling down to a long
    /// edge of `max_edge` and at most `max_tokens`.
    AnthropicArea { per_token: u32, max_edge: u32, max_tokens: u32 },
    /// Google Gemini 2.x: `per_tile` tokens when both sides are at most `small`, else `per_tile`
    /// for each `tile`-px tile covering the image.
    GeminiTiles { per_tile: u32, small: u32, tile: u32 },
}

impl ApiFormula {
    /// The cell the formula counts in (tile or patch side), drawn as the overlay's grid.
    pub fn cell(&self) -> u32 {
        match *self {
            Self::OpenAiTiles { tile, .. } | Self::GeminiTiles { tile, .. } => tile,
            Self::OpenAiPatches { patch, .. } => patch,
            Self::AnthropicArea { .. } => 1,
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

const fn delimiter(text: &'static str, label: &'static str) -> Piece {
    Piece { kind: TokenKind::Delimiter, text, label, tokens: 1 }
}

/// How a fixed-size model fits the image to its square.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedFit {
    /// Stretched to the square: the aspect ratio is lost.
    Squish,
    /// Short side scaled to the square's side, then the centre cut out: the rest is lost.
    ShortSideCenterCrop,
}

/// Gemma 3's pan and scan: a long image is also cut into 2..=`max_crops` crops along its long
/// side, each encoded like a whole image, introduced by plain text.
#[derive(Debug)]
pub struct PanAndScan {
    pub min_crop: u32,
    pub max_crops: u32,
    /// Long over short side below which no crops are made.
    pub min_ratio: f64,
    /// Text before the whole image, after it, and between crops, with their token counts.
    pub intro: Piece,
    pub bridge: Piece,
    pub separator: Piece,
}

#[derive(Debug)]
pub struct FixedSpec {
    /// The square side every image is resized to.
    pub side: u32,
    pub fit: FixedFit,
    pub patch: u32,
    /// Patches per token along each side after pooling (1: none).
    pub pool: u32,
    pub placeholder: &'static str,
    pub before: &'static [Piece],
    pub after: &'static [Piece],
    /// Gemma 3's optional pan and scan (option `pan_and_scan`).
    pub pan_and_scan: Option<PanAndScan>,
}

/// How a dynamic-resolution model sizes the image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DynamicResize {
    /// Qwen's `smart_resize`: sides rounded to the token size, area clamped to
    /// `[min_pixels, max_pixels]`, aspect ratios above `max_aspect_ratio` refused.
    Smart { min_pixels: u64, max_pixels: u64, max_aspect_ratio: f64 },
    /// Pixtral: scaled down so neither side exceeds `longest_edge`, then each side rounded up
    /// to whole patches.
    LongestEdge { longest_edge: u32 },
}

/// How the image's tokens are laid out in the sequence.
#[derive(Debug)]
pub enum RowLayout {
    /// One run of placeholders between `before` and `after`.
    Flat { before: &'static [Piece], after: &'static [Piece] },
    /// Each row of tokens ends with `row_break`, the last with `end` instead (Pixtral).
    BreakEachRow { row_break: &'static str, end: &'static str },
}

#[derive(Debug)]
pub struct DynamicSpec {
    pub patch: u32,
    /// Patches per token along each side (the merger; 1: none).
    pub merge: u32,
    pub resize: DynamicResize,
    pub placeholder: &'static str,
    pub layout: RowLayout,
}

/// The resolutions an AnyRes model may choose, in the processor's order.
#[derive(Debug)]
pub enum Pinpoints {
    /// Every `crop * i` x `crop * j` for `i, j` in `1..=max_grid`, height outermost, as in the
    /// checkpoint's `image_grid_pinpoints`.
    Multiples { max_grid: u32 },
    /// An explicit list.
    List(&'static [Size]),
}

#[derive(Debug)]
pub struct AnyResSpec {
    /// Side of one crop and of the global view.
    pub crop: u32,
    pub patch: u32,
    pub pinpoints: Pinpoints,
    /// `anyres_max_N`: unpadded features are shrunk when they exceed about N crops.
    pub max_crops: Option<u32>,
    pub placeholder: &'static str,
}

/// How a tiling model chooses its tile grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileSelection {
    /// InternVL (`get_optimal_tiled_canvas` of GOT-OCR2): the grid of `min..=max` tiles whose
    /// aspect ratio is closest to the image's; the image is squished onto it.
    ClosestAspect { min_tiles: u32, max_tiles: u32 },
    /// Llama 3.2 Vision (`get_optimal_tiled_canvas` of mllama): the canvas needing the least
    /// upscaling (or least downscaling); the image is fitted into it and padded right and below.
    LeastScaling { max_tiles: u32 },
    /// Idefics3 / SmolVLM (`resize` then `resize_for_vision_encoder`): the long side is scaled
    /// (up or down) to `longest_edge`, then each side rounded up to whole tiles; no candidates.
    LongestEdge { longest_edge: u32 },
}

#[derive(Debug)]
pub struct TiledSpec {
    pub tile: u32,
    pub patch: u32,
    /// Pixel shuffle (space-to-depth) factor in the connector (InternVL: 2; 1: none).
    pub pixel_shuffle: u32,
    /// Extra vectors per tile besides the patches (Llama 3.2's class token: 1).
    pub extra_per_tile: u32,
    pub selection: TileSelection,
    /// A downscaled view of the whole image is added when there is more than one tile.
    pub thumbnail: bool,
    pub sequence: TiledSequence,
}

/// How a tiling model's vision features reach the language model.
#[derive(Debug)]
pub enum TiledSequence {
    /// As placeholder tokens in the sequence, between `before` and `after`.
    Placeholders { before: &'static [Piece], placeholder: &'static str, after: &'static [Piece] },
    /// Through cross-attention layers: the sequence holds one `marker` token.
    CrossAttention { marker: &'static str },
    /// Idefics3's `replace_image_token`: each tile is `around` + its `<row_i_col_j>` tag +
    /// its placeholders, each row of tiles ends in "\n", and the global view follows as `around` +
    /// `<global-img>` + placeholders + `around`. The tags are plain text to these checkpoints'
    /// tokenizers: `tag_tokens` and `global_tokens` are what their real tokenizers make of them
    /// (one-digit rows and columns: the grid never exceeds 4x4 here); the last row's "\n" and the
    /// global view's leading "\n" merge into one "\n\n" token.
    RowColTags { around: &'static str, placeholder: &'static str, tag_tokens: u32, global_tokens: u32 },
}

const GEMMA3_NEWLINES: Piece = Piece { kind: TokenKind::Text, text: "\n\n", label: "blank line", tokens: 1 };
const QWEN_BEFORE: &[Piece] = &[delimiter("<|vision_start|>", "vision start")];
const QWEN_AFTER: &[Piece] = &[delimiter("<|vision_end|>", "vision end")];
const QWEN_SMART_14: DynamicResize =
    DynamicResize::Smart { min_pixels: 3136, max_pixels: 12_845_056, max_aspect_ratio: 200.0 };
const NEXT_PINPOINTS: &[Size] =
    &[Size::new(672, 336), Size::new(336, 672), Size::new(672, 672), Size::new(336, 1008), Size::new(1008, 336)];

const fn paligemma(id: &'static str, name: &'static str, side: u32, config: &'static str) -> Model {
    Model {
        id,
        name,
        strategy: Strategy::Fixed(FixedSpec {
            side,
            fit: FixedFit::Squish,
            patch: 14,
            pool: 1,
            placeholder: "<image>",
            before: &[],
            after: &[],
            pan_and_scan: None,
        }),
        reference: Reference {
            file: "models/paligemma/processing_paligemma.py",
            function: "PaliGemmaProcessor.replace_image_token (image_seq_length <image> tokens); \
                       the BOS, prompt and \"\\n\" after them are prompt text",
            config,
        },
    }
}

const fn qwen_vl(
    id: &'static str,
    name: &'static str,
    patch: u32,
    resize: DynamicResize,
    config: &'static str,
) -> Model {
    Model {
        id,
        name,
        strategy: Strategy::Dynamic(DynamicSpec {
            patch,
            merge: 2,
            resize,
            placeholder: "<|image_pad|>",
            layout: RowLayout::Flat { before: QWEN_BEFORE, after: QWEN_AFTER },
        }),
        reference: Reference {
            file: "models/qwen2_vl/image_processing_qwen2_vl.py",
            function: "smart_resize; Qwen*VLProcessor.replace_image_token (grid_thw.prod() // merge_size**2)",
            config,
        },
    }
}

/// Every model the engine counts, grouped by strategy.
pub static CATALOGUE: &[Model] = &[
    paligemma(
        "google/paligemma-3b-pt-224",
        "PaliGemma 224",
        224,
        "preprocessor_config.json: 224x224, image_seq_length 256",
    ),
    paligemma(
        "google/paligemma-3b-pt-448",
        "PaliGemma 448",
        448,
        "preprocessor_config.json: 448x448, image_seq_length 1024",
    ),
    paligemma(
        "google/paligemma-3b-pt-896",
        "PaliGemma 896",
        896,
        "preprocessor_config.json: 896x896, image_seq_length 4096",
    ),
    Model {
        id: "llava-hf/llava-1.5-7b-hf",
        name: "LLaVA-1.5 7B",
        strategy: Strategy::Fixed(FixedSpec {
            side: 336,
            fit: FixedFit::ShortSideCenterCrop,
            patch: 14,
            pool: 1,
            placeholder: "<image>",
            before: &[],
            after: &[],
            pan_and_scan: None,
        }),
        reference: Reference {
            file: "models/llava/processing_llava.py",
            function: "LlavaProcessor.replace_image_token ((336/14)^2 + 1 CLS - 1 for \"default\"); \
                       CLIPImageProcessor resize (shortest_edge) + center_crop",
            config: "preprocessor_config.json: shortest_edge 336, crop_size 336; processor_config.json: \
                     patch_size 14, vision_feature_select_strategy default, num_additional_image_tokens 1",
        },
    },
    Model {
        id: "google/gemma-3-4b-it",
        name: "Gemma 3 4B",
        strategy: Strategy::Fixed(FixedSpec {
            side: 896,
            fit: FixedFit::Squish,
            patch: 14,
            pool: 4,
            placeholder: "<image_soft_token>",
            // Gemma3Processor.full_image_sequence; "\n\n" is one token (id 108) in Gemma's vocabulary.
            before: &[GEMMA3_NEWLINES, delimiter("<start_of_image>", "start of image")],
            after: &[delimiter("<end_of_image>", "end of image"), GEMMA3_NEWLINES],
            // Gemma3Processor.replace_image_token with crops; token counts from Gemma 3's vocabulary
            // ("Here", "▁is", "▁the", "▁original", "▁image", "▁" and so on).
            pan_and_scan: Some(PanAndScan {
                min_crop: 256,
                max_crops: 4,
                min_ratio: 1.2,
                intro: Piece {
                    kind: TokenKind::Text,
                    text: "Here is the original image ",
                    label: "intro text",
                    tokens: 6,
                },
                bridge: Piece {
                    kind: TokenKind::Text,
                    text: " and here are some crops to help you see better ",
                    label: "text before the crops",
                    tokens: 11,
                },
                separator: Piece { kind: TokenKind::Text, text: " ", label: "space between crops", tokens: 1 },
            }),
        }),
        reference: Reference {
            file: "models/gemma3/processing_gemma3.py",
            function: "Gemma3Processor.__init__ (full_image_sequence) and replace_image_token; \
                       Gemma3ImageProcessor.pan_and_scan",
            config: "preprocessor_config.json: size 896x896; processor_config.json: image_seq_length 256; \
                     processor defaults: pan_and_scan_min_crop_size 256, max_num_crops 4, min_ratio_to_activate 1.2",
        },
    },
    qwen_vl(
        "Qwen/Qwen2-VL-7B-Instruct",
        "Qwen2-VL 7B",
        14,
        QWEN_SMART_14,
        "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056",
    ),
    qwen_vl(
        "Qwen/Qwen2.5-VL-7B-Instruct",
        "Qwen2.5-VL 7B",
        14,
        QWEN_SMART_14,
        "preprocessor_config.json: patch_size 14, merge_size 2, min_pixels 3136, max_pixels 12845056",
    ),
    qwen_vl(
        "Qwen/Qwen3-VL-8B-Instruct",
        "Qwen3-VL 8B",
        16,
        DynamicResize::Smart { min_pixels: 65_536, max_pixels: 16_777_216, max_aspect_ratio: 200.0 },
        "preprocessor_config.json: patch_size 16, merge_size 2, size shortest_edge 65536, longest_edge 16777216",
    ),
    Model {
        id: "mistral-community/pixtral-12b",
        name: "Pixtral 12B",
        strategy: Strategy::Dynamic(DynamicSpec {
            patch: 16,
            merge: 1,
            resize: DynamicResize::LongestEdge { longest_edge: 1024 },
            placeholder: "[IMG]",
            layout: RowLayout::BreakEachRow { row_break: "[IMG_BREAK]", end: "[IMG_END]" },
        }),
        reference: Reference {
            file: "models/pixtral/image_processing_pixtral.py",
            function: "get_resize_output_image_size, _num_image_tokens; PixtralProcessor.replace_image_token",
            config: "preprocessor_config.json: longest_edge 1024, patch_size 16; processor_config.json: \
                     spatial_merge_size 1",
        },
    },
    Model {
        id: "llava-hf/llava-v1.6-mistral-7b-hf",
        name: "LLaVA-NeXT 7B",
        strategy: Strategy::AnyRes(AnyResSpec {
            crop: 336,
            patch: 14,
            pinpoints: Pinpoints::List(NEXT_PINPOINTS),
            max_crops: None,
            placeholder: "<image>",
        }),
        reference: Reference {
            file: "models/llava_next/processing_llava_next.py",
            function: "LlavaNextProcessor._get_number_of_features / _get_unpadded_features; \
                       image_processing_utils.select_best_resolution",
            config: "preprocessor_config.json: 336 px, image_grid_pinpoints [[336,672],[672,336],[672,672],\
                     [1008,336],[336,1008]]; processor_config.json: vision_feature_select_strategy default",
        },
    },
    Model {
        id: "llava-hf/llava-onevision-qwen2-7b-ov-hf",
        name: "LLaVA-OneVision 7B",
        strategy: Strategy::AnyRes(AnyResSpec {
            crop: 384,
            patch: 14,
            pinpoints: Pinpoints::Multiples { max_grid: 6 },
            max_crops: Some(9),
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
    Model {
        id: "OpenGVLab/InternVL3-8B-hf",
        name: "InternVL3 8B",
        strategy: Strategy::Tiled(TiledSpec {
            tile: 448,
            patch: 14,
            pixel_shuffle: 2,
            extra_per_tile: 0,
            selection: TileSelection::ClosestAspect { min_tiles: 1, max_tiles: 12 },
            thumbnail: true,
            sequence: TiledSequence::Placeholders {
                before: &[delimiter("<img>", "image start")],
                placeholder: "<IMG_CONTEXT>",
                after: &[delimiter("</img>", "image end")],
            },
        }),
        reference: Reference {
            file: "models/got_ocr2/image_processing_got_ocr2.py",
            function: "get_optimal_tiled_canvas, crop_image_to_patches; InternVLProcessor.replace_image_token",
            config: "preprocessor_config.json: crop_to_patches, min_patches 1, max_patches 12, 448x448; \
                     processor_config.json: image_seq_length 256",
        },
    },
    Model {
        id: "meta-llama/Llama-3.2-11B-Vision-Instruct",
        name: "Llama 3.2 Vision 11B",
        strategy: Strategy::Tiled(TiledSpec {
            tile: 560,
            patch: 14,
            pixel_shuffle: 1,
            extra_per_tile: 1,
            selection: TileSelection::LeastScaling { max_tiles: 4 },
            thumbnail: false,
            sequence: TiledSequence::CrossAttention { marker: "<|image|>" },
        }),
        reference: Reference {
            file: "models/mllama/image_processing_mllama.py",
            function: "get_optimal_tiled_canvas, get_image_size_fit_to_canvas; MllamaProcessor (one <|image|>)",
            config: "preprocessor_config.json: 560x560 tiles, max_image_tiles 4; vision config: \
                     image_size 560, patch_size 14 (1600 patches + 1 class token a tile)",
        },
    },
    Model {
        id: "HuggingFaceTB/SmolVLM-Instruct",
        name: "SmolVLM 2B",
        strategy: Strategy::Tiled(TiledSpec {
            tile: 384,
            patch: 14,
            pixel_shuffle: 3,
            extra_per_tile: 0,
            selection: TileSelection::LongestEdge { longest_edge: 1536 },
            thumbnail: true,
            sequence: TiledSequence::RowColTags {
                around: "<fake_token_around_image>",
                placeholder: "<image>",
                // SmolLM2's BPE: < row _ 1 _ col _ 1 >, and < global - img >.
                tag_tokens: 9,
                global_tokens: 5,
            },
        }),
        reference: Reference {
            file: "models/idefics3/image_processing_idefics3.py",
            function: "Idefics3ImageProcessor.resize, resize_for_vision_encoder, split_image; \
                       Idefics3Processor (get_image_prompt_string)",
            config: "preprocessor_config.json: size longest_edge 1536, max_image_size 384, resample 1; \
                     processor_config.json: image_seq_len 81; config.json: scale_factor 3, vision 384/14, \
                     vocab_size 49155 (SmolLM2 + 3 added tokens)",
        },
    },
    Model {
        id: "HuggingFaceM4/Idefics3-8B-Llama3",
        name: "Idefics3 8B",
        strategy: Strategy::Tiled(TiledSpec {
            tile: 364,
            patch: 14,
            pixel_shuffle: 2,
            extra_per_tile: 0,
            selection: TileSelection::LongestEdge { longest_edge: 1456 },
            thumbnail: true,
            sequence: TiledSequence::RowColTags {
                around: "<fake_token_around_image>",
                placeholder: "<image>",
                // Llama 3's BPE: < row _ 1 _col _ 1 >, and < global -img >.
                tag_tokens: 8,
                global_tokens: 4,
            },
        }),
        reference: Reference {
            file: "models/idefics3/image_processing_idefics3.py",
            function: "Idefics3ImageProcessor.resize, resize_for_vision_encoder, split_image; \
                       Idefics3Processor (get_image_prompt_string)",
            config: "preprocessor_config.json: size longest_edge 1456, max_image_size 364, resample 1; \
                     processor_config.json: image_seq_len 169; config.json: scale_factor 2, vision 364/14, \
                     vocab_size 128259 (Llama 3 + 3 added tokens)",
        },
    },
    Model {
        id: "openai/gpt-4o",
        name: "GPT-4o (API)",
        strategy: Strategy::Api(ApiFormula::OpenAiTiles {
            base: 85,
            per_tile: 170,
            tile: 512,
            fit: 2048,
            short_side: 768,
        }),
        reference: Reference {
            file: "(no processor: the provider's documentation)",
            function: "OpenAI API docs, Images and vision guide, \"Calculating costs\" (GPT-4o: 85 + 170 per 512-px tile)",
            config: "detail high (default) or low; fit in 2048x2048, shortest side to 768",
        },
    },
    Model {
        id: "openai/gpt-4.1-mini",
        name: "GPT-4.1 mini (API)",
        strategy: Strategy::Api(ApiFormula::OpenAiPatches { patch: 32, max: 1536, multiplier: 1.62 }),
        reference: Reference {
            file: "(no processor: the provider's documentation)",
            function: "OpenAI API docs, Images and vision guide, \"Calculating costs\" (32-px patches, cap 1536, multiplier 1.62)",
            config: "no options",
        },
    },
    Model {
        id: "anthropic/claude-sonnet-4",
        name: "Claude Sonnet 4 (API)",
        strategy: Strategy::Api(ApiFormula::AnthropicArea { per_token: 750, max_edge: 1568, max_tokens: 1600 }),
        reference: Reference {
            file: "(no processor: the provider's documentation)",
            function: "Anthropic docs, Vision, \"Calculate image costs\" (tokens = width * height / 750, long edge 1568, ~1600 tokens)",
            config: "no options; the exact downscaling is not documented, so large images are approximate",
        },
    },
    Model {
        id: "google/gemini-2.5-flash",
        name: "Gemini 2.5 Flash (API)",
        strategy: Strategy::Api(ApiFormula::GeminiTiles { per_tile: 258, small: 384, tile: 768 }),
        reference: Reference {
            file: "(no processor: the provider's documentation)",
            function: "Gemini API docs, Image understanding / token counting (258 tokens up to 384x384, else 258 per 768x768 tile)",
            config: "no options; the exact tiling of large images is not documented, so they are approximate",
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
            let documented = matches!(m.strategy, Strategy::Api(_)) && m.reference.function.contains("docs");
            assert!(m.reference.file.ends_with(".py") || documented, "{}", m.id);
            assert!(!m.reference.function.is_empty());
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
