//! Liquid AI's LFM2-VL: SigLIP2 NaFlex at the image's own size (16-px patches, sides to whole 32-px
//! tokens, 64..256 tokens after the 2x2 pixel unshuffle); an image past twice that area is split
//! into 512-px tiles on the closest-aspect grid of 2..10, each tagged with its row and column, and
//! the resized image follows as a thumbnail.

use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::shapes::{self, Attention, Lm, Shape, Stack};
use crate::engine::split_tiles::SplitTilesSpec;

/// `<|img_row_R_col_C|>` for row R and columns 1 to 10.
macro_rules! tags {
    ($row:literal) => {
        [
            concat!("<|img_row_", $row, "_col_1|>"),
            concat!("<|img_row_", $row, "_col_2|>"),
            concat!("<|img_row_", $row, "_col_3|>"),
            concat!("<|img_row_", $row, "_col_4|>"),
            concat!("<|img_row_", $row, "_col_5|>"),
            concat!("<|img_row_", $row, "_col_6|>"),
            concat!("<|img_row_", $row, "_col_7|>"),
            concat!("<|img_row_", $row, "_col_8|>"),
            concat!("<|img_row_", $row, "_col_9|>"),
            concat!("<|img_row_", $row, "_col_10|>"),
        ]
    };
}

/// The tile tags for rows and columns 1 to 10: single added tokens of LFM2's tokenizer.
const TILE_TAGS: [[&str; 10]; 10] =
    [tags!(1), tags!(2), tags!(3), tags!(4), tags!(5), tags!(6), tags!(7), tags!(8), tags!(9), tags!(10)];

pub const LFM2_VL_1_6B: Model = Model {
    id: "LiquidAI/LFM2-VL-1.6B",
    name: "LFM2-VL 1.6B",
    family: "LFM2-VL",
    released: Month::new(2025, 8),
    params: Some(Params::dense(1.6)),
    context: Some(32_768),
    strategy: Strategy::SplitTiles(SplitTilesSpec {
        patch: 16,
        downsample: 2,
        tile: 512,
        min_tiles: 2,
        max_tiles: 10,
        min_image_tokens: 64,
        max_image_tokens: 256,
        max_pixels_tolerance: "2.0",
        use_thumbnail: true,
        do_image_splitting: true,
        placeholder: "<image>",
        start: "<|image_start|>",
        end: "<|image_end|>",
        thumbnail: "<|img_thumbnail|>",
        tile_tags: &TILE_TAGS,
    }),
    reference: Reference {
        file: cite!("models/lfm2_vl/image_processing_lfm2_vl.py"),
        function: cite!(
            "Lfm2VlImageProcessor._get_split_layout: _is_image_too_large (sides rounded to 32 px, area over \
                   max_image_tokens x 1024 x max_pixels_tolerance), smart_resize, _target_ratios (a set of (w, h) \
                   sorted by w x h) and find_closest_aspect_ratio; Lfm2VlProcessor._build_image_tokens"
        ),
        config: cite!(
            "processor_config.json of the original upload (huggingface.co/LiquidAI/LFM2-VL-1.6B @5c24786): \
                 encoder_patch_size 16, downsample_factor 2, tile_size 512, min_tiles 2, max_tiles 10, \
                 min_image_tokens 64, max_image_tokens 256, use_thumbnail true, do_image_splitting true, \
                 max_pixels_tolerance 1.5 (transformers 5.25 builds the image processor from \
                 preprocessor_config.json, not from these flat keys; that file was not readable here, so the \
                 class default 2.0 is used); image_token_id 396 (Lfm2VlConfig's default, documented for this checkpoint); <image>, <|img_row_R_col_C|>, \
                 <|img_thumbnail|>, <|image_start|>, <|image_end|> are single added tokens (ids 396..499, \
                 ollama's LFM2-VL tokenizer fixture); 1.6B parameters, 32,768-token text context (model card); \
                 released 2025-08 (Liquid AI's LFM2-VL announcement; \
                 the month not in a stored source)"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP2 NaFlex so400m (26 layers)", shapes::vit(26, 1152, 16, 4304), 0),
        // LayerNorm, 2x2 pixel unshuffle, 4608 -> 2560 -> 2048.
        connector_params: 4608 * 2560 + 2560 * 2048,
        lm: LFM2_1_2B,
        source: cite!(
            "Lfm2VlConfig (5.25) defaults documented for this checkpoint (projector 2560 wide with a \
                 LayerNorm, downsample 2, tied embeddings) and the config of mlx-community/LFM2-VL-1.6B-4bit as a \
                 public loader's test restates it (find_string id 56787016471): text lfm2 16 layers of 2048, \
                 32/8 heads (64 wide), attention in layers 2, 5, 8, 10, 12, 14 and short convolutions (L_cache 3) \
                 in the other 10, vocab 65536; vision SigLIP2 1152 wide, 16 heads, MLP 4304, 27 layers of which \
                 vision_feature_layer -2 keeps 26. LFM2-1.2B's MLP: block_ff_dim 12288 auto-adjusted to \
                 2 x 12288 / 3 = 8192 (Lfm2MLP; the fine-tune Ba2han/tr_ocr6's config.json keeps the same text \
                 block). The 26-layer tower matches the checkpoint's 3.17 GB model.safetensors (the Hub's file \
                 listing @125f2f3), where 27 layers would make 3.20 GB. The LM's 10 ShortConv layers are the \
                 hybrid's mixers (in_proj 2048 -> 3 x 2048, a depthwise conv of 3 taps, out_proj 2048 -> 2048)"
        ),
    }),
    unpinned: &["max_pixels_tolerance (2.0, the image processor's default; the original processor_config.json says \
                 1.5, and the preprocessor_config.json that transformers 5.25 reads was not readable)"],
};

/// LFM2-1.2B: 16 layers of 2048; 6 run grouped-query attention (32/8 heads of 64, q/k norms), 10
/// a gated short convolution.
const LFM2_1_2B: Lm = Lm {
    name: "LFM2-1.2B (short convolutions + attention)",
    stack: Stack { qk_norm: true, ..shapes::stack(16, 2048, 32, 8, 64, 8192) },
    vocab: 65_536,
    tied: true,
    attention: Attention::Hybrid {
        full_layers: 6,
        // modeling_lfm2.py Lfm2ShortConv: in_proj 2048 x 6144, conv 2048 channels x 3 taps, out_proj.
        mixer_params: 2048 * 3 * 2048 + 2048 * 3 + 2048 * 2048,
        // The conv state: the last 3 inputs of 2048 channels, bf16.
        state_bytes: 2048 * 3 * 2,
    },
    cross_attention_layers: 0,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lfm2_vl_matches_its_published_size() {
        let shape = LFM2_VL_1_6B.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // model.safetensors is 3.17 GB of bf16 (the Hub's file listing): 1.585B parameters, the
        // card's "1.6B". Norms, biases and the position table are left out of the shape.
        assert!((total as f64 / 1.585e9 - 1.0).abs() < 0.005, "{total}");
        assert_eq!(shape.lm.active_params(), shape.lm.params(), "dense");
        assert_eq!(shape.lm.attention_layers(), 6);
    }
}
