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


def ask_open_paths(parent: QWidget | None, title: str, file_filter: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, _start_dir(), file_filter)
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, _start_dir())
    return Path(path) if path else None


def open_with_system(path: Path) -> bool:
    """Hand a file to the program the desktop associates with its type (WPS, Word, an image viewer)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
