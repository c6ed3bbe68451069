"""Offline OCR of a scanned first page: the file is checked (size, real type by its first bytes, a PDF
that opens and is not encrypted), its first page rasterised with PDFium, read by RapidOCR
(app.importing.ocr_rapid), and the lines turned into fields by app.importing.scan. Tesseract (Debian's
chi_sim) is kept as the second engine the benchmark compares against (bench/bench_ocr.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import AppError
from app.importing.ocr_rapid import RapidEngine, red_share
from app.importing.scan import OcrLine, ScanFields, extract

__all__ = ["RapidEngine", "ScanRefused", "TesseractEngine", "read_scan"]

MAX_SCAN_BYTES = 50 * 1024 * 1024  # default limit; office setting "documents.scan_max_mb"
SCAN_MAX_SETTING = "documents.scan_max_mb"
SCAN_DPI = 200  # a PDF's page is rasterised as a desk scanner would: 200 dpi is what offices use
MAX_SIDE = 2400  # larger images are scaled down first: more pixels only slow the detector down
SUFFIXES = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff",
            ".bmp": "bmp"}  # fmt: skip


class ScanRefused(AppError):
    """The file cannot be read as a scan; the message says why in Chinese. Nothing was saved."""

    code = "scan_refused"


@dataclass(frozen=True)
class ScanResult:
    fields: ScanFields
    seconds: float  # file to fields
    engine: str
    image: Any = None  # the page as read (PIL), for the preview next to the form


def sniff(head: bytes) -> str:
    """The real type of a file from its first bytes: pdf / jpeg / png / tiff / bmp / ''."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"BM"):
        return "bmp"
    return ""


def check_file(path: Path, max_bytes: int = MAX_SCAN_BYTES) -> str:
    """The file's type when it may be read as a scan, else ScanRefused with the reason."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ScanRefused(f"不支持的文件类型“{suffix or '无扩展名'}”：请选择 PDF 或 JPG、PNG、TIFF 图像")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(2048)
    except OSError as e:
        raise ScanRefused(f"无法读取文件：{e.strerror or e}")
    if size == 0:
        raise ScanRefused("文件是空的（0 字节）")
    if size > max_bytes:
        raise ScanRefused(
            f"文件太大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）：请只扫描首页，或降低扫描分辨率"
        )
    kind = sniff(head)
    if not kind:
        raise ScanRefused("文件内容不是 PDF 或图像（扩展名与内容不符）：请重新扫描或另存为 PDF/JPG")
    if kind != SUFFIXES[suffix] and not (kind == "jpeg" and SUFFIXES[suffix] == "jpeg"):
        raise ScanRefused(f"文件扩展名是“{suffix}”，内容却是 {kind.upper()}：请核对文件（扩展名与内容不符）")
    return kind


def first_page(path: Path, max_bytes: int = MAX_SCAN_BYTES) -> Any:
    """The first page as an RGB PIL image (a PDF's rasterised at SCAN_DPI)."""
    kind = check_file(path, max_bytes)
    if kind == "pdf":
        return _pdf_page(path)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.seek(0)  # a multi-page TIFF: its first page
            image = im.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise ScanRefused(f"图像文件已损坏或无法识别：{e}")
    return _bounded(image)


def _pdf_page(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        text = str(e).lower()
        if "password" in text:
            raise ScanRefused("PDF 文件已加密（需要密码）：请用扫描仪直接另存为不加密的 PDF 或图像")
        raise ScanRefused("PDF 文件已损坏，无法打开：请重新扫描")
    try:
        if len(doc) == 0:
            raise ScanRefused("PDF 文件没有页面")
        page = doc[0]
        width, height = page.get_size()
        scale = min(SCAN_DPI / 72, MAX_SIDE / max(width, height, 1))
        return page.render(scale=scale).to_pil().convert("RGB")
    except pdfium.PdfiumError:
        raise ScanRefused("PDF 文件已损坏，无法读出首页：请重新扫描")
    finally:
        doc.close()


def _bounded(image: Any) -> Any:
    side = max(image.size)
    if side > MAX_SIDE:
        factor = MAX_SIDE / side
        image = image.resize((round(image.width * factor), round(image.height * factor)))
    return image


class TesseractEngine:
    """Tesseract 5 with Debian's chi_sim (apt tesseract-ocr-chi-sim), run as a program; lines from its TSV."""

    name = "tesseract"

    def available(self) -> bool:
        return shutil.which("tesseract") is not None

    def lines(self, image: Any) -> list[OcrLine]:
        import io

        buf = io.BytesIO()
        image.save(buf, "PNG")
        proc = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
            input=buf.getvalue(),
            capture_output=True,
            timeout=600,  # a busy machine: Tesseract is slow to start its threads
            env={**os.environ, "OMP_THREAD_LIMIT": "2"},
        )
        rows: dict[tuple[int, int, int], list[tuple[str, tuple[int, int, int, int]]]] = {}
        for raw in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
            cols = raw.split("\t")
            if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
                continue
            key = (int(cols[2]), int(cols[3]), int(cols[4]))
            left, top, width, height = (int(c) for c in cols[6:10])
            rows.setdefault(key, []).append((cols[11], (left, top, left + width, top + height)))
        out = []
        for words in rows.values():
            box = (
                min(b[0] for _, b in words),
                min(b[1] for _, b in words),
                max(b[2] for _, b in words),
                max(b[3] for _, b in words),
            )
            text = "".join(w for w, _ in words)
            out.append(OcrLine(text, box, red_share(image, box) > 0.5))
        return out


def read_scan(
    path: Path,
    engine: Any,
    max_bytes: int = MAX_SCAN_BYTES,
    progress: Callable[[str], None] | None = None,
) -> ScanResult:
    """File → fields. ScanRefused when the file is refused or no text is found on it."""
    started = time.perf_counter()
    say = progress or (lambda _text: None)
    say("正在读取文件…")
    image = first_page(path, max_bytes)
    say("正在识别文字…")
    lines = engine.lines(image)
    if not lines or sum(len(ln.text.strip()) for ln in lines) < 4:
        raise ScanRefused("图像上没有识别到文字：这似乎不是一份公文的扫描件，请检查后重新扫描")
    fields = extract(lines)
    if not (fields.issuer or fields.number or fields.title):
        raise ScanRefused(
            "识别到了文字，但找不到发文机关、文号或标题：这似乎不是公文首页，请扫描公文的第一页"
        )
    return ScanResult(fields, time.perf_counter() - started, engine.name, image)
