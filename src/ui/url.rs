//! The query string: every control round-trips through it, and the URL follows the controls.
//! `model`, `w`, `h`, the model options (`min_pixels`, `max_pixels`, `max_tiles`, `max_crops`,
//! `pan_and_scan`, `detail`), `chart` (comma-separated ids), `log`, `hide` (overlay layers),
//! `gpu`, `prompt`, `vs` (the cost comparison's model), `section`, `theme` and `accent`. Parsing is plain Rust so it
//! is tested natively; a value that cannot be used falls back to its default and is named in a
//! notice.

use crate::engine::cost::{self, GPUS, Gpu};
use crate::engine::{self, CATALOGUE, Model, OptionValue, Options, Size, catalogue};
use crate::figures::overlay::Layer;

use super::theme::{Accent, ThemeChoice};
use super::url_video::{self, VideoView};

/// The model shown when a link names none.
pub const DEFAULT_MODEL: &str = "Qwen/Qwen2.5-VL-7B-Instruct";

/// The sample shown when a link names no size.
pub const DEFAULT_SAMPLE: &str = "landscape";

/// The figures `?embed=` can show alone.
pub const EMBEDS: [&str; 5] = ["overlay", "chart", "compare", "cost", "strip"];

/// The page sections a link can open at.
pub const SECTIONS: [&str; 12] = [
    "see",
    "recipe",
    "trap",
    "strategies",
    "downsampling",
    "aspect",
    "special",
    "cost",
    "collection",
    "video",
    "compare",
    "figure",
];

/// Where the page starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Initial {
    pub model: &'static Model,
    /// `None` for a value that is not a whole number (the page shows why).
    pub width: Option<u64>,
    pub height: Option<u64>,
    /// A sample image to load at start (only when the link names no size).
    pub sample: Option<&'static str>,
    /// Something in the link could not be used.
    pub notice: Option<String>,
    pub options: Options,
    /// The models on the resolution chart (`None`: the default set).
    pub chart: Option<Vec<&'static str>>,
    pub log: bool,
    pub hidden: Vec<Layer>,
    pub gpu: &'static Gpu,
    pub prompt: u32,
    pub vs: Option<&'static Model>,
    pub section: Option<&'static str>,
    /// One figure alone, for an iframe.
    pub embed: Option<&'static str>,
    /// Lecture mode.
    pub present: bool,
    /// The link names a sample and a size: load the sample but keep the size.
    pub keep_size: bool,
    /// The video chapter.
    pub video: VideoView,
    pub theme: ThemeChoice,
    /// The host's brand colour.
    pub accent: Option<Accent>,
}

/// A sample image shipped with the page (`assets/samples`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Its name in links (`?sample=portrait`).
    pub key: &'static str,
    pub file: &'static str,
    /// The button's label.
    pub label: &'static str,
    /// Its size as the browser decodes it (EXIF orientation applied): the figure is drawn at this
    /// size before the photo arrives (a test holds it to the file's header).
    pub size: Size,
}

pub const SAMPLE_FILES: [Sample; 3] = [
    Sample { key: "landscape", file: "landscape.jpg", label: "Landscape photo", size: Size::new(600, 400) },
    Sample { key: "portrait", file: "portrait.jpg", label: "Portrait photo", size: Size::new(640, 427) },
    Sample { key: "screenshot", file: "screenshot.png", label: "Text-heavy screenshot", size: Size::new(1280, 800) },
];

