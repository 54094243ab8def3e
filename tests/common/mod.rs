//! Image files built byte by byte the way their specifications lay them out, shared by the
//! header reader's tests and the command line's.
#![allow(dead_code)]

/// A JPEG APP1 segment holding an EXIF block whose first IFD has an unrelated entry, then the
/// orientation `o`.
pub fn exif_app1(o: u16, little_endian: bool) -> Vec<u8> {
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
    let mut b = vec![0xFF, 0xE1];
    b.extend(len.to_be_bytes());
    b.extend(b"Exif\0\0");
    b.extend(tiff);
    b
}

pub fn png(width: u32, height: u32, extra_chunk: Option<&[u8; 4]>) -> Vec<u8> {
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
pub fn jpeg(width: u16, height: u16, orientation: Option<u16>, little_endian: bool) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    if let Some(o) = orientation {
        b.extend(exif_app1(o, little_endian));
    }
    b.extend([0xFF, 0xC0, 0, 17, 8]);
    b.extend(height.to_be_bytes());
    b.extend(width.to_be_bytes());
    b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend([0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]);
    b
}

/// A GIF with `frames` one-pixel frames, optionally with the NETSCAPE looping block.
pub fn gif(frames: usize, looping: bool) -> Vec<u8> {
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
