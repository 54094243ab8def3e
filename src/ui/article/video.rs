//! "Video: where visual tokens cost most": a clip (set by sliders, or read from a dropped file's
//! container), a video model and whose sampling defaults apply; the frames sampled on a timeline,
//! the plan's numbers against the context window, tokens against duration per model, and the
//! contrasts the processors produce.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::decimal::trimmed;
use crate::engine::request::{self, Item};
use crate::engine::video::{self, Clip, Preset, VideoOptions, VideoPlan};
use crate::engine::{self, Model, Size};
use crate::ui::canvas;
use crate::ui::picker::ModelPicker;
use crate::ui::store::use_store;
use crate::ui::url_video::{VideoView, default_preset};
use crate::ui::use_css_size::use_css_size;
use crate::ui::use_thumbnails;

use super::video_chart::{CurvePicker, VideoChart};

/// Frame sizes offered without a file.
const SIZES: [(&str, u32, u32); 6] = [
    ("480p (854x480)", 854, 480),
    ("720p (1280x720)", 1280, 720),
    ("1080p (1920x1080)", 1920, 1080),
    ("4K (3840x2160)", 3840, 2160),
    ("portrait 1080x1920", 1080, 1920),
    ("square 1024x1024", 1024, 1024),
];
const RATES: [f64; 6] = [24.0, 25.0, 30000.0 / 1001.0, 30.0, 50.0, 60.0];
/// Sampling rates the reader can pick (frames per second of video).
const SAMPLING: [f64; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];

fn takes_video(m: &Model) -> bool {
    video::spec_of(m).is_some()
}

/// The options the chapter counts `model` with: the preset (the reader's, else the page's
/// choice) and the sampling rate, where set.
fn options_of(v: &VideoView, model: &Model) -> VideoOptions {
    VideoOptions { preset: v.preset.unwrap_or_else(|| default_preset(model)), fps: v.rate, ..VideoOptions::default() }
}

fn clip_of(v: &VideoView) -> Result<Clip, String> {
    match v.frames {
        Some(frames) => Clip::with_frames(v.size, v.fps, v.duration_s, frames),
        None => Clip::new(v.size, v.fps, v.duration_s),
    }
    .map_err(|e| e.to_string())
}

pub(super) fn plan_of(v: &VideoView, model: &'static Model) -> Result<VideoPlan, String> {
    video::plan(&clip_of(v)?, model, &options_of(v, model)).map_err(|e| e.to_string())
}