/// The picture a view shows, as a link can name it.
#[derive(Clone, Debug, PartialEq)]
pub enum PictureRef<'a> {
    /// A shipped sample (the link loads it).
    Sample(&'static str),
    /// The reader's own file (it cannot travel: the link names it and keeps its size).
    Own(&'a str),
}

impl<'a> PictureRef<'a> {
    /// The reference for a picture loaded from `name`.
    pub fn of(name: &'a str) -> Self {
        match SAMPLE_FILES.iter().find(|s| s.file == name) {
            Some(s) => Self::Sample(s.key),
            None => Self::Own(name),
        }
    }
}

/// The layers' names in links.
pub const LAYER_NAMES: [(Layer, &str); 6] = [
    (Layer::Patches, "patches"),
    (Layer::Tokens, "tokens"),
    (Layer::Crops, "crops"),
    (Layer::Global, "global"),
    (Layer::Padding, "padding"),
    (Layer::Unpadded, "unpadded"),
];

/// Everything a link can carry, for [`to_query`].
#[derive(Clone, Debug, PartialEq)]
pub struct View<'a> {
    pub model: &'static Model,
    pub width: Option<u64>,
    pub height: Option<u64>,
    pub options: &'a Options,
    pub chart: &'a [&'static str],
    pub log: bool,
    pub hidden: &'a [Layer],
    pub gpu: &'static Gpu,
    pub prompt: u32,
    pub vs: Option<&'static Model>,
    pub section: Option<&'static str>,
    pub embed: Option<&'static str>,
    pub present: bool,
    pub picture: Option<PictureRef<'a>>,
    pub video: VideoView,
    pub theme: ThemeChoice,
    pub accent: Option<Accent>,
}

