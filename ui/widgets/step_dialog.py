"""The generic step dialog, built from a workflow declaration: one editor per field the step fills (the
record's value or the step's default shown first), and the step run on OK through services.workflow —
a refused step keeps the dialog open with the Chinese message next to its field, nothing saved."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.i18n import tr
from ui.widgets.editors import DateLineEdit, FieldEditor, make_editor
from ui.widgets.form_dialog import ERROR_STYLE
from ui.widgets.screen import resize_to_fit


class StepDialog(QDialog):
    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        record_id: int,
        step: str,
        *,
        extra: Mapping[str, Any] | None = None,
        hidden: Iterable[str] = (),
        subtitle: str = "",
        expected_version: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.register, self.record_id, self.extra = register, record_id, dict(extra or {})
        self.expected_version = (
            expected_version  # the version the user saw: a record changed since is refused
        )
        self.form = services.workflow.form(actor, register, record_id, step)
        self.step = self.form.step
        self.outcome: Any = None
        self.setWindowTitle(self.form.label + (f"　{subtitle}" if subtitle else ""))
        self.setObjectName(f"step_dialog_{self.step}")
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        rows = QFormLayout()
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        skip = set(hidden)
        for ff in self.form.fields:
            if ff.field.name in skip:
                continue
            f = ff.field
            editor = make_editor(f, self)
            editor.set_value(ff.value)
            error = QLabel(self)
            error.setObjectName(f"error_{f.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(editor.widget)
            box.addWidget(error)
            label = QLabel(f.label + ("＊" if f.required else "") + "：", self)
            label.setBuddy(editor.widget)
            rows.addRow(label, cell)
            self.editors[f.name] = editor
            self.error_labels[f.name] = error
        layout.addLayout(rows)
        layout.addStretch(1)  # the fields stay together at the top when the dialog is taller
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.form.label)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("StepDialog", "取消"))
        buttons.accepted.connect(self.accept_step)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_to_fit(self, 460, min(640, 110 + 52 * len(self.editors)))

    def values(self) -> dict[str, Any]:
        """What the user typed, by field name (plain data, as the CLI's --set gives it)."""
        return {name: e.raw() for name, e in self.editors.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Fill fields as a user would: text typed in (a date as "2026-03-20"), or a stored value."""
        for name, value in values.items():
            editor = self.editors[name]
            if isinstance(value, str) and isinstance(editor.widget, DateLineEdit):
                editor.widget.setText(value)
            else:
                editor.set_value(value)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for name, label in self.error_labels.items():
            label.setText(errors.get(name, ""))
            label.setVisible(bool(errors.get(name)))
        rest = [m for k, m in errors.items() if k not in self.error_labels]
        self.general_error.setText("；".join(rest))
        self.general_error.setVisible(bool(rest))

    def accept_step(self) -> None:
        """OK: run the step; on refusal show why and stay open (nothing was saved)."""
        try:
            self.outcome = self.services.workflow.run(
                self.actor,
                self.register,
                self.record_id,
                self.step,
                self.values(),
                extra=self.extra,
                expected_version=self.expected_version,
            )
        except ValidationFailed as e:
            self.show_errors(e.errors)
            for name in self.editors:
                if name in e.errors:
                    self.editors[name].widget.setFocus()
                    break
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Any,
        actor: Any,
        register: str,
        record_id: int,
        step: str,
        **kw: Any,
    ) -> Any:
        """Show the dialog; the StepResult once the step ran, or None when cancelled or not possible."""
        try:
            dialog = cls(services, actor, register, record_id, step, parent=parent, **kw)
        except AppError as e:
            messages.app_error(parent, e)
            return None
        try:
            return dialog.outcome if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()
