"""从扫描件登记: a scanned first page is read in a worker (progress shown, the window keeps painting) and a
new record's form opens pre-filled, every recognised field marked "识别" until the clerk confirms it
(clicks the mark) or edits it; 保存 with fields still unchecked asks first. The scan itself is shown next
to the form so the clerk compares against the paper's image, not from memory."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QWidget,
)

from ui import messages
from ui.i18n import tr
from ui.widgets.editors import DateLineEdit
from ui.widgets.workers import TaskRunner, busy_dialog

MARK_STYLE = "QToolButton { background: #fff0c2; color: #8a5a00; border: 1px solid #e0b84c; padding: 0 4px; }"
FIELD_STYLE = "background: #fff8e1;"
SCAN_FILTER = "扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp)"


class _Progress(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the text across."""

    text = Signal(str)


class ScanMarks(QObject):
    """Fills a new record's FormDialog from a scan and keeps the "识别" marks until each field is checked."""

    def __init__(
        self, dialog: Any, values: Mapping[str, Any], seconds: float = 0.0, preview: bytes = b""
    ) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.marks: dict[str, QToolButton] = {}
        for name, value in values.items():
            editor = dialog.editors.get(name)
            if editor is None or not editor.field.editable:
                continue
            editor.set_value(value)
            self._mark(name, editor)
        note = QLabel(
            tr(
                "ScanForm",
                "带“识别”标记的 {0} 项由扫描件自动识别填入（用时 {1:.1f} 秒）。请对照右侧原件逐项核对：无误点“识别”确认，有误直接修改。",
            ).format(len(self.marks), seconds),
            dialog,
        )
        note.setObjectName("scan_note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #8a5a00;")
        dialog.layout().insertWidget(0, note)
        if preview:
            self._show_preview(preview)
        # 保存 goes through the check of unconfirmed marks first
        dialog.buttons.accepted.disconnect(dialog.accept_form)
        dialog.buttons.accepted.connect(self.accept)

    @property
    def pending(self) -> list[str]:
        return [name for name, mark in self.marks.items() if not mark.isHidden()]

    def _mark(self, name: str, editor: Any) -> None:
        widget = editor.widget
        cell = widget.parentWidget()
        box = cell.layout() if cell is not None else None
        mark = QToolButton(cell)
        mark.setObjectName(f"scan_mark_{name}")
        mark.setText(tr("ScanForm", "识别"))
        mark.setToolTip(tr("ScanForm", "此项由扫描件识别填入，尚未核对；核对无误请点此确认"))
        mark.setStyleSheet(MARK_STYLE)
        mark.clicked.connect(lambda _checked=False, n=name: self.confirm(n))
        if box is not None:
            box.removeWidget(widget)
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget, 1)
            row.addWidget(mark)
            box.insertLayout(0, row)  # type: ignore[attr-defined]
        widget.setStyleSheet(FIELD_STYLE)
        self.marks[name] = mark
        edited = _edited_signal(widget)
        if edited is not None:
            edited.connect(lambda *_a, n=name: self.confirm(n))
        if isinstance(widget, DateLineEdit):  # a date picked from the calendar is the clerk's own too
            widget.calendar.clicked.connect(lambda *_a, n=name: self.confirm(n))

    def confirm(self, name: str) -> None:
        mark = self.marks.get(name)
        if mark is None or mark.isHidden():
            return
        mark.hide()
        self.dialog.editors[name].widget.setStyleSheet("")

    def confirm_all(self) -> None:
        for name in list(self.marks):
            self.confirm(name)

    def accept(self) -> None:
        pending = self.pending
        if pending:
            labels = "、".join(self.dialog.editors[n].field.label for n in pending)
            if not messages.confirm(
                self.dialog,
                tr("ScanForm", "尚未核对"),
                tr(
                    "ScanForm", "以下字段由扫描件识别填入，尚未核对：{0}。\n\n已对照原件确认无误并保存吗？"
                ).format(labels),
            ):
                return
            self.confirm_all()
        self.dialog.accept_form()

    def _show_preview(self, png: bytes) -> None:
        image = QImage.fromData(png)
        if image.isNull():
            return
        label = QLabel()
        label.setObjectName("scan_preview")
        label.setPixmap(QPixmap.fromImage(image))
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        area = QScrollArea(self.dialog)
        area.setWidget(label)
        area.setMinimumWidth(min(image.width() + 24, 460))
        layout = self.dialog.layout()
        index = next(i for i in range(layout.count()) if isinstance(layout.itemAt(i).widget(), QScrollArea))
        form = layout.takeAt(index).widget()
        row = QHBoxLayout()
        row.addWidget(form, 3)
        row.addWidget(area, 2)
        layout.insertLayout(index, row)
        self.dialog.resize(max(self.dialog.width(), 1100), self.dialog.height())


