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


def ofd_bytes(
    title: str = "关于做好2026年防汛抗旱工作的通知",
    author: str = "中共南丰县委办公室",
    created: str = "2026-03-05",
    pages: int = 2,
    signatures: int = 1,
    prefix: str = "ofd",
    ofd_xml: str | None = None,
) -> bytes:
    """A small OFD package as GB/T 33190 lays one out (OFD.xml → Doc_0/Document.xml → pages, and a
    Signatures.xml), written with zipfile; ``ofd_xml`` replaces the index for the broken cases."""
    import zipfile
    from xml.sax.saxutils import escape

    ns = 'xmlns:{0}="http://www.ofdspec.org/2016"'.format(prefix)
    p = prefix + ":" if prefix else ""
    if not prefix:
        ns = 'xmlns="http://www.ofdspec.org/2016"'
    index = ofd_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}OFD {ns} Version="1.0" DocType="OFD">'
        f"<{p}DocBody><{p}DocInfo><{p}DocID>9f0c2a</{p}DocID><{p}Title>{escape(title)}</{p}Title>"
        f"<{p}Author>{escape(author)}</{p}Author><{p}CreationDate>{created}</{p}CreationDate>"
        f"<{p}Creator>书生电子公文</{p}Creator><{p}CreatorVersion>7.0</{p}CreatorVersion></{p}DocInfo>"
        f"<{p}DocRoot>Doc_0/Document.xml</{p}DocRoot>"
        + (f"<{p}Signatures>Doc_0/Signs/Signatures.xml</{p}Signatures>" if signatures else "")
        + f"</{p}DocBody></{p}OFD>"
    )
    page_list = "".join(
        f'<{p}Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(pages)
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}Document {ns}><{p}CommonData><{p}MaxUnitID>99</{p}MaxUnitID>'
        f"<{p}PageArea><{p}PhysicalBox>0 0 210 297</{p}PhysicalBox></{p}PageArea></{p}CommonData>"
        f"<{p}Pages>{page_list}</{p}Pages></{p}Document>"
    )
    signs = "".join(
        f'<{p}Signature ID="{i + 1}" BaseLoc="Sign_{i}/Signature.xml"/>' for i in range(signatures)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", index)
        z.writestr("Doc_0/Document.xml", document)
        for i in range(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", f"<{p}Page {ns}><{p}Content/></{p}Page>")
        if signatures:
            z.writestr("Doc_0/Signs/Signatures.xml", f"<{p}Signatures {ns}>{signs}</{p}Signatures>")
    return out.getvalue()
