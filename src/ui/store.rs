//! The page's state: one typed store of signals, handed down by context, and the memos derived
//! from it. Components read what they show from here; only the reader's actions write to it.

use leptos::prelude::*;

use super::theme::{self, Theme};
use super::url::Initial;
use super::url_video::VideoView;
use super::use_picture::Picture;
use crate::engine::cost::Gpu;
use crate::engine::{self, CATALOGUE, Model, Options, Plan, Size, TokenSpot};
use crate::figures::chart;
use crate::figures::overlay::Layer;

/// The models on the chart until the reader picks others (the selected model is always drawn).
pub(crate) const CHART_DEFAULT: [&str; 5] = [
    "google/gemma-3-4b-it",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "Qwen/Qwen3-VL-8B-Instruct",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    "OpenGVLab/InternVL3-8B-hf",
];

/// One model per strategy: the strategies section's buttons and lecture mode's number keys.
pub(crate) const STRATEGY_PICKS: [(&str, &str); 4] = [
    ("google/gemma-3-4b-it", "Fixed: Gemma 3"),
    ("Qwen/Qwen2.5-VL-7B-Instruct", "Dynamic: Qwen2.5-VL"),
    ("llava-hf/llava-onevision-qwen2-7b-ov-hf", "AnyRes: LLaVA-OneVision"),
    ("OpenGVLab/InternVL3-8B-hf", "Tiling: InternVL3"),
];

/// How long the size must rest before the article below the figure follows it, in ms.
const REST_MS: u64 = 120;

/// Everything the reader set, and what the page derives from it.
#[derive(Clone, Copy)]
pub struct Store {
    pub model: RwSignal<&'static Model>,
    /// The analysed size; `None` for a value that is not a whole number.
    pub width: RwSignal<Option<u64>>,
    pub height: RwSignal<Option<u64>>,
    /// Whether width and height move together, at `aspect` (width over height).
    pub lock: RwSignal<bool>,
    pub aspect: RwSignal<f64>,
    pub picture: RwSignal<Option<Picture>, LocalStorage>,
    /// A file analysed but too large to draw: its name and size, for the caption.
    pub undrawn: RwSignal<Option<(String, Size)>>,
    pub notice: RwSignal<Option<String>>,
    /// Every option control keeps its value across model switches; each model takes what applies.
    pub options: RwSignal<Options>,
    pub gpu: RwSignal<&'static Gpu>,
    pub prompt: RwSignal<u32>,
    /// The cost section's second model.
    pub vs: RwSignal<Option<&'static Model>>,
    pub present: RwSignal<bool>,
    /// Lecture mode's key help.
    pub help: RwSignal<bool>,
    pub hidden_layers: RwSignal<Vec<Layer>>,
    pub chart_models: RwSignal<Vec<&'static str>>,
    /// The video chapter's clip, model and sampling (a dropped file sets the clip).
    pub video: RwSignal<VideoView>,
    /// A folder or many files being counted (section "Your collection").
    pub collection: RwSignal<super::use_collection::Collection, LocalStorage>,
    pub log_scale: RwSignal<bool>,
    /// The token under the pointer or keyboard focus, as its position in the image's span: kept as
    /// a position so it stays meaningful (or vanishes) when the plan changes under it.
    pub hover: RwSignal<Option<u64>>,
    /// Images being fetched or decoded: the article waits for none to be in flight, so the
    /// landing page's photo is drawn before the article is built.
    pub loading: RwSignal<u32>,
    /// A link naming a sample and a size loads the sample but keeps the link's size (once).
    pub keep_size: StoredValue<bool>,
    /// From the link, fixed for the page's life.
    pub section: Option<&'static str>,
    pub embed: Option<&'static str>,
    /// Light, dark or auto, and the palette the canvases paint with.
    pub theme: Theme,
    pub accent: Option<theme::Accent>,

    /// The analysed size, checked only for being numbers: the engine judges the values.
    pub size: Memo<Result<Size, String>>,
    /// The selected model's plan, with the options that apply to it.
    pub plan: Memo<Result<Plan, String>>,
    /// The size once it has rested for a moment, and its plan: dragging a slider repaints the
    /// figure only, and the article (off screen while the slider is in view) catches up after.
    pub article_size: Memo<Result<Size, String>>,
    pub article_plan: Memo<Result<Plan, String>>,
    pub hover_spot: Memo<Option<TokenSpot>>,
    /// The chart's aspect ratio: the locked one while the lock is on (so dragging a slider does
    /// not recount every curve for a rounding change), else the analysed size's.
    pub chart_aspect: Memo<f64>,
    /// The chart's models: the ticked ones and the selected one, in catalogue order.
    pub charted: Memo<Vec<&'static Model>>,
    pub series: Memo<Vec<chart::Series>>,
}

