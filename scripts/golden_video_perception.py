"""Golden rows for facebook/Perception-LM-8B's clips under transformers 5.25.0, in the format of
scripts/golden_video.py's `pooled_row`, over its clips; writes OUT.jsonl (e.g.
tests/golden/video_rows_perception.jsonl).

Processor values (see spec.md for the sources):
  PerceptionLMProcessor(patch_size=14, pooling_ratio=2): processor_config.json of the 8B as re-uploaded
      at Dhruvil03/Perception-LM-8B-Int4-NotBNB.
  PerceptionLMVideoProcessor(size={"height": 448, "width": 448}): what transformers'
      convert_perception_lm_weights_to_hf.py writes to video_preprocessor_config.json (the type and
      size = tile_size, 448 for the 8B's PE-G/14 at 448); everything else the class's own defaults
      (bicubic, mean/std 0.5, no fps, no num_frames, do_sample_frames unset). The 8B's own file was
      not seen (unpinned); hf-tiny-v2/tiny-random-PerceptionLMModel's serialized file holds exactly
      these values. Frame sampling is switched on here (do_sample_frames=True), as
      `apply_chat_template` does whenever fps or num_frames is passed; with neither, the sampler keeps
      every frame, which is also what the checkpoint's unset do_sample_frames gives.

Each sampled frame is squashed to 448x448 (no aspect ratio kept, no tiling): 32x32 patches of 14 px,
2x2 pooled: 256 <|video|> per frame, and nothing else (no text, no delimiters, no timestamps).
min_frames, max_frames, min_pixels and max_pixels are not arguments of this processor: it warns
"Keyword argument `...` is not a valid argument for this processor and will be ignored." and drops
them. Tokenizer: a stand-in that knows <|image|> and <|video|> (the expansion writes nothing else).

Usage: python scripts/golden_video_perception.py OUT.jsonl [--check]
"""

import itertools
import json
import os
import sys
import warnings

import torch

warnings.filterwarnings("ignore")
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()

from transformers import PerceptionLMProcessor, PerceptionLMVideoProcessor  # noqa: E402
from transformers.models.perception_lm.image_processing_perception_lm import PerceptionLMImageProcessor  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_common import stand_in_tokenizer  # noqa: E402

MODEL = "facebook/Perception-LM-8B"
TILE = 448
PATCH = 14
POOLING = 2

# Option sets worth testing (vistok's option names only): every frame (the default), rates, a rate
# under one frame a clip, a rate over the clip's own (refused where int(frames / fps * rate) >
# frames), counts, a count past short clips (refused), fps with num_frames (refused), and the four
# knobs this processor ignores (min_frames, max_frames, min_pixels, max_pixels).
# vistok's options this processor has (it ignores min/max frames and pixels, which vistok refuses
# by name, as for LLaVA-OneVision).
OPTION_SETS = [{}, {"fps": 1}, {"fps": 2}, {"fps": 0.5}, {"fps": 0.01}, {"fps": 30},
               {"num_frames": 8}, {"num_frames": 32}, {"num_frames": 100}, {"num_frames": 8, "fps": 2}]

_PROC = None


def processor():
    """The checkpoint's processor, built from its values (the Hub is not reachable here)."""
    global _PROC
    if _PROC is None:
        video = PerceptionLMVideoProcessor(size={"height": TILE, "width": TILE}, do_sample_frames=True)
        tok = stand_in_tokenizer(["<|image|>", "<|video|>"], image_token="<|image|>", video_token="<|video|>")
        tok.image_token_id = tok.convert_tokens_to_ids("<|image|>")
        tok.video_token_id = tok.convert_tokens_to_ids("<|video|>")
        # The image processor as scripts/golden_2026.py's perception_lm() builds it (the class wants
        # one; the video path does not read it).
        image = PerceptionLMImageProcessor(tile_size=TILE, max_num_tiles=36, vision_input_type="thumb+tile",
                                           resample=3, image_mean=[0.5] * 3, image_std=[0.5] * 3,
                                           size={"height": TILE, "width": TILE})
        _PROC = PerceptionLMProcessor(video_processor=video, image_processor=image, tokenizer=tok,
                                      patch_size=PATCH, pooling_ratio=POOLING)
    return _PROC


def _meta(w, h, fps, frames):
    return dict(total_num_frames=frames, fps=fps, width=w, height=h, duration=frames / fps)


