//! Browser glue for images: decode a file or a shipped sample into a [`Picture`]. Decoding is the
//! browser's own (`createImageBitmap`, EXIF orientation honoured); nothing is uploaded.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ImageBitmap, ImageBitmapOptions, ImageOrientation, ResizeQuality};

use crate::engine::Size;

/// Longest side of the preview bitmap kept for painting; the analysis uses the natural size.
const PREVIEW_SIDE: u32 = 2048;
/// Longest side of the thumbnail the small side-by-side panels draw.
const THUMB_SIDE: u32 = 512;

/// A decoded image: a preview small enough to repaint on every slider move, a thumbnail for the
/// small panels, and its real size.
pub struct Picture {
    pub bitmap: ImageBitmap,
    pub thumb: ImageBitmap,
    /// Size after EXIF orientation, as the reader sees the image.
    pub natural: Size,
    pub name: String,
}

impl Drop for Picture {
    fn drop(&mut self) {
        self.bitmap.close();
        self.thumb.close();
    }
}

/// Decodes `blob` (a dropped or picked file, or a fetched sample).
pub async fn decode(blob: &Blob, name: &str) -> Result<Picture, String> {
    let window = web_sys::window().ok_or("no window")?;
    let kind = if blob.type_().is_empty() { "unknown type".to_owned() } else { blob.type_() };
    let fail = || {
        format!(
            "\u{201c}{name}\u{201d} ({kind}, {} bytes) could not be decoded as an image: it is not an \
             image, it is damaged, or this browser cannot read its format.",
            blob.size()
        )
    };
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let promise = window.create_image_bitmap_with_blob_and_image_bitmap_options(blob, &options).map_err(|_| fail())?;
    let full: ImageBitmap = JsFuture::from(promise).await.map_err(|_| fail())?.unchecked_into();
    let natural = Size::new(full.width(), full.height());
    if natural.width == 0 || natural.height == 0 {
        full.close();
        return Err(fail());
    }
    let bitmap = match scaled(&window, &full, natural, PREVIEW_SIDE).await {
        Some(preview) => {
            full.close();
            preview
        }
        None => full,
    };
    let thumb = match scaled(&window, &bitmap, natural, THUMB_SIDE).await {
        Some(thumb) => thumb,
        None => clone(&window, &bitmap).await.ok_or_else(fail)?,
    };
    Ok(Picture { bitmap, thumb, natural, name: name.to_owned() })
}

/// `source` scaled down so its long side is `side`, or `None` when it is already that small (or
/// the browser cannot scale it).
async fn scaled(window: &web_sys::Window, source: &ImageBitmap, natural: Size, side: u32) -> Option<ImageBitmap> {
    if natural.long_side() <= side {
        return None;
    }
    let scale = f64::from(side) / f64::from(natural.long_side());
    let options = ImageBitmapOptions::new();
    options.set_resize_width(((f64::from(natural.width) * scale).round() as u32).max(1));
    options.set_resize_height(((f64::from(natural.height) * scale).round() as u32).max(1));
    options.set_resize_quality(ResizeQuality::High);
    let promise = window.create_image_bitmap_with_image_bitmap_and_image_bitmap_options(source, &options).ok()?;
    JsFuture::from(promise).await.map(|v| v.unchecked_into::<ImageBitmap>()).ok()
}

/// A second handle on `source`'s pixels (each bitmap is closed on its own).
async fn clone(window: &web_sys::Window, source: &ImageBitmap) -> Option<ImageBitmap> {
    let promise = window.create_image_bitmap_with_image_bitmap(source).ok()?;
    JsFuture::from(promise).await.map(|v| v.unchecked_into::<ImageBitmap>()).ok()
}

/// Reads a sample image shipped with the page (same origin, `samples/<name>.*`).
pub async fn fetch_sample(file: &str) -> Result<Blob, String> {
    let window = web_sys::window().ok_or("no window")?;
    let fail = |_| format!("the sample image {file} could not be loaded");
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&format!("samples/{file}"))).await.map_err(fail)?.unchecked_into();
    if !response.ok() {
        return Err(format!("the sample image {file} could not be loaded (HTTP {})", response.status()));
    }
    let blob = JsFuture::from(response.blob().map_err(fail)?).await.map_err(fail)?;
    Ok(blob.unchecked_into())
}
