//! Embed mode: the page's height posted to the embedding page whenever it changes, so the host can
//! size the iframe (`{type: "vistok-height", embed, height}`).

use leptos::html;
use leptos::prelude::*;

use super::use_css_size::use_css_size;

/// Posts `main`'s height to the parent window while the page is embedded as `target`.
pub fn use_embed_height(main: NodeRef<html::Main>, target: Option<&'static str>) {
    let Some(target) = target else { return };
    let size = use_css_size(main);
    Effect::new(move || {
        let Some(size) = size.get() else { return };
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
