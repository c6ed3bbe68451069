"""Window geometry/state and table column layouts remembered between runs, in an ini file under the
user's config folder (QSettings), so nothing lands in the Windows registry of a 涉密 PC."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QWidget

from app import paths


def settings() -> QSettings:
    # Built on each call (cheap): the config folder may change between tests via COUNTY_OFFICE_HOME.
    return QSettings(str(paths.config_dir() / "ui.ini"), QSettings.Format.IniFormat)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def save_window(key: str, window: QWidget) -> None:
    s = settings()
    s.setValue(f"windows/{key}/geometry", window.saveGeometry())
    if isinstance(window, QMainWindow):
        s.setValue(f"windows/{key}/state", window.saveState())
    s.sync()


def restore_window(key: str, window: QWidget) -> bool:
    """Restore what save_window stored; False when nothing was stored (first run)."""
    s = settings()
    geometry = _bytes(s.value(f"windows/{key}/geometry"))
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = _bytes(s.value(f"windows/{key}/state"))
    if state is not None and isinstance(window, QMainWindow):
        window.restoreState(state)
    return True


def save_header(key: str, header: QHeaderView) -> None:
    """Column order, widths and sort indicator of a table, e.g. key "register/incoming"."""
    s = settings()
    s.setValue(f"headers/{key}", header.saveState())
    s.sync()


def restore_header(key: str, header: QHeaderView) -> bool:
    state = _bytes(settings().value(f"headers/{key}"))
    return bool(state is not None and header.restoreState(state))


def save_value(key: str, value: object) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()


def value(key: str, default: object = None) -> object:
    return settings().value(key, default)
