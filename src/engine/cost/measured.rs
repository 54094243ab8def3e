//! The H200 measurements as points of the cost model: each measured workload rebuilt (shape,
//! views, tokens), and the fit of the model's time constants to them.

use super::{
    Calibration, GPUS, Gpu, Rates, Shape, ViewLoad, Workload, prefill_ms, prefill_peak_bytes, vision_ms,
    vision_peak_bytes,
};
use crate::engine::shapes::{self, Lm};

/// One measured point: a workload and what it took.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Which file and row, in words.
    pub label: String,
    /// For an end-to-end point: the catalogue model measured.
    pub model: Option<&'static str>,
    /// For an end-to-end point measured on an image: the catalogue model and the image.
    pub image: Option<(&'static str, crate::engine::Size)>,
    pub kind: PointKind,
    pub workload: Workload,
    pub shape: Shape,
    /// Visual tokens (or patches for the vision tower alone, prompt tokens for the LM alone).
    pub tokens: u64,
    pub ms: f64,
    pub peak_bytes: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointKind {
    /// The language model alone over a prompt of embeddings.
    Prefill,
    /// The vision tower alone.
    Vision,
    /// The whole model: TTFT.
    EndToEnd,
}

impl Point {
    /// What the model predicts for this point, ms.
    pub fn predict(&self, gpu: &'static Gpu, cal: &Calibration) -> f64 {
        let r = Rates { gpu, cal };
        match self.kind {
            PointKind::Prefill => prefill_ms(&self.shape.lm, &self.workload, r),
            PointKind::Vision => {
                let no_connector = Shape { connector_params: 0, ..self.shape };
                vision_ms(&no_connector, &self.workload, r)
            }
            PointKind::EndToEnd => {
                vision_ms(&self.shape, &self.workload, r) + prefill_ms(&self.shape.lm, &self.workload, r)
            }
        }
    }

    /// Predicted peak bytes above the weights.
    pub fn predict_peak(&self, cal: &Calibration) -> f64 {
        match self.kind {
            PointKind::Prefill => prefill_peak_bytes(&self.shape.lm, &self.workload, cal),
            PointKind::Vision => vision_peak_bytes(&self.shape.vision, &self.workload, cal),
            PointKind::EndToEnd => vision_peak_bytes(&self.shape.vision, &self.workload, cal).max(prefill_peak_bytes(
                &self.shape.lm,
                &self.workload,
                cal,
            )),
        }
    }
}

/// One row of the H200 measurements shipped with the engine (`measured/*.jsonl`, from the
/// project's shared folder), read at compile time by `build.rs`; fields a row lacks are `None`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    pub file: &'static str,
    /// 1-based line in `file`.
    pub line: usize,
    pub part: &'static str,
    pub arch: &'static str,
    pub tokens: Option<u64>,
    pub crops: Option<u64>,
    pub patches: Option<u64>,
    pub width: Option<u64>,
    pub height: Option<u64>,
    pub seq_len: Option<u64>,
    pub visual_tokens: Option<u64>,
    /// `ms_median`, or `ttft_ms_median` for an end-to-end row.
    pub ms: f64,
    pub peak_extra_bytes: Option<f64>,
}

/// Every row of `lm_prefill.jsonl`, `vision_tower.jsonl`, `e2e_qwen2.5-vl-7b.jsonl` and
/// `e2e_gemma3-4b.jsonl`, in that order.
pub static MEASURED: &[Record] = include!(concat!(env!("OUT_DIR"), "/measured.rs"));

/// The measured points of `rows`, each tied to the shapes it was measured with.
pub fn points(rows: &[Record]) -> Result<Vec<Point>, String> {
    rows.iter()
        .map(|r| point(r).ok_or_else(|| format!("{}:{}: unknown measurement {} of {}", r.file, r.line, r.part, r.arch)))
        .collect()
}

