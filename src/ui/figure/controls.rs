//! The figure's controls: the image (a file, a drop, a sample), the model and its options, and
//! the analysed size.

use leptos::ev;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::engine::Knob;
use crate::engine::options::{KnobKind, KnobValue, OptionValue};
use crate::ui::store::use_store;
use crate::ui::use_loader::Loader;
use crate::ui::{url, use_drop};

use crate::ui::picker::ModelPicker;

/// Largest value the sliders reach; the number boxes take any value (the engine judges it).
const SLIDER_MAX: u64 = 8192;

/// Image, model, options and size.
#[component]
pub fn Controls(loader: Loader) -> impl IntoView {
    let store = use_store();
    let (picture, undrawn) = (store.picture, store.undrawn);
    let (width, height, lock, aspect) = (store.width, store.height, store.lock, store.aspect);
    view! {
        <div class="controls">
            <label class="file">
                "Choose an image"
                <input type="file" accept="image/*" data-testid="image-input"
                    on:change=move |ev| {
                        let input: HtmlInputElement = event_target(&ev);
                        if let Some(files) = input.files() {
                            loader.files(use_drop::Dropped::of_list(&files));
                        }
                        input.set_value("");
                    }/>
            </label>
            <p class="hint">"or drop one on the figure. It is decoded in your browser and never uploaded."</p>
            <div class="samples">
                {url::SAMPLE_FILES.iter().map(|s| view! {
                    <button data-testid=format!("sample-{}", s.key) on:click=move |_| loader.sample(s.file)>{s.label}</button>
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
            <ModelPicker model=store.model on_pick=move |m| store.model.set(m) id="model" label="Model" testid="model-picker" />
            <ModelOptions />
            <SideControl label="Width" id="width" value=width set=move |w| store.set_width(w) />
            <SideControl label="Height" id="height" value=height set=move |h| store.set_height(h) />
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
    }
}

/// The selected model's knobs, as its family declares them: a number box, a checkbox or a choice
/// each (none for most models).
#[component]
fn ModelOptions() -> impl IntoView {
    let store = use_store();
    move || {
        let knobs = store.model.get().knobs();
        (!knobs.is_empty()).then(|| {
            view! { <div class="options">{knobs.into_iter().map(knob_control).collect_view()}</div> }
        })
    }
}

/// One knob's control; empty (or the default) leaves the checkpoint's value.
fn knob_control(knob: Knob) -> AnyView {
    let options = use_store().options;
    let name = knob.name;
    let testid = format!("option-{}", name.replace('_', "-"));
    let set = move |value: Option<OptionValue>| {
        options.update(|o| match value {
            Some(v) => o.set(name, v),
            None => o.unset(name),
        })
    };
    let title = format!("{} (mirrors {}; default {})", knob.meaning, knob.mirrors, knob.default);
    match knob.kind {
        KnobKind::Whole { min, max } => view! {
            <label title=title>{knob.label()}
                <input type="number" min=min.to_string() max=max.to_string() data-testid=testid placeholder=knob.default.to_string()
                    prop:value=move || options.with(|o| o.whole(name).map(|v| v.to_string()).unwrap_or_default())
                    on:change=move |ev| set(event_target_value(&ev).trim().parse::<u64>().ok().map(OptionValue::Number)) />
            </label>
        }
        .into_any(),
        KnobKind::Flag => view! {
            <label class="check" title=title.clone()>
                <input type="checkbox" data-testid=testid
                    // Unset shows the checkpoint's default (MiniCPM's use_image_id, Idefics3's splitting: on).
                    prop:checked=move || options.with(|o| o.flag(name).unwrap_or(knob.default == KnobValue::Flag(true)))
                    on:change=move |ev| set(Some(OptionValue::Bool(event_target_checked(&ev)))) />
                {format!("{} ({})", name.replace('_', " "), knob.meaning)}
            </label>
        }
        .into_any(),
        KnobKind::Choice(words) => view! {
            <label title=title>{knob.label()}
                <select data-testid=testid on:change=move |ev| set(Some(OptionValue::Text(event_target_value(&ev))))>
                    {words.iter().map(|&w| view! {
                        <option value=w selected=move || options.with(|o| o.word(name).unwrap_or(&knob.default.to_string()) == w)>{w}</option>
                    }).collect_view()}
                </select>
            </label>
        }
        .into_any(),
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

fn number_hint(w: Option<u64>, h: Option<u64>) -> String {
    match (w, h) {
        (Some(w), Some(h)) => format!("{:.2} megapixels", (w as f64 * h as f64) / 1e6),
        _ => "enter whole numbers".to_owned(),
    }
}
