"""`vistok scan` against the reference on a folder of real, generated images.

Writes DIR: a few thousand images made with Pillow (PNG, JPEG, WebP, GIF, BMP, TIFF, and AVIF where
Pillow writes it; JPEGs, WebPs, TIFFs and AVIFs with EXIF orientations 1 to 8, so some are stored
sideways, and noisy WebPs and JPEGs of hundreds of KiB whose EXIF lies far into the file; nested
folders) and broken
files (empty, cut short, 0x0, text, noise). The reference for each file is what transformers'
`load_image` makes of it (PIL.Image.open, ImageOps.exif_transpose, convert("RGB")): its upright
size, or an exception. Then:

- `vistok scan DIR` must list every file, give each image the reference's upright size and each
  broken file an error;
- each count must equal `vistok batch` on that upright size;
- with --bench: the scan's wall time against a Python loop of PIL.Image.open + EXIF + the
  processor's resize arithmetic (transformers' smart_resize) over the same files.

usage: python scripts/scan_check.py DIR [--count 2000] [--bin target/debug/vistok] [--bench]
"""

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time

from PIL import Image

MODELS = ["Qwen/Qwen2.5-VL-7B-Instruct", "google/gemma-3-4b-it", "OpenGVLab/InternVL3-8B-hf"]
FORMATS = [("jpg", "JPEG"), ("png", "PNG"), ("webp", "WEBP"), ("gif", "GIF"), ("bmp", "BMP"), ("tif", "TIFF")]


