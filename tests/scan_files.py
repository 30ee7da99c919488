"""Scans as a 高拍仪 or a scanner writes them, made in the test: JPEG and PNG photos (Pillow), multi-page PDFs
(ReportLab), and a 5 MB scan for the limits."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw


def jpeg(path: Path, text: str = "身份证正面", size: tuple[int, int] = (1200, 760), seed: int = 1) -> Path:
    """A photo of a card: a coloured field with a frame and some noise, so that no two seeds give the same bytes."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, (200 + rng.randrange(40), 220, 235))
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, size[0] - 40, size[1] - 40), outline=(30, 60, 120), width=8)
    for _ in range(200):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.point((x, y), fill=(rng.randrange(255), rng.randrange(255), rng.randrange(255)))
    draw.text((80, 80), text.encode("ascii", "replace").decode(), fill=(0, 0, 0))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=85)
    return path


def png(path: Path, seed: int = 2) -> Path:
    rng = random.Random(seed)
    img = Image.new("RGB", (600, 400), (rng.randrange(255), 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG")
    return path


def pdf(path: Path, pages: int = 2, title: str = "invoice") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(pages):
        c.drawString(72, 760, f"{title} page {i + 1}")
        c.showPage()
    c.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


def big_scan(path: Path, megabytes: float = 5.0, seed: int = 5) -> Path:
    """A JPEG of about `megabytes` (a 600 dpi A4 colour scan): noise compresses badly, so a size is reached."""
    rng = random.Random(seed)
    side = 1400
    while True:
        img = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=90)
        if buf.tell() >= megabytes * 1048576 * 0.97:
            break
        side = int(side * min(1.25, (megabytes * 1048576 / buf.tell()) ** 0.5 * 1.01))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path
