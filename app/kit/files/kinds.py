"""What a file is, from its bytes and not only its name: the kinds a record may carry, the magic bytes
of each, and the checks that refuse a broken or encrypted PDF, an undecodable image or a file whose
content does not match its extension — each with a Chinese message naming the file."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import ValidationFailed


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    extensions: tuple[str, ...]
    # "pdf" | "image" (drawn by the program) | "ofd" (described: no maintained renderer, app.kit.files.ofd)
    # | "" (stored, opened in the office's own program)
    preview: str = ""


KINDS = (
    Kind("pdf", "PDF", (".pdf",), "pdf"),
    Kind("jpeg", "JPEG 图片", (".jpg", ".jpeg", ".jfif"), "image"),
    Kind("png", "PNG 图片", (".png",), "image"),
    Kind("tiff", "TIFF 图片", (".tif", ".tiff"), "image"),
    Kind("docx", "Word 文档", (".docx",)),
    Kind("doc", "Word 97-2003 文档", (".doc",)),
    Kind("wps", "WPS 文字", (".wps",)),
    Kind("xlsx", "Excel 工作簿", (".xlsx",)),
    Kind("xls", "Excel 97-2003 工作簿", (".xls",)),
    Kind("et", "WPS 表格", (".et",)),
    Kind("ofd", "OFD 版式文件", (".ofd",), "ofd"),
)
BY_KEY = {k.key: k for k in KINDS}
BY_EXTENSION = {ext: k for k in KINDS for ext in k.extensions}
ALLOWED_TEXT = "PDF、JPEG、PNG、TIFF、Word（.docx/.doc）、WPS（.wps/.et）、Excel（.xlsx/.xls）、OFD"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc .xls and Kingsoft's .wps .et
_ZIP = b"PK\x03\x04"
_ZIP_MEMBER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "ofd": "OFD.xml"}


@dataclass(frozen=True)
class Inspected:
    kind: Kind
    pages: int | None


def kind_of(key: str) -> Kind:
    return BY_KEY.get(key) or Kind(key, key, ())


def _sniff(head: bytes) -> str:
    """The family the first bytes belong to: pdf, jpeg, png, tiff, ole, zip or ''."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(_ZIP):
        return "zip"
    return ""


_FAMILY_LABEL = {
    "pdf": "PDF 文件",
    "jpeg": "JPEG 图片",
    "png": "PNG 图片",
    "tiff": "TIFF 图片",
    "ole": "Word/Excel/WPS 97-2003 格式文件",
    "zip": "压缩包格式文件（如 .docx/.xlsx/.zip）",
}


def _family(kind: Kind) -> str:
    if kind.key in ("doc", "xls", "wps", "et"):
        return "ole"
    if kind.key in _ZIP_MEMBER:
        return "zip"
    return kind.key


def inspect(source: Path | bytes, name: str) -> Inspected:
    """The kind and page count of a file about to be attached; ValidationFailed({"file": …}) when it may
    not be attached. Reads the file from disk for the heavy checks, never whole into memory for a path."""
    ext = Path(name).suffix.lower()
    kind = BY_EXTENSION.get(ext)
    if kind is None:
        shown = f"“{ext}”" if ext else "没有扩展名的"
        raise ValidationFailed({"file": f"“{name}”：不支持{shown}文件。可添加：{ALLOWED_TEXT}"})
    with _open(source) as f:
        head = f.read(16)
    if not head:
        raise ValidationFailed({"file": f"“{name}”是空文件（0 字节），未添加"})
    found = _sniff(head)
    if found != _family(kind):
        what = _FAMILY_LABEL.get(found, "无法识别的内容")
        raise ValidationFailed(
            {
                "file": f"“{name}”的扩展名是{kind.label}，但文件内容是{what}，与扩展名不符；"
                "请确认选的是不是原文件（可能被改过扩展名），未添加"
            }
        )
    if kind.key in _ZIP_MEMBER:
        return Inspected(kind, _check_zip(source, name, kind))
    if kind.key == "pdf":
        return Inspected(kind, _pdf_pages(source, name))
    if kind.preview == "image":
        return Inspected(kind, _image_pages(source, name, kind))
    return Inspected(kind, None)


def _open(source: Path | bytes) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115


def _check_zip(source: Path | bytes, name: str, kind: Kind) -> int | None:
    """Refuses a broken package or one without its kind's index; an OFD's page count from its index."""
    from app.kit.files.ofd import OfdUnreadable, read_ofd

    member = _ZIP_MEMBER[kind.key]
    try:
        with _open(source) as f, zipfile.ZipFile(f) as z:
            names = set(z.namelist())
            if kind.key == "ofd" and any(n.lower() == "ofd.xml" for n in names):
                try:
                    return read_ofd(z).pages
                except OfdUnreadable as e:
                    raise ValidationFailed({"file": f"“{name}”已损坏，OFD 无法读取（{e}），未添加"}) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise ValidationFailed({"file": f"“{name}”已损坏或不完整（{kind.label}无法读取），未添加"}) from None
    if member not in names:
        raise ValidationFailed({"file": f"“{name}”不是{kind.label}（缺少 {member}），与扩展名不符，未添加"})
    return None


def _pdf_pages(source: Path | bytes, name: str) -> int:
    import pypdfium2 as pdfium

    from app.printing.pdfium_lock import PDFIUM_LOCK

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
        except pdfium.PdfiumError as e:
            text = str(e).lower()
            if "password" in text:
                raise ValidationFailed(
                    {"file": f"“{name}”是加密的 PDF（设有打开密码），无法预览和核对；请先去掉密码再添加"}
                ) from None
            raise ValidationFailed(
                {"file": f"“{name}”是损坏或不完整的 PDF，无法打开（{e}），未添加"}
            ) from None
        try:
            pages = len(pdf)
        finally:
            pdf.close()
    if pages < 1:
        raise ValidationFailed({"file": f"“{name}”是没有页面的 PDF，未添加"})
    return pages


def _image_pages(source: Path | bytes, name: str, kind: Kind) -> int:
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns (corrupt EXIF, truncated data) where the file is damaged: a finding, not noise;
            # a large scan (many pixels) is a document, not a decompression bomb, within the size limit.
            warnings.simplefilter("error")
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _open(source) as f, Image.open(f) as image:
                pages = int(getattr(image, "n_frames", 1) or 1)
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as e:
        raise ValidationFailed(
            {"file": f"“{name}”是损坏或不完整的{kind.label}，无法读取（{e}），未添加"}
        ) from None
    return pages
