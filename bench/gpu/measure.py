"""Measures time to first token and memory of catalogue models, by the method of the project's H200
measurements (src/engine/measured/README.md): each model is built from its published config shape
with random bf16 weights (the arithmetic, memory traffic and kernel launches of a forward pass do
not depend on the values), fed what the real processor makes of a grey image of each size (pixel
tensors and the expanded prompt; a stand-in tokenizer knows the special tokens), and timed with
CUDA events: 2 warm-up calls, then the median of 5 (3 above 8,000 tokens; with --tiny 1 and 2).
TTFT = one forward
pass with logits_to_keep=1 and use_cache=True. Writes one JSON line per size.

    python bench/gpu/measure.py --model OpenGVLab/InternVL3-8B-hf --sizes 448x448,896x896 --out FILE
    python bench/gpu/measure.py --list
    python bench/gpu/measure.py --tiny --device cpu ...   # 1-layer, 64-wide shapes: a CPU check

Uses the transformers and torch already installed (the GPU machine has both); nothing is fetched.
"""

import argparse
import json
import statistics
import sys
import time
import warnings

import numpy as np
import PIL.Image
import tokenizers
import torch
import transformers
from tokenizers import AddedToken
from transformers import TokenizersBackend

warnings.filterwarnings("ignore")
transformers.logging.set_verbosity_error()

# The processors' constructors type-check a video processor; images only here.
_check = transformers.ProcessorMixin.check_argument_for_proper_class
transformers.ProcessorMixin.check_argument_for_proper_class = (
    lambda self, name, arg: None if arg is None and "video" in name else _check(self, name, arg)
)

CLIP_MEAN, CLIP_STD = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]
HALF = [0.5, 0.5, 0.5]


def stand_in_tokenizer(special, **attrs):
    """A tokenizer that knows only the given special tokens (ids 1..n); the processors' prompts
    are nothing but those, so input_ids come out as the real processor lays them out."""
    tok = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab={"[UNK]": 0}, unk_token="[UNK]"))
    tok.pre_tokenizer = tokenizers.pre_tokenizers.Split("", "isolated")
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in special])
    backend = TokenizersBackend(tokenizer_object=tok, unk_token="[UNK]")
    for key, value in attrs.items():
        setattr(backend, key, value)
    return backend


def image_processor(module, name, **kwargs):
    """The image processor class `name` of transformers.models.`module`: the PIL backend where
    this transformers has one, else the default class."""
    import importlib

    for suffix, cls in [(f"image_processing_pil_{module}", f"{name}Pil"), (f"image_processing_{module}", name)]:
        try:
            return getattr(importlib.import_module(f"transformers.models.{module}.{suffix}"), cls)(**kwargs)
        except (ImportError, AttributeError):
            continue
    raise RuntimeError(f"no image processor {name} in this transformers")


def llama_text(hidden, mlp, layers, heads, kv, vocab, model_type="llama", **extra):
    return dict(model_type=model_type, hidden_size=hidden, intermediate_size=mlp, num_hidden_layers=layers,
                num_attention_heads=heads, num_key_value_heads=kv, vocab_size=vocab, **extra)


# --- one entry per model: its config (shapes from the checkpoint's config.json) and processor ---

