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


class FormDialog(QDialog):
    """Create (record is None) or edit a record. Subclasses may add widgets with ``add_extra(widget)``
    and extend ``raw_values()``/``save()``."""

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
        reg = self.register
        title = tr("FormDialog", "修改{0}") if record else tr("FormDialog", "新建{0}")
        self.setWindowTitle(
            title.format(reg.title) + (f"　{record['number']}" if record and record["number"] else "")
        )

        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        groups: dict[str, QFormLayout] = {}
        for f in reg.form_fields:
            form = groups.get(f.group)
            if form is None:
                form = QFormLayout()
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                if f.group:
                    box = QGroupBox(f.group)
                    box.setLayout(form)
                    self.body_layout.addWidget(box)
                else:
                    self.body_layout.addLayout(form)
                groups[f.group] = form
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

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 620, min(760, 140 + 58 * len(self.editors)))

        if record is not None:
            for name, editor in self.editors.items():
                editor.set_value(record[name])
                if not editor.field.editable:
                    editor.set_read_only(True)
        else:
            for editor in self.editors.values():
                if editor.field.default is not None:
                    editor.set_value(editor.field.default)
        for editor in self.editors.values():
            editor.left.connect(self._field_left)

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
            return self.services.registers.create(self.actor, self.register.key, raw)
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
