"""Golden rows for llava-hf/LLaVA-NeXT-Video-7B-hf's clips under transformers 5.25.0, in the format of
scripts/golden_video.py's `pooled_row`, over its clips; writes tests/golden/video_rows_llava.jsonl.
(Its image rows come from scripts/golden.py, through the same LlavaNextVideoProcessor.)

Processor values (see spec.md for the sources):
  LlavaNextVideoProcessor(patch_size=14, vision_feature_select_strategy="default",
                          num_additional_image_tokens=1, video_token="<video>", image_token="<image>")
  LlavaNextVideoVideoProcessor: size shortest_edge 336, crop 336x336, CLIP mean/std, bicubic; the
      checkpoint sets no num_frames / fps (class defaults None); frame sampling is switched on here
      (do_sample_frames=True, as golden_video.py does for its pooled processors and as
      `apply_chat_template` does whenever fps/num_frames are passed). With neither fps nor num_frames
      the sampler keeps every frame, which is also what do_sample_frames=False gives.
  LlavaNextImageProcessor(Pil): 336 crops, pinpoints [[336,672],[672,336],[672,672],[1008,336],[336,1008]].

The expansion of one <video> is only `<video>` x (336//14)^2//4 x frames = 144 per frame; no text.
Tokenizer: a stand-in that knows <image> and <video> (the expansion writes nothing else).

Usage: python scripts/golden_video_llava.py OUT.jsonl [--check]
"""

import itertools
import json
import os
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

from transformers import LlavaNextVideoProcessor, LlavaNextVideoVideoProcessor  # noqa: E402
from transformers.image_processing_utils import select_best_resolution  # noqa: E402
from transformers.models.llava_next.image_processing_pil_llava_next import LlavaNextImageProcessorPil  # noqa: E402
from transformers.video_utils import VideoMetadata  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_common import CLIP_MEAN, CLIP_STD, stand_in_tokenizer  # noqa: E402

MODEL = "llava-hf/LLaVA-NeXT-Video-7B-hf"
PINPOINTS = [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]]
PATCH = 14
CROP = 336

# Option sets worth testing: the default (every frame), a rate, a count, a rate below one frame per
# clip, and the two refusals (fps with num_frames; more frames than the clip has).
OPTION_SETS = [{}, {"fps": 1}, {"fps": 0.5}, {"fps": 4}, {"num_frames": 8}, {"num_frames": 32},
               {"fps": 0.01}, {"num_frames": 8, "fps": 2}]

_PROC = None


def processor():
    """The checkpoint's processor, built from its values (the Hub is not reachable here)."""
    global _PROC
    if _PROC is None:
        video = LlavaNextVideoVideoProcessor(size={"shortest_edge": CROP}, crop_size={"height": CROP, "width": CROP},
                                             do_center_crop=True, resample=3, image_mean=CLIP_MEAN,
                                             image_std=CLIP_STD, do_sample_frames=True)
        image = LlavaNextImageProcessorPil(image_grid_pinpoints=PINPOINTS, size={"shortest_edge": CROP},
                                           crop_size={"height": CROP, "width": CROP}, do_center_crop=True,
                                           do_pad=True, resample=3, image_mean=CLIP_MEAN, image_std=CLIP_STD)
        tok = stand_in_tokenizer(["<video>", "<image>"])
        _PROC = LlavaNextVideoProcessor(video_processor=video, image_processor=image, tokenizer=tok,
                                        patch_size=PATCH, vision_feature_select_strategy="default",
                                        num_additional_image_tokens=1, video_token="<video>", image_token="<image>")
    return _PROC


def _meta(w, h, fps, frames):
    return dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)


