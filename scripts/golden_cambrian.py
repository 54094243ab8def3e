"""Golden rows for nyu-visionx/cambrian-8b (Cambrian-1 8B) from the model's official code.

transformers has no processor for Cambrian-1, so the reference is the official repository,
cambrian-mllm/cambrian at commit 539ffc3254bba004e5d012b65c0ad6cb308897c5 (Apache-2.0). It is not
vendored here: pass the path of a checkout at that commit (argument --src, or env CAMBRIAN_SRC):

    git clone https://github.com/cambrian-mllm/cambrian /tmp/cambrian
    git -C /tmp/cambrian checkout 539ffc3254bba004e5d012b65c0ad6cb308897c5

(or, from a bare mirror such as the `fetch` tool's: git --git-dir=MIRROR archive 539ffc3254bb | tar -x -C DIR).
The script checks the git blob id of every file it runs and refuses any other version.

    .venv-golden/bin/python scripts/golden_cambrian.py --src DIR OUT
    .venv-golden/bin/python scripts/golden_cambrian.py --src DIR --replace-in tests/golden/rows.jsonl

OUT gets this model's rows alone, in scripts/golden.py's row format (model, width, height, options,
then the counts or "error"), each marked "reference": "cambrian-mllm/cambrian@539ffc3" because it
comes from that code rather than from transformers. --replace-in swaps the model's rows in a
golden.py file for the new ones and leaves every other row as it is.

RUN from the checkout, unmodified: cambrian/conversation.py (conv_templates["llama_3"], the prompt
inference.py builds: "<image>\\n" + question), cambrian/mm_utils.py (process_images: expand2square
with each encoder processor's mean, resize to its crop size; tokenizer_image_token: "<image>" -> one
id -200), cambrian/model/cambrian_arch.py (CambrianMetaModel.__init__ builds the SVA connector with
the checkpoint's config; CambrianMetaForCausalLM.prepare_inputs_labels_for_multimodal: the vision
sampler, unpad_image, image_newline per row, the -200 position replaced), cambrian/model/
vision_sampler.py, cambrian/constants.py, cambrian/utils.py.

STUBBED (they need weights, a GPU, or packages the count never touches):
  - the four vision encoders (multimodal_encoder/builder.py is replaced): each returns zero features of
    the shape the real encoder returns after its interpolation (576, 576, 576 and 9216 tokens), after
    checking that it was handed the square side the real one takes (384, 336, 378, 1024);
  - their image processors: transformers' CLIPImageProcessor and BitImageProcessor with the sizes and
    means of the CLIP and DINOv2 encoders, and for the two open_clip encoders (SigLIP, ConvNeXt) a
    stand-in with the attributes process_images reads (image_mean, crop_size, preprocess). The count
    does not depend on pixel values;
  - the widths: the LM and connector run at width 32 instead of 4096/1024 (count-independent);
    `embed_tokens` is a plain embedding; torch.Tensor.cuda is the identity; ezcolorlog is a logger;
  - the packages' __init__ files (they import every language-model class) and the projector builder
    (only non-SVA connectors use it): the packages are empty shells over the checkout's directories.
  - the tokenizer is Llama 3's BPE from the PyPI package llama-models (Meta's tokenizer.model, as
    scripts/golden.py uses it), with its BOS; the count does not depend on the prompt's text.

Sizes: scripts/golden.py's SIZES (each once) and the float edges below; not its LARGE sizes
(expand2square makes a 100000x100000 RGB image of a 100000x1 one: 30 GB).
"""

import argparse
import hashlib
import importlib
import json
import logging
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_ID = "nyu-visionx/cambrian-8b"
COMMIT = "539ffc3254bba004e5d012b65c0ad6cb308897c5"
REFERENCE = "cambrian-mllm/cambrian@539ffc3"

# The files this script runs, with their git blob ids at COMMIT (`git ls-tree COMMIT <path>`).
FILES = {
    "cambrian/constants.py": "374be090510b302de9882d880c755787a8eafe11",
    "cambrian/conversation.py": "7444fdcd8a201eec0aad87788d46a240000de0df",
    "cambrian/mm_utils.py": "96df4c03c4b7fb044f8a89ded7fe3d9be4c210f8",
    "cambrian/utils.py": "80fb19710217307844a5ee7be2b1efbafd6dc88b",
    "cambrian/model/cambrian_arch.py": "88ea6f11b7305213014f1fd89c1b60196f64432a",
    "cambrian/model/vision_sampler.py": "73488ce10ac64603c590cace382ddfefeb1ed0d9",
}

