//! Turns the H200 measurements shipped with the engine (`src/engine/measured/*.jsonl`) into a Rust
//! table at compile time, so the engine reads them without a JSON parser: the page does not carry
//! one (serde_json is a build dependency here, and the command-line tool's own dependency).

use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// The files `engine::cost` reads, in this order.
const FILES: [&str; 4] = ["lm_prefill.jsonl", "vision_tower.jsonl", "e2e_qwen2.5-vl-7b.jsonl", "e2e_gemma3-4b.jsonl"];
/// Whole-number fields a row may have.
const COUNTS: [&str; 7] = ["tokens", "crops", "patches", "width", "height", "seq_len", "visual_tokens"];

fn main() {
    let mut out = String::from("&[\n");
    for file in FILES {
        let path = Path::new("src/engine/measured").join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let at = format!("{file}:{}", i + 1);
            let row: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{at}: {e}"));
            let text = |key: &str| row.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{at}: no {key}"));
            let float = |key: &str| match row.get(key).and_then(|v| v.as_f64()) {
                Some(v) => format!("Some({v:?})"),
                None => "None".into(),
            };
            let ms = match row.get("ms_median").or(row.get("ttft_ms_median")).and_then(|v| v.as_f64()) {
                Some(v) => format!("{v:?}"),
                None => panic!("{at}: no ms_median or ttft_ms_median"),
            };
            write!(
                out,
                "    Record {{ file: {file:?}, line: {}, part: {:?}, arch: {:?}, ",
                i + 1,
                text("part"),
                text("arch")
            )
            .unwrap();
            for key in COUNTS {
                match row.get(key).map(|v| v.as_u64().unwrap_or_else(|| panic!("{at}: {key} is not a whole number"))) {
                    Some(n) => write!(out, "{key}: Some({n}), ").unwrap(),
                    None => write!(out, "{key}: None, ").unwrap(),
                }
            }
            writeln!(out, "ms: {ms}, peak_extra_bytes: {} }},", float("peak_extra_bytes")).unwrap();
        }
    }
    out.push(']');
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("measured.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
