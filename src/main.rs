//! The web app: read the URL, mount the figure.

use vistok::ui::{App, url::Initial};

fn main() {
    console_error_panic_hook::set_once();
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let initial = Initial::from_query(&query);
    leptos::mount::mount_to_body(move || leptos::view! { <App initial /> });
    // Offline after the first visit: a service worker next to the page caches the site's files.
    // A frame embedded in another site may be refused one (its storage is partitioned or
    // blocked): the figure works the same, only not offline, so the refusal is not an error.
    if let Some(window) = web_sys::window() {
        let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
        let _ = window.navigator().service_worker().register("sw.js").catch(&ignore);
        ignore.forget();
    }
}

/// For `bench/bench.mjs` (through `window.wasmBindings`): plans every catalogue model at `steps`
/// sizes of the chart's sweep (long side 64 to 4096 px, 4:3), as the chart does, and returns the
/// tokens they add up to (so the work cannot be skipped). The benchmark times the call.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_engine(steps: u32) -> f64 {
    use vistok::engine::{self, CATALOGUE, Options};
    let sizes = engine::sweep_sizes(4.0 / 3.0, 64, 4096, steps);
    let options = Options::default();
    CATALOGUE
        .iter()
        .flat_map(|m| sizes.iter().filter_map(|&s| engine::count(s, m, &options).ok()))
        .map(|c| c.tokens_in_sequence as f64)
        .sum()
}
