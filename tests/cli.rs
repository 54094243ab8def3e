//! The `vistok` command line, run as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vistok runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.success())
}

#[test]
fn batch_answers_each_line_in_order_with_counts_or_an_error() {
    let input = r#"{"model": "Qwen/Qwen2.5-VL-7B-Instruct", "width": 640, "height": 480}
{"model": "google/gemma-3-4b-it", "width": 1, "height": 1, "options": {}}
not json

{"model": "nobody/none", "width": 10, "height": 10}
{"model": "Qwen/Qwen2.5-VL-7B-Instruct", "width": 0, "height": 480}
{"model": "google/gemma-3-4b-it", "width": 10, "height": 10, "options": {"detail": "low"}}
{"model": "Qwen/Qwen2.5-VL-7B-Instruct", "width": 4032, "height": 3024, "options": {"max_pixels": 1003520}}
"#;
    let (stdout, _, ok) = run(&["batch"], input);
    assert!(ok);
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 7, "one line per non-blank input line");
    assert_eq!(lines[0]["tokens_in_sequence"], 393);
    assert_eq!(lines[0]["feature_tokens"], 391);
    assert_eq!(lines[0]["width"], 640);
    assert_eq!(lines[1]["tokens_in_sequence"], 260);
    assert_eq!(lines[1]["feature_tokens"], 256);
    assert!(lines[2]["error"].as_str().unwrap().contains("line 3: not JSON"));
    assert!(lines[3]["error"].as_str().unwrap().contains("unknown model id \"nobody/none\""));
    assert_eq!(lines[3]["model"], "nobody/none");
    assert!(lines[4]["error"].as_str().unwrap().contains("zero side"));
    assert!(lines[4].get("tokens_in_sequence").is_none());
    assert!(lines[5]["error"].as_str().unwrap().contains("\"detail\""));
    assert!(lines[6]["feature_tokens"].as_u64().unwrap() <= 1003520 / (28 * 28));
}

#[test]
fn count_prints_a_breakdown_and_rejects_a_bad_size() {
    let (stdout, _, ok) =
        run(&["count", "--model", "llava-hf/llava-onevision-qwen2-7b-ov-hf", "--size", "800x600"], "");
    assert!(ok);
    assert!(stdout.contains("tokens in sequence 4725"), "{stdout}");
    assert!(stdout.contains("crop r1c2"), "{stdout}");
    let (_, stderr, ok) = run(&["count", "--model", "google/gemma-3-4b-it", "--size", "wide"], "");
    assert!(!ok);
    assert!(stderr.contains("--size must look like 1920x1080"));
}

#[test]
fn models_lists_every_catalogue_entry() {
    let (stdout, _, ok) = run(&["models"], "");
    assert!(ok);
    for m in vistok::engine::CATALOGUE {
        assert!(stdout.contains(m.id), "{} missing", m.id);
    }
}

#[test]
fn sweep_prints_csv_with_a_header_and_one_row_per_step() {
    let (stdout, _, ok) = run(
        &[
            "sweep",
            "--model",
            "Qwen/Qwen3-VL-8B-Instruct",
            "--aspect",
            "16:9",
            "--from",
            "64",
            "--to",
            "4096",
            "--step",
            "64",
        ],
        "",
    );
    assert!(ok);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "model,width,height,feature_tokens,tokens_in_sequence,error");
    assert_eq!(lines.len(), 1 + 64);
    // 1024x576 at 32 px per token: 32x18 = 576 tokens, plus the two vision delimiters.
    assert!(lines.contains(&"Qwen/Qwen3-VL-8B-Instruct,1024,576,576,578,"), "{stdout}");
    let (_, stderr, ok) = run(&["sweep", "--model", "Qwen/Qwen3-VL-8B-Instruct", "--aspect", "wide"], "");
    assert!(!ok && stderr.contains("--aspect must look like 16:9"));
}

