//! Compares the engine to every row of tests/golden/rows.jsonl, which scripts/golden.py wrote from
//! the real `transformers` processors. A mismatch names the row and the field.

use serde_json::Value;
use vistok::engine::{self, EngineError, Options, Plan, Size, ViewRole};

fn rows() -> Vec<Value> {
    let text = include_str!("golden/rows.jsonl");
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().expect("header line")).unwrap();
    assert!(header["transformers"].is_string(), "header names the transformers version");
    lines.map(|l| serde_json::from_str(l).expect("valid JSON row")).collect()
}

fn size_of(v: &Value) -> Size {
    Size::new(v["width"].as_u64().unwrap() as u32, v["height"].as_u64().unwrap() as u32)
}

fn check_details(row: &Value, plan: &Plan, what: &str) {
    let crops = plan.views.iter().filter(|v| matches!(v.role, ViewRole::Crop { .. })).count() as u64;
    if let Some(resized) = row.get("resized") {
        assert_eq!(plan.frame, size_of(resized), "{what}: resized size");
    }
    if let Some(grid) = row.get("patch_grid") {
        let g = plan.views[0].patch_grid;
        assert_eq!(
            (u64::from(g.cols), u64::from(g.rows)),
            (grid["cols"].as_u64().unwrap(), grid["rows"].as_u64().unwrap()),
            "{what}: patch grid"
        );
    }
    if let Some(best) = row.get("best_resolution") {
        assert_eq!(plan.frame, size_of(best), "{what}: best resolution");
    }
    if let Some(expected) = row.get("crops") {
        assert_eq!(crops, expected.as_u64().unwrap(), "{what}: crops");
    }
}

#[test]
fn engine_matches_every_golden_row() {
    let rows = rows();
    assert!(rows.len() >= 75, "the golden file covers at least 25 sizes for each of 3 models");
    for row in &rows {
        let model = row["model"].as_str().unwrap();
        let size = size_of(row);
        let options = Options::from_json(row["options"].as_object().unwrap()).unwrap();
        let what = format!("{model} {size} {}", row["options"]);
        let result = engine::plan_for(model, size, &options);
        match (row.get("error"), result) {
            (None, Ok(plan)) => {
                assert_eq!(plan.feature_tokens, row["feature_tokens"].as_u64().unwrap(), "{what}: feature_tokens");
                assert_eq!(
                    plan.tokens_in_sequence,
                    row["tokens_in_sequence"].as_u64().unwrap(),
                    "{what}: tokens_in_sequence"
                );
                check_details(row, &plan, &what);
            }
            (Some(message), Err(err)) => {
                let message = message.as_str().unwrap();
                let same_meaning = match err {
                    EngineError::AspectRatioTooExtreme { .. } => message.contains("aspect ratio"),
                    _ => false,
                };
                assert!(same_meaning, "{what}: reference said {message:?}, engine said {err}");
            }
            (None, Err(err)) => panic!("{what}: reference counted it, engine refused: {err}"),
            (Some(message), Ok(_)) => panic!("{what}: reference refused ({message}), engine counted it"),
        }
    }
}

#[test]
fn golden_rows_cover_what_the_issue_asks_for() {
    let rows = rows();
    for model in ["google/gemma-3-4b-it", "Qwen/Qwen2.5-VL-7B-Instruct", "llava-hf/llava-onevision-qwen2-7b-ov-hf"] {
        let sizes: Vec<Size> = rows.iter().filter(|r| r["model"] == model).map(size_of).collect();
        assert!(sizes.len() >= 25, "{model}: {} rows", sizes.len());
        assert!(sizes.contains(&Size::new(1, 1)), "{model}: 1x1");
        assert!(sizes.iter().any(|s| s.long_side() >= 30 * s.short_side()), "{model}: extreme aspect");
        assert!(sizes.iter().any(|s| s.area() > 12_845_056), "{model}: above the caps");
    }
}
