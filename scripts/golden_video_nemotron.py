"""Golden rows for Nemotron 3 Nano Omni video (nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16),
from transformers 5.25.0's own NemotronH_Omni_Reasoning_V3Processor + ..VideoProcessor, run on torch
`meta` clips (no pixel memory).

Checkpoint values (see spec.md): the repo's preprocessor_config.json (patch 16, downsample_ratio 0.5,
CLIP mean/std; the video processor falls back to that file when the repo has no video config) and
the video class defaults video_target_num_patches 1024, video_maintain_aspect_ratio True, which are
also the checkpoint config.json's values; temporal patch 2 (the processor's video_temporal_patch_dim).
No fps / num_frames / do_sample_frames anywhere: by default EVERY frame is kept.

Text: each 2-frame tubelet is written as
  "Frame 1 sampled at 0.00 seconds and frame 2 sampled at 0.03 seconds: <img>" + n x <image> + "</img>"
joined by "\\n". The Nemotron 3 tokenizer (tokenizer.json of the Hub repo) is not available offline.
UNPINNED: it is counted with Mistral NeMo's Tekken BPE (tekken_240718.json, shipped in PyPI's
mistral-common), whose layout it shares (131,072 ids, 1,000 special slots first: <unk> 0, <s> 1,
</s> 2, <image> 18 ...). Under Tekken every label piece is one token and digits are single tokens.

Writes tests/golden/video_rows_nemotron.jsonl with sampling on (as every family's rows; the
processor's own default keeps every frame, which is also what sampling on with no rate or count
keeps). TEKKEN_JSON: Tekken's tokenizer file (mistral-common's data/tekken_240718.json).

Usage: python scripts/golden_video_nemotron.py OUT.jsonl [--check]

Options: do_sample_frames, fps, num_frames (call-time; fps/num_frames do nothing unless
do_sample_frames=True), video_target_num_patches and video_maintain_aspect_ratio (construct-time:
_preprocess reads self.*, a call-time value is ignored).
"""

import base64
import importlib.util
import itertools
import json
import math
import os
import re
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

from transformers import ParakeetFeatureExtractor  # noqa: E402
from transformers.models.nemotron_h_omni.image_processing_nemotron_h_omni import (  # noqa: E402
    NemotronH_Omni_Reasoning_V3ImageProcessor,
)
from transformers.models.nemotron_h_omni.processing_nemotron_h_omni import (  # noqa: E402
    NemotronH_Omni_Reasoning_V3Processor,
)
from transformers.models.nemotron_h_omni.video_processing_nemotron_h_omni import (  # noqa: E402
    NemotronH_Omni_Reasoning_V3VideoProcessor,
)

MODEL = "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16"
CLIP_MEAN, CLIP_STD = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]
# preprocessor_config.json (tests/golden/checkpoints.json's copy of the repo's file).
PREPROCESSOR = {"patch_size": 16, "downsample_ratio": 0.5, "norm_mean": CLIP_MEAN, "norm_std": CLIP_STD,
                "min_num_patches": 1024, "max_num_patches": 13312, "max_model_len": 16384}
SPECIALS = ["<img>", "</img>", "<image>", "<video>", "<so_embedding>", "<so_start>", "<so_end>"]
IMAGE_TOKEN, VIDEO_TOKEN = "<image>", "<video>"

# vistok's options; rows are made with sampling on (do_sample_frames=True), as for every family.
OPTION_SETS = [{}, {"fps": 2}, {"fps": 1}, {"fps": 0.5}, {"num_frames": 16}, {"num_frames": 7},
               {"num_frames": 64}, {"fps": 1, "num_frames": 16}]

CONSTRUCT = ("video_target_num_patches", "video_maintain_aspect_ratio")
CALL = ("do_sample_frames", "fps", "num_frames")


def tekken_path():
    if os.environ.get("TEKKEN_JSON"):
        return os.environ["TEKKEN_JSON"]
    spec = importlib.util.find_spec("mistral_common")
    if spec is not None and spec.submodule_search_locations:
        return os.path.join(list(spec.submodule_search_locations)[0], "data", "tekken_240718.json")
    return "/tmp/mc/mistral_common/data/tekken_240718.json"


_TOK = None


