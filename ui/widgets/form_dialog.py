"""The generic record form built from a register declaration: one editor per form field, grouped by
Field.group, a red error line under each field, validation on leaving a field and on OK."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, StaleRecord, ValidationFailed
from app.kit.registers.base import Record, Register
from app.kit.registers.values import validate
from ui import messages
from ui.i18n import tr
from ui.widgets.editors import FieldEditor, make_editor
from ui.widgets.screen import resize_to_fit

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #c00000;"
NOTE_STYLE = "color: #666;"


def form_title(register_title: str, record: Record | None) -> str:
    """ "新建 · 密码电报收电" / "修改 · 密码电报收电 · 2026-0012": the verb apart from the register's name
    ("修改密码电报收电" would read as "change password")."""
    if record is None:
        return tr("FormDialog", "新建 · {0}").format(register_title)
    number = record["number"] or record["draft_no"] or ""
    title = tr("FormDialog", "修改 · {0}").format(register_title)
    return f"{title} · {number}" if number else title


class FormDialog(QDialog):
    """Create (record is None) or edit a record. Subclasses may add widgets with ``add_extra(widget)``
    and extend ``raw_values()``/``save()``. ``in_transaction(session, obj)``, when set, runs inside the
    new record's write (从扫描件登记 attaches the scan there: record and file in one commit)."""

    in_transaction: Any = None

    def __init__(
        self,
        services: Any,
        actor: Any,
        register_key: str,
        record: Record | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.register: Register = services.catalog.get(register_key)
        self.record = record
        self.result_record: Record | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self.locks: dict[str, str] = {}  # field -> why a workflow step has fixed it (edit only)
        self.lock_labels: dict[str, QLabel] = {}
        reg = self.register
        self.setWindowTitle(form_title(reg.title, record))

        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        # Sections in declaration order (the paper form's): a run of fields of one group is one section, so a
        # field without a group after a section (备注) stays at the end instead of joining the top.
        form: QFormLayout | None = None
        current: str | None = None
        for f in reg.form_fields:
            if form is None or f.group != current:
                current = f.group
                form = QFormLayout()
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                if f.group:
                    box = QGroupBox(f.group)
                    box.setLayout(form)
                    self.body_layout.addWidget(box)
                else:
                    self.body_layout.addLayout(form)
            self._add_field(form, f)
        self.body_layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("FormDialog", "保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("FormDialog", "取消"))
        self.buttons.accepted.connect(self.accept_form)
        self.buttons.rejected.connect(self.reject)
        self.files_button = None
        if record is not None:  # the record's scans and attachments, from the form that shows it
            self.files_button = self.buttons.addButton(
                tr("FormDialog", "文件…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.files_button.setObjectName("files")
            self.files_button.clicked.connect(self.show_files)

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 620, min(760, 140 + 58 * len(self.editors)))

        if record is not None:
            self.locks = dict(reg.locks(record))
            open_fields = [n for n, e in self.editors.items() if e.field.editable and n not in self.locks]
            for name, editor in self.editors.items():
                editor.set_value(record[name])
                if not editor.field.editable or name in self.locks:
                    editor.set_read_only(True)
                if name in self.locks and open_fields:  # some fields fixed: say why under each of them
                    self._show_lock(name, self.locks[name])
            if not open_fields:  # nothing left to change here: say why once, instead of a 保存 that fails
                self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
                self.general_error.setStyleSheet(NOTE_STYLE)
                self.general_error.setText(next(iter(self.locks.values()), ""))
                self.general_error.show()
        else:
            for editor in self.editors.values():
                value = self._new_value(editor.field)
                if value is not None:
                    editor.set_value(value)
        for editor in self.editors.values():
            editor.left.connect(self._field_left)

    def show_files(self) -> None:
        from ui.widgets.record_files import FilesDialog

        assert self.record is not None
        try:
            dialog = FilesDialog(self.services, self.actor, self.register.key, self.record.id, self)
        except AppError as e:
            messages.app_error(self, e)
            return
        dialog.exec()
        dialog.deleteLater()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Any,
        actor: Any,
        register_key: str,
        record_id: int | None = None,
    ) -> Record | None:
        """Show the form; the saved record, or None when cancelled (or the record cannot be read)."""
        record = None
        if record_id is not None:
            try:
                record = services.registers.get(actor, register_key, record_id)
            except AppError as e:
                messages.app_error(parent, e)
                return None
        dialog = cls(services, actor, register_key, record, parent)
        try:
            return dialog.result_record if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _new_value(self, f: Any) -> Any:
        """A new record's starting value: the moment or the user for ``form_default``, else the default."""
        from datetime import date, datetime

        if f.form_default == "now":
            return datetime.now().replace(second=0, microsecond=0)
        if f.form_default == "today":
            return date.today()
        if f.form_default == "current_user":
            return getattr(self.actor, "name", "") or None
        if f.name == "secret_level" and self.register.lowest_secret_level:
            return self.register.lowest_secret_level
        return f.default

    # --- building ------------------------------------------------------------------------------
    def _add_field(self, form: QFormLayout, f: Any) -> None:
        # queried on the first keystroke, not while the dialog opens
        completions = (lambda name=f.name: self._completions(name)) if f.autocomplete else None
        editor = make_editor(f, None, completions)
        error = QLabel()
        error.setObjectName(f"error_{f.name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(editor.widget)
        box.addWidget(error)
        label = QLabel(f.label + ("＊" if f.required else "") + "：")
        label.setBuddy(editor.widget)
        if f.required:
            label.setToolTip(tr("FormDialog", "必填"))
        form.addRow(label, cell)
        self.editors[f.name] = editor
        self.error_labels[f.name] = error

    def _show_lock(self, name: str, reason: str) -> None:
        """A grey note under a field a workflow step fixed, saying which step changes it."""
        error = self.error_labels[name]
        cell = error.parentWidget()
        note = QLabel(reason, cell)
        note.setObjectName(f"lock_{name}")
        note.setStyleSheet(NOTE_STYLE)
        note.setWordWrap(False)  # under a narrow choice box a wrapped note would run into the next row
        if cell is not None and cell.layout() is not None:
            cell.layout().addWidget(note)
        self.lock_labels[name] = note

    def _completions(self, name: str) -> list[str]:
        try:
            return [
                str(v) for v in self.services.registers.distinct_values(self.actor, self.register.key, name)
            ]
        except AppError:
            return []  # autocomplete is a convenience; the form works without it

    def add_extra(self, widget: QWidget) -> None:
        """Areas append their own widgets below the declared fields."""
        self.body_layout.insertWidget(self.body_layout.count() - 1, widget)

    # --- validation ----------------------------------------------------------------------------
    def raw_values(self) -> dict[str, Any]:
        return {name: e.raw() for name, e in self.editors.items()}

    def show_errors(self, errors: Mapping[str, str], only: set[str] | None = None) -> None:
        """Show the messages next to their fields; fields not in ``errors`` are cleared."""
        shown = set(self.error_labels) if only is None else only
        for name in shown:
            label = self.error_labels.get(name)
            if label is None:
                continue
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
        rest = [m for k, m in errors.items() if k not in self.error_labels]
        if only is None:
            self.general_error.setText("；".join(rest))
            self.general_error.setVisible(bool(rest))

    def errors(self) -> dict[str, str]:
        _, errors = validate(self.register, self.raw_values())
        return errors

    def _field_left(self, name: str) -> None:
        # Whole-form validation so cross-field rules (保密期限 depends on 密级) see every value, but only
        # fields the user has already left show their messages: no red text on untouched fields.
        self._touched.add(name)
        self.show_errors(self.errors(), only=set(self._touched))

    @property
    def expected_version(self) -> int | None:
        """The version this form was filled from: the save is refused if someone saved since."""
        return self.record["version"] if self.record is not None else None

    def save(self, raw: Mapping[str, Any]) -> Record:
        if self.record is None:
            return self.services.registers.create(
                self.actor, self.register.key, raw, then=self.in_transaction
            )
        return self.services.registers.update(
            self.actor, self.register.key, self.record.id, raw, expected_version=self.expected_version
        )

    def changed_values(self) -> dict[str, Any]:
        """The raw input of the fields the user changed (an edit writes only these, so someone else's
        change to another field is never overwritten with the value this form was opened with)."""
        raw = self.raw_values()
        if self.record is None:
            return raw
        typed, _ = validate(self.register, raw)
        return {
            name: raw[name]
            for name, editor in self.editors.items()
            if editor.field.editable and typed.get(name) != self.record[name]
        }

    def accept_form(self) -> None:
        """OK: validate everything, save only when nothing is wrong."""
        self._touched.update(self.editors)
        errors = self.errors()
        if errors:
            self._fail(errors)
            return
        changed = self.changed_values()
        try:
            self.result_record = self.save(changed)
        except ValidationFailed as e:
            self._fail(e.errors)
            return
        except StaleRecord as e:
            self._stale(e, changed)
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        self.accept()

    def _stale(self, e: StaleRecord, changed: Mapping[str, Any]) -> None:
        """Someone saved the record after this form was opened: say who changed what; on request reload
        the newest version and put this user's changes back on top, to check and save again."""
        question = e.message + tr("FormDialog", "\n\n现在载入最新内容，并把您改动的字段重新填上吗？")
        if not messages.confirm(self, tr("FormDialog", "该记录已被他人修改"), question):
            return
        assert self.record is not None
        mine, _ = validate(self.register, self.raw_values())  # typed: editors take values, not text
        try:
            fresh = self.services.registers.get(self.actor, self.register.key, self.record.id)
        except AppError as err:
            messages.app_error(self, err)
            return
        self.record = fresh
        for name, editor in self.editors.items():
            editor.set_value(mine.get(name) if name in changed else fresh[name])
        self.general_error.setText(
            tr(
                "FormDialog",
                "已载入最新内容（他人修改已保留），并重新填上了您改动的字段：{0}。请核对后再保存。",
            ).format("、".join(self.register.field(n).label for n in changed) or tr("FormDialog", "无"))
        )
        self.general_error.show()

    def _fail(self, errors: Mapping[str, str]) -> None:
        self.show_errors(errors)
        for name in self.editors:
            if name in errors:
                self.editors[name].widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break
