"""Print preview of a rendered PDF (a form or a register book): pages rasterised with pypdfium2 off the
GUI thread, scrollable with zoom; 打印… paints the page images onto the chosen printer and records the
print in the audit trail; 另存为… copies the file."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain.errors import AppError
from app.printing.pdfium_lock import PDFIUM_LOCK as _PDFIUM_LOCK  # one lock for all PDFium use
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_save_path
from ui.widgets.screen import resize_to_fit
from ui.widgets.workers import TaskRunner

log = logging.getLogger(__name__)

PREVIEW_DPI = 144
PRINT_DPI = 300
ZOOMS = (0.35, 0.5, 0.66, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0)


def rasterise(pdf_path: Path, dpi: int) -> list[QImage]:
    """Every page of the PDF as an RGB image at ``dpi`` (runs on a pool thread)."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                ).copy()  # copy: own the pixels
                image.setDotsPerMeterX(round(dpi / 0.0254))
                image.setDotsPerMeterY(round(dpi / 0.0254))
                images.append(image)
                bitmap.close()
                page.close()
        finally:
            pdf.close()
    return images


def choose_printer(parent: QWidget | None) -> Any:
    """The system print dialog; the configured QPrinter, or None when cancelled (tests patch this)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("PrintPreview", "打印"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_pages(layout: Any, images: list[QImage], width_of: Callable[[QImage], int]) -> None:
    """Lay rasterised pages out in a preview's page column, one label a page, each scaled to
    ``width_of(image)`` pixels wide (print preview and file preview both show their pages this way)."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
    for image in images:
        pixmap = QPixmap.fromImage(image).scaledToWidth(
            max(50, width_of(image)), Qt.TransformationMode.SmoothTransformation
        )
        label = QLabel()
        label.setPixmap(pixmap)
        label.setFixedSize(pixmap.size())  # else the resizable scroll area squeezes pages onto each other
        layout.addWidget(label)


def paint_pages(printer: Any, images: list[QImage]) -> bool:
    """Paint rasterised pages onto the printer, one a sheet, each fitted inside the printable area with its
    proportions kept and centred (print preview and file preview both print this way). False: the printer
    could not be opened, nothing was printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            page = printer.pageLayout().paintRectPixels(printer.resolution())
            scaled = image.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x, y = (page.width() - scaled.width()) // 2, (page.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
    finally:
        painter.end()
    return True


class PrintPreviewDialog(QDialog):
    pages_ready = Signal(int)
    printed = Signal(int)  # pages sent to the printer

    def __init__(
        self,
        pdf_path: Path | str,
        *,
        services: Any = None,
        actor: Any = None,
        what: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.services = services
        self.actor = actor
        self.what = what or self.pdf_path.stem
        self.images: list[QImage] = []
        self.zoom = 0.66
        self.tasks = TaskRunner(self)
        self.setWindowTitle(tr("PrintPreview", "打印预览 — {0}").format(self.what))

        self.print_button = QPushButton(tr("PrintPreview", "打印…"), self)
        self.print_button.setObjectName("print")
        self.save_button = QPushButton(tr("PrintPreview", "另存为…"), self)
        self.zoom_out = QPushButton("－", self)
        self.zoom_in = QPushButton("＋", self)
        self.zoom_out.setToolTip(tr("PrintPreview", "缩小"))
        self.zoom_in.setToolTip(tr("PrintPreview", "放大"))
        self.zoom_label = QLabel(self)
        self.status = QLabel(tr("PrintPreview", "正在生成预览…"), self)
        close = QPushButton(tr("PrintPreview", "关闭"), self)
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_as)
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        close.clicked.connect(self.reject)

        bar = QHBoxLayout()
        for w in (self.print_button, self.save_button, self.zoom_out, self.zoom_label, self.zoom_in):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(close)

        self.pages_widget = QWidget()
        self.pages_widget.setStyleSheet("background: #808080;")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_widget)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        resize_to_fit(self, 900, 1000)
        self._show_zoom()
        path = self.pdf_path
        self.tasks.start(lambda: rasterise(path, PREVIEW_DPI), self._rendered, self._failed)

    # --- preview -------------------------------------------------------------------------------
    def _rendered(self, images: list[QImage]) -> None:
        self.images = images
        self.status.setText(tr("PrintPreview", "共 {0} 页").format(len(images)))
        self.print_button.setEnabled(bool(images))
        self.save_button.setEnabled(True)
        self._layout_pages()
        self.pages_ready.emit(len(images))

    def _failed(self, error: Exception) -> None:
        self.status.setText(tr("PrintPreview", "无法显示预览"))
        self.save_button.setEnabled(self.pdf_path.exists())
        messages.error(
            self, tr("PrintPreview", "打印预览"), tr("PrintPreview", "无法读取生成的文件：{0}").format(error)
        )

    def _layout_pages(self) -> None:
        factor = self.zoom * self.logicalDpiX() / PREVIEW_DPI
        show_pages(self.pages_layout, self.images, lambda image: round(image.width() * factor))

    def step_zoom(self, step: int) -> None:
        i = min(range(len(ZOOMS)), key=lambda k: abs(ZOOMS[k] - self.zoom))
        self.zoom = ZOOMS[max(0, min(len(ZOOMS) - 1, i + step))]
        self._show_zoom()
        self._layout_pages()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.zoom_out.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in.setEnabled(self.zoom < ZOOMS[-1])

    # --- output --------------------------------------------------------------------------------
    def save_as(self) -> None:
        target = ask_save_path(self, tr("PrintPreview", "另存为"), self.pdf_path.name, "PDF (*.pdf)")
        if target is None:
            return
        printing = getattr(self.services, "printing", None) if self.services is not None else None
        try:
            if printing is not None and self.actor is not None:
                printing.save_copy(self.actor, self.what, self.pdf_path, Path(target))  # audited as an export
            else:
                shutil.copyfile(self.pdf_path, target)
        except (OSError, AppError) as e:
            messages.error(
                self, tr("PrintPreview", "未保存"), tr("PrintPreview", "无法保存文件：{0}").format(e)
            )
            return
        self.saved_to = target

    def print_pages(self) -> None:
        printer = choose_printer(self)
        if printer is None:
            return
        self.print_button.setEnabled(False)
        self.status.setText(tr("PrintPreview", "正在准备打印…"))
        dpi = min(PRINT_DPI, max(printer.resolution(), 72))
        path = self.pdf_path
        self.tasks.start(
            lambda: rasterise(path, dpi), lambda images: self._paint(printer, images), self._failed
        )

    def _paint(self, printer: Any, images: list[QImage]) -> None:
        from PySide6.QtPrintSupport import QPrinter

        if not paint_pages(printer, images):
            self.print_button.setEnabled(True)
            messages.error(self, tr("PrintPreview", "未打印"), tr("PrintPreview", "无法连接打印机。"))
            return
        copies = printer.copyCount() if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat else 1
        self._record(len(images), max(1, copies))
        self.print_button.setEnabled(True)
        self.status.setText(tr("PrintPreview", "已发送 {0} 页到打印机").format(len(images)))
        self.printed.emit(len(images))

    def _record(self, pages: int, copies: int) -> None:
        printing = getattr(self.services, "printing", None) if self.services is not None else None
        if printing is None or self.actor is None:
            return
        try:
            printing.record_printer_output(self.actor, self.what, pages, copies)
        except Exception as e:
            log.exception("print not recorded")
            messages.app_error(self, e, tr("PrintPreview", "打印记录未保存"))
