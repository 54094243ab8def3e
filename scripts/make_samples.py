"""Makes the three sample images in assets/samples (run by hand; the outputs are committed).

- landscape.jpg: "coffee" by Rachel Michetti, CC0, shipped in scikit-image's data folder.
- portrait.jpg: DSCOVR launch on Falcon 9 by SpaceX, public domain, shipped in scikit-image.
- screenshot.png: a text-heavy page rendered here with DejaVu fonts (no third-party content).
Usage: python make_samples.py <path to skimage/data> <output folder>
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

src, out = Path(sys.argv[1]), Path(sys.argv[2])
Image.open(src / "coffee.png").convert("RGB").save(out / "landscape.jpg", quality=88, optimize=True)
Image.open(src / "rocket.jpg").convert("RGB").save(out / "portrait.jpg", quality=88, optimize=True)

W, H = 1280, 800
img = Image.new("RGB", (W, H), (250, 250, 248))
d = ImageDraw.Draw(img)
fonts = "/usr/share/fonts/truetype/dejavu/"
sans = ImageFont.truetype(fonts + "DejaVuSans.ttf", 15)
bold = ImageFont.truetype(fonts + "DejaVuSans-Bold.ttf", 22)
mono = ImageFont.truetype(fonts + "DejaVuSansMono.ttf", 13)
d.rectangle([0, 0, W, 44], fill=(36, 41, 47))
for i, tab in enumerate(["README.md", "processor.py", "config.json", "notes.txt"]):
    d.rectangle([12 + i * 150, 8, 152 + i * 150, 44], fill=(250, 250, 248) if i == 1 else (57, 63, 71))
    d.text((24 + i * 150, 18), tab, font=sans, fill=(30, 30, 30) if i == 1 else (210, 210, 210))
d.rectangle([0, 44, 230, H], fill=(240, 242, 245))
for i, name in enumerate(["src/", "  engine/", "    plan.rs", "    models.rs", "  figures/", "  ui/", "tests/",
                          "  golden.rs", "assets/", "bench/", "README.md", "Cargo.toml"]):
    d.text((16, 60 + i * 22), name, font=mono, fill=(60, 60, 60))
d.text((256, 62), "How many tokens is my image?", font=bold, fill=(20, 20, 20))
para = ("A vision-language model cuts the image into patches, merges or pools them, and may tile it into "
        "crops first. The count depends on the processor: resize, round to a factor, clamp between "
        "min_pixels and max_pixels, then add the special tokens that open and close the image.")
y, line = 100, ""
for word in para.split():
    if d.textlength(line + " " + word, font=sans) > W - 300:
        d.text((256, y), line.strip(), font=sans, fill=(40, 40, 40)); y += 22; line = ""
    line += " " + word
d.text((256, y), line.strip(), font=sans, fill=(40, 40, 40)); y += 36
code = '''def smart_resize(height, width, factor=28, min_pixels=56 * 56, max_pixels=14 * 14 * 4 * 1280):
    if max(height, width) / min(height, width) > 200:
        raise ValueError("absolute aspect ratio must be smaller than 200")
    h_bar = round(height / factor) * factor
    w_bar = round(width / factor) * factor
    if h_bar * w_bar > max_pixels:
        beta = math.sqrt((height * width) / max_pixels)
        h_bar = max(factor, math.floor(height / beta / factor) * factor)
        w_bar = max(factor, math.floor(width / beta / factor) * factor)
    elif h_bar * w_bar < min_pixels:
        beta = math.sqrt(min_pixels / (height * width))
        h_bar = math.ceil(height * beta / factor) * factor
        w_bar = math.ceil(width * beta / factor) * factor
    return h_bar, w_bar'''
d.rectangle([248, y - 8, W - 24, y + 18 * len(code.splitlines()) + 8], fill=(246, 248, 250), outline=(208, 215, 222))
for i, l in enumerate(code.splitlines()):
    d.text((262, y + i * 18), l, font=mono, fill=(36, 41, 47))
y += 18 * len(code.splitlines()) + 30
rows = [("model", "px per token", "tokens at 1920x1080"), ("Gemma 3", "56 (pooled)", "256"),
        ("Qwen2.5-VL", "28", "2,691"), ("Qwen3-VL", "32", "2,040"), ("LLaVA-OneVision", "14 + crops", "7,269")]
for r, cells in enumerate(rows):
    for c, cell in enumerate(cells):
        d.rectangle([256 + c * 300, y + r * 30, 556 + c * 300, y + r * 30 + 30],
                    fill=(234, 238, 242) if r == 0 else (255, 255, 255), outline=(208, 215, 222))
        d.text((266 + c * 300, y + r * 30 + 7), cell, font=sans, fill=(30, 30, 30))
img.save(out / "screenshot.png", optimize=True)
