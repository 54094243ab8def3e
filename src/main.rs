//! The web app: read the URL, mount the figure.

use vistok::ui::{App, url::Initial};

fn main() {
    console_error_panic_hook::set_once();
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let initial = Initial::from_query(&query);
    leptos::mount::mount_to_body(move || leptos::view! { <App initial /> });
    // Offline after the first visit: a service worker next to the page caches the site's files.
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().service_worker().register("sw.js");
    }
}