impl Initial {
    /// The state for a query string such as `?model=google/gemma-3-4b-it&w=1920&h=1080`.
    pub fn from_query(query: &str) -> Self {
        let mut initial = Initial {
            model: engine::find(DEFAULT_MODEL).unwrap_or(&CATALOGUE[0]),
            width: Some(600),
            height: Some(400),
            sample: Some(DEFAULT_SAMPLE),
            notice: None,
            options: Options::default(),
            chart: None,
            log: false,
            hidden: Vec::new(),
            gpu: &GPUS[0],
            prompt: 20,
            vs: None,
            section: None,
            embed: None,
            present: false,
            keep_size: false,
            video: VideoView::default(),
            theme: ThemeChoice::Auto,
            accent: None,
        };
        let mut sample = None;
        let mut own_image = None;
        let mut sized = false;
        let mut problems = Vec::new();
        let mut options: Vec<(&str, OptionValue)> = Vec::new();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            // Quoted as Rust quotes a string, for the notice.
            let (key_q, value_q) = (format!("{key:?}"), format!("{value:?}"));
            match key {
                "model" => match engine::find(&value) {
                    Some(model) => initial.model = model,
                    None => problems.push(format!("unknown model {value_q}")),
                },
                "w" | "h" => {
                    let number = value.trim().parse::<u64>().ok();
                    if number.is_none() {
                        problems.push(format!("{key}={value_q} is not a whole number of pixels"));
                    }
                    if key == "w" {
                        initial.width = number
                    } else {
                        initial.height = number
                    }
                    sized = true;
                }
                "sample" => match SAMPLE_FILES.iter().find(|s| s.key == value) {
                    Some(s) => sample = Some(s.key),
                    None => problems.push(format!("unknown sample {value_q}")),
                },
                "image" => own_image = Some(value.clone()),
                "chart" => {
                    let mut ids = Vec::new();
                    for id in value.split(',').filter(|id| !id.is_empty()) {
                        match engine::find(id) {
                            Some(m) => ids.push(m.id),
                            None => problems.push(format!("unknown chart model {id:?}")),
                        }
                    }
                    initial.chart = Some(ids);
                }
                "log" => initial.log = matches!(value.as_str(), "1" | "true" | ""),
                "hide" => {
                    for name in value.split(',').filter(|n| !n.is_empty()) {
                        match LAYER_NAMES.iter().find(|(_, n)| *n == name) {
                            Some((layer, _)) => initial.hidden.push(*layer),
                            None => problems.push(format!("unknown layer {name:?}")),
                        }
                    }
                }
                "gpu" => match cost::gpu(&value) {
                    Some(g) => initial.gpu = g,
                    None => problems.push(format!("unknown GPU {value_q}")),
                },
                "prompt" => match value.trim().parse::<u32>() {
                    Ok(n) if n <= 1_000_000 => initial.prompt = n,
                    _ => problems.push(format!("prompt={value_q} is not a token count")),
                },
                "vs" => match engine::find(&value) {
                    Some(m) if cost::of_plan_possible(m) => initial.vs = Some(m),
                    _ => problems.push(format!("no cost comparison with {value_q}")),
                },
                "section" => match SECTIONS.iter().find(|s| **s == value) {
                    Some(s) => initial.section = Some(s),
                    None => problems.push(format!("unknown section {value_q}")),
                },
                "embed" => match EMBEDS.iter().find(|e| **e == value) {
                    Some(e) => initial.embed = Some(e),
                    None => problems.push(format!("unknown embed {value_q} (known: {})", EMBEDS.join(", "))),
                },
                "present" => initial.present = !matches!(value.as_str(), "0" | "false"),
                "theme" => match ThemeChoice::parse(&value) {
                    Some(t) => initial.theme = t,
                    None => problems.push(format!("unknown theme {value_q} (known: light, dark, auto)")),
                },
                "accent" => match Accent::parse(&value) {
                    Some(a) => initial.accent = Some(a),
                    None => problems.push(format!("accent={value_q} is not a hex colour such as 0072b2")),
                },
                _ if url_video::parse(&mut initial.video, key, &value, &mut problems) => {}
                // The model options, whichever family declares them.
                _ => match catalogue::knob_named(key) {
                    Some(knob) => match knob.parse(&value) {
                        Some(v) => options.push((knob.name, v)),
                        None => problems.push(format!("{key}={value_q} is not a whole number")),
                    },
                    None => problems.push(format!("unknown parameter {key_q}")),
                },
            }
        }
        match (sample, sized) {
            (Some(k), _) => {
                initial.sample = Some(k);
                initial.keep_size = sized;
            }
            (None, true) => initial.sample = None,
            (None, false) => {}
        }
        // Without a size of its own, the view starts at the sample's size: the figure is drawn
        // (grid, merge blocks, total) while the photo is still on its way.
        if let Some(s) = SAMPLE_FILES.iter().find(|s| Some(s.key) == initial.sample && !sized) {
            initial.width = Some(u64::from(s.size.width));
            initial.height = Some(u64::from(s.size.height));
        }
        let own_note = own_image.map(|name| {
            initial.sample = None;
            format!(
                "This view was made with the image \u{201c}{name}\u{201d}, which stays on its owner's computer: \
                 the numbers are for its size, drawn on a blank canvas. Drop the image to see it."
            )
        });
        let read = |pairs: &[(&str, OptionValue)]| {
            let o = pairs.iter().fold(Options::default(), |o, (name, value)| o.with(name, value.clone()));
            o.check_for(initial.model).map(|()| o)
        };
        match read(&options) {
            Ok(o) => initial.options = o,
            Err(e) => {
                // Keep what this model can use of the rest.
                problems.push(e.to_string());
                let usable = options.iter().filter_map(|one| read(std::slice::from_ref(one)).ok());
                initial.options = usable.fold(Options::default(), |a, b| a.merged(&b));
            }
        }
        if !problems.is_empty() {
            initial.notice = Some(format!("The link could not be used as is: {}.", problems.join("; ")));
        }
        if let Some(note) = own_note {
            initial.notice = Some(initial.notice.map_or(note.clone(), |n| format!("{n} {note}")));
        }
        initial
    }
}

