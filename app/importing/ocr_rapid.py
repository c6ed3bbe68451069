"""RapidOCR (PP-OCRv4 Chinese models shipped inside the rapidocr-onnxruntime package: nothing is
downloaded) reading only what 从扫描件登记 needs from a first page: the 版头, 字号 and 标题 at the top,
and the right-indented 署名/成文日期 lines below. Where the time and memory went, and what is done:

- detection is run on two regions of the page scaled to DETECT_SIDE (the upper part, and the right part
  below it), not on the whole page at scan resolution: its time and memory grow with the pixels;
- recognition crops come from the page as scanned (the text is sharp there), one line at a time, top
  down, and stop once the 标题 has ended: the 正文 under it, the widest lines, is never recognised;
- ONNX Runtime uses one thread per core without spinning (a spinning pool burns the other core's time
  while the GUI or other programs want it), no memory arena, one engine for all pages;
- the page arrays are released and glibc's free memory handed back after each page."""

from __future__ import annotations

import os
import threading
from typing import Any

from app.importing.scan import OcrLine, header_read

DETECT_SIDE = 960  # the page as the detector sees it: 3号 text ~18 px high; 1100 px cost 1.4x, 800 lost lines
UPPER_PART = 0.55  # 版头 and 标题 sit in the upper part of page 1 (the mark 35 mm below the 版心 top)
RIGHT_INDENT = 0.35  # below it, lines starting this far right are 署名 and 成文日期, not 正文
# the regions overlap by more than a line's height (the upper one) and two characters (the lower one):
# a line on a region's edge is whole in one of them, and a 正文 line cut by the lower region's left
# edge starts left of RIGHT_INDENT there and is dropped
OVERLAP_Y = 0.05
OVERLAP_X = 0.05
MIN_SCORE = 0.5


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


def cores() -> int:
    """The cores this process may run on (the office PC has two)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def session_options(threads: int) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 4
    opts.enable_cpu_mem_arena = False  # an arena keeps the largest page's buffers for good
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    # idle workers sleep instead of spinning: measured at a load of 9, 1.24 CPU-s a page instead of 1.98
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return opts


class RapidEngine:
    """RapidOCR with its packaged models, loaded once (≈1 s) and kept; calls are serialised because one
    ONNX session is shared."""

    name = "rapidocr"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or cores()
        self._engine: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._engine is None:
                self._engine = self._build()

    def _build(self) -> Any:
        # OpenCV's wheel points Qt at its own plugins on import: keep the application's Qt settings
        saved = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")}
        try:
            from rapidocr_onnxruntime import RapidOCR
            from rapidocr_onnxruntime.utils import infer_engine
        except ImportError:
            from app.importing.ocr import ScanRefused

            raise ScanRefused("本机未安装文字识别组件（rapidocr-onnxruntime），无法从扫描件登记")
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        _fewer_malloc_arenas()
        # RapidOCR builds its sessions' options itself and offers no switch for spinning: its builder is
        # replaced while the sessions are made, then put back (checked for the pinned 1.4 series)
        session_class = infer_engine.OrtInferSession
        builder = session_class.__dict__.get("_init_sess_opts")
        if builder is not None:
            session_class._init_sess_opts = staticmethod(lambda _config: session_options(self.threads))
        try:
            # pages are upright (a scanner's skew is a degree or two): no direction classifier; the
            # detector takes the region as given ("max" never enlarges it)
            engine = RapidOCR(
                use_cls=False,
                det_limit_type="max",
                det_limit_side_len=DETECT_SIDE,
                intra_op_num_threads=self.threads,
                inter_op_num_threads=1,
            )
        finally:
            if builder is not None:
                session_class._init_sess_opts = builder
        engine.text_cls = None  # never used: its session's memory back
        return engine

    def lines(self, image: Any) -> list[OcrLine]:
        """The lines worth reading, as OcrLine boxes in the image's pixels."""
        import numpy as np

        self.load()
        with self._lock:
            engine = self._engine
            boxes = _detect(engine, image)
            if not boxes:
                return []
            page = np.ascontiguousarray(np.asarray(image)[..., ::-1])  # BGR, as the models were trained
            try:
                out: list[OcrLine] = []
                width, height = image.size
                upper = [b for b in boxes if float(b[:, 1].min()) < UPPER_PART * height]
                lower = [b for b in boxes if float(b[:, 1].min()) >= UPPER_PART * height]
                for points in upper:
                    line = _read(engine, page, image, points)
                    if line is not None:
                        out.append(line)
                        if header_read(out):
                            break
                for points in lower:
                    if float(points[:, 0].min()) > RIGHT_INDENT * width:
                        line = _read(engine, page, image, points)
                        if line is not None:
                            out.append(line)
                return out
            finally:
                del page
                _trim()


