"""Which widget is the tab of an area. Areas with their own tab are listed by "module:Class" and imported
only when the tab is first opened; any other area gets a generic tab with one register view per register."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.i18n import tr

log = logging.getLogger(__name__)


def area_tab_spec(key: str) -> str:
    """By convention an area's own tab is ``TAB`` in ``ui.areas.<key>.tab``; without that module the area gets
    the generic tab (one register view per register)."""
    return f"ui.areas.{key}.tab:TAB"


REGISTER_VIEW = "ui.widgets.register_view:RegisterView"


@runtime_checkable
class RecordOpener(Protocol):
    """What every area's tab offers the main window: show one record of one of its registers (the home
    tab's lines open their records through it)."""

    def open_record(self, register: str, record_id: int) -> None: ...


def load_class(spec: str) -> type | None:
    """The class named by "module:Class", or None when that module does not exist (area not built yet)."""
    module_name, _, class_name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name and module_name.startswith(e.name):
            return None
        raise
    return getattr(module, class_name)


def _module_exists(spec: str) -> bool:
    import importlib.util

    module_name = spec.partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def readable_registers(area: Any, actor: Any) -> list[Any]:
    return [r for r in area.registers if actor.has_role(*r.read_roles)]


def can_show(area: Any, actor: Any) -> bool:
    """True when the area has something to show this user (never an empty placeholder tab)."""
    if _module_exists(area_tab_spec(area.key)):
        return True
    return bool(readable_registers(area, actor)) and _module_exists(REGISTER_VIEW)


class GenericAreaTab(QTabWidget):
    """One RegisterView per register of the area that the user may read."""

    def __init__(self, services: Any, actor: Any, area: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        view_class = load_class(REGISTER_VIEW)
        assert view_class is not None  # can_show() checked it
        self.views: dict[str, Any] = {}
        for register in readable_registers(area, actor):
            view = view_class(services, actor, register.key, self)
            self.views[register.key] = view
            self.addTab(view, register.title)

    def current_view(self) -> Any:
        return self.currentWidget()

    def open_record(self, register: str, record_id: int) -> None:
        view = self.views.get(register) or self.current_view()
        if view is None:
            return
        self.setCurrentWidget(view)
        if hasattr(view, "open_record"):
            view.open_record(record_id)


def build_area_tab(services: Any, actor: Any, area: Any, parent: QWidget | None = None) -> QWidget:
    tab_class = load_class(area_tab_spec(area.key))
    if tab_class is not None:
        return tab_class(services, actor, parent)
    return GenericAreaTab(services, actor, area, parent)


class LazyTab(QWidget):
    """Builds its content the first time it is shown, so logging in stays fast however many areas exist."""

    def __init__(self, factory: Callable[[QWidget], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            try:
                self.content = self._factory(self)
            except Exception as e:
                log.exception("building an area tab failed")
                from PySide6.QtWidgets import QLabel

                self.content = QLabel(tr("AreaTabs", "本页无法打开：{e}").format(e=e))
                self.content.setWordWrap(True)
            self._layout.addWidget(self.content)
            self.content.show()  # added after the tab was shown: Qt would otherwise leave it hidden
        return self.content

    def showEvent(self, event: Any) -> None:
        self.ensure_built()
        super().showEvent(event)


def find_register_view(widget: QWidget | None) -> Any:
    """The RegisterView the user is looking at inside a tab (for 新建/查找/打印 in the menus), or None."""
    seen = 0
    while widget is not None and seen < 10:
        seen += 1
        if hasattr(widget, "action_new") and hasattr(widget, "focus_search"):
            return widget
        if isinstance(widget, LazyTab):
            widget = widget.content
        elif hasattr(widget, "current_view") and callable(widget.current_view):
            widget = widget.current_view()
        elif isinstance(widget, QTabWidget):
            widget = widget.currentWidget()
        else:
            # A custom tab without current_view(): the first visible register view inside it.
            for child in widget.findChildren(QWidget):
                if hasattr(child, "action_new") and hasattr(child, "focus_search") and child.isVisible():
                    return child
            return None
    return None
