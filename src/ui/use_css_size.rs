//! `use_css_size`: an element's CSS box size as a signal, kept current by a `ResizeObserver`, so
//! paint functions never read layout on the hot path (a layout read after a DOM update forces a
//! synchronous reflow on every slider move).

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ResizeObserver, ResizeObserverEntry};

/// Width and height in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CssSize {
    pub width: f64,
    pub height: f64,
}

/// The CSS size of the element behind `target`, `None` until it is first laid out.
pub fn use_css_size<E>(target: NodeRef<E>) -> ReadSignal<Option<CssSize>>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let (size, set_size) = signal(None::<CssSize>);
    let observer = StoredValue::new_local(None::<(ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    Effect::new(move || {
        let Some(element) = target.get() else { return };
        let element: web_sys::Element = element.unchecked_into();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.get(0).dyn_ref::<ResizeObserverEntry>() {
                let rect = entry.content_rect();
                set_size.set(Some(CssSize { width: rect.width(), height: rect.height() }));
            }
        });
        let Ok(obs) = ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
        obs.observe(&element);
        observer.update_value(|slot| {
            if let Some((old, _)) = slot.take() {
                old.disconnect();
            }
            *slot = Some((obs, callback));
        });
    });
    on_cleanup(move || {
        observer.update_value(|slot| {
            if let Some((obs, _)) = slot.take() {
                obs.disconnect();
            }
        });
    });
    size
}
