//! The video chapter's part of the link: `vmodel`, `vw`, `vh` (a frame's size), `vfps` (the
//! clip's frame rate), `vdur` (seconds), `vpreset` (whose sampling defaults) and `vrate` (frames
//! sampled per second, where the reader set it). Parsed and written here; `url` calls in.

use crate::engine::video::{self, Preset};
use crate::engine::{self, Model, Size};

/// The video chapter's state, as a link carries it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VideoView {
    pub model: &'static Model,
    pub size: Size,
    pub fps: f64,
    pub duration_s: f64,
    /// `None`: the page's choice for the model ([`default_preset`]).
    pub preset: Option<Preset>,
    /// Frames to sample per second; `None`: the preset's.
    pub rate: Option<f64>,
    /// The request builder: images at the figure's size, and prompt tokens, beside the clip.
    pub images: u32,
    pub prompt: u32,
    /// The frame count a dropped file's container states (not in links: a link rounds
    /// `fps x duration`).
    pub frames: Option<u64>,
    /// The curves the chart of tokens against duration draws.
    pub curves: CurveSet,
}

/// A curve the video chart offers: a model as one stack serves it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Curve {
    /// Its name in links (`vcurves=`).
    pub key: &'static str,
    pub model: &'static str,
    pub label: &'static str,
    pub preset: Preset,
}

const fn curve(key: &'static str, model: &'static str, label: &'static str, preset: Preset) -> Curve {
    Curve { key, model, label, preset }
}

/// Every curve the chart can draw: the two ways each Qwen generation is served (Qwen2-VL counts as
/// Qwen2.5-VL does, Qwen3.5 as Qwen3-VL, InternVL3.5 as InternVL3, GLM-4.5V as GLM-4.1V), and each
/// other video family.
pub const CURVES: [Curve; 21] = [
    curve("qwen25", "Qwen/Qwen2.5-VL-7B-Instruct", "Qwen2.5-VL, transformers", Preset::Transformers),
    curve("qwen25-utils", "Qwen/Qwen2.5-VL-7B-Instruct", "Qwen2.5-VL, qwen-vl-utils", Preset::QwenVlUtils),
    curve("qwen25-vllm", "Qwen/Qwen2.5-VL-7B-Instruct", "Qwen2.5-VL, vLLM", Preset::Vllm),
    curve("qwen3", "Qwen/Qwen3-VL-8B-Instruct", "Qwen3-VL and 3.5, transformers", Preset::Transformers),
    curve("qwen3-utils", "Qwen/Qwen3-VL-8B-Instruct", "Qwen3-VL and 3.5, qwen-vl-utils", Preset::QwenVlUtils),
    curve("glm41v", "zai-org/GLM-4.1V-9B-Thinking", "GLM-4.1V and 4.5V (approximate)", Preset::Transformers),
    curve("glm46v", "zai-org/GLM-4.6V", "GLM-4.6V, its own schedule (approximate)", Preset::Transformers),
    curve("gemma4", "google/gemma-4-E2B-it", "Gemma 4, 32 frames (approximate)", Preset::Transformers),
    curve("glm53", "zai-org/GLM-5.3-Flash", "GLM-5.3 (approximate)", Preset::Transformers),
    curve("kimi", "moonshotai/Kimi-K2.6", "Kimi K2.6 (approximate)", Preset::Transformers),
    curve(
        "nemotron",
        "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16",
        "Nemotron 3 Omni (approximate)",
        Preset::Transformers,
    ),
    curve("ovis25", "ovis-community/Ovis2.5-2B", "Ovis2.5", Preset::Transformers),
    curve("ernie45", "baidu/ERNIE-4.5-VL-28B-A3B-PT", "ERNIE 4.5 VL", Preset::Transformers),
    curve("minicpm", "openbmb/MiniCPM-V-4.6", "MiniCPM-V 4.6, a frame a second", Preset::Transformers),
    curve("molmo2", "allenai/Molmo2-8B", "Molmo2, its 2 a second (384 at most)", Preset::Transformers),
    curve("llava-next-video", "llava-hf/LLaVA-NeXT-Video-7B-hf", "LLaVA-NeXT-Video", Preset::Transformers),
    curve("llava-ov", "llava-hf/llava-onevision-qwen2-7b-ov-hf", "LLaVA-OneVision", Preset::Transformers),
    curve(
        "llava-ov-vllm",
        "llava-hf/llava-onevision-qwen2-7b-ov-hf",
        "LLaVA-OneVision, vLLM (32 frames)",
        Preset::Vllm,
    ),
    curve("internvl3", "OpenGVLab/InternVL3-8B-hf", "InternVL3 and 3.5", Preset::Transformers),
    curve("perception-lm", "facebook/Perception-LM-8B", "Perception LM (approximate)", Preset::Transformers),
    curve("smolvlm2", "HuggingFaceTB/SmolVLM2-2.2B-Instruct", "SmolVLM2 (approximate)", Preset::Transformers),
];

