"""Writes tests/golden/rows.jsonl: token counts from the real Hugging Face `transformers` processors.

Run by hand through scripts/golden.sh (which pins transformers in a throw-away virtualenv); the
rows are committed and tests/golden.rs compares the engine to every one of them.

The Hub is not reachable here, so each processor is built from a literal copy of the checkpoint's
preprocessor_config.json / processor_config.json. The tokenizer is a stand-in built with the
`tokenizers` library that knows the checkpoint's special tokens (with their real spelling) and the
plain-text pieces the processor inserts around an image, each as the single token the real
vocabulary has for it (Gemma's "\n\n" is id 108 there). Any other character would become [UNK],
and the script refuses rows that contain one, so a count never rests on an unknown piece.

Each row records what the reference produced: the resized size and patch grid read from the image
processor's own outputs, the number of crops it emitted, and the two counts read off `input_ids`:
  feature_tokens      positions holding the image placeholder token id
  tokens_in_sequence  every position the one image occupies (the whole expanded prompt, which is
                      just the image placeholder and the delimiters the processor or template adds)
A size the reference refuses is recorded with its error message.
"""

import json
import sys
import warnings

import numpy as np
import PIL.Image
import tokenizers
import transformers
from tokenizers import AddedToken
from transformers import TokenizersBackend
from transformers.models.gemma3.image_processing_pil_gemma3 import Gemma3ImageProcessorPil
from transformers.models.gemma3.processing_gemma3 import Gemma3Processor
from transformers.models.llava_onevision.image_processing_pil_llava_onevision import (
    LlavaOnevisionImageProcessorPil,
)
from transformers.models.llava_onevision.processing_llava_onevision import LlavaOnevisionProcessor
from transformers.models.qwen2_5_vl.processing_qwen2_5_vl import Qwen2_5_VLProcessor
from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil

warnings.filterwarnings("ignore")
transformers.logging.set_verbosity_error()

# Video processors need torch, which this script does not install (images only). The processors'
# constructor type-checks every attribute, a video processor of None included; let None through.
_check = transformers.ProcessorMixin.check_argument_for_proper_class
transformers.ProcessorMixin.check_argument_for_proper_class = (
    lambda self, name, arg: None if arg is None and "video" in name else _check(self, name, arg)
)


def stand_in_tokenizer(special, plain=(), **attrs):
    """A tokenizer whose vocabulary is the given special tokens plus single-token plain pieces."""
    vocab = {"[UNK]": 0}
    model = tokenizers.models.WordLevel(vocab=vocab, unk_token="[UNK]")
    tok = tokenizers.Tokenizer(model)
    tok.pre_tokenizer = tokenizers.pre_tokenizers.Split("", "isolated")
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in special])
    tok.add_tokens([AddedToken(t, special=False, normalized=False) for t in plain])
    backend = TokenizersBackend(tokenizer_object=tok, unk_token="[UNK]")
    for key, value in attrs.items():
        setattr(backend, key, value)
    return backend


def count(processor, text, image, placeholder_id, unk_id=0, **kwargs):
    out = processor(text=[text], images=[image], **kwargs)
    ids = list(np.asarray(out["input_ids"][0]))
    if unk_id in ids:
        raise RuntimeError(f"stand-in tokenizer met an unknown piece in {text!r}")
    return out, ids.count(placeholder_id), len(ids)


# --- google/gemma-3-4b-it: preprocessor_config.json + processor_config.json ------------------
def gemma3():
    ip = Gemma3ImageProcessorPil(
        do_normalize=True, do_rescale=True, do_resize=True, image_mean=[0.5, 0.5, 0.5],
        image_std=[0.5, 0.5, 0.5], resample=2, rescale_factor=1 / 255,
        size={"height": 896, "width": 896},
    )
    tok = stand_in_tokenizer(
        ["<start_of_image>", "<end_of_image>", "<image_soft_token>"], plain=["\n\n"],
    )
    tok.boi_token, tok.eoi_token, tok.image_token = "<start_of_image>", "<end_of_image>", "<image_soft_token>"
    tok.boi_token_id = tok.convert_tokens_to_ids("<start_of_image>")
    tok.image_token_id = tok.convert_tokens_to_ids("<image_soft_token>")
    proc = Gemma3Processor(image_processor=ip, tokenizer=tok, image_seq_length=256)

    def run(image, options):
        out, feat, seq = count(proc, "<start_of_image>", image, tok.image_token_id,
                               do_pan_and_scan=bool(options.get("pan_and_scan", False)))
        pv = np.asarray(out["pixel_values"])
        return {
            "feature_tokens": feat, "tokens_in_sequence": seq,
            "resized": {"width": int(pv.shape[-1]), "height": int(pv.shape[-2])},
            "crops": int(np.asarray(out["num_crops"]).sum()) if "num_crops" in out else 0,
        }
    return run


