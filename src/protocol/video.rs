//! The protocol's clips and whole requests: lines with a `video` or `items`.

use crate::engine::request::{self, Item};
use crate::engine::video::{self, Clip, VideoOptions, VideoPlan};
use crate::engine::{self, Options, Size};
use serde_json::{Map, Value, json};

type Failure = (Map<String, Value>, String);

fn echo_of(input: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter().filter_map(|k| input.get(*k).map(|v| ((*k).to_owned(), v.clone()))).collect()
}

fn model_of(input: &Map<String, Value>) -> Result<&'static engine::Model, String> {
    let id = input.get("model").and_then(Value::as_str).ok_or("missing \"model\" (a Hugging Face id)")?;
    super::model_named(id)
}

fn object<'a>(value: Option<&'a Value>, what: &str) -> Result<Option<&'a Map<String, Value>>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(format!("\"{what}\" must be an object, got {other}")),
    }
}

/// `{"width", "height", "fps", "duration_s"[, "frames"]}` as a clip.
pub fn clip_of(video: &Map<String, Value>) -> Result<Clip, String> {
    let side = |key: &str| -> Result<u32, String> {
        video
            .get(key)
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| format!("\"video\".\"{key}\" must be a whole number of pixels"))
    };
    let number = |key: &str| -> Result<f64, String> {
        video.get(key).and_then(Value::as_f64).ok_or_else(|| format!("\"video\".\"{key}\" must be a number"))
    };
    let size = Size::new(side("width")?, side("height")?);
    let (fps, duration) = (number("fps")?, number("duration_s")?);
    let clip = match video.get("frames") {
        None | Some(Value::Null) => Clip::new(size, fps, duration),
        Some(v) => {
            let frames = v.as_u64().ok_or_else(|| format!("\"video\".\"frames\" must be a whole number, got {v}"))?;
            Clip::with_frames(size, fps, duration, frames)
        }
    };
    clip.map_err(|e| e.to_string())
}

pub fn video_options(input: &Map<String, Value>) -> Result<VideoOptions, String> {
    object(input.get("options"), "options")?
        .map_or(Ok(VideoOptions::default()), VideoOptions::from_json)
        .map_err(|e| e.to_string())
}

/// A plan's counts as JSON.
pub fn plan_json(plan: &VideoPlan) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("preset".into(), json!(plan.preset));
    out.insert("sampling".into(), json!(plan.sampling));
    out.insert("source_frames".into(), json!(plan.clip.frames));
    out.insert("frames_sampled".into(), json!(plan.frames_sampled));
    out.insert("frame_indices".into(), json!(plan.sampled.iter().map(|f| f.index).collect::<Vec<_>>()));
    out.insert("timestamps_s".into(), json!(plan.sampled.iter().map(|f| f.time_s).collect::<Vec<_>>()));
    out.insert("resized".into(), json!(plan.frame_size));
    out.insert("grid_thw".into(), json!([plan.groups.len(), plan.patch_grid.rows, plan.patch_grid.cols]));
    out.insert("tokens_per_group".into(), json!(plan.groups.first().map_or(0, |g| g.tokens)));
    out.insert("group_text".into(), json!(plan.groups.iter().filter_map(|g| g.text.clone()).collect::<Vec<_>>()));
    out.insert("feature_tokens".into(), json!(plan.feature_tokens));
    out.insert("text_tokens".into(), json!(plan.text_tokens()));
    out.insert("tokens_in_sequence".into(), json!(plan.tokens_in_sequence));
    out.insert("notes".into(), json!(plan.notes));
    out
}

/// A batch line with a `video`.
pub fn video_answer(input: &Map<String, Value>) -> Result<Value, Failure> {
    let echo = echo_of(input, &["model", "video", "options"]);
    let fail = |message: String| (echo.clone(), message);
    let model = model_of(input).map_err(fail)?;
    let video = object(input.get("video"), "video").map_err(fail)?.ok_or_else(|| fail("\"video\" is empty".into()))?;
    let clip = clip_of(video).map_err(fail)?;
    let options = video_options(input).map_err(fail)?;
    let plan = video::plan(&clip, model, &options).map_err(|e| fail(e.to_string()))?;
    let mut out = echo.clone();
    out.extend(plan_json(&plan));
    Ok(Value::Object(out))
}

/// A batch line with `items`: the whole request's total.
pub fn request_answer(input: &Map<String, Value>) -> Result<Value, Failure> {
    let echo = echo_of(input, &["model", "prompt_tokens"]);
    let fail = |message: String| (echo.clone(), message);
    let model = model_of(input).map_err(fail)?;
    let Some(Value::Array(list)) = input.get("items") else {
        return Err(fail("\"items\" must be a list of images and clips".into()));
    };
    let mut items = Vec::with_capacity(list.len());
    for (i, value) in list.iter().enumerate() {
        let at = |m: String| fail(format!("item {}: {m}", i + 1));
        let Value::Object(item) = value else { return Err(at("expected an object".into())) };
        if let Some(video) = object(item.get("video"), "video").map_err(at)? {
            items.push(Item::Video { clip: clip_of(video).map_err(at)?, options: video_options(item).map_err(at)? });
        } else {
            let side = |key: &str| {
                item.get(key)
                    .and_then(Value::as_u64)
                    .and_then(|v| u32::try_from(v).ok())
                    .ok_or_else(|| at(format!("\"{key}\" must be a whole number of pixels (or give a \"video\")")))
            };
            let size = Size::new(side("width")?, side("height")?);
            let options =
                object(item.get("options"), "options").map_err(at)?.map_or_else(Options::default, Options::from_json);
            items.push(Item::Image { size, options });
        }
    }
    let prompt = match input.get("prompt_tokens") {
        None | Some(Value::Null) => 0,
        Some(v) => v.as_u64().ok_or_else(|| fail(format!("\"prompt_tokens\" must be a whole number, got {v}")))?,
    };
    let total = request::total(model, &items, prompt).map_err(|e| fail(e.to_string()))?;
    let mut out = echo.clone();
    if let Value::Object(map) = json!(total) {
        out.extend(map);
    }
    Ok(Value::Object(out))
}
