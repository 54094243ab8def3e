//! The cost model against the H200 measurements it was fitted to (src/engine/measured/, from the
//! project's shared folder): every point above 1,000 tokens within 15% in time, the memory peaks
//! within 20%, the KV cache exactly as measured, and the committed constants what the fit gives.

use vistok::engine::cost::{self, GPUS, H200, PointKind};
use vistok::engine::{Options, Size, plan_for, shapes};

fn points() -> Vec<cost::Point> {
    cost::points(cost::MEASURED).expect("the shipped measurements parse")
}

#[test]
fn every_measured_point_above_1000_tokens_is_within_15_percent() {
    let points = points();
    assert!(points.len() >= 50, "{} points", points.len());
    let mut checked = 0;
    for p in points.iter().filter(|p| p.tokens > 1000) {
        let model = p.predict(&GPUS[0], &H200);
        let error = model / p.ms - 1.0;
        assert!(
            error.abs() <= 0.15,
            "{}: measured {:.1} ms, model {:.1} ms ({:+.1}%)",
            p.label,
            p.ms,
            model,
            error * 100.0
        );
        checked += 1;
    }
    assert!(checked >= 30, "{checked} points above 1,000 tokens");
    // Each kind of measurement is among them.
    for kind in [PointKind::Prefill, PointKind::Vision, PointKind::EndToEnd] {
        assert!(points.iter().any(|p| p.kind == kind && p.tokens > 1000), "{kind:?}");
    }
}

#[test]
fn memory_peaks_above_1000_tokens_are_within_20_percent() {
    for p in points().iter().filter(|p| p.tokens > 1000) {
        let measured = p.peak_bytes.expect("every point records its peak");
        let error = p.predict_peak(&H200) / measured - 1.0;
        assert!(error.abs() <= 0.20, "{}: peak {:+.1}%", p.label, error * 100.0);
    }
}

#[test]
fn the_kv_cache_is_layers_x_kv_heads_x_head_dim_not_query_heads() {
    // The measurement files compute it for every layer as global; so does the formula with a
    // causal LM. Query heads (28 for Qwen2-7B) would give 7x the measured bytes.
    let rows = include_str!("../src/engine/measured/lm_prefill.jsonl");
    for line in rows.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let lm = match v["arch"].as_str().unwrap() {
            a if a.starts_with("Qwen2-7B") => shapes::QWEN2_7B,
            a if a.starts_with("Qwen3-8B") => shapes::QWEN3_8B,
            _ => shapes::Lm { attention: shapes::Attention::Causal, ..shapes::GEMMA3_4B },
        };
        let tokens = v["tokens"].as_u64().unwrap();
        assert_eq!(cost::kv_cache_bytes(&lm, tokens, 0), v["kv_cache_bytes"].as_u64().unwrap(), "{line}");
    }
    // Gemma 3 keeps 1,024 tokens in 5 of every 6 layers: at 32,768 tokens its real cache is far
    // smaller than the all-global count.
    let all = cost::kv_cache_bytes(&shapes::Lm { attention: shapes::Attention::Causal, ..shapes::GEMMA3_4B }, 32768, 0);
    let real = cost::kv_cache_bytes(&shapes::GEMMA3_4B, 32768, 0);
    assert!(real * 4 < all, "{real} vs {all}");
}

#[test]
fn the_committed_constants_are_what_the_fit_finds() {
    let fitted = cost::fit(&points(), &H200);
    let close = |a: f64, b: f64, what: &str| assert!((a / b - 1.0).abs() < 0.1, "{what}: fitted {a}, committed {b}");
    close(fitted.matmul, H200.matmul, "matmul");
    close(fitted.flash, H200.flash, "flash");
    close(fitted.masked, H200.masked, "masked");
    close(fitted.launch_us, H200.launch_us, "launch_us");
    close(fitted.window_us, H200.window_us, "window_us");
    close(fitted.act_mlp, H200.act_mlp, "act_mlp");
}