/// The chapter.
#[component]
pub fn VideoSection() -> impl IntoView {
    let store = use_store();
    let state = store.video;
    let plan = Memo::new(move |_| state.with(|v| plan_of(v, v.model)));
    let file_note = RwSignal::new(None::<String>);
    let model_signal = Signal::derive(move || state.with(|v| v.model));
    // The opened file's frames at the sampled times, while the clip is the file's.
    let opened = StoredValue::new_local(None::<std::rc::Rc<use_thumbnails::Opened>>);
    let thumbs = RwSignal::new_local(Vec::<(f64, String)>::new());
    let thumb_note = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0u64);
    Effect::new(move || {
        let from_file = state.with(|v| v.frames.is_some());
        let Some(o) = opened.get_value().filter(|_| from_file) else {
            thumbs.set(Vec::new());
            return;
        };
        let Ok(p) = plan.get() else { return };
        // Up to 12 frames, spread over the sampled ones.
        let n = p.sampled.len();
        let times: Vec<f64> = (0..n.min(12)).map(|i| p.sampled[i * n / n.min(12).max(1)].time_s).collect();
        let grid = (p.token_grid.cols, p.token_grid.rows);
        let mine = generation.get_value() + 1;
        generation.set_value(mine);
        leptos::task::spawn_local(async move {
            let got = use_thumbnails::grab(&o, &times, 72, grid).await;
            if generation.get_value() != mine {
                return;
            }
            match got {
                Ok(t) => {
                    thumbs.set(t.iter().map(|t| (t.time_s, t.url())).collect());
                    thumb_note.set(None);
                }
                Err(e) => thumb_note.set(Some(crate::ui::store::sentence(&e))),
            }
        });
    });
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        opened.set_value(None);
        leptos::task::spawn_local(async move {
            // Frames only for a file whose container reads as a clip.
            if !read_file(file.clone(), state, file_note).await {
                return;
            }
            match use_thumbnails::open(&file).await {
                Ok(o) => {
                    opened.set_value(Some(std::rc::Rc::new(o)));
                    // Wake the frames' effect.
                    state.update(|_| {});
                }
                Err(e) => thumb_note.set(Some(crate::ui::store::sentence(&e))),
            }
        });
    };
    view! {
        <section id="video" data-embed="video">
            <h2>"9. Video: where visual tokens cost most"</h2>
            <p>
                "A clip is the most expensive thing most readers send to a VLM. Its count depends on how many frames are "
                "sampled (a rate, with a minimum and a maximum), how each frame is resized (alone, or under a pixel budget "
                "shared by the whole clip), how many frames the encoder takes together (Qwen merges pairs), and the text "
                "between them (Qwen3-VL and GLM write each pair's time). The serving stack decides the defaults."
            </p>
            <div class="video-controls">
                <ModelPicker model=model_signal on_pick=move |m| state.update(|v| {
                    v.model = m;
                    v.preset = None;
                    // A checkpoint whose processor samples nothing by itself (InternVL3) gets a rate
                    // picked for it, shown in the rate box, rather than an error.
                    match video::spec_of(m) {
                        Some(video::VideoSpec::Framed(_)) if v.rate.is_none() => v.rate = Some(1.0),
                        // Gemma 4 and Molmo2 sample by themselves and refuse a rate: the picked rate goes.
                        Some(spec) if !spec.takes_rate() => v.rate = None,
                        _ => {}
                    }
                })
                    id="video-model" label="Video model" testid="video-model" offers=takes_video />
                <label>"Sampling defaults "
                    <select data-testid="video-preset" on:change=move |ev| {
                        let p = Preset::parse(&event_target_value(&ev));
                        state.update(|v| {
                            v.preset = p;
                            // vLLM's loader takes no rate (its defaults are the point of the preset).
                            if p == Some(Preset::Vllm) {
                                v.rate = None;
                            }
                        });
                    }>
                        {move || {
                            let model = state.with(|v| v.model);
                            let presets = engine::catalogue::video::presets(model.id);
                            presets.iter().map(|&p| view! {
                                <option value=p.name() selected=move || state.with(|v| v.preset.unwrap_or_else(|| default_preset(v.model))) == p>
                                    {p.name()}
                                </option>
                            }).collect_view()
                        }}
                    </select>
                </label>
                <label>"Frames sampled per second "
                    <select data-testid="video-rate" on:change=move |ev| {
                        let r = event_target_value(&ev).parse::<f64>().ok();
                        state.update(|v| v.rate = r);
                    }>
                        <option value="" selected=move || state.with(|v| v.rate.is_none())>"the preset's"</option>
                        {SAMPLING.map(|r| view! {
                            <option value=trimmed(r, 2) selected=move || state.with(|v| v.rate == Some(r))>{trimmed(r, 2)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Duration "
                    <input type="range" min="1" max="600" step="1" data-testid="video-duration"
                        prop:value=move || state.with(|v| v.duration_s.round().to_string())
                        on:input=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<f64>() {
                                state.update(|v| { v.duration_s = d; v.frames = None; });
                            }
                        }/>
                    <span data-testid="video-duration-value">{move || state.with(|v| format!("{} s", trimmed(v.duration_s, 2)))}</span>
                </label>
                <label>"Frame rate "
                    <select data-testid="video-fps" on:change=move |ev| {
                        if let Ok(f) = event_target_value(&ev).parse::<f64>() {
                            state.update(|v| { v.fps = f; v.frames = None; });
                        }
                    }>
                        {RATES.map(|r| view! {
                            <option value=r.to_string() selected=move || state.with(|v| (v.fps - r).abs() < 1e-6)>{trimmed(r, 2)}" fps"</option>
                        }).collect_view()}
                        {move || state.with(|v| (!RATES.iter().any(|r| (v.fps - r).abs() < 1e-6)).then(|| {
                            let f = v.fps;
                            view! { <option value=f.to_string() selected=true>{trimmed(f, 3)}" fps (the file's)"</option> }
                        }))}
                    </select>
                </label>
                <label>"Frame size "
                    <select data-testid="video-size" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some((_, w, h)) = SIZES.iter().find(|(name, ..)| *name == value) {
                            state.update(|v| { v.size = Size::new(*w, *h); v.frames = None; });
                        }
                    }>
                        {SIZES.map(|(name, w, h)| view! {
                            <option value=name selected=move || state.with(|v| v.size == Size::new(w, h))>{name}</option>
                        }).collect_view()}
                        {move || state.with(|v| (!SIZES.iter().any(|(_, w, h)| v.size == Size::new(*w, *h))).then(|| {
                            view! { <option selected=true>{format!("{} (the file's)", v.size)}</option> }
                        }))}
                    </select>
                </label>
                <label class="file">"Or open a clip "
                    <input type="file" accept="video/*,.mp4,.mov,.mkv,.webm" data-testid="video-file" on:change=on_file/>
                </label>
            </div>
            <p class="hint" data-testid="video-file-note">{move || file_note.get()}</p>
            <p class="live" data-testid="video-summary">{move || match plan.get() {
                Ok(p) => format!("{} {}", summary(&p, state.with(|v| v.model)), p.notes.join(" ")),
                Err(e) => crate::ui::store::sentence(&e),
            }}</p>
            <p class="live" data-testid="video-cost">{move || {
                let p = plan.get().ok()?;
                let gpu = store.gpu.get();
                let c = engine::cost::of_video(&p, store.prompt.get(), gpu)?;
                Some(format!(
                    "Estimated on an {} (the cost model of section \u{201c}What it costs\u{201d}, no clip measured): \
                     time to first token {} ms, {} ms of it in the vision tower; KV cache {} MB.",
                    c.gpu,
                    trimmed(c.ttft_ms, 0),
                    trimmed(c.vision_ms, 0),
                    trimmed(c.kv_cache_bytes as f64 / 1e6, 0)
                ))
            }}</p>
            <div class="thumbs" data-testid="video-thumbs" hidden=move || thumbs.with(Vec::is_empty)>
                {move || thumbs.get().into_iter().map(|(t, url)| view! {
                    <figure><img src=url alt=format!("the frame at {} s", trimmed(t, 2)) /><figcaption>{format!("{} s", trimmed(t, 2))}</figcaption></figure>
                }).collect_view()}
            </div>
            <p class="hint" data-testid="video-thumbs-note">{move || thumb_note.get()}</p>
            <Timeline plan />
            <VideoChart />
            <CurvePicker />
            <p class="hint" data-testid="video-chart-caption">{move || format!(
                "Every curve samples {} frames per second (the sampling box; 2 where it is unset), at the frame size and rate above; \
                 each stack's own caps (frame limits, pixel budgets) bend its curve. GLM-4.6V keeps its own schedule \
                 (6, 2 or 1 frames a second as the clip grows, 640 at most), Gemma 4 its 32 frames, \
                 Molmo2 its 2 a second (384 at most), and the vLLM curves vLLM 0.34's own loaders.",
                trimmed(state.with(|v| v.rate.unwrap_or(2.0)), 2)
            )}</p>
            <p class="live" data-testid="video-contrast">{move || contrast(state.get())}</p>
            <h3>"The whole request"</h3>
            <p>
                "What finally matters is one sequence: the images, the clip and the prompt, against the model's context "
                "window. Images are counted at the figure's size, by the video model."
            </p>
            <RequestBuilder />
        </section>
    }
}

/// The plan in a sentence, against the model's context window.
fn summary(p: &VideoPlan, model: &Model) -> String {
    let window = model.context.map_or_else(String::new, |w| {
        let share = p.tokens_in_sequence as f64 / f64::from(w) * 100.0;
        if p.tokens_in_sequence > u64::from(w) {
            format!(
                " It does not fit the {w}-token context window: {} tokens over.",
                p.tokens_in_sequence - u64::from(w)
            )
        } else {
            format!(" That is {}% of its {w}-token context window.", trimmed(share, 1))
        }
    });
    format!(
        "{} samples {} of the clip's {} frames ({}), resizes each to {} px, and encodes {} group(s) of {} frame(s), \
         {} tokens each: {} feature tokens, {} of text and delimiters, {} tokens in all.{window}",
        model.name,
        p.frames_sampled,
        p.clip.frames,
        p.sampling,
        p.frame_size,
        p.groups.len(),
        p.temporal_patch,
        p.groups.first().map_or(0, |g| g.tokens),
        p.feature_tokens,
        p.text_tokens(),
        p.tokens_in_sequence,
    )
}

/// The contrasts the processors produce, at the current frame size and rate: a budget shared by
/// the whole clip against one spent on every frame.
fn contrast(v: VideoView) -> String {
    let count = |id: &str, secs: f64, preset: Preset| -> Option<u64> {
        let model = engine::find(id)?;
        let clip = Clip::new(v.size, v.fps, secs).ok()?;
        let o = VideoOptions { preset, fps: Some(2.0), ..VideoOptions::default() };
        video::plan(&clip, model, &o).ok().map(|p| p.tokens_in_sequence)
    };
    let q3 = (
        count("Qwen/Qwen3-VL-8B-Instruct", 1.0, Preset::Transformers),
        count("Qwen/Qwen3-VL-8B-Instruct", 600.0, Preset::Transformers),
    );
    let q25 = count("Qwen/Qwen2.5-VL-7B-Instruct", 600.0, Preset::Transformers);
    let q25_utils = count("Qwen/Qwen2.5-VL-7B-Instruct", 600.0, Preset::QwenVlUtils);
    match (q3, q25, q25_utils) {
        ((Some(short), Some(long)), Some(every), Some(utils)) => format!(
            "At {} px and 2 frames per second, Qwen3-VL holds the whole clip to one pixel budget: a 1 s clip costs {short} tokens, \
             a 10 min clip {long}. Qwen2.5-VL's processor in transformers spends its per-image budget on every sampled frame: \
             the same 10 min clip costs {every} tokens, where qwen-vl-utils, which shares a budget across the frames, makes it {utils}. \
             transformers' own token helper (_get_num_multimodal_tokens) counts Qwen3-VL's feature tokens only, leaving out the \
             timestamps and delimiters.",
            v.size
        ),
        _ => String::new(),
    }
}

/// The sampled frames on the clip's timeline.
#[component]
fn Timeline(plan: Memo<Result<VideoPlan, String>>) -> impl IntoView {
    let palette = crate::ui::store::use_store().theme.palette;
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let css = use_css_size(canvas_ref);
    Effect::new(move || {
        let (Some(c), Some(css)) = (canvas_ref.get(), css.get()) else { return };
        plan.with(|p| {
            if let Ok(p) = p {
                canvas::paint_timeline(&c, css, p, palette.get());
            }
        });
    });
    view! {
        <canvas class="timeline" node_ref=canvas_ref data-testid="video-timeline"
            aria-label="The clip's timeline: a tick for each sampled frame, the frames encoded together banded below"></canvas>
    }
}

/// Reads a clip file's container (size, frames, duration; nothing is decoded or sent anywhere)
/// and sets the chapter's clip, or says why it cannot.
async fn read_file(file: web_sys::File, state: RwSignal<VideoView>, note: RwSignal<Option<String>>) -> bool {
    const LIMIT: f64 = 1024.0 * 1024.0 * 1024.0;
    let name = file.name();
    if file.size() > LIMIT {
        note.set(Some(format!(
            "{name} is over 1 GB: vistok reads clips up to 1 GB in the page (the command line reads any)."
        )));
        return false;
    }
    note.set(Some(format!("Reading {name}…")));
    {
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                note.set(Some(format!("{name} could not be read.")));
                return false;
            }
        };
        match engine::clip_file::read_clip(std::io::Cursor::new(bytes)) {
            Ok(read) => {
                let c = read.clip;
                state.update(|v| {
                    v.size = c.size;
                    v.fps = c.fps;
                    v.duration_s = c.duration_s;
                    v.frames = Some(c.frames);
                });
                note.set(Some(format!(
                    "{name}: {} {} px, {} frames at {} fps, {} s (read from the file, which stays on your computer).",
                    read.container,
                    c.size,
                    c.frames,
                    trimmed(c.fps, 3),
                    trimmed(c.duration_s, 3)
                )));
                true
            }
            Err(e) => {
                note.set(Some(format!("{name}: {e}.")));
                false
            }
        }
    }
}

