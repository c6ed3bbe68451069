"""The one place for message boxes and simple prompts, so tests can patch them."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ui.i18n import tr


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def app_error(parent: QWidget | None, exc: Exception, title: str | None = None) -> None:
    """Show a domain error (AppError) in Chinese; anything else as an unexpected error."""
    message = getattr(exc, "message", None) or str(exc)
    error(parent, title or tr("messages", "操作未完成"), message)
