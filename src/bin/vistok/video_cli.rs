//! `vistok count FILE` for a video file: what the container says, then the plan in words.

use serde_json::Value;
use vistok::engine::video::{self, VideoOptions};
use vistok::engine::{self};

/// `vistok count FILE --model ID [--options JSON]` for a video file: what the container says, then
/// the plan in words.
pub fn count_file(path: &str, model: &str, options: Option<&str>) -> Result<String, String> {
    let model = engine::find(model).ok_or_else(|| format!("unknown model id {model:?} (see `vistok models`)"))?;
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let read = engine::clip_file::read_clip(std::io::BufReader::new(file)).map_err(|e| format!("{path}: {e}"))?;
    let options = match options {
        None => VideoOptions::default(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => VideoOptions::from_json(&map).map_err(|e| e.to_string())?,
            _ => return Err(format!("--options must be a JSON object such as '{{\"fps\": 1}}', got {text:?}")),
        },
    };
    let plan = video::plan(&read.clip, model, &options).map_err(|e| e.to_string())?;
    let c = &read.clip;
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    line(format!("{}  (video, preset {})", model.id, plan.preset.name()));
    line(format!(
        "clip             {} {} px, {} frames at {:.3} fps, {:.3} s",
        read.container, c.size, c.frames, c.fps, c.duration_s
    ));
    line(format!("sampling         {}", plan.sampling));
    line(format!("frames sampled   {}", plan.frames_sampled));
    line(format!("each frame       {} -> {} patches -> {} tokens", plan.frame_size, plan.patch_grid, plan.token_grid));
    line(format!("groups           {} of {} frame(s)", plan.groups.len(), plan.temporal_patch));
    for note in &plan.notes {
        line(format!("note: {note}"));
    }
    line(format!("feature tokens     {}", plan.feature_tokens));
    line(format!("text tokens        {}", plan.text_tokens()));
    line(format!("tokens in sequence {}", plan.tokens_in_sequence));
    Ok(s)
}