def row(w, h, fps, frames, options):
    """One video row, as golden_video.py's pooled_row writes it. The clip is a `meta` tensor: the
    video processor's own sampling, resize and centre crop run on shapes only; the span is the
    processor's own `replace_video_token` on the processed shape."""
    proc = processor()
    vp = proc.video_processor
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                     "duration_s": frames / fps}, "options": options}
    try:
        clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
        vout = vp(videos=[clip], video_metadata=[_meta(w, h, fps, frames)], return_metadata=True, **options)
        pv = vout["pixel_values_videos"][0]
        n, _, ph, pw = pv.shape
        md = vout["video_metadata"][0]
        indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
        assert len(indices) == n, (len(indices), n)
        fake = torch.zeros(1, 3, ph, pw).expand(n, 3, ph, pw)
        text = proc.replace_video_token({"pixel_values_videos": [fake]}, video_idx=0)
        feature = text.count("<video>")
        assert len(text) == feature * len("<video>")  # the span is placeholders and nothing else
        seq = feature
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[len(indices), ph // PATCH, pw // PATCH],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def full_row(w, h, fps, frames, options, generator=None):
    """The whole processor on real uint8 frames: (feature tokens, sequence length, frames out)."""
    proc = processor()
    clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=generator)
    r = proc(text=["<video>"], videos=[clip], video_metadata=[_meta(w, h, fps, frames)], **options)
    ids = list(r["input_ids"][0])
    vid = proc.tokenizer.convert_tokens_to_ids("<video>")
    return ids.count(vid), len(ids), int(r["pixel_values_videos"].shape[1])


def image_row(w, h, options=None):
    """One image row in scripts/golden.py's llava_next() format (the same keys)."""
    import PIL.Image

    options = options or {}
    proc = processor()
    row_ = {"model": MODEL, "width": w, "height": h, "options": options}
    image = PIL.Image.new("RGB", (w, h), (127, 127, 127))
    try:
        out = proc(text=["<image>"], images=[image], **options)
        ids = list(np.asarray(out["input_ids"][0]))
        if 0 in ids:
            raise RuntimeError("stand-in tokenizer met an unknown piece")
        feat = ids.count(proc.tokenizer.convert_tokens_to_ids("<image>"))
        pv = np.asarray(out["pixel_values"])
        bh, bw = select_best_resolution([h, w], PINPOINTS)
        row_.update({"feature_tokens": feat, "tokens_in_sequence": len(ids),
                     "best_resolution": {"width": int(bw), "height": int(bh)}, "crops": int(pv.shape[1]) - 1,
                     "tile_grid": {"cols": int(bw) // CROP, "rows": int(bh) // CROP}})
        # the processor's own helper (vLLM uses it) agrees with the expansion
        helper = proc._get_num_multimodal_tokens(image_sizes=[(h, w)])["num_image_tokens"][0]
        row_["helper_agrees"] = helper == feat
    except Exception as exc:  # the reference refused this size: record why
        row_["error"] = f"{type(exc).__name__}: {exc}"
    return row_


def check():
    """Meta clips through the fast path == real clips through the whole processor."""
    g = torch.Generator().manual_seed(0)
    n = 0
    for (w, h, fps, frames), options in itertools.product(
            [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (400, 30, 25, 9)],
            [{}, {"num_frames": 6}, {"fps": 4}, {"fps": 1}, {"num_frames": 7}, {"num_frames": 6, "fps": 2},
             {"num_frames": 100}]):
        fast = row(w, h, fps, frames, options)
        try:
            full = full_row(w, h, fps, frames, options, g)
        except (ValueError, TypeError) as e:
            assert "error" in fast and fast["error"] == f"{type(e).__name__}: {e}", (fast, e)
            n += 1
            continue
        assert "error" not in fast, fast
        assert (fast["feature_tokens"], fast["tokens_in_sequence"], fast["frames_sampled"]) == full, (fast, full)
        assert fast["feature_tokens"] == 144 * fast["frames_sampled"]
        n += 1
    # image path: the expansion equals the LLaVA-NeXT formula and the processor's own helper
    for w, h in [(1, 1), (640, 480), (480, 640), (1920, 1080), (100, 3000), (503, 316), (336, 336)]:
        r = image_row(w, h)
        assert "error" not in r and r["helper_agrees"], r
        n += 1
    print(f"check: {n} cases, meta fast path == whole processor on real clips", file=sys.stderr)


def main():
    from golden_video import clips

    if "--check" in sys.argv:
        check()
    rows = [row(w, h, fps, frames, o) for o in OPTION_SETS for (w, h, fps, d, frames) in clips()]
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
