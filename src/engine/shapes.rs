//! Architecture shapes for the cost model: layer counts, widths, heads, MLP sizes. The building
//! blocks several checkpoints share live here; each catalogue entry states its own shape from its
//! published `config.json` (cited there). Costs follow from
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
    /// A mixture of experts in place of the MLP (`mlp` is then the dense layers' width).
    pub moe: Option<Moe>,
}

/// A mixture-of-experts MLP (GLM-4.5V's): a router picks `active` of `experts` routed experts for
/// each token, `shared` experts see every token, all gated and `expert_mlp` wide; the first
/// `dense_layers` layers keep a dense MLP. Memory holds every expert; a token's FLOPs touch only
/// its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moe {
    pub experts: u32,
    pub active: u32,
    pub shared: u32,
    pub expert_mlp: u32,
    pub dense_layers: u32,
}

impl Stack {
    /// Weights of one dense layer (attention and MLP matrices; norms and biases are negligible).
    pub fn layer_params(&self) -> u64 {
        self.attention_params() + self.mlp_params(self.mlp)
    }

    /// Weights of one layer's softmax attention (q, k, v and output projections).
    pub fn attention_params(&self) -> u64 {
        let (h, q, kv) =
            (u64::from(self.hidden), u64::from(self.heads * self.head_dim), u64::from(self.kv_heads * self.head_dim));
        h * q + 2 * h * kv + q * h
    }

    fn mlp_params(&self, width: u32) -> u64 {
        let matrices: u64 = if self.gated { 3 } else { 2 };
        matrices * u64::from(self.hidden) * u64::from(width)
    }

    /// Every weight of the stack (all experts of a mixture).
    pub fn params(&self) -> u64 {
        self.weights(|moe| moe.experts)
    }

    /// The weights one token goes through: all of a dense stack, its own experts of a mixture.
    pub fn active_params(&self) -> u64 {
        self.weights(|moe| moe.active)
    }

    fn weights(&self, routed: impl Fn(&Moe) -> u32) -> u64 {
        let layers = u64::from(self.layers);
        match &self.moe {
            None => self.layer_params() * layers,
            Some(moe) => {
                let dense = u64::from(moe.dense_layers.min(self.layers));
                let experts = u64::from(routed(moe) + moe.shared) * self.mlp_params(moe.expert_mlp);
                let router = u64::from(self.hidden) * u64::from(moe.experts);
                self.attention_params() * layers
                    + self.mlp_params(self.mlp) * dense
                    + (experts + router) * (layers - dense)
            }
        }
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
    /// A hybrid (Qwen3.5's Gated DeltaNet, Nemotron-H's Mamba-2, LFM2's short convolutions): only
    /// `full_layers` layers run causal softmax attention and keep a KV cache; the others mix
    /// tokens in linear time with `mixer_params` weights in place of attention's and a fixed
    /// `state_bytes` of recurrent state each, whatever the prompt's length.
    Hybrid { full_layers: u32, mixer_params: u64, state_bytes: u64 },
    /// Multi-head latent attention (DeepSeek-V3, Kimi K2, Mistral Small 4): every layer caches
    /// one latent of `kv_rank` values plus `rope_dim` rotary values per token, from which K and V
    /// are rebuilt; its projections weigh `attention_params` a layer in place of plain attention's.
    Latent { kv_rank: u32, rope_dim: u32, attention_params: u64 },
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
    /// Llama 3.2 Vision: extra cross-attention layers reading the vision states.
    pub cross_attention_layers: u32,
}

impl Lm {
    /// All weights, embeddings and head included.
    pub fn params(&self) -> u64 {
        let embed = u64::from(self.vocab) * u64::from(self.stack.hidden);
        let cross = u64::from(self.cross_attention_layers) * self.stack.layer_params();
        self.swap_attention(self.stack.params()) + cross + if self.tied { embed } else { 2 * embed }
    }

    /// The weights one token goes through, embeddings and head included (a mixture's own experts).
    pub fn active_params(&self) -> u64 {
        self.params() - self.swap_attention(self.stack.params()) + self.active_layer_params()
    }

    /// The decoder layers' weights one token goes through: the stack's, with a hybrid's mixers or
    /// latent attention in place of the attention they replace.
    pub fn active_layer_params(&self) -> u64 {
        self.swap_attention(self.stack.active_params())
    }

    /// Layers that run softmax attention over the whole prompt and cache its keys and values.
    pub fn attention_layers(&self) -> u32 {
        match self.attention {
            Attention::Hybrid { full_layers, .. } => full_layers.min(self.stack.layers),
            _ => self.stack.layers,
        }
    }

