//! vLLM's default video loaders (vLLM 0.34.0, commit 62d4bc3c7, `vllm/multimodal/video.py`), as
//! `vllm serve` runs them for a `video_url` with no `media_io_kwargs`: the checkpoint's video
//! processor class picks the loader (`qwen2_vl`, `qwen3_vl`, `opencv_dynamic` for GLM-4.1V's),
//! else the plain `opencv` loader with `VideoMediaIO`'s 32 frames. Each returns the frames the
//! loader decodes (sorted, without repeats); the checkpoint's processor then takes them as they are.

use super::glm::{linspace, linspace_int};
use super::{Clip, VideoError, torch_arange_int};

/// `VideoBackend.compute_frames_index_to_sample` (`video.py:215-238`) with `num_frames` 32 and no
/// rate: every frame of a clip of up to 32, else `np.linspace(0, n - 1, 32, dtype=int)`.
pub fn opencv(clip: &Clip) -> Vec<u64> {
    let n = clip.frames;
    let k = n.clamp(1, 32);
    if k == n { (0..n).collect() } else { linspace_int(0, n - 1, k) }
}

/// `Qwen3VLVideoBackend` (`video.py:366-421`): `int(n / fps_in x 2)` frames within 4..768 and the
/// clip, at `np.linspace(0, n - 1, k).round()` (HF's own Qwen3-VL sampler).
pub fn qwen3_vl(clip: &Clip) -> Vec<u64> {
    let n = clip.frames;
    let k = ((n as f64 / clip.fps * 2.0).trunc() as u64).clamp(4, 768).min(n);
    super::qwen::linspace_round(n, k)
}

/// `Qwen2VLVideoBackend` (`video.py:606-681`): `n / fps_in x 2` frames (a float) within 4 and the
/// clip's whole pairs up to 768, floored to whole pairs, at torch's float32 `arange(0, n, n / k)`,
/// clamped to the last frame (float32 sometimes yields one index more: the count can be odd).
pub fn qwen2_vl(clip: &Clip) -> Result<Vec<u64>, VideoError> {
    let n = clip.frames;
    let most = (768.min(n) / 2 * 2) as f64;
    let k = (n as f64 / clip.fps * 2.0).max(4.0).min(most).min(n as f64);
    let k = (k / 2.0).floor() * 2.0;
    if k == 0.0 {
        return Err(VideoError::ProcessorRefuses(
            "vLLM's Qwen2-VL loader takes 0 frames (whole pairs) from a 1-frame clip and divides by zero".into(),
        ));
    }
    let mut indices: Vec<u64> =
        torch_arange_int(0.0, n as f64, n as f64 / k).into_iter().map(|i| i.min(n - 1)).collect();
    indices.dedup();
    Ok(indices)
}

/// `DynamicVideoBackend` (`video.py:688-773`), GLM-4.1V's sampler ported: 2 frames a second up to
/// 300 s (without HF's "at least one"), else 600 spread; sorted, without repeats or padding.
pub fn opencv_dynamic(clip: &Clip) -> Result<Vec<u64>, VideoError> {
    let (n, last) = (clip.frames, clip.frames - 1);
    let duration = n as f64 / clip.fps;
    let mut indices: Vec<u64> = if duration <= 300.0 {
        let k = (duration * 2.0).floor() as u64;
        (0..k).map(|i| last.min((i as f64 * clip.fps / 2.0).ceil() as u64)).collect()
    } else if 600 >= n {
        (0..n).collect()
    } else {
        linspace(0.0, duration, 600).map(|t| last.min((t * clip.fps).ceil() as u64)).collect()
    };
    indices.sort_unstable();
    indices.dedup();
    if indices.is_empty() {
        return Err(VideoError::ProcessorRefuses(
            "max() arg is an empty sequence (vLLM's GLM loader reads no frame from a clip under 0.5 s)".into(),
        ));
    }
    Ok(indices)
}
