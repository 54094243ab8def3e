//! The cost model: what an image's tokens cost before the first generated token (vision encoder,
//! connector, language-model prefill) and in GPU memory (KV cache, activations), from the
//! architecture shapes in [`super::shapes`] and a handful of constants fitted once to the H200
//! measurements in `measured/` (see [`fit`] and bench/gpu/cost-model.md).
//!
//! Time is a roofline-style combination. Matrix products run at a fraction of the GPU's datasheet
//! bf16 throughput that grows with the stack's width (`matmul * w / (w + width_half)`); they take
//! at least the time to read the weights once at the memory bandwidth. Attention runs at its own
//! fraction (flash, or SDPA's memory-efficient kernel when a mask is needed), with its quadratic
//! FLOPs counted explicitly. A forward pass also cannot be faster than launching its kernels one
//! by one from the host (`launch_us` per kernel): the time is a soft maximum of that floor and the
//! compute time. Other GPUs scale the throughput and bandwidth terms by their datasheets; the
//! launch floor stays (it is the host's).

use serde::Serialize;

use super::plan::Plan;

mod measured;
use super::shapes::{Attention, Lm, Shape, Vision, VisionAttention};
pub use measured::{MEASURED, Point, PointKind, Record, fit, measured_ttft, points};

/// A GPU, by its datasheet: dense bf16 tensor throughput and memory bandwidth.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Gpu {
    pub name: &'static str,
    /// Dense (no sparsity) bf16 tensor TFLOP/s.
    pub tflops: f64,
    /// Memory bandwidth, GB/s.
    pub bandwidth: f64,
    /// Memory, GB.
    pub memory_gb: f64,
    /// The constants were fitted on this GPU; others are scaled estimates.
    pub measured: bool,
}

/// The GPUs offered. Only the H200 is measured; the others are scaled from it by datasheet.
pub const GPUS: [Gpu; 5] = [
    Gpu { name: "H200", tflops: 989.4, bandwidth: 4800.0, memory_gb: 141.0, measured: true },
    Gpu { name: "H100", tflops: 989.4, bandwidth: 3350.0, memory_gb: 80.0, measured: false },
    Gpu { name: "A100-80GB", tflops: 312.0, bandwidth: 2039.0, memory_gb: 80.0, measured: false },
    Gpu { name: "L40S", tflops: 362.05, bandwidth: 864.0, memory_gb: 48.0, measured: false },
    // bf16 with fp32 accumulation (the 330 TFLOP/s figure accumulates in fp16).
    Gpu { name: "RTX 4090", tflops: 165.2, bandwidth: 1008.0, memory_gb: 24.0, measured: false },
];

/// The GPU named `name` (case and spaces ignored).
pub fn gpu(name: &str) -> Option<&'static Gpu> {
    let norm = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    GPUS.iter().find(|g| norm(g.name) == norm(name))
}

/// The fitted constants, relative to the datasheet so that they carry over to other GPUs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// Fraction of datasheet throughput the widest matrix products reach.
    pub matmul: f64,
    /// Stack width at which matrix products reach half of `matmul`.
    pub width_half: f64,
    /// Fraction of datasheet throughput of flash attention.
    pub flash: f64,
    /// Fraction of datasheet throughput of SDPA's memory-efficient kernel with an explicit mask,
    /// reached on long prompts ...
    pub masked: f64,
    /// ... and half of it at this many tokens (the kernel's work per launch grows with the length).
    pub masked_half_tokens: f64,
    /// Microseconds per kernel launch.
    pub launch_us: f64,
    /// Microseconds per SDPA call over one Qwen2.5-VL vision window.
    pub window_us: f64,
    /// Exponent of the soft maximum of the launch floor and the compute time.
    pub softness: f64,
    /// Activation bytes held at the peak per token, per MLP-intermediate element.
    pub act_mlp: f64,
    /// ... per hidden element.
    pub act_hidden: f64,
    /// Bytes per element of the score/mask matrix (tokens squared) when attention needs a mask.
    pub mask_bytes: f64,
}

