"""`python -m app --self-test`: prove an installation (or a PyInstaller bundle) works end to end on this
machine: a temporary database is migrated and initialised, one PDF and one Word file are rendered and
checked (Chinese text present, fonts embedded), the PDF is rasterised the way the print preview does it
(PDFium), and the pinyin dictionary, the holiday calendar and reportlab's C accelerator are loaded: the
pieces a frozen bundle or a pip installation most easily loses. Prints one line; exit code 0 = fine."""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from pathlib import Path


def _check_pdf(path: Path) -> None:
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError("PDF 无效或未嵌入字体")


def _check_docx(path: Path, expected: str) -> None:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    if expected not in xml or "w:eastAsia" not in xml:
        raise RuntimeError("Word 文件内容不完整")


def _check_preview(path: Path) -> None:
    """Rasterise page 1 as the print preview does; a missing libpdfium fails here, a blank page too."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        bitmap = pdf[0].render(scale=0.5, grayscale=True)
        pixels = bytes(bitmap.buffer)
    finally:
        pdf.close()
    if min(pixels) > 128:
        raise RuntimeError("PDF 预览渲染为空白页")


def _check_pinyin() -> None:
    from pypinyin import Style, lazy_pinyin  # autocomplete by pinyin initials (ui.widgets.completer)

    if "".join(lazy_pinyin("县委办公室", style=Style.FIRST_LETTER)).lower() != "xwbgs":
        raise RuntimeError("拼音词典不可用")


def _check_calendar() -> None:
    """The holiday calendar is a data file: without it deadlines silently ignore statutory holidays."""
    from app.domain.workdays import default_calendar

    if not default_calendar().holidays:
        raise RuntimeError("节假日日历缺失（resources/calendar）")


def _accelerated() -> bool:
    """Whether reportlab found its C accelerator (rl-accel); printing still works without it, slower."""
    from reportlab.lib import rl_accel

    return not rl_accel._py_funcs


def self_test() -> int:
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="county-office-selftest-") as tmp:
            from app.bootstrap import open_services
            from app.domain.enums import AdminRole
            from app.printing.book import BookColumn, BookPrintout, BookRow, RegisterBook
            from app.printing.layout import FieldRow, FormField, FormLayout, FormPrintout, TextBox
            from app.printing.layouts import BOOK, FORM
            from app.printing.meta import PrintMeta

            folder = Path(tmp)
            from db.engine import to_url

            services = open_services(to_url(folder / "selftest.sqlite"), backup_dir=folder / "backups")
            try:
                services.accounts.initialise({r: "Selftest#2026" for r in AdminRole})
                registers = len(list(services.catalog))
            finally:
                services.close()
            meta = PrintMeta("自检", marking="秘密")
            pdf = FORM.write(
                FormPrintout(
                    FormLayout(
                        "收文处理单（自检）",
                        (
                            FieldRow((FormField("来文单位", "县委办公室"), FormField("份数", "1"))),
                            TextBox("拟办意见", "自检文字", min_height_mm=20),
                        ),
                    ),
                    meta,
                ),
                folder / "selftest.pdf",
            )
            _check_pdf(pdf)
            _check_preview(pdf)
            _check_pinyin()
            _check_calendar()
            docx = BOOK.write(
                BookPrintout(
                    RegisterBook(
                        "收文登记簿（自检）",
                        (BookColumn("编号"), BookColumn("标题", 3)),
                        [BookRow(["1", "自检记录"])],
                    ),
                    meta,
                ),
                folder / "selftest.docx",
            )
            _check_docx(docx, "自检记录")
            from app.printing.fonts import font_set

            office = sum(font_set().office.values())
            accel = "已启用" if _accelerated() else "未启用"
    except Exception as e:  # the point of a self-test is to report any failure as one line
        print(f"自检失败：{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(
        f"自检通过：数据库迁移与初始化、PDF 与 Word 输出正常（{registers} 个登记簿，"
        f"办公字体 {office}/5，打印加速 {accel}，用时 {time.perf_counter() - started:.1f} 秒）"
    )
    return 0