/// Which of [`CURVES`] the chart draws (bit `i`: `CURVES[i]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurveSet(u32);

impl CurveSet {
    /// Every curve.
    pub const ALL: CurveSet = CurveSet((1 << CURVES.len()) - 1);

    /// What the chart opens with: the stacks' contrast for Qwen, and one curve per other strategy.
    pub fn initial() -> Self {
        ["qwen25", "qwen25-utils", "qwen25-vllm", "qwen3", "glm46v", "gemma4", "llava-ov"]
            .iter()
            .filter_map(|key| CURVES.iter().position(|c| c.key == *key))
            .fold(Self(0), |set, i| Self(set.0 | (1 << i)))
    }

    pub fn contains(self, i: usize) -> bool {
        self.0 & (1 << i) != 0
    }

    pub fn toggled(self, i: usize) -> Self {
        Self(self.0 ^ (1 << i))
    }

    /// A link's `vcurves` value: curve keys joined by commas (none: an empty value).
    pub fn parse(value: &str) -> Option<Self> {
        value.split(',').filter(|k| !k.trim().is_empty()).try_fold(Self(0), |set, key| {
            CURVES.iter().position(|c| c.key == key.trim()).map(|i| Self(set.0 | (1 << i)))
        })
    }

    pub fn keys(self) -> String {
        CURVES.iter().enumerate().filter(|(i, _)| self.contains(*i)).map(|(_, c)| c.key).collect::<Vec<_>>().join(",")
    }
}

/// The model the chapter opens with.
pub const DEFAULT_VIDEO_MODEL: &str = "Qwen/Qwen3-VL-8B-Instruct";

impl Default for VideoView {
    fn default() -> Self {
        Self {
            model: engine::find(DEFAULT_VIDEO_MODEL).unwrap_or(&engine::CATALOGUE[0]),
            size: Size::new(1920, 1080),
            fps: 30.0,
            duration_s: 60.0,
            preset: None,
            rate: None,
            images: 0,
            prompt: 200,
            frames: None,
            curves: CurveSet::initial(),
        }
    }
}

/// The preset the page uses for `model` when the reader chose none: transformers', unless the
/// checkpoint's processor sets no sampling default (then the stack its makers use).
pub fn default_preset(model: &Model) -> Preset {
    match video::spec_of(model) {
        Some(video::VideoSpec::Qwen(spec)) if spec.fps.is_none() => Preset::QwenVlUtils,
        _ => Preset::Transformers,
    }
}

fn number(value: &str, min: f64, max: f64) -> Option<f64> {
    value.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= min && *v <= max)
}

/// Takes `key=value` if it is a video parameter (returns false otherwise); a value that cannot be
/// used is named in `problems` and the default kept.
pub fn parse(view: &mut VideoView, key: &str, value: &str, problems: &mut Vec<String>) -> bool {
    let bad = |problems: &mut Vec<String>| problems.push(format!("{key}={value:?} cannot be used"));
    match key {
        "vmodel" => match engine::find(value).filter(|m| video::spec_of(m).is_some()) {
            Some(m) => view.model = m,
            None => problems.push(format!("no video count for {value:?}")),
        },
        "vw" | "vh" => match value.trim().parse::<u32>().ok().filter(|v| (1..=16_384).contains(v)) {
            Some(v) if key == "vw" => view.size.width = v,
            Some(v) => view.size.height = v,
            None => bad(problems),
        },
        "vfps" => match number(value, 0.001, 1000.0) {
            Some(v) => view.fps = v,
            None => bad(problems),
        },
        "vdur" => match number(value, 0.001, 36_000.0) {
            Some(v) => view.duration_s = v,
            None => bad(problems),
        },
        "vpreset" => match Preset::parse(value) {
            Some(p) => view.preset = Some(p),
            None => bad(problems),
        },
        "vrate" => match number(value, 0.01, 60.0) {
            Some(v) => view.rate = Some(v),
            None => bad(problems),
        },
        "vcurves" => match CurveSet::parse(value) {
            Some(set) => view.curves = set,
            None => problems.push(format!(
                "vcurves={value:?} names a curve the chart does not draw (known: {})",
                CurveSet::ALL.keys()
            )),
        },
        "rimages" | "rprompt" => match value.trim().parse::<u32>().ok().filter(|v| *v <= 10_000_000) {
            Some(v) if key == "rimages" => view.images = v.min(1000),
            Some(v) => view.prompt = v,
            None => bad(problems),
        },
        _ => return false,
    }
    true
}

