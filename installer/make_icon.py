"""Draws the program icon (resources/icons/yibao-desk.png and .ico) with Pillow and a CJK font. Run once when the
icon should change; the results are committed."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", r"C:\Windows\Fonts\simhei.ttf"]


def main() -> None:
    size = 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, size - 8, size - 8), radius=48, fill=(13, 71, 161, 255))
    d.rounded_rectangle((8, 150, size - 8, size - 8), radius=48, fill=(46, 125, 50, 255))
    d.rectangle((8, 150, size - 8, 190), fill=(46, 125, 50, 255))
    font_path = next(p for p in FONTS if Path(p).exists())
    big = ImageFont.truetype(font_path, 104)
    small = ImageFont.truetype(font_path, 46)
    d.text((size / 2, 86), "医保", font=big, fill="white", anchor="mm")
    d.text((size / 2, 204), "窗口", font=small, fill="white", anchor="mm")
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    img.save(out / "yibao-desk.png")
    img.save(out / "yibao-desk.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