# Beyond SIZES: sizes where unpad_image's float `int(H * (24 / W))` lands one below the exact
# quotient and so keeps other rows or columns than integer arithmetic would (small and large ones,
# both orientations); 49x1176 and 3864x161 keep none and fail.
EXTRA = [(55, 88), (88, 55), (47, 376), (376, 47), (110, 176), (1176, 735), (4048, 2530), (2530, 4048),
         (49, 1176), (3864, 161)]

# Encoder name -> (square side its processor produces, width of its features: 8 here).
ENCODERS = {
    "siglip/CLIP-ViT-SO400M-14-384": 384,
    "openai/clip-vit-large-patch14-336": 336,
    "facebook/dinov2-giant-res378": 378,
    "clip-convnext-XXL-multi-stage": 1024,
}
STUB_WIDTH = 8


def git_blob_id(path):
    with open(path, "rb") as f:
        data = f.read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def check_source(src):
    """Refuses anything but a checkout of cambrian-mllm/cambrian at COMMIT (for the files run)."""
    if not src:
        sys.exit("golden_cambrian.py: no checkout of cambrian-mllm/cambrian given: pass --src DIR or set "
                 f"CAMBRIAN_SRC (a checkout at {COMMIT}; see this script's header)")
    if not os.path.isdir(src):
        sys.exit(f"golden_cambrian.py: {src} is not a directory (expected a checkout of cambrian-mllm/cambrian)")
    for rel, blob in FILES.items():
        path = os.path.join(src, rel)
        if not os.path.isfile(path):
            sys.exit(f"golden_cambrian.py: {path} is missing: {src} is not a checkout of cambrian-mllm/cambrian")
        got = git_blob_id(path)
        if got != blob:
            sys.exit(f"golden_cambrian.py: {rel} is not the file of commit {COMMIT} (git blob {got}, expected "
                     f"{blob}): check out that commit")


def stub_encoders():
    """multimodal_encoder.builder's stand-in: encoders that return zero features of the real shape."""
    import torch
    import torch.nn as nn

    class StubEncoder(nn.Module):
        def __init__(self, name, token_len):
            super().__init__()
            self.name, self.token_len, self.side = name, token_len, ENCODERS[name]
            self.hidden_size = STUB_WIDTH

        def forward(self, images):
            assert tuple(images.shape[-2:]) == (self.side, self.side), (self.name, tuple(images.shape))
            return torch.zeros(images.shape[0], self.token_len, self.hidden_size, dtype=images.dtype)

    builder = types.ModuleType("cambrian.model.multimodal_encoder.builder")
    builder.build_vision_tower_aux_list = lambda cfg, **kwargs: [
        StubEncoder(n, t) for n, t in zip(cfg.mm_vision_tower_aux_list, cfg.mm_vision_tower_aux_token_len_list)]
    return builder


def load_official(src):
    """Imports the checkout's modules (see the header), with the stubs in place."""
    import torch

    check_source(src)
    ezcolorlog = types.ModuleType("ezcolorlog")
    ezcolorlog.root_logger = logging.getLogger("cambrian")
    sys.modules["ezcolorlog"] = ezcolorlog
    for name in ["cambrian", "cambrian.model", "cambrian.model.multimodal_encoder",
                 "cambrian.model.multimodal_projector"]:
        shell = types.ModuleType(name)
        shell.__path__ = [os.path.join(src, *name.split("."))]
        sys.modules[name] = shell
    sys.modules["cambrian.model.multimodal_encoder.builder"] = stub_encoders()
    projector = types.ModuleType("cambrian.model.multimodal_projector.builder")

    def build_vision_projector(config, **kwargs):
        raise NotImplementedError("only non-SVA connectors build a projector here; cambrian-8b's is sva")

    projector.build_vision_projector = build_vision_projector
    sys.modules["cambrian.model.multimodal_projector.builder"] = projector
    torch.Tensor.cuda = lambda self, *args, **kwargs: self  # process_images ends in .half().cuda()
    modules = {m: importlib.import_module("cambrian." + m)
               for m in ["constants", "conversation", "mm_utils", "utils", "model.cambrian_arch"]}
    for m in modules.values():
        assert os.path.realpath(m.__file__).startswith(os.path.realpath(src)), m.__file__
    assert not modules["utils"].IS_XLA_AVAILABLE, "the XLA (TPU) path skips unpadding; run without torch_xla"
    return types.SimpleNamespace(**{k.split(".")[-1]: v for k, v in modules.items()})


