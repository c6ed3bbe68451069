"""Window sizes that fit the screen the window is on: office PCs often have 1366×768 screens, where a dialog
taller than about 700 pixels would hide its 保存/关闭 buttons below the taskbar."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room kept for the window frame and title bar, which the available geometry does not include.
FRAME_W, FRAME_H = 16, 48


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize to width × height, or less when the available screen area is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - FRAME_W)
        height = min(height, area.height() - FRAME_H)
    widget.resize(max(width, 200), max(height, 150))
