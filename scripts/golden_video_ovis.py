"""Golden rows for Ovis2.5 (ovis-community/Ovis2.5-2B) clips: the real transformers 5.25.0
`Ovis2_5VideoProcessor` / `Ovis2_5Processor` with the checkpoint's values (the HF converter
convert_ovis2_5_weights_to_hf.py builds `Ovis2_5VideoProcessor(size={"shortest_edge": 448*448,
"longest_edge": 1344*1792})` for the 2B; everything else is the class's: do_sample_frames False, no
fps / num_frames, patch 16, temporal 1, merge 2, BILINEAR), on torch `meta` clips.

Row format: golden_video.py's `pooled_row`; grid_thw = video_grid_thw [frames (temporal patch 1),
patch rows, patch cols]. tokens_in_sequence = what the processor writes for the video placeholder:
`<ovis_video_start>` + N x video token + `<ovis_video_end>` (N = frames x rows/2 x cols/2). No text
is written, so no vocabulary is needed (a stand-in with the special tokens).

By default every frame of the clip is used (do_sample_frames False): a caller's `fps` or `num_frames`
is ignored unless `do_sample_frames=True` is passed too. The rows are made with sampling on, as for
every family in golden_video.py (the issue's "frame sampling on"); with no rate or count that is
still every frame. Writes tests/golden/video_rows_ovis.jsonl.

Usage: python scripts/golden_video_ovis.py OUT.jsonl [--check]
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

from transformers import Ovis2_5ImageProcessor, Ovis2_5Processor, Ovis2_5VideoProcessor  # noqa: E402

MODEL = "ovis-community/Ovis2.5-2B"
SIZE = {"shortest_edge": 448 * 448, "longest_edge": 1344 * 1792}
TOKENS = {"image_token": "<|image_pad|>", "image_start_token": "<ovis_image_start>",
          "image_end_token": "<ovis_image_end>", "video_token": "<|video_pad|>",
          "video_start_token": "<ovis_video_start>", "video_end_token": "<ovis_video_end>"}
TEXT_LIMIT = 400_000

# vistok's options (each row adds do_sample_frames=True).
OPTION_SETS = [
    {}, {"fps": 1}, {"fps": 2}, {"num_frames": 16}, {"num_frames": 64}, {"fps": 1, "num_frames": 16},
    {"fps": 1, "max_pixels": 200704}, {"fps": 1, "min_pixels": 802816, "max_pixels": 3211264}, {"fps": 0.01},
]

_TOK = None


def tokenizer():
    global _TOK
    if _TOK is None:
        from golden_common import stand_in_tokenizer

        _TOK = stand_in_tokenizer(list(TOKENS.values()), **TOKENS)
    return _TOK


def build():
    return Ovis2_5Processor(image_processor=Ovis2_5ImageProcessor(size=SIZE), tokenizer=tokenizer(),
                            video_processor=Ovis2_5VideoProcessor(size=SIZE))


def call_kwargs(options):
    kw = {k: v for k, v in options.items() if k in ("fps", "num_frames", "do_sample_frames")}
    kw.setdefault("do_sample_frames", True)
    if "min_pixels" in options or "max_pixels" in options:
        kw["size"] = {"shortest_edge": options.get("min_pixels", SIZE["shortest_edge"]),
                      "longest_edge": options.get("max_pixels", SIZE["longest_edge"])}
    return kw


def row(w, h, fps, frames, options):
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    proc = build()
    vp = proc.video_processor
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
    kw = call_kwargs(options)
    try:
        vout = vp(videos=[clip], video_metadata=[dict(meta)], return_metadata=True, **kw)
        grid = [int(x) for x in vout["video_grid_thw"][0]]
        md = vout["video_metadata"][0]
        fi = md.frames_indices if md.frames_indices is not None else range(frames)
        indices = [int(i) for i in np.asarray(fi)]
        assert all(0 <= i < frames for i in indices)
        pads = grid[0] * grid[1] * grid[2] // vp.merge_size ** 2
        if pads <= TEXT_LIMIT:
            r = proc(text=[TOKENS["video_token"]], videos=[clip], video_metadata=[dict(meta)], **kw)
            ids = list(r["input_ids"][0])
            feature, seq = ids.count(proc.video_token_id), len(ids)
        else:  # replace_video_token's arithmetic: start + N placeholders + end
            feature, seq = pads, pads + 2
    except (ValueError, TypeError, ZeroDivisionError, IndexError, RuntimeError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=grid, feature_tokens=feature, tokens_in_sequence=seq)
    return out


def full(w, h, fps, frames, options, generator=None):
    proc = build()
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=generator)
    try:
        r = proc(text=[TOKENS["video_token"]], videos=[clip], video_metadata=[dict(meta)], **call_kwargs(options))
    except (ValueError, TypeError, ZeroDivisionError, IndexError, RuntimeError) as e:
        return {"error": f"{type(e).__name__}: {e}"}
    ids = list(r["input_ids"][0])
    return {"grid_thw": [int(x) for x in r["video_grid_thw"][0]], "feature_tokens": ids.count(proc.video_token_id),
            "tokens_in_sequence": len(ids), "pixel_rows": int(r["pixel_values_videos"].shape[0])}


def check():
    g = torch.Generator().manual_seed(0)
    n = errors = 0
    clips = [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (20, 5000, 1, 2),
             (7000, 33, 2, 3), (31, 40, 5, 9)]
    opts = [{}, {"fps": 1}, {"do_sample_frames": True}, {"do_sample_frames": True, "fps": 1},
            {"do_sample_frames": True, "num_frames": 6}, {"do_sample_frames": True, "num_frames": 40},
            {"do_sample_frames": True, "fps": 1, "num_frames": 6}, {"max_pixels": 20000},
            {"do_sample_frames": True, "fps": 0.01}]
    for (w, h, fps, frames), options in itertools.product(clips, opts):
        fast = row(w, h, fps, frames, options)
        real = full(w, h, fps, frames, options, g)
        if "error" in real or "error" in fast:
            assert real.get("error") == fast.get("error"), (w, h, fps, frames, options, fast, real)
            errors += 1
        else:
            got = {k: fast[k] for k in ("grid_thw", "feature_tokens", "tokens_in_sequence")}
            want = {k: real[k] for k in got}
            assert got == want, (w, h, fps, frames, options, got, want)
            assert real["pixel_rows"] == fast["grid_thw"][0] * fast["grid_thw"][1] * fast["grid_thw"][2]
        n += 1
    print(f"Ovis2.5: meta fast path == whole processor on real pixels for {n} cases ({errors} errors alike)",
          file=sys.stderr)


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
