//! Section 4: the three strategies. Each names the catalogue's families that follow it, newest
//! first (read from the catalogue, so a new entry appears here by itself), with a button that
//! shows a family's newest model in the figure and one for the strategy's clearest example; then
//! where the newest models break the three-strategy story, with the engine's own counts.

use leptos::prelude::*;

use crate::engine::{self, CATALOGUE, Model, Options, Size, StrategyKind};
use crate::ui::store::{STRATEGY_PICKS, use_store};

/// The families of `kind` in the catalogue, each by its newest entry, newest release first.
pub fn families(kind: StrategyKind) -> Vec<&'static Model> {
    let mut newest: Vec<&'static Model> = Vec::new();
    for m in CATALOGUE.iter().filter(|m| m.strategy.kind() == kind) {
        match newest.iter_mut().find(|n| n.family == m.family) {
            Some(n) if m.released > n.released => *n = m,
            Some(_) => {}
            None => newest.push(m),
        }
    }
    newest.sort_by(|a, b| b.released.cmp(&a.released).then(a.family.cmp(b.family)));
    newest
}

/// Selects `id` in the figure and brings the figure into view.
fn show(model: RwSignal<&'static Model>, id: &'static str) {
    select(model, id);
    if let Some(figure) = document().query_selector("section.figure").ok().flatten() {
        figure.scroll_into_view();
    }
}

/// Selects `id` in the figure without moving the page.
fn select(model: RwSignal<&'static Model>, id: &'static str) {
    if let Some(m) = engine::find(id) {
        model.set(m);
    }
}

/// The tokens `id` spends on a `w` x `h` image and the size its processor resizes it to.
fn at(id: &str, w: u32, h: u32) -> (String, String) {
    match engine::plan_for(id, Size::new(w, h), &Options::default()) {
        Ok(p) => (p.tokens_in_sequence.to_string(), p.frame.to_string()),
        Err(e) => (format!("no count ({e})"), "—".to_owned()),
    }
}

/// One strategy: its explanation, its families and its examples' buttons.
fn block(kind: StrategyKind, text: &'static str) -> impl IntoView {
    let model = use_store().model;
    let picks: Vec<(&'static str, &'static str)> = STRATEGY_PICKS
        .into_iter()
        .filter(|(id, _)| engine::find(id).is_some_and(|m| m.strategy.kind() == kind))
        .collect();
    view! {
        <div class="strategy" data-testid="strategy">
            <h3>{kind.label()}</h3>
            <p>{text}</p>
            <super::strategy_math::StrategyMath kind />
            <p class="families">
                "Families in the catalogue that follow it, newest first: "
                {families(kind).into_iter().map(|m| view! {
                    <button class="family" data-testid="pick-family" value=m.id title=format!("Show {} in the figure", m.name)
                        on:click=move |_| show(model, m.id)>{format!("{} ({})", m.family, m.released)}</button>
                }).collect_view()}
            </p>
            <div class="pick" role="group" aria-label=format!("The clearest example of {}", kind.label())>
                {picks.into_iter().map(|(id, label)| view! {
                    <button data-testid="pick-strategy" value=id on:click=move |_| show(model, id)>{label}</button>
                }).collect_view()}
            </div>
        </div>
    }
}

