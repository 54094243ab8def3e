//! Architecture shapes of the open models, for the cost model: layer counts, widths, heads, MLP
//! sizes, from each checkpoint's published `config.json` (cited per entry). Costs follow from
//! these shapes, never from per-model curve fits.

/// One transformer stack (a vision tower or a language model's decoder).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stack {
    pub layers: u32,
    pub hidden: u32,
    pub heads: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    /// MLP intermediate size.
    pub mlp: u32,
    /// Gated MLP (SwiGLU/GeGLU: gate, up and down matrices) or plain (up and down).
    pub gated: bool,
    /// RMSNorm (several element-wise kernels in eager PyTorch) or LayerNorm (one fused kernel).
    pub rms_norm: bool,
    /// Rotary position embedding applied to q and k in every layer.
    pub rotary: bool,
    /// Norms on q and k (Qwen3, Gemma 3).
    pub qk_norm: bool,
    /// Norms after attention and after the MLP too (Gemma's "sandwich" norms).
    pub sandwich_norm: bool,
}

impl Stack {
    /// Weights of one layer (attention and MLP matrices; norms and biases are negligible).
    pub fn layer_params(&self) -> u64 {
        let (h, q, kv) =
            (u64::from(self.hidden), u64::from(self.heads * self.head_dim), u64::from(self.kv_heads * self.head_dim));
        let attention = h * q + 2 * h * kv + q * h;
        let mlp = if self.gated { 3 } else { 2 } * h * u64::from(self.mlp);
        attention + mlp
    }

    pub fn params(&self) -> u64 {
        self.layer_params() * u64::from(self.layers)
    }

    /// GPU kernels one layer launches in eager PyTorch: what sets the time floor of a small input.
    /// Counted from the transformers implementations: a norm is 6 kernels as RMSNorm (pow, mean,
    /// add, rsqrt, mul, mul) or 1 as LayerNorm; q, k, v projections 3; rotary 10 (q and k: two
    /// muls, a neg, a cat and an add); attention and output projection 2; two residual adds; the
    /// MLP 5 gated (gate, up, activation, mul, down) or 3 plain.
    pub fn kernels_per_layer(&self) -> u32 {
        let norm = if self.rms_norm { 6 } else { 1 };
        let mut k = 2 * norm + 3 + 2 + 2 + if self.gated { 5 } else { 3 };
        if self.rotary {
            k += 10;
        }
        if self.qk_norm {
            // One norm over q and k's heads each, smaller than the hidden-state norms; counted as one.
            k += norm;
        }
        if self.sandwich_norm {
            k += 2 * norm;
        }
        k
    }
}

/// How a language model's self-attention runs in transformers with PyTorch SDPA.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Attention {
    /// Plain causal attention: `is_causal`, the flash kernel, half the score matrix computed.
    Causal,
    /// Gemma 3: 5 of every 6 layers see a sliding window of `window` tokens and need an explicit
    /// mask, which sends SDPA to its memory-efficient kernel over the full score matrix; the
    /// 6th layer is causal. Image tokens attend to each other both ways, so with an image every
    /// layer carries a mask. The cache of a sliding layer holds at most `window` tokens.
    SlidingWindow { window: u32, global_every: u32 },
}

/// The language model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lm {
    pub name: &'static str,
    pub stack: Stack,
    pub vocab: u32,
    /// Input embedding and output head share one matrix.
    pub tied: bool,
    pub attention: Attention,
    /// Tokens the model is configured for (`max_position_embeddings` or the documented window).
    pub context: u32,
    /// Llama 3.2 Vision: extra cross-attention layers reading the vision states.
    pub cross_attention_layers: u32,
}

impl Lm {
    /// All weights, embeddings and head included.
    pub fn params(&self) -> u64 {
        let embed = u64::from(self.vocab) * u64::from(self.stack.hidden);
        let cross = u64::from(self.cross_attention_layers) * self.stack.layer_params();
        self.stack.params() + cross + if self.tied { embed } else { 2 * embed }
    }
}