def _edited_signal(widget: QWidget) -> Any:
    """The signal of a user's own edit (not of set_value)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, DateLineEdit):
        return widget.line.textEdited
    if isinstance(widget, QComboBox):
        return widget.activated
    if isinstance(widget, QPlainTextEdit):
        return None  # no edited-only signal: the mark is confirmed by clicking it
    return None


def _dropped_file(event: Any) -> Path | None:
    mime = event.mimeData()
    urls = [u for u in mime.urls() if u.isLocalFile()] if mime is not None and mime.hasUrls() else []
    return Path(urls[0].toLocalFile()) if len(urls) == 1 else None


def scan_form_dialog(view: Any, scan: Any) -> Any:
    """The view's own form class for a new record, filled from ``scan`` (a ScanForm)."""
    dialog = view.form_class(view.services, view.actor, view.register.key, None, view)
    dialog.scan_marks = ScanMarks(dialog, scan.values, scan.seconds, scan.preview)
    dialog.in_transaction = view.services.scans.attach_in_transaction(view.actor, view.register.key, scan)
    dialog.setWindowTitle(dialog.windowTitle() + tr("ScanForm", "（从扫描件）"))
    return dialog


class ScanRegistration(QObject):
    """The 从扫描件登记 action of one register view: choose a file, read it in a worker, open the form."""

    def __init__(self, view: Any, on_saved: Callable[[Any, Path], None]) -> None:
        super().__init__(view)
        self.view = view
        self.on_saved = on_saved
        self.tasks = TaskRunner(self)
        self.warming = TaskRunner(self)
        self._warm = False
        self.progress = _Progress(self)
        self.last_dialog: Any = None
        self.busy: Any = None

    def warm_up(self) -> None:
        """Load the OCR models in the background while the clerk picks the file (a read waits for it)."""
        if not self._warm:
            self._warm = True
            self.warming.start(self.view.services.scans.warm_up, lambda _r: None, lambda _e: None)

    def accept_drops_on(self, widget: QWidget) -> None:
        """A PDF or image dropped on ``widget`` (the toolbar button) is registered like a chosen one."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _dropped_file(event) is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            path = _dropped_file(event)
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.warm_up()
                self.start(path)
                return True
        return False

    def choose(self) -> None:
        from ui.widgets.files import ask_open_path

        self.warm_up()
        path = ask_open_path(self.view, tr("ScanForm", "选择扫描件（公文首页）"), SCAN_FILTER)
        if path is not None:
            self.start(path)

    def start(self, path: Path) -> None:
        if self.tasks.busy:
            return
        services, actor, key = self.view.services, self.view.actor, self.view.register.key
        self.busy = busy_dialog(self.view, tr("ScanForm", "正在识别扫描件…"))
        self.progress.text.connect(self.busy.setLabelText)
        emit = self.progress.text.emit
        self.busy.show()
        self.tasks.start(lambda: services.scans.read(actor, key, path, emit), self._read, self._failed)

    def _close_busy(self) -> None:
        if self.busy is not None:
            self.progress.text.disconnect(self.busy.setLabelText)
            self.busy.close()
            self.busy.deleteLater()
            self.busy = None

    def _failed(self, error: Exception) -> None:
        self._close_busy()
        messages.app_error(self.view, error)

    def _read(self, scan: Any) -> None:
        self._close_busy()
        dialog = scan_form_dialog(self.view, scan)
        self.last_dialog = dialog
        try:
            accepted = dialog.exec() == dialog.DialogCode.Accepted
            record = dialog.result_record if accepted else None
        finally:
            dialog.deleteLater()
        if record is not None:
            self.on_saved(record, scan.path)
