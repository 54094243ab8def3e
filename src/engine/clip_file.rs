//! What a video file says about itself, read from its container without decoding a frame: the
//! frame size, the number of frames, the duration and so the average frame rate, as a decoder's
//! metadata gives them to a video processor (`VideoMetadata`: `total_num_frames`, `fps`,
//! `duration`, `width`, `height`). MP4 and QuickTime through Mozilla's `mp4parse` (Firefox's MP4
//! parser); Matroska and WebM through `matroska-demuxer`, which walks the blocks to count frames
//! (WebM written by a browser's MediaRecorder states neither a duration nor a frame rate).

use std::io::{Read, Seek, SeekFrom};

use super::geometry::Size;
use super::video::Clip;

/// Why a file's clip could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClipFileError(pub String);

impl std::fmt::Display for ClipFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ClipFileError {}

/// A container's video track, as read.
#[derive(Clone, Debug, PartialEq)]
pub struct ClipFile {
    /// "MP4" (MP4 and QuickTime) or "Matroska" (MKV and WebM).
    pub container: &'static str,
    pub clip: Clip,
}

fn fail(message: impl Into<String>) -> ClipFileError {
    ClipFileError(message.into())
}

/// Reads the first video track of an MP4/MOV or MKV/WebM file.
pub fn read_clip<R: Read + Seek>(mut file: R) -> Result<ClipFile, ClipFileError> {
    let mut head = [0u8; 12];
    let n = read_up_to(&mut file, &mut head)?;
    file.seek(SeekFrom::Start(0)).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    if n >= 4 && head[..4] == [0x1A, 0x45, 0xDF, 0xA3] {
        matroska(file)
    } else if n >= 8 && matches!(&head[4..8], b"ftyp" | b"moov" | b"mdat" | b"free" | b"wide" | b"skip") {
        mp4(file)
    } else {
        Err(fail("not a video container vistok reads (MP4, MOV, MKV or WebM)"))
    }
}

fn read_up_to<R: Read>(file: &mut R, buf: &mut [u8]) -> Result<usize, ClipFileError> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(k) => filled += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(fail(format!("cannot read the file: {e}"))),
        }
    }
    Ok(filled)
}

fn clip_of(width: u64, height: u64, frames: u64, duration_s: f64) -> Result<Clip, ClipFileError> {
    let side = |v: u64| u32::try_from(v).ok().filter(|&v| v > 0);
    let (Some(w), Some(h)) = (side(width), side(height)) else {
        return Err(fail(format!("the video track declares a frame of {width}x{height} px")));
    };
    if frames == 0 {
        return Err(fail("the video track has no frames"));
    }
    if !(duration_s.is_finite() && duration_s > 0.0) {
        return Err(fail("the video track declares no duration"));
    }
    Clip::with_frames(Size::new(w, h), frames as f64 / duration_s, duration_s, frames).map_err(|e| fail(e.to_string()))
}

/// MP4 / QuickTime: the sample description's coded size, the frame count from the time-to-sample
/// table, the media duration over its timescale.
fn mp4<R: Read>(mut file: R) -> Result<ClipFile, ClipFileError> {
    let context = mp4parse::read_mp4(&mut file).map_err(|e| fail(format!("not a readable MP4/MOV file: {e:?}")))?;
    let track = context
        .tracks
        .iter()
        .find(|t| t.track_type == mp4parse::TrackType::Video)
        .ok_or_else(|| fail("the file has no video track"))?;
    let entry = track.stsd.as_ref().and_then(|d| {
        d.descriptions.iter().find_map(|e| match e {
            mp4parse::SampleEntry::Video(v) => Some((u64::from(v.width), u64::from(v.height))),
            _ => None,
        })
    });
    let (width, height) = entry
        .or_else(|| track.tkhd.as_ref().map(|t| (u64::from(t.width >> 16), u64::from(t.height >> 16))))
        .ok_or_else(|| fail("the video track declares no frame size"))?;
    let frames: u64 =
        track.stts.as_ref().map(|s| s.samples.iter().map(|s| u64::from(s.sample_count)).sum()).unwrap_or(0);
    if frames == 0 {
        return Err(fail(
            "the MP4 lists no frames in its header (a fragmented MP4?): its frame count cannot be read without demuxing",
        ));
    }
    let duration_s = match (&track.duration, &track.timescale) {
        (Some(d), Some(t)) if t.0 > 0 => d.0 as f64 / t.0 as f64,
        _ => 0.0,
    };
    Ok(ClipFile { container: "MP4", clip: clip_of(width, height, frames, duration_s)? })
}

/// Matroska / WebM: the track's pixel size, its blocks counted, the duration from the segment
/// info or, where none is written, from the last block's time plus one frame.
fn matroska<R: Read + Seek>(file: R) -> Result<ClipFile, ClipFileError> {
    use matroska_demuxer::{Frame, MatroskaFile, TrackType};
    let mut mkv = MatroskaFile::open(file).map_err(|e| fail(format!("not a readable MKV/WebM file: {e}")))?;
    let track = mkv
        .tracks()
        .iter()
        .find(|t| t.track_type() == TrackType::Video)
        .ok_or_else(|| fail("the file has no video track"))?;
    let number = track.track_number().get();
    let video = track.video().ok_or_else(|| fail("the video track declares no frame size"))?;
    let (width, height) = (video.pixel_width().get(), video.pixel_height().get());
    let default_ns = track.default_duration().map(|d| d.get());
    let scale_ns = mkv.info().timestamp_scale().get() as f64;
    let declared_s = mkv.info().duration().map(|d| d * scale_ns / 1e9);
    let mut frame = Frame::default();
    let (mut frames, mut first, mut last) = (0u64, None::<u64>, 0u64);
    while mkv.next_frame(&mut frame).map_err(|e| fail(format!("a block of the file cannot be read: {e}")))? {
        if frame.track == number {
            frames += 1;
            first.get_or_insert(frame.timestamp);
            last = last.max(frame.timestamp);
        }
    }
    let duration_s = match declared_s {
        Some(d) if d > 0.0 => d,
        _ => {
            // The span of the block times plus one frame (the declared frame length, or the
            // average gap between blocks).
            let span = (last - first.unwrap_or(last)) as f64 * scale_ns / 1e9;
            let one =
                default_ns.map_or(if frames > 1 { span / (frames - 1) as f64 } else { 0.0 }, |ns| ns as f64 / 1e9);
            span + one
        }
    };
    Ok(ClipFile { container: "Matroska", clip: clip_of(width, height, frames, duration_s)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_not_video_say_so() {
        let err = read_clip(std::io::Cursor::new(b"\x89PNG\r\n\x1a\n0000".to_vec())).unwrap_err();
        assert!(err.0.contains("not a video container"), "{err}");
        let err = read_clip(std::io::Cursor::new(Vec::new())).unwrap_err();
        assert!(err.0.contains("not a video container"), "{err}");
        // A box header with nothing after it, and an EBML magic with nothing after it.
        let err = read_clip(std::io::Cursor::new(b"\0\0\0\x18ftypisom".to_vec())).unwrap_err();
        assert!(err.0.contains("MP4"), "{err}");
        let err = read_clip(std::io::Cursor::new(vec![0x1A, 0x45, 0xDF, 0xA3, 0x80])).unwrap_err();
        assert!(err.0.contains("MKV"), "{err}");
    }
}