#[test]
fn other_gpus_are_scaled_estimates_and_slower_where_their_datasheets_are() {
    let plan = plan_for("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(2048, 2048), &Options::default()).unwrap();
    let h200 = cost::of_plan(&plan, 20, cost::gpu("H200").unwrap()).unwrap();
    assert!(h200.measured);
    let a100 = cost::of_plan(&plan, 20, cost::gpu("a100-80gb").unwrap()).unwrap();
    assert!(!a100.measured);
    // Below the throughput ratio (989 / 312 = 3.2): kernel launches and Qwen2.5-VL's per-window
    // attention calls are the host's time, the same on both cards.
    let ratio = a100.ttft_ms / h200.ttft_ms;
    assert!((1.5..3.2).contains(&ratio), "{ratio}");
    let prefill_ratio = a100.prefill_ms / h200.prefill_ms;
    assert!((2.5..3.2).contains(&prefill_ratio), "the prefill is compute-bound: {prefill_ratio}");
    let rtx = cost::of_plan(&plan, 20, cost::gpu("RTX 4090").unwrap()).unwrap();
    assert!(rtx.ttft_ms > a100.ttft_ms);
    // Memory does not depend on the GPU.
    assert_eq!(h200.kv_cache_bytes, rtx.kv_cache_bytes);
    assert!(cost::gpu("TPU v5").is_none());
}

#[test]
fn time_and_cache_grow_with_the_image_and_hosted_models_have_no_cost() {
    let o = Options::default();
    let gpu = &GPUS[0];
    for id in ["Qwen/Qwen2.5-VL-7B-Instruct", "Qwen/Qwen3-VL-8B-Instruct", "mistral-community/pixtral-12b"] {
        let mut last = (0.0, 0);
        for side in [256, 512, 1024] {
            let plan = plan_for(id, Size::new(side, side), &o).unwrap();
            let c = cost::of_plan(&plan, 20, gpu).unwrap();
            assert!(c.ttft_ms > last.0 && c.kv_cache_bytes > last.1, "{id} at {side}");
            assert!((c.ttft_ms - c.vision_ms - c.prefill_ms).abs() < 1e-9);
            last = (c.ttft_ms, c.kv_cache_bytes);
        }
    }
    // Gemma 3 is one price for every image (without pan and scan).
    let g = |s| cost::of_plan(&plan_for("google/gemma-3-4b-it", s, &o).unwrap(), 20, gpu).unwrap().ttft_ms;
    assert_eq!(g(Size::new(300, 200)), g(Size::new(4000, 3000)));
    let api = plan_for("openai/gpt-4o", Size::new(1024, 1024), &o).unwrap();
    assert!(cost::of_plan(&api, 20, gpu).is_none());
    // Llama 3.2 reads its tiles by cross-attention: 4 tiles x 1601 states sit in the cache.
    let llama = plan_for("meta-llama/Llama-3.2-11B-Vision-Instruct", Size::new(1120, 1120), &o).unwrap();
    let c = cost::of_plan(&llama, 20, gpu).unwrap();
    let per_state = 2 * 8 * 8 * 128 * 2; // K and V x 8 cross layers x 8 KV heads x 128 x bf16
    assert!(c.kv_cache_bytes >= 4 * 1601 * per_state, "{}", c.kv_cache_bytes);
}

#[test]
fn a_model_beyond_the_measured_ones_is_labelled_an_estimate() {
    let h200 = cost::gpu("H200").unwrap();
    let cost_of = |id, gpu| {
        let plan = plan_for(id, Size::new(1000, 800), &Options::default()).unwrap();
        cost::of_plan(&plan, 0, gpu).unwrap()
    };
    assert!(cost_of("Qwen/Qwen2.5-VL-7B-Instruct", h200).measured, "measured end to end on the H200");
    assert!(cost_of("google/gemma-3-4b-it", h200).measured, "measured end to end too, by crop count");
    assert!(!cost_of("zai-org/GLM-4.5V", h200).measured, "scaled from the fit to a model never measured");
    assert!(!cost_of("Qwen/Qwen2.5-VL-7B-Instruct", cost::gpu("H100").unwrap()).measured);
}
