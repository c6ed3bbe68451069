"""Offline OCR of a scanned first page: the file is checked (size, real type by its first bytes, a PDF
that opens and is not encrypted), its first page rasterised with PDFium, read by RapidOCR (PP-OCRv4
Chinese models shipped inside the rapidocr-onnxruntime package: nothing is downloaded), and the
lines turned into fields by app.importing.scan. Tesseract (Debian's chi_sim) is kept as the second
engine the benchmark compares against (bench/bench_ocr.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import AppError
from app.importing.scan import OcrLine, ScanFields, extract

MAX_SCAN_BYTES = 50 * 1024 * 1024  # default limit; office setting "documents.scan_max_mb"
SCAN_MAX_SETTING = "documents.scan_max_mb"
SCAN_DPI = 200  # a PDF's page is rasterised as a desk scanner would: 200 dpi is what offices use
MAX_SIDE = 2400  # larger images are scaled down first: more pixels only slow the detector down
DETECT_SIDE = (
    1100  # the page as the OCR sees it: 3号 text is still ~26 px high; 2000 px costs 2x time, 2x memory
)
UPPER_PART = 0.55  # 版头 and 标题 sit in the upper part of page 1 (the mark 35 mm below the 版心 top)
RIGHT_INDENT = 0.35  # below it, lines starting this far right are 署名 and 成文日期, not 正文
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


def red_share(image: Any, box: tuple[float, float, float, float]) -> float:
    """Share of the inked pixels in the box that are red (the 红头 is printed red)."""
    import numpy as np

    left, top, right, bottom = (int(v) for v in box)
    arr = np.asarray(image.crop((max(left, 0), max(top, 0), right, bottom)), dtype=np.int16)
    if arr.size == 0:
        return 0.0
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    ink = (r + g + b) < 600
    red = ink & (r - g > 60) & (r - b > 60)
    return float(red.sum()) / max(int(ink.sum()), 1)


class RapidEngine:
    """RapidOCR with its packaged models, loaded once (≈1 s) and kept; calls are serialised because one
    ONNX session is shared."""

    name = "rapidocr"

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._engine is None:
                # OpenCV's wheel points Qt at its own plugins on import: keep the application's Qt settings
                saved = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")}
                try:
                    from rapidocr_onnxruntime import RapidOCR
                except ImportError:
                    raise ScanRefused("本机未安装文字识别组件（rapidocr-onnxruntime），无法从扫描件登记")
                finally:
                    for key, value in saved.items():
                        if value is None:
                            os.environ.pop(key, None)
                        else:
                            os.environ[key] = value
                _fewer_malloc_arenas()
                threads = max(1, min(4, os.cpu_count() or 1))
                # pages are upright (a scanner's skew is a degree or two): no direction classifier
                self._engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False)

    def lines(self, image: Any) -> list[OcrLine]:
        """Detection on the whole page, recognition only where the fields are: the 版头 and 标题 in the
        upper part, and right-indented lines (署名, 成文日期) below; the 正文 at the left margin is skipped,
        which saves about half the time."""
        import numpy as np

        self.load()
        scale = min(1.0, DETECT_SIDE / max(image.size))
        small = (
            image.resize((round(image.width * scale), round(image.height * scale))) if scale < 1 else image
        )
        bgr = np.ascontiguousarray(np.asarray(small)[..., ::-1])
        height, width = bgr.shape[:2]
        with self._lock:
            engine = self._engine
            boxes, _ = engine.text_det(bgr)
            if boxes is None or len(boxes) == 0:
                return []
            boxes = engine.sorted_boxes(boxes)
            wanted = [b for b in boxes if _worth_reading(b, width, height)]
            if not wanted:
                return []
            crops = engine.get_crop_img_list(bgr, wanted)
            recognised, _ = engine.text_rec(crops)
            _trim()
        out = []
        for points, (text, score) in zip(wanted, recognised):
            if float(score) < 0.5 or not str(text).strip():
                continue
            xs, ys = points[:, 0] / scale, points[:, 1] / scale
            box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
            out.append(OcrLine(str(text), box, red_share(image, box) > 0.5, float(score)))
        return out


def _libc() -> Any:
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _fewer_malloc_arenas() -> None:
    """glibc gives every thread its own arena and keeps what ONNX Runtime freed in each: two arenas
    keep the memory added near 400 MB instead of 600 (Linux only; elsewhere nothing happens)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(-8, 2)  # M_ARENA_MAX


def _trim() -> None:
    """Hand the page's buffers back to the system after each page (RSS back to ~150 MB)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _worth_reading(points: Any, width: int, height: int) -> bool:
    top, left = float(points[:, 1].min()), float(points[:, 0].min())
    return top < UPPER_PART * height or left > RIGHT_INDENT * width


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