/// Fitted on the H200 measurements by `vistok calibrate --fit` (bench/gpu/cost-model.md has the residuals).
pub const H200: Calibration = Calibration {
    matmul: 0.708,
    width_half: 1695.0,
    flash: 0.491,
    masked: 0.351,
    masked_half_tokens: 12290.0,
    launch_us: 24.14,
    window_us: 37.38,
    softness: 6.03,
    act_mlp: 3.416,
    act_hidden: 0.0,
    mask_bytes: 1.807,
};

const BF16: u64 = 2;

/// What the encoder sees: one entry per view.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewLoad {
    /// Vectors the tower processes for this view (patches plus any class token).
    pub tokens: u64,
    /// Attention windows of this view (Qwen2.5-VL), 0 for full attention.
    pub windows: u64,
}

/// One forward pass up to the first generated token.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub views: Vec<ViewLoad>,
    /// Feature tokens leaving the connector.
    pub features: u64,
    /// Tokens of the language model's prompt (image span plus text).
    pub tokens: u64,
    /// Vision states read by cross-attention (Llama 3.2), 0 otherwise.
    pub cross_states: u64,
    /// The prompt holds an image (Gemma 3 then masks every layer: image tokens see each other).
    pub image: bool,
}

impl Workload {
    /// The work of `plan`'s image with `prompt_tokens` of text, for a model of shape `shape`.
    pub fn of(plan: &Plan, shape: &Shape, prompt_tokens: u32) -> Self {
        let views = plan
            .views
            .iter()
            .map(|v| ViewLoad {
                tokens: v.patch_grid.cells() + u64::from(shape.vision.extra_tokens),
                windows: match shape.vision.attention {
                    VisionAttention::Full => 0,
                    VisionAttention::Windows { side, .. } => {
                        u64::from(v.patch_grid.cols.div_ceil(side)) * u64::from(v.patch_grid.rows.div_ceil(side))
                    }
                },
            })
            .collect();
        let cross = plan.cross_attention;
        Workload {
            views,
            features: plan.feature_tokens,
            tokens: plan.tokens_in_sequence + u64::from(prompt_tokens),
            cross_states: if cross { plan.feature_tokens } else { 0 },
            image: true,
        }
    }
}

impl Workload {
    /// The work of `plan`'s clip with `prompt_tokens` of text: each temporal group is encoded as
    /// one view (Qwen's vision attention runs within a group, `cu_seqlens` per `grid_t`).
    pub fn of_video(plan: &crate::engine::video::VideoPlan, shape: &Shape, prompt_tokens: u32) -> Self {
        let grid = plan.patch_grid;
        let one = ViewLoad {
            tokens: grid.cells() + u64::from(shape.vision.extra_tokens),
            windows: match shape.vision.attention {
                VisionAttention::Full => 0,
                VisionAttention::Windows { side, .. } => {
                    u64::from(grid.cols.div_ceil(side)) * u64::from(grid.rows.div_ceil(side))
                }
            },
        };
        Workload {
            views: vec![one; plan.groups.len()],
            features: plan.feature_tokens,
            tokens: plan.tokens_in_sequence + u64::from(prompt_tokens),
            cross_states: 0,
            image: true,
        }
    }
}

/// The cost of `plan`'s clip with `prompt_tokens` of text on `gpu`: always an estimate (no clip
/// was measured), `None` for a model without a cost model.
pub fn of_video(plan: &crate::engine::video::VideoPlan, prompt_tokens: u32, gpu: &'static Gpu) -> Option<Cost> {
    let shape = super::find(plan.model)?.shape.as_ref()?;
    let cost = estimate(shape, &Workload::of_video(plan, shape, prompt_tokens), gpu, &H200);
    Some(Cost { measured: false, ..cost })
}

/// Milliseconds per unit of work on `gpu` under `cal`.
#[derive(Clone, Copy, Debug)]
struct Rates<'a> {
    gpu: &'a Gpu,
    cal: &'a Calibration,
}