def qwen25vl():
    tok = stand_in_tokenizer(["<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>"])
    ids = {t: tok.convert_tokens_to_ids(t) for t in ["<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>"]}
    from transformers import Qwen2_5_VLConfig, Qwen2_5_VLForConditionalGeneration, Qwen2_5_VLProcessor

    ip = image_processor("qwen2_vl", "Qwen2VLImageProcessor", min_pixels=3136, max_pixels=12845056, patch_size=14,
                         temporal_patch_size=2, merge_size=2, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    proc = Qwen2_5_VLProcessor(image_processor=ip, tokenizer=tok)

    def config(tiny):
        text = llama_text(3584, 18944, 28, 28, 4, 152064, model_type="qwen2_5_vl_text", max_position_embeddings=128000,
                          rope_scaling={"type": "mrope", "mrope_section": [16, 24, 24]})
        vision = dict(depth=32, hidden_size=1280, intermediate_size=3420, num_heads=16, out_hidden_size=3584,
                      window_size=112, fullatt_block_indexes=[7, 15, 23, 31], patch_size=14, spatial_merge_size=2,
                      temporal_patch_size=2)
        if tiny:
            text.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
                        num_key_value_heads=2, vocab_size=1024, rope_scaling={"type": "mrope", "mrope_section": [2, 3, 3]})
            vision.update(depth=2, hidden_size=64, intermediate_size=128, num_heads=4, out_hidden_size=64,
                          fullatt_block_indexes=[1])
        return Qwen2_5_VLConfig(text_config=text, vision_config=vision, image_token_id=ids["<|image_pad|>"],
                                video_token_id=ids["<|video_pad|>"], vision_start_token_id=ids["<|vision_start|>"],
                                vision_end_token_id=ids["<|vision_end|>"])

    return config, Qwen2_5_VLForConditionalGeneration, proc, "<|vision_start|><|image_pad|><|vision_end|>", ids["<|image_pad|>"], {}


def internvl3():
    names = ["<img>", "</img>", "<IMG_CONTEXT>", "<video>"]
    tok = stand_in_tokenizer(names, video_token="<video>", start_image_token="<img>", end_image_token="</img>",
                             context_image_token="<IMG_CONTEXT>")
    ids = {t: tok.convert_tokens_to_ids(t) for t in names}
    tok.start_image_token_id, tok.end_image_token_id = ids["<img>"], ids["</img>"]
    tok.context_image_token_id = ids["<IMG_CONTEXT>"]
    from transformers import InternVLConfig, InternVLForConditionalGeneration, InternVLProcessor

    ip = image_processor("got_ocr2", "GotOcr2ImageProcessor", crop_to_patches=True, min_patches=1, max_patches=12,
                         size={"height": 448, "width": 448}, image_mean=[0.485, 0.456, 0.406],
                         image_std=[0.229, 0.224, 0.225])
    proc = InternVLProcessor(image_processor=ip, tokenizer=tok, image_seq_length=256)

    def config(tiny):
        vision = dict(hidden_size=1024, intermediate_size=4096, num_hidden_layers=24, num_attention_heads=16,
                      image_size=[448, 448], patch_size=[14, 14])
        text = llama_text(3584, 18944, 28, 28, 4, 151674, model_type="qwen2")
        if tiny:
            vision.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4)
            text.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
                        num_key_value_heads=2, vocab_size=1024)
        return InternVLConfig(vision_config=vision, text_config=text, image_token_id=ids["<IMG_CONTEXT>"],
                              image_seq_length=256, downsample_ratio=0.5, tie_word_embeddings=False)

    return config, InternVLForConditionalGeneration, proc, "<IMG_CONTEXT>", ids["<IMG_CONTEXT>"], {}


def idefics3_family(longest_edge, tile, seq_len, scale, text, vocab):
    def factory():
        names = ["<fake_token_around_image>", "<image>", "<end_of_utterance>", "<global-img>"] + [
            f"<row_{i}_col_{j}>" for i in range(1, 7) for j in range(1, 7)]
        # Tags are single stand-in tokens here: they are text the model reads like any other, and a
        # token or two more per tile does not change the cost.
        tok = stand_in_tokenizer(names)
        image_id = tok.convert_tokens_to_ids("<image>")
        from transformers import Idefics3Config, Idefics3ForConditionalGeneration, Idefics3Processor

        ip = image_processor("idefics3", "Idefics3ImageProcessor", do_image_splitting=True, resample=1,
                             image_mean=HALF, image_std=HALF, size={"longest_edge": longest_edge},
                             max_image_size={"longest_edge": tile})
        proc = Idefics3Processor(image_processor=ip, tokenizer=tok, image_seq_len=seq_len)

        def config(tiny):
            vision = dict(hidden_size=1152, intermediate_size=4304, num_hidden_layers=27, num_attention_heads=16,
                          image_size=tile, patch_size=14)
            t = dict(text, vocab_size=vocab)
            if tiny:
                vision.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4)
                t.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
                         num_key_value_heads=2, vocab_size=1024)
            return Idefics3Config(vision_config=vision, text_config=t, image_token_id=image_id, scale_factor=scale)

        return config, Idefics3ForConditionalGeneration, proc, "<image>", image_id, {}
    return factory