/// Section 4's body.
#[component]
pub fn Strategies() -> impl IntoView {
    let model = use_store().model;
    let (gemma_small, gemma_small_input) = at("google/gemma-4-12B-it", 640, 480);
    let (gemma_huge, gemma_huge_input) = at("google/gemma-4-12B-it", 8192, 8192);
    let (ocr_768, _) = at("deepseek-community/DeepSeek-OCR-2", 768, 768);
    let (ocr_769, _) = at("deepseek-community/DeepSeek-OCR-2", 769, 769);
    let (ocr_800, _) = at("deepseek-community/DeepSeek-OCR-2", 800, 600);
    let (ocr_2000, _) = at("deepseek-community/DeepSeek-OCR-2", 2000, 600);
    let (kimi, kimi_input) = at("moonshotai/Kimi-K2.6", 64, 64);
    let (qwen, qwen_input) = at("Qwen/Qwen3-VL-8B-Instruct", 64, 64);
    let store = use_store();
    let jump = move |id: &'static str, label: &'static str| {
        view! { <button data-testid="pick-breaker" value=id on:click=move |_| show(model, id)>{label}</button> }
    };
    // The resolution chart (section 3) with the model and those it breaks with: the live figure of
    // each claim, at the reader's aspect ratio.
    let chart = move |ids: &'static [&'static str], log: bool| {
        view! {
            <button data-testid="chart-breaker" value=ids.join(",") on:click=move |_| {
                store.chart_models.set(ids.to_vec());
                store.log_scale.set(log);
                if let Some(id) = ids.first() { select(model, id) }
                if let Some(el) = document().get_element_by_id("trap") { el.scroll_into_view() }
            }>"On the chart"</button>
        }
    };
    view! {
        {block(
            StrategyKind::Fixed,
            "Every image is brought to one size and often pooled: the same count for a thumbnail and a poster, \
             detail lost on the poster.",
        )}
        {block(
            StrategyKind::Dynamic,
            "The aspect ratio is kept and the area paid for, between a floor and a cap: Qwen2-VL and Qwen2.5-VL at \
             28 px per token, Qwen3-VL and Qwen3.5 at 32, Pixtral at 16. Raising max_pixels changes nothing for an \
             image already under it.",
        )}
        {block(
            StrategyKind::AnyRes,
            "The image is cut into crops of the encoder's size plus a global view: detail and tokens both explode. \
             Idefics3 and SmolVLM scale every image's long side to 4 tiles, so even a thumbnail becomes 17 views.",
        )}
        <div class="strategy breakers" data-testid="breakers">
            <h3>"Where the newest models break the story"</h3>
            <ul>
                <li data-testid="breaker-budget">
                    {format!(
                        "A fixed budget that keeps the aspect ratio: Gemma 4 12B gives {gemma_small} tokens at 640x480 \
                         (resized to {gemma_small_input}) and {gemma_huge} at 8192x8192 (resized to {gemma_huge_input}). \
                         Neither fixed nor growing with the area. "
                    )}
                    {jump("google/gemma-4-12B-it", "Show Gemma 4")}
                    {chart(&["google/gemma-4-12B-it", "google/gemma-3-4b-it", "Qwen/Qwen3-VL-8B-Instruct"], false)}
                </li>
                <li data-testid="breaker-modes">
                    {format!(
                        "Modes, not a curve: DeepSeek-OCR-2 spends {ocr_768} tokens on 768x768 and {ocr_769} on 769x769, \
                         where one pixel more switches from one global view to crops; and a wider image can cost less, \
                         {ocr_800} at 800x600 but {ocr_2000} at 2000x600, as the crop grid follows the aspect ratio. "
                    )}
                    {jump("deepseek-community/DeepSeek-OCR-2", "Show DeepSeek-OCR-2")}
                    {chart(&["deepseek-community/DeepSeek-OCR-2", "OpenGVLab/InternVL3-8B-hf"], false)}
                </li>
                <li data-testid="breaker-upscale">
                    {format!(
                        "No upscaling: Kimi K2.6 keeps a 64x64 image near its size ({kimi_input}, {kimi} tokens) where \
                         Qwen3-VL raises it to its pixel floor ({qwen_input}, {qwen} tokens). "
                    )}
                    {jump("moonshotai/Kimi-K2.6", "Show Kimi K2.6")}
                    {chart(&["moonshotai/Kimi-K2.6", "Qwen/Qwen3-VL-8B-Instruct"], true)}
                </li>
            </ul>
        </div>
    }
}