/// Vision tower attention: full over each view, or Qwen2.5-VL's windows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VisionAttention {
    /// Every patch of a view attends to every other.
    Full,
    /// Qwen2.5-VL: windows of `side` x `side` patches in all layers but `full_layers`. transformers
    /// runs SDPA once per window (a Python loop over `cu_seqlens`), so each window of each windowed
    /// layer costs a call.
    Windows { side: u32, full_layers: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vision {
    pub name: &'static str,
    pub stack: Stack,
    pub attention: VisionAttention,
    /// Vectors per view besides the patches (a class token).
    pub extra_tokens: u32,
}

/// A whole model: vision tower, connector and language model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub vision: Vision,
    /// Connector weights, applied once per feature token (merger MLP, projector, pooling + linear).
    pub connector_params: u64,
    pub lm: Lm,
    /// Where the shapes come from.
    pub source: &'static str,
}

const fn stack(layers: u32, hidden: u32, heads: u32, kv_heads: u32, head_dim: u32, mlp: u32) -> Stack {
    Stack {
        layers,
        hidden,
        heads,
        kv_heads,
        head_dim,
        mlp,
        gated: true,
        rms_norm: true,
        rotary: true,
        qk_norm: false,
        sandwich_norm: false,
    }
}

/// A ViT stack: LayerNorm, plain GELU MLP, learned positions.
const fn vit(layers: u32, hidden: u32, heads: u32, mlp: u32) -> Stack {
    Stack {
        layers,
        hidden,
        heads,
        kv_heads: heads,
        head_dim: hidden / heads,
        mlp,
        gated: false,
        rms_norm: false,
        rotary: false,
        qk_norm: false,
        sandwich_norm: false,
    }
}

const fn full(name: &'static str, stack: Stack, extra_tokens: u32) -> Vision {
    Vision { name, stack, attention: VisionAttention::Full, extra_tokens }
}

const fn causal(name: &'static str, stack: Stack, vocab: u32, tied: bool, context: u32) -> Lm {
    Lm { name, stack, vocab, tied, attention: Attention::Causal, context, cross_attention_layers: 0 }
}

/// SigLIP-so400m/14: 27 layers of 1152, 16 heads, MLP 4304.
pub const SIGLIP_SO400M: Stack = vit(27, 1152, 16, 4304);
/// CLIP ViT-L/14: 24 layers of 1024, 16 heads, MLP 4096.
pub const CLIP_L: Stack = vit(24, 1024, 16, 4096);

/// Qwen2-7B: the LM of Qwen2-VL-7B, Qwen2.5-VL-7B and LLaVA-OneVision-7B.
pub const QWEN2_7B: Lm = causal("Qwen2-7B", stack(28, 3584, 28, 4, 128, 18944), 152_064, false, 32_768);
pub const QWEN3_8B: Lm =
    causal("Qwen3-8B", Stack { qk_norm: true, ..stack(36, 4096, 32, 8, 128, 12288) }, 151_936, false, 262_144);
pub const GEMMA3_4B: Lm = Lm {
    name: "Gemma3-4B text",
    stack: Stack { qk_norm: true, sandwich_norm: true, ..stack(34, 2560, 8, 4, 256, 10240) },
    vocab: 262_208,
    tied: true,
    attention: Attention::SlidingWindow { window: 1024, global_every: 6 },
    context: 131_072,
    cross_attention_layers: 0,
};
/// SigLIP-so400m at 384 px as LLaVA-OneVision runs it (the last layer dropped: 26).
pub const SIGLIP_384_ONEVISION: Vision = full("SigLIP-so400m@384", Stack { layers: 26, ..SIGLIP_SO400M }, 0);
/// SigLIP-so400m at 896 px (Gemma 3), 27 layers.
pub const SIGLIP_896: Vision = full("SigLIP-so400m@896", SIGLIP_SO400M, 0);
/// Qwen2.5-VL's vision tower: 32 layers of 1280, SwiGLU 3420, windows of 8x8 patches (112 px)
/// except in 4 full-attention layers (7, 15, 23, 31).
pub const QWEN25_VISION: Vision = Vision {
    name: "Qwen2.5-VL vision",
    stack: Stack { kv_heads: 16, ..stack(32, 1280, 16, 16, 80, 3420) },
    attention: VisionAttention::Windows { side: 8, full_layers: 4 },
    extra_tokens: 0,
};

/// The shape of each open model of the catalogue, by Hugging Face id.
pub fn of(id: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|(i, _)| *i == id).map(|(_, s)| s)
}

const PALIGEMMA_LM: Lm =
    causal("Gemma-2B", Stack { kv_heads: 1, ..stack(18, 2048, 8, 1, 256, 16384) }, 257_216, true, 8192);

