"""Which widget is the tab of an area, and what the main window needs from it (``AreaTab``). Areas with their
own tab are found by convention (``TAB`` in ui.areas.<key>.tab) and imported only when the tab is first
opened; any other area gets a generic tab with one register view per register."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.i18n import tr

if TYPE_CHECKING:
    from app.kit.area import Area
    from app.kit.registers.base import Register
    from app.services.actor import Actor
    from app.services.container import Services
    from ui.widgets.register_view import RegisterView


@runtime_checkable
class AreaTab(Protocol):
    """What the main window needs from an area's tab (a QWidget): the register view the user is looking at,
    which 新建/查找/打印 in the menus and toolbar act on (their availability is that view's actions), and
    showing one record when 工作台 asks for it. Every ``ui.areas.<key>.tab.TAB`` and GenericAreaTab are one."""

    def current_view(self) -> RegisterView | None: ...

    def open_record(self, register: str, record_id: int) -> None: ...


# what ``ui.areas.<key>.tab.TAB`` is: called as TAB(services, actor, parent) -> a QWidget that is an AreaTab
TabFactory = Callable[["Services", "Actor", "QWidget | None"], QWidget]

log = logging.getLogger(__name__)


def area_tab_spec(key: str) -> str:
    """By convention an area's own tab is ``TAB`` in ``ui.areas.<key>.tab``; without that module the area gets
    the generic tab (one register view per register)."""
    return f"ui.areas.{key}.tab:TAB"


REGISTER_VIEW = "ui.widgets.register_view:RegisterView"


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


def readable_registers(area: Area, actor: Actor) -> list[Register]:
    return [r for r in area.registers if actor.has_role(*r.read_roles)]


def can_show(area: Area, actor: Actor) -> bool:
    """True when the area has something to show this user (never an empty placeholder tab)."""
    if _module_exists(area_tab_spec(area.key)):
        return True
    return bool(readable_registers(area, actor)) and _module_exists(REGISTER_VIEW)


class GenericAreaTab(QTabWidget):
    """One RegisterView per register of the area that the user may read."""

    def __init__(self, services: Services, actor: Actor, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.widgets.register_view import RegisterView

        self.views: dict[str, RegisterView] = {}
        for register in readable_registers(area, actor):
            view = RegisterView(services, actor, register.key, self)
            self.views[register.key] = view
            self.addTab(view, register.title)

    def current_view(self) -> RegisterView | None:
        current = self.currentWidget()
        return next((v for v in self.views.values() if v is current), None)

    def open_record(self, register: str, record_id: int) -> None:
        view = self.views.get(register) or self.current_view()
        if view is None:
            return
        self.setCurrentWidget(view)
        view.reveal_and_open(record_id)


def build_area_tab(services: Services, actor: Actor, area: Area, parent: QWidget | None = None) -> QWidget:
    """The area's tab: its own ``TAB`` or the generic one; refused unless it is an AreaTab (a tab that could
    not say which view is current or open a record would silently break 新建/打印 and 工作台)."""
    tab_class = load_class(area_tab_spec(area.key))
    tab = (
        tab_class(services, actor, parent)
        if tab_class is not None
        else GenericAreaTab(services, actor, area, parent)
    )
    if not isinstance(tab, QWidget) or not isinstance(tab, AreaTab):
        raise TypeError(f"{area_tab_spec(area.key)} is not a QWidget with current_view() and open_record()")
    return tab


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

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.ensure_built()
        super().showEvent(event)


def area_tab_of(widget: QWidget | None) -> AreaTab | None:
    """The AreaTab shown in a main-window tab (built or not yet), or None (工作台, administrators' tabs)."""
    content = widget.content if isinstance(widget, LazyTab) else widget
    return content if isinstance(content, AreaTab) else None


def find_register_view(widget: QWidget | None) -> RegisterView | None:
    """The RegisterView the user is looking at inside a main-window tab (for 新建/查找/打印), or None."""
    tab = area_tab_of(widget)
    return tab.current_view() if tab is not None else None
