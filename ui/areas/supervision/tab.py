"""督查督办 tab: the items with their three colours, the step bar (交办, 催办, 反馈, 办结销号, 退回重办, 延期 …)
and a statistics page (办结率, 按期办结率 by source and unit)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.areas.supervision.registers import ITEMS
from app.areas.supervision.service import SERVICE as SUPERVISION_SERVICE
from app.printing.report import percent
from ui.i18n import tr
from ui.widgets.step_bar import table
from ui.widgets.supervise import source_section
from ui.widgets.workflow_page import WorkflowPage


class StatsPage(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.layout_ = QVBoxLayout(self)
        self.refresh()

    def refresh(self) -> None:
        while self.layout_.count():
            w = self.layout_.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        year = date.today().year
        st = self.services.service(SUPERVISION_SERVICE).statistics(
            self.actor, date(year, 1, 1), date(year, 12, 31)
        )
        t = st.total
        self.summary = QLabel(
            tr(
                "Supervision",
                "{0}年：立项{1}件，办结{2}件，办结率{3}；按期办结率{4}；延期{5}件，超期未办结{6}件",
            ).format(
                year,
                t.items,
                t.done,
                percent(t.done, t.items),
                percent(t.done_on_time, t.due),
                st.extended,
                st.overdue_open,
            ),
            self,
        )
        self.summary.setObjectName("supervision_summary")
        self.layout_.addWidget(self.summary)
        head = ("来源", "立项", "办结", "办结率", "到期", "按期办结率")
        rows = [
            (
                k,
                str(r.items),
                str(r.done),
                percent(r.done, r.items),
                str(r.due),
                percent(r.done_on_time, r.due),
            )
            for k, r in st.by_source.items()
            if r.items
        ]
        self.layout_.addWidget(table(head, rows, "by_source", self))
        rows = [
            (
                k,
                str(r.items),
                str(r.done),
                percent(r.done, r.items),
                str(r.due),
                percent(r.done_on_time, r.due),
            )
            for k, r in st.by_unit.items()
        ]
        self.layout_.addWidget(table(("主办单位", *head[1:]), rows, "by_unit", self), 1)


class SupervisionTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervision_tab")
        # the details name the record an item came from (a 收文, a meeting's 议定事项)
        self.page = WorkflowPage(services, actor, ITEMS, source_section, parent=self)
        self.addTab(self.page, services.catalog.get(ITEMS).title)
        self.stats = StatsPage(services, actor, self)
        self.addTab(self.stats, tr("Supervision", "统计"))
        self.page.view.changed.connect(self.stats.refresh)

    def current_view(self) -> Any:
        return self.page.view if self.currentWidget() is self.page else None

    def open_record(self, register: str, record_id: int) -> None:
        self.setCurrentWidget(self.page)
        self.page.open_record(register, record_id)


TAB = SupervisionTab