/// The parameters that differ from the default, each as `&key=value`.
pub fn query(view: &VideoView) -> String {
    let d = VideoView::default();
    let mut q = String::new();
    if view.model != d.model {
        q.push_str(&format!("&vmodel={}", super::url::encode(view.model.id)));
    }
    if view.size != d.size {
        q.push_str(&format!("&vw={}&vh={}", view.size.width, view.size.height));
    }
    let num = |v: f64| crate::engine::decimal::trimmed(v, 3);
    if view.fps != d.fps {
        q.push_str(&format!("&vfps={}", num(view.fps)));
    }
    if view.duration_s != d.duration_s {
        q.push_str(&format!("&vdur={}", num(view.duration_s)));
    }
    if let Some(p) = view.preset {
        q.push_str(&format!("&vpreset={}", p.name()));
    }
    if let Some(r) = view.rate {
        q.push_str(&format!("&vrate={}", num(r)));
    }
    if view.curves != d.curves {
        q.push_str(&format!("&vcurves={}", super::url::encode(&view.curves.keys())));
    }
    if view.images != d.images {
        q.push_str(&format!("&rimages={}", view.images));
    }
    if view.prompt != d.prompt {
        q.push_str(&format!("&rprompt={}", view.prompt));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_view_round_trips_and_bad_values_are_named() {
        let mut v = VideoView::default();
        let mut problems = Vec::new();
        for (k, val) in [
            ("vmodel", "Qwen/Qwen2.5-VL-7B-Instruct"),
            ("vw", "3840"),
            ("vh", "2160"),
            ("vfps", "29.97"),
            ("vdur", "600"),
            ("vpreset", "qwen-vl-utils"),
            ("vrate", "1"),
            ("rimages", "3"),
            ("rprompt", "1500"),
            ("vcurves", "qwen3,glm46v"),
        ] {
            assert!(parse(&mut v, k, val, &mut problems));
        }
        assert!(problems.is_empty(), "{problems:?}");
        let q = query(&v);
        let mut back = VideoView::default();
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            let (k, val) = pair.split_once('=').unwrap();
            assert!(parse(&mut back, k, &val.replace("%2F", "/").replace("%2C", ","), &mut problems), "{pair}");
        }
        assert_eq!(back, v);
        for (k, val) in [
            ("vfps", "0"),
            ("vdur", "-1"),
            ("vw", "0"),
            ("vmodel", "google/paligemma-3b-pt-224"),
            ("vrate", "1e9"),
            ("vcurves", "qwen3,gpt"),
        ] {
            let before = VideoView::default();
            let mut w = before;
            let mut p = Vec::new();
            assert!(parse(&mut w, k, val, &mut p));
            assert_eq!(w, before, "{k}={val} keeps the default");
            assert_eq!(p.len(), 1, "{k}={val} is named");
        }
        assert!(!parse(&mut v, "model", "x", &mut problems));
        // Every curve is a video model's, and hiding them all is a set of its own.
        for c in CURVES {
            assert!(engine::find(c.model).and_then(video::spec_of).is_some(), "{}", c.key);
        }
        assert_eq!(CurveSet::parse(""), Some(CurveSet(0)));
        assert_eq!(CurveSet::parse(&CurveSet::ALL.keys()), Some(CurveSet::ALL));
        assert_eq!(CurveSet::initial().keys().split(',').count(), 7);
        assert!(CurveSet::ALL.toggled(2).contains(1) && !CurveSet::ALL.toggled(2).contains(2));
        assert_eq!(default_preset(engine::find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap()), Preset::QwenVlUtils);
        assert_eq!(default_preset(engine::find("Qwen/Qwen3-VL-8B-Instruct").unwrap()), Preset::Transformers);
    }
}
#[cfg(test)]
mod link_tests {
    #[test]
    fn bad_video_values_in_a_link_make_a_notice() {
        let i = crate::ui::url::Initial::from_query(
            "?section=video&vfps=0&vdur=-1&vw=abc&vmodel=google/paligemma-3b-pt-224",
        );
        let notice = i.notice.unwrap_or_default();
        for part in ["vfps", "vdur", "vw", "paligemma"] {
            assert!(notice.contains(part), "{part} in {notice}");
        }
    }
}
