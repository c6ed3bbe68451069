"""Every area's tab (its own ``TAB`` or the generic one) is what the main window relies on (AreaTab): it
says which register view is current (新建/查找/打印 follow it) and opens a record for 工作台."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from app.areas import AREA_MODULES
from ui.area_tabs import AreaTab, GenericAreaTab, area_tab_spec, build_area_tab, load_class


@pytest.mark.parametrize("key", AREA_MODULES)
def test_each_area_tab_is_an_area_tab(qtbot, services, actors, key):  # type: ignore[no-untyped-def]
    tab_class = load_class(area_tab_spec(key))  # None: the area has the generic tab
    assert tab_class is None or issubclass(tab_class, QWidget)
    login = {"reception": "petition", "supervision": "supervisor", "information": "info", "meetings": "huiwu"}
    actor = actors[
        {"telegrams": "jiyao", "duty": "duty", "research": "research"}.get(key, login.get(key, "clerk"))
    ]
    assert actor.has_role(*services.area(key).roles)
    tab = build_area_tab(services, actor, services.area(key))
    qtbot.addWidget(tab)
    assert isinstance(tab, AreaTab)
    view = tab.current_view()
    assert view is None or view.register.key in services.catalog.keys()


def test_a_tab_without_the_contract_is_refused(qtbot, services, actors, monkeypatch):  # type: ignore[no-untyped-def]
    import ui.area_tabs as area_tabs

    monkeypatch.setattr(area_tabs, "load_class", lambda spec: _Bare)
    with pytest.raises(TypeError, match="open_record"):
        build_area_tab(services, actors["clerk"], services.area("documents"))


def test_the_generic_tab_opens_the_record_in_its_register(
    qtbot, services, actors, _no_blocking_message_boxes
):  # type: ignore[no-untyped-def]
    tab = GenericAreaTab(services, actors["research"], services.area("research"))
    qtbot.addWidget(tab)
    assert isinstance(tab, AreaTab)
    last = list(tab.views)[-1]
    tab.open_record(last, 999)  # switched to that register, which says the record is not there
    view = tab.current_view()
    assert view is not None and view.register.key == last
    assert [e for e in _no_blocking_message_boxes if "没有这条" in e]
    _no_blocking_message_boxes.clear()


class _Bare(QWidget):
    def __init__(self, services, actor, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
