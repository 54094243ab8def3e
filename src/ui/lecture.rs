//! Lecture mode: keys step the resolution along a ladder, switch models and strategies, and toggle
//! layers (a presentation clicker sends arrows and PageUp/PageDown); a hint and a key help.

use leptos::ev;
use leptos::prelude::*;

use super::store::{STRATEGY_PICKS, Store, use_store};
use crate::engine::{self, CATALOGUE};
use crate::figures::overlay::Layer;

/// The long sides lecture mode steps through.
const LADDER: [u64; 9] = [224, 336, 448, 672, 896, 1024, 1344, 2048, 4096];

/// Lecture mode's hint line and key help (fixed elements that hide), and its key listener.
#[component]
pub fn Lecture() -> impl IntoView {
    let store = use_store();
    let (present, help) = (store.present, store.help);
    let _keys = window_event_listener(ev::keydown, move |ev| on_key(store, &ev));
    view! {
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
    }
}

/// One key in lecture mode (ignored while typing, with a modifier, or outside lecture mode).
fn on_key(store: Store, ev: &web_sys::KeyboardEvent) {
    if !store.present.get_untracked() {
        return;
    }
    let typing = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
    if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    let step_model = |by: isize| {
        let i = CATALOGUE.iter().position(|m| m == store.model.get_untracked()).unwrap_or(0) as isize;
        let n = CATALOGUE.len() as isize;
        store.model.set(&CATALOGUE[((i + by).rem_euclid(n)) as usize]);
    };
    let toggle = |layer: Layer| {
        store.hidden_layers.update(|h| if h.contains(&layer) { h.retain(|l| *l != layer) } else { h.push(layer) })
    };
    match ev.key().as_str() {
        "ArrowRight" | "PageDown" => step_side(store, true),
        "ArrowLeft" | "PageUp" => step_side(store, false),
        "ArrowUp" => step_model(-1),
        "ArrowDown" => step_model(1),
        "1" | "2" | "3" | "4" => {
            let i = ev.key().parse::<usize>().unwrap_or(1) - 1;
            if let Some(m) = STRATEGY_PICKS.get(i).and_then(|(id, _)| engine::find(id)) {
                store.model.set(m);
            }
        }
        "g" => toggle(Layer::Patches),
        "m" => toggle(Layer::Tokens),
        "c" => toggle(Layer::Crops),
        "?" => store.help.update(|h| *h = !*h),
        "Escape" => store.help.set(false),
        _ => return,
    }
    ev.prevent_default();
}

/// The next long side up (or down) the ladder, at the current aspect ratio.
fn step_side(store: Store, up: bool) {
    let (Some(w), Some(h)) = (store.width.get_untracked(), store.height.get_untracked()) else { return };
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
    store.width.set(Some(w));
    store.height.set(Some(h));
}
