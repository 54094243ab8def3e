//! The page: Leptos components. State lives in a few signals (model, size, aspect lock, picture,
//! notice); everything else is a memo derived from them; each canvas has one effect that calls a
//! plain paint function.

mod canvas;
pub mod canvas_backend;
mod cost;
mod export;
mod sections;
pub mod url;
mod use_css_size;
mod use_drop;
mod use_picture;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{Blob, DragEvent, HtmlInputElement};

use crate::engine::decimal::{fixed, trimmed};
use crate::engine::plan::ResizeMode;
use crate::engine::{self, CATALOGUE, Model, Options, Plan, Size, StrategyKind, TokenKind, ViewRole};
use crate::figures::overlay::Layer;
use crate::figures::{chart, theme};
use url::Initial;
use use_css_size::use_css_size;
use use_picture::Picture;

/// The samples shipped in `assets/samples`: (key, file, label).
/// The sample images' button labels, in the order of `url::SAMPLE_FILES` (keys and files).
const SAMPLE_LABELS: [&str; 3] = ["Landscape photo", "Portrait photo", "Text-heavy screenshot"];
/// The long sides lecture mode steps through.
const LADDER: [u64; 9] = [224, 336, 448, 672, 896, 1024, 1344, 2048, 4096];
/// One model per strategy: section 4's buttons and lecture mode's number keys.
const STRATEGY_PICKS: [(&str, &str); 4] = [
    ("google/gemma-3-4b-it", "Fixed: Gemma 3"),
    ("Qwen/Qwen2.5-VL-7B-Instruct", "Dynamic: Qwen2.5-VL"),
    ("llava-hf/llava-onevision-qwen2-7b-ov-hf", "AnyRes: LLaVA-OneVision"),
    ("OpenGVLab/InternVL3-8B-hf", "Tiling: InternVL3"),
];
/// Largest value the sliders reach; the number boxes take any value (the engine judges it).
const SLIDER_MAX: u64 = 8192;
/// How long the size must rest before the article below the figure follows it, in ms.
const REST_MS: u64 = 120;
/// The models on the chart until the reader picks others (the selected model is always drawn).
pub(crate) const CHART_DEFAULT: [&str; 5] = [
    "google/gemma-3-4b-it",
    "Qwen/Qwen2.5-VL-7B-Instruct",
    "Qwen/Qwen3-VL-8B-Instruct",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf",
    "OpenGVLab/InternVL3-8B-hf",
];

/// `Effect::new` for an effect that returns nothing, through one boxed closure type. Leptos
/// compiles an effect's task (an async loop around the closure) once per closure type, about
/// 1.6 KB of wasm each; boxed, the page's nine effects share one.
pub(crate) fn effect(f: impl FnMut() + 'static) {
    let f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(f);
}

/// `request_animation_frame` through one boxed closure type, for the same reason as [`effect`]:
/// Leptos wraps each callback type in its own JavaScript closure glue.
pub(crate) fn next_frame(f: impl FnOnce() + 'static) {
    let f: Box<dyn FnOnce()> = Box::new(f);
    request_animation_frame(f);
}