fn point(v: &Record) -> Option<Point> {
    let arch = v.arch;
    let ms = v.ms;
    let peak_bytes = v.peak_extra_bytes;
    let label = format!("{arch} {}", v.part);
    let none = Workload { views: Vec::new(), features: 0, tokens: 0, cross_states: 0, image: false };
    let lm_only =
        |lm: Lm| Shape { vision: shapes::SIGLIP_896, connector_params: 0, lm, source: "the measurement's LM shape" };
    match v.part {
        "lm_prefill" => {
            let lm = if arch.starts_with("Qwen2-7B") {
                shapes::QWEN2_7B
            } else if arch.starts_with("Qwen3-8B") {
                shapes::QWEN3_8B
            } else if arch.starts_with("Gemma3-4B") {
                shapes::GEMMA3_4B
            } else {
                return None;
            };
            let tokens = v.tokens?;
            Some(Point {
                label: format!("{label}, {tokens} tokens"),
                model: None,
                image: None,
                kind: PointKind::Prefill,
                workload: Workload { tokens, ..none },
                shape: lm_only(lm),
                tokens,
                ms,
                peak_bytes,
            })
        }
        "vision" => {
            let vision = if arch.contains("@384") {
                shapes::SIGLIP_384_ONEVISION
            } else if arch.contains("@896") {
                shapes::SIGLIP_896
            } else {
                return None;
            };
            let (crops, patches) = (v.crops?, v.patches?);
            let views = (0..crops).map(|_| ViewLoad { tokens: patches / crops, windows: 0 }).collect();
            Some(Point {
                label: format!("{label}, {crops} crops"),
                model: None,
                image: None,
                kind: PointKind::Vision,
                workload: Workload { views, ..none },
                shape: Shape { vision, ..lm_only(shapes::QWEN2_7B) },
                tokens: patches,
                ms,
                peak_bytes,
            })
        }
        "e2e" if arch.starts_with("Qwen2.5-VL") => {
            let shape = crate::engine::find("Qwen/Qwen2.5-VL-7B-Instruct")?.shape?;
            let (w, h) = (v.width? as u32, v.height? as u32);
            let plan = crate::engine::plan_for(
                "Qwen/Qwen2.5-VL-7B-Instruct",
                crate::engine::Size::new(w, h),
                &crate::engine::Options::default(),
            )
            .ok()?;
            let seq = v.seq_len?;
            let prompt = u32::try_from(seq.checked_sub(plan.tokens_in_sequence)?).ok()?;
            Some(Point {
                label: format!("{label}, {w}x{h}"),
                model: Some("Qwen/Qwen2.5-VL-7B-Instruct"),
                image: Some(("Qwen/Qwen2.5-VL-7B-Instruct", crate::engine::Size::new(w, h))),
                kind: PointKind::EndToEnd,
                workload: Workload::of(&plan, &shape, prompt),
                shape,
                tokens: v.visual_tokens?,
                ms,
                peak_bytes,
            })
        }
        "e2e" if arch.starts_with("Gemma3") => {
            let shape = crate::engine::find("google/gemma-3-4b-it")?.shape?;
            let crops = v.crops?;
            let views = (0..crops).map(|_| ViewLoad { tokens: 4096, windows: 0 }).collect();
            let features = v.visual_tokens?;
            Some(Point {
                label: format!("{label}, {crops} crops"),
                model: Some("google/gemma-3-4b-it"),
                image: None,
                kind: PointKind::EndToEnd,
                workload: Workload { views, features, tokens: v.seq_len?, cross_states: 0, image: true },
                shape,
                tokens: features,
                ms,
                peak_bytes,
            })
        }
        _ => None,
    }
}

/// The measured time to first token of `model_id` on images, as (image, ms), where `gpu` is the
/// one measured.
pub fn measured_ttft(model_id: &str, gpu: &Gpu) -> Vec<(crate::engine::Size, f64)> {
    if !gpu.measured {
        return Vec::new();
    }
    points(MEASURED)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.image.filter(|(id, _)| *id == model_id).map(|(_, size)| (size, p.ms)))
        .collect()
}

