"""Remembered column layouts of register tables: the shell's ui.settings_store when it is there, else a
small ini file of our own (same format), so the widgets work before and without the shell."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView


def _store():  # type: ignore[no-untyped-def]
    try:
        from ui import settings_store
    except ImportError:
        return None
    return settings_store


def _own_settings() -> QSettings:
    from app import paths

    return QSettings(str(paths.config_dir() / "ui.ini"), QSettings.Format.IniFormat)


def save_header(key: str, header: QHeaderView) -> None:
    store = _store()
    if store is not None:
        store.save_header(key, header)
        return
    s = _own_settings()
    s.setValue(f"headers/{key}", header.saveState())
    s.sync()


def restore_header(key: str, header: QHeaderView) -> bool:
    store = _store()
    if store is not None:
        return bool(store.restore_header(key, header))
    value = _own_settings().value(f"headers/{key}")
    if isinstance(value, (bytes, bytearray)):
        value = QByteArray(bytes(value))
    return isinstance(value, QByteArray) and not value.isEmpty() and header.restoreState(value)
