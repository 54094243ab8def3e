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
    /// The size as the reader sees the image: the header's, with width and height swapped when a
    /// JPEG's EXIF orientation turns it by 90 degrees. `None` when the header does not say (or
    /// lies beyond the bytes read).
    pub size: Option<Size>,
    /// An animated GIF, PNG (APNG) or WebP: only the first frame is analysed.
    pub animated: bool,
}

/// Reads a file's first bytes (up to [`HEAD_BYTES`]; fewer when the file is shorter).
pub fn sniff(head: &[u8]) -> Header {
    let format = format_of(head);
    let (size, animated) = match format {
        Format::Png => png(head),
        Format::Jpeg => (jpeg(head), false),
        Format::Gif => gif(head),
        Format::Webp => webp(head),
        Format::Bmp => (bmp(head), false),
        _ => (None, false),
    };
    Header { format, size, animated }
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

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}
fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}
fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}
fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A size of two non-zero sides, or `None`.
fn size(width: Option<u32>, height: Option<u32>) -> Option<Size> {
    let (w, h) = (width?, height?);
    (w > 0 && h > 0).then(|| Size::new(w, h))
}

/// PNG: IHDR is the first chunk; an `acTL` chunk before the first `IDAT` makes it an APNG.
fn png(head: &[u8]) -> (Option<Size>, bool) {
    let declared = size(be32(head, 16), be32(head, 20));
    let mut at = 8;
    let mut animated = false;
    while let (Some(len), Some(kind)) = (be32(head, at), head.get(at + 4..at + 8)) {
        match kind {
            b"acTL" => animated = true,
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at = at.saturating_add(12).saturating_add(len as usize);
    }
    (declared, animated)
}

/// JPEG: walks the markers to the first frame header (SOFn), noting an EXIF orientation that
/// turns the image by 90 degrees (values 5 to 8) on the way.
fn jpeg(head: &[u8]) -> Option<Size> {
    let mut at = 2;
    let mut turned = false;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while head.get(at) == Some(&0xFF) && head.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if head.get(at) != Some(&0xFF) {
            return None;
        }
        let marker = *head.get(at + 1)?;
        if matches!(marker, 0xD0..=0xD7 | 0x01) {
            at += 2;
            continue;
        }
        let len = be16(head, at + 2)? as usize;
        let body = head.get(at + 4..(at + 2 + len).min(head.len()))?;
        match marker {
            0xE1 if body.starts_with(b"Exif\0\0") => turned = exif_turns(&body[6..]).unwrap_or(turned),
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let (h, w) = (be16(body, 1), be16(body, 3));
                let s = size(w, h)?;
                return Some(if turned { Size::new(s.height, s.width) } else { s });
            }
            0xD9 | 0xDA => return None,
            _ => {}
        }
        at += 2 + len;
    }
}

/// Whether a TIFF block (EXIF) says the image is stored turned by 90 degrees: orientation 5 to 8.
fn exif_turns(tiff: &[u8]) -> Option<bool> {
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| if little { le16(tiff, at) } else { be16(tiff, at) };
    let u32_at = |at: usize| if little { le32(tiff, at) } else { be32(tiff, at) };
    let ifd = u32_at(4)? as usize;
    let entries = u16_at(ifd)? as usize;
    (0..entries).map(|i| ifd + 2 + 12 * i).find(|&e| u16_at(e) == Some(0x0112)).map(|e| {
        let orientation = u16_at(e + 8).unwrap_or(1);
        (5..=8).contains(&orientation)
    })
}

/// GIF: the logical screen size; animated when a NETSCAPE looping block or a second frame
/// appears in the bytes read.
fn gif(head: &[u8]) -> (Option<Size>, bool) {
    let declared = size(le16(head, 6), le16(head, 8));
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
                    return (declared, true);
                }
                let Some(next) = skip_blocks(at + 2) else { break };
                at = next;
            }
            Some(0x2C) => {
                frames += 1;
                if frames > 1 {
                    return (declared, true);
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
    (declared, false)
}

/// WebP: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`, whose flags say animated).
fn webp(head: &[u8]) -> (Option<Size>, bool) {
    match head.get(12..16) {
        Some(b"VP8 ") => (size(le16(head, 26).map(|w| w & 0x3FFF), le16(head, 28).map(|h| h & 0x3FFF)), false),
        Some(b"VP8L") => {
            let bits = le32(head, 21);
            (size(bits.map(|b| (b & 0x3FFF) + 1), bits.map(|b| ((b >> 14) & 0x3FFF) + 1)), false)
        }
        Some(b"VP8X") => {
            let animated = head.get(20).is_some_and(|f| f & 0x02 != 0);
            (size(le24(head, 24).map(|w| w + 1), le24(head, 27).map(|h| h + 1)), animated)
        }
        _ => (None, false),
    }
}

/// BMP: BITMAPINFOHEADER's width and height (negative height: stored top-down).
fn bmp(head: &[u8]) -> Option<Size> {
    let width = le32(head, 18).map(|w| w as i32);
    let height = le32(head, 22).map(|h| h as i32);
    size(width.and_then(|w| u32::try_from(w).ok()), height.map(i32::unsigned_abs))
}
