"""Small real files for the files-on-records tests: PDFs (plain, multi-page, encrypted, cut short),
PNG/JPEG/TIFF images (TIFF with several pages) and a .docx, each written by its own library."""

from __future__ import annotations

import io
from pathlib import Path


def pdf_bytes(pages: int = 1, text: str = "Scan") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)  # same bytes every call
    for i in range(pages):
        c.setFont("Helvetica", 28)
        c.drawString(100, 700, f"{text} page {i + 1}")
        c.rect(80, 80, 430, 680)
        c.showPage()
    c.save()
    return out.getvalue()


def write_pdf(path: Path, pages: int = 1, text: str = "Scan") -> Path:
    path.write_bytes(pdf_bytes(pages, text))
    return path


def encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret-open", owner_password="owner")
    with open(path, "wb") as f:
        writer.write(f)
    return path


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (240, 320), pages: int = 1) -> bytes:
    from PIL import Image, ImageDraw

    frames = []
    for i in range(pages):
        im = Image.new("RGB", size, "white")
        d = ImageDraw.Draw(im)
        d.rectangle((10, 10, size[0] - 10, size[1] - 10), outline="red", width=4)
        d.text((30, 30 + 20 * i), f"page {i + 1}", fill="black")
        frames.append(im)
    out = io.BytesIO()
    if pages > 1:
        frames[0].save(out, fmt, save_all=True, append_images=frames[1:])
    else:
        frames[0].save(out, fmt)
    return out.getvalue()


def docx_bytes(text: str = "正文") -> bytes:
    from docx import Document

    d = Document()
    d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