impl Rates<'_> {
    /// FLOP per ms at a fraction of the datasheet (1 TFLOP/s = 1e9 FLOP/ms).
    fn per_ms(&self, fraction: f64) -> f64 {
        self.gpu.tflops * 1e9 * fraction
    }

    fn matmul_ms(&self, flops: f64, width: u32) -> f64 {
        let w = f64::from(width);
        flops / self.per_ms(self.cal.matmul * w / (w + self.cal.width_half))
    }

    /// Reading `bytes` once at the memory bandwidth (1 GB/s = 1e6 bytes/ms).
    fn read_ms(&self, bytes: f64) -> f64 {
        bytes / (self.gpu.bandwidth * 1e6)
    }

    fn floor_ms(&self, kernels: u64) -> f64 {
        kernels as f64 * self.cal.launch_us / 1000.0
    }

    fn soft_max(&self, floor: f64, compute: f64) -> f64 {
        let p = self.cal.softness;
        (floor.powf(p) + compute.powf(p)).powf(1.0 / p)
    }
}

/// FLOPs of a forward pass, split by where they run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Flops {
    pub matmul: f64,
    pub flash_attention: f64,
    pub masked_attention: f64,
}

fn vision_flops(vision: &Vision, views: &[ViewLoad]) -> Flops {
    if let Some(totals) = vision.totals {
        // Counted whole (attention included) for one view of the tower's fixed size.
        return Flops { matmul: totals.flops_per_view * views.len() as f64, ..Flops::default() };
    }
    let s = &vision.stack;
    let n: u64 = views.iter().map(|v| v.tokens).sum();
    let per_pair = 4.0 * f64::from(s.heads * s.head_dim);
    let squares: f64 = views.iter().map(|v| (v.tokens as f64).powi(2)).sum();
    let attention = match vision.attention {
        VisionAttention::Full => f64::from(s.layers) * squares * per_pair,
        VisionAttention::Windows { side, full_layers } => {
            let windowed = f64::from(s.layers - full_layers) * n as f64 * f64::from(side * side) * per_pair;
            windowed + f64::from(full_layers) * squares * per_pair
        }
    };
    Flops { matmul: 2.0 * s.params() as f64 * n as f64, flash_attention: attention, masked_attention: 0.0 }
}

fn prefill_flops(lm: &Lm, w: &Workload) -> Flops {
    let s = &lm.stack;
    let t = w.tokens as f64;
    // QK^T and AV: 2 x 2 FLOPs per head dimension for every (query, key) pair.
    let per_pair = 4.0 * f64::from(s.heads * s.head_dim);
    // One row of logits (`logits_to_keep=1`).
    let head = 2.0 * f64::from(s.hidden) * f64::from(lm.vocab);
    // A mixture of experts multiplies each token by its own experts only.
    let mut f = Flops { matmul: 2.0 * lm.active_layer_params() as f64 * t + head, ..Flops::default() };
    let layers = f64::from(s.layers);
    match lm.attention {
        // Causal flash computes half of the score matrix; a hybrid's linear layers have none.
        Attention::Causal | Attention::Latent { .. } | Attention::Hybrid { .. } => {
            f.flash_attention = f64::from(lm.attention_layers()) * t * t * per_pair / 2.0;
        }
        Attention::SlidingWindow { global_every, .. } => {
            let global = f64::from(s.layers / global_every);
            // A masked layer computes the whole score matrix.
            if w.image {
                f.masked_attention = layers * t * t * per_pair;
            } else {
                f.flash_attention = global * t * t * per_pair / 2.0;
                f.masked_attention = (layers - global) * t * t * per_pair;
            }
        }
    }
    if lm.cross_attention_layers > 0 {
        let cross = f64::from(lm.cross_attention_layers);
        let states = w.cross_states as f64;
        let kv = f64::from(s.kv_heads * s.head_dim);
        // Each cross layer projects every vision state to K and V, and runs its own MLP for the text.
        f.matmul += cross * (2.0 * states * f64::from(s.hidden) * 2.0 * kv + 2.0 * s.layer_params() as f64 * t);
        f.flash_attention += cross * t * states * per_pair;
    }
    f
}

