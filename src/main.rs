//! The web app: read the URL, mount the figure.

use vistok::ui::{App, url::Initial};

fn main() {
    console_error_panic_hook::set_once();
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let initial = Initial::from_query(&query);
    leptos::mount::mount_to_body(move || leptos::view! { <App initial /> });
}
