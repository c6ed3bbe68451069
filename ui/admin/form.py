"""Form rows with a red message directly under each field, filled from ValidationFailed.errors; shared by
the shell's dialogs (first run, login, password) and the administrators' screens."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

ERROR_STYLE = "color: #c0392b;"

W = TypeVar("W", bound=QWidget)


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ErrorForm:
    """A QFormLayout whose rows each carry an error label; unknown error keys go to a general label."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        self.labels: dict[str, QLabel] = {}
        self.general = error_label()

    def add(self, name: str, label: str, widget: W) -> W:
        self.layout.addRow(label, widget)
        err = error_label()
        self.layout.addRow("", err)
        self.layout.setRowVisible(err, False)  # an empty message takes no room
        self.labels[name] = err
        return widget

    def add_general(self) -> None:
        self.layout.addRow(self.general)

    def _set(self, label: QLabel, text: str) -> None:
        set_error(label, text)
        if self.layout.indexOf(label) >= 0:
            self.layout.setRowVisible(label, bool(text))

    def clear(self) -> None:
        for label in (*self.labels.values(), self.general):
            self._set(label, "")

    def show(self, errors: Mapping[str, str]) -> None:
        self.clear()
        rest = []
        for key, message in errors.items():
            if key in self.labels:
                self._set(self.labels[key], message)
            else:
                rest.append(message)
        self._set(self.general, "\n".join(rest))

    def attempt(self, parent: QWidget, call: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call for the dialog: a refused field shows its message next to the field, any
        other domain error goes to a message box; (True, result) only when it went through."""
        from app.domain.errors import AppError, ValidationFailed
        from ui import messages

        self.clear()
        try:
            return True, call()
        except ValidationFailed as e:
            self.show(e.errors)
        except AppError as e:
            messages.app_error(parent, e)
        return False, None

    def error(self, name: str) -> str:
        label = self.labels.get(name, self.general)
        return label.text()
