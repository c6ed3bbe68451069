"""Preview of a file kept with a record: PDF pages rasterised with PDFium and images (TIFF with all its
pages) decoded by Qt, straight from the bytes in memory — no temporary file, so a classified scan leaves
nothing on the disk; an OFD (no maintained renderer) is described: a note and its own metadata.
打印… and 另存为… go through the files service (checked and audited there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.printing.pdfium_lock import PDFIUM_LOCK
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_save_path
from ui.widgets.print_preview import choose_printer, paint_pages, show_pages
from ui.widgets.screen import resize_to_fit
from ui.widgets.workers import TaskRunner

PREVIEW_DPI = 110
PRINT_DPI = 300
MAX_PAGES = 200  # a preview beyond this shows the first pages; the file itself is whole (另存为)


def render_pdf(data: bytes, dpi: int, limit: int = MAX_PAGES) -> list[QImage]:
    """The pages of a PDF given as bytes, as images (on a pool thread)."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            for i in range(min(len(pdf), limit)):
                page = pdf[i]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                image = QImage(
                    bytes(bitmap.buffer),
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                ).copy()
                images.append(image)
                bitmap.close()
                page.close()
        finally:
            pdf.close()
    return images


def render_image(data: bytes, fmt: str = "", limit: int = MAX_PAGES) -> list[QImage]:
    """Every page of an image file (a multi-page TIFF has several) decoded by Qt from memory."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))  # the buffer's own copy: nothing outside it must outlive the reader
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, fmt.encode())
    try:
        reader.setAutoTransform(True)
        images: list[QImage] = []
        for i in range(min(max(reader.imageCount(), 1), limit)):
            if i and not reader.jumpToImage(i):
                break
            image = reader.read()
            if image.isNull():
                break
            images.append(image)
        error = reader.errorString()
    finally:
        reader.setDevice(None)  # the reader lets go of the buffer before either is destroyed
        del reader
        buffer.close()
    if not images:
        raise ValueError(error)
    return images


def render(kind: str, data: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    return render_pdf(data, dpi) if kind == "pdf" else render_image(data, kind)


class FilePreviewDialog(QDialog):
    pages_ready = Signal(int)

    def __init__(self, services: Any, actor: Any, file_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        # The permission check before any window; the content (up to the size limit, so maybe 100 MB) is
        # read — and the view audited — with the rendering on a pool thread, so the window stays responsive.
        self.info = services.files.get(actor, file_id)
        self._data = b""
        self.images: list[QImage] = []
        self.ofd_info: Any = None  # an OFD's own description (app.kit.files.ofd.OfdInfo) once read
        self.zoom = 1.0
        self.tasks = TaskRunner(self)
        level = f"【{self.info.secret_level_label}】" if self.info.classified else ""
        self.setWindowTitle(
            tr("FilePreview", "{0}{1} — {2}").format(level, self.info.role_text, self.info.name)
        )
        self.print_button = QPushButton(tr("FilePreview", "打印…"), self)
        self.print_button.setObjectName("print")
        self.save_button = QPushButton(tr("FilePreview", "另存为…"), self)
        self.save_button.setObjectName("save")
        self.zoom_out = QPushButton("－", self)
        self.zoom_in = QPushButton("＋", self)
        self.status = QLabel(tr("FilePreview", "正在显示…"), self)
        close = QPushButton(tr("FilePreview", "关闭"), self)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_as)
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / 1.25))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * 1.25))
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        for w in (self.print_button, self.save_button, self.zoom_out, self.zoom_in):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(close)
        self.pages_widget = QWidget()
        self.pages_widget.setStyleSheet("background: #808080;")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        resize_to_fit(self, 900, 1000)
        files, kind = services.files, self.info.kind
        if self.info.preview == "ofd":

            def describe() -> tuple[bytes, Any]:
                from app.kit.files.ofd import ofd_info

                data = files.read(actor, file_id).data  # the view is audited like any other
                return data, ofd_info(data)

            self.tasks.start(describe, self._described, self._failed)
            return

        def work() -> tuple[bytes, list[QImage]]:
            data = files.read(actor, file_id).data
            return data, render(kind, data)

        self.tasks.start(work, self._rendered, self._failed)

    def _described(self, result: tuple[bytes, Any]) -> None:
        """An OFD: said plainly that it cannot be drawn here, and what the file says about itself."""
        self._data, info = result
        self.ofd_info = info
        for w in (self.zoom_in, self.zoom_out):
            w.hide()
        self.print_button.setToolTip(tr("FilePreview", "OFD 文件请另存后用 OFD 阅读器打印"))
        self.status.setText(tr("FilePreview", "OFD 版式文件"))
        panel = QWidget()
        panel.setObjectName("ofd_panel")
        panel.setStyleSheet("background: white;")
        box = QVBoxLayout(panel)
        note = QLabel(tr("FilePreview", "文件已保存，本机暂无 OFD 阅读组件，可另存为后用 OFD 阅读器打开。"))
        note.setObjectName("ofd_note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00; font-size: 11pt; padding: 8px;")
        box.addWidget(note)
        form = QFormLayout()
        rows = info.lines() or [(tr("FilePreview", "说明"), tr("FilePreview", "文件未写明标题、作者等信息"))]
        for label, value in [(tr("FilePreview", "文件名"), self.info.name), *rows]:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}：", text)
        box.addLayout(form)
        box.addStretch(1)
        self.pages_layout.setAlignment(Qt.AlignmentFlag(0))
        self.pages_widget.setStyleSheet("")
        self.pages_layout.addWidget(panel)
        self.pages_ready.emit(0)

    def _rendered(self, result: tuple[bytes, list[QImage]]) -> None:
        self._data, images = result
        self.images = images
        total = self.info.pages or len(images)
        shown = f"（显示前 {len(images)} 页）" if total > len(images) else ""
        self.status.setText(tr("FilePreview", "共 {0} 页{1}").format(total, shown))
        self.print_button.setEnabled(bool(images))
        self._layout_pages()
        self.pages_ready.emit(len(images))

    def _failed(self, error: Exception) -> None:
        self.status.setText(tr("FilePreview", "无法显示预览"))
        messages.error(
            self, tr("FilePreview", "预览"), tr("FilePreview", "无法显示这个文件：{0}").format(error)
        )

    def _layout_pages(self) -> None:
        width = max(200, self.scroll.viewport().width() - 40)
        show_pages(self.pages_layout, self.images, lambda image: round(min(width, image.width()) * self.zoom))

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.25, min(4.0, zoom))
        self._layout_pages()

    def save_as(self) -> None:
        save_file_as(self, self.services, self.actor, self.info)

    def print_pages(self) -> None:
        printer = choose_printer(self)
        if printer is None:
            return
        self.print_button.setEnabled(False)
        kind, data = self.info.kind, self._data
        dpi = min(PRINT_DPI, max(printer.resolution(), 72))
        self.tasks.start(
            lambda: render(kind, data, dpi), lambda images: self._paint(printer, images), self._failed
        )

    def _paint(self, printer: Any, images: list[QImage]) -> None:
        if not paint_pages(printer, images):
            self.print_button.setEnabled(True)
            messages.error(self, tr("FilePreview", "未打印"), tr("FilePreview", "无法连接打印机。"))
            return
        self.print_button.setEnabled(True)
        try:
            self.services.files.record_print(
                self.actor, self.info.id, len(images), max(1, printer.copyCount())
            )
        except AppError as e:
            messages.app_error(self, e, tr("FilePreview", "打印记录未保存"))
            return
        self.status.setText(tr("FilePreview", "已发送 {0} 页到打印机").format(len(images)))


def save_file_as(parent: QWidget, services: Any, actor: Any, info: Any) -> Path | None:
    """另存为: a classified file only after the user confirms the copy is a 涉密载体; audited as an export."""
    if info.classified and not messages.confirm(
        parent,
        tr("FilePreview", "另存涉密文件"),
        tr(
            "FilePreview",
            "这是{0}级记录的文件。另存的副本属于涉密载体，只能保存到经批准的涉密存储介质，并按规定登记管理。\n继续另存吗？",
        ).format(info.secret_level_label),
    ):
        return None
    suffix = Path(info.name).suffix
    target = ask_save_path(parent, tr("FilePreview", "另存为"), info.name, f"{info.kind_label} (*{suffix})")
    if target is None:
        return None
    try:
        return services.files.export(actor, info.id, target)
    except (OSError, AppError) as e:
        messages.error(parent, tr("FilePreview", "未保存"), tr("FilePreview", "无法保存文件：{0}").format(e))
        return None
