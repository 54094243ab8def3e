"""Golden-row factories for the processor families added for the 2026 catalogue (Ovis2.5, ERNIE
4.5 VL, ...). Each takes a checkpoint's literal config from tests/golden/checkpoints.json (its
preprocessor config plus the token strings its tokenizer config names) and returns
`run(image, options) -> row`, as the factories of scripts/golden.py do."""

from golden_common import count, grid_thw_row, stand_in_tokenizer


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


FAMILIES = {
    "Ovis2_5Processor": ovis2_5,
    "Ernie4_5_VLMoeProcessor": ernie4_5_vl,
}
