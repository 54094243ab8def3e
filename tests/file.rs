//! The header reader, on files built here byte by byte the way their specifications lay them out.

use vistok::engine::Size;
use vistok::engine::file::{Format, Header, sniff};

fn png(width: u32, height: u32, extra_chunk: Option<&[u8; 4]>) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |b: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
        b.extend((data.len() as u32).to_be_bytes());
        b.extend(kind);
        b.extend(data);
        b.extend([0; 4]); // CRC, not checked by the reader
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    chunk(&mut b, b"IHDR", &ihdr);
    if let Some(kind) = extra_chunk {
        chunk(&mut b, kind, &[0; 8]);
    }
    chunk(&mut b, b"IDAT", &[1, 2, 3]);
    chunk(&mut b, b"IEND", &[]);
    b
}

/// A JPEG head: SOI, optionally an EXIF block with an orientation, then a baseline frame header.
fn jpeg(width: u16, height: u16, orientation: Option<u16>, little_endian: bool) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    if let Some(o) = orientation {
        let u16b = |v: u16| if little_endian { v.to_le_bytes() } else { v.to_be_bytes() };
        let u32b = |v: u32| if little_endian { v.to_le_bytes() } else { v.to_be_bytes() };
        let mut tiff: Vec<u8> = if little_endian { b"II".to_vec() } else { b"MM".to_vec() };
        tiff.extend(u16b(42));
        tiff.extend(u32b(8));
        tiff.extend(u16b(2));
        // An unrelated entry first (ImageWidth), then Orientation.
        tiff.extend(u16b(0x0100));
        tiff.extend(u16b(3));
        tiff.extend(u32b(1));
        tiff.extend(u16b(640));
        tiff.extend([0, 0]);
        tiff.extend(u16b(0x0112));
        tiff.extend(u16b(3));
        tiff.extend(u32b(1));
        tiff.extend(u16b(o));
        tiff.extend([0, 0]);
        tiff.extend([0; 4]);
        let len = (2 + 6 + tiff.len()) as u16;
        b.extend([0xFF, 0xE1]);
        b.extend(len.to_be_bytes());
        b.extend(b"Exif\0\0");
        b.extend(tiff);
    }
    b.extend([0xFF, 0xC0, 0, 17, 8]);
    b.extend(height.to_be_bytes());
    b.extend(width.to_be_bytes());
    b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend([0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]);
    b
}

/// A GIF with `frames` one-pixel frames, optionally with the NETSCAPE looping block.
fn gif(frames: usize, looping: bool) -> Vec<u8> {
    let mut b = b"GIF89a".to_vec();
    b.extend(300u16.to_le_bytes());
    b.extend(200u16.to_le_bytes());
    b.extend([0x80, 0, 0, 0, 0, 0, 255, 255, 255]); // global table of 2 colours
    if looping {
        b.extend([0x21, 0xFF, 11]);
        b.extend(b"NETSCAPE2.0");
        b.extend([3, 1, 0, 0, 0]);
    }
    for _ in 0..frames {
        b.extend([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // graphic control extension
        b.extend([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // 1x1 at 0,0, no local table
        b.extend([2, 2, 0x4C, 0x01, 0]); // LZW: clear, 0, end
    }
    b.push(0x3B);
    b
}

#[test]
fn png_size_and_animation() {
    assert_eq!(
        sniff(&png(20_000, 20_000, None)),
        Header { format: Format::Png, size: Some(Size::new(20_000, 20_000)), animated: false }
    );
    assert!(sniff(&png(64, 32, Some(b"acTL"))).animated, "an acTL chunk before IDAT is an APNG");
    assert!(!sniff(&png(64, 32, Some(b"tEXt"))).animated);
    assert_eq!(sniff(&png(0, 32, None)).size, None, "a zero side is no size");
    let whole = png(64, 32, None);
    assert!(Format::Png.ends_properly(&whole));
    assert!(!Format::Png.ends_properly(&whole[..whole.len() - 12]));
}

#[test]
fn jpeg_size_follows_exif_orientation() {
    assert_eq!(sniff(&jpeg(400, 200, None, false)).size, Some(Size::new(400, 200)));
    for little in [false, true] {
        for o in 1..=8 {
            let expected = if o >= 5 { Size::new(200, 400) } else { Size::new(400, 200) };
            let h = sniff(&jpeg(400, 200, Some(o), little));
            assert_eq!((h.format, h.size), (Format::Jpeg, Some(expected)), "orientation {o}, little-endian {little}");
        }
    }
    let head = jpeg(400, 200, None, false);
    assert!(!Format::Jpeg.ends_properly(&head), "no end-of-image marker: truncated");
    assert!(Format::Jpeg.ends_properly(&[head.as_slice(), &[0xFF, 0xD9, 0, 0]].concat()));
    assert_eq!(sniff(&head[..20]).size, None, "a frame header beyond the bytes read is no size");
}

#[test]
fn gif_animation_from_a_second_frame_or_a_loop() {
    let one = sniff(&gif(1, false));
    assert_eq!((one.format, one.size, one.animated), (Format::Gif, Some(Size::new(300, 200)), false));
    assert!(sniff(&gif(2, false)).animated);
    assert!(sniff(&gif(1, true)).animated);
}

#[test]
fn webp_bmp_and_the_formats_browsers_may_not_decode() {
    let mut vp8x = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0".to_vec();
    vp8x.extend([0x02, 0, 0, 0]); // flags: animation
    vp8x.extend([0x3F, 0x01, 0]); // width - 1 = 319
    vp8x.extend([0xEF, 0, 0]); // height - 1 = 239
    let h = sniff(&vp8x);
    assert_eq!((h.format, h.size, h.animated), (Format::Webp, Some(Size::new(320, 240)), true));

    let mut bmp = b"BM".to_vec();
    bmp.extend([0; 16]);
    bmp.extend(640i32.to_le_bytes());
    bmp.extend((-480i32).to_le_bytes());
    assert_eq!(sniff(&bmp).size, Some(Size::new(640, 480)), "a top-down BMP has a negative height");

    let cases: [(&[u8], Format); 9] = [
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", Format::Heic),
        (b"\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf", Format::Avif),
        (b"II*\0\x08\0\0\0", Format::Tiff),
        (b"%PDF-1.7\n%\xe2\xe3", Format::Pdf),
        (b"8BPS\0\x01", Format::Psd),
        (b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", Format::Svg),
        (b"hello, this is not an image\n", Format::Text),
        (b"\0\x01\x02\x03\xfe\xff", Format::Unknown),
        (b"", Format::Unknown),
    ];
    for (bytes, format) in cases {
        assert_eq!(sniff(bytes).format, format, "{:?}", String::from_utf8_lossy(bytes));
    }
    assert!(Format::Heic.is_image() && !Format::Heic.is_web_image());
    assert!(!Format::Pdf.is_image() && !Format::Text.is_image());
}