/// Fits the time constants (Nelder-Mead on their logarithms, minimising the squared log error,
/// points above 1,000 tokens weighted 4x) and then the memory constants, starting from `start`.
pub fn fit(points: &[Point], start: &Calibration) -> Calibration {
    let gpu = &GPUS[0];
    let weight = |p: &Point| if p.tokens > 1000 { 4.0 } else { 1.0 };
    // Beyond 12% off, points above 1,000 tokens are pushed back hard: the model must hold all of
    // them within 15%, not just most on average.
    let penalty = |p: &Point, e: f64| if p.tokens > 1000 { 200.0 * (e.abs() - 0.12).max(0.0).powi(2) } else { 0.0 };
    let time = |x: &[f64]| {
        let cal = Calibration {
            matmul: x[0].exp().min(1.0),
            width_half: x[1].exp(),
            flash: x[2].exp().min(1.0),
            masked: x[3].exp().min(1.0),
            launch_us: x[4].exp(),
            window_us: x[5].exp(),
            softness: 1.0 + x[6].exp(),
            masked_half_tokens: x[7].exp(),
            ..*start
        };
        let err: f64 = points
            .iter()
            .map(|p| {
                let e = (p.predict(gpu, &cal) / p.ms).ln();
                weight(p) * e.powi(2) + penalty(p, e)
            })
            .sum();
        (err, cal)
    };
    let x0 = [
        start.matmul.ln(),
        start.width_half.ln(),
        start.flash.ln(),
        start.masked.ln(),
        start.launch_us.ln(),
        start.window_us.ln(),
        (start.softness - 1.0).max(1e-3).ln(),
        start.masked_half_tokens.ln(),
    ];
    let best = nelder_mead(&x0, |x| time(x).0, 4000);
    let timed = time(&best).1;
    let with_peak: Vec<&Point> = points.iter().filter(|p| p.peak_bytes.is_some()).collect();
    let memory = |x: &[f64]| {
        let cal = Calibration { act_mlp: x[0].exp(), act_hidden: x[1].exp(), mask_bytes: x[2].exp(), ..timed };
        let err: f64 = with_peak
            .iter()
            .map(|p| weight(p) * (p.predict_peak(&cal) / p.peak_bytes.unwrap_or(1.0)).ln().powi(2))
            .sum();
        (err, cal)
    };
    let m0 = [timed.act_mlp.ln(), timed.act_hidden.ln(), timed.mask_bytes.ln()];
    let best = nelder_mead(&m0, |x| memory(x).0, 2000);
    memory(&best).1
}

/// Minimises `f` from `x0` with the Nelder-Mead simplex method.
fn nelder_mead(x0: &[f64], f: impl Fn(&[f64]) -> f64, iterations: usize) -> Vec<f64> {
    let n = x0.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = (0..=n)
        .map(|i| {
            let mut x = x0.to_vec();
            if i > 0 {
                x[i - 1] += 0.3;
            }
            let y = f(&x);
            (x, y)
        })
        .collect();
    for _ in 0..iterations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let centroid: Vec<f64> =
            (0..n).map(|j| simplex[..n].iter().map(|(x, _)| x[j]).sum::<f64>() / n as f64).collect();
        let worst = simplex[n].clone();
        let along = |t: f64| -> Vec<f64> { (0..n).map(|j| centroid[j] + t * (worst.0[j] - centroid[j])).collect() };
        let reflected = along(-1.0);
        let fr = f(&reflected);
        if fr < simplex[0].1 {
            let expanded = along(-2.0);
            let fe = f(&expanded);
            simplex[n] = if fe < fr { (expanded, fe) } else { (reflected, fr) };
        } else if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
        } else {
            let contracted = along(0.5);
            let fc = f(&contracted);
            if fc < worst.1 {
                simplex[n] = (contracted, fc);
            } else {
                let best = simplex[0].0.clone();
                for (x, y) in simplex.iter_mut().skip(1) {
                    for j in 0..n {
                        x[j] = best[j] + 0.5 * (x[j] - best[j]);
                    }
                    *y = f(x);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    simplex.swap_remove(0).0
}