def tokenizer():
    """Tekken's BPE (its own pre-tokenizer pattern) inside transformers' TokenizersBackend, converted
    as transformers converts tiktoken files, with Nemotron's multimodal tokens as specials."""
    global _TOK
    if _TOK is None:
        from tokenizers import AddedToken
        from transformers import TokenizersBackend
        from transformers.convert_slow_tokenizer import TikTokenConverter

        src = tekken_path()
        d = json.load(open(src))
        n = d["config"]["default_vocab_size"] - d["config"]["default_num_special_tokens"]
        cache = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tekken_240718.tiktoken")
        if not os.path.exists(cache):
            with open(cache, "w") as f:
                for t in d["vocab"][:n]:
                    f.write(f"{t['token_bytes']} {t['rank']}\n")
        tok = TokenizersBackend(tokenizer_object=TikTokenConverter(vocab_file=cache, pattern=d["config"]["pattern"]).converted())
        tok.add_special_tokens({"additional_special_tokens": [AddedToken(t, special=True, normalized=False) for t in SPECIALS]})
        _TOK = tok
    return _TOK


def build(options):
    config = dict(PREPROCESSOR, **{k: options[k] for k in CONSTRUCT if k in options})
    video = NemotronH_Omni_Reasoning_V3VideoProcessor.from_dict(config)
    image = NemotronH_Omni_Reasoning_V3ImageProcessor(**PREPROCESSOR)
    return NemotronH_Omni_Reasoning_V3Processor(image_processor=image, video_processor=video, tokenizer=tokenizer(),
                                                feature_extractor=ParakeetFeatureExtractor())


_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in SPECIALS) + ")")


def count_text(text):
    """Specials are split out before the BPE runs, so the count is the specials plus each plain
    segment's count (segments cached)."""
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