class OpenClipProcessor:
    """Stand-in for an open_clip encoder's processor as process_images uses it: `image_mean` (the
    padding colour), `crop_size` (the side it resizes the square to) and `preprocess`."""

    def __init__(self, side, mean, std):
        import torchvision.transforms as T

        self.image_mean, self.crop_size = mean, {"height": side, "width": side}
        self._transform = T.Compose([T.ToTensor(), T.Normalize(mean, std)])

    def preprocess(self, image, return_tensors="pt"):
        return {"pixel_values": [self._transform(image)]}


def image_processors():
    """One processor per encoder, in mm_vision_tower_aux_list order, with the sizes and means the
    encoder classes at COMMIT set (siglip_encoder.py, clip_encoder.py, dino_encoder.py,
    clip_convnext_encoder.py)."""
    from transformers import BitImageProcessor, CLIPImageProcessor

    clip_mean, clip_std = [0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711]
    return [
        OpenClipProcessor(384, [0.5] * 3, [0.5] * 3),
        CLIPImageProcessor(size={"shortest_edge": 336}, crop_size={"height": 336, "width": 336}, resample=3,
                           image_mean=clip_mean, image_std=clip_std),
        BitImageProcessor(size={"shortest_edge": 378}, crop_size={"height": 378, "width": 378}, resample=3,
                          image_mean=[0.485, 0.456, 0.406], image_std=[0.229, 0.224, 0.225]),
        OpenClipProcessor(1024, clip_mean, clip_std),
    ]


def llama3_tokenizer():
    """Llama-3-8B-Instruct's tokenizer (cambrian-8b's LM): Meta's tiktoken BPE from llama-models,
    converted by transformers' TikTokenConverter, Meta's 256 special tokens, BOS added."""
    import importlib.util

    import tokenizers
    from llama_models.llama3.tokenizer import Tokenizer
    from tokenizers import AddedToken
    from transformers import TokenizersBackend
    from transformers.convert_slow_tokenizer import TikTokenConverter

    meta = Tokenizer.get_instance()
    path = os.path.join(os.path.dirname(importlib.util.find_spec("llama_models").origin), "llama3", "tokenizer.model")
    backend = TikTokenConverter(vocab_file=path, pattern=Tokenizer.pat_str).converted()
    specials = sorted(meta.special_tokens, key=meta.special_tokens.get)
    backend.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    backend.post_processor = tokenizers.processors.TemplateProcessing(
        single="<|begin_of_text|> $A", special_tokens=[("<|begin_of_text|>", 128000)])
    tok = TokenizersBackend(tokenizer_object=backend, bos_token="<|begin_of_text|>")
    assert tok("Describe this image.").input_ids[1:] == meta.encode("Describe this image.", bos=False, eos=False)
    return tok


def checkpoint_config():
    """nyu-visionx/cambrian-8b's config.json (copy: zhanghuiyao/cambrian_mindspore@d8a66cd,
    cambrian/hf-configs/nyu-visionx-cambrian-8b/config.json), its widths made tiny."""
    return types.SimpleNamespace(
        mm_vision_tower_aux_list=list(ENCODERS), mm_vision_tower_aux_token_len_list=[576, 576, 576, 9216],
        image_token_len=576, num_query_group=1, query_num_list=[576], connector_depth=3, mm_projector_type="sva",
        connector_only=False, num_of_vision_sampler_layers=10, start_of_vision_sampler_layers=0,
        stride_of_vision_sampler_layers=3, image_aspect_ratio="pad", mm_use_im_start_end=False,
        mm_use_im_patch_token=False, tune_mm_mlp_adapter=False, tokenizer_model_max_length=2048,
        tokenizer_padding_side="right",
        vision_hidden_size=32, hidden_size=32,  # real: 1024 and 4096
    )


