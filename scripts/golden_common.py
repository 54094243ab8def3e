"""Helpers shared by the golden-row generators (scripts/golden.py and scripts/golden_2026.py): a
stand-in tokenizer that knows only a checkpoint's special tokens, running a processor and reading
the image's span off its input_ids, and the row of a processor that reports image_grid_thw."""

import sys

import numpy as np
import tokenizers
from tokenizers import AddedToken
from transformers import TokenizersBackend

CLIP_MEAN, CLIP_STD = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]
HALF = [0.5, 0.5, 0.5]


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


def count(processor, text, image, placeholder_id, unk_id=0, span_ids=None, **kwargs):
    """Runs the processor; returns its outputs, the placeholder count and the image's span length:
    all of input_ids, or only the ids in `span_ids` when the processor adds prompt text (BOS...)."""
    out = processor(text=[text], images=[image], **kwargs)
    ids = list(np.asarray(out["input_ids"][0]))
    if unk_id in ids:
        raise RuntimeError(f"stand-in tokenizer met an unknown piece in {text!r}")
    span = len(ids) if span_ids is None else sum(ids.count(i) for i in span_ids)
    return out, ids.count(placeholder_id), span


def grid_thw_row(out, feat, seq, patch):
    """A row from a processor that reports `image_grid_thw` (Qwen, GLM): the counts, the resized
    size and the patch grid."""
    _, gh, gw = (int(x) for x in np.asarray(out["image_grid_thw"])[0])
    return {
        "feature_tokens": feat, "tokens_in_sequence": seq,
        "resized": {"width": gw * patch, "height": gh * patch},
        "patch_grid": {"cols": gw, "rows": gh},
    }


def gguf_tokenizer(path):
    """The `tokenizers` tokenizer transformers' own GGUF converter builds from a GGUF file's
    vocabulary. transformers' GGUF reader imports torch, so the metadata is read with the `gguf`
    package into the same dictionary shape instead."""
    import types

    import gguf

    def read_gguf_metadata(path, string_arrays=()):
        meta = {}
        for name, field in gguf.GGUFReader(path).fields.items():
            kinds = field.types
            if not kinds:
                continue
            if kinds[0] == gguf.GGUFValueType.ARRAY:
                strings = kinds[-1] == gguf.GGUFValueType.STRING
                meta[name] = [bytes(field.parts[i]).decode() if strings else field.parts[i].tolist()[0] for i in field.data]
            elif kinds[0] == gguf.GGUFValueType.STRING:
                meta[name] = bytes(field.parts[field.data[0]]).decode()
            else:
                meta[name] = field.parts[field.data[0]].tolist()[0]
        return meta, ()

    if "transformers.integrations.gguf.reader" not in sys.modules:
        reader = types.ModuleType("transformers.integrations.gguf.reader")
        reader.read_gguf_metadata = read_gguf_metadata
        sys.modules["transformers.integrations.gguf.reader"] = reader
    from transformers.integrations.gguf.gguf_tokenizer_mapping import convert_gguf_tokenizer, get_gguf_tokenizer

    architecture, tokenizer_dict, _ = get_gguf_tokenizer(path)
    backend, _ = convert_gguf_tokenizer(architecture, tokenizer_dict)
    return backend
