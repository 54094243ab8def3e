"""Golden rows for the `vllm` preset: the frames vLLM 0.34.0's own default loaders pick (their
`compute_frames_index_to_sample` and `_prepare_source`, executed unmodified from the release's
`vllm/multimodal/video.py`, commit 62d4bc3c7), then the real transformers 5.25.0 processors on those
frames as vLLM hands them over. Writes tests/golden/video_rows_vllm.jsonl.

What `vllm serve` does with a `video_url` and no media_io_kwargs (vllm/multimodal/media/connector.py
572-592, transformers_utils/processor.py 166-205): the checkpoint's video processor class picks the
loader (Qwen2VLVideoProcessor -> qwen2_vl, Qwen3VLVideoProcessor -> qwen3_vl, Glm4vVideoProcessor ->
opencv_dynamic, anything else -> opencv with VideoMediaIO's num_frames=32); OpenCV reports
T = frame count, F = fps, duration = T / F (video_decoders/opencv.py 96-133); read_frames keeps the
sorted unique indices; the processor gets
- Qwen2-VL / Qwen2.5-VL: the frames and their metadata, no do_sample_frames (the class's False)
  (model_executor/models/qwen2_5_vl.py 1214-1232);
- Qwen3-VL / Qwen3.5 and GLM-4.1V: the frames, the metadata, do_sample_frames = (every frame was
  read) (qwen3_vl.py 1514-1519, glm4_1v.py 1796-1858); vLLM expands Qwen3-VL's bare <|video_pad|>
  and keeps the chat template's outer <|vision_start|>..<|vision_end|>, which transformers 5.25's
  Qwen3VLProcessor folds away: 2 tokens more than the processor's own count (qwen3_vl.py
  1627-1634, 1757-1816);
- LLaVA-OneVision and InternVL3(.5) -hf: the frames only (the class's do_sample_frames False).

Usage: python scripts/golden_video_vllm.py OUT.jsonl VLLM_VIDEO_PY
(VLLM_VIDEO_PY: vllm/multimodal/video.py of the vllm-0.34.0 sdist; scripts/golden.sh fetches it.)
"""

import ast
import json
import math
import os
import sys
import textwrap
import warnings
from typing import Any, ClassVar, NamedTuple

import numpy as np
import torch

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import golden_video  # noqa: E402
import golden_video_glm  # noqa: E402
from transformers.video_utils import VideoMetadata  # noqa: E402

LOADERS = {
    "Qwen/Qwen2-VL-7B-Instruct": "Qwen2VLVideoBackend",
    "Qwen/Qwen2.5-VL-7B-Instruct": "Qwen2VLVideoBackend",
    "Qwen/Qwen3-VL-8B-Instruct": "Qwen3VLVideoBackend",
    "Qwen/Qwen3.5-27B": "Qwen3VLVideoBackend",
    "zai-org/GLM-4.1V-9B-Thinking": "DynamicVideoBackend",
    "zai-org/GLM-4.5V": "DynamicVideoBackend",
    "llava-hf/llava-onevision-qwen2-7b-ov-hf": "VideoBackend",
    "OpenGVLab/InternVL3-8B-hf": "VideoBackend",
    "OpenGVLab/InternVL3_5-8B-HF": "VideoBackend",
}
# load_bytes' defaults per loader (video.py 245, 406, 666, 758-759) and VideoMediaIO's num_frames=32.
TARGETS = {"VideoBackend": (32, -1), "Qwen3VLVideoBackend": (32, 2), "Qwen2VLVideoBackend": (32, 2),
           "DynamicVideoBackend": (32, 2)}


class VideoSourceMetadata(NamedTuple):
    total_frames_num: int
    original_fps: float
    duration: float


class VideoTargetMetadata(NamedTuple):
    num_frames: int
    fps: float
    max_duration: float


def vllm_loaders(path):
    """vLLM's own index methods of the four backends, executed from the release's source."""
    text = open(path).read()
    tree = ast.parse(text)
    ns = {"np": np, "math": math, "torch": torch, "Any": Any, "ClassVar": ClassVar,
          "VideoSourceMetadata": VideoSourceMetadata, "VideoTargetMetadata": VideoTargetMetadata}
    classes = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in TARGETS:
            body = []
            for m in node.body:
                if isinstance(m, ast.FunctionDef) and m.name in ("compute_frames_index_to_sample", "_prepare_source"):
                    body.append("    @classmethod\n" + textwrap.indent(ast.get_source_segment(text, m), "    "))
                elif isinstance(m, ast.AnnAssign):
                    body.append("    " + ast.get_source_segment(text, m))
            base = "(_Base)" if node.name != "VideoBackend" else "(_Root)"
            classes[node.name] = f"class {node.name}{base}:\n" + "\n".join(body) + "\n"
    code = ("class _Root:\n    @classmethod\n    def _prepare_source(cls, source):\n        return source\n"
            + classes["VideoBackend"] + "_Base = VideoBackend\n"
            + classes["Qwen3VLVideoBackend"] + classes["Qwen2VLVideoBackend"] + classes["DynamicVideoBackend"])
    exec(code, ns)

    def run(name, T, F):
        cls = ns[name]
        num_frames, fps = TARGETS[name]
        source = cls._prepare_source(VideoSourceMetadata(T, F, T / F if F > 0 else 0))
        return [int(i) for i in cls.compute_frames_index_to_sample(source, VideoTargetMetadata(num_frames, fps, 300))]

    return run