/// Images at the figure's size, the chapter's clip and a prompt, as one request: each item's share
/// of the context window as a bar, and whether it fits.
#[component]
fn RequestBuilder() -> impl IntoView {
    let store = use_store();
    let state = store.video;
    let total = Memo::new(move |_| {
        let size = store.article_size.get().map_err(|e| e.to_string())?;
        state.with(|v| {
            let mut items: Vec<Item> =
                (0..v.images).map(|_| Item::Image { size, options: engine::Options::default() }).collect();
            items.push(Item::Video { clip: clip_of(v)?, options: options_of(v, v.model) });
            request::total(v.model, &items, u64::from(v.prompt)).map_err(|e| e.to_string())
        })
    });
    let number = move |ev: &leptos::ev::Event| event_target_value(ev).trim().parse::<u32>().ok();
    view! {
        <div class="request-controls">
            <label>"Images "
                <input type="number" min="0" max="1000" data-testid="request-images"
                    prop:value=move || state.with(|v| v.images.to_string())
                    on:input=move |ev| if let Some(n) = number(&ev) { state.update(|v| v.images = n.min(1000)) }/>
            </label>
            <label>"Prompt tokens "
                <input type="number" min="0" data-testid="request-prompt"
                    prop:value=move || state.with(|v| v.prompt.to_string())
                    on:input=move |ev| if let Some(n) = number(&ev) { state.update(|v| v.prompt = n) }/>
            </label>
        </div>
        {move || match total.get() {
            Err(e) => view! { <p class="live" data-testid="request-summary">{crate::ui::store::sentence(&e)}</p> }.into_any(),
            Ok(t) => {
                let window = t.context_window.map_or(t.tokens_in_sequence, u64::from).max(t.tokens_in_sequence).max(1) as f64;
                let images: u64 = t.items.iter().filter(|i| i.kind == "image").map(|i| i.tokens_in_sequence).sum();
                let clip: u64 = t.items.iter().filter(|i| i.kind == "video").map(|i| i.tokens_in_sequence).sum();
                let pct = |n: u64| format!("{:.3}%", n as f64 / window * 100.0);
                let verdict = match (t.fits, t.context_window) {
                    (Some(true), Some(w)) => format!("fits its {w}-token window, {} tokens to spare", t.headroom.unwrap_or(0)),
                    (Some(false), Some(w)) => format!("overflows its {w}-token window by {} tokens", t.overflow.unwrap_or(0)),
                    _ => "has no published context window".to_owned(),
                };
                view! {
                    <div class="request-bar" data-testid="request-bar" role="img"
                        aria-label=format!("{images} image tokens, {clip} clip tokens, {} prompt tokens", t.prompt_tokens)>
                        <span class="seg images" style:width=pct(images)></span>
                        <span class="seg clip" style:width=pct(clip)></span>
                        <span class="seg prompt" style:width=pct(t.prompt_tokens)></span>
                    </div>
                    <p class="live" data-testid="request-summary">{format!(
                        "{} image(s): {images} tokens · the clip: {clip} · the prompt: {} · {} tokens in all: the request {verdict}.",
                        state.with_untracked(|v| v.images), t.prompt_tokens, t.tokens_in_sequence
                    )}</p>
                }.into_any()
            }
        }}
    }
}