def factory(src):
    """`run(image, options) -> row fields`, as golden.py's factories return."""
    import torch
    import torch.nn as nn

    official = load_official(src)
    arch = official.cambrian_arch

    class LanguageModel(nn.Module):
        """Stands in for LlamaModel under CambrianMetaModel (its embeddings and dtype are used)."""

        def __init__(self, config):
            super().__init__()
            self.config = config
            self.embed_tokens = nn.Embedding(128256, config.hidden_size)

        @property
        def dtype(self):
            return torch.float32

    class Model(arch.CambrianMetaModel, LanguageModel):
        pass

    class ForCausalLM(arch.CambrianMetaForCausalLM, nn.Module):
        def __init__(self, config):
            nn.Module.__init__(self)
            self.config = config
            self.model = Model(config)
            with torch.no_grad():
                self.model.image_newline.normal_()

        def get_model(self):
            return self.model

        @property
        def device(self):
            return torch.device("cpu")

    torch.manual_seed(0)
    model = ForCausalLM(checkpoint_config()).half()
    tok = llama3_tokenizer()
    processors = image_processors()
    image_id = official.constants.IMAGE_TOKEN_INDEX

    def run(image, options):
        assert not options, "cambrian-8b takes no call-time options"
        # inference.py process(): DEFAULT_IMAGE_TOKEN + "\n" + question, conv_mode "llama_3".
        conv = official.conversation.conv_templates["llama_3"].copy()
        conv.append_message(conv.roles[0], official.constants.DEFAULT_IMAGE_TOKEN + "\n" + "Describe this image.")
        conv.append_message(conv.roles[1], None)
        images = official.mm_utils.process_images([image], processors, model.config)
        ids = official.mm_utils.tokenizer_image_token(conv.get_prompt(), tok, image_id, return_tensors="pt")
        ids = ids.unsqueeze(0)
        with torch.no_grad():
            out = model.prepare_inputs_labels_for_multimodal(ids, None, None, None, None, images,
                                                             image_sizes=[image.size])
        embeds, ((rows, cols),) = out[4], out[8]
        placeholders = int((ids == image_id).sum())
        span = int(embeds.shape[1]) - (int(ids.shape[1]) - placeholders)
        assert placeholders == 1 and span == rows * (cols + 1), (placeholders, span, rows, cols)
        return {
            # Newline vectors count as features, as LLaVA-NeXT's placeholders for them do.
            "feature_tokens": span, "tokens_in_sequence": span, "newline_embeddings": rows,
            "unpadded_grid": {"cols": cols, "rows": rows},
            "padded_square": max(image.size), "encoder_inputs": [int(t.shape[-1]) for t in images],
        }

    return run


def rows(src):
    import PIL.Image

    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    os.chdir(ROOT)  # golden.py reads tests/golden/checkpoints.json when imported
    from golden import SIZES

    run = factory(src)
    sizes = list(dict.fromkeys(SIZES + EXTRA))
    for w, h in sizes:
        row = {"model": MODEL_ID, "width": w, "height": h, "options": {}}
        try:
            row.update(run(PIL.Image.new("RGB", (w, h), (127, 127, 127)), {}))
        except Exception as exc:  # the reference refused this size: record why
            row["error"] = f"{type(exc).__name__}: {exc}"
        row["reference"] = REFERENCE
        print(json.dumps(row), file=sys.stderr)
        yield row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", default=os.environ.get("CAMBRIAN_SRC"),
                        help=f"checkout of cambrian-mllm/cambrian at {COMMIT} (default: $CAMBRIAN_SRC)")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("out", nargs="?", help="file for this model's rows alone")
    out.add_argument("--replace-in", help="a golden.py rows file whose rows of this model are replaced")
    args = parser.parse_args()
    check_source(args.src)
    src = os.path.abspath(args.src)
    if args.out:
        args.out = os.path.abspath(args.out)
        new = list(rows(src))
        with open(args.out, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in new)
        print(f"wrote {len(new)} rows to {args.out}", file=sys.stderr)
        return
    args.replace_in = os.path.abspath(args.replace_in)
    with open(args.replace_in) as f:
        header, *old = f.read().splitlines()
    assert "generated_by" in json.loads(header), f"{args.replace_in}: no golden.py header line"
    new = list(rows(src))
    kept = [line for line in old if json.loads(line)["model"] != MODEL_ID]
    with open(args.replace_in, "w") as f:
        f.writelines(line + "\n" for line in [header] + kept + [json.dumps(r) for r in new])
    print(f"{args.replace_in}: {len(old) - len(kept)} rows of {MODEL_ID} replaced by {len(new)}", file=sys.stderr)


if __name__ == "__main__":
    main()