/// The query string for the current state: the model and size always, the rest where it differs
/// from the default (options only where the model has them).
pub fn to_query(view: &View) -> String {
    let side = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut q = format!("?model={}&w={}&h={}", encode(view.model.id), side(view.width), side(view.height));
    let o = view.options.applicable_to(view.model);
    for (key, value) in o.iter() {
        q.push_str(&format!("&{key}={}", encode(&value.to_text())));
    }
    if view.chart != super::store::CHART_DEFAULT {
        let ids: Vec<String> = view.chart.iter().map(|id| encode(id)).collect();
        q.push_str(&format!("&chart={}", ids.join(",")));
    }
    if view.log {
        q.push_str("&log=1");
    }
    if !view.hidden.is_empty() {
        let names: Vec<&str> = LAYER_NAMES.iter().filter(|(l, _)| view.hidden.contains(l)).map(|(_, n)| *n).collect();
        q.push_str(&format!("&hide={}", names.join(",")));
    }
    if !view.gpu.measured {
        q.push_str(&format!("&gpu={}", encode(view.gpu.name)));
    }
    if view.prompt != 20 {
        q.push_str(&format!("&prompt={}", view.prompt));
    }
    if let Some(m) = view.vs {
        q.push_str(&format!("&vs={}", encode(m.id)));
    }
    q.push_str(&url_video::query(&view.video));
    if let Some(section) = view.section {
        q.push_str(&format!("&section={section}"));
    }
    match &view.picture {
        Some(PictureRef::Sample(key)) => q.push_str(&format!("&sample={key}")),
        Some(PictureRef::Own(name)) => q.push_str(&format!("&image={}", encode(name))),
        None => {}
    }
    if let Some(embed) = view.embed {
        q.push_str(&format!("&embed={embed}"));
    }
    if view.present {
        q.push_str("&present");
    }
    if view.theme != ThemeChoice::Auto {
        q.push_str(&format!("&theme={}", view.theme.name()));
    }
    if let Some(accent) = view.accent {
        q.push_str(&format!("&accent={}", accent.to_text()));
    }
    q
}

