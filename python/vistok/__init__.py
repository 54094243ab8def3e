"""Visual tokens, counted as the real preprocessors count them.

The engine is vistok's Rust core (the same that runs the web page and the command line), checked
against the `transformers` processors row by row. Three lines::

    >>> import vistok
    >>> vistok.count("Qwen/Qwen2.5-VL-7B-Instruct", 1920, 1080).tokens_in_sequence
    2693
    >>> vistok.count_many("google/gemma-3-4b-it", [640, 4000], [480, 3000]).tokens_in_sequence
    array([260, 260])

Errors are :class:`VistokError` (a ``ValueError``) with the engine's message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence, Tuple, Union

import numpy as np

from . import _vistok

__version__: str = _vistok.__version__
__all__ = [
    "Count",
    "Counts",
    "ModelInfo",
    "RequestCount",
    "VideoCount",
    "VistokError",
    "count",
    "count_many",
    "count_request",
    "count_video",
    "models",
]


class VistokError(ValueError):
    """What the engine refused, in its own words (an unknown model, a size too small, an option
    the model does not take)."""


@dataclass(frozen=True)
class Count:
    """One image's count and the structure behind it."""

    model: str
    width: int
    height: int
    tokens_in_sequence: int
    """Every position the image takes in the language model's input, delimiters included."""
    feature_tokens: int
    """Positions filled with image features."""
    padding_tokens: int
    """Feature tokens that see nothing but padding."""
    strategy: str
    resized: Tuple[int, int]
    """The model input's (width, height)."""
    vit_patches: Optional[int]
    views: int
    """Images the encoder sees (crops and a global view for tiling models)."""
    approximate: bool
    """True where the count rests on a value no public source pins."""


@dataclass(frozen=True)
class VideoCount:
    """A clip's count: the frames sampled, how each is resized, and the tokens."""

    model: str
    frames_sampled: int
    frame_indices: Tuple[int, ...]
    timestamps_s: Tuple[float, ...]
    resized: Tuple[int, int]
    grid_thw: Tuple[int, int, int]
    tokens_per_group: int
    feature_tokens: int
    text_tokens: int
    tokens_in_sequence: int
    notes: Tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestCount:
    """A whole request (images, clips, a prompt) against the model's context window."""

    model: str
    tokens_in_sequence: int
    prompt_tokens: int
    context_window: Optional[int]
    fits: Optional[bool]
    overflow: Optional[int]
    headroom: Optional[int]
    items: Tuple[dict, ...] = field(default_factory=tuple)
    """Each item's ``kind``, ``tokens_in_sequence``, ``feature_tokens`` and ``share``."""


@dataclass(frozen=True)
class ModelInfo:
    id: str
    name: str
    family: str
    strategy: str
    released: str
    params: Optional[str]
    context_window: Optional[int]
    knobs: Tuple[str, ...]
    approximate: bool


@dataclass(frozen=True)
class Counts:
    """:func:`count_many`'s arrays: -1 where the model refuses a size (see ``ok``)."""

    tokens_in_sequence: Any
    feature_tokens: Any

    @property
    def ok(self) -> np.ndarray:
        """Where a count was made."""
        return np.asarray(self.tokens_in_sequence) >= 0


def _ask(line: dict) -> dict:
    out = json.loads(_vistok.answer(json.dumps(line)))
    if "error" in out:
        raise VistokError(out["error"])
    return out


def count(model: str, width: int, height: int, **options: Any) -> Count:
    """The tokens ``model`` turns a ``width`` x ``height`` image into.

    ``options`` are the model's knobs (``min_pixels``, ``max_pixels``, ``max_tiles``,
    ``max_crops``, ``pan_and_scan``, ``detail``; :func:`models` lists each model's).

    >>> vistok.count("OpenGVLab/InternVL3-8B-hf", 1280, 720, max_tiles=6).views
    3
    """
    a = _ask({"model": model, "width": width, "height": height, "options": options})
    return Count(
        model=a["model"],
        width=a["width"],
        height=a["height"],
        tokens_in_sequence=a["tokens_in_sequence"],
        feature_tokens=a["feature_tokens"],
        padding_tokens=a["padding_tokens"],
        strategy=a["strategy"],
        resized=(a["resized"]["width"], a["resized"]["height"]),
        vit_patches=a.get("vit_patches"),
        views=a["views"],
        approximate=a["approximate"],
    )