    fn swap_attention(&self, stack_params: u64) -> u64 {
        let attention = self.stack.attention_params();
        match self.attention {
            Attention::Hybrid { mixer_params, .. } => {
                let linear = u64::from(self.stack.layers - self.attention_layers());
                stack_params - linear * attention + linear * mixer_params
            }
            Attention::Latent { attention_params, .. } => {
                let layers = u64::from(self.stack.layers);
                stack_params - layers * attention + layers * attention_params
            }
            Attention::Causal | Attention::SlidingWindow { .. } => stack_params,
        }
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
    /// The tower's transformer stack; for a tower given by `totals`, the stack that sets its
    /// kernel-launch floor, matrix width and activations.
    pub stack: Stack,
    pub attention: VisionAttention,
    /// Vectors per view besides the patches (a class token).
    pub extra_tokens: u32,
    /// A tower that is not one transformer stack over the view's patches: its weights and work.
    pub totals: Option<TowerTotals>,
}

/// The weights and the FLOPs for one view of a vision tower that one transformer stack cannot
/// describe (Gemma 3n's convolutional MobileNet-V5, Cambrian-1's four encoders), counted once from
/// the official architecture (each entry cites how). Its views are all of one fixed size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TowerTotals {
    pub params: u64,
    pub flops_per_view: f64,
}

impl Vision {
    /// Every weight of the tower.
    pub fn params(&self) -> u64 {
        self.totals.map_or_else(|| self.stack.params(), |t| t.params)
    }
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

pub const fn stack(layers: u32, hidden: u32, heads: u32, kv_heads: u32, head_dim: u32, mlp: u32) -> Stack {
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
        moe: None,
    }
}

/// A ViT stack: LayerNorm, plain GELU MLP, learned positions.
pub const fn vit(layers: u32, hidden: u32, heads: u32, mlp: u32) -> Stack {
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
        moe: None,
    }
}

pub const fn full(name: &'static str, stack: Stack, extra_tokens: u32) -> Vision {
    Vision { name, stack, attention: VisionAttention::Full, extra_tokens, totals: None }
}

pub const fn causal(name: &'static str, stack: Stack, vocab: u32, tied: bool) -> Lm {
    Lm { name, stack, vocab, tied, attention: Attention::Causal, cross_attention_layers: 0 }
}

/// SigLIP-so400m/14: 27 layers of 1152, 16 heads, MLP 4304.
pub const SIGLIP_SO400M: Stack = vit(27, 1152, 16, 4304);
/// CLIP ViT-L/14: 24 layers of 1024, 16 heads, MLP 4096.
pub const CLIP_L: Stack = vit(24, 1024, 16, 4096);

/// Qwen2-7B: the LM of Qwen2-VL-7B, Qwen2.5-VL-7B and LLaVA-OneVision-7B.
pub const QWEN2_7B: Lm = causal("Qwen2-7B", stack(28, 3584, 28, 4, 128, 18944), 152_064, false);
pub const QWEN3_8B: Lm =
    causal("Qwen3-8B", Stack { qk_norm: true, ..stack(36, 4096, 32, 8, 128, 12288) }, 151_936, false);
pub const GEMMA3_4B: Lm = Lm {
    name: "Gemma3-4B text",
    stack: Stack { qk_norm: true, sandwich_norm: true, ..stack(34, 2560, 8, 4, 256, 10240) },
    vocab: 262_208,
    tied: true,
    attention: Attention::SlidingWindow { window: 1024, global_every: 6 },
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
    totals: None,
};

/// Gemma 2B: PaliGemma's language model (multi-query attention, heads of 256).
pub const PALIGEMMA_LM: Lm =
    causal("Gemma-2B", Stack { kv_heads: 1, ..stack(18, 2048, 8, 1, 256, 16384) }, 257_216, true);

/// Llama 3.1 8B's decoder stack (Llama 3.2 Vision's and Idefics3's language model).
pub const LLAMA31_8B: Stack = stack(32, 4096, 32, 8, 128, 14336);

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
    fn every_open_entry_carries_what_the_cost_model_needs() {
        use crate::engine::{CATALOGUE, StrategyKind};
        for m in CATALOGUE.iter().filter(|m| m.strategy.kind() != StrategyKind::Api) {
            let shape = m.shape.unwrap_or_else(|| panic!("{} has no shape", m.id));
            // (Gemma 4 12B has no vision tower: its patches go straight to the connector.)
            assert!(shape.lm.params() > 0 && shape.lm.stack.layers > 0 && shape.lm.stack.kv_heads > 0, "{}", m.id);
            assert!(!shape.source.is_empty(), "{} cites no source", m.id);
        }
    }

    #[test]
    fn a_mixture_counts_every_expert_in_memory_and_its_own_in_a_token() {
        let shape = |id| crate::engine::find(id).and_then(|m| m.shape).expect("a shape");
        let glm = shape("zai-org/GLM-4.5V");
        let total = glm.vision.stack.params() + glm.connector_params + glm.lm.params();
        // The checkpoint's safetensors hold 107,710,933,120 parameters; norms and biases are left out.
        assert!((total as f64 / 107_710_933_120.0 - 1.0).abs() < 0.002, "{total}");
        // "106B-A12B": about 12B active in the decoder stack.
        let active = glm.lm.stack.active_params() as f64 / 1e9;
        assert!((active - 12.0).abs() < 0.5, "{active}");
        assert!(glm.lm.active_params() < glm.lm.params() / 7);
        let mistral = shape("mistralai/Mistral-Small-3.1-24B-Instruct-2503");
        let dense = mistral.vision.stack.params() + mistral.connector_params + mistral.lm.params();
        assert!((dense as f64 / 1e9 - 24.0).abs() < 0.2, "{dense}");
        assert_eq!(mistral.lm.active_params(), mistral.lm.params(), "a dense model uses every weight");
    }
}