/// Percent-decoding of a query value (`+` is a space).
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of a model id or GPU name: letters, digits and `-._~/` stay as they are.
pub(crate) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_link_sets_model_and_size_and_skips_the_sample() {
        let i = Initial::from_query("?model=google%2Fgemma-3-4b-it&w=1920&h=1080");
        assert_eq!(i.model.id, "google/gemma-3-4b-it");
        assert_eq!((i.width, i.height), (Some(1920), Some(1080)));
        assert_eq!(i.sample, None);
        assert_eq!(i.notice, None);
    }

    #[test]
    fn no_query_starts_on_the_sample() {
        let i = Initial::from_query("");
        assert_eq!(i.sample, Some(DEFAULT_SAMPLE));
        assert_eq!(i.notice, None);
        // At the sample's size, so the figure is drawn before the photo arrives.
        assert_eq!((i.width, i.height), (Some(600), Some(400)));
        let portrait = Initial::from_query("?sample=portrait");
        assert_eq!((portrait.width, portrait.height, portrait.keep_size), (Some(640), Some(427), false));
    }

    #[test]
    fn the_samples_sizes_are_their_files() {
        for s in SAMPLE_FILES {
            let path = format!("{}/assets/samples/{}", env!("CARGO_MANIFEST_DIR"), s.file);
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(engine::file::sniff(&bytes).size, Some(s.size), "{}", s.file);
        }
    }

    #[test]
    fn bad_values_are_named_in_a_notice_and_never_panic() {
        let i = Initial::from_query("?model=nope&w=abc&h=%ZZ&&=&w");
        assert_eq!(i.model.id, DEFAULT_MODEL);
        let notice = i.notice.unwrap();
        assert!(notice.contains("unknown model \"nope\""), "{notice}");
        assert!(notice.contains("w=\"abc\""), "{notice}");
        assert_eq!(i.width, None);
        for q in ["%", "%4", "w=%", "model=%E2%82", "h=99999999999999999999999"] {
            let _ = Initial::from_query(q);
        }
    }

    fn view_of(i: &Initial) -> String {
        let chart = i.chart.clone().unwrap_or_else(|| super::super::store::CHART_DEFAULT.to_vec());
        to_query(&View {
            model: i.model,
            width: i.width,
            height: i.height,
            options: &i.options,
            chart: &chart,
            log: i.log,
            hidden: &i.hidden,
            gpu: i.gpu,
            prompt: i.prompt,
            vs: i.vs,
            section: i.section,
            embed: i.embed,
            present: i.present,
            picture: i.sample.map(PictureRef::Sample),
            video: i.video,
            theme: i.theme,
            accent: i.accent,
        })
    }

    #[test]
    fn the_query_round_trips() {
        let m = engine::find("llava-hf/llava-onevision-qwen2-7b-ov-hf").unwrap();
        let q = "?model=llava-hf/llava-onevision-qwen2-7b-ov-hf&w=800&h=600&max_crops=4\
                 &chart=google/gemma-3-4b-it,openai/gpt-4o&log=1&hide=patches,global&gpu=RTX%204090&prompt=500\
                 &vs=Qwen/Qwen3-VL-8B-Instruct&section=cost&sample=portrait&embed=chart&present&theme=dark&accent=b509ac";
        let i = Initial::from_query(q);
        assert_eq!(i.notice, None);
        assert_eq!((i.model.id, i.width, i.height), (m.id, Some(800), Some(600)));
        assert_eq!(i.options.whole("max_crops"), Some(4));
        assert_eq!(i.chart, Some(vec!["google/gemma-3-4b-it", "openai/gpt-4o"]));
        assert!(i.log);
        assert_eq!(i.hidden, vec![Layer::Patches, Layer::Global]);
        assert_eq!((i.gpu.name, i.prompt), ("RTX 4090", 500));
        assert_eq!(i.vs.map(|m| m.id), Some("Qwen/Qwen3-VL-8B-Instruct"));
        assert_eq!(i.section, Some("cost"));
        assert_eq!((i.embed, i.present), (Some("chart"), true));
        assert_eq!((i.theme, i.accent.map(Accent::to_text)), (ThemeChoice::Dark, Some("b509ac".to_owned())));
        assert_eq!((i.sample, i.keep_size), (Some("portrait"), true));
        // Written back, the link is the same view.
        assert_eq!(Initial::from_query(&view_of(&i)), i);
        assert_eq!(view_of(&i), q);
    }

    #[test]
    fn a_dropped_image_cannot_travel_so_the_link_keeps_its_size_with_a_note() {
        let i = Initial::from_query("?model=google/gemma-3-4b-it&w=4032&h=3024&image=IMG_0042.HEIC");
        assert_eq!((i.width, i.height, i.sample), (Some(4032), Some(3024), None));
        assert!(i.notice.unwrap().contains("\u{201c}IMG_0042.HEIC\u{201d}, which stays on its owner's computer"));
        assert_eq!(PictureRef::of("landscape.jpg"), PictureRef::Sample("landscape"));
        assert_eq!(PictureRef::of("cat.png"), PictureRef::Own("cat.png"));
    }

    #[test]
    fn options_a_model_lacks_and_unknown_parameters_are_named_and_dropped() {
        let i = Initial::from_query(
            "?model=google/gemma-3-4b-it&w=10&h=10&max_tiles=4&pan_and_scan=1&zoom=3&gpu=TPU&hide=x&theme=sepia&accent=red",
        );
        let notice = i.notice.unwrap();
        for part in [
            "has no max_tiles",
            "unknown parameter \"zoom\"",
            "unknown GPU \"TPU\"",
            "unknown layer \"x\"",
            "unknown theme \"sepia\"",
            "accent=\"red\" is not a hex colour",
        ] {
            assert!(notice.contains(part), "{notice}");
        }
        assert_eq!(i.options.flag("pan_and_scan"), Some(true), "what the model has is kept");
        assert_eq!(i.options.whole("max_tiles"), None);
        assert_eq!(i.gpu.name, "H200");
    }
}