def generate(root, count, rng):
    shutil.rmtree(root, ignore_errors=True)
    folders = ["", "a", "a/b", "a/b/c", "phone/DCIM", "scans 2026", "deep/x/y/z", "noisy"]
    for f in folders:
        os.makedirs(os.path.join(root, f), exist_ok=True)
    made = 0
    for i in range(count):
        ext, fmt = FORMATS[rng.randrange(len(FORMATS))] if rng.random() > 0.45 else FORMATS[0]
        # Sizes log-uniform from 8 to 2400 px a side, any aspect ratio.
        w = int(round(math.exp(rng.uniform(math.log(8), math.log(2400)))))
        h = int(round(math.exp(rng.uniform(math.log(8), math.log(2400)))))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        im = Image.new("RGB", (w, h), colour)
        path = os.path.join(root, folders[i % (len(folders) - 1)], f"img{i:05d}.{ext}")
        kwargs = {}
        if fmt in ("JPEG", "WEBP", "TIFF") and rng.random() < 0.5:
            exif = Image.Exif()
            exif[0x0112] = rng.randrange(1, 9)
            kwargs["exif"] = exif.tobytes()
            if fmt == "TIFF":
                kwargs = {"tiffinfo": {0x0112: exif[0x0112]}}
        if fmt == "GIF":
            im = im.convert("P")
        im.save(path, fmt, **kwargs)
        made += 1
    # Noisy WebPs and JPEGs (hundreds of KiB) under EXIF orientations: a WebP keeps its EXIF after
    # the image data, past the first bytes a reader takes.
    for i in range(24):
        fmt, ext = (("WEBP", "webp"), ("JPEG", "jpg"))[i % 2]
        w, h = rng.randrange(300, 700), rng.randrange(300, 700)
        im = Image.frombytes("RGB", (w, h), bytes(rng.getrandbits(8) for _ in range(w * h * 3)))
        exif = Image.Exif()
        exif[0x0112] = 5 + i % 4
        im.save(os.path.join(root, "noisy", f"noisy{i:02d}.{ext}"), fmt, exif=exif.tobytes(), quality=95)
        made += 1
    # AVIFs (where this Pillow writes them) under EXIF orientations: imagesize reads their size.
    from PIL import features

    if features.check("avif"):
        for i in range(8):
            im = Image.new("RGB", (rng.randrange(64, 400), rng.randrange(64, 400)), (i * 30, 90, 160))
            exif = Image.Exif()
            exif[0x0112] = 1 + i
            im.save(os.path.join(root, "noisy", f"photo{i}.avif"), "AVIF", exif=exif.tobytes())
            made += 1
    # Broken files, each of a kind the scan must name and survive.
    broken = {
        "empty.jpg": b"",
        "a/notes.txt": b"not an image at all\n",
        "a/b/noise.png": bytes(rng.randrange(256) for _ in range(3000)),
        "zero.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x00\x00\x00\x00\x00\x08\x02\x00\x00\x00"
        + b"\x00\x00\x00\x00\x00\x00\x00\x00IEND\xaeB`\x82",
    }
    for name, data in broken.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    # Real images cut short: half their bytes.
    for i, src in enumerate(sorted(p for p in walk(root) if p.endswith((".jpg", ".png")))[:6]):
        with open(os.path.join(root, src), "rb") as f:
            data = f.read()
        with open(os.path.join(root, f"cut{i}.{src.rsplit('.', 1)[1]}"), "wb") as f:
            f.write(data[: len(data) // 2])
    return made


def walk(root):
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            yield os.path.relpath(os.path.join(d, name), root)


def reference(root, rel):
    """What transformers' load_image makes of the file: its upright size, or None."""
    from transformers.image_utils import load_image

    try:
        im = load_image(os.path.join(root, rel))
        return im.size  # (width, height)
    except Exception:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--bin", default="target/debug/vistok")
    ap.add_argument("--bench", action="store_true")
    args = ap.parse_args()
    rng = random.Random(20261204)
    made = generate(args.dir, args.count, rng)
    files = sorted(walk(args.dir))
    truth = {rel: reference(args.dir, rel) for rel in files}
    models = sum((["--model", m] for m in MODELS), [])
    started = time.perf_counter()
    out = subprocess.run([args.bin, "scan", args.dir, *models], capture_output=True, text=True, check=True)
    scan_s = time.perf_counter() - started
    lines = {json.loads(l)["path"]: json.loads(l) for l in out.stdout.splitlines()}
    assert sorted(lines) == files, f"scan listed {len(lines)} files, the folder has {len(files)}"
    problems = []
    sizes = set()
    for rel, size in truth.items():
        line = lines[rel]
        if size is None:
            if "error" not in line:
                problems.append(f"{rel}: load_image fails, the scan counted it {line}")
            continue
        got = (line.get("width"), line.get("height"))
        if got != size:
            problems.append(f"{rel}: upright {size[0]}x{size[1]} for load_image, {got} for the scan")
            continue
        sizes.add(size)
    # Every count against vistok batch on the upright size.
    batch_in = "".join(json.dumps({"model": m, "width": w, "height": h}) + "\n" for (w, h) in sorted(sizes) for m in MODELS)
    batch = subprocess.run([args.bin, "batch"], input=batch_in, capture_output=True, text=True, check=True)
    expected = {}
    for line in batch.stdout.splitlines():
        b = json.loads(line)
        expected[(b["model"], b["width"], b["height"])] = b.get("tokens_in_sequence", b.get("error"))
    for rel, size in truth.items():
        if size is None or lines[rel].get("width") is None:
            continue
        for m in MODELS:
            c = lines[rel]["counts"][m]
            got = c.get("tokens_in_sequence", c.get("error"))
            want = expected[(m, size[0], size[1])]
            if got != want and not (isinstance(want, str) and isinstance(got, str) and got in want):
                problems.append(f"{rel} {m}: scan {got}, batch {want}")
    broken = sum(1 for s in truth.values() if s is None)
    rotated = sum(1 for l in lines.values() if l.get("orientation", 1) >= 5)
    print(f"scan_check: {len(files)} files ({made} generated images, {broken} that load_image refuses, "
          f"{rotated} stored sideways), {len(MODELS)} models: {len(problems)} problems; scan took {scan_s:.2f} s")
    for p in problems[:20]:
        print("  " + p)
    if args.bench:
        bench(args.dir, files, args.bin)
    sys.exit(1 if problems else 0)


def bench(root, files, binary):
    """The scan against a Python loop doing the least a pipeline does per file: open the header,
    read the EXIF orientation, Qwen2.5-VL's smart_resize."""
    from PIL import ImageOps  # noqa: F401  (exif_transpose's module; the loop reads the tag itself)
    from transformers.models.qwen2_vl.image_processing_qwen2_vl import smart_resize

    def loop():
        n = 0
        for rel in files:
            try:
                with Image.open(os.path.join(root, rel)) as im:
                    w, h = im.size
                    if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
                        w, h = h, w
                    rh, rw = smart_resize(h, w, factor=28, min_pixels=56 * 56, max_pixels=28 * 28 * 1280)
                    n += (rh // 28) * (rw // 28)
            except Exception:
                pass
        return n

    def timed(f, runs=3):
        best = float("inf")
        for _ in range(runs):
            t = time.perf_counter()
            f()
            best = min(best, time.perf_counter() - t)
        return best

    py = timed(loop)
    cmd = [binary, "scan", root, "--model", "Qwen/Qwen2.5-VL-7B-Instruct"]
    rs = timed(lambda: subprocess.run(cmd, capture_output=True, check=True))
    print(f"bench: {len(files)} files; Python loop (PIL.Image.open + EXIF + smart_resize) {py * 1000:.0f} ms, "
          f"vistok scan {rs * 1000:.0f} ms: {py / rs:.1f}x (best of 3, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