def row(w, h, fps, frames, options):
    """One video row, as golden_video.py's pooled_row writes it. The clip is a `meta` tensor: the
    processor's own kwargs routing (`_merge_kwargs`, which drops the options it does not know), then
    the video processor's own sampling and resize on shapes only; the span is the processor's own
    `replace_video_token` on the processed shape."""
    proc = processor()
    out = {"model": MODEL, "video": {"width": w, "height": h, "fps": fps, "frames": frames,
                                     "duration_s": frames / fps}, "options": options}
    try:
        clip = torch.empty(frames, 3, h, w, dtype=torch.uint8, device="meta")
        merged = proc._merge_kwargs(tokenizer_init_kwargs=proc.tokenizer.init_kwargs,
                                    video_metadata=[_meta(w, h, fps, frames)], return_metadata=True, **options)
        vout = proc.video_processor([clip], **merged["videos_kwargs"])
        pv = vout["pixel_values_videos"][0]
        n, _, ph, pw = pv.shape
        md = vout["video_metadata"][0]
        indices = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
        assert len(indices) == n, (len(indices), n)
        fake = torch.zeros(1, 3, ph, pw).expand(n, 3, ph, pw)
        text = proc.replace_video_token({"pixel_values_videos": [fake]}, video_idx=0)
        feature = text.count("<|video|>")
        assert len(text) == feature * len("<|video|>")  # the span is placeholders and nothing else
        seq = feature
    except (ValueError, TypeError, ZeroDivisionError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
        return out
    picked = {"frame_indices": indices} if len(indices) <= 64 else {
        "indices_head": indices[:16], "indices_tail": indices[-16:], "indices_sum": sum(indices)}
    out.update(frames_sampled=len(indices), **picked, grid_thw=[len(indices), ph // PATCH, pw // PATCH],
               feature_tokens=feature, tokens_in_sequence=seq)
    return out


def full_row(w, h, fps, frames, options, generator=None):
    """The whole processor on real uint8 frames: (feature tokens, sequence length, frames out,
    indices)."""
    proc = processor()
    clip = torch.randint(0, 256, (frames, 3, h, w), dtype=torch.uint8, generator=generator)
    r = proc(text=["<|video|>"], videos=[clip], video_metadata=[_meta(w, h, fps, frames)], return_metadata=True,
             **options)
    ids = list(r["input_ids"][0])
    assert 0 not in ids, "stand-in tokenizer met an unknown piece"
    pv = r["pixel_values_videos"][0]
    assert tuple(pv.shape[1:]) == (3, TILE, TILE), pv.shape
    md = r["video_metadata"][0]
    idx = [int(i) for i in (md.frames_indices if md.frames_indices is not None else range(frames))]
    return ids.count(proc.tokenizer.convert_tokens_to_ids("<|video|>")), len(ids), int(pv.shape[0]), idx


def formula(fps, frames, options):
    """The arithmetic of spec.md, in plain Python: (indices, tokens) or an error string."""
    rate, count = options.get("fps"), options.get("num_frames")
    if rate is not None and count is not None:
        return "ValueError: `num_frames` and `fps` are mutually exclusive arguments, please use only one!"
    if count is None and rate is not None:
        count = max(1, int(frames / fps * rate))
    if count is not None:
        if count > frames:
            return (f"ValueError: When loading the video with num_frames={count}, the requested number of frames "
                    f"exceeds total_num_frames={frames}. Please set num_frames or fps to a smaller value.")
        idx = [i * frames // count for i in range(count)]
    else:
        idx = list(range(frames))
    return idx, 256 * len(idx)


def check():
    """Meta clips through the fast path == real clips through the whole processor; both == the
    plain arithmetic of spec.md; the processor's own helper says nothing about video."""
    g = torch.Generator().manual_seed(0)
    n = 0
    for (w, h, fps, frames), options in itertools.product(
            [(96, 64, 10, 30), (50, 130, 3, 7), (160, 90, 24, 61), (64, 64, 30000 / 1001, 16), (400, 30, 25, 9),
             (33, 17, 60, 1)],
            [{}, {"num_frames": 6}, {"fps": 4}, {"fps": 1}, {"num_frames": 7}, {"num_frames": 6, "fps": 2},
             {"num_frames": 100}, {"fps": 0.01}, {"fps": 30}, {"max_frames": 2}, {"min_frames": 3, "fps": 1},
             {"min_pixels": 1000, "max_pixels": 5000}]):
        fast = row(w, h, fps, frames, options)
        expect = formula(fps, frames, options)
        try:
            full = full_row(w, h, fps, frames, options, g)
        except (ValueError, TypeError) as e:
            assert "error" in fast and fast["error"] == f"{type(e).__name__}: {e}", (fast, e)
            assert expect == fast["error"], (expect, fast)
            n += 1
            continue
        assert "error" not in fast, fast
        feat, seq, out_frames, idx = full
        assert (fast["feature_tokens"], fast["tokens_in_sequence"], fast["frames_sampled"]) == (feat, seq, out_frames)
        assert fast.get("frame_indices") == idx, (fast, idx)
        assert expect == (idx, feat), (expect, idx, feat)
        assert fast["grid_thw"] == [out_frames, 32, 32] and feat == 256 * out_frames
        n += 1
    helper = processor()._get_num_multimodal_tokens(video_sizes=[(8, 480, 640)])
    assert helper.num_video_tokens is None, helper
    print(f"check: {n} cases, meta fast path == whole processor on real clips == spec formula; "
          f"_get_num_multimodal_tokens gives no video count", file=sys.stderr)


def main():
    from golden_video import clips

    if "--check" in sys.argv:
        check()
    rows = [row(w, h, fps, frames, o) for o in OPTION_SETS for (w, h, fps, d, frames) in clips()]
    with open(sys.argv[1], "w") as f:
        for r in rows:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print(f"{len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
