//! OpenBMB's MiniCPM-V 4.6: a source view of about 448² px and, for a larger image, up to nine
//! slices of about that area each (SigLIP2, 14-px patches, 16x downsampling: a token per 56 px).

use crate::engine::models::{Model, Month, Params, Reference, Strategy};
use crate::engine::shapes::{self, Attention, Lm, Shape, Stack};
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
        file: cite!("models/minicpmv4_6/image_processing_pil_minicpmv4_6.py"),
        function: cite!(
            "get_sliced_grid, find_best_resize, get_refine_size; MiniCPMV4_6Processor.replace_image_token \
                   and _prepend_local_ids (<image_id>i</image_id>, then <image>...</image> and the rows of \
                   <slice>...</slice> joined by \\n)"
        ),
        config: cite!(
            "preprocessor_config.json (copy \"Duplicate from openbmb/MiniCPM-V-4.6\" at \
                 jma-informatique/MiniCPM-V-4.6; the same values in MiniCPM-V-4.6-Thinking and the transformers \
                 test fixture): max_slice_nums 9, scale_resolution 448, patch_size 14, use_image_id true, \
                 slice_mode true, downsample_mode 16x (default); config.json: Qwen3.5 text, \
                 max_position_embeddings 262144; 1.3B parameters, released 2026-05"
        ),
    },
    shape: Some(Shape {
        vision: shapes::full("SigLIP2-400M (27 layers, 20 on a quarter of the patches)", VISION_EQUIVALENT, 0),
        connector_params: MERGER_PARAMS + VISION_CARRIED,
        lm: QWEN35_08B,
        source: cite!(
            "config.json (huggingface.co/openbmb/MiniCPM-V-4.6/blob/main/config.json, and the config subset of \
                 mlx-community/MiniCPM-V-4.6-4bit a public loader quotes, find_string id 58607659846): vision 27x1152, \
                 16 heads, MLP 4304, patch 14, insert_layer_id 6; text qwen3_5_text 24 layers of 1024, full attention \
                 every 4th layer (6) with 8/2 heads of 256 and attn_output_gate, 18 Gated DeltaNet layers with 16 key \
                 and 16 value heads of 128 and a 4-tap conv, MLP 3584, vocab 248094 tied; downsample_mode 16x and \
                 merger_times 1 (MiniCPMV4_6Config defaults, documented for the checkpoint); \
                 modeling_minicpmv4_6.py and modeling_qwen3_5.py (5.25) for the module shapes. Approximated: the \
                 window-attention merger after layer 6 halves each side of the patch grid, so layers 7-26 see a \
                 quarter of the patches; the tower is priced as 13 layers over every patch (7 + 20/4 = 12 layer \
                 passes, plus the merger's 2x2-window attention and 4608 -> 17216 -> 1152 MLP, about 2 more), and \
                 the rest of its weights (317.6M) ride in connector_params, applied once per output token (1/16 of \
                 the patches): weights exact, matrix FLOPs within a few percent; attention's quadratic part is \
                 overstated (13 full passes for 8.25) and the launch floor understated (13 layers for 27 and the \
                 merger). downsample_mode 4x (27 layers on every patch) is not priced. The output gate's half of \
                 q_proj in the 6 full-attention layers is counted among the 18 DeltaNet mixers' weights"
        ),
    }),
    unpinned: &[],
};

/// SigLIP2-400M: 27 layers of 1152, 16 heads, MLP 4304.
const SIGLIP2_400M: Stack = shapes::vit(27, 1152, 16, 4304);

/// The tower as layers over every patch: 13 (see the entry's source).
const VISION_EQUIVALENT: Stack = Stack { layers: 13, ..SIGLIP2_400M };

/// One SigLIP2-400M layer's matrices: q, k, v, out and the MLP's two.
const SIGLIP2_LAYER: u64 = 4 * 1152 * 1152 + 2 * 1152 * 4304;

/// The tower's real weights: 27 layers and the window-attention merger (modeling_minicpmv4_6.py
/// MiniCPMV4_6ViTWindowAttentionMerger: q, k, v, out 4 x 1152 x 1152; linear_1 4608 -> 4 x 4304;
/// linear_2 17216 -> 1152), less the 13 layers `VISION_EQUIVALENT` holds.
const VISION_CARRIED: u64 = 27 * SIGLIP2_LAYER + 4 * 1152 * 1152 + 4608 * 17216 + 17216 * 1152 - 13 * SIGLIP2_LAYER;

/// The merger after the tower (MiniCPMV4_6DownsampleMLP): LayerNorm, 2x2 merge, 4608 -> 4608 -> 1024.
const MERGER_PARAMS: u64 = 4608 * 4608 + 4608 * 1024;

/// Qwen3.5-0.8B text: 24 layers of 1024, every 4th full attention (8/2 heads of 256), the others
/// Gated DeltaNet.
const QWEN35_08B: Lm = Lm {
    name: "Qwen3.5-0.8B text (Gated DeltaNet hybrid)",
    stack: Stack { qk_norm: true, ..shapes::stack(24, 1024, 8, 2, 256, 3584) },
    vocab: 248_094,
    tied: true,
    attention: Attention::Hybrid {
        full_layers: 6,
        mixer_params: DELTANET_PARAMS + OUTPUT_GATE_SHARE,
        state_bytes: DELTANET_STATE_BYTES,
    },
    cross_attention_layers: 0,
};

/// One Gated DeltaNet layer (hidden 1024; 16 key and 16 value heads of 128: key and value dims 2048;
/// modeling_qwen3_5.py Qwen3_5GatedDeltaNet): in_proj_qkv 1024 x 6144, in_proj_z 1024 x 2048,
/// in_proj_b and in_proj_a 2 x 1024 x 16, depthwise conv1d 6144 x 4, out_proj 2048 x 1024.
const DELTANET_PARAMS: u64 = 1024 * 6144 + 1024 * 2048 + 2 * 1024 * 16 + 6144 * 4 + 2048 * 1024;

/// attn_output_gate: each full layer's q_proj is 1024 -> 2 x 8 x 256, its gate half 1024 x 2048
/// weights that `Stack::attention_params` does not see, spread over the 18 mixers.
const OUTPUT_GATE_SHARE: u64 = 6 * 1024 * 2048 / 18;

/// A DeltaNet layer's cache: the recurrent state, 16 value heads x 128 x 128 in float32, and the
/// conv state, 6144 channels x 4 taps in bf16.
const DELTANET_STATE_BYTES: u64 = 16 * 128 * 128 * 4 + 6144 * 4 * 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minicpm_v46_matches_its_published_size() {
        let shape = MINICPM_V46.shape.expect("a shape");
        let total = shape.vision.stack.params() + shape.connector_params + shape.lm.params();
        // "1.3B" (SigLIP2-400M + Qwen3.5-0.8B; Xinference's model page): the modules sum to about
        // 1.29B, norms, biases and position tables left out.
        assert!((total as f64 / 1.3e9 - 1.0).abs() < 0.03, "{total}");
        assert_eq!(shape.lm.active_params(), shape.lm.params(), "dense");
        assert_eq!(shape.lm.attention_layers(), 6);
        assert_eq!(SIGLIP2_LAYER, SIGLIP2_400M.layer_params());
    }
}