/// The whole figure: image picker, size and model controls, overlay, token breakdown and chart.
#[component]
pub fn App(
    /// Where to start: from the URL in the browser, explicit in tests.
    initial: Initial,
) -> impl IntoView {
    let model = RwSignal::new(initial.model);
    let width = RwSignal::new(initial.width);
    let height = RwSignal::new(initial.height);
    let lock = RwSignal::new(true);
    let aspect = RwSignal::new(match (initial.width, initial.height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => w as f64 / h as f64,
        _ => 1.5,
    });
    let picture = RwSignal::new_local(None::<Picture>);
    let notice = RwSignal::new(initial.notice);
    // Every option control keeps its value across model switches; each model takes what applies.
    let options = RwSignal::new(initial.options.clone());
    // The cost section's controls live here so that links carry them.
    let gpu = RwSignal::new(initial.gpu);
    let prompt = RwSignal::new(initial.prompt);
    let vs = RwSignal::new(initial.vs);
    let present = RwSignal::new(initial.present);
    let embed = initial.embed;
    let dragging = RwSignal::new(false);

    // The analysed size, checked only for being numbers: the engine judges the values.
    let size = Memo::new(move |_| -> Result<Size, String> {
        let side = |v: Option<u64>, name: &str| {
            v.map(|v| u32::try_from(v).unwrap_or(u32::MAX))
                .ok_or(format!("The {name} is not a whole number of pixels."))
        };
        Ok(Size::new(side(width.get(), "width")?, side(height.get(), "height")?))
    });
    // The selected model's plan at a size, with the options that apply to it.
    let plan_at = move |size: Result<Size, String>| {
        let model = model.get();
        engine::plan(size?, model, &options.with(|o| o.applicable_to(model))).map_err(|e| sentence(&e.to_string()))
    };
    let plan = Memo::new_with_compare(move |_| plan_at(size.get()), always_changed);
    // The article below the figure follows the size once it rests for a moment: dragging a slider
    // repaints the figure (overlay, breakdown, chart marker) only, and the sections, off screen
    // while the slider is in view, catch up when it stops.
    let resting_size = RwSignal::new(size.get_untracked());
    let rest_timer = StoredValue::new(None::<TimeoutHandle>);
    effect(move || {
        let s = size.get();
        if let Some(timer) = rest_timer.get_value() {
            timer.clear();
        }
        rest_timer.set_value(
            set_timeout_with_handle(move || resting_size.set(s), std::time::Duration::from_millis(REST_MS)).ok(),
        );
    });
    let article_size = Memo::new(move |_| resting_size.get());
    let article_plan = Memo::new_with_compare(move |_| plan_at(article_size.get()), always_changed);
    // The chart's curves follow the aspect ratio: the locked one while the lock is on (so dragging
    // a slider does not recount every curve for a rounding change), else the analysed size's.
    let chart_aspect = Memo::new(move |_| match (lock.get(), size.get()) {
        (false, Ok(s)) if s.width > 0 && s.height > 0 => s.aspect(),
        _ => aspect.get(),
    });
    let chart_models = RwSignal::new(initial.chart.clone().unwrap_or_else(|| CHART_DEFAULT.to_vec()));
    let log_scale = RwSignal::new(initial.log);
    // The chart's models: the ticked ones and the selected one, in catalogue order.
    let charted = Memo::new(move |_| {
        let current = model.get();
        chart_models.with(|ids| CATALOGUE.iter().filter(|m| ids.contains(&m.id) || *m == current).collect::<Vec<_>>())
    });
    let series = Memo::new(move |_| charted.with(|models| chart::series(models, chart_aspect.get())));
    // The long side under the pointer on the chart, for the readout.
    let chart_hover = RwSignal::new(None::<u32>);

    let set_width = move |w: Option<u64>| {
        width.set(w);
        if let (true, Some(w)) = (lock.get_untracked(), w) {
            height.set(Some(((w as f64 / aspect.get_untracked()).round() as u64).max(1)));
        }
    };
    let set_height = move |h: Option<u64>| {
        height.set(h);
        if let (true, Some(h)) = (lock.get_untracked(), h) {
            width.set(Some(((h as f64 * aspect.get_untracked()).round() as u64).max(1)));
        }
    };
    // A link naming a sample and a size loads the sample but keeps the link's size (once).
    let keep_size = StoredValue::new(initial.keep_size);
    // A file analysed but too large to draw: its name and size, for the caption.
    let undrawn = RwSignal::new(None::<(String, Size)>);
    // A failure leaves the previous image and every setting as they were; only the message shows.
    let load = move |blob: Blob, name: String, note: Option<String>| {
        spawn_local(async move {
            match use_picture::decode(&blob, &name).await {
                Ok(d) => {
                    if !keep_size.get_value() {
                        width.set(Some(u64::from(d.natural.width)));
                        height.set(Some(u64::from(d.natural.height)));
                        aspect.set(d.natural.aspect());
                    }
                    let notes: Vec<String> = note.into_iter().chain(d.note).collect();
                    // A link's own notice stays when the link kept its size.
                    if !keep_size.get_value() || !notes.is_empty() {
                        notice.set((!notes.is_empty()).then(|| notes.join(" ")));
                    }
                    keep_size.set_value(false);
                    undrawn.set(d.picture.is_none().then(|| (d.name.clone(), d.natural)));
                    picture.set(d.picture);
                }
                Err(message) => notice.set(Some(match note {
                    Some(note) => format!("{note} {message}"),
                    None => message,
                })),
            }
        });
    };
    let load_sample = move |file: &'static str| {
        spawn_local(async move {
            match use_picture::fetch_sample(file).await {
                Ok(blob) => load(blob, file.to_owned(), None),
                Err(message) => notice.set(Some(message)),
            }
        });
    };
    if let Some(key) = initial.sample
        && let Some((_, file)) = url::SAMPLE_FILES.iter().find(|s| s.0 == key)
    {
        load_sample(file);
    }

    // The URL follows the controls, once they rest for a moment (browsers throttle history
    // updates, and a slider drag would make hundreds). An effect pushes state out; it never sets
    // a signal.
    let url_timer = StoredValue::new(None::<TimeoutHandle>);
    let hidden_layers = RwSignal::new(initial.hidden.clone());
    effect(move || {
        let query = options.with(|options| {
            chart_models.with(|chart| {
                hidden_layers.with(|hidden| {
                    let name = picture.with(|p| p.as_ref().map(|p| p.name.clone()));
                    url::to_query(&url::View {
                        model: model.get(),
                        width: width.get(),
                        height: height.get(),
                        options,
                        chart,
                        log: log_scale.get(),
                        hidden,
                        gpu: gpu.get(),
                        prompt: prompt.get(),
                        vs: vs.get(),
                        section: initial.section,
                        embed: initial.embed,
                        present: present.get(),
                        picture: name.as_deref().map(url::PictureRef::of),
                    })
                })
            })
        });
        if let Some(timer) = url_timer.get_value() {
            timer.clear();
        }
        let write = move || {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
            }
        };
        url_timer.set_value(set_timeout_with_handle(write, std::time::Duration::from_millis(250)).ok());
    });

    let overlay_ref = NodeRef::<html::Canvas>::new();
    let overlay_cache = StoredValue::new_local(canvas::PictureCache::default());
    let overlay_size = use_css_size(overlay_ref);
    // The token under the pointer or keyboard focus, as its position in the image's span: kept as
    // a position so it stays meaningful (or vanishes) when the plan changes under it.
    let hover = RwSignal::new(None::<u64>);
    let hover_spot = Memo::new(move |_| {
        let position = hover.get()?;
        plan.with(|p| p.as_ref().ok().and_then(|p| p.token_at_position(position)))
    });
    effect(move || {
        let (Some(canvas), Some(css), Ok(plan)) = (overlay_ref.get(), overlay_size.get(), plan.get()) else { return };
        let highlight = hover_spot.get().map(|s| s.rect);
        hidden_layers.with(|hidden| {
            picture.with(|p| {
                overlay_cache.update_value(|cache| {
                    canvas::paint_overlay(&canvas, css, &plan, p.as_ref(), hidden, highlight, cache);
                })
            })
        });
    });
    let point_at = move |ev: &web_sys::MouseEvent| {
        let (Some(css), Ok(p)) = (overlay_size.get_untracked(), plan.get_untracked()) else { return };
        let (x, y) = canvas::overlay_fit(&p, css).inverse(f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        hover.set(p.token_at(x, y).map(|s| s.position));
    };
    // Exports, named after the view.
    let view_name =
        move |suffix: &str, ext: &str| export::file_name(model.get_untracked(), size.get_untracked().ok(), suffix, ext);
    let export_overlay = move |_| {
        if let Some(c) = overlay_ref.get_untracked() {
            export::download_png(&c, &view_name("", "png"));
        }
    };
    let step = move |ev: web_sys::KeyboardEvent| {
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-1.0, 0.0),
            "ArrowRight" => (1.0, 0.0),
            "ArrowUp" => (0.0, -1.0),
            "ArrowDown" => (0.0, 1.0),
            "Escape" => {
                hover.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Ok(p) = plan.get_untracked() else { return };
        let next = match hover_spot.get_untracked() {
            Some(s) => {
                let (cx, cy) = (s.rect.x + s.rect.width * (0.5 + dx), s.rect.y + s.rect.height * (0.5 + dy));
                p.token_at(cx, cy).or(Some(s))
            }
            None => (0..p.tokens_in_sequence.min(4096)).find_map(|i| p.token_at_position(i)),
        };
        hover.set(next.map(|s| s.position));
    };
    // The current image on the token chart, and the chart's axes (stretched to include it): read
    // by the canvas, the dot, the pointer readout and the exports.
    let chart_marker = Memo::new(move |_| plan.with(|p| p.as_ref().ok().map(chart::Marker::of)));
    let chart_range = Memo::new(move |_| series.with(|s| chart::Range::of(s, chart_marker.get(), log_scale.get())));
    let chart_ref = NodeRef::<html::Canvas>::new();
    let chart_size = use_css_size(chart_ref);
    let chart_cache = StoredValue::new_local(None::<canvas::ChartCache>);
    effect(move || {
        let (Some(canvas), Some(css)) = (chart_ref.get(), chart_size.get()) else { return };
        let marker = chart_marker.get();
        let log = log_scale.get();
        // The selected model's pixel limits, shaded (Qwen: "already under the cap: raising max_pixels
        // changes nothing").
        let clamp = options
            .with(|o| engine::clamp_long_sides(model.get(), chart_aspect.get(), o))
            .map(|(floor, cap)| chart::Clamp { floor, cap });
        series.with(|s| {
            chart_cache.update_value(|cache| {
                let input = canvas::ChartPaint {
                    series: s,
                    marker,
                    log,
                    clamp,
                    dots: &[],
                    quantity: chart::Quantity::Tokens,
                    paint_marker: false,
                };
                canvas::paint_chart(&canvas, css, input, cache)
            })
        });
    });
    // The current image's dot on the chart: an element moved over the canvas (CSS px from its top
    // left), so a slider drag repaints no chart.
    let chart_dot = Memo::new(move |_| {
        let css = chart_size.get()?;
        let marker = chart_marker.get()?;
        let (backing, ratio) = canvas::backing_of(css);
        let (x, y) = chart::marker_at((backing.width, backing.height), chart_range.get(), marker, ratio)?;
        Some((f64::from(x) / ratio, f64::from(y) / ratio, marker.color))
    });

    let on_files = move |dropped: use_drop::Dropped| {
        spawn_local(async move {
            match dropped.choose().await {
                Ok(choice) => {
                    let name = choice.file.name();
                    load(choice.file.into(), name, choice.note);
                }
                Err(message) => notice.set(Some(message)),
            }
        });
    };
    // Lecture mode: keys step the resolution along a ladder, switch models and strategies, and
    // toggle layers (a presentation clicker sends arrows and PageUp/PageDown).
    let help = RwSignal::new(false);
    let _keys = window_event_listener(ev::keydown, move |ev| {
        if !present.get_untracked() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let step_side = |up: bool| {
            let (Some(w), Some(h)) = (width.get_untracked(), height.get_untracked()) else { return };
            let long = w.max(h);
            let next = if up {
                LADDER.iter().copied().find(|&l| l > long).unwrap_or(LADDER[LADDER.len() - 1])
            } else {
                LADDER.iter().rev().copied().find(|&l| l < long).unwrap_or(LADDER[0])
            };
            let a = if w > 0 && h > 0 { w as f64 / h as f64 } else { 1.0 };
            let (w, h) = if a >= 1.0 {
                (next, ((next as f64 / a).round() as u64).max(1))
            } else {
                (((next as f64 * a).round() as u64).max(1), next)
            };
            width.set(Some(w));
            height.set(Some(h));
        };
        let step_model = |by: isize| {
            let i = CATALOGUE.iter().position(|m| m == model.get_untracked()).unwrap_or(0) as isize;
            let n = CATALOGUE.len() as isize;
            model.set(&CATALOGUE[((i + by).rem_euclid(n)) as usize]);
        };
        let toggle = |layer: Layer| {
            hidden_layers.update(|h| if h.contains(&layer) { h.retain(|l| *l != layer) } else { h.push(layer) })
        };
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" => step_side(true),
            "ArrowLeft" | "PageUp" => step_side(false),
            "ArrowUp" => step_model(-1),
            "ArrowDown" => step_model(1),
            "1" | "2" | "3" | "4" => {
                let i = ev.key().parse::<usize>().unwrap_or(1) - 1;
                if let Some(m) = STRATEGY_PICKS.get(i).and_then(|(id, _)| engine::models::find(id)) {
                    model.set(m);
                }
            }
            "g" => toggle(Layer::Patches),
            "m" => toggle(Layer::Tokens),
            "c" => toggle(Layer::Crops),
            "?" => help.update(|h| *h = !*h),
            "Escape" => help.set(false),
            _ => return,
        }
        ev.prevent_default();
    });
    // Embed mode: one figure alone (CSS hides everything that neither is it, holds it, nor lies in
    // it), and the page's height posted to the embedding page so it can size the iframe.
    let main_ref = NodeRef::<html::Main>::new();
    let main_size = use_css_size(main_ref);
    if let Some(target) = embed {
        effect(move || {
            let Some(size) = main_size.get() else { return };
            let Some(window) = web_sys::window() else { return };
            if let Ok(Some(parent)) = window.parent()
                && !js_sys::Object::is(&parent, &window)
            {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"vistok-height".into());
                let _ = js_sys::Reflect::set(&message, &"embed".into(), &target.into());
                let _ = js_sys::Reflect::set(&message, &"height".into(), &size.height.ceil().into());
                let _ = parent.post_message(&message, "*");
            }
        });
    }
    // "Embed this figure": the iframe snippet for the current view.
    let embed_target = RwSignal::new("overlay");
    let embed_code = move || {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .as_ref()
            .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
            .unwrap_or_default();
        let query = location.and_then(|l| l.search().ok()).unwrap_or_default();
        let query =
            query.split('&').filter(|p| !p.starts_with("embed=") && !p.starts_with("?embed=")).collect::<Vec<_>>();
        let sep = if query.first().is_some_and(|q| q.starts_with('?')) { "&" } else { "?" };
        // The URL follows the controls after a pause; read the signals so the snippet does too.
        let _ = (model.get(), width.get(), height.get());
        format!(
            "<iframe src=\"{base}{}{sep}embed={}\" title=\"vistok: visual tokens\" style=\"width: 100%; border: 0\" height=\"480\"></iframe>",
            query.join("&"),
            embed_target.get()
        )
    };
    let page = view! {
        <main class="page" class:embed=embed.is_some() data-embed-target=embed class:present=move || present.get() node_ref=main_ref>
            <header>
                <h1>"vistok"</h1>
                <p class="lede">
                    "How a vision-language model turns your image into tokens. Drop an image, drag the size, pick a model: "
                    "the grid shows the ViT patches, the thick lines the tokens they merge into, and the chart what resolution costs."
                </p>
                <div class="share">
                    <button data-testid="present-toggle" on:click=move |_| present.update(|p| *p = !*p)>
                        {move || if present.get() { "Leave lecture mode" } else { "Lecture mode" }}
                    </button>
                    <details class="embed-code">
                        <summary>"Embed a figure"</summary>
                        <label>"Figure "
                            <select data-testid="embed-target" on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(t) = url::EMBEDS.iter().find(|e| **e == v) { embed_target.set(t) }
                            }>
                                {url::EMBEDS.iter().map(|e| view! { <option value=*e>{*e}</option> }).collect_view()}
                            </select>
                        </label>
                        <textarea data-testid="embed-code" readonly rows="3" prop:value=embed_code></textarea>
                        <button data-testid="embed-copy" on:click=move |_| {
                            if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
                                let _ = clipboard.write_text(&embed_code());
                            }
                        }>"Copy embed code"</button>
                    </details>
                </div>
            </header>
            // Lecture mode's hint and key help are fixed elements that hide: a <Show> each cost 1 KB of wasm.
            <p class="present-hint" data-testid="present-hint" hidden=move || !present.get()>
                "Lecture mode: ← → resolution · ↑ ↓ model · 1–4 strategy · g grid · m merge · c crops · ? keys"
            </p>
            <div class="keys" data-testid="present-help" role="dialog" aria-label="Lecture mode keys" hidden=move || !(help.get() && present.get())>
                <h2>"Keys"</h2>
                <dl>
                    <dt>"← → (PageUp/PageDown)"</dt><dd>{format!("image long side along {}", LADDER.map(|l| l.to_string()).join(", "))}</dd>
                    <dt>"↑ ↓"</dt><dd>"previous / next model"</dd>
                    {STRATEGY_PICKS.iter().enumerate().map(|(i, (_, what))| view! { <dt>{(i + 1).to_string()}</dt><dd>{*what}</dd> }).collect_view()}
                    <dt>"g m c"</dt><dd>"grid (ViT patches), merge blocks, crops"</dd>
                    <dt>"?"</dt><dd>"this help"</dd>
                </dl>
            </div>
            <Show when=move || notice.get().is_some() || plan.with(|p| p.is_err())>
                <div class="error" role="alert" data-testid="error-message">
                    {move || notice.get().map(|n| view! { <p>{n}</p> })}
                    {move || plan.get().err().map(|e| view! { <p>{e}</p> })}
                    <button class="dismiss" on:click=move |_| notice.set(None) aria-label="Dismiss">"×"</button>
                </div>
            </Show>
            <section id="figure"
                class="figure"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(data) = ev.data_transfer() {
                        on_files(use_drop::Dropped::of_drop(&data));
                    }
                }
            >
                <div class="controls">
                    <label class="file">
                        "Choose an image"
                        <input type="file" accept="image/*" data-testid="image-input"
                            on:change=move |ev| {
                                let input: HtmlInputElement = event_target(&ev);
                                if let Some(files) = input.files() {
                                    on_files(use_drop::Dropped::of_list(&files));
                                }
                                input.set_value("");
                            }/>
                    </label>
                    <p class="hint">"or drop one on the figure. It is decoded in your browser and never uploaded."</p>
                    <div class="samples">
                        {url::SAMPLE_FILES.iter().zip(SAMPLE_LABELS).map(|(&(key, file), label)| view! {
                            <button data-testid=format!("sample-{key}") on:click=move |_| load_sample(file)>{label}</button>
                        }).collect_view()}
                    </div>
                    <p class="picture-name">
                        {move || picture.with(|p| match p {
                            Some(p) => format!("{} — {} px", p.name, p.natural),
                            None => match undrawn.get() {
                                Some((name, size)) => format!("{name} — {size} px, counted from its header, not drawn"),
                                None => "No image: a blank image of the size below.".to_owned(),
                            },
                        })}
                    </p>
                    <label for="model">"Model"</label>
                    <select id="model" data-testid="model-select"
                        on:change=move |ev| {
                            if let Some(m) = engine::models::find(&event_target_value(&ev)) { model.set(m) }
                        }>
                        {StrategyKind::ALL.iter().map(|&kind| view! {
                            <optgroup label=kind.label()>
                                {CATALOGUE.iter().filter(|m| m.strategy.kind() == kind).map(|m| view! {
                                    <option value=m.id selected=move || model.get().id == m.id>{m.name}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                    <ModelOptions model=model options=options />
                    <SideControl label="Width" id="width" value=width set=set_width />
                    <SideControl label="Height" id="height" value=height set=set_height />
                    <label class="check">
                        <input type="checkbox" data-testid="aspect-lock" prop:checked=move || lock.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                if on
                                    && let (Some(w), Some(h)) = (width.get_untracked(), height.get_untracked())
                                        && w > 0 && h > 0 { aspect.set(w as f64 / h as f64) }
                                lock.set(on);
                            }/>
                        "Keep aspect ratio"
                    </label>
                    <p class="hint">{move || format!("Numbers: {}", number_hint(width.get(), height.get()))}</p>
                </div>
                <figure class="overlay" data-embed="overlay">
                    <canvas node_ref=overlay_ref data-testid="overlay-canvas" tabindex="0"
                        aria-label="The image as the model receives it, with its patch grid and token blocks. Arrow keys move through its tokens."
                        on:mousemove=move |ev| point_at(&ev)
                        on:mouseleave=move |_| hover.set(None)
                        on:keydown=step></canvas>
                    <p class="readout" data-testid="token-readout" aria-live="polite">{move || {
                        let spot = hover_spot.get()?;
                        let p = plan.get().ok()?;
                        let view = match p.views[spot.view].role {
                            ViewRole::Whole => "the image".to_owned(),
                            ViewRole::Global => "the global view".to_owned(),
                            ViewRole::Crop { row, col } => format!("crop row {}, column {}", row + 1, col + 1),
                        };
                        Some(format!(
                            "Token {} of the image's {} positions: column {}, row {} of {view}, covering {}x{} px of the model input.",
                            spot.position + 1, p.tokens_in_sequence, spot.col + 1, spot.row + 1, fixed(spot.rect.width, 0), fixed(spot.rect.height, 0)
                        ))
                    }}</p>
                    <fieldset class="layers">
                        <legend class="visually-hidden">"Overlay layers"</legend>
                        {Layer::TOGGLES.into_iter().map(|(layer, name)| view! {
                            <label class="check">
                                <input type="checkbox" data-testid="layer-toggle" value=name
                                    prop:checked=move || hidden_layers.with(|h| !h.contains(&layer))
                                    on:change=move |ev| {
                                        let show = event_target_checked(&ev);
                                        hidden_layers.update(|h| { h.retain(|l| *l != layer); if !show { h.push(layer) } });
                                    }/>
                                {name}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <div class="exports">
                        <button data-testid="export-overlay-png" on:click=export_overlay>"Download PNG"</button>
                    </div>
                    <figcaption>{move || article_plan.with(|p| p.as_ref().ok().map(legend))}</figcaption>
                </figure>
                <aside class="breakdown">
                    <div hidden=move || plan.with(Result::is_err)>
                        <Breakdown plan />
                    </div>
                    {move || article_plan.get().ok().map(|p| view! { <BreakdownDetails plan=p /> })}
                </aside>
            </section>
        </main>
    };
    // The article below the figure is mounted a frame after the figure is first painted (the
    // second animation frame comes after the first paint): building it takes about as long as the
    // whole figure (its sections, charts and table), and the reader sees the figure that much
    // sooner. It is mounted once, at the end of `<main>`, under a child of this component's owner.
    let article = move || {
        view! {
            <article class="story">
                <section id="see">
                    <h2>"1. How a VLM sees an image"</h2>
                    <p>
                        "A vision-language model does not read pixels. Its vision encoder turns the image into a sequence of "
                        "vectors, one per image patch or per group of patches, and these visual tokens enter the language model "
                        "beside the text. Every one of them takes a place in the context window, adds work to the prefill, and "
                        "holds memory in the KV cache, so the count decides what an image costs."
                    </p>
                    <p class="live" data-testid="see-summary">{move || article_plan.get().ok().map(|p| format!(
                        "Right now {} turns your {} image into {} positions of its input sequence.",
                        model.get().name, p.original, p.tokens_in_sequence))}</p>
                </section>
                <section id="recipe">
                    <h2>"2. The standard recipe"</h2>
                    <sections::Recipe size=article_size />
                </section>
                <section class="chart" id="trap" data-embed="chart">
                <h2>"3. The resolution trap"</h2>
                <sections::Trap size=article_size model=model options=options />
                <p>
                    "Each curve counts one image of the current aspect ratio at every long side from 64 to 4096 px. "
                    "Fixed models stay flat, dynamic ones grow with the area (double the side, four times the tokens) until their cap, "
                    "AnyRes ones jump as the crop grid grows. The dot is your image."
                </p>
                <label class="check scale">
                    <input type="checkbox" data-testid="log-scale" prop:checked=move || log_scale.get()
                        on:change=move |ev| log_scale.set(event_target_checked(&ev)) />
                    "Logarithmic token axis"
                </label>
                <span class="exports">
                    <button data-testid="export-chart-png" on:click=move |_| {
                        let Some(c) = chart_ref.get_untracked() else { return };
                        let marker = chart_marker.get_untracked();
                        let picture = marker.and_then(|m| canvas::with_marker(&c, chart_range.get_untracked(), m)).unwrap_or(c);
                        export::download_png(&picture, &view_name("-chart", "png"));
                    }>"Chart PNG"</button>
                    <button data-testid="export-chart-svg" on:click=move |_| {
                        let marker = chart_marker.get_untracked();
                        let Some(svg) = series.with_untracked(|s| canvas::chart_svg(s, marker, log_scale.get_untracked())) else { return };
                        export::download_text(&view_name("-chart", "svg"), "image/svg+xml", &svg);
                    }>"Chart SVG"</button>
                </span>
                <div class="plot">
                <canvas node_ref=chart_ref data-testid="plot-canvas"
                    on:mousemove=move |ev| {
                        let Some(css) = chart_size.get_untracked() else { return };
                        let at = chart::long_side_at(f64::from(ev.offset_x()), css.width, chart_range.get_untracked());
                        chart_hover.set(at.map(|l| l.round().max(1.0) as u32));
                    }
                    on:mouseleave=move |_| chart_hover.set(None)
                    aria-label="Tokens in sequence against image long side for the chosen models"></canvas>
                <span class="plot-dot" data-testid="plot-dot" aria-hidden="true"
                    hidden=move || chart_dot.get().is_none()
                    style:transform=move || chart_dot.get().map(|(x, y, _)| format!("translate({}px, {}px)", trimmed(x, 2), trimmed(y, 2)))
                    style:background-color=move || chart_dot.get().map(|(_, _, c)| theme::css(c))></span>
                </div>
                <p class="readout" data-testid="chart-readout" aria-live="polite">{move || {
                    let long = chart_hover.get()?;
                    let size = engine::sweep_sizes(chart_aspect.get(), long, long, 2)[0];
                    let counts = charted.with(|models| {
                        models
                            .iter()
                            .map(|m| match engine::count(size, m, &Options::default()) {
                                Ok(c) => format!("{} {}", m.name, c.tokens_in_sequence),
                                Err(_) => format!("{} refuses it", m.name),
                            })
                            .collect::<Vec<_>>()
                            .join(" · ")
                    });
                    Some(format!("At {size} px: {counts}"))
                }}</p>
                <fieldset class="chart-models">
                    <legend>"Models on the chart (the selected model is always drawn)"</legend>
                    {StrategyKind::ALL.iter().map(|&kind| view! {
                        <div class="group">
                            <span class="group-name">{kind.label()}</span>
                            {CATALOGUE.iter().filter(|m| m.strategy.kind() == kind).map(|m| view! {
                                <label>
                                    <input type="checkbox" data-testid="chart-toggle" value=m.id
                                        prop:checked=move || chart_models.with(|ids| ids.contains(&m.id)) || model.get() == m
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chart_models.update(|ids| {
                                                ids.retain(|id| *id != m.id);
                                                if on { ids.push(m.id) }
                                            });
                                        }/>
                                    {m.name}
                                </label>
                            }).collect_view()}
                        </div>
                    }).collect_view()}
                </fieldset>

                </section>
                <section id="strategies">
                    <h2>"4. Three strategies"</h2>
                    <p>
                        "Fixed resize and pooling (PaliGemma, LLaVA-1.5, Gemma 3) brings every image to one size: the same "
                        "count for a thumbnail and a poster, detail lost on the poster. Dynamic resolution with a merge (Qwen2-VL, "
                        "Qwen2.5-VL at 28 px per token, Qwen3-VL at 32, Pixtral at 16) keeps the aspect ratio and pays for the "
                        "area, between a floor and a cap: raising max_pixels changes nothing for an image already under it. "
                        "AnyRes and tiling (LLaVA-NeXT, LLaVA-OneVision, InternVL, Idefics3 and SmolVLM, Llama 3.2 Vision) cut the "
                        "image into crops of the encoder's size plus a global view: detail and tokens both explode. Idefics3 "
                        "and SmolVLM scale every image's long side to 4 tiles, so even a thumbnail becomes 17 views."
                    </p>
                    <div class="pick" role="group" aria-label="Show one model of each strategy in the figure">
                        {STRATEGY_PICKS.into_iter().map(|(id, label)| view! {
                                <button data-testid="pick-strategy" value=id
                                    on:click=move |_| if let Some(m) = engine::models::find(id) { model.set(m) }>{label}</button>
                            }).collect_view()}
                    </div>
                </section>
                <section id="downsampling">
                    <h2>"5. Where the downsampling happens"</h2>
                    <p>
                        "What leaves the vision encoder is not always what enters the language model. Qwen merges 2x2 patches "
                        "inside the encoder, Gemma 3 average-pools 4x4 in the connector, InternVL folds 2x2 patches into channels "
                        "(pixel shuffle; SmolVLM folds 3x3), and Llama 3.2 Vision does not put the patches in the sequence at all: its language "
                        "model reads them through cross-attention."
                    </p>
                    <sections::Downsampling plan=article_plan size=article_size model=model />
                </section>
                <section id="aspect">
                    <h2>"6. Aspect ratio"</h2>
                    <p>
                        "A model can squish the image to its square (Gemma 3, PaliGemma, InternVL's and Idefics3's tiles), cut the centre out "
                        "(LLaVA-1.5), keep the aspect ratio and round the sides (Qwen, Pixtral), or fit the image inside a "
                        "larger canvas and pad it (LLaVA AnyRes, Llama 3.2). Padding is encoded like pixels: its tokens cost "
                        "as much as the image's."
                    </p>
                    <p class="live" data-testid="aspect-summary">{move || article_plan.get().ok().map(|p| {
                        let how = match p.resize {
                            ResizeMode::Squish => "squishes it",
                            ResizeMode::KeepAspect => "keeps its aspect ratio",
                            ResizeMode::FitAndPad => "fits it inside the chosen canvas and pads the rest",
                            ResizeMode::CenterCrop => "cuts the centre out",
                            ResizeMode::SquishToTiles => "squishes it onto the tile grid",
                        };
                        let notes = if p.notes.is_empty() { "Nothing is padded or cut away.".to_owned() } else { p.notes.join(" ") };
                        format!("{} {how} ({} becomes {}). {notes}", model.get().name, p.original, p.frame)
                    })}</p>
                    <sections::AspectFigure plan=article_plan size=article_size model=model picture=picture />
                </section>
                <section id="special" data-embed="strip">
                    <h2>"7. Special tokens"</h2>
                    <p>
                        "Around the image features sit tokens that are not pixels: start and end markers, row breaks, newline "
                        "vectors, tile tags and the text some processors insert. They tell the language model where the image "
                        "begins, where each row ends and which crop it is reading. The strip shows the image's whole span in "
                        "sequence order."
                    </p>
                    <sections::TokenStrip plan=article_plan hover=hover />
                </section>
                <section id="cost" data-embed="cost">
                    <h2>"What it costs"</h2>
                    <cost::CostSection plan=article_plan size=article_size model=model options=options gpu=gpu prompt=prompt other=vs />
                </section>
                <section id="compare" data-embed="compare">
                    <h2>"8. Conclusions"</h2>
                    <p>
                        "The same image costs from a few dozen to many thousands of tokens depending on the model. For a tight "
                        "compute budget or many images per prompt, fixed or capped models keep the count predictable; for OCR, "
                        "charts and grounding, which need small text and exact positions, pay for resolution with a dynamic or "
                        "AnyRes model and set the pixel limits deliberately. Click a column to sort."
                    </p>
                    <div class="exports">
                        <button data-testid="export-table-csv" on:click=move |_| {
                            let Ok(s) = size.get_untracked() else { return };
                            let rows = engine::report::comparison(s, &options.get_untracked());
                            export::download_text(&view_name("-compare", "csv"), "text/csv", &engine::report::to_csv(&rows));
                        }>"Table as CSV"</button>
                        <button data-testid="export-table-md" on:click=move |_| {
                            let Ok(s) = size.get_untracked() else { return };
                            let rows = engine::report::comparison(s, &options.get_untracked());
                            export::download_text(&view_name("-compare", "md"), "text/markdown", &engine::report::to_markdown(s, &rows));
                        }>"Table as Markdown"</button>
                    </div>
                    <sections::CompareTable size=article_size options=options />
                </section>
            </article>
        }
    };
    let article_state = StoredValue::new_local(None::<Box<dyn std::any::Any>>);
    let owner = Owner::current();
    next_frame(move || {
        next_frame(move || {
            let (Some(Some(main)), Some(owner)) = (main_ref.try_get_untracked(), owner) else { return };
            let child = owner.child();
            let state = child.with(|| {
                let mut state = article().build();
                state.mount(&main, None);
                state
            });
            article_state.try_set_value(Some(Box::new((child, state))));
            // A link to a section opens there once the article is on the page and laid out; and
            // again a moment later, when the sections above (rendered lazily, see
            // content-visibility) have taken their real height.
            if let Some(section) = initial.section {
                let scroll = move || {
                    if let Some(el) = document().get_element_by_id(section) {
                        el.scroll_into_view();
                    }
                };
                next_frame(scroll);
                set_timeout(scroll, std::time::Duration::from_millis(300));
            }
        })
    });
    page
}

fn saturating_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A whole-number option box; empty keeps the checkpoint's default, shown as the placeholder.
fn number_option(
    options: RwSignal<Options>,
    label: &'static str,
    testid: &'static str,
    default: u64,
    max: Option<u32>,
    get: fn(&Options) -> Option<u64>,
    set: fn(&mut Options, Option<u64>),
) -> impl IntoView {
    view! {
        <label>{label}
            <input type="number" min="1" max=max.map(|m| m.to_string()) data-testid=testid placeholder=default.to_string()
                prop:value=move || options.with(|o| get(o).map(|v| v.to_string()).unwrap_or_default())
                on:change=move |ev| options.update(|o| set(o, event_target_value(&ev).trim().parse::<u64>().ok())) />
        </label>
    }
}

/// The options of the selected model (none for most): Qwen's pixel limits, InternVL's tile budget,
/// LLaVA-OneVision's crop budget, Gemma 3's pan and scan, GPT-4o's detail.
#[component]
fn ModelOptions(model: RwSignal<&'static Model>, options: RwSignal<Options>) -> impl IntoView {
    use engine::models::{ApiFormula, DynamicResize, TileSelection};
    use engine::options::Detail;
    move || {
        match &model.get().strategy {
        engine::Strategy::Dynamic(spec) => match spec.resize {
            DynamicResize::Smart { min_pixels, max_pixels, .. } => view! {
                <div class="options">
                    {number_option(options, "min_pixels", "option-min-pixels", min_pixels, None, |o| o.min_pixels, |o, v| o.min_pixels = v)}
                    {number_option(options, "max_pixels", "option-max-pixels", max_pixels, None, |o| o.max_pixels, |o, v| o.max_pixels = v)}
                </div>
            }.into_any(),
            DynamicResize::LongestEdge { .. } => ().into_any(),
        },
        engine::Strategy::Tiled(spec) => match spec.selection {
            TileSelection::ClosestAspect { max_tiles, .. } => view! {
                <div class="options">
                    {number_option(options, "max_tiles", "option-max-tiles", u64::from(max_tiles), Some(engine::options::MAX_TILES),
                        |o| o.max_tiles.map(u64::from), |o, v| o.max_tiles = v.map(saturating_u32))}
                </div>
            }.into_any(),
            TileSelection::LeastScaling { .. } | TileSelection::LongestEdge { .. } => ().into_any(),
        },
        engine::Strategy::AnyRes(spec) if spec.max_crops.is_some() => view! {
            <div class="options">
                {number_option(options, "max_crops (anyres_max_N)", "option-max-crops", u64::from(spec.max_crops.unwrap_or_default()),
                    Some(engine::options::MAX_TILES), |o| o.max_crops.map(u64::from), |o, v| o.max_crops = v.map(saturating_u32))}
            </div>
        }.into_any(),
        engine::Strategy::Fixed(spec) if spec.pan_and_scan.is_some() => view! {
            <div class="options">
                <label class="check">
                    <input type="checkbox" data-testid="option-pan-and-scan"
                        prop:checked=move || options.with(|o| o.pan_and_scan == Some(true))
                        on:change=move |ev| options.update(|o| o.pan_and_scan = Some(event_target_checked(&ev))) />
                    "pan and scan (crops of an elongated image)"
                </label>
            </div>
        }.into_any(),
        engine::Strategy::Api(ApiFormula::OpenAiTiles { .. }) => view! {
            <div class="options">
                <label>"detail"
                    <select data-testid="option-detail"
                        on:change=move |ev| options.update(|o| o.detail = Some(if event_target_value(&ev) == "low" { Detail::Low } else { Detail::High }))>
                        <option value="high" selected=move || options.with(|o| o.detail != Some(Detail::Low))>"high"</option>
                        <option value="low" selected=move || options.with(|o| o.detail == Some(Detail::Low))>"low"</option>
                    </select>
                </label>
            </div>
        }.into_any(),
        _ => ().into_any(),
    }
    }
}

/// A slider with a number box for one side of the analysed size.
#[component]
fn SideControl(
    label: &'static str,
    id: &'static str,
    value: RwSignal<Option<u64>>,
    set: impl Fn(Option<u64>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let number = move |ev: &ev::Event| event_target_value(ev).trim().parse::<u64>().ok();
    view! {
        <div class="side">
            <label for=format!("{id}-input")>{label}</label>
            <input type="range" min="1" max=SLIDER_MAX.to_string() step="1" data-testid=format!("{id}-slider")
                aria-label=format!("{label} slider")
                prop:value=move || value.get().unwrap_or(1).min(SLIDER_MAX).to_string()
                on:input=move |ev| set(number(&ev)) />
            <input type="number" id=format!("{id}-input") min="1" step="1" data-testid=format!("{id}-input")
                prop:value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
                on:input=move |ev| set(number(&ev))
                on:change=move |ev| set(number(&ev)) />
            <span class="unit">"px"</span>
        </div>
    }
}

/// `text` with its first letter capitalised and a full stop, for display as a sentence. The texts
/// are the engine's English messages, which start with an ASCII letter; `char::to_uppercase` would
/// ship core's Unicode uppercase table (about 7 KB of wasm after gzip) for nothing.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).map(String::from).unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

fn number_hint(w: Option<u64>, h: Option<u64>) -> String {
    match (w, h) {
        (Some(w), Some(h)) => format!("{} megapixels", fixed((w as f64 * h as f64) / 1e6, 2)),
        _ => "enter whole numbers".to_owned(),
    }
}

/// The overlay's legend, in words and with the plan's numbers.
fn legend(plan: &Plan) -> String {
    let view = &plan.views[0];
    let merged = if plan.merge.factor > 1 {
        format!(", merged {0}x{0} into {1} tokens (yellow blocks)", plan.merge.factor, view.token_grid)
    } else {
        ", each patch one token".to_owned()
    };
    let mut s = match (plan.resize, &plan.anyres, &plan.tiling) {
        _ if plan.strategy == StrategyKind::Api => format!(
            "A hosted model: its provider documents a formula, not a processor. The image is counted as {} px{}.",
            plan.frame,
            if plan.patch > 1 {
                format!(" in {} cells of {} px", view.patch_grid, plan.patch)
            } else {
                " by its area".to_owned()
            }
        ),
        (ResizeMode::Squish, ..) => {
            format!("Squished to {}: {} patches of {} px{merged}.", plan.frame, view.patch_grid, plan.patch)
        }
        (ResizeMode::CenterCrop, ..) => format!(
            "Short side scaled to {} px and the centre {} kept (the darkened parts are cut away): {} patches of {} px{merged}.",
            plan.frame.width, plan.frame, view.patch_grid, plan.patch
        ),
        (ResizeMode::KeepAspect, ..) => format!(
            "Resized to {} keeping the aspect ratio: {} patches of {} px{merged}.",
            plan.frame, view.patch_grid, plan.patch
        ),
        (_, Some(any), _) => format!(
            "Fitted into {} and cut into {} crops of {} px (pink), each {} patches; grey is padding, the yellow \
             outline the {} features kept after unpadding. A {}x{} global view is encoded too.",
            plan.frame,
            any.crop_grid,
            view.input.width,
            view.patch_grid,
            any.unpadded,
            view.input.width,
            view.input.height
        ),
        (_, None, Some(tiles)) => {
            let fit = if plan.resize == ResizeMode::SquishToTiles {
                "Squished onto"
            } else {
                "Fitted (top left, grey padding) into"
            };
            let thumb = if plan.views.iter().any(|v| v.role == ViewRole::Global) {
                format!(" A {}x{} thumbnail of the whole image is encoded too.", view.input.width, view.input.height)
            } else {
                String::new()
            };
            format!(
                "{fit} {} tiles of {} px (pink): {} patches each{merged}.{thumb}",
                tiles.tile_grid, view.input.width, view.patch_grid
            )
        }
        _ => String::new(),
    };
    if plan.cross_attention {
        s.push_str(" The language model reads these vision states through cross-attention layers: the sequence holds a single image token.");
    }
    if let Some(global) = plan.views.iter().find(|v| v.role == ViewRole::Global) {
        s.push_str(&format!(
            " The blue grid is the global view's {} tokens spread over the whole image: one token there covers as \
             much as {} of the crops' tokens.",
            global.token_grid,
            (plan.views[0].token_grid.cells() * (plan.views.len() as u64 - 1)) / global.token_grid.cells().max(1)
        ));
    }
    s.push_str(" Grids finer than 3 screen pixels are not drawn.");
    s
}

/// The token breakdown as text: every number comes from the plan. It follows the slider live, so
/// its elements stay and only their text changes; rows that do not apply to the plan (the crop
/// rows of a model without crops, the patch rows of a hosted model) are hidden, not removed.
#[component]
fn Breakdown(plan: Memo<Result<Plan, String>>) -> impl IntoView {
    // A text of the current plan (empty while the size is refused).
    let text = move |f: fn(&Plan) -> String| move || plan.with(|p| p.as_ref().map(f).unwrap_or_default());
    // Whether a row is hidden: it is unless the plan has what it shows.
    let unless = move |f: fn(&Plan) -> bool| move || plan.with(|p| !p.as_ref().is_ok_and(f));
    let hosted: fn(&Plan) -> bool = |p| p.strategy == StrategyKind::Api;
    let open: fn(&Plan) -> bool = |p| p.strategy != StrategyKind::Api;
    let crops: fn(&Plan) -> bool = |p| p.views.iter().any(|v| matches!(v.role, ViewRole::Crop { .. }));
    let anyres: fn(&Plan) -> bool = |p| p.anyres.is_some();
    let swatch = move || {
        plan.with(|p| theme::css(theme::strategy_color(p.as_ref().map_or(StrategyKind::Fixed, |p| p.strategy))))
    };
    view! {
        <h2><span class="swatch" style:background=swatch></span>{text(|p| p.strategy.label().to_owned())}</h2>
        <dl>
            <dt>"Image"</dt><dd>{text(|p| format!("{} px", p.original))}</dd>
            <dt>"Model input"</dt><dd>{text(|p| format!("{} px", p.frame))}</dd>
            <dt hidden=unless(hosted)>"Counted in"</dt>
            <dd hidden=unless(hosted)>{text(|p| match p.views.first() {
                Some(v) if p.patch > 1 => format!("{} cells of {} px (the provider's formula; no open vision encoder)", v.patch_grid, p.patch),
                _ => "pixels: the provider's formula counts area, not patches".to_owned(),
            })}</dd>
            <dt hidden=unless(open)>"ViT patches"</dt>
            <dd hidden=unless(open)>{text(|p| p.views.first().map(|v| format!("{} of {} px{} = {}", v.patch_grid, p.patch,
                if p.views.len() > 1 { format!(" in each of {} views", p.views.len()) } else { String::new() },
                p.vit_patches())).unwrap_or_default())}</dd>
            <dt hidden=unless(open)>"Merge"</dt>
            <dd hidden=unless(open)>{text(|p| match p.merge.site {
                engine::plan::MergeSite::None => "none: every patch is a token".to_owned(),
                engine::plan::MergeSite::EncoderMerger => format!("{0}x{0} patches per token, in the encoder's merger", p.merge.factor),
                engine::plan::MergeSite::AveragePooling => format!("{0}x{0} average pooling in the connector", p.merge.factor),
                engine::plan::MergeSite::PixelShuffle => format!("{0}x{0} pixel shuffle in the connector", p.merge.factor),
            })}</dd>
            <dt hidden=unless(open)>"LLM token grid"</dt>
            <dd hidden=unless(open)>{text(|p| p.views.first().map(|v| format!("{} = {}", v.token_grid, v.token_grid.cells())).unwrap_or_default())}</dd>
            <dt hidden=unless(crops)>"Crops"</dt>
            <dd hidden=unless(crops)>{text(|p| {
                let crops = p.views.iter().filter(|v| matches!(v.role, ViewRole::Crop { .. })).count();
                format!("{crops} + 1 global view")
            })}</dd>
            <dt hidden=unless(anyres)>"Crop grid"</dt>
            <dd hidden=unless(anyres)>{text(|p| p.anyres.as_ref().zip(p.views.first()).and_then(|(a, v)| {
                let chosen = a.candidates.get(a.chosen)?;
                Some(format!("{} crops of {} px (best of {} candidates: {} of your pixels kept, {} wasted)",
                    a.crop_grid, v.input.width, a.candidates.len(), chosen.effective, chosen.wasted))
            }).unwrap_or_default())}</dd>
            <dt hidden=unless(anyres)>"Crop features"</dt>
            <dd hidden=unless(anyres)>{text(|p| p.anyres.as_ref().map(|a| format!("{} → {} after unpadding{}", a.feature_grid, a.unpadded,
                a.shrunk.map(|s| format!(" → {s} after the anyres_max budget")).unwrap_or_default())).unwrap_or_default())}</dd>
        </dl>
        <p class="total">
            "Feature tokens " <span data-testid="feature-total">{text(|p| p.feature_tokens.to_string())}</span>
            " · tokens in sequence " <strong data-testid="token-total">{text(|p| p.tokens_in_sequence.to_string())}</strong>
        </p>
    }
}

/// The rest of the breakdown: the grids the processor weighed, the notes, and the image's span in
/// the sequence. Longer lists (36 candidate grids for LLaVA-OneVision), so the page gives it the
/// plan of the resting size: rebuilt when a slider stops, not on every input.
#[component]
fn BreakdownDetails(plan: Plan) -> impl IntoView {
    view! {
        {candidates_view(&plan)}
        {(!plan.notes.is_empty()).then(|| view! {
            <ul class="notes" data-testid="plan-notes">
                {plan.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
            </ul>
        })}
        <h3>"The image in the sequence"</h3>
        <table class="sequence">
            <tbody>
                {plan.sequence_summary().into_iter().map(|s| view! {
                    <tr class=format!("kind-{}", kind_class(s.kind))>
                        <td class="count">{s.count}</td>
                        <td>{s.label}</td>
                        <td><code>{engine::Quoted(s.text).to_string()}</code></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The grids an AnyRes or tiling processor considered, with the score that chose one.
fn candidates_view(plan: &Plan) -> Option<AnyView> {
    /// A candidate row: whether it was chosen, and its three cells.
    type Row = (bool, [String; 3]);
    let (title, head, rows): (String, [&str; 3], Vec<Row>) = if let Some(a) = &plan.anyres {
        let crop = plan.views.first().map_or(1, |v| v.input.width);
        let rows = a
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let grid = format!("{} ({}x{} crops)", c.size, c.size.width / crop, c.size.height / crop);
                (i == a.chosen, [grid, c.effective.to_string(), c.wasted.to_string()])
            })
            .collect();
        let why = "the most of your pixels kept, then the least canvas wasted".to_owned();
        (why, ["resolution", "your pixels kept", "pixels wasted"], rows)
    } else if let Some(t) = plan.tiling.as_ref().filter(|t| !t.candidates.is_empty()) {
        let least_scaling = plan.cross_attention;
        let rows = t
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (i == t.chosen, [c.grid.to_string(), c.grid.cells().to_string(), fixed(c.score, 3)]))
            .collect();
        let (why, score) = if least_scaling {
            ("the least upscaling (else the least downscaling), then the smallest canvas", "scale")
        } else {
            ("the aspect ratio closest to your image's; ties go to more tiles while the image fills them", "aspect gap")
        };
        (why.to_owned(), ["tile grid", "tiles", score], rows)
    } else {
        return None;
    };
    Some(
        view! {
            <details class="candidates" data-testid="candidates">
                <summary>{format!("Why this grid? {} candidates, chosen by {title}", rows.len())}</summary>
                <table>
                    <thead><tr><th>{head[0]}</th><th>{head[1]}</th><th>{head[2]}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(chosen, [a, b, c])| view! {
                            <tr class:chosen=chosen aria-current=chosen.then_some("true")><td>{a}</td><td>{b}</td><td>{c}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        }
        .into_any(),
    )
}

pub(crate) fn kind_class(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Image => "image",
        TokenKind::Newline => "newline",
        TokenKind::Delimiter => "delimiter",
        TokenKind::Text => "text",
    }
}

/// A memo's comparison that calls every new value a change, for plans: they almost always differ
/// when their inputs do, so comparing them (a walk of every view and token run) buys nothing, and
/// without it the page carries no `PartialEq` for a plan.
pub(crate) fn always_changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}
