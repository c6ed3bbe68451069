"""Translation wrapper: user-facing strings go through QCoreApplication.translate with an explicit
context (self.tr() in a base class breaks in subclasses)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
