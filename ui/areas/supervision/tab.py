"""督查督办 tab: the items with their three colours, the step bar (交办, 催办, 反馈, 办结销号, 退回重办, 延期 …)
and a statistics page (办结率, 按期办结率 by source and unit)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.supervision.registers import ITEMS
from app.areas.supervision.service import SERVICE as SUPERVISION_SERVICE
from app.printing.report import percent
from ui.i18n import tr
from ui.widgets.step_bar import table
from ui.widgets.supervise import open_source, readable_source, source_section
from ui.widgets.workflow_page import RecordDetailDialog, WorkflowPage


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


class ItemDetailDialog(RecordDetailDialog):
    """A 督办 item's details: 来源记录 (the 收文 or meeting it was made from) opens that record, by its button
    or a double-click on the row; the page then asks the shell to show it in its own tab."""

    def add_buttons(self, buttons: QDialogButtonBox, rec: Any) -> None:
        super().add_buttons(buttons, rec)
        self.source_wanted: tuple[str, str, int] | None = None
        self.source_button: QPushButton | None = None
        register, source_id, _ = self.services.service(SUPERVISION_SERVICE).source_of(self.actor, rec.id)
        if not register or source_id is None:
            return
        self.source_button = buttons.addButton(
            tr("Supervision", "打开来源记录"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.source_button.setObjectName("open_source")
        self.source_button.clicked.connect(self.open_source)
        for t in self.findChildren(QTableWidget, "来源记录"):
            t.cellDoubleClicked.connect(lambda *_: self.open_source())

    def open_source(self) -> None:
        target = readable_source(self, self.services, self.actor, self.record_id)
        if target is not None:  # refused: the reason was told, the details stay open
            self.source_wanted = target
            self.accept()


class ItemsPage(WorkflowPage):
    detail_class = ItemDetailDialog

    def show_detail(self, record_id: int | None) -> RecordDetailDialog | None:
        dialog = super().show_detail(record_id)
        wanted = getattr(dialog, "source_wanted", None)
        if wanted is not None:
            open_source(self, self.services, self.actor, *wanted)
        return dialog


class SupervisionTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervision_tab")
        # the details name the record an item came from (a 收文, a meeting's 议定事项) and open it
        self.page = ItemsPage(services, actor, ITEMS, source_section, parent=self)
        self.addTab(self.page, services.catalog.get(ITEMS).title)
        self.services, self.actor = services, actor
        self.bulletin_button = QPushButton(tr("Supervision", "督办通报…"), self.page)
        self.bulletin_button.setObjectName("bulletin")
        self.bulletin_button.setToolTip(tr("Supervision", "按年度、季度、月份或起止日期，全部或某一主办单位"))
        self.bulletin_button.clicked.connect(self.open_bulletin)
        self.page.row.addWidget(self.bulletin_button)
        self.stats = StatsPage(services, actor, self)
        self.addTab(self.stats, tr("Supervision", "统计"))
        self.page.view.changed.connect(self.stats.refresh)

    def open_bulletin(self) -> None:
        from ui.areas.supervision.bulletin import BulletinDialog

        BulletinDialog.ask(self, self.services, self.actor)

    def current_view(self) -> Any:
        return self.page.view if self.currentWidget() is self.page else None

    def open_record(self, register: str, record_id: int) -> None:
        self.setCurrentWidget(self.page)
        self.page.open_record(register, record_id)


TAB = SupervisionTab
