//! The JSON Lines protocol that `vistok batch` and the Python package speak: a line in (an image,
//! a clip, or a whole request), a JSON object out with the counts or an `error`. Model ids are
//! read with a "did you mean" for one that almost matches.

pub mod video;

use serde_json::{Map, Value, json};

use crate::engine::{self, CATALOGUE, Model, Options, Size};
use video::{request_answer, video_answer};

/// The catalogue entry `id` names, or a message with the nearest real id ("did you mean").
pub fn model_named(id: &str) -> Result<&'static Model, String> {
    if let Some(m) = engine::find(id) {
        return Ok(m);
    }
    let wanted = id.trim().to_lowercase();
    // The closest id or display name, by Jaro-Winkler similarity (what clap's own suggestions use).
    let (score, best) = CATALOGUE
        .iter()
        .map(|m| {
            let by_id = strsim::jaro_winkler(&wanted, &m.id.to_lowercase());
            let by_tail =
                m.id.split_once('/').map_or(0.0, |(_, tail)| strsim::jaro_winkler(&wanted, &tail.to_lowercase()));
            let by_name = strsim::jaro_winkler(&wanted, &m.name.to_lowercase());
            (by_id.max(by_tail).max(by_name), m)
        })
        .fold((0.0, None::<&Model>), |best, (s, m)| if s > best.0 { (s, Some(m)) } else { best });
    let hint = match best {
        Some(m) if score >= 0.8 => format!("; did you mean {:?}?", m.id),
        _ => String::new(),
    };
    Err(format!("unknown model id {id:?}{hint} (see `vistok models`)"))
}

/// One line to its answer, or to the fields worth echoing plus what went wrong.
pub fn answer(line: &str) -> Result<Value, (Map<String, Value>, String)> {
    let input: Value = serde_json::from_str(line).map_err(|e| (Map::new(), format!("not JSON: {e}")))?;
    let Value::Object(input) = input else {
        return Err((Map::new(), "expected a JSON object".into()));
    };
    if input.contains_key("items") {
        return request_answer(&input);
    }
    if input.contains_key("video") {
        return video_answer(&input);
    }
    let mut echo = Map::new();
    for key in ["model", "width", "height"] {
        if let Some(v) = input.get(key) {
            echo.insert(key.into(), v.clone());
        }
    }
    let fail = |message: String| (echo.clone(), message);
    let model = input
        .get("model")
        .and_then(Value::as_str)
        .ok_or_else(|| fail("missing \"model\" (a Hugging Face id)".into()))?;
    let model = model_named(model).map_err(fail)?.id;
    let side = |key: &str| -> Result<u32, (Map<String, Value>, String)> {
        input
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| fail(format!("\"{key}\" must be a whole number of pixels")))
    };
    let size = Size::new(side("width")?, side("height")?);
    // "gpu" and "prompt_tokens" ask for the cost; the rest are the model's own options.
    let mut map = match input.get("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(other) => return Err(fail(format!("\"options\" must be an object, got {other}"))),
    };
    let gpu = map.remove("gpu");
    let prompt = map.remove("prompt_tokens");
    let options = Options::from_json(&map);
    let cost_of = |plan: &engine::Plan| -> Result<Option<Value>, (Map<String, Value>, String)> {
        if gpu.is_none() && prompt.is_none() {
            return Ok(None);
        }
        let gpu = match &gpu {
            None => &engine::cost::GPUS[0],
            Some(Value::String(name)) => engine::cost::gpu(name).ok_or_else(|| {
                let known: Vec<&str> = engine::cost::GPUS.iter().map(|g| g.name).collect();
                fail(format!("option \"gpu\": unknown GPU {name:?} (known: {})", known.join(", ")))
            })?,
            Some(other) => return Err(fail(format!("option \"gpu\": expected a GPU name, got {other}"))),
        };
        let prompt = match &prompt {
            None => 0,
            Some(v) => v
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .ok_or_else(|| fail(format!("option \"prompt_tokens\": expected a whole number of tokens, got {v}")))?,
        };
        Ok(Some(match engine::cost::of_plan(plan, prompt, gpu) {
            Some(c) => json!({
                "gpu": c.gpu,
                "ttft_ms": c.ttft_ms,
                "vision_ms": c.vision_ms,
                "prefill_ms": c.prefill_ms,
                "kv_cache_bytes": c.kv_cache_bytes,
                "peak_activation_bytes": c.peak_activation_bytes,
                "weights_bytes": c.weights_bytes,
                "measured": c.measured,
            }),
            None => Value::Null,
        }))
    };
    let plan = engine::plan_for(model, size, &options).map_err(|e| fail(e.to_string()))?;
    let cost = cost_of(&plan)?;
    let mut out = echo.clone();
    out.insert("tokens_in_sequence".into(), json!(plan.tokens_in_sequence));
    out.insert("feature_tokens".into(), json!(plan.feature_tokens));
    out.insert("padding_tokens".into(), json!(plan.padding_tokens));
    out.insert("strategy".into(), json!(plan.strategy));
    out.insert("resized".into(), json!(plan.frame));
    out.insert("vit_patches".into(), json!(plan.vit_patches()));
    out.insert("views".into(), json!(plan.views.len()));
    // True when the entry rests on a value no public source pinned (see `vistok models`).
    out.insert("approximate".into(), json!(engine::find(model).is_some_and(|m| m.approximate())));
    if let Some(cost) = cost {
        out.insert("cost".into(), cost);
    }
    Ok(Value::Object(out))
}
