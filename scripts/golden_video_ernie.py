"""Golden rows for ERNIE 4.5 VL (baidu/ERNIE-4.5-VL-28B-A3B-PT) clips: the real transformers 5.25.0
`Ernie4_5_VLMoeVideoProcessor` / `Ernie4_5_VLMoeProcessor` with the checkpoint's values (the HF
converter builds the video processor from the class defaults plus its font), on torch `meta` clips.

Row format: golden_video.py's `pooled_row` (model, video, options, then error or frames_sampled,
frame_indices | indices_head/indices_tail/indices_sum, grid_thw = [groups, patch rows, patch cols],
feature_tokens, tokens_in_sequence). NOTE: the processor's own `video_grid_thw[0]` is the (even)
FRAME count; grid_thw[0] here is the group count = frames / 2 (temporal_patch_size 2).

tokens_in_sequence = the chat template's `<|VIDEO_START|><|VIDEO_PLACEHOLDER|><|VIDEO_END|>` after
the processor's expansion (placeholders + 2); the template's `Video n:` prefix is prompt text and
is not counted (as `Picture n:` is not counted for images).

Two things a meta clip cannot show and the real processor does, emulated here and held against
real pixels by `check()`:
- `video[indices]` on a real tensor raises IndexError when `torch.arange(0, N, N / n)` yields
  n + 1 indices, the last == N (meta tensors do not bounds-check);
- drawing the timestamp (draw_on_frames, on by default) needs a font size int(min(w, h) * 0.1) > 0,
  so a clip whose smaller side is under 10 px raises ValueError in Pillow.

Usage: python scripts/golden_video_ernie.py OUT.jsonl [--check]
"""

import itertools
import json
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

from transformers import (  # noqa: E402
    Ernie4_5_VLMoeImageProcessor,
    Ernie4_5_VLMoeProcessor,
    Ernie4_5_VLMoeVideoProcessor,
)

MODEL = "baidu/ERNIE-4.5-VL-28B-A3B-PT"
TOKENS = {
    "image_token": "<|IMAGE_PLACEHOLDER|>", "image_start_token": "<|IMAGE_START|>", "image_end_token": "<|IMAGE_END|>",
    "video_token": "<|VIDEO_PLACEHOLDER|>", "video_start_token": "<|VIDEO_START|>", "video_end_token": "<|VIDEO_END|>",
}
WRAPPER = "<|VIDEO_START|><|VIDEO_PLACEHOLDER|><|VIDEO_END|>"
# The checkpoint ships Roboto-Regular.ttf (the converter copies it from AntonV/ernie4_5_fonts); any
# TrueType font draws the same shapes-wise: the timestamp only changes pixels, never a count.
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TEXT_LIMIT = 400_000

# Option sets worth testing. Pixel budget knobs go through `size` (the only way this class takes them).
OPTION_SETS = [
    {}, {"fps": 1}, {"fps": 2}, {"fps": 0.25}, {"num_frames": 16}, {"num_frames": 64}, {"num_frames": 180},
    {"num_frames": 7}, {"num_frames": 200}, {"max_frames": 64}, {"min_frames": 4, "fps": 0.5},
    {"fps": 2, "num_frames": 16}, {"max_pixels": 200704}, {"min_pixels": 1003520, "max_pixels": 2007040},
]

_TOK = None


def tokenizer():
    global _TOK
    if _TOK is None:
        from golden_common import stand_in_tokenizer

        tok = stand_in_tokenizer(list(TOKENS.values()), **TOKENS)
        for name, token in TOKENS.items():
            setattr(tok, name + "_id", tok.convert_tokens_to_ids(token))
        _TOK = tok
    return _TOK


def build():
    video = Ernie4_5_VLMoeVideoProcessor(font=FONT)  # class defaults == the converter's checkpoint values
    proc = Ernie4_5_VLMoeProcessor(image_processor=Ernie4_5_VLMoeImageProcessor(), tokenizer=tokenizer(),
                                   video_processor=video)
    return proc


def call_kwargs(options, meta_clip):
    kw = {k: v for k, v in options.items() if k in ("fps", "num_frames", "min_frames", "max_frames", "draw_on_frames")}
    if "min_pixels" in options or "max_pixels" in options:
        kw["size"] = {"shortest_edge": options.get("min_pixels", 299 * 28 * 28),
                      "longest_edge": options.get("max_pixels", 1196 * 28 * 28)}
    if meta_clip:
        kw["draw_on_frames"] = False  # PIL cannot draw on a meta tensor; drawing changes no shape
    return kw


def font_check(w, h):
    """`_render_image_with_timestamp`: ImageFont.truetype(font, int(min(w, h) * 0.1)) on the unresized frame."""
    if int(min(w, h) * 0.1) <= 0:
        raise ValueError(f"font size must be greater than 0, not {int(min(w, h) * 0.1)}")