/// Time of the vision tower plus the connector, ms.
fn vision_ms(shape: &Shape, w: &Workload, r: Rates) -> f64 {
    if w.views.is_empty() {
        return 0.0;
    }
    let v = &shape.vision;
    let f = vision_flops(v, &w.views);
    let connector = r.matmul_ms(2.0 * shape.connector_params as f64 * w.features as f64, shape.lm.stack.hidden);
    let weights = r.read_ms((v.params() * BF16) as f64);
    let compute = r.matmul_ms(f.matmul, v.stack.hidden).max(weights) + f.flash_attention / r.per_ms(r.cal.flash);
    let floor = r.floor_ms(u64::from(v.stack.layers) * u64::from(v.stack.kernels_per_layer()));
    let windows = match v.attention {
        VisionAttention::Full => 0.0,
        VisionAttention::Windows { full_layers, .. } => {
            let calls: u64 = w.views.iter().map(|v| v.windows).sum();
            f64::from(v.stack.layers - full_layers) * calls as f64 * r.cal.window_us / 1000.0
        }
    };
    r.soft_max(floor, compute) + windows + connector
}

/// Time of the language model's prefill over the whole prompt, ms.
fn prefill_ms(lm: &Lm, w: &Workload, r: Rates) -> f64 {
    let f = prefill_flops(lm, w);
    let t = w.tokens.max(1) as f64;
    let weights = r.read_ms((lm.params() * BF16) as f64);
    // The memory-efficient kernel streams the (bf16 additive) mask once per head of a masked layer.
    let mask_reads = f.masked_attention / (4.0 * f64::from(lm.stack.head_dim)) * BF16 as f64;
    let compute = r.matmul_ms(f.matmul, lm.stack.hidden).max(weights)
        + f.flash_attention / r.per_ms(r.cal.flash)
        + f.masked_attention / r.per_ms(r.cal.masked * t / (t + r.cal.masked_half_tokens))
        + r.read_ms(mask_reads);
    let layers = u64::from(lm.stack.layers + lm.cross_attention_layers);
    r.soft_max(r.floor_ms(layers * u64::from(lm.stack.kernels_per_layer())), compute)
}

/// KV-cache bytes for `tokens` of prompt (and `cross_states` vision states for cross-attention):
/// 2 (K and V) x layers x KV heads x head dim x tokens x 2 bytes; a sliding-window layer keeps at
/// most its window, a hybrid's linear layers a fixed state, latent attention one latent a token.
pub fn kv_cache_bytes(lm: &Lm, tokens: u64, cross_states: u64) -> u64 {
    let s = &lm.stack;
    let per_token_layer = 2 * u64::from(s.kv_heads * s.head_dim) * BF16;
    let cross = per_token_layer * u64::from(lm.cross_attention_layers) * cross_states;
    let cached = match lm.attention {
        Attention::Causal => u64::from(s.layers) * tokens,
        Attention::SlidingWindow { window, global_every } => {
            let global = u64::from(s.layers / global_every);
            global * tokens + (u64::from(s.layers) - global) * tokens.min(u64::from(window))
        }
        Attention::Hybrid { state_bytes, .. } => {
            let linear = u64::from(s.layers - lm.attention_layers());
            return per_token_layer * u64::from(lm.attention_layers()) * tokens + linear * state_bytes + cross;
        }
        // One latent and its rotary part per token and layer, not a K and a V per head.
        Attention::Latent { kv_rank, rope_dim, .. } => {
            return u64::from(kv_rank + rope_dim) * BF16 * u64::from(s.layers) * tokens + cross;
        }
    };
    per_token_layer * cached + cross
}