const fn paligemma(source: &'static str) -> Shape {
    Shape { vision: full("SigLIP-so400m", SIGLIP_SO400M, 0), connector_params: 1152 * 2048, lm: PALIGEMMA_LM, source }
}

const LLAMA31_8B: Stack = stack(32, 4096, 32, 8, 128, 14336);

static SHAPES: [(&str, Shape); 15] = [
    (
        "google/paligemma-3b-pt-224",
        paligemma("config.json: SigLIP-so400m/14 (27x1152), Gemma 2B (18x2048, MQA, head 256)"),
    ),
    (
        "google/paligemma-3b-pt-448",
        paligemma("config.json: SigLIP-so400m/14 (27x1152), Gemma 2B (18x2048, MQA, head 256)"),
    ),
    (
        "google/paligemma-3b-pt-896",
        paligemma("config.json: SigLIP-so400m/14 (27x1152), Gemma 2B (18x2048, MQA, head 256)"),
    ),
    (
        "llava-hf/llava-1.5-7b-hf",
        Shape {
            vision: full("CLIP ViT-L/14-336", CLIP_L, 1),
            connector_params: 1024 * 4096 + 4096 * 4096,
            lm: causal("Vicuna-7B", stack(32, 4096, 32, 32, 128, 11008), 32_064, false, 4096),
            source: "config.json: CLIP ViT-L/14 at 336 (24x1024), 2-layer MLP projector, Llama-2/Vicuna 7B (32x4096)",
        },
    ),
    (
        "google/gemma-3-4b-it",
        Shape {
            vision: SIGLIP_896,
            connector_params: 1152 * 2560,
            lm: GEMMA3_4B,
            source: "config.json: SigLIP-so400m at 896 (27x1152), 4x4 average pool + linear, Gemma 3 4B text \
                     (34x2560, 8/4 heads of 256, MLP 10240, sliding window 1024 in 5 of 6 layers)",
        },
    ),
    (
        "Qwen/Qwen2-VL-7B-Instruct",
        Shape {
            vision: Vision {
                name: "Qwen2-VL vision",
                stack: Stack { gated: false, rms_norm: false, ..stack(32, 1280, 16, 16, 80, 5120) },
                attention: VisionAttention::Full,
                extra_tokens: 0,
            },
            connector_params: 5120 * 5120 + 5120 * 3584,
            lm: QWEN2_7B,
            source: "config.json: vision 32x1280 (MLP 5120, full attention), 2x2 merger MLP, Qwen2-7B (28x3584, 28/4 heads)",
        },
    ),
    (
        "Qwen/Qwen2.5-VL-7B-Instruct",
        Shape {
            vision: QWEN25_VISION,
            connector_params: 5120 * 5120 + 5120 * 3584,
            lm: Lm { context: 128_000, ..QWEN2_7B },
            source: "config.json: vision 32x1280 (SwiGLU 3420, window 112 px, full attention in blocks 7/15/23/31), \
                     2x2 merger MLP, Qwen2-7B (28x3584, 28/4 heads)",
        },
    ),
    (
        "Qwen/Qwen3-VL-8B-Instruct",
        Shape {
            vision: full("Qwen3-VL vision", Stack { rotary: true, ..vit(27, 1152, 16, 4304) }, 0),
            // The final merger and three DeepStack mergers (layers 8, 16, 24), each 4608 -> 4608 -> 4096.
            connector_params: 4 * (4608 * 4608 + 4608 * 4096),
            lm: QWEN3_8B,
            source: "config.json: vision 27x1152 (MLP 4304, patch 16), merger + 3 DeepStack mergers, Qwen3-8B \
                     (36x4096, 32/8 heads, q/k norm)",
        },
    ),
    (
        "mistral-community/pixtral-12b",
        Shape {
            vision: Vision {
                name: "Pixtral-ViT",
                stack: stack(24, 1024, 16, 16, 64, 4096),
                attention: VisionAttention::Full,
                extra_tokens: 0,
            },
            connector_params: 1024 * 5120 + 5120 * 5120,
            lm: causal("Mistral-NeMo-12B", stack(40, 5120, 32, 8, 128, 14336), 131_072, false, 131_072),
            source: "config.json: Pixtral-ViT 24x1024 (SwiGLU 4096, 2D rotary), 2-layer projector, Mistral NeMo 12B \
                     (40x5120, 32/8 heads of 128)",
        },
    ),
    (
        "llava-hf/llava-v1.6-mistral-7b-hf",
        Shape {
            vision: full("CLIP ViT-L/14-336", CLIP_L, 1),
            connector_params: 1024 * 4096 + 4096 * 4096,
            lm: causal("Mistral-7B", stack(32, 4096, 32, 8, 128, 14336), 32_000, false, 32_768),
            source: "config.json: CLIP ViT-L/14 at 336 (24x1024), 2-layer MLP projector, Mistral 7B (32x4096, 32/8 heads)",
        },
    ),
    (
        "llava-hf/llava-onevision-qwen2-7b-ov-hf",
        Shape {
            vision: SIGLIP_384_ONEVISION,
            connector_params: 1152 * 3584 + 3584 * 3584,
            lm: QWEN2_7B,
            source: "config.json: SigLIP-so400m at 384 (26 of 27 layers used), 2-layer projector, Qwen2-7B (28x3584)",
        },
    ),
    (
        "OpenGVLab/InternVL3-8B-hf",
        Shape {
            vision: full("InternViT-300M", vit(24, 1024, 16, 4096), 1),
            connector_params: 4096 * 3584 + 3584 * 3584,
            lm: causal("Qwen2.5-7B", stack(28, 3584, 28, 4, 128, 18944), 151_674, false, 32_768),
            source: "config.json: InternViT-300M-448px (24x1024), pixel shuffle + MLP, Qwen2.5-7B (28x3584, 28/4 heads)",
        },
    ),
    (
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        Shape {
            // 32 local + 8 global layers of 1280 over 1601 vectors (1600 patches + class) a tile.
            vision: full("Llama 3.2 vision", vit(40, 1280, 16, 5120), 1),
            connector_params: 7680 * 4096,
            lm: Lm {
                name: "Llama-3.1-8B + 8 cross-attention layers",
                stack: LLAMA31_8B,
                vocab: 128_256,
                tied: false,
                attention: Attention::Causal,
                context: 131_072,
                cross_attention_layers: 8,
            },
            source: "config.json: vision 32+8 layers of 1280, projector 7680 -> 4096, Llama 3.1 8B (32x4096, 32/8 \
                     heads) with 8 cross-attention layers",
        },
    ),
    (
        "HuggingFaceTB/SmolVLM-Instruct",
        Shape {
            vision: full("SigLIP-so400m@384", SIGLIP_SO400M, 0),
            connector_params: 1152 * 9 * 2048,
            lm: causal("SmolLM2-1.7B", stack(24, 2048, 32, 32, 64, 8192), 49_155, false, 16_384),
            source: "config.json: SigLIP-so400m at 384 (27x1152), 3x3 pixel shuffle + linear, SmolLM2 1.7B \
                     (24x2048, 32 heads of 64)",
        },
    ),
    (
        "HuggingFaceM4/Idefics3-8B-Llama3",
        Shape {
            vision: full("SigLIP-so400m@364", SIGLIP_SO400M, 0),
            connector_params: 1152 * 4 * 4096,
            lm: causal("Llama-3.1-8B", LLAMA31_8B, 128_259, false, 131_072),
            source: "config.json: SigLIP-so400m at 364 (27x1152), 2x2 pixel shuffle + linear, Llama 3.1 8B \
                     (32x4096, 32/8 heads)",
        },
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_counts_match_the_published_sizes() {
        // Qwen2-7B: 7.62 B with embeddings and head (the measurement README's count).
        let qwen = QWEN2_7B.params() as f64 / 1e9;
        assert!((qwen - 7.62).abs() < 0.05, "{qwen}");
        let qwen3 = QWEN3_8B.params() as f64 / 1e9;
        assert!((qwen3 - 8.19).abs() < 0.05, "{qwen3}");
        let gemma = GEMMA3_4B.params() as f64 / 1e9;
        assert!((gemma - 3.88).abs() < 0.05, "{gemma}");
        let siglip = SIGLIP_SO400M.params() as f64 / 1e9;
        assert!((siglip - 0.41).abs() < 0.02, "{siglip}");
    }

    #[test]
    fn every_open_model_has_a_shape() {
        for m in super::super::CATALOGUE {
            let open = !matches!(m.strategy, super::super::Strategy::Api(_));
            assert_eq!(of(m.id).is_some(), open, "{}", m.id);
        }
    }
}
