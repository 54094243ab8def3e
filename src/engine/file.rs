//! What an image file says about itself before anything decodes it: its format, the size its
//! header declares, whether it is animated, and whether it ends where it should. The page reads
//! this from the file's first bytes so that it can name the problem with a file the browser will
//! not decode (a PDF, a HEIC photo, a truncated JPEG) and can count a huge image from its header
//! instead of decoding gigabytes of pixels.

use super::Size;

/// How many leading bytes [`sniff`] wants: enough for every header it parses (a JPEG's EXIF block
/// can come before its frame header) and for the first frames of a small animated GIF.
pub const HEAD_BYTES: u64 = 256 * 1024;
/// How many trailing bytes [`Format::ends_properly`] wants.
pub const TAIL_BYTES: u64 = 4096;

/// A file format, recognised from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Gif,
    Webp,
    Bmp,
    Ico,
    Avif,
    Svg,
    Heic,
    Tiff,
    JpegXl,
    Psd,
    Pdf,
    Text,
    Unknown,
}

impl Format {
    /// The format's name as a reader knows it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG image",
            Format::Jpeg => "JPEG image",
            Format::Gif => "GIF image",
            Format::Webp => "WebP image",
            Format::Bmp => "BMP image",
            Format::Ico => "ICO icon",
            Format::Avif => "AVIF image",
            Format::Svg => "SVG drawing",
            Format::Heic => "HEIC (HEIF) image",
            Format::Tiff => "TIFF image",
            Format::JpegXl => "JPEG XL image",
            Format::Psd => "Photoshop document",
            Format::Pdf => "PDF document",
            Format::Text => "text file",
            Format::Unknown => "file of no image format vistok recognises",
        }
    }

    /// An image format at all (whether or not this browser decodes it).
    pub fn is_image(self) -> bool {
        !matches!(self, Format::Pdf | Format::Text | Format::Unknown)
    }

    /// Every browser decodes it; a failure to decode one means the file is damaged.
    pub fn is_web_image(self) -> bool {
        matches!(self, Format::Png | Format::Jpeg | Format::Gif | Format::Webp | Format::Bmp | Format::Ico)
    }

    /// Whether `tail` (a file's last bytes) ends the way a complete file of this format does:
    /// a JPEG with its end-of-image marker, a PNG with its IEND chunk. `true` for other formats.
    pub fn ends_properly(self, tail: &[u8]) -> bool {
        match self {
            // Cameras and editors sometimes pad after the marker, so it need not be the last bytes.
            Format::Jpeg => tail.windows(2).any(|w| w == [0xFF, 0xD9]),
            Format::Png => tail.windows(4).any(|w| w == b"IEND"),
            _ => true,
        }
    }
}

/// What a file's first bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub format: Format,
    /// The size as the reader (and transformers' `load_image`) sees the image: the header's, with
    /// width and height swapped when the EXIF orientation turns it by 90 degrees. `None` when the
    /// header does not say (or lies beyond the bytes read).
    pub size: Option<Size>,
    /// The size the header declares, as stored.
    pub stored: Option<Size>,
    /// The EXIF orientation, 1 (as stored) to 8; 1 when the file has none.
    pub orientation: u16,
    /// An animated GIF, PNG (APNG) or WebP: only the first frame is analysed.
    pub animated: bool,
}

/// Reads a file's first bytes (up to [`HEAD_BYTES`]; fewer when the file is shorter). The size
/// comes from `imagesize`, the orientation from `kamadak-exif` (JPEG, PNG, WebP, TIFF, HEIF): a
/// portrait phone photo stored sideways is upright here, as `PIL.ImageOps.exif_transpose` makes it.
pub fn sniff(head: &[u8]) -> Header {
    let format = format_of(head);
    let stored = if format.is_image() && format != Format::Svg { declared(head, format) } else { None };
    let orientation = if stored.is_some() { orientation(head) } else { 1 };
    let size = stored.map(|s| if (5..=8).contains(&orientation) { Size::new(s.height, s.width) } else { s });
    let animated = match format {
        Format::Png => png_animated(head),
        Format::Gif => gif_animated(head),
        Format::Webp => webp_animated(head),
        _ => false,
    };
    Header { format, size, stored, orientation, animated }
}

/// What a file's head (its first bytes: [`HEAD_BYTES`] is plenty, `vistok scan` reads 64 KiB
/// first) and tail (its last [`TAIL_BYTES`], or the head again for a short file) say about
/// counting it: its header, or why it cannot be counted. The page and `vistok scan` both judge a
/// file here, so they count the same files.
pub fn examine(head: &[u8], tail: &[u8]) -> Result<Header, String> {
    if head.is_empty() {
        return Err("empty file".into());
    }
    let header = sniff(head);
    if !header.format.is_image() {
        return Err(format!("not an image: {}", header.format.name()));
    }
    if !header.format.ends_properly(tail) {
        return Err(format!("truncated: a {} that stops before its end marker", header.format.name()));
    }
    if header.size.is_none() {
        return Err(format!(
            "a {} whose header gives no usable size (truncated, a zero side, or none in the bytes read)",
            header.format.name()
        ));
    }
    Ok(header)
}