def processed(proc, meta, call):
    """What the video processor returns, from its own pieces: `sample_frames` (as `preprocess`
    calls it, when do_sample_frames) and `_compute_target_patches`, with `pixel_values_videos` a
    meta tensor of the shape `_preprocess` makes. (`_preprocess` itself cannot run on meta: it
    normalizes with CPU mean/std tensors.)"""
    from transformers.video_utils import VideoMetadata

    vp = proc.video_processor
    merged = vp._merge_and_standardize_kwargs(temporal_patch_size=proc.video_temporal_patch_dim, **call)
    do_sample = merged.pop("do_sample_frames")
    for k in ("input_data_format", "do_convert_rgb", "device", "video_metadata"):
        merged.pop(k, None)
    md = VideoMetadata(**meta)
    n = meta["total_num_frames"]
    if do_sample:
        md.frames_indices = vp.sample_frames(md, **merged)
        n = len(md.frames_indices)
    wp, hp = vp._compute_target_patches(meta["height"], meta["width"])
    t = merged["temporal_patch_size"]
    fake = torch.empty(1, -(-n // t), 3 * t, hp * vp.patch_size, wp * vp.patch_size, device="meta")
    return {"pixel_values_videos": fake, "num_frames": [n], "video_metadata": [md]}


def row(w, h, fps, frames, options):
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps}
    try:
        proc = build(options)
        vout = processed(proc, meta, {k: options[k] for k in CALL if k in options} | {"do_sample_frames": True})
        text = proc.replace_video_token(vout, 0)
        md = vout["video_metadata"][0]
        indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
        _, groups, _, rh, rw = vout["pixel_values_videos"].shape
        feature = text.count(IMAGE_TOKEN)
        seq = count_text(text)
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[int(groups), rh // 16, rw // 16],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def target_patches(h, w, target=1024, keep_aspect=True, divisor=2):
    """_compute_target_patches (Python's round: ties to even)."""
    if keep_aspect:
        aspect = w / max(h, 1)
        ph = max(round(math.sqrt(target / aspect)), 1)
        pw = max(round(math.sqrt(target * aspect)), 1)
        rh, rw = ph % divisor, pw % divisor
        ph_up, pw_up = ph + (divisor - rh if rh else 0), pw + (divisor - rw if rw else 0)
        if ph_up * pw_up <= target:
            return ph_up, pw_up
        return max(divisor, ph - rh), max(divisor, pw - rw)
    side = max(divisor, (int(math.sqrt(target)) // divisor) * divisor)
    return side, side


def formula(w, h, fps, frames, options):
    """The pseudocode of spec.md (text counted as Tekken pieces), for comparison with `row`."""
    sample = options.get("do_sample_frames", False)
    if sample and ("fps" in options or "num_frames" in options):
        if "fps" in options and "num_frames" in options:
            return {"error": "ValueError: `num_frames` and `fps` are mutually exclusive arguments, please use only one!"}
        n = options["num_frames"] if "num_frames" in options else max(1, int(frames / fps * options["fps"]))
        if n > frames:
            return {"error": f"ValueError: When loading the video with num_frames={n}, the requested number of frames "
                             f"exceeds total_num_frames={frames}. Please set num_frames or fps to a smaller value."}
        idx = [i * frames // n for i in range(n)]
    else:
        idx = list(range(frames))
    indexed = sample  # frames_indices is set only when sampling ran
    ph, pw = target_patches(h, w, options.get("video_target_num_patches", 1024),
                            options.get("video_maintain_aspect_ratio", True))
    per = ph * pw // 4
    groups = -(-len(idx) // 2)
    dur_ms = int(1000.0 / fps)
    text = 0
    for g in range(groups):
        for off in range(2):
            i = 2 * g + off
            if i >= len(idx):
                break
            ts = idx[i] * dur_ms / 1000.0 if indexed else i / fps
            s = f"{ts:.2f}"
            # [" and"] "Frame"/" frame", " ", digits of i+1, " sampled", " at", " ", int digits, ".", 2 digits, " seconds"
            text += (1 if off else 0) + 7 + len(str(i + 1)) + len(s.split(".")[0]) + 2
        text += 2 + (1 if g else 0)  # ":" " " and the "\n" before every group but the first
    return {"frames_sampled": len(idx), "grid_thw": [groups, ph, pw], "feature_tokens": groups * per,
            "tokens_in_sequence": groups * (per + 2) + text}


def check():
    """Meta clips through `row` == the whole real processor on real uint8 clips (input_ids of the
    bare <video> prompt), and both == the pseudocode."""
    g = torch.Generator().manual_seed(0)
    n = 0
    for (w, h, fps, frames), options in itertools.product(
            [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (64, 48, 25, 101)],
            [{}, {"fps": 4}, {"do_sample_frames": True, "num_frames": 6}, {"do_sample_frames": True, "fps": 4},
             {"do_sample_frames": True, "num_frames": 40}, {"do_sample_frames": True, "fps": 4, "num_frames": 3},
             {"video_target_num_patches": 64}, {"video_maintain_aspect_ratio": False, "do_sample_frames": True, "fps": 1}]):
        fast = row(w, h, fps, frames, options)
        proc = build(options)
        meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps}
        real = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=g)
        try:
            r = proc(text=[VIDEO_TOKEN], videos=[real], video_metadata=[meta],
                     **({k: options[k] for k in CALL if k in options} | {"do_sample_frames": True}))
        except (ValueError, TypeError) as e:
            assert fast.get("error") == f"{type(e).__name__}: {e}", (fast, e)
            assert formula(w, h, fps, frames, dict(options, do_sample_frames=True))["error"] == fast["error"], fast
            n += 1
            continue
        ids = list(np.asarray(r["input_ids"][0]))
        img = proc.tokenizer.convert_tokens_to_ids(IMAGE_TOKEN)
        pv = r["pixel_values_videos"]
        assert ids.count(img) == fast["feature_tokens"] and len(ids) == fast["tokens_in_sequence"], (fast, len(ids))
        assert [pv.shape[1], pv.shape[-2] // 16, pv.shape[-1] // 16] == fast["grid_thw"], (pv.shape, fast)
        f = formula(w, h, fps, frames, dict(options, do_sample_frames=True))
        assert all(f[k] == fast[k] for k in f), (f, fast, options)
        n += 1
    print(f"nemotron omni: {n} small clips, meta rows == real processor == formula", file=sys.stderr)


SIZES = [(640, 480), (854, 480), (1280, 720), (1920, 1080), (3840, 2160), (1080, 1920), (320, 240)]
RATES = [24, 25, 30000 / 1001, 30, 50, 60]
DURATIONS = [1, 3.5, 10, 45, 120, 600]


def clips():
    out = []
    for i, (w, h) in enumerate(SIZES):
        for fps in (RATES[(2 * i) % 6], RATES[(2 * i + 1) % 6]):
            for d in DURATIONS:
                out.append((w, h, fps, d, round(fps * d)))
    return out


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from golden_video import clips as vistok_clips

    if "--check" in sys.argv:
        check()
    rows, bad = [], 0
    for options in OPTION_SETS:
        for w, h, fps, d, frames in vistok_clips():
            r = row(w, h, fps, frames, options)
            f = formula(w, h, fps, frames, dict(options, do_sample_frames=True))
            bad += any(r.get(k) != v for k, v in f.items())
            rows.append(r)
    assert bad == 0, f"{bad} rows differ from the spec's formula"
    with open(sys.argv[1], "w") as out:
        for r in rows:
            out.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