/// Peak bytes above the weights during the prefill: the KV cache, the activations of one layer
/// at a time, and the mask or score matrix where attention needs one.
fn prefill_peak_bytes(lm: &Lm, w: &Workload, cal: &Calibration) -> f64 {
    let s = &lm.stack;
    let t = w.tokens as f64;
    let act = t * BF16 as f64 * (cal.act_mlp * f64::from(s.mlp) + cal.act_hidden * f64::from(s.hidden));
    let mask = match lm.attention {
        Attention::SlidingWindow { .. } => cal.mask_bytes * t * t,
        Attention::Causal | Attention::Hybrid { .. } | Attention::Latent { .. } => 0.0,
    };
    // During the prefill every layer holds the K and V of the whole prompt (a sliding layer's
    // cache is trimmed to its window only afterwards): the measured peaks agree.
    let full = match lm.attention {
        Attention::SlidingWindow { .. } => Lm { attention: Attention::Causal, ..*lm },
        _ => *lm,
    };
    kv_cache_bytes(&full, w.tokens, w.cross_states) as f64 + act + mask
}

fn vision_peak_bytes(v: &Vision, w: &Workload, cal: &Calibration) -> f64 {
    let n: u64 = w.views.iter().map(|v| v.tokens).sum();
    let s = &v.stack;
    n as f64 * BF16 as f64 * (cal.act_mlp * f64::from(s.mlp) + cal.act_hidden * f64::from(s.hidden))
}

/// What one image (and its prompt) costs on one GPU.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cost {
    pub gpu: &'static str,
    /// The constants' own GPU (and, from [`of_plan`], a model measured on it); otherwise a
    /// scaled estimate.
    pub measured: bool,
    /// Vision tower and connector.
    pub vision_ms: f64,
    /// Language-model prefill over image span and prompt.
    pub prefill_ms: f64,
    /// Time to first token: vision + prefill.
    pub ttft_ms: f64,
    pub kv_cache_bytes: u64,
    /// Largest memory in use above the weights during the forward pass.
    pub peak_activation_bytes: u64,
    /// bf16 weights of the whole model.
    pub weights_bytes: u64,
    /// Tokens the language model reads: image span plus prompt.
    pub prompt_tokens: u64,
    pub vision_flops: Flops,
    pub prefill_flops: Flops,
}

/// The cost of `w` for a model of shape `shape` on `gpu`.
pub fn estimate(shape: &Shape, w: &Workload, gpu: &'static Gpu, cal: &Calibration) -> Cost {
    let r = Rates { gpu, cal };
    let vision_ms = vision_ms(shape, w, r);
    let prefill_ms = prefill_ms(&shape.lm, w, r);
    let peak = vision_peak_bytes(&shape.vision, w, cal).max(prefill_peak_bytes(&shape.lm, w, cal));
    let weights = shape.vision.params() + shape.connector_params + shape.lm.params();
    Cost {
        gpu: gpu.name,
        measured: gpu.measured,
        vision_ms,
        prefill_ms,
        ttft_ms: vision_ms + prefill_ms,
        kv_cache_bytes: kv_cache_bytes(&shape.lm, w.tokens, w.cross_states),
        peak_activation_bytes: peak as u64,
        weights_bytes: weights * BF16,
        prompt_tokens: w.tokens,
        vision_flops: vision_flops(&shape.vision, &w.views),
        prefill_flops: prefill_flops(&shape.lm, w),
    }
}

/// Whether `model` has a cost model (an open architecture).
pub fn of_plan_possible(model: &super::Model) -> bool {
    model.shape.is_some()
}

/// Whether `model_id`'s figures on `gpu` rest on measurements of that model on that GPU (its
/// time to first token was measured there); otherwise they scale the fitted constants to its
/// architecture (or to another GPU's datasheet): an estimate.
pub fn is_measured(model_id: &str, gpu: &Gpu) -> bool {
    gpu.measured && points(MEASURED).unwrap_or_default().iter().any(|p| p.model == Some(model_id))
}

/// The cost of `plan`'s image with `prompt_tokens` of text on `gpu`; `None` for hosted models.
/// `measured` is false for a model or GPU beyond the measurements.
pub fn of_plan(plan: &Plan, prompt_tokens: u32, gpu: &'static Gpu) -> Option<Cost> {
    let shape = super::find(plan.model)?.shape.as_ref()?;
    let cost = estimate(shape, &Workload::of(plan, shape, prompt_tokens), gpu, &H200);
    Some(Cost { measured: is_measured(plan.model, gpu), ..cost })
}
