"""The scans of an archived case, as pages of its case file (issue 17 §1 and §5): each photo or image on an A4 page
under a caption naming the material, the file and its SHA-256; a PDF scan with its own pages. A scan whose file is
missing or changed becomes a page that says so, and a warning."""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from yibao_desk.journal.case_attachments import Attachment
from yibao_desk.journal.intake import IntakeService
from yibao_desk.printing import documents
from yibao_desk.printing.fonts import FontSet

MARGIN = 18 * mm


def _page(fonts: FontSet, caption: str, draw: Callable[[Canvas, float, float, float, float], None] | None) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    width, height = A4
    c.setFont(fonts.name, 10)
    c.drawString(MARGIN, height - MARGIN, caption)
    if draw is not None:
        draw(c, MARGIN, MARGIN + 6 * mm, width - 2 * MARGIN, height - 2 * MARGIN - 14 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def _image(data: bytes) -> Callable[[Canvas, float, float, float, float], None]:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        turned = ImageOps.exif_transpose(opened)  # a phone's photo the right way up, as the viewer shows it
        image = ImageReader(turned.convert("RGB"))

    def draw(c: Canvas, x: float, y: float, w: float, h: float) -> None:
        iw, ih = image.getSize()
        scale = min(w / iw, h / ih)
        c.drawImage(image, x + (w - iw * scale) / 2, y + h - ih * scale, iw * scale, ih * scale)

    return draw


def scan_parts(
    svc: IntakeService, case_number: str, names: dict[str, str], fonts: FontSet
) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(title, pdf) of each scan the case holds, in the order they were attached; and the warnings."""
    words = documents.wording()["archive"]
    store = svc.attachment_store
    parts: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    for a in svc.attachments(case_number):
        material = names.get(a.material, a.material)
        title = words["documents"]["scan"].format(material=material, name=a.name or a.sha256[:12])
        if a.lost:
            parts.append((title, _page(fonts, words["scan_lost"].format(sha=a.sha256, reason=a.lost), None)))
            continue
        parts.append((title, _scan_pdf(store.problem(a.sha256, a.size), a, material, store.read, fonts, warnings)))
    return parts, warnings


def _scan_pdf(
    problem: str | None,
    a: Attachment,
    material: str,
    read: Callable[[str], bytes],
    fonts: FontSet,
    warnings: list[str],
) -> bytes:
    words = documents.wording()["archive"]
    pages = f"{a.pages} 页" if a.pages > 1 else ""
    caption = words["scan_caption"].format(material=material, name=a.name, pages=pages, sha=a.sha256[:16])
    if problem is not None:
        warnings.append(f"{material}：{problem}")
        return _page(fonts, words["scan_missing"].format(sha=a.sha256), None)
    data = read(a.sha256)
    if a.mime == "application/pdf":
        try:
            PdfReader(io.BytesIO(data))
        except PyPdfError as e:
            warnings.append(f"{material}：扫描件 {a.name} 无法并入案卷（{type(e).__name__}）")
            return _page(fonts, caption + "（PDF 无法并入案卷）", None)
        return data
    try:
        return _page(fonts, caption, _image(data))
    except Exception as e:
        warnings.append(f"{material}：扫描件 {a.name} 无法并入案卷（{type(e).__name__}）")
        return _page(fonts, caption + "（图片无法并入案卷）", None)