impl Store {
    /// The store for a page opened at `initial`, handed to every component below by context.
    pub fn provide(initial: &Initial) -> Self {
        let model = RwSignal::new(initial.model);
        let width = RwSignal::new(initial.width);
        let height = RwSignal::new(initial.height);
        let lock = RwSignal::new(true);
        let aspect = RwSignal::new(match (initial.width, initial.height) {
            (Some(w), Some(h)) if w > 0 && h > 0 => w as f64 / h as f64,
            _ => 1.5,
        });
        let options = RwSignal::new(initial.options.clone());
        let hover = RwSignal::new(None::<u64>);
        let chart_models = RwSignal::new(initial.chart.clone().unwrap_or_else(|| CHART_DEFAULT.to_vec()));

        let size = Memo::new(move |_| -> Result<Size, String> {
            let side = |v: Option<u64>, name: &str| {
                v.map(|v| u32::try_from(v).unwrap_or(u32::MAX))
                    .ok_or(format!("The {name} is not a whole number of pixels."))
            };
            Ok(Size::new(side(width.get(), "width")?, side(height.get(), "height")?))
        });
        let plan_at = move |size: Result<Size, String>| {
            let model = model.get();
            engine::plan(size?, model, &options.with(|o| o.applicable_to(model))).map_err(|e| sentence(&e.to_string()))
        };
        let plan = Memo::new(move |_| plan_at(size.get()));
        let resting_size = RwSignal::new(size.get_untracked());
        let rest_timer = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move || {
            let s = size.get();
            if let Some(timer) = rest_timer.get_value() {
                timer.clear();
            }
            let rest = std::time::Duration::from_millis(REST_MS);
            rest_timer.set_value(set_timeout_with_handle(move || resting_size.set(s), rest).ok());
        });
        let article_size = Memo::new(move |_| resting_size.get());
        let article_plan = Memo::new(move |_| plan_at(article_size.get()));
        let hover_spot = Memo::new(move |_| {
            let position = hover.get()?;
            plan.with(|p| p.as_ref().ok().and_then(|p| p.token_at_position(position)))
        });
        let chart_aspect = Memo::new(move |_| match (lock.get(), size.get()) {
            (false, Ok(s)) if s.width > 0 && s.height > 0 => s.aspect(),
            _ => aspect.get(),
        });
        let charted = Memo::new(move |_| {
            let current = model.get();
            chart_models
                .with(|ids| CATALOGUE.iter().filter(|m| ids.contains(&m.id) || *m == current).collect::<Vec<_>>())
        });
        let series = Memo::new(move |_| charted.with(|models| chart::series(models, chart_aspect.get())));

        let store = Self {
            model,
            width,
            height,
            lock,
            aspect,
            picture: RwSignal::new_local(None),
            undrawn: RwSignal::new(None),
            notice: RwSignal::new(initial.notice.clone()),
            options,
            gpu: RwSignal::new(initial.gpu),
            prompt: RwSignal::new(initial.prompt),
            vs: RwSignal::new(initial.vs),
            present: RwSignal::new(initial.present),
            help: RwSignal::new(false),
            hidden_layers: RwSignal::new(initial.hidden.clone()),
            chart_models,
            video: RwSignal::new(initial.video),
            collection: RwSignal::new_local(Default::default()),
            log_scale: RwSignal::new(initial.log),
            hover,
            loading: RwSignal::new(0),
            keep_size: StoredValue::new(initial.keep_size),
            section: initial.section,
            embed: initial.embed,
            theme: theme::use_theme(initial.theme, initial.accent),
            accent: initial.accent,
            size,
            plan,
            article_size,
            article_plan,
            hover_spot,
            chart_aspect,
            charted,
            series,
        };
        provide_context(store);
        store
    }

    /// Sets the width; with the lock on, the height follows at the locked aspect ratio.
    pub fn set_width(&self, w: Option<u64>) {
        self.width.set(w);
        if let (true, Some(w)) = (self.lock.get_untracked(), w) {
            self.height.set(Some(((w as f64 / self.aspect.get_untracked()).round() as u64).max(1)));
        }
    }

    /// Sets the height; with the lock on, the width follows.
    pub fn set_height(&self, h: Option<u64>) {
        self.height.set(h);
        if let (true, Some(h)) = (self.lock.get_untracked(), h) {
            self.width.set(Some(((h as f64 * self.aspect.get_untracked()).round() as u64).max(1)));
        }
    }

    /// A download's file name for the current view (`vistok-qwen2.5-vl-7b-1920x1080-chart.svg`).
    pub fn file_name(&self, suffix: &str, ext: &str) -> String {
        super::export::file_name(self.model.get_untracked(), self.size.get_untracked().ok(), suffix, ext)
    }
}

/// The page's store (see [`Store::provide`]).
pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// `text` with its first letter capitalised and a full stop, for display as a sentence.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first: String = chars.next().map(char::to_uppercase).into_iter().flatten().collect();
    format!("{first}{}.", chars.as_str())
}
