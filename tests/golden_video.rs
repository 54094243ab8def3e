//! Compares the engine's clips to every row of tests/golden/video_rows*.jsonl, which
//! scripts/golden_video*.py wrote from the real `transformers` 5.25.0 video processors and
//! processors (and, for the `qwen-vl-utils` preset, qwen-vl-utils' own sampling and resize). A
//! mismatch names the row and the field; a row where the processor failed must fail here too.

use serde_json::Value;
use vistok::engine::video::{self, Clip, VideoError, VideoOptions};
use vistok::engine::{self, Size};

fn rows() -> Vec<Value> {
    [
        include_str!("golden/video_rows.jsonl"),
        include_str!("golden/video_rows_glm.jsonl"),
        include_str!("golden/video_rows_gemma4.jsonl"),
        include_str!("golden/video_rows_llava.jsonl"),
        include_str!("golden/video_rows_ernie.jsonl"),
        include_str!("golden/video_rows_molmo2.jsonl"),
        include_str!("golden/video_rows_ovis.jsonl"),
        include_str!("golden/video_rows_vllm.jsonl"),
        include_str!("golden/video_rows_kimi.jsonl"),
        include_str!("golden/video_rows_nemotron.jsonl"),
        include_str!("golden/video_rows_minicpm.jsonl"),
        include_str!("golden/video_rows_glm53.jsonl"),
        include_str!("golden/video_rows_perception.jsonl"),
    ]
    .into_iter()
    .flat_map(str::lines)
    .map(|l| serde_json::from_str(l).expect("a JSON row"))
    .collect()
}

fn clip_of(v: &Value) -> Clip {
    let size = Size::new(v["width"].as_u64().unwrap() as u32, v["height"].as_u64().unwrap() as u32);
    Clip::with_frames(
        size,
        v["fps"].as_f64().unwrap(),
        v["duration_s"].as_f64().unwrap(),
        v["frames"].as_u64().unwrap(),
    )
    .unwrap()
}

#[test]
fn every_clip_row_matches_the_processors() {
    let rows = rows();
    assert!(rows.len() > 3000, "{} rows", rows.len());
    let mut models = std::collections::BTreeSet::new();
    let (mut counted, mut refused) = (0, 0);
    for row in &rows {
        let id = row["model"].as_str().unwrap();
        models.insert(id.to_owned());
        let what = format!("{id} {} {}", row["video"], row["options"]);
        let model = engine::find(id).unwrap_or_else(|| panic!("{what}: not in the catalogue"));
        let options = VideoOptions::from_json(row["options"].as_object().unwrap()).unwrap();
        let result = video::plan(&clip_of(&row["video"]), model, &options);
        if let Some(error) = row.get("error") {
            let e = result.err().unwrap_or_else(|| panic!("{what}: the processor failed ({error}), vistok counted"));
            assert!(
                matches!(
                    e,
                    VideoError::ProcessorRefuses(_) | VideoError::NoSamplingDefault { .. } | VideoError::Frame(_)
                ),
                "{what}: {e}"
            );
            refused += 1;
            continue;
        }
        let plan = result.unwrap_or_else(|e| panic!("{what}: {e}"));
        let indices: Vec<u64> = plan.sampled.iter().map(|f| f.index).collect();
        let n = |key: &str| row[key].as_u64().unwrap();
        assert_eq!(plan.frames_sampled, n("frames_sampled"), "{what}: frames sampled");
        match row.get("frame_indices") {
            Some(all) => {
                assert_eq!(&indices, &serde_json::from_value::<Vec<u64>>(all.clone()).unwrap(), "{what}: indices")
            }
            None => {
                let head: Vec<u64> = serde_json::from_value(row["indices_head"].clone()).unwrap();
                let tail: Vec<u64> = serde_json::from_value(row["indices_tail"].clone()).unwrap();
                assert_eq!(&indices[..16], &head[..], "{what}: first indices");
                assert_eq!(&indices[indices.len() - 16..], &tail[..], "{what}: last indices");
                assert_eq!(indices.iter().sum::<u64>(), n("indices_sum"), "{what}: indices' sum");
            }
        }
        let grid = [plan.groups.len() as u64, u64::from(plan.patch_grid.rows), u64::from(plan.patch_grid.cols)];
        assert_eq!(
            grid.to_vec(),
            serde_json::from_value::<Vec<u64>>(row["grid_thw"].clone()).unwrap(),
            "{what}: grid_thw"
        );
        assert_eq!(plan.feature_tokens, n("feature_tokens"), "{what}: feature tokens");
        assert_eq!(plan.tokens_in_sequence, n("tokens_in_sequence"), "{what}: tokens in sequence");
        counted += 1;
    }
    assert!(refused > 0 && counted > refused, "{counted} counted, {refused} refused");
    for family in vistok::engine::catalogue::video::IDS {
        assert!(models.contains(family), "no rows for {family}");
    }
}
