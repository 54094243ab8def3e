"""Golden rows for Kimi K2.6 video (moonshotai/Kimi-K2.6), from transformers 5.25.0's own
Kimi_K25Processor + Kimi_K25VideoProcessor, run on torch `meta` clips (no pixel memory).

Checkpoint values (see spec.md): the video processor's class defaults, which equal the K2.6 repo's
remote-code media_proc_cfg (in_patch_limit_each_frame 4096, patch_limit_on_one_side 512,
sample_fps 2.0, temporal_merge_kernel_size 4, mean/std 0.5): max_patches 4096 a frame, 512 patches
a side, 14-px patches, 2x2 merge, 4-frame chunks, fps 2, frame sampling on.

Text: every chunk is written as "HH:MM:SS.mmm<|media_begin|>video<|media_content|>" + n x
<|kimi_k25_video_placeholder|> + "<|media_end|>". Kimi's real tiktoken vocabulary is not available
offline, so the plain text is counted by a stand-in that splits it with Kimi's own pre-tokenizer
regex (tokenization_kimi2_6.py's pat_str) and counts one token a piece: 7 for a timestamp
("00", ":", "00", ":", "01", ".", "500"), 1 for "video". UNPINNED: that each such piece is one
token of Kimi's vocabulary.

Options (vistok's names): fps; num_frames as a plain call passes it, which the processor refuses (its
fps 2 is always present; check() also runs it with fps=None, as the HF tests do).
Writes tests/golden/video_rows_kimi.jsonl.

Usage: python scripts/golden_video_kimi.py OUT.jsonl [--check]
"""

import itertools
import re
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

from transformers import Kimi_K25ImageProcessor, Kimi_K25Processor, Kimi_K25VideoProcessor  # noqa: E402

MODEL = "moonshotai/Kimi-K2.6"
HALF = [0.5, 0.5, 0.5]
VIDEO_CONFIG = {"size": {"max_height": 512, "max_width": 512}, "max_patches": 4096, "patch_size": 14,
                "merge_size": 2, "temporal_patch_size": 4, "fps": 2, "do_sample_frames": True,
                "image_mean": HALF, "image_std": HALF, "resample": 3}
IMAGE_CONFIG = {"size": {"max_height": 512, "max_width": 512}, "max_patches": 16384, "patch_size": 14,
                "merge_size": 2, "image_mean": HALF, "image_std": HALF, "resample": 3}
VIDEO_TOKEN = "<|kimi_k25_video_placeholder|>"
SPECIALS = ["<|media_begin|>", "<|media_content|>", "<|media_end|>", "<|media_pad|>", VIDEO_TOKEN]
# tokenization_kimi2_6.py (huggingface/transformers) Kimi_K25Tokenizer.pat_str, the same as the
# checkpoint's tokenization_kimi.py.
KIMI_PAT = "|".join([
    r"""[\p{Han}]+""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]*[\p{Ll}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]+[\p{Ll}\p{Lm}\p{Lo}\p{M}&&[^\p{Han}]]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""",
    r""" ?[^\s\p{L}\p{N}]+[\r\n]*""",
    r"""\s*[\r\n]+""",
    r"""\s+(?!\S)""",
    r"""\s+""",
])

OPTION_SETS = [{}, {"fps": 1}, {"fps": 4}, {"fps": 0.5}, {"fps": 0.01}, {"num_frames": 16}]

_TOK = None


def tokenizer():
    """The media tokens as special tokens; plain text split by Kimi's pre-tokenizer regex, one
    token (the stand-in's [UNK]) a piece."""
    global _TOK
    if _TOK is None:
        import tokenizers
        from tokenizers import AddedToken, Regex
        from transformers import TokenizersBackend

        tok = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab={"[UNK]": 0}, unk_token="[UNK]"))
        tok.pre_tokenizer = tokenizers.pre_tokenizers.Split(Regex(KIMI_PAT), "isolated")
        tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in SPECIALS])
        _TOK = TokenizersBackend(tokenizer_object=tok, unk_token="[UNK]")
    return _TOK


def build(options):
    config = dict(VIDEO_CONFIG)
    if "max_patches" in options:
        config["max_patches"] = options["max_patches"]
    if "max_side_patches" in options:
        config["size"] = {"max_height": options["max_side_patches"], "max_width": options["max_side_patches"]}
    return Kimi_K25Processor(image_processor=Kimi_K25ImageProcessor(**IMAGE_CONFIG), tokenizer=tokenizer(),
                             video_processor=Kimi_K25VideoProcessor(**config))


def call_kwargs(options):
    kwargs = {}
    if "fps" in options:
        kwargs["fps"] = options["fps"]
    if "num_frames" in options:
        kwargs["num_frames"] = options["num_frames"]
        if options.get("fps", 0) is None:
            kwargs["fps"] = None
    if "do_sample_frames" in options:
        kwargs["do_sample_frames"] = options["do_sample_frames"]
    return kwargs


_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in SPECIALS) + ")")