_PROCS = {}


def processor(model):
    if model not in _PROCS:
        if model.startswith("Qwen/"):
            _PROCS[model] = golden_video.build(golden_video.MODELS[model], {})
        elif model.startswith("zai-org/"):
            _PROCS[model] = golden_video_glm.build(model, {})
        elif model.startswith("llava-hf/"):
            _PROCS[model] = golden_video.llava_onevision()
        else:
            _PROCS[model] = golden_video.internvl3()
    return _PROCS[model]


def row(run, model, w, h, fps, frames):
    out = {"model": model, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": {"preset": "vllm"}}
    proc = processor(model)
    try:
        read = sorted(set(run(LOADERS[model], frames, fps)))  # read_frames: set(), ascending
        if not read:
            raise ValueError("max() arg is an empty sequence")
        n = len(read)
        every = n == frames
        meta = {"total_num_frames": frames, "fps": fps, "width": w, "height": h, "duration": frames / fps,
                "frames_indices": read}
        if model.startswith("Qwen/") or model.startswith("zai-org/"):
            resample = every and not model.startswith("Qwen/Qwen2")
            video = torch.empty(frames if resample else n, 3, h, w, dtype=torch.uint8, device="meta")
            kwargs = {"do_sample_frames": resample}
            if resample:
                meta.pop("frames_indices")
            vout = proc.video_processor(videos=[video], video_metadata=[meta], return_metadata=True, **kwargs)
            grid = [int(x) for x in vout["video_grid_thw"][0]]
            md = vout["video_metadata"][0]
            indices = [int(i) for i in (md.frames_indices if resample else read)]
            if model.startswith("Qwen/"):
                pads = grid[0] * grid[1] * grid[2] // 4
                if pads <= golden_video.TEXT_LIMIT:
                    ids = list(proc(text=[golden_video.WRAPPER], videos=[video], video_metadata=[meta], **kwargs)
                               ["input_ids"][0])
                    feature, seq = ids.count(proc.tokenizer.convert_tokens_to_ids("<|video_pad|>")), len(ids)
                else:
                    feature, seq = pads, pads + 2
                if model.startswith("Qwen/Qwen3"):
                    seq += 2  # vLLM keeps the template's outer <|vision_start|>..<|vision_end|>
            else:
                md.frames_indices = indices
                text = golden_video_glm.WRAPPER.replace("<|video|>", proc.replace_video_token(
                    {"video_grid_thw": torch.tensor([grid]), "video_metadata": [md]}, video_idx=0))
                feature, seq = golden_video_glm.counts(proc, text)
        else:
            indices = read
            side = proc.video_processor.size["height"]
            fake = torch.zeros(1, 3, side, side).expand(n, 3, side, side)
            text = proc.replace_video_token({"pixel_values_videos": [fake], "pixel_values": [fake]}, video_idx=0)
            if model.startswith("OpenGVLab/"):
                ids = proc.tokenizer.encode(text, add_special_tokens=False)
                feature, seq = ids.count(proc.tokenizer.convert_tokens_to_ids("<IMG_CONTEXT>")), len(ids)
                grid = [n, 32, 32]
            else:
                feature = seq = text.count("<video>")
                grid = [n, 27, 27]
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=grid, feature_tokens=feature, tokens_in_sequence=seq)
    return out


# Beyond golden_video's clips: a 1-frame clip, clips under 0.5 s and 1 s (GLM's loader), a length
# where float32 arange yields one index more (367 frames at 24 fps for Qwen2-VL's loader).
EXTRA_CLIPS = [(640, 360, 30, 1), (640, 360, 30, 12), (640, 360, 30, 20), (640, 360, 24, 367), (640, 360, 50, 10354)]


def main():
    run = vllm_loaders(sys.argv[2])
    clips = [(w, h, fps, frames) for w, h, fps, d, frames in golden_video.clips()] + EXTRA_CLIPS
    rows = [row(run, model, w, h, fps, frames) for model in LOADERS for (w, h, fps, frames) in clips]
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
