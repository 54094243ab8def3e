//! The URL follows the controls, once they rest for a moment (browsers throttle history updates,
//! and a slider drag would make hundreds). It pushes state out; it never sets a signal.

use leptos::prelude::*;

use super::store::Store;
use super::url;

/// Keeps the address bar's query equal to [`url::to_query`] of the current view.
pub fn use_url_sync(store: Store) {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move || {
        let s = store;
        let query = s.options.with(|options| {
            s.chart_models.with(|chart| {
                s.hidden_layers.with(|hidden| {
                    let name = s.picture.with(|p| p.as_ref().map(|p| p.name.clone()));
                    url::to_query(&url::View {
                        model: s.model.get(),
                        width: s.width.get(),
                        height: s.height.get(),
                        options,
                        chart,
                        log: s.log_scale.get(),
                        hidden,
                        gpu: s.gpu.get(),
                        prompt: s.prompt.get(),
                        vs: s.vs.get(),
                        section: s.section,
                        embed: s.embed,
                        present: s.present.get(),
                        picture: name.as_deref().map(url::PictureRef::of),
                        video: s.video.get(),
                        theme: s.theme.choice.get(),
                        accent: s.accent,
                    })
                })
            })
        });
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let write = move || {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
            }
        };
        timer.set_value(set_timeout_with_handle(write, std::time::Duration::from_millis(250)).ok());
    });
}
