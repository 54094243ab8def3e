//! The command-line face of the engine.
//!
//! ```text
//! vistok batch                          JSON Lines in on stdin, one JSON line out per input line
//! vistok count --model ID --size WxH [--options JSON]
//!                                       a readable breakdown of one image
//! vistok count CLIP --model ID [--options JSON]
//!                                       the same for a video file (MP4/MOV, MKV/WebM)
//! vistok models                         the catalogue
//! vistok sweep --model ID [--aspect 16:9] [--from 64] [--to 4096] [--step 64]
//!                                       CSV of counts along a resolution sweep
//! vistok calibrate [--fit]              the cost model's residuals on the H200 measurements
//! ```
//! A batch input line is `{"model": "<HF id>", "width": W, "height": H, "options": {...}}`; its
//! output carries `model`, `width`, `height`, `tokens_in_sequence`, `feature_tokens`,
//! `padding_tokens` (features that see only padding) and the resize, or `error` with a message
//! instead of the counts. With `"gpu"` (H200, H100, A100-80GB, L40S, RTX 4090) and/or
//! `"prompt_tokens"` among the options, a `cost` object follows: `ttft_ms`, `vision_ms`,
//! `prefill_ms`, `kv_cache_bytes`, `peak_activation_bytes`, `weights_bytes` and `measured` (false
//! for scaled estimates: any GPU but the H200, any model not measured on it); `null` for hosted
//! models.
//!
//! A clip: `{"model", "video": {"width", "height", "fps", "duration_s"[, "frames"]}, "options":
//! {"preset", "fps", "num_frames", "min_frames", "max_frames", "min_pixels", "max_pixels"}}`
//! answers with `frames_sampled`, `frame_indices`, `timestamps_s`, `resized` (each frame),
//! `grid_thw`, `tokens_per_group`, `feature_tokens`, `text_tokens`, `tokens_in_sequence`. A whole
//! request: `{"model", "items": [image or clip, ...], "prompt_tokens"}`, each item an image line's
//! `width`/`height`/`options` or a clip's `video`/`options`, answers with each item's share, the
//! total, the model's `context_window`, `fits`, `overflow` and `headroom`.

#[path = "vistok/video_cli.rs"]
mod video_cli;

use video_cli::{request_answer, video_answer};

use std::io::{BufRead, Write};
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use vistok::engine::{self, Options, Plan, Size};

const USAGE: &str = "usage:
  vistok batch                         read JSON Lines on stdin, write one JSON line per input
  vistok count --model ID --size WxH [--options '{\"max_pixels\": 1003520}']
                                       print a readable token breakdown (the model's knobs: vistok models)
  vistok count CLIP.mp4 --model ID [--options '{\"fps\": 1}']
                                       the same for a video file (MP4, MOV, MKV, WebM), read without decoding
  vistok models                        list the model catalogue
  vistok sweep --model ID [--aspect 16:9] [--from 64] [--to 4096] [--step 64]
                                       CSV of counts as the long side grows at a fixed aspect ratio
  vistok calibrate [--fit]             the cost model against the H200 measurements (--fit: refit it)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("batch") => batch(),
        Some("count") => count(&args[1..]),
        Some("models") => models(),
        Some("sweep") => sweep(&args[1..]),
        Some("calibrate") => calibrate(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("vistok: {message}");
            ExitCode::from(2)
        }
    }
}

fn batch() -> Result<(), String> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (number, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|e| format!("reading stdin: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = answer(&line).unwrap_or_else(|(echo, message)| {
            let mut obj = echo;
            obj.insert("error".into(), Value::String(format!("line {}: {message}", number + 1)));
            Value::Object(obj)
        });
        writeln!(out, "{answer}").map_err(|e| format!("writing stdout: {e}"))?;
    }
    out.flush().map_err(|e| format!("writing stdout: {e}"))
}

/// One batch line to its answer, or to the fields worth echoing plus what went wrong.
fn answer(line: &str) -> Result<Value, (Map<String, Value>, String)> {
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

/// `--flag value` pairs; only the flags in `known` are accepted.
fn flags<'a>(args: &'a [String], known: &[&str]) -> Result<std::collections::HashMap<&'a str, &'a str>, String> {
    let mut map = std::collections::HashMap::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if !known.contains(&flag.as_str()) {
            return Err(format!("unknown flag {flag}\n{USAGE}"));
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        map.insert(flag.as_str(), value.as_str());
    }
    Ok(map)
}

fn count(args: &[String]) -> Result<(), String> {
    // `vistok count FILE --model ID`: a video file, read from its container.
    if let Some(path) = args.first().filter(|a| !a.starts_with("--")) {
        let flags = flags(&args[1..], &["--model", "--options"])?;
        let model = flags.get("--model").ok_or_else(|| format!("--model is required\n{USAGE}"))?;
        print!("{}", video_cli::count_file(path, model, flags.get("--options").copied())?);
        return Ok(());
    }
    let flags = flags(args, &["--model", "--size", "--options"])?;
    let model = flags.get("--model").ok_or_else(|| format!("--model is required\n{USAGE}"))?;
    let size = parse_size(flags.get("--size").ok_or_else(|| format!("--size is required\n{USAGE}"))?)?;
    let options = match flags.get("--options") {
        None => Options::default(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Options::from_json(&map),
            _ => {
                return Err(format!(
                    "--options must be a JSON object such as '{{\"max_pixels\": 1003520}}', got {text:?}"
                ));
            }
        },
    };
    let plan = engine::plan_for(model, size, &options).map_err(|e| e.to_string())?;
    print!("{}", breakdown(&plan));
    Ok(())
}

