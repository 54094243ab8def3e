//! Frames of a clip the reader opened, taken in the browser at the times the model samples: the
//! file plays into a detached `<video>` from a blob URL (nothing is uploaded), each time is sought
//! and the frame drawn into a small canvas. A clip the browser cannot decode gets a message; its
//! counts come from the container and stand.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{AddEventListenerOptions, EventTarget, HtmlCanvasElement, HtmlVideoElement};

/// One frame, drawn at `height` px tall.
#[derive(Clone)]
pub struct Thumb {
    pub time_s: f64,
    pub image: HtmlCanvasElement,
}

impl Thumb {
    /// The frame as a `data:` URL, for an `<img>`.
    pub fn url(&self) -> String {
        self.image.to_data_url().unwrap_or_default()
    }
}

/// A clip opened for seeking, and its blob URL (revoked when dropped).
pub struct Opened {
    video: HtmlVideoElement,
    url: String,
}

impl Drop for Opened {
    fn drop(&mut self) {
        self.video.set_src("");
        let _ = web_sys::Url::revoke_object_url(&self.url);
    }
}

/// Waits for `ok` on `target`, or fails on `error` (with `why`).
async fn event(target: &EventTarget, ok: &str, why: &str) -> Result<(), String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let options = AddEventListenerOptions::new();
        options.set_once(true);
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let fail = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let _ =
            target.add_event_listener_with_callback_and_add_event_listener_options(ok, done.unchecked_ref(), &options);
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            "error",
            fail.unchecked_ref(),
            &options,
        );
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ()).map_err(|_| why.to_owned())
}

/// Opens `file` for seeking.
pub async fn open(file: &web_sys::File) -> Result<Opened, String> {
    let cannot = "this browser cannot decode the clip's frames (its counts come from the container and stand)";
    let url = web_sys::Url::create_object_url_with_blob(file).map_err(|_| cannot.to_owned())?;
    let video: HtmlVideoElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("video").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| cannot.to_owned())?;
    video.set_muted(true);
    video.set_preload("auto");
    let opened = Opened { video, url };
    opened.video.set_src(&opened.url);
    event(&opened.video, "loadeddata", cannot).await?;
    Ok(opened)
}

/// The frames at `times` (seconds), each `height` px tall, with `grid` (columns, rows) drawn over
/// each: the tokens one frame becomes.
pub async fn grab(opened: &Opened, times: &[f64], height: u32, grid: (u32, u32)) -> Result<Vec<Thumb>, String> {
    let v = &opened.video;
    let (w, h) = (v.video_width(), v.video_height());
    if w == 0 || h == 0 {
        return Err("this browser decodes no picture from the clip".into());
    }
    let width = ((f64::from(w) / f64::from(h) * f64::from(height)).round() as u32).max(1);
    let mut out = Vec::with_capacity(times.len());
    for &t in times {
        // Just inside the clip: a frame's time, never past the end.
        v.set_current_time(t.min((v.duration() - 1e-3).max(0.0)));
        event(v, "seeked", "seeking in the clip failed").await?;
        let canvas: HtmlCanvasElement = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|e| e.dyn_into().ok())
            .ok_or("no canvas")?;
        canvas.set_width(width);
        canvas.set_height(height);
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            .ok_or("no canvas")?;
        ctx.draw_image_with_html_video_element_and_dw_and_dh(v, 0.0, 0.0, f64::from(width), f64::from(height))
            .map_err(|_| "drawing a frame failed".to_owned())?;
        // The token grid (the frame is stretched to the model's input, as the processor does).
        let (cols, rows) = (grid.0.max(1), grid.1.max(1));
        ctx.set_stroke_style_str("rgba(255,255,255,0.55)");
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for i in 1..cols {
            let x = (f64::from(i) * f64::from(width) / f64::from(cols)).round() + 0.5;
            ctx.move_to(x, 0.0);
            ctx.line_to(x, f64::from(height));
        }
        for j in 1..rows {
            let y = (f64::from(j) * f64::from(height) / f64::from(rows)).round() + 0.5;
            ctx.move_to(0.0, y);
            ctx.line_to(f64::from(width), y);
        }
        ctx.stroke();
        out.push(Thumb { time_s: t, image: canvas });
    }
    Ok(out)
}
