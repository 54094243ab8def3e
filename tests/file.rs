//! The header reader, on files built here byte by byte the way their specifications lay them out.

use vistok::engine::Size;
use vistok::engine::file::{Format, Header, sniff};

mod common;

use common::{gif, jpeg, png};

#[test]
fn png_size_and_animation() {
    assert_eq!(
        sniff(&png(20_000, 20_000, None)),
        Header {
            format: Format::Png,
            size: Some(Size::new(20_000, 20_000)),
            stored: Some(Size::new(20_000, 20_000)),
            orientation: 1,
            animated: false
        }
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
            assert_eq!((h.orientation, h.stored), (o, Some(Size::new(400, 200))));
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