def count_video(
    model: str,
    width: int,
    height: int,
    frame_rate: float,
    duration_s: float,
    frames: Optional[int] = None,
    **options: Any,
) -> VideoCount:
    """The tokens a clip of ``width`` x ``height`` at ``frame_rate`` frames a second becomes
    (``frames``: the file's own count, else ``round(frame_rate * duration_s)``). ``options``:
    ``preset`` ("transformers", "qwen-vl-utils", "vllm"), ``fps`` (the sampling rate),
    ``num_frames``, ``min_frames``, ``max_frames``, ``min_pixels``, ``max_pixels``,
    ``total_pixels``, ``max_soft_tokens``.

    >>> vistok.count_video("Qwen/Qwen3-VL-8B-Instruct", 1920, 1080, frame_rate=30, duration_s=60).frames_sampled
    120
    """
    video = {"width": width, "height": height, "fps": frame_rate, "duration_s": duration_s}
    if frames is not None:
        video["frames"] = frames
    a = _ask({"model": model, "video": video, "options": options})
    return VideoCount(
        model=a["model"],
        frames_sampled=a["frames_sampled"],
        frame_indices=tuple(a["frame_indices"]),
        timestamps_s=tuple(a["timestamps_s"]),
        resized=(a["resized"]["width"], a["resized"]["height"]),
        grid_thw=tuple(a["grid_thw"]),
        tokens_per_group=a["tokens_per_group"],
        feature_tokens=a["feature_tokens"],
        text_tokens=a["text_tokens"],
        tokens_in_sequence=a["tokens_in_sequence"],
        notes=tuple(a.get("notes", ())),
    )


def count_request(model: str, items: Iterable[dict], prompt_tokens: int = 0) -> RequestCount:
    """A whole request: ``items`` are images (``{"width", "height", "options"}``) and clips
    (``{"video": {...}, "options"}``), as ``vistok batch`` takes them.

    >>> vistok.count_request("Qwen/Qwen2.5-VL-7B-Instruct", [{"width": 1280, "height": 720}], prompt_tokens=20).tokens_in_sequence
    1218
    """
    a = _ask({"model": model, "items": list(items), "prompt_tokens": prompt_tokens})
    return RequestCount(
        model=a["model"],
        tokens_in_sequence=a["tokens_in_sequence"],
        prompt_tokens=a["prompt_tokens"],
        context_window=a.get("context_window"),
        fits=a.get("fits"),
        overflow=a.get("overflow"),
        headroom=a.get("headroom"),
        items=tuple(a.get("items", ())),
    )


def _as_int64(values: Any) -> Tuple[np.ndarray, bool]:
    """A NumPy int64 view of a NumPy array, a sequence or a PyArrow array (zero-copy where the
    type allows); and whether it came from Arrow."""
    arrow = type(values).__module__.startswith("pyarrow")
    if arrow:
        values = values.to_numpy(zero_copy_only=False)
    return np.ascontiguousarray(np.asarray(values), dtype=np.int64), arrow


def count_many(
    model: str,
    widths: Union[Sequence[int], np.ndarray, Any],
    heights: Union[Sequence[int], np.ndarray, Any],
    **options: Any,
) -> Counts:
    """Counts every ``(widths[i], heights[i])`` for ``model`` in one call, in parallel and
    without the GIL: NumPy arrays (or sequences) in, NumPy arrays out; PyArrow arrays in, PyArrow
    arrays out. A size the model refuses counts -1; an unknown model or an option the model does
    not take raises :class:`VistokError`.

    >>> vistok.count_many("Qwen/Qwen2.5-VL-7B-Instruct", np.array([1920, 2]), np.array([1080, 500])).tokens_in_sequence
    array([2693,   -1])
    """
    w, arrow = _as_int64(widths)
    h, _ = _as_int64(heights)
    try:
        seq, feat = _vistok.count_many(model, w, h, json.dumps(options))
    except ValueError as e:
        raise VistokError(str(e)) from None
    if arrow:
        import pyarrow as pa

        return Counts(pa.array(seq), pa.array(feat))
    return Counts(seq, feat)


def models() -> list:
    """The catalogue: one :class:`ModelInfo` per checkpoint."""
    return [
        ModelInfo(
            id=m["id"],
            name=m["name"],
            family=m["family"],
            strategy=m["strategy"],
            released=m["released"],
            params=m["params"],
            context_window=m["context_window"],
            knobs=tuple(m["knobs"]),
            approximate=m["approximate"],
        )
        for m in json.loads(_vistok.models())
    ]
