"""Golden rows for GLM-5.3 (zai-org/GLM-5.3-Flash) clips: the real transformers 5.25.0
`Glm5NextVideoProcessor` / `Glm5NextProcessor` with the checkpoint's video_processor values
(processor_config.json as four public copies quote it: patch 14, temporal 2, merge 2,
patch_expand_factor 1, min_image_tokens 16, max_image_tokens 240000, fps 2, CLIP mean/std; the
rest are the class's: max_frames 2048, max_duration 0, do_sample_frames True), on torch `meta` clips.

Row format: golden_video.py's `pooled_row`; grid_thw = the processor's video_grid_thw
[groups (= frames / 2), patch rows, patch cols]. tokens_in_sequence = the tokens of
`<|begin_of_video|>` + the processor's expansion + `<|end_of_video|>`: per group
`<|begin_of_image|>` + P x `<|image|>` + `<|end_of_image|>` + f"{t:.1f} seconds".

The timestamp text is tokenized by a stand-in with GLM-4's pre-tokenizer split (ChatGLM4Tokenizer's
regex, as scripts/golden_video_glm.py does) and one token per piece: GLM-5.3's own tokenizer.json
(TokenizersBackend, vocab 154880) is not available offline, so the timestamp token count is a
hypothesis (each of '12', '.', '5', ' seconds' one token); everything else is the processor's.

Call-time options are what a user passes to `processor(...)`. Note: Glm5NextVideoProcessor's
`sample_frames` reads `self.max_frames` / `self.max_duration` and takes no `num_frames`, so
call-time `max_frames` and `num_frames` are silently ignored; `max_frames_init` sets it in __init__.

Writes tests/golden/video_rows_glm53.jsonl (vistok's options; check() also runs the processor's own
token-budget knobs).

Usage: python scripts/golden_video_glm53.py OUT.jsonl [--check]
"""

import itertools
import json
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
from tokenizers import Regex, Tokenizer, models, pre_tokenizers  # noqa: E402
from transformers import (  # noqa: E402
    Glm5NextImageProcessor,
    Glm5NextProcessor,
    Glm5NextVideoProcessor,
    PreTrainedTokenizerFast,
)
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

MODEL = "zai-org/GLM-5.3-Flash"
CLIP_MEAN, CLIP_STD = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]
IMAGE_CONFIG = {"patch_size": 14, "temporal_patch_size": 2, "merge_size": 2, "patch_expand_factor": 1,
                "min_image_tokens": 16, "max_image_tokens": 8000, "image_mean": CLIP_MEAN, "image_std": CLIP_STD}
VIDEO_CONFIG = {"patch_size": 14, "temporal_patch_size": 2, "merge_size": 2, "patch_expand_factor": 1,
                "min_image_tokens": 16, "max_image_tokens": 240000, "fps": 2, "image_mean": CLIP_MEAN,
                "image_std": CLIP_STD}
SPECIALS = ["<|endoftext|>", "[MASK]", "[gMASK]", "[sMASK]", "<sop>", "<eop>", "<|system|>", "<|user|>",
            "<|assistant|>", "<|observation|>", "<|begin_of_image|>", "<|end_of_image|>", "<|begin_of_video|>",
            "<|end_of_video|>", "<|image|>", "<|video|>"]
WRAPPER = "<|begin_of_video|><|video|><|end_of_video|>"
GLM4_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
              r"|\s*[\r\n]+|\s+(?!\S)|\s+")
TEXT_LIMIT = 400_000

OPTION_SETS = [{}, {"fps": 1}, {"fps": 4}, {"fps": 0.5}, {"fps": 0.1}, {"fps": 0.01}, {"num_frames": 16},
               {"max_frames": 64}]

_TOK = None


def tokenizer():
    """One token per piece of GLM-4's pre-tokenizer: every 1-3 digit run, '.', ' seconds'."""
    global _TOK
    if _TOK is None:
        pieces = [str(d).zfill(n) for n in (1, 2, 3) for d in range(10 ** n)] + [".", " seconds"]
        vocab = {"[UNK]": 0, **{p: i + 1 for i, p in enumerate(dict.fromkeys(pieces))}}
        tk = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
        tk.pre_tokenizer = pre_tokenizers.Split(pattern=Regex(GLM4_SPLIT), behavior="isolated")
        tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]")
        tok.add_special_tokens({"additional_special_tokens": SPECIALS})
        _TOK = tok
    return _TOK


def build(options):
    cfg = dict(VIDEO_CONFIG)
    if "max_frames_init" in options:
        cfg["max_frames"] = options["max_frames_init"]
    return Glm5NextProcessor(image_processor=Glm5NextImageProcessor(**IMAGE_CONFIG), tokenizer=tokenizer(),
                             video_processor=Glm5NextVideoProcessor(**cfg))


def call_kwargs(options):
    return {k: v for k, v in options.items()
            if k in ("fps", "num_frames", "max_frames", "min_image_tokens", "max_image_tokens", "do_sample_frames")}


def counts(proc, ids):
    assert proc.tokenizer.unk_token_id not in ids
    return ids.count(proc.image_token_id), len(ids)


def row(w, h, fps, frames, options):
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    proc = build(options)
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
        assert all(0 <= i < frames for i in indices)  # the sampler never leaves the clip
        pads = grid[0] * grid[1] * grid[2] // vp.merge_size ** 2
        if pads <= TEXT_LIMIT:
            r = proc(text=[WRAPPER], videos=[clip], video_metadata=[dict(meta)], **kw)
            feature, seq = counts(proc, list(r["input_ids"][0]))
        else:  # never reached with max_image_tokens <= 400000
            raise AssertionError("text too long")
    except Exception as e:  # noqa: BLE001 - every error the real processor raises is a row
        if isinstance(e, AssertionError):
            raise
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=grid, feature_tokens=feature, tokens_in_sequence=seq)
    return out


def full(w, h, fps, frames, options, generator=None):
    proc = build(options)
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=generator)
    try:
        r = proc(text=[WRAPPER], videos=[clip], video_metadata=[dict(meta)], **call_kwargs(options))
    except Exception as e:  # noqa: BLE001
        return {"error": f"{type(e).__name__}: {e}"}
    feature, seq = counts(proc, list(r["input_ids"][0]))
    grid = [int(x) for x in r["video_grid_thw"][0]]
    return {"grid_thw": grid, "feature_tokens": feature, "tokens_in_sequence": seq,
            "pixel_rows": int(r["pixel_values_videos"].shape[0])}


def check():
    g = torch.Generator().manual_seed(0)
    n = errors = 0
    clips = [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (40, 30, 2, 700),
             (20, 90, 1, 2), (300, 8, 25, 50), (30, 30, 30, 3), (200, 200, 30, 3)]
    opts = [{}, {"fps": 1}, {"fps": 3.5}, {"fps": 0.1}, {"num_frames": 6}, {"max_frames": 4}, {"max_frames_init": 4},
            {"max_image_tokens": 40}, {"min_image_tokens": 600}, {"max_image_tokens": 2}]
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
    print(f"GLM-5.3: meta fast path == whole processor on real pixels for {n} cases ({errors} errors alike)",
          file=sys.stderr)


def main():
    import os

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
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