def pixtral():
    names = ["[IMG]", "[IMG_BREAK]", "[IMG_END]"]
    tok = stand_in_tokenizer(names)
    image_id = tok.convert_tokens_to_ids("[IMG]")
    from transformers import LlavaConfig, LlavaForConditionalGeneration

    try:  # processing_pixtral imports a helper from the torchvision module; the PIL module has it too
        import torchvision  # noqa: F401
    except ImportError:
        from transformers.models.pixtral import image_processing_pil_pixtral

        sys.modules["transformers.models.pixtral.image_processing_pixtral"] = image_processing_pil_pixtral
    from transformers.models.pixtral import processing_pixtral

    ip = image_processor("pixtral", "PixtralImageProcessor", size={"longest_edge": 1024},
                         patch_size={"height": 16, "width": 16}, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    proc = processing_pixtral.PixtralProcessor(image_processor=ip, tokenizer=tok, patch_size=16, spatial_merge_size=1)

    def config(tiny):
        vision = dict(model_type="pixtral", hidden_size=1024, intermediate_size=4096, num_hidden_layers=24,
                      num_attention_heads=16, head_dim=64, image_size=1024, patch_size=16, rope_theta=10000.0)
        text = llama_text(5120, 14336, 40, 32, 8, 131072, model_type="mistral", head_dim=128, rope_theta=1e6,
                          max_position_embeddings=1024000)
        if tiny:
            vision.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4, head_dim=16)
            text.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
                        num_key_value_heads=2, head_dim=16, vocab_size=1024)
        return LlavaConfig(vision_config=vision, text_config=text, image_token_index=image_id,
                           projector_hidden_act="gelu", vision_feature_layer=-1, vision_feature_select_strategy="full",
                           multimodal_projector_bias=True)

    return config, LlavaForConditionalGeneration, proc, "[IMG]", image_id, {"return_tensors": "pt"}


TINY_TEXT = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
                 num_key_value_heads=2, vocab_size=1024)
TINY_VISION = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4)


def siglip(layers, image_size, **extra):
    return dict(model_type="siglip_vision_model", hidden_size=1152, intermediate_size=4304,
                num_hidden_layers=layers, num_attention_heads=16, image_size=image_size, patch_size=14, **extra)


CLIP_L_336 = dict(model_type="clip_vision_model", hidden_size=1024, intermediate_size=4096, num_hidden_layers=24,
                  num_attention_heads=16, image_size=336, patch_size=14, projection_dim=768)


