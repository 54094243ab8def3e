"""vistok.count_many against a Python loop of transformers' own Qwen2-VL arithmetic, 10^6 sizes.

    python bench/python_count_many.py      # in a virtualenv with torch, transformers and the vistok wheel

The loop is what a data pipeline does without vistok: transformers' `smart_resize` (imported from
its Qwen2-VL image processor, so torch must be installed) per size, then the token grid. The two
must agree on every size (the script fails otherwise); then the times are printed.
"""

import math
import os
import time

import numpy as np
from transformers.models.qwen2_vl.image_processing_qwen2_vl import smart_resize

import vistok

MODEL = "Qwen/Qwen2-VL-7B-Instruct"
# Its preprocessor_config.json: patch 14, merge 2, min_pixels 3136, max_pixels 12845056.
FACTOR, MIN_PIXELS, MAX_PIXELS = 28, 3136, 12845056


def loop(widths, heights):
    out = np.empty(len(widths), dtype=np.int64)
    for i, (w, h) in enumerate(zip(widths.tolist(), heights.tolist())):
        try:
            rh, rw = smart_resize(h, w, factor=FACTOR, min_pixels=MIN_PIXELS, max_pixels=MAX_PIXELS)
            out[i] = (rh // FACTOR) * (rw // FACTOR) + 2  # <|vision_start|> ... <|vision_end|>
        except ValueError:
            out[i] = -1
    return out


def main(n=1_000_000):
    rng = np.random.default_rng(20261204)
    widths = rng.integers(1, 8192, n)
    heights = rng.integers(1, 8192, n)
    t = time.perf_counter()
    ours = vistok.count_many(MODEL, widths, heights).tokens_in_sequence
    rust = time.perf_counter() - t
    t = time.perf_counter()
    theirs = loop(widths, heights)
    python = time.perf_counter() - t
    differ = int((ours != theirs).sum())
    print(f"{n} sizes, {MODEL}: vistok.count_many {rust * 1000:.0f} ms, Python loop of smart_resize "
          f"{python * 1000:.0f} ms: {python / rust:.0f}x; {differ} sizes differ; {os.cpu_count()} cores")
    assert differ == 0


if __name__ == "__main__":
    main()