def _detect(engine: Any, image: Any) -> list[Any]:
    """Text boxes (4 points, page pixels) in the two regions, top to bottom."""
    import numpy as np

    width, height = image.size
    scale = min(1.0, DETECT_SIDE / max(width, height))
    regions = (
        (0.0, 0.0, 1.0, min(1.0, UPPER_PART + OVERLAP_Y)),
        (RIGHT_INDENT - OVERLAP_X, UPPER_PART - OVERLAP_Y, 1.0, 1.0),
    )
    found: list[Any] = []
    for n, (x0, y0, x1, y1) in enumerate(regions):
        crop = (round(x0 * width), round(y0 * height), round(x1 * width), round(y1 * height))
        part = image.crop(crop)
        if scale < 1:
            part = part.resize((max(1, round(part.width * scale)), max(1, round(part.height * scale))))
        bgr = np.ascontiguousarray(np.asarray(part)[..., ::-1])
        del part
        if n == 1:  # the 署名 and 成文日期 are black under a red seal: its ring split 二〇二二 into two lines
            bgr = _without_red(bgr)
        boxes, _ = engine.text_det(bgr)
        del bgr
        for points in boxes if boxes is not None else ():
            pts = (points / scale + np.array(crop[:2], dtype=np.float32)).astype(np.float32)
            top = float(pts[:, 1].min())
            if (top < UPPER_PART * height) == (n == 0):  # each line from the region it belongs to
                found.append(pts)
    return list(engine.sorted_boxes(np.array(found))) if found else []


def _read(engine: Any, page: Any, image: Any, points: Any) -> OcrLine | None:
    import numpy as np

    (crop,) = engine.get_crop_img_list(page, [points])
    xs, ys = points[:, 0], points[:, 1]
    box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
    red = red_share(image, box) > 0.5
    if not red:  # a black line under the red seal (署名, 成文日期): the seal's ink is not part of it
        crop = _without_red(crop)
    recognised, _ = engine.text_rec([crop])
    text, score = recognised[0]
    if float(score) < MIN_SCORE or not str(text).strip():
        return None
    # across the line: the quad's left and right sides (points go clockwise from the top left)
    size = float((np.linalg.norm(points[0] - points[3]) + np.linalg.norm(points[1] - points[2])) / 2)
    return OcrLine(str(text), box, red, float(score), size)


def _without_red(bgr: Any) -> Any:
    """The image with red ink turned to paper: the seal's ring crossing 二〇二三 made 三 read as 年."""
    import numpy as np

    arr = bgr.astype(np.int16)
    b, g, r = arr[..., 0], arr[..., 1], arr[..., 2]
    red = (r - np.maximum(g, b)) > 40
    if not red.any():
        return bgr
    out = bgr.copy()
    out[red] = 255
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
    keep the memory added down (Linux only; elsewhere nothing happens)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(-8, 2)  # M_ARENA_MAX


def _trim() -> None:
    """Hand the page's buffers back to the system after each page."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
