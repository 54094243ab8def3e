//! The web page, as a composition of small components with one job each. State lives in one
//! typed [`store::Store`] handed down by context; everything else is derived from it.
//!
//! Where things go: the figure at the top is the folder `figure/` (its controls and breakdown);
//! the article below it is `article/` (its chart in `trap.rs`, its live figures in `sections.rs`
//! and `cost.rs`); the header and lecture mode are files of their own; browser glue is in the
//! `use_*` helpers; canvases are painted by `canvas.rs` through plotters (`canvas_backend.rs`).

pub mod article;
mod canvas;
pub mod canvas_backend;
mod export;
pub mod figure;
pub mod header;
pub mod lecture;
pub(crate) mod math;
pub mod picker;
mod recent;
pub mod store;
pub mod theme;
pub mod url;
pub mod url_video;
mod use_collection;
mod use_css_size;
mod use_drop;
mod use_embed_height;
pub(crate) mod use_loader;
mod use_picture;
mod use_thumbnails;
mod use_url_sync;

use leptos::html;
use leptos::prelude::*;

use store::Store;
use url::Initial;

/// The whole page: header, lecture mode, the notice, the figure; the article follows after the
/// figure's first paint.
#[component]
pub fn App(
    /// Where to start: from the URL in the browser, explicit in tests.
    initial: Initial,
) -> impl IntoView {
    let store = Store::provide(&initial);
    let loader = use_loader::use_loader(store, initial.sample);
    // The collection's heaviest images open in the figure through the same loader.
    provide_context(loader);
    use_url_sync::use_url_sync(store);
    let main = NodeRef::<html::Main>::new();
    use_embed_height::use_embed_height(main, store.embed);
    article::mount_later(main);
    view! {
        <main class="page" class:embed=store.embed.is_some() data-embed-target=store.embed
            class:present=move || store.present.get() node_ref=main>
            <header::Header />
            <lecture::Lecture />
            <Notice />
            <figure::Figure loader />
        </main>
    }
}

/// What could not be used (a file, a link's value) and why the size is refused, dismissible.
#[component]
fn Notice() -> impl IntoView {
    let store::Store { notice, plan, .. } = store::use_store();
    view! {
        <Show when=move || notice.get().is_some() || plan.with(|p| p.is_err())>
            <div class="error" role="alert" data-testid="error-message">
                {move || notice.get().map(|n| view! { <p>{n}</p> })}
                {move || plan.get().err().map(|e| view! { <p>{e}</p> })}
                <button class="dismiss" on:click=move |_| notice.set(None) aria-label="Dismiss">"×"</button>
            </div>
        </Show>
    }
}