#[test]
fn batch_accepts_every_catalogue_id_and_names_a_misplaced_option() {
    let input: String = vistok::engine::CATALOGUE
        .iter()
        .map(|m| format!("{{\"model\": \"{}\", \"width\": 1920, \"height\": 1080}}\n", m.id))
        .collect();
    let (stdout, _, ok) = run(&["batch"], &input);
    assert!(ok);
    for (line, model) in stdout.lines().zip(vistok::engine::CATALOGUE) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["model"], model.id);
        assert!(v["tokens_in_sequence"].as_u64().is_some(), "{line}");
    }
    let (stdout, _, _) = run(
        &["batch"],
        "{\"model\": \"Qwen/Qwen2.5-VL-7B-Instruct\", \"width\": 10, \"height\": 10, \"options\": {\"max_tiles\": 4}}\n",
    );
    assert!(stdout.contains("option \\\"max_tiles\\\""), "{stdout}");
    let (stdout, _, _) = run(
        &["batch"],
        "{\"model\": \"OpenGVLab/InternVL3-8B-hf\", \"width\": 448, \"height\": 448, \"options\": {\"max_tiles\": 1}}\n",
    );
    assert!(stdout.contains("\"tokens_in_sequence\":258"), "{stdout}");
    let (stdout, _, _) = run(
        &["batch"],
        "{\"model\": \"OpenGVLab/InternVL3-8B-hf\", \"width\": 448, \"height\": 448, \"options\": {\"max_crops\": 4}}\n\
         {\"model\": \"llava-hf/llava-onevision-qwen2-7b-ov-hf\", \"width\": 4032, \"height\": 3024, \"options\": {\"max_crops\": 0}}\n",
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].contains("has no max_crops option"), "{stdout}");
    assert!(lines[1].contains("max_crops") && lines[1].contains("between 1 and"), "{stdout}");
}

#[test]
fn batch_adds_the_cost_when_asked_and_names_a_bad_gpu() {
    let (stdout, _, ok) = run(
        &["batch"],
        "{\"model\": \"Qwen/Qwen2.5-VL-7B-Instruct\", \"width\": 1344, \"height\": 1344, \"options\": {\"gpu\": \"H200\", \"prompt_tokens\": 24}}\n\
         {\"model\": \"Qwen/Qwen2.5-VL-7B-Instruct\", \"width\": 1344, \"height\": 1344, \"options\": {\"gpu\": \"L40S\", \"max_pixels\": 401408}}\n\
         {\"model\": \"openai/gpt-4o\", \"width\": 512, \"height\": 512, \"options\": {\"gpu\": \"H200\"}}\n\
         {\"model\": \"Qwen/Qwen2.5-VL-7B-Instruct\", \"width\": 512, \"height\": 512, \"options\": {\"gpu\": \"TPU\"}}\n\
         {\"model\": \"Qwen/Qwen2.5-VL-7B-Instruct\", \"width\": 512, \"height\": 512}\n",
    );
    assert!(ok);
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // Measured on the H200 at this size: 250.5 ms to the first token, 133,611,520 bytes of cache.
    let c = &lines[0]["cost"];
    let ttft = c["ttft_ms"].as_f64().unwrap();
    assert!((ttft / 250.5 - 1.0).abs() < 0.15, "{ttft}");
    assert_eq!(c["kv_cache_bytes"], 133_611_520);
    assert_eq!(c["measured"], true);
    let sum = c["vision_ms"].as_f64().unwrap() + c["prefill_ms"].as_f64().unwrap();
    assert!((sum - ttft).abs() < 1e-6);
    // The model's own options still apply next to the cost options; another GPU is an estimate.
    assert_eq!(lines[1]["cost"]["measured"], false);
    assert!(lines[1]["tokens_in_sequence"].as_u64().unwrap() <= 514);
    assert!(lines[2]["cost"].is_null(), "hosted models have no cost model");
    assert!(lines[3]["error"].as_str().unwrap().contains("unknown GPU \"TPU\""));
    assert!(lines[4].get("cost").is_none(), "no cost unless asked");
}

#[test]
fn count_takes_the_models_knobs_as_json_and_names_one_it_lacks() {
    let args = ["count", "--model", "Qwen/Qwen2.5-VL-7B-Instruct", "--size", "4032x3024"];
    let (capped, _, ok) = run(&[&args[..], &["--options", r#"{"max_pixels": 1003520}"#]].concat(), "");
    assert!(ok);
    let (plain, _, _) = run(&args, "");
    let total = |out: &str| out.lines().find(|l| l.starts_with("tokens in sequence")).unwrap().to_owned();
    assert_ne!(total(&capped), total(&plain));
    // transformers 5.25: 1,232 (tests/golden/rows.jsonl, the same size and option).
    assert!(total(&capped).ends_with(" 1232"), "{}", total(&capped));
    let (_, stderr, ok) = run(&[&args[..], &["--options", r#"{"max_tiles": 6}"#]].concat(), "");
    assert!(!ok);
    assert!(stderr.contains("has no max_tiles option"), "{stderr}");
    let (_, stderr, ok) = run(&[&args[..], &["--options", "[1]"]].concat(), "");
    assert!(!ok && stderr.contains("--options must be a JSON object"), "{stderr}");
}
