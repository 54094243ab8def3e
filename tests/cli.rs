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

fn status(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_vistok")).args(args).stdin(Stdio::null()).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn help_version_and_errors_that_name_the_flag() {
    let (stdout, _, code) = status(&["--help"]);
    assert_eq!(code, Some(0));
    for part in ["batch", "count", "scan", "models", "sweep", "calibrate", "Exit status"] {
        assert!(stdout.contains(part), "--help names {part}: {stdout}");
    }
    let (stdout, _, code) = status(&["scan", "--help"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("--summary") && stdout.contains("--sizes") && stdout.contains("--format"), "{stdout}");
    let (stdout, _, code) = status(&["--version"]);
    assert_eq!((stdout.trim(), code), (format!("vistok {}", env!("CARGO_PKG_VERSION")).as_str(), Some(0)));
    // A misspelt flag: named, with the real one suggested; usage errors exit with 2.
    let (_, stderr, code) = status(&["count", "--modle", "x", "--size", "10x10"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("'--modle'") && stderr.contains("'--model'"), "{stderr}");
    let (_, stderr, code) = status(&["sweep", "--model", "Qwen/Qwen3-VL-8B-Instruct", "--step"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--step"), "{stderr}");
}

#[test]
fn a_model_id_that_almost_matches_gets_the_real_one() {
    for (typed, real) in [
        ("qwen2.5-vl-7b", "Qwen/Qwen2.5-VL-7B-Instruct"),
        ("google/gemma-3-4b", "google/gemma-3-4b-it"),
        ("Qwen3-VL-8B-Instruct", "Qwen/Qwen3-VL-8B-Instruct"),
    ] {
        let (_, stderr, code) = status(&["count", "--model", typed, "--size", "100x100"]);
        assert_eq!(code, Some(1), "{typed}");
        assert!(stderr.contains(&format!("did you mean {real:?}")), "{typed}: {stderr}");
    }
    let (_, stderr, _) = status(&["count", "--model", "zzzz", "--size", "100x100"]);
    assert!(stderr.contains("unknown model id \"zzzz\"") && !stderr.contains("did you mean"), "{stderr}");
    // In a batch line too.
    let (stdout, _, _) = run(&["batch"], "{\"model\": \"qwen2.5-vl-7b\", \"width\": 10, \"height\": 10}\n");
    assert!(stdout.contains("did you mean \\\"Qwen/Qwen2.5-VL-7B-Instruct\\\""), "{stdout}");
}

/// `vistok models | head -1`: the reader goes away after one line; vistok stops quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    for args in [&["models"][..], &["sweep", "--model", "Qwen/Qwen3-VL-8B-Instruct", "--step", "1"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vistok"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        // The reader is dropped here: the pipe is closed with most of the output unwritten.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked") && stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// Lines that are not UTF-8 or are too long get their own error; the others are answered in order.
#[test]
fn batch_survives_bad_bytes_and_huge_lines() {
    let good = b"{\"model\": \"google/gemma-3-4b-it\", \"width\": 640, \"height\": 480}\n";
    let mut input = good.to_vec();
    input.extend(b"\xff\xfe not utf-8 \xc3\n");
    input.extend(vec![b' '; 10 << 20]);
    input.extend(b"\n");
    input.extend(good);
    let mut child = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .arg("batch")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["tokens_in_sequence"], lines[3]["tokens_in_sequence"]);
    assert!(lines[0]["tokens_in_sequence"].as_u64().unwrap() > 0);
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2: not UTF-8"), "{}", lines[1]);
    assert!(lines[2]["error"].as_str().unwrap().contains("line 3: 10485760 bytes, over the"), "{}", lines[2]);
    assert_eq!(out.status.code(), Some(0));
}

mod common;

/// A folder as a phone and a careless disk leave it: photos (one stored sideways with an EXIF
/// orientation), a screenshot, nested and hidden folders, a symlink loop, and broken files. Each
/// image is counted at its upright size, as `vistok batch` counts that size; each broken file is
/// named; the scan exits with 0.
#[cfg(unix)]
#[test]
fn scan_counts_every_image_upright_and_names_every_broken_file() {
    let dir = std::env::temp_dir().join(format!("vistok-scan-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("trip/day 1")).unwrap();
    std::fs::create_dir_all(dir.join(".thumbnails")).unwrap();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");
    let landscape = std::fs::read(format!("{samples}/landscape.jpg")).unwrap();
    std::fs::write(dir.join("trip/day 1/coffee.jpg"), &landscape).unwrap();
    // The same photo marked "rotate 90 degrees" (orientation 6): upright it is 400 x 600.
    let rotated = [&landscape[..2], &common::exif_app1(6, true), &landscape[2..]].concat();
    std::fs::write(dir.join("trip/day 1/portrait, rotated.jpg"), rotated).unwrap();
    std::fs::copy(format!("{samples}/screenshot.png"), dir.join("trip/screen.png")).unwrap();
    std::fs::copy(format!("{samples}/portrait.jpg"), dir.join(".thumbnails/hidden.jpg")).unwrap();
    std::fs::write(dir.join("empty.png"), b"").unwrap();
    std::fs::write(dir.join("zero.png"), common::png(0, 0, None)).unwrap();
    std::fs::write(dir.join("cut.jpg"), &landscape[..landscape.len() / 2]).unwrap();
    std::fs::write(dir.join("header-only.png"), &common::png(64, 64, None)[..20]).unwrap();
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.7\n").unwrap();
    std::os::unix::fs::symlink("..", dir.join("trip/day 1/loop")).unwrap();
    let model = "Qwen/Qwen2.5-VL-7B-Instruct";
    let (stdout, stderr, code) = status(&["scan", dir.to_str().unwrap(), "--model", model, "--model", "openai/gpt-4o"]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let by_path = |p: &str| lines.iter().find(|l| l["path"] == p).unwrap_or_else(|| panic!("{p} in {stdout}"));
    for (path, size) in [
        ("trip/day 1/coffee.jpg", (600, 400)),
        ("trip/day 1/portrait, rotated.jpg", (400, 600)),
        ("trip/screen.png", (1280, 800)),
    ] {
        let l = by_path(path);
        assert_eq!((l["width"].as_u64(), l["height"].as_u64()), (Some(size.0), Some(size.1)), "{path}");
        let (batch, _, _) =
            run(&["batch"], &format!("{{\"model\": \"{model}\", \"width\": {}, \"height\": {}}}\n", size.0, size.1));
        let batch: serde_json::Value = serde_json::from_str(batch.trim()).unwrap();
        assert_eq!(l["counts"][model]["tokens_in_sequence"], batch["tokens_in_sequence"], "{path}");
        assert!(l["counts"]["openai/gpt-4o"]["tokens_in_sequence"].as_u64().unwrap() > 0);
    }
    assert_eq!(by_path("trip/day 1/portrait, rotated.jpg")["orientation"], 6);
    // `vistok count FILE` counts the same upright image, and says why it is upright.
    let rotated = dir.join("trip/day 1/portrait, rotated.jpg");
    let (text, stderr, code) = status(&["count", rotated.to_str().unwrap(), "--model", model]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        text.contains("EXIF orientation 6: counted upright") && text.contains("image            400x600"),
        "{text}"
    );
    let seq = by_path("trip/day 1/portrait, rotated.jpg")["counts"][model]["tokens_in_sequence"].as_u64().unwrap();
    assert!(text.contains(&format!("tokens in sequence {seq}")), "{text}");
    let (_, stderr, code) = status(&["count", dir.join("cut.jpg").to_str().unwrap(), "--model", model]);
    assert!(code == Some(1) && stderr.contains("truncated"), "{stderr}");
    for (path, why) in [
        ("empty.png", "empty file"),
        ("zero.png", "no usable size"),
        ("cut.jpg", "truncated"),
        ("header-only.png", "truncated"),
        ("notes.pdf", "not an image: PDF document"),
        ("trip/day 1/loop", "symbolic link loop"),
    ] {
        let e = by_path(path)["error"].as_str().unwrap_or_else(|| panic!("{path} has an error")).to_owned();
        assert!(e.contains(why), "{path}: {e}");
    }
    assert!(!stdout.contains("hidden.jpg"), "hidden folders are skipped");
    let (with_hidden, _, _) = status(&["scan", dir.to_str().unwrap(), "--model", model, "--hidden"]);
    assert!(with_hidden.contains(".thumbnails/hidden.jpg"));
    // The summary: 3 images, 6 broken, the heaviest first; gpt-4o priced.
    let (summary, _, code) =
        status(&["scan", dir.to_str().unwrap(), "--model", model, "--model", "openai/gpt-4o", "--summary"]);
    assert_eq!(code, Some(0));
    let rows: Vec<serde_json::Value> = summary.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((rows[0]["images"].as_u64(), rows[0]["broken_files"].as_u64()), (Some(3), Some(6)));
    let total: u64 = ["trip/day 1/coffee.jpg", "trip/day 1/portrait, rotated.jpg", "trip/screen.png"]
        .iter()
        .map(|p| by_path(p)["counts"][model]["tokens_in_sequence"].as_u64().unwrap())
        .sum();
    assert_eq!(rows[0]["total_tokens"].as_u64(), Some(total));
    assert_eq!(rows[0]["heaviest"][0]["path"], "trip/screen.png");
    assert!(rows[0]["price"].is_null() && rows[1]["cost_usd"].as_f64().is_some());
    // The summary as CSV is the page's export format (engine::collection::to_csv).
    let (csv, _, _) = status(&[
        "scan",
        dir.to_str().unwrap(),
        "--model",
        model,
        "--model",
        "openai/gpt-4o",
        "--summary",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "model,images,broken_files,refused,total_tokens,p50,p90,p99,max,cost_usd,price_as_of");
    assert!(lines[1].starts_with(&format!("{model},3,6,0,{total},")), "{csv}");
    assert!(lines[2].starts_with("openai/gpt-4o,3,6,0,") && lines[2].ends_with(",2026-04 tables"), "{csv}");
    // CSV: quoted where a path has a comma, one row per model.
    let (csv, _, _) = status(&["scan", dir.to_str().unwrap(), "--model", model, "--format", "csv"]);
    assert!(csv.starts_with("path,width,height,model,tokens_in_sequence,feature_tokens,error\n"), "{csv}");
    assert!(csv.contains("\"trip/day 1/portrait, rotated.jpg\",400,600,"), "{csv}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--sizes`: a dataset's table of sizes instead of images, CSV or JSON Lines, gives the counts
/// `vistok batch` gives, and the same summary either way.
#[test]
fn scan_sizes_reads_a_table_of_sizes() {
    let dir = std::env::temp_dir().join(format!("vistok-sizes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sizes = [(640, 480), (1920, 1080), (3024, 4032), (28, 28), (10, 5000)];
    let csv: String = std::iter::once("id,caption,width,height\n".to_owned())
        .chain(sizes.iter().enumerate().map(|(i, (w, h))| format!("img{i},\"a, caption\",{w},{h}\n")))
        .chain(std::iter::once("bad,,x,1\n".to_owned()))
        .collect();
    let jsonl: String = sizes
        .iter()
        .enumerate()
        .map(|(i, (w, h))| format!("{{\"id\": \"img{i}\", \"width\": {w}, \"height\": {h}}}\n"))
        .collect();
    std::fs::write(dir.join("sizes.csv"), csv).unwrap();
    std::fs::write(dir.join("sizes.jsonl"), jsonl).unwrap();
    let model = "Qwen/Qwen3-VL-8B-Instruct";
    let (stdout, stderr, code) =
        status(&["scan", "--sizes", dir.join("sizes.csv").to_str().unwrap(), "--model", model]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), sizes.len() + 1);
    for (i, (w, h)) in sizes.iter().enumerate() {
        let (batch, _, _) = run(&["batch"], &format!("{{\"model\": \"{model}\", \"width\": {w}, \"height\": {h}}}\n"));
        let batch: serde_json::Value = serde_json::from_str(batch.trim()).unwrap();
        assert_eq!(lines[i]["path"], format!("img{i}"));
        match batch.get("error") {
            Some(e) => assert_eq!(
                lines[i]["counts"][model]["error"].as_str(),
                e.as_str().map(|e| e.trim_start_matches("line 1: "))
            ),
            None => assert_eq!(lines[i]["counts"][model]["tokens_in_sequence"], batch["tokens_in_sequence"], "{w}x{h}"),
        }
    }
    assert!(lines[sizes.len()]["error"].as_str().unwrap().contains("width and height"));
    let summary =
        |file: &str| status(&["scan", "--sizes", dir.join(file).to_str().unwrap(), "--model", model, "--summary"]).0;
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(summary("sizes.csv").trim()).unwrap(),
        serde_json::from_str(summary("sizes.jsonl").trim()).unwrap(),
    );
    assert_eq!(a["total_tokens"], b["total_tokens"]);
    assert_eq!((a["broken_files"].as_u64(), b["broken_files"].as_u64()), (Some(1), Some(0)));
    std::fs::remove_dir_all(&dir).unwrap();
}