fn sweep(args: &[String]) -> Result<(), String> {
    let flags = flags(args, &["--model", "--aspect", "--from", "--to", "--step"])?;
    let model = flags.get("--model").ok_or_else(|| format!("--model is required\n{USAGE}"))?;
    let model = engine::find(model).ok_or_else(|| format!("unknown model id {model:?} (see `vistok models`)"))?;
    let aspect = match flags.get("--aspect") {
        None => 1.0,
        Some(text) => {
            let (w, h) = text.split_once(':').ok_or_else(|| format!("--aspect must look like 16:9, got {text:?}"))?;
            let part = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0);
            match (part(w), part(h)) {
                (Some(w), Some(h)) => w / h,
                _ => return Err(format!("--aspect must look like 16:9, got {text:?}")),
            }
        }
    };
    let number = |flag: &str, default: u32| -> Result<u32, String> {
        flags
            .get(flag)
            .map_or(Ok(default), |v| v.parse().map_err(|_| format!("{flag} must be a whole number, got {v:?}")))
    };
    let (from, to, step) = (number("--from", 64)?, number("--to", 4096)?, number("--step", 64)?);
    if from == 0 || from > to || step == 0 {
        return Err("need 0 < --from <= --to and --step > 0".into());
    }
    let steps = (to - from) / step + 1;
    println!("model,width,height,feature_tokens,tokens_in_sequence,error");
    for size in engine::sweep_sizes(aspect, from, from + (steps - 1) * step, steps) {
        match engine::count(size, model, &Options::default()) {
            Ok(p) => {
                println!("{},{},{},{},{},", model.id, size.width, size.height, p.feature_tokens, p.tokens_in_sequence)
            }
            Err(e) => println!("{},{},{},,,\"{}\"", model.id, size.width, size.height, e.to_string().replace('"', "'")),
        }
    }
    Ok(())
}

fn parse_size(text: &str) -> Result<Size, String> {
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(|| format!("--size must look like 1920x1080, got {text:?}"))?;
    let side = |s: &str| s.trim().parse::<u32>().map_err(|_| format!("--size must look like 1920x1080, got {text:?}"));
    Ok(Size::new(side(w)?, side(h)?))
}

fn breakdown(plan: &Plan) -> String {
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(format!("{}  ({})", plan.model, plan.strategy.label()));
    line(format!("image            {}", plan.original));
    line(format!("model input      {} ({:?})", plan.frame, plan.resize));
    line(format!(
        "patch            {} px, merge {}x{} ({:?})",
        plan.patch, plan.merge.factor, plan.merge.factor, plan.merge.site
    ));
    for view in &plan.views {
        line(format!(
            "view {:<11} {} px -> {} patches -> {} tokens",
            match view.role {
                engine::ViewRole::Whole => "whole".to_owned(),
                engine::ViewRole::Global => "global".to_owned(),
                engine::ViewRole::Crop { row, col } => format!("crop r{row}c{col}"),
            },
            view.input,
            view.patch_grid,
            view.token_grid
        ));
    }
    if let Some(any) = &plan.anyres {
        line(format!("crop grid        {} (chosen {})", any.crop_grid, plan.frame));
        line(format!("features         {} -> unpadded {}", any.feature_grid, any.unpadded));
        if let Some(shrunk) = any.shrunk {
            line(format!("shrunk to        {shrunk} (over the crop budget)"));
        }
    }
    line("sequence:".into());
    for span in &plan.sequence_summary() {
        line(format!("  {:>7}  {:<10} {} {:?}", span.count, format!("{:?}", span.kind), span.label, span.text));
    }
    for note in &plan.notes {
        line(format!("note: {note}"));
    }
    line(format!("feature tokens     {}", plan.feature_tokens));
    line(format!("on padding only    {}", plan.padding_tokens));
    line(format!("tokens in sequence {}", plan.tokens_in_sequence));
    s
}

/// The cost model against the H200 measurements: the residual of every point for the committed
/// constants, or (`--fit`) for constants fitted afresh, printed first.
fn calibrate(args: &[String]) -> Result<(), String> {
    use engine::cost;
    let points = cost::points(cost::MEASURED)?;
    let cal = match args.first().map(String::as_str) {
        None => cost::H200,
        Some("--fit") => {
            let cal = cost::fit(&points, &cost::H200);
            println!("{cal:#?}\n");
            cal
        }
        Some(other) => return Err(format!("unknown flag {other}\n{USAGE}")),
    };
    let gpu = &cost::GPUS[0];
    println!("| measured point | tokens | measured ms | model ms | error | measured peak MB | model peak MB | error |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for p in &points {
        let ms = p.predict(gpu, &cal);
        let peak = p.predict_peak(&cal);
        let (measured_peak, peak_err) = match p.peak_bytes {
            Some(b) => (format!("{:.0}", b / 1e6), format!("{:+.1}%", (peak / b - 1.0) * 100.0)),
            None => ("-".into(), "-".into()),
        };
        println!(
            "| {} | {} | {:.1} | {:.1} | {:+.1}% | {} | {:.0} | {} |",
            p.label,
            p.tokens,
            p.ms,
            ms,
            (ms / p.ms - 1.0) * 100.0,
            measured_peak,
            peak / 1e6,
            peak_err
        );
    }
    Ok(())
}

/// The catalogue as the README's Markdown table (one row per entry, its knobs with their defaults).
fn models() -> Result<(), String> {
    print!("{}", engine::catalogue::table::markdown());
    Ok(())
}
