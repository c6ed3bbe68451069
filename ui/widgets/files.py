"""File choosers of the register widgets in one place, so tests patch these instead of QFileDialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def _start_dir() -> str:
    return str(Path.home())


def ask_save_path(parent: QWidget | None, title: str, suggested_name: str, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(_start_dir()) / suggested_name), file_filter
    )
    return Path(path) if path else None


def ask_open_path(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, _start_dir(), file_filter)
    return Path(path) if path else None
