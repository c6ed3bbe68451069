"""The files of one record, in every details dialog and behind 文件… of every register view: the list
(用途, 文件名, 类型, 大小, 添加人, 时间), 添加… and drag and drop onto it, 预览, 另存为…, 用本机程序打开 and
作废…. Everything goes through the files service: permissions, checks and the audit are there."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.kit.files.data import ROLES
from app.kit.files.kinds import ALLOWED_TEXT, BY_EXTENSION
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_open_paths, open_with_system
from ui.widgets.screen import resize_to_fit
from ui.widgets.workers import TaskRunner

HEADERS = ("用途", "文件名", "类型", "大小", "添加人", "添加时间")


def default_role(register: str) -> str:
    return "底稿" if register == "outgoing" else "扫描件"


class FilesPanel(QWidget):
    changed = Signal()  # files were added or voided
    attached = Signal(int)  # how many files one 添加 / drop attached

    def __init__(
        self, services: Any, actor: Any, register: str, record_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("files_panel")
        self.services, self.actor, self.register_key, self.record_id = services, actor, register, record_id
        reg = services.catalog.get(register)
        self.can_write = actor.has_role(*reg.write_roles)
        self.files: tuple[Any, ...] = ()
        self.tasks = TaskRunner(self)
        self._temp: Path | None = None
        self._hooked = False
        self.title = QLabel(self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("files")
        self.table.setHorizontalHeaderLabels([tr("Files", h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda *_: self.preview())
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        self.role.addItems(list(ROLES))
        self.role.setCurrentText(default_role(register))
        self.role.setToolTip(tr("Files", "新添加文件的用途"))
        self.add_button = self._button("add", "添加…", self.add_dialog)
        self.preview_button = self._button("preview", "预览", self.preview)
        self.save_button = self._button("save", "另存为…", self.save_as)
        self.open_button = self._button("open", "用本机程序打开", self.open_external)
        self.void_button = self._button("void", "作废…", self.void_selected)
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(QLabel(tr("Files", "用途"), self))
        row.addWidget(self.role)
        for b in (self.add_button, self.preview_button, self.save_button, self.open_button, self.void_button):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.add_button.setVisible(self.can_write)
        self.role.setVisible(self.can_write)
        self.void_button.setVisible(self.can_write)
        self.setAcceptDrops(self.can_write)
        self.reload()

    def _button(self, name: str, text: str, slot: Any) -> QPushButton:
        b = QPushButton(tr("Files", text), self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    # --- the list --------------------------------------------------------------------------------
    def reload(self) -> None:
        self.files = self.services.files.list(self.actor, self.register_key, self.record_id)
        live = [f for f in self.files if not f.voided]
        hint = tr("Files", "（可把文件拖到这里）") if self.can_write else ""
        self.title.setText(tr("Files", "<b>文件</b> {0} 个{1}").format(len(live), hint))
        self.table.setRowCount(len(self.files))
        for r, f in enumerate(self.files):
            pages = f"，{f.pages}页" if f.pages else ""
            cells = (
                f.role_text + ("（已作废）" if f.voided else ""),
                f.name,
                f.kind_label + pages,
                f.size_text,
                f.added_by_name or f.added_by,
                f"{f.added_at:%Y-%m-%d %H:%M}",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                tip = f"{text}\nSHA-256：{f.sha256}" if c == 1 else text
                if f.voided:
                    item.setForeground(QColor("#888888"))
                    tip += f"\n作废原因：{f.void_reason}"
                item.setToolTip(tip)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        rows = min(max(len(self.files), 1), 4)
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().defaultSectionSize() * rows
            + 6
        )
        if self.files and not self.table.selectedItems():
            self.table.selectRow(len(self.files) - 1)
        self._update_buttons()

    def selected(self) -> Any:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.files[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        f = self.selected()
        self.preview_button.setEnabled(f is not None and bool(f.preview))
        self.preview_button.setToolTip(
            tr("Files", "本程序不能显示{0}，可用“用本机程序打开”或“另存为”").format(f.kind_label)
            if f is not None and not f.preview
            else ""
        )
        self.save_button.setEnabled(f is not None)
        self.open_button.setEnabled(f is not None and not f.classified)
        self.open_button.setToolTip(
            tr("Files", "涉密记录的文件只在本程序中预览，不交给其他程序打开")
            if f is not None and f.classified
            else tr("Files", "用本机安装的程序（如 WPS、Word、看图软件）打开一份临时副本；关闭本窗口时删除")
        )
        self.void_button.setEnabled(f is not None and not f.voided)

    # --- adding ----------------------------------------------------------------------------------
    def add_dialog(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in BY_EXTENSION)
        paths = ask_open_paths(self, tr("Files", "添加文件"), f"{ALLOWED_TEXT} ({patterns})")
        if paths:
            self.add_paths(paths)

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Attach each file in the chosen role off the GUI thread; each is all or nothing on its own, and
        the refused ones are listed with why."""
        services, actor, register, record_id = self.services, self.actor, self.register_key, self.record_id
        role = self.role.currentText()

        def work() -> tuple[int, list[str]]:
            done, refused = 0, []
            for p in paths:
                try:
                    services.files.attach(actor, register, record_id, Path(p), role)
                    done += 1
                except AppError as e:
                    refused.append(str(e) if Path(p).name in str(e) else f"“{Path(p).name}”：{e}")
            return done, refused

        self.add_button.setEnabled(False)
        self.title.setText(tr("Files", "<b>文件</b> 正在添加…"))
        self.tasks.start(work, self._added, self._add_failed)

    def _added(self, result: tuple[int, list[str]]) -> None:
        done, refused = result
        self.add_button.setEnabled(True)
        self.reload()
        if done:
            self.changed.emit()
        self.attached.emit(done)
        if refused:
            messages.warn(self, tr("Files", "未添加"), "\n".join(refused))

    def _add_failed(self, error: Exception) -> None:
        self.add_button.setEnabled(True)
        self.reload()
        messages.app_error(self, error, tr("Files", "未添加"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        if (
            self.can_write
            and event.mimeData().hasUrls()
            and all(u.isLocalFile() for u in event.mimeData().urls())
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # --- reading ---------------------------------------------------------------------------------
    def preview(self) -> None:
        f = self.selected()
        if f is None or not f.preview:
            return
        from ui.widgets.file_preview import FilePreviewDialog

        try:
            dialog = FilePreviewDialog(self.services, self.actor, f.id, self)
        except AppError as e:
            messages.app_error(self, e, tr("Files", "无法预览"))
            return
        self.preview_dialog = dialog  # tests look at it; the dialog is modal
        dialog.exec()
        dialog.deleteLater()

    def save_as(self) -> None:
        from ui.widgets.file_preview import save_file_as

        f = self.selected()
        if f is not None:
            save_file_as(self, self.services, self.actor, f)

    def open_external(self) -> None:
        f = self.selected()
        if f is None:
            return
        try:
            path = self.services.files.open_copy(self.actor, f.id, self._temp_dir())
        except (AppError, OSError) as e:
            messages.app_error(self, e, tr("Files", "未打开"))
            return
        if not open_with_system(path):
            messages.warn(
                self, tr("Files", "未打开"), tr("Files", "本机没有能打开{0}的程序。").format(f.kind_label)
            )

    def _temp_dir(self) -> Path:
        # A private folder (mode 700) for the copies handed to the office's own programs, removed when the
        # dialog closes; only unclassified records' files ever go there (the service refuses the others).
        if self._temp is None:
            self._temp = Path(tempfile.mkdtemp(prefix="county-office-files-"))
            remove = weakref.finalize(self, shutil.rmtree, self._temp, ignore_errors=True)
            self.destroyed.connect(lambda *_: remove())
            window = self.window()
            if isinstance(window, QDialog) and not self._hooked:
                window.finished.connect(lambda *_: self.cleanup())
                self._hooked = True
        return self._temp

    def cleanup(self) -> None:
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None

    def void_selected(self) -> None:
        f = self.selected()
        if f is None or f.voided:
            return
        reason = messages.ask_text(
            self,
            tr("Files", "作废文件"),
            tr("Files", "作废“{0}”的原因（必填；文件仍保留备查）：").format(f.name),
        )
        if reason is None:
            return
        try:
            self.services.files.void(self.actor, f.id, reason)
        except AppError as e:
            messages.app_error(self, e, tr("Files", "未作废"))
            return
        self.reload()
        self.changed.emit()


class FilesDialog(QDialog):
    """文件… of any register view: the record's files on their own."""

    def __init__(
        self, services: Any, actor: Any, register: str, record_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        reg = services.catalog.get(register)
        rec = services.registers.get(actor, register, record_id)
        self.setWindowTitle(tr("Files", "文件 · {0} · {1}").format(reg.title, rec["number"] or record_id))
        resize_to_fit(self, 820, 360)
        self.panel = FilesPanel(services, actor, register, record_id, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Files", "关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.finished.connect(lambda *_: self.panel.cleanup())


class RowDrop(QObject):
    """Files dropped onto a row of a register list are added to that record (after a confirmation naming
    it: a drop on the wrong row is easy), in the role a record of this register usually gets."""

    attached = Signal(int, int)  # record id, files added

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        # not a strong reference: the view holds this object, and a cycle would keep a deleted view's
        # Python side alive
        self._view = weakref.ref(view)
        self.tasks = TaskRunner(self)
        view.table.viewport().setAcceptDrops(True)
        view.table.viewport().installEventFilter(self)

    @property
    def view(self) -> Any:
        return self._view()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) or self.view is None:
            return False
        drag: Any = event
        urls = drag.mimeData().urls() if drag.mimeData().hasUrls() else []
        index = self.view.table.indexAt(drag.position().toPoint())
        rec = self.view.model.record_at(index.row()) if index.isValid() else None
        if not (self.view.can_write and urls and all(u.isLocalFile() for u in urls) and rec is not None):
            drag.ignore()
            return True
        drag.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.drop([Path(u.toLocalFile()) for u in urls], rec)
        return True

    def drop(self, paths: Sequence[Path], rec: Any) -> None:
        view, record_id = self.view, rec.id
        label = rec["number"] or rec["title"] or f"#{record_id}"
        role = default_role(view.register.key)
        names = "、".join(p.name for p in paths[:3]) + ("等" if len(paths) > 3 else "")
        if not messages.confirm(
            view,
            tr("Files", "添加文件"),
            tr("Files", "把 {0}（{1} 个）作为{2}添加到 {3}？").format(names, len(paths), role, label),
        ):
            return
        services, actor, register = view.services, view.actor, view.register.key

        def work() -> tuple[int, list[str]]:
            done, refused = 0, []
            for p in paths:
                try:
                    services.files.attach(actor, register, record_id, p, role)
                    done += 1
                except AppError as e:
                    refused.append(str(e))
            return done, refused

        def finished(result: tuple[int, list[str]]) -> None:
            done, refused = result
            self.attached.emit(record_id, done)
            if refused:
                messages.warn(view, tr("Files", "未添加"), "\n".join(refused))

        self.tasks.start(work, finished, lambda e: messages.app_error(view, e, tr("Files", "未添加")))
