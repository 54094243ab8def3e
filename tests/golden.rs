//! Compares the engine to every row of tests/golden/rows.jsonl, which scripts/golden.py wrote from
//! the real `transformers` processors. A mismatch names the row and the field.

use serde_json::Value;
use vistok::engine::{self, EngineError, Options, Plan, Size, TokenOrder, ViewRole};

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
    if let Some(tiles) = row.get("tiles") {
        assert_eq!(plan.views.len() as u64, tiles.as_u64().unwrap(), "{what}: tiles (thumbnail included)");
    }
    if let Some(grid) = row.get("tile_grid") {
        let g = (plan.tiling.as_ref().map(|t| t.tile_grid))
            .or_else(|| plan.anyres.as_ref().map(|a| a.crop_grid))
            .expect("a tiling or AnyRes plan");
        assert_eq!(
            (u64::from(g.cols), u64::from(g.rows)),
            (grid["cols"].as_u64().unwrap(), grid["rows"].as_u64().unwrap()),
            "{what}: tile grid"
        );
    }
    if let Some(grid) = row.get("unpadded_grid") {
        let TokenOrder::Unpadded { kept, .. } = plan.token_order else { panic!("{what}: not an unpadded plan") };
        assert_eq!(
            (u64::from(kept.cols), u64::from(kept.rows)),
            (grid["cols"].as_u64().unwrap(), grid["rows"].as_u64().unwrap()),
            "{what}: unpadded grid"
        );
    }
    if let Some(expected) = row.get("crops") {
        assert_eq!(crops, expected.as_u64().unwrap(), "{what}: crops");
    }
}

