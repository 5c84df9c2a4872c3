"""Generated pictures for the demo: a gradient with a few shapes, no external files."""

from __future__ import annotations

import io
import random

from PIL import Image as PILImage
from PIL import ImageDraw

PALETTES = [
    ((163, 22, 26), (245, 190, 60)),
    ((20, 90, 150), (150, 210, 230)),
    ((30, 110, 60), (200, 230, 150)),
    ((90, 50, 120), (230, 180, 220)),
    ((120, 70, 20), (240, 210, 160)),
]


def generated_jpeg(seed: int, width: int = 1200, height: int = 675) -> bytes:
    rng = random.Random(seed)  # noqa: S311 - shapes, not secrets
    top, bottom = PALETTES[seed % len(PALETTES)]
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        colour = tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(40, 200)
        shade = tuple(min(255, c + rng.randrange(20, 80)) for c in bottom)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=6)
    # A horizon line: fields and hills, like the photos of a commune.
    draw.polygon(
        [(0, height), (0, int(height * 0.7)), (width // 3, int(height * 0.55)),
         (2 * width // 3, int(height * 0.68)), (width, int(height * 0.5)), (width, height)],
        fill=tuple(max(0, c - 60) for c in top),
    )  # fmt: skip
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()
