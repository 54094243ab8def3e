//! Downloads of what the page shows, named after the view (`vistok-qwen2.5-vl-7b-1920x1080.png`):
//! the canvases as PNG, the chart as SVG (plotters' SVG backend), the comparison as CSV and
//! Markdown. Everything is made in the browser; nothing is sent anywhere.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

use crate::engine::{Model, Size};

/// `vistok-<model>-<w>x<h>` plus `suffix` (and the extension).
pub fn file_name(model: &Model, size: Option<Size>, suffix: &str, ext: &str) -> String {
    let slug: String = model
        .name
        // ASCII only: every other character becomes '-' below, and str::to_lowercase would ship
        // core's Unicode lowercase table (about 8 KB of wasm after gzip).
        .to_ascii_lowercase()
        .replace("(api)", "")
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' })
        .collect();
    let size = size.map(|s| format!("-{s}")).unwrap_or_default();
    format!("vistok-{}{size}{suffix}.{ext}", slug.trim_matches('-'))
}

fn click(href: &str, name: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let a: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Some(())
}

/// Offers `text` as a file.
pub fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    if let Ok(url) = Url::create_object_url_with_blob(&blob) {
        click(&url, name);
        // Revoke once the click has been handled.
        let revoke = move || {
            let _ = Url::revoke_object_url(&url);
        };
        let _ = leptos::prelude::set_timeout_with_handle(revoke, std::time::Duration::from_secs(10));
    }
}

/// Offers a canvas as a PNG file, at its backing (device-pixel) size.
pub fn download_png(canvas: &HtmlCanvasElement, name: &str) {
    if let Ok(url) = canvas.to_data_url_with_type("image/png") {
        click(&url, name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_view() {
        let qwen = crate::engine::find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
        assert_eq!(file_name(qwen, Some(Size::new(1920, 1080)), "", "png"), "vistok-qwen2.5-vl-7b-1920x1080.png");
        let gpt = crate::engine::find("openai/gpt-4o").unwrap();
        assert_eq!(file_name(gpt, None, "-compare", "csv"), "vistok-gpt-4o-compare.csv");
    }
}