#[test]
fn engine_matches_every_golden_row() {
    let rows = rows();
    let open = engine::CATALOGUE.iter().filter(|m| !matches!(m.strategy, engine::Strategy::Api(_))).count();
    assert!(rows.len() >= 30 * open, "at least 30 sizes for each open model");
    for m in engine::CATALOGUE.iter().filter(|m| !matches!(m.strategy, engine::Strategy::Api(_))) {
        let own = rows.iter().filter(|r| r["model"] == m.id).count();
        assert!(own >= 30, "{}: {own} golden rows; every open entry needs rows from its reference", m.id);
        if !m.reference.file.starts_with("models/") {
            let marked = rows.iter().filter(|r| r["model"] == m.id && r.get("reference").is_some()).count();
            assert_eq!(marked, own, "{}: rows not from transformers name the code they come from", m.id);
        }
    }
    for row in &rows {
        let model = row["model"].as_str().unwrap();
        // A model transformers has no processor for has rows from its official code, marked with
        // the repository and commit its catalogue entry cites.
        if let Some(reference) = row.get("reference") {
            let entry = engine::find(model).expect("a catalogue entry");
            let reference = reference.as_str().unwrap();
            assert!(entry.reference.file.starts_with(reference), "{model}: rows from {reference}");
        }
        let size = size_of(row);
        let options = Options::from_json(row["options"].as_object().unwrap());
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
                    // PIL/torch resize to a 0-px side: transformers' SizeDict check refuses it.
                    EngineError::ResizedToNothing { .. } | EngineError::VanishingSide { .. } => {
                        message.contains("Size must contain") || message.contains("division by zero")
                    }
                    EngineError::InvalidOption { ref name, .. } => message.contains(name.as_str()),
                    // Cambrian-1: torch cannot view the empty unpadded grid as [1, rows, cols, -1].
                    EngineError::UnpaddedToNothing { .. } => message.contains("cannot reshape tensor of 0 elements"),
                    // Phi-4-multimodal's _get_crop_layout: a side under 10 px once fitted.
                    EngineError::FittedSideTooShort { .. } => message.contains("aspect ratio is very extreme"),
                    // The processor's own code raises (LFM2-VL: torch.stack of unequal views).
                    EngineError::ProcessorFails { .. } => message.starts_with("RuntimeError:"),
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
fn golden_rows_cover_every_model_and_the_hard_sizes() {
    let rows = rows();
    // Hosted (API) models have no processor to run; tests/api_docs.rs checks them against their docs.
    for model in engine::CATALOGUE.iter().filter(|m| !matches!(m.strategy, engine::Strategy::Api(_))) {
        let sizes: Vec<Size> = rows.iter().filter(|r| r["model"] == model.id).map(size_of).collect();
        assert!(sizes.len() >= 30, "{}: {} rows", model.id, sizes.len());
        for must in [Size::new(1, 1), Size::new(27, 29), Size::new(4032, 3024)] {
            assert!(sizes.contains(&must), "{}: {must}", model.id);
        }
        assert!(sizes.iter().any(|s| s.width >= 30 * s.height), "{}: extreme landscape", model.id);
        assert!(sizes.iter().any(|s| s.height >= 30 * s.width), "{}: extreme portrait", model.id);
        assert!(sizes.iter().any(|s| s.area() > 16_777_216), "{}: above every cap", model.id);
    }
}

/// The overlay draws each tiling model's crops where the processor cut them: for every row whose
/// processor reported its tile grid, the crop outlines tile the processor's resized canvas in
/// exactly that grid (one outline per cell), or there are none when the grid is one tile. Molmo2's
/// overlapping crop windows are left out: they do not tile the canvas by design.
#[test]
fn the_overlay_draws_the_crops_in_the_processors_tile_grid() {
    use vistok::figures::overlay::{Layer, Shape, overlay};
    let mut checked = 0;
    let mut held = std::collections::BTreeSet::new();
    for row in rows().iter().filter(|r| r.get("tile_grid").is_some() && r.get("error").is_none()) {
        let (model, size) = (row["model"].as_str().unwrap(), size_of(row));
        let options = Options::from_json(row["options"].as_object().unwrap());
        let what = format!("{model} {size} {}", row["options"]);
        let plan = engine::plan_for(model, size, &options).unwrap();
        let outlines: Vec<engine::Rect> = overlay(&plan)
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Outline { rect, layer: Layer::Crops } => Some(*rect),
                _ => None,
            })
            .collect();
        let grid = &row["tile_grid"];
        let (cols, rows) = (grid["cols"].as_u64().unwrap() as u32, grid["rows"].as_u64().unwrap() as u32);
        let canvas = row.get("resized").or_else(|| row.get("best_resolution")).map(size_of).unwrap_or(plan.frame);
        if outlines.is_empty() {
            assert_eq!(cols * rows, 1, "{what}: no crops drawn, so the processor's grid is one tile");
            continue;
        }
        assert_eq!(outlines.len() as u32, cols * rows, "{what}: one outline per tile");
        // Tiles cut the canvas edge to edge, or (Molmo2) overlapping windows of one size, one
        // stride apart, as the processor unfolds them.
        let cell_at = |c: u32, r: u32| match row.get("crop_windows") {
            Some(win) => {
                let (side, stride) = (win["size"].as_f64().unwrap(), win["stride"].as_f64().unwrap());
                engine::Rect::new(f64::from(c) * stride, f64::from(r) * stride, side, side)
            }
            None => {
                let (w, h) = (f64::from(canvas.width) / f64::from(cols), f64::from(canvas.height) / f64::from(rows));
                engine::Rect::new(f64::from(c) * w, f64::from(r) * h, w, h)
            }
        };
        for r in 0..rows {
            for c in 0..cols {
                let cell = cell_at(c, r);
                let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
                assert!(
                    outlines.iter().any(|o| near(o.x, cell.x)
                        && near(o.y, cell.y)
                        && near(o.width, cell.width)
                        && near(o.height, cell.height)),
                    "{what}: tile r{r}c{c} at {cell:?} not outlined ({outlines:?})"
                );
            }
        }
        checked += 1;
        held.insert(model.to_owned());
    }
    assert!(checked > 500, "{checked}");
    // Every family that cuts crops, overlapping windows (Molmo2) and AnyRes (LLaVA) included.
    for model in [
        "llava-hf/llava-v1.6-mistral-7b-hf",
        "llava-hf/llava-onevision-qwen2-7b-ov-hf",
        "OpenGVLab/InternVL3-8B-hf",
        "OpenGVLab/InternVL3_5-8B-HF",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "allenai/Molmo2-8B",
        "HuggingFaceTB/SmolVLM-Instruct",
        "deepseek-community/DeepSeek-OCR-2",
        "CohereLabs/aya-vision-8b",
        "nvidia/Eagle2.5-8B",
        "microsoft/Phi-4-multimodal-instruct",
        "LiquidAI/LFM2-VL-1.6B",
    ] {
        assert!(held.contains(model), "{model}: no multi-tile row held against its processor's grid");
    }
}
