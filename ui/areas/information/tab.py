"""信息报送 tab: the submissions with 登记采用 and 批示 in the step bar, their adoptions in the detail, and the
ranking of units and authors by score for the year."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.areas.information.registers import SUBMISSIONS
from app.areas.information.service import SERVICE as INFORMATION_SERVICE
from app.printing.report import percent
from ui.i18n import tr
from ui.widgets.step_bar import table
from ui.widgets.workflow_page import WorkflowPage


def adoptions_section(
    services: Any, actor: Any, record_id: int
) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    rows = [
        (a.channel, a.level, a.kind, a.issue, f"{a.adopted_on:%Y-%m-%d}" if a.adopted_on else "")
        for a in services.service(INFORMATION_SERVICE).adoptions(actor, record_id)
    ]
    return [
        ("采用情况", ("刊物（渠道）", "级别", "方式", "期号", "日期"), rows or [("未采用", "", "", "", "")])
    ]


class RankingPage(QWidget):
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
        st = self.services.service(INFORMATION_SERVICE).statistics(
            self.actor, date(year, 1, 1), date(year, 12, 31)
        )
        levels = "，".join(f"{k}{v}条" for k, v in st.adopted_by_level.items() if v) or "无"
        self.summary = QLabel(
            tr("Information", "{0}年：报送{1}条，采用{2}条，采用率{3}（{4}），批示{5}次，得分{6:g}").format(
                year,
                st.submitted,
                st.adopted,
                percent(st.adopted, st.submitted),
                levels,
                st.instructions,
                st.score,
            ),
            self,
        )
        self.summary.setObjectName("information_summary")
        self.layout_.addWidget(self.summary)
        head = ("名次", "单位", "报送", "采用", "采用率", "得分")
        rows = [(str(i), r.name, str(r.submitted), str(r.adopted), percent(r.adopted, r.submitted), f"{r.score:g}")
                for i, r in enumerate(st.by_unit, start=1)]  # fmt: skip
        self.layout_.addWidget(table(head, rows, "by_unit", self), 1)
        rows = [(str(i), r.name, str(r.submitted), str(r.adopted), percent(r.adopted, r.submitted), f"{r.score:g}")
                for i, r in enumerate(st.by_author, start=1)]  # fmt: skip
        self.layout_.addWidget(table(("名次", "执笔人", *head[2:]), rows, "by_author", self), 1)


class InformationTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("information_tab")
        self.page = WorkflowPage(services, actor, SUBMISSIONS, extra=adoptions_section, parent=self)
        self.addTab(self.page, services.catalog.get(SUBMISSIONS).title)
        self.ranking = RankingPage(services, actor, self)
        self.addTab(self.ranking, tr("Information", "采用与排名"))
        self.page.view.changed.connect(self.ranking.refresh)

    def current_view(self) -> Any:
        return self.page.view if self.currentWidget() is self.page else None

    def open_record(self, register: str, record_id: int) -> None:
        self.setCurrentWidget(self.page)
        self.page.open_record(register, record_id)


TAB = InformationTab
