"""Draws the toolbar icons (a padlock on a medical cross). Run once with Pillow installed:
`python3 extension/icons/make_icons.py`; the PNGs are committed."""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent
TEAL = (0, 121, 107, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    scale = 8  # draw large, then downsample for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, s - 1, s - 1], radius=s // 5, fill=TEAL)
    # Padlock body and shackle.
    bw, bh = s * 0.50, s * 0.36
    bx, by = (s - bw) / 2, s * 0.46
    d.rounded_rectangle([bx, by, bx + bw, by + bh], radius=s * 0.05, fill=WHITE)
    sw = s * 0.07
    d.arc([s * 0.33, s * 0.20, s * 0.67, s * 0.60], start=180, end=360, fill=WHITE, width=int(sw))
    d.line([s * 0.33 + sw / 2, s * 0.40, s * 0.33 + sw / 2, by], fill=WHITE, width=int(sw))
    d.line([s * 0.67 - sw / 2, s * 0.40, s * 0.67 - sw / 2, by], fill=WHITE, width=int(sw))
    # A small cross on the body: the "doctor".
    cx, cy, arm, w = s / 2, by + bh / 2, s * 0.10, s * 0.055
    d.rectangle([cx - w / 2, cy - arm, cx + w / 2, cy + arm], fill=TEAL)
    d.rectangle([cx - arm, cy - w / 2, cx + arm, cy + w / 2], fill=TEAL)
    return img.resize((size, size), Image.LANCZOS)


for size in (16, 32, 48, 128):
    draw(size).save(HERE / f"icon-{size}.png")
