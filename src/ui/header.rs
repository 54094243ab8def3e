//! The page's title, its one-line lede, and the two things a reader does with the whole page:
//! lecture mode and the embed snippet.

use leptos::prelude::*;

use super::store::use_store;
use super::url;

/// Title, lede, the lecture-mode button and "Embed a figure".
#[component]
pub fn Header() -> impl IntoView {
    let store = use_store();
    let present = store.present;
    view! {
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
                <EmbedCode />
            </div>
        </header>
    }
}

/// "Embed this figure": the iframe snippet for the current view.
#[component]
fn EmbedCode() -> impl IntoView {
    let store = use_store();
    let target = RwSignal::new("overlay");
    let code = move || {
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
        let _ = (store.model.get(), store.width.get(), store.height.get());
        format!(
            "<iframe src=\"{base}{}{sep}embed={}\" title=\"vistok: visual tokens\" style=\"width: 100%; border: 0\" height=\"480\"></iframe>",
            query.join("&"),
            target.get()
        )
    };
    view! {
        <details class="embed-code">
            <summary>"Embed a figure"</summary>
            <label>"Figure "
                <select data-testid="embed-target" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(t) = url::EMBEDS.iter().find(|e| **e == v) { target.set(t) }
                }>
                    {url::EMBEDS.iter().map(|e| view! { <option value=*e>{*e}</option> }).collect_view()}
                </select>
            </label>
            <textarea data-testid="embed-code" readonly rows="3" prop:value=code></textarea>
            <button data-testid="embed-copy" on:click=move |_| {
                if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
                    let _ = clipboard.write_text(&code());
                }
            }>"Copy embed code"</button>
        </details>
    }
}
