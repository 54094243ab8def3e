"""Golden rows for GLM-V clips: the real transformers 5.25.0 `Glm4vVideoProcessor` /
`Glm4vProcessor` (GLM-4.1V, GLM-4.5V) and `Glm46VVideoProcessor` / `Glm46VProcessor` (GLM-4.6V),
with their class values (the checkpoints' own, where pinned: src/engine/catalogue/video.rs cites
them), over the clips of golden_video.py. Writes tests/golden/video_rows_glm.jsonl.

Each row runs the processor's own `sample_frames` on the clip's metadata, its module's
`smart_resize` on the sampled frame count, and its own `replace_video_token` inside the chat
template's `<|begin_of_video|><|video|><|end_of_video|>`; `--check` holds that against the whole
processor on real pixels. The text is tokenized by a stand-in with GLM-4's pre-tokenizer (its
split regex, from ChatGLM4Tokenizer) and one token per piece: GLM's own vocabulary is not
readable here, so the timestamps' token count is the hypothesis the engine marks approximate;
everything else (frames, timestamps, grids, placeholders, delimiters) is the processor's.

Usage: python scripts/golden_video_glm.py OUT.jsonl [--check]
"""

import itertools
import json
import os
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
from tokenizers import Regex, Tokenizer, models, pre_tokenizers  # noqa: E402
from transformers import (  # noqa: E402
    Glm4vImageProcessor,
    Glm4vProcessor,
    Glm4vVideoProcessor,
    Glm46VImageProcessor,
    Glm46VProcessor,
    Glm46VVideoProcessor,
    PreTrainedTokenizerFast,
)
from transformers.utils import logging as hf_logging  # noqa: E402
from transformers.video_utils import VideoMetadata  # noqa: E402

hf_logging.set_verbosity_error()

SPECIALS = ["<|endoftext|>", "[MASK]", "[gMASK]", "[sMASK]", "<sop>", "<eop>", "<|system|>", "<|user|>",
            "<|assistant|>", "<|observation|>", "<|begin_of_image|>", "<|end_of_image|>", "<|begin_of_video|>",
            "<|end_of_video|>", "<|image|>", "<|video|>"]
WRAPPER = "<|begin_of_video|><|video|><|end_of_video|>"
GLM4_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
              r"|\s*[\r\n]+|\s+(?!\S)|\s+")

MODELS = {
    "zai-org/GLM-4.1V-9B-Thinking": (Glm4vProcessor, Glm4vImageProcessor, Glm4vVideoProcessor),
    "zai-org/GLM-4.5V": (Glm4vProcessor, Glm4vImageProcessor, Glm4vVideoProcessor),
    "zai-org/GLM-4.6V": (Glm46VProcessor, Glm46VImageProcessor, Glm46VVideoProcessor),
}
OPTIONS = {
    "zai-org/GLM-4.1V-9B-Thinking": [{}, {"fps": 1}, {"fps": 4}, {"fps": 0.1}, {"num_frames": 16},
                                     {"max_pixels": 2097152}, {"min_pixels": 4000000}],
    "zai-org/GLM-4.5V": [{}],
    "zai-org/GLM-4.6V": [{}, {"fps": 1}, {"max_pixels": 2097152}],
}


def stand_in_tokenizer():
    """One token per piece of GLM-4's pre-tokenizer: every 1-3 digit run, '.', ' seconds'."""
    pieces = [str(d).zfill(n) for n in (1, 2, 3) for d in range(10 ** n)] + [".", " seconds"]
    vocab = {"[UNK]": 0, **{p: i + 1 for i, p in enumerate(dict.fromkeys(pieces))}}
    tk = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tk.pre_tokenizer = pre_tokenizers.Split(pattern=Regex(GLM4_SPLIT), behavior="isolated")
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]")
    tok.add_special_tokens({"additional_special_tokens": SPECIALS})
    return tok


def build(model, options):
    proc_cls, image_cls, video_cls = MODELS[model]
    size = {"shortest_edge": options.get("min_pixels", 12544), "longest_edge": options.get("max_pixels", 47040000)}
    return proc_cls(image_processor=image_cls(), tokenizer=stand_in_tokenizer(), video_processor=video_cls(size=size))


def call_kwargs(options):
    return {k: v for k, v in options.items() if k in ("fps", "num_frames")}


def counts(proc, text):
    ids = proc.tokenizer(text, add_special_tokens=False)["input_ids"]
    assert proc.tokenizer.unk_token_id not in ids, text[:200]
    return ids.count(proc.image_token_id), len(ids)


def row(model, w, h, fps, frames, options, full=False):
    out = {"model": model, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    proc = build(model, options)
    vp = proc.video_processor
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    try:
        if full:
            clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8)
            r = proc(text=[WRAPPER], videos=[clip], video_metadata=[meta], return_metadata=True,
                     **call_kwargs(options))
            ids = list(r["input_ids"][0])
            return ids.count(proc.image_token_id), len(ids), [int(x) for x in r["video_grid_thw"][0]]
        kw = vp._merge_and_standardize_kwargs(**call_kwargs(options))
        for k in ("do_sample_frames", "video_metadata", "input_data_format", "device", "do_convert_rgb"):
            kw.pop(k, None)
        md = VideoMetadata(**meta)
        indices = [int(i) for i in np.asarray(vp.sample_frames(metadata=md, **kw))]
        md.frames_indices = indices
        smart_resize = sys.modules[type(vp).__module__].smart_resize
        rh, rw = smart_resize(num_frames=len(indices), height=h, width=w, factor=28, temporal_factor=2,
                              min_pixels=kw["size"].shortest_edge, max_pixels=kw["size"].longest_edge)
        grid = torch.tensor([[len(indices) // 2, rh // 14, rw // 14]])
        text = WRAPPER.replace("<|video|>", proc.replace_video_token({"video_grid_thw": grid, "video_metadata": [md]},
                                                                     video_idx=0))
        feature, seq = counts(proc, text)
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[int(x) for x in grid[0]],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def check():
    """The fast path gives what the whole processor gives on real pixels."""
    n = 0
    for model in ("zai-org/GLM-4.1V-9B-Thinking", "zai-org/GLM-4.6V"):
        for (w, h, fps, frames), options in itertools.product(
                [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (40, 30, 2, 700),
                 (20, 90, 1, 2)],
                [{}, {"fps": 1}, {"fps": 3.5}, {"num_frames": 6}, {"max_pixels": 40000}]):
            fast = row(model, w, h, fps, frames, options)
            try:
                full = row(model, w, h, fps, frames, options, full=True)
            except ValueError:
                assert "error" in fast, (model, w, h, fps, frames, options, fast)
                continue
            assert (fast["feature_tokens"], fast["tokens_in_sequence"], fast["grid_thw"]) == full, (fast, full)
            n += 1
    print(f"GLM: fast path == the whole processor on {n} clips", file=sys.stderr)


def main():
    sys.path.insert(0, os.path.dirname(__file__))
    from golden_video import clips

    if "--check" in sys.argv:
        check()
    rows = [row(model, w, h, fps, frames, options)
            for model in MODELS for options in OPTIONS[model] for w, h, fps, d, frames in clips()]
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(len(rows), "rows", file=sys.stderr)


if __name__ == "__main__":
    main()