def count_text(text):
    """Token count of `text` as the tokenizer splits it: special tokens are split out first, so
    the count is the specials plus each plain segment's count (segments cached)."""
    tok, total, cache = tokenizer(), 0, {}
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece in SPECIALS:
            total += 1
        else:
            if piece not in cache:
                cache[piece] = len(tok.encode(piece, add_special_tokens=False))
            total += cache[piece]
    return total


def row(w, h, fps, frames, options):
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps}
    try:
        proc = build(options)
        clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
        vout = proc.video_processor(videos=[clip], video_metadata=[meta], return_metadata=True, **call_kwargs(options))
        text = proc.replace_video_token(vout, video_idx=0)
        md = vout["video_metadata"][0]
        indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
        grids = vout["video_grid_thw"].tolist()
        chunks = int(vout["num_chunks_per_video"][0])
        assert len(grids) == chunks and len({tuple(g[1:]) for g in grids}) == 1
        feature = text.count(VIDEO_TOKEN)
        seq = count_text(text)
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[chunks, grids[0][1], grids[0][2]],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def formula(w, h, fps, frames, options):
    """The pseudocode of spec.md, for comparison with `row`."""
    import math
    if options.get("do_sample_frames") is False:
        return {"error": "ValueError: Cannot infer video `timestamps` when `fps` or `frames_indices` is None."}
    if "num_frames" in options and options.get("fps", 0) is not None:
        return {"error": "ValueError: `num_frames` and `fps` are mutually exclusive arguments, please use only one!"}
    if "num_frames" in options:
        n = options["num_frames"]
    else:
        n = max(1, int(frames / fps * options.get("fps", 2)))
    if n > frames:
        return {"error": f"ValueError: When loading the video with num_frames={n}, the requested number of frames "
                         f"exceeds total_num_frames={frames}. Please set num_frames or fps to a smaller value."}
    max_patches = options.get("max_patches", 4096)
    side = options.get("max_side_patches", 512)
    ph, pw = max(1.0, h // 14), max(1.0, w // 14)
    scale = min(1.0, math.sqrt(max_patches / (ph * pw)), side * 14 / h, side * 14 / w)
    nh, nw = min(max(1, int(h * scale)), side * 14), min(max(1, int(w * scale)), side * 14)
    gh, gw = -(-nh // 28) * 2, -(-nw // 28) * 2
    chunks = -(-n // 4)
    per = gh * gw // 4
    return {"frames_sampled": n, "grid_thw": [chunks, gh, gw], "feature_tokens": chunks * per,
            "tokens_in_sequence": chunks * (per + 11)}


def check():
    """Meta clips through `row` == the whole real processor on real uint8 clips (input_ids of the
    video placeholder alone), and both == the pseudocode."""
    g = torch.Generator().manual_seed(0)
    n = 0
    for (w, h, fps, frames), options in itertools.product(
            [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (420, 300, 25, 50)],
            [{}, {"num_frames": 6, "fps": None}, {"fps": 4}, {"fps": 1}, {"max_patches": 64},
             {"max_side_patches": 4}, {"num_frames": 40, "fps": None}, {"do_sample_frames": False}, {"num_frames": 6}]):
        fast = row(w, h, fps, frames, options)
        proc = build(options)
        meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps}
        real = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=g)
        try:
            r = proc(text=[VIDEO_TOKEN], videos=[real], video_metadata=[meta], **call_kwargs(options))
        except (ValueError, TypeError) as e:
            assert fast.get("error") == f"{type(e).__name__}: {e}", (fast, e)
            assert formula(w, h, fps, frames, options)["error"] == fast["error"], fast
            n += 1
            continue
        ids = list(np.asarray(r["input_ids"][0]))
        vid = proc.tokenizer.convert_tokens_to_ids(VIDEO_TOKEN)
        grids = r["video_grid_thw"].tolist()
        assert "error" not in fast, fast
        assert ids.count(vid) == fast["feature_tokens"] and len(ids) == fast["tokens_in_sequence"], (fast, len(ids))
        assert [len(grids), grids[0][1], grids[0][2]] == fast["grid_thw"], (grids, fast)
        assert sum(g_[0] for g_ in grids) == fast["frames_sampled"]
        f = formula(w, h, fps, frames, options)
        assert all(f[k] == fast[k] for k in f), (f, fast)
        n += 1
    print(f"kimi: {n} small clips, meta rows == real processor == formula", file=sys.stderr)


def main():
    import json
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from golden_video import clips

    if "--check" in sys.argv:
        check()
    rows, bad = [], 0
    for options in OPTION_SETS:
        for w, h, fps, d, frames in clips():
            r = row(w, h, fps, frames, options)
            f = formula(w, h, fps, frames, options)
            bad += any(r.get(k) != v for k, v in f.items())
            rows.append(r)
    assert bad == 0, f"{bad} rows differ from the spec's formula"
    with open(sys.argv[1], "w") as out:
        for r in rows:
            out.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