def guard(vp, frames, w, h, draw):
    """What real pixels do and a meta clip does not, in the processor's order: `video[indices]`
    bounds-checks the indices (right after sampling), then the timestamps are drawn."""
    orig = vp.sample_frames

    def checked(metadata, **kw):
        idx = orig(metadata, **kw)
        for i in np.asarray(idx).tolist():
            if not -frames <= i < frames:
                raise IndexError(f"index {i} is out of bounds for dimension 0 with size {frames}")
        if draw:
            font_check(w, h)
        return idx

    vp.sample_frames = checked


def row(w, h, fps, frames, options):
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    proc = build()
    vp = proc.video_processor
    draw = options.get("draw_on_frames", vp.draw_on_frames)
    guard(vp, frames, w, h, draw)
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
    kw = call_kwargs(options, meta_clip=True)
    try:
        vout = vp(videos=[clip], video_metadata=[dict(meta)], return_metadata=True, **kw)
        t, gh, gw = (int(x) for x in vout["video_grid_thw"][0])
        indices = [int(i) for i in np.asarray(vout["video_metadata"][0].frames_indices)]
        pads = t * gh * gw // (vp.merge_size ** 2 * vp.temporal_patch_size)
        if pads <= TEXT_LIMIT:
            r = proc(text=[WRAPPER], videos=[clip], video_metadata=[dict(meta)], **kw)
            ids = list(r["input_ids"][0])
            feature, seq = ids.count(proc.video_token_id), len(ids)
        else:
            feature, seq = pads, pads + 2
    except (ValueError, TypeError, ZeroDivisionError, IndexError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[t // vp.temporal_patch_size, gh, gw],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def full(w, h, fps, frames, options, generator=None):
    """The whole processor on real uint8 pixels (timestamps drawn unless the options say not)."""
    proc = build()
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=generator)
    try:
        r = proc(text=[WRAPPER], videos=[clip], video_metadata=[dict(meta)], return_metadata=True,
                 **call_kwargs(options, meta_clip=False))
    except (ValueError, TypeError, ZeroDivisionError, IndexError) as e:
        return {"error": f"{type(e).__name__}: {e}"}
    ids = list(r["input_ids"][0])
    t, gh, gw = (int(x) for x in r["video_grid_thw"][0])
    return {"frames_sampled": len(r["video_metadata"][0].frames_indices), "grid_thw": [t // 2, gh, gw],
            "feature_tokens": ids.count(proc.video_token_id), "tokens_in_sequence": len(ids),
            "pixel_rows": int(r["pixel_values_videos"].shape[0])}


def check():
    g = torch.Generator().manual_seed(0)
    n = errors = 0
    clips = [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (40, 30, 2, 200),
             (8, 60, 5, 20), (30, 30, 30, 30), (120, 120, 7.5, 41),
             (5, 1500, 10, 20), (12, 3000, 4, 17), (40, 30, 2, 185)]
    opts = [{}, {"num_frames": 16}, {"num_frames": 26}, {"fps": 4}, {"fps": 0.5, "min_frames": 2},
            {"max_frames": 20}, {"num_frames": 6}, {"fps": 2, "num_frames": 16}, {"max_pixels": 20000},
            {"draw_on_frames": False}]
    for (w, h, fps, frames), options in itertools.product(clips, opts):
        fast = row(w, h, fps, frames, options)
        real = full(w, h, fps, frames, options, g)
        if "error" in real or "error" in fast:
            assert real.get("error") == fast.get("error"), (w, h, fps, frames, options, fast, real)
            errors += 1
        else:
            got = {k: fast[k] for k in ("frames_sampled", "grid_thw", "feature_tokens", "tokens_in_sequence")}
            want = {k: real[k] for k in got}
            assert got == want, (w, h, fps, frames, options, got, want)
            g_, gh, gw = fast["grid_thw"]
            assert real["pixel_rows"] == 2 * g_ * gh * gw
        n += 1
    print(f"ERNIE: meta fast path == whole processor on real pixels for {n} cases ({errors} errors alike)",
          file=sys.stderr)


# Beyond golden_video's clips: a frame too small for the timestamp's font, and clip lengths where
# float32 arange yields one index too many (185 and 196 frames by default; 26 of 30).
EXTRA_CLIPS = [(8, 60, 5, 20), (40, 30, 2, 185), (640, 360, 30, 196), (640, 360, 30, 14196), (96, 64, 10, 30)]


def main():
    from golden_video import clips

    if "--check" in sys.argv:
        check()
    all_clips = [(w, h, fps, frames) for w, h, fps, d, frames in clips()] + EXTRA_CLIPS
    rows = [row(w, h, fps, frames, o) for o in OPTION_SETS for (w, h, fps, frames) in all_clips]
    rows += [row(96, 64, 10, 30, {"num_frames": 26, "min_frames": 2})]
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