def paligemma(side):
    def factory():
        tok = stand_in_tokenizer(["<image>", "<bos>", "<eos>"], bos_token="<bos>")
        image_id = tok.convert_tokens_to_ids("<image>")
        from transformers import PaliGemmaConfig, PaliGemmaForConditionalGeneration, PaliGemmaProcessor

        ip = image_processor("siglip", "SiglipImageProcessor", size={"height": side, "width": side}, resample=3,
                             image_mean=HALF, image_std=HALF)
        ip.image_seq_length = (side // 14) ** 2
        proc = PaliGemmaProcessor(image_processor=ip, tokenizer=tok)

        def config(tiny):
            vision = siglip(27, side, projection_dim=2048)
            text = dict(model_type="gemma", hidden_size=2048, intermediate_size=16384, num_hidden_layers=18,
                        num_attention_heads=8, num_key_value_heads=1, head_dim=256, vocab_size=257216)
            if tiny:
                vision.update(TINY_VISION, projection_dim=64)
                text.update(TINY_TEXT, head_dim=16)
            return PaliGemmaConfig(vision_config=vision, text_config=text, image_token_index=image_id,
                                   projection_dim=text["hidden_size"])

        return config, PaliGemmaForConditionalGeneration, proc, "<image>", image_id, {}
    return factory


def llava15():
    tok = stand_in_tokenizer(["<image>"])
    image_id = tok.convert_tokens_to_ids("<image>")
    from transformers import LlavaConfig, LlavaForConditionalGeneration, LlavaProcessor

    ip = image_processor("clip", "CLIPImageProcessor", size={"shortest_edge": 336}, crop_size={"height": 336, "width": 336},
                         do_center_crop=True, resample=3, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    proc = LlavaProcessor(image_processor=ip, tokenizer=tok, patch_size=14, vision_feature_select_strategy="default",
                          num_additional_image_tokens=1)

    def config(tiny):
        vision = dict(CLIP_L_336)
        text = llama_text(4096, 11008, 32, 32, 32, 32064)
        if tiny:
            vision.update(TINY_VISION)
            text.update(TINY_TEXT)
        return LlavaConfig(vision_config=vision, text_config=text, image_token_index=image_id,
                           vision_feature_layer=-2, vision_feature_select_strategy="default")

    return config, LlavaForConditionalGeneration, proc, "<image>", image_id, {}


def gemma3():
    names = ["<start_of_image>", "<end_of_image>", "<image_soft_token>"]
    tok = stand_in_tokenizer(names, boi_token="<start_of_image>", eoi_token="<end_of_image>",
                             image_token="<image_soft_token>")
    ids = {t: tok.convert_tokens_to_ids(t) for t in names}
    tok.boi_token_id, tok.image_token_id = ids["<start_of_image>"], ids["<image_soft_token>"]
    from transformers import Gemma3Config, Gemma3ForConditionalGeneration, Gemma3Processor

    ip = image_processor("gemma3", "Gemma3ImageProcessor", size={"height": 896, "width": 896}, resample=2,
                         image_mean=HALF, image_std=HALF)
    proc = Gemma3Processor(image_processor=ip, tokenizer=tok, image_seq_length=256)

    def config(tiny):
        vision = siglip(27, 896)
        text = dict(model_type="gemma3_text", hidden_size=2560, intermediate_size=10240, num_hidden_layers=34,
                    num_attention_heads=8, num_key_value_heads=4, head_dim=256, vocab_size=262208,
                    sliding_window=1024, query_pre_attn_scalar=256)
        if tiny:
            vision.update(TINY_VISION)
            text.update(TINY_TEXT, head_dim=16, query_pre_attn_scalar=16)
        return Gemma3Config(vision_config=vision, text_config=text, mm_tokens_per_image=256,
                            boi_token_index=ids["<start_of_image>"], eoi_token_index=ids["<end_of_image>"],
                            image_token_index=ids["<image_soft_token>"])

    return config, Gemma3ForConditionalGeneration, proc, "<start_of_image>", ids["<image_soft_token>"], {}


def qwen_family(kind):
    """Qwen2-VL, Qwen3-VL: the same processor family as Qwen2.5-VL."""
    def factory():
        names = ["<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>"]
        tok = stand_in_tokenizer(names)
        ids = {t: tok.convert_tokens_to_ids(t) for t in names}
        if kind == "qwen2":
            from transformers import Qwen2VLConfig as Config, Qwen2VLForConditionalGeneration as Model
            from transformers import Qwen2VLProcessor as Processor

            patch, lo, hi, mean, std = 14, 3136, 12845056, CLIP_MEAN, CLIP_STD
        else:
            from transformers import Qwen3VLConfig as Config, Qwen3VLForConditionalGeneration as Model
            from transformers import Qwen3VLProcessor as Processor

            patch, lo, hi, mean, std = 16, 65536, 16777216, HALF, HALF
        ip = image_processor("qwen2_vl", "Qwen2VLImageProcessor", min_pixels=lo, max_pixels=hi, patch_size=patch,
                             temporal_patch_size=2, merge_size=2, image_mean=mean, image_std=std)
        proc = Processor(image_processor=ip, tokenizer=tok)

        def config(tiny):
            if kind == "qwen2":
                text = llama_text(3584, 18944, 28, 28, 4, 152064, model_type="qwen2_vl_text",
                                  rope_parameters={"rope_type": "default", "mrope_section": [16, 24, 24],
                                                   "rope_theta": 1000000.0})
                vision = dict(depth=32, embed_dim=1280, mlp_ratio=4, num_heads=16, hidden_size=3584, patch_size=14,
                              spatial_merge_size=2, temporal_patch_size=2)
                if tiny:
                    text.update(TINY_TEXT, rope_parameters={"rope_type": "default", "mrope_section": [2, 3, 3],
                                                            "rope_theta": 1000000.0})
                    vision.update(depth=1, embed_dim=64, num_heads=4, hidden_size=64)
            else:
                text = llama_text(4096, 12288, 36, 32, 8, 151936, model_type="qwen3_vl_text", head_dim=128,
                                  rope_parameters={"rope_type": "default", "mrope_section": [24, 20, 20],
                                                   "mrope_interleaved": True, "rope_theta": 5000000.0})
                vision = dict(depth=27, hidden_size=1152, intermediate_size=4304, num_heads=16, out_hidden_size=4096,
                              patch_size=16, spatial_merge_size=2, temporal_patch_size=2,
                              num_position_embeddings=2304, deepstack_visual_indexes=[8, 16, 24])
                if tiny:
                    text.update(TINY_TEXT, head_dim=16, rope_parameters={
                        "rope_type": "default", "mrope_section": [3, 3, 2], "mrope_interleaved": True,
                        "rope_theta": 5000000.0})
                    vision.update(depth=2, hidden_size=64, intermediate_size=128, num_heads=4, out_hidden_size=64,
                                  deepstack_visual_indexes=[0])
            return Config(text_config=text, vision_config=vision, image_token_id=ids["<|image_pad|>"],
                          video_token_id=ids["<|video_pad|>"], vision_start_token_id=ids["<|vision_start|>"],
                          vision_end_token_id=ids["<|vision_end|>"])

        prompt = "<|vision_start|><|image_pad|><|vision_end|>"
        return config, Model, proc, prompt, ids["<|image_pad|>"], {}
    return factory


NEXT_PINPOINTS = [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]]
OV_PINPOINTS = [[h, w] for h in range(384, 2305, 384) for w in range(384, 2305, 384)]


def llava_next():
    tok = stand_in_tokenizer(["<image>"])
    image_id = tok.convert_tokens_to_ids("<image>")
    from transformers import LlavaNextConfig, LlavaNextForConditionalGeneration, LlavaNextProcessor

    ip = image_processor("llava_next", "LlavaNextImageProcessor", image_grid_pinpoints=NEXT_PINPOINTS,
                         size={"shortest_edge": 336}, crop_size={"height": 336, "width": 336}, do_center_crop=True,
                         do_pad=True, resample=3, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    proc = LlavaNextProcessor(image_processor=ip, tokenizer=tok, patch_size=14, vision_feature_select_strategy="default",
                              num_additional_image_tokens=1)

    def config(tiny):
        vision = dict(CLIP_L_336)
        text = llama_text(4096, 14336, 32, 32, 8, 32000, model_type="mistral")
        if tiny:
            vision.update(TINY_VISION)
            text.update(TINY_TEXT)
        return LlavaNextConfig(vision_config=vision, text_config=text, image_token_index=image_id,
                               image_grid_pinpoints=NEXT_PINPOINTS, vision_feature_layer=-2,
                               vision_feature_select_strategy="default")

    return config, LlavaNextForConditionalGeneration, proc, "<image>", image_id, {}


def llava_onevision():
    tok = stand_in_tokenizer(["<image>", "<video>"])
    image_id = tok.convert_tokens_to_ids("<image>")
    from transformers import LlavaOnevisionConfig, LlavaOnevisionForConditionalGeneration, LlavaOnevisionProcessor

    ip = image_processor("llava_onevision", "LlavaOnevisionImageProcessor", do_pad=True, image_grid_pinpoints=OV_PINPOINTS,
                         image_mean=HALF, image_std=HALF, resample=3, size={"height": 384, "width": 384})
    proc = LlavaOnevisionProcessor(image_processor=ip, tokenizer=tok, num_image_tokens=729,
                                   vision_feature_select_strategy="full", vision_aspect_ratio="anyres_max_9")

    def config(tiny):
        vision = siglip(26, 384)
        text = llama_text(3584, 18944, 28, 28, 4, 152064, model_type="qwen2")
        if tiny:
            vision.update(TINY_VISION)
            text.update(TINY_TEXT)
        return LlavaOnevisionConfig(vision_config=vision, text_config=text, image_token_index=image_id,
                                    image_grid_pinpoints=OV_PINPOINTS, vision_feature_layer=-1,
                                    vision_feature_select_strategy="full", vision_aspect_ratio="anyres_max_9")

    return config, LlavaOnevisionForConditionalGeneration, proc, "<image>", image_id, {}


def mllama():
    tok = stand_in_tokenizer(["<|image|>", "<|begin_of_text|>"], bos_token="<|begin_of_text|>")
    image_id = tok.convert_tokens_to_ids("<|image|>")
    from transformers import MllamaConfig, MllamaForConditionalGeneration, MllamaProcessor

    ip = image_processor("mllama", "MllamaImageProcessor", size={"height": 560, "width": 560}, max_image_tiles=4,
                         resample=2, image_mean=CLIP_MEAN, image_std=CLIP_STD)
    proc = MllamaProcessor(image_processor=ip, tokenizer=tok)

    def config(tiny):
        vision = dict(hidden_size=1280, intermediate_size=5120, num_hidden_layers=32, num_global_layers=8,
                      attention_heads=16, image_size=560, patch_size=14, max_num_tiles=4,
                      intermediate_layers_indices=[3, 7, 15, 23, 30], vision_output_dim=7680)
        text = dict(hidden_size=4096, intermediate_size=14336, num_hidden_layers=40, num_attention_heads=32,
                    num_key_value_heads=8, vocab_size=128256, cross_attention_layers=[3, 8, 13, 18, 23, 28, 33, 38])
        if tiny:
            vision.update(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_global_layers=1,
                          attention_heads=4, intermediate_layers_indices=[0], vision_output_dim=128)
            text.update(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                        num_key_value_heads=2, vocab_size=1024, cross_attention_layers=[1], pad_token_id=0)
        return MllamaConfig(vision_config=vision, text_config=text, image_token_index=image_id)

    return config, MllamaForConditionalGeneration, proc, "<|image|>", image_id, {}


MODELS = {
    "google/paligemma-3b-pt-224": paligemma(224),
    "google/paligemma-3b-pt-448": paligemma(448),
    "google/paligemma-3b-pt-896": paligemma(896),
    "llava-hf/llava-1.5-7b-hf": llava15,
    "google/gemma-3-4b-it": gemma3,
    "Qwen/Qwen2-VL-7B-Instruct": qwen_family("qwen2"),
    "Qwen/Qwen2.5-VL-7B-Instruct": qwen25vl,
    "Qwen/Qwen3-VL-8B-Instruct": qwen_family("qwen3"),
    "OpenGVLab/InternVL3-8B-hf": internvl3,
    "HuggingFaceM4/Idefics3-8B-Llama3": idefics3_family(
        1456, 364, 169, 2, llama_text(4096, 14336, 32, 32, 8, 128259, rope_theta=500000.0), 128259),
    "HuggingFaceTB/SmolVLM-Instruct": idefics3_family(
        1536, 384, 81, 3, llama_text(2048, 8192, 24, 32, 32, 49155, rope_theta=273768.0), 49155),
    "mistral-community/pixtral-12b": pixtral,
    "llava-hf/llava-v1.6-mistral-7b-hf": llava_next,
    "llava-hf/llava-onevision-qwen2-7b-ov-hf": llava_onevision,
    "meta-llama/Llama-3.2-11B-Vision-Instruct": mllama,
}


def kv_cache_bytes(text_config, tokens):
    head_dim = getattr(text_config, "head_dim", None) or text_config.hidden_size // text_config.num_attention_heads
    return 2 * text_config.num_hidden_layers * text_config.num_key_value_heads * head_dim * tokens * 2


def measure(model_id, sizes, device, tiny, prompt_tokens):
    config_of, model_class, proc, placeholder, image_id, call_kwargs = MODELS[model_id]()
    config = config_of(tiny)
    dtype = torch.bfloat16 if device == "cuda" else torch.float32
    torch.manual_seed(0)
    with torch.device(device):
        model = model_class(config).to(dtype).eval()
    params = sum(p.numel() for p in model.parameters())
    text_config = config.get_text_config()
    if device == "cuda":
        torch.cuda.synchronize()
        weights = torch.cuda.memory_allocated()
    for w, h in sizes:
        image = PIL.Image.new("RGB", (w, h), (127, 127, 127))
        # The prompt's text after the image: each character is one (unknown) token to the stand-in.
        inputs = proc(text=[placeholder + "x" * prompt_tokens], images=[image], **call_kwargs)
        batch = {k: (v if isinstance(v, torch.Tensor) else torch.tensor(np.asarray(v))) for k, v in inputs.items()
                 if k != "labels"}
        batch = {k: v.to(device, dtype) if v.is_floating_point() else v.to(device) for k, v in batch.items()}
        visual = int((batch["input_ids"] == image_id).sum())
        if "aspect_ratio_mask" in batch:  # Llama 3.2: the tiles' vision states, read by cross-attention
            v = config.vision_config
            visual = int(batch["aspect_ratio_mask"].sum()) * ((v.image_size // v.patch_size) ** 2 + 1)
        seq_len = int(batch["input_ids"].shape[1])
        repeats = 2 if tiny else 3 if seq_len > 8000 else 5

        def forward():
            with torch.no_grad():
                model(**batch, logits_to_keep=1, use_cache=True)

        for _ in range(1 if tiny else 2):
            forward()
        times = []
        if device == "cuda":
            torch.cuda.synchronize()
            torch.cuda.reset_peak_memory_stats()
            for _ in range(repeats):
                start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                start.record()
                forward()
                end.record()
                torch.cuda.synchronize()
                times.append(start.elapsed_time(end))
            peak = torch.cuda.max_memory_allocated() - weights
            gpu = torch.cuda.get_device_name()
        else:
            for _ in range(repeats):
                t0 = time.perf_counter()
                forward()
                times.append((time.perf_counter() - t0) * 1000)
            peak, gpu = None, "cpu"
        yield {
            "part": "e2e", "model": model_id, "arch": type(model).__name__, "params": params, "tiny": tiny,
            "width": w, "height": h, "visual_tokens": visual, "seq_len": seq_len,
            "ttft_ms_median": statistics.median(times), "ttft_ms_min": min(times), "ttft_ms_max": max(times),
            "peak_extra_bytes": peak, "kv_cache_bytes": kv_cache_bytes(text_config, seq_len), "gpu": gpu,
            "dtype": str(dtype).removeprefix("torch."), "transformers": transformers.__version__,
            "torch": torch.__version__,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="catalogue id (repeatable)")
    parser.add_argument("--sizes", default="448x448,896x896,1344x1344,1792x1792,2688x2688",
                        help="comma-separated WxH image sizes")
    parser.add_argument("--prompt-tokens", type=int, default=24)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--tiny", action="store_true", help="1-layer, 64-wide shapes (a quick CPU check)")
    parser.add_argument("--out", help="JSON Lines file to append to (default: stdout)")
    parser.add_argument("--list", action="store_true", help="print the supported model ids")
    args = parser.parse_args()
    if args.list:
        print("\n".join(MODELS))
        return
    sizes = [tuple(int(v) for v in s.lower().split("x")) for s in args.sizes.split(",")]
    out = open(args.out, "a") if args.out else sys.stdout
    for model_id in args.model or []:
        if model_id not in MODELS:
            sys.exit(f"unsupported model {model_id!r}; supported: {', '.join(MODELS)}")
        for row in measure(model_id, sizes, args.device, args.tiny, args.prompt_tokens):
            out.write(json.dumps(row) + "\n")
            out.flush()
            print(f"{model_id} {row['width']}x{row['height']}: {row['visual_tokens']} visual tokens, "
                  f"{row['ttft_ms_median']:.1f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
