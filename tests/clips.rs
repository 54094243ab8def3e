//! Video files: the container read without decoding (size, frame count, duration and so the
//! frame rate), as ffprobe reports them for the committed clips (scripts/make_clips.sh; each
//! file's name says what ffmpeg was asked to write), and strange files refused with a message.

use std::io::Cursor;
use std::process::Command;

use vistok::engine::Size;
use vistok::engine::clip_file::read_clip;

fn clip(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/clips/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn each_container_gives_the_size_frames_and_rate_it_was_written_with() {
    // (file, container, size, frames, fps, duration): ffprobe -count_frames on each file.
    let cases = [
        ("h264-320x240-25fps-50f.mp4", "MP4", Size::new(320, 240), 50, 25.0, 2.0),
        ("h264-176x144-29.97fps-30f.mov", "MP4", Size::new(176, 144), 30, 30000.0 / 1001.0, 1.001),
        ("vp9-256x144-24fps-36f.webm", "Matroska", Size::new(256, 144), 36, 24.0, 1.5),
        ("vp8-160x90-60fps-60f.mkv", "Matroska", Size::new(160, 90), 60, 60.0, 1.0),
    ];
    for (name, container, size, frames, fps, duration) in cases {
        let read = read_clip(Cursor::new(clip(name))).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read.container, container, "{name}");
        assert_eq!(read.clip.size, size, "{name}");
        assert_eq!(read.clip.frames, frames, "{name}");
        assert!((read.clip.fps - fps).abs() < 1e-3, "{name}: {} fps", read.clip.fps);
        assert!((read.clip.duration_s - duration).abs() < 1e-3, "{name}: {} s", read.clip.duration_s);
    }
}

#[test]
fn broken_and_foreign_files_get_a_message_never_a_panic() {
    let mp4 = clip("h264-320x240-25fps-50f.mp4");
    let webm = clip("vp9-256x144-24fps-36f.webm");
    // Every truncation of both files, and each with bytes flipped: an answer or an error.
    for bytes in [&mp4, &webm] {
        for cut in (0..bytes.len()).step_by(97) {
            let _ = read_clip(Cursor::new(bytes[..cut].to_vec()));
        }
        for at in (0..bytes.len().min(4096)).step_by(7) {
            let mut b = bytes.clone();
            b[at] ^= 0xA5;
            let _ = read_clip(Cursor::new(b));
        }
    }
    let png = std::fs::read(format!("{}/assets/samples/screenshot.png", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let err = read_clip(Cursor::new(png)).unwrap_err();
    assert!(err.to_string().contains("not a video container"), "{err}");
}

#[test]
fn count_reads_a_clip_file_and_counts_it() {
    let path = format!("{}/tests/clips/h264-320x240-25fps-50f.mp4", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .args(["count", &path, "--model", "Qwen/Qwen3-VL-8B-Instruct"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("MP4 320x240 px, 50 frames at 25.000 fps, 2.000 s"), "{text}");
    // The same clip as a batch line gives the same total.
    let total = |t: &str| t.lines().find_map(|l| l.strip_prefix("tokens in sequence ")).map(|v| v.trim().to_owned());
    let mut child = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .arg("batch")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"model": "Qwen/Qwen3-VL-8B-Instruct", "video": {"width": 320, "height": 240, "fps": 25, "duration_s": 2}}"#)
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&child.wait_with_output().unwrap().stdout).unwrap();
    assert_eq!(total(&text).unwrap(), line["tokens_in_sequence"].to_string());
    // An image is counted as an image (from its header); a file that is neither fails.
    let png = format!("{}/assets/samples/screenshot.png", env!("CARGO_MANIFEST_DIR"));
    let image = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .args(["count", &png, "--model", "Qwen/Qwen3-VL-8B-Instruct"])
        .output()
        .unwrap();
    assert!(image.status.success() && String::from_utf8_lossy(&image.stdout).contains("image            1280x800"));
    let text = format!("{}/assets/samples/CREDITS.md", env!("CARGO_MANIFEST_DIR"));
    let bad = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .args(["count", &text, "--model", "Qwen/Qwen3-VL-8B-Instruct"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("not a video container"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let none = Command::new(env!("CARGO_BIN_EXE_vistok"))
        .args(["count", &path, "--model", "google/paligemma-3b-pt-224"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("takes no video"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
}