# --- Qwen/Qwen2.5-VL-7B-Instruct: preprocessor_config.json -----------------------------------
def qwen25vl():
    tok = stand_in_tokenizer(["<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>"])
    pad = tok.convert_tokens_to_ids("<|image_pad|>")

    def run(image, options):
        ip = Qwen2VLImageProcessorPil(
            min_pixels=options.get("min_pixels", 3136), max_pixels=options.get("max_pixels", 12845056),
            patch_size=14, temporal_patch_size=2, merge_size=2, resample=3, rescale_factor=1 / 255,
            image_mean=[0.48145466, 0.4578275, 0.40821073], image_std=[0.26862954, 0.26130258, 0.27577711],
        )
        proc = Qwen2_5_VLProcessor(image_processor=ip, tokenizer=tok)
        out, feat, seq = count(proc, "<|vision_start|><|image_pad|><|vision_end|>", image, pad)
        t, gh, gw = (int(x) for x in np.asarray(out["image_grid_thw"])[0])
        return {
            "feature_tokens": feat, "tokens_in_sequence": seq,
            "resized": {"width": gw * 14, "height": gh * 14},
            "patch_grid": {"cols": gw, "rows": gh},
        }
    return run


# --- llava-hf/llava-onevision-qwen2-7b-ov-hf: preprocessor_config.json + processor_config.json -
PINPOINTS = [[h, w] for h in range(384, 2305, 384) for w in range(384, 2305, 384)]


def llava_onevision():
    ip = LlavaOnevisionImageProcessorPil(
        do_pad=True, image_grid_pinpoints=PINPOINTS, image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5],
        resample=3, rescale_factor=1 / 255, size={"height": 384, "width": 384},
    )
    tok = stand_in_tokenizer(["<image>", "<video>"])
    proc = LlavaOnevisionProcessor(image_processor=ip, tokenizer=tok, num_image_tokens=729,
                                   vision_feature_select_strategy="full", vision_aspect_ratio="anyres_max_9")
    image_id = tok.convert_tokens_to_ids("<image>")

    def run(image, options):
        out, feat, seq = count(proc, "<image>", image, image_id)
        pv = np.asarray(out["pixel_values"])
        h, w = transformers.image_processing_utils.select_best_resolution(
            [image.height, image.width], PINPOINTS)
        return {
            "feature_tokens": feat, "tokens_in_sequence": seq,
            "best_resolution": {"width": int(w), "height": int(h)},
            "crops": int(pv.shape[1]) - 1,  # minus the base (global) view
        }
    return run


MODELS = {
    "google/gemma-3-4b-it": (gemma3, [{}]),
    "Qwen/Qwen2.5-VL-7B-Instruct": (
        qwen25vl, [{}, {"max_pixels": 1003520}, {"min_pixels": 200704, "max_pixels": 401408}],
    ),
    "llava-hf/llava-onevision-qwen2-7b-ov-hf": (llava_onevision, [{}]),
}

SIZES = [
    (1, 1), (27, 29), (14, 14), (28, 28), (56, 56), (64, 64), (100, 3000), (3000, 100), (2, 500),
    (500, 2), (1, 300), (300, 1), (224, 224), (336, 336), (384, 384), (448, 448), (640, 480),
    (480, 640), (800, 600), (896, 896), (1024, 768), (1280, 720), (1920, 1080), (1080, 1920),
    (2048, 2048), (2560, 1440), (3000, 4000), (4032, 3024), (5000, 3000), (6000, 6000),
    (42, 70), (70, 42), (383, 385), (769, 1537), (10000, 40),
    # above Qwen's cap the reference is not monotone: the larger image gets fewer tokens
    (2524, 5026), (2671, 5403),
]


def main():
    rows = []
    for model_id, (factory, option_sets) in MODELS.items():
        run = factory()
        for options in option_sets:
            for w, h in SIZES:
                image = PIL.Image.new("RGB", (w, h), (127, 127, 127))
                row = {"model": model_id, "width": w, "height": h, "options": options}
                try:
                    row.update(run(image, options))
                except Exception as exc:  # the reference refused this size: record why
                    row["error"] = f"{type(exc).__name__}: {exc}"
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
    meta = {"transformers": transformers.__version__, "tokenizers": tokenizers.__version__}
    with open(sys.argv[1], "w") as f:
        f.write(json.dumps({"generated_by": "scripts/golden.py", **meta}) + "\n")
        for row in rows:
            f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
