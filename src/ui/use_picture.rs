//! Browser glue for images: decode a file or a shipped sample into a [`Picture`]. Decoding is the
//! browser's own (`createImageBitmap`, EXIF orientation honoured); nothing is uploaded. The file's
//! header ([`file::sniff`]) is read first, to name what is wrong with a file the browser refuses
//! and to count a huge image without decoding it.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ImageBitmap, ImageBitmapOptions, ImageOrientation, ResizeQuality};

use crate::engine::Size;
use crate::engine::file::{self, Format};

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

/// Images with more pixels than this are counted from their header's size and not decoded (a
/// decoded pixel takes 4 bytes: 72 megapixels is about 290 MB, past which a phone's tab dies).
/// Every camera up to 64 megapixels fits.
pub const MAX_DECODE_PIXELS: u64 = 72_000_000;

/// A file analysed: its picture (none when it was too large to decode), its size as the reader
/// sees it, and a note on anything surprising (first frame only, not drawn, ...).
pub struct Decoded {
    pub picture: Option<Picture>,
    pub natural: Size,
    pub name: String,
    pub note: Option<String>,
}

/// Decodes `blob` (a dropped or picked file, or a fetched sample). A file that is not an image,
/// is damaged, or is in a format this browser cannot decode gives a message naming the problem.
pub async fn decode(blob: &Blob, name: &str) -> Result<Decoded, String> {
    let window = web_sys::window().ok_or("no window")?;
    let quoted = format!("\u{201c}{name}\u{201d}");
    let bytes = blob.size();
    if bytes == 0.0 {
        return Err(format!("{quoted} is empty (0 bytes): there is no image in it."));
    }
    let head = read(blob, 0.0, file::HEAD_BYTES as f64).await.ok_or_else(|| {
        format!("{quoted} could not be read: it may be a folder, or a file that was moved or deleted.")
    })?;
    let header = file::sniff(&head);
    let what = header.format.name();
    if matches!(header.format, Format::Pdf | Format::Text) {
        return Err(format!("{quoted} is a {what}, not an image."));
    }
    let mut note = header.animated.then(|| {
        format!(
            "{quoted} is an animated {what}: its first frame is analysed, as a processor given the file \
             analyses it (Pillow opens the first frame)."
        )
    });
    if let Some(size) = header.size.filter(|s| s.area() > MAX_DECODE_PIXELS) {
        return Ok(Decoded {
            picture: None,
            natural: size,
            name: name.to_owned(),
            note: Some(too_large(&quoted, what, size)),
        });
    }
    let decoded = if header.format == Format::Svg {
        let bitmap = svg_bitmap(&window, blob).await.map_err(|e| format!("{quoted}: {e}"))?;
        note = Some(format!(
            "{quoted} is an SVG drawing, analysed at its own size ({}x{} px); a model receives it at whatever \
             size it is rasterised to.",
            bitmap.width(),
            bitmap.height()
        ));
        Ok(bitmap)
    } else {
        bitmap(&window, blob).await
    };
    let full = match decoded {
        Ok(full) => full,
        Err(()) if header.format.is_web_image() => {
            let tail = read(blob, (bytes - file::TAIL_BYTES as f64).max(0.0), bytes).await.unwrap_or_default();
            return Err(if header.format.ends_properly(&tail) {
                format!("{quoted} is a damaged {what}: this browser could not decode it.")
            } else {
                format!("{quoted} is a truncated {what}: the file ends before its image data does.")
            });
        }
        Err(()) if header.format.is_image() => {
            return Err(format!(
                "{quoted} is a {what}, a format this browser cannot decode: convert it to JPEG or PNG."
            ));
        }
        Err(()) => {
            return Err(format!(
                "{quoted} ({} bytes) is not an image this browser can read: its first bytes match no image format.",
                format!("{:.0}", bytes)
            ));
        }
    };
    let natural = Size::new(full.width(), full.height());
    if natural.width == 0 || natural.height == 0 {
        full.close();
        return Err(format!("{quoted} decodes to an image with no pixels."));
    }
    if natural.area() > MAX_DECODE_PIXELS {
        full.close();
        return Ok(Decoded {
            picture: None,
            natural,
            name: name.to_owned(),
            note: Some(too_large(&quoted, what, natural)),
        });
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
        None => match clone(&window, &bitmap).await {
            Some(thumb) => thumb,
            None => {
                bitmap.close();
                return Err(format!("{quoted} could not be copied for drawing (out of memory?)."));
            }
        },
    };
    let picture = Picture { bitmap, thumb, natural, name: name.to_owned() };
    Ok(Decoded { picture: Some(picture), natural, name: name.to_owned(), note })
}

fn too_large(quoted: &str, what: &str, size: Size) -> String {
    format!(
        "{quoted} is a {}x{} px {what} ({} megapixels): too large to decode in a browser tab, so it is \
         counted from the size its header declares and not drawn.",
        size.width,
        size.height,
        format!("{:.0}", size.area() as f64 / 1e6)
    )
}

/// Bytes `start..end` of `blob`, or `None` when the file cannot be read.
async fn read(blob: &Blob, start: f64, end: f64) -> Option<Vec<u8>> {
    let part = blob.slice_with_f64_and_f64(start, end).ok()?;
    let buffer = JsFuture::from(part.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The browser's decode, EXIF orientation honoured.
async fn bitmap(window: &web_sys::Window, blob: &Blob) -> Result<ImageBitmap, ()> {
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let promise = window.create_image_bitmap_with_blob_and_image_bitmap_options(blob, &options).map_err(|_| ())?;
    Ok(JsFuture::from(promise).await.map_err(|_| ())?.unchecked_into())
}

/// An SVG drawn through an `<img>` (where its scripts never run) at its own size.
async fn svg_bitmap(window: &web_sys::Window, blob: &Blob) -> Result<ImageBitmap, &'static str> {
    const BAD: &str = "this SVG drawing could not be drawn (it is not valid SVG)";
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| BAD)?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| BAD)?;
    img.set_src(&url);
    let loaded = JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    loaded.map_err(|_| BAD)?;
    let size = Size::new(img.natural_width(), img.natural_height());
    if size.width == 0 || size.height == 0 {
        return Err("this SVG drawing has no size of its own (no width and height): export it as PNG at the size \
                    the model will get");
    }
    if size.area() > MAX_DECODE_PIXELS {
        return Err("this SVG drawing declares a size too large to draw here");
    }
    let promise = window.create_image_bitmap_with_html_image_element(&img).map_err(|_| BAD)?;
    Ok(JsFuture::from(promise).await.map_err(|_| BAD)?.unchecked_into())
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