/// Whether a head that [`sniff`] read needs the rest of the file: an extended WebP whose flags
/// say it carries EXIF, which WebP stores after the image data, when the orientation was not in
/// the bytes read. PIL reads it there, so a reader must too (the rest of a WebP is small).
pub fn exif_lies_beyond(head: &[u8], header: &Header) -> bool {
    header.format == Format::Webp
        && header.orientation == 1
        && head.get(12..16) == Some(b"VP8X")
        && head.get(20).is_some_and(|f| f & 0x08 != 0)
}

/// The most of a file a reader takes to find a WebP's EXIF (see [`exif_lies_beyond`]).
pub const WHOLE_FILE_BYTES: u64 = 16 << 20;

/// The size the header declares: both sides at least 1 and within `u32`.
fn declared(head: &[u8], format: Format) -> Option<Size> {
    let s = imagesize::blob_size(head).ok()?;
    let (w, mut h) = (u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?);
    if format == Format::Bmp {
        // A BMP stored top-down declares a negative height; imagesize 0.15 reads it unsigned.
        h = (h as i32).unsigned_abs();
    }
    (w > 0 && h > 0).then(|| Size::new(w, h))
}

/// The EXIF orientation of the primary image (1 to 8), or 1 without a readable one.
fn orientation(head: &[u8]) -> u16 {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(head)) else { return 1 };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|o| u16::try_from(o).ok())
        .filter(|o| (1..=8).contains(o))
        .unwrap_or(1)
}

fn format_of(head: &[u8]) -> Format {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Format::Png
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        Format::Jpeg
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Format::Gif
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Format::Webp
    } else if starts(b"BM") && head.len() >= 26 {
        Format::Bmp
    } else if starts(&[0, 0, 1, 0]) && head.len() >= 6 {
        Format::Ico
    } else if starts(b"%PDF-") {
        Format::Pdf
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Format::Tiff
    } else if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0cJXL \r\n\x87\n") {
        Format::JpegXl
    } else if starts(b"8BPS") {
        Format::Psd
    } else if head.get(4..8) == Some(b"ftyp") {
        iso_brand(head)
    } else {
        text_kind(head)
    }
}

/// AVIF or HEIC, from an ISO media file's `ftyp` box (major and compatible brands).
fn iso_brand(head: &[u8]) -> Format {
    let len = be32(head, 0).map_or(0, |l| l as usize).clamp(16, head.len().max(16));
    let brands: Vec<&[u8]> = head.get(8..len).unwrap_or(&[]).chunks_exact(4).collect();
    if brands.iter().any(|b| matches!(*b, b"avif" | b"avis")) {
        Format::Avif
    } else if brands
        .iter()
        .any(|b| matches!(*b, b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"))
    {
        Format::Heic
    } else {
        Format::Unknown
    }
}

/// SVG, other text, or unknown: text is valid UTF-8 (allowing a character cut at the end of the
/// bytes read) without control characters other than whitespace.
fn text_kind(head: &[u8]) -> Format {
    let sample = &head[..head.len().min(4096)];
    let text = match std::str::from_utf8(sample) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
            std::str::from_utf8(&sample[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return Format::Unknown,
    };
    if text.is_empty() || text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Format::Unknown;
    }
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if (start.starts_with("<?xml") || start.starts_with("<svg") || start.starts_with("<!--")) && text.contains("<svg") {
        Format::Svg
    } else {
        Format::Text
    }
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// PNG: an `acTL` chunk before the first `IDAT` makes it an APNG.
fn png_animated(head: &[u8]) -> bool {
    let mut at = 8;
    while let (Some(len), Some(kind)) = (be32(head, at), head.get(at + 4..at + 8)) {
        match kind {
            b"acTL" => return true,
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at = at.saturating_add(12).saturating_add(len as usize);
    }
    false
}

/// GIF: animated when a NETSCAPE looping block or a second frame appears in the bytes read.
fn gif_animated(head: &[u8]) -> bool {
    let flags = head.get(10).copied().unwrap_or(0);
    let mut at = 13 + if flags & 0x80 != 0 { 3 << ((flags & 7) + 1) } else { 0 };
    let mut frames = 0;
    let skip_blocks = |mut at: usize| -> Option<usize> {
        loop {
            let n = *head.get(at)? as usize;
            at += 1 + n;
            if n == 0 {
                return Some(at);
            }
        }
    };
    loop {
        match head.get(at) {
            Some(0x21) => {
                if head.get(at + 1) == Some(&0xFF) && head.get(at + 3..at + 14) == Some(b"NETSCAPE2.0") {
                    return true;
                }
                let Some(next) = skip_blocks(at + 2) else { break };
                at = next;
            }
            Some(0x2C) => {
                frames += 1;
                if frames > 1 {
                    return true;
                }
                let local = head.get(at + 9).copied().unwrap_or(0);
                let table = if local & 0x80 != 0 { 3 << ((local & 7) + 1) } else { 0 };
                // Image descriptor, local colour table, LZW code size, then data sub-blocks.
                let Some(next) = skip_blocks(at + 10 + table + 1) else { break };
                at = next;
            }
            _ => break,
        }
    }
    false
}

/// WebP: an extended file (`VP8X`) whose flags say animated.
fn webp_animated(head: &[u8]) -> bool {
    head.get(12..16) == Some(b"VP8X") && head.get(20).is_some_and(|f| f & 0x02 != 0)
}
