"""来访接待 statistics view: a period (本年/上年/本季度/本月 or any dates), the 信访 figures (件/批次/人次, 集体访,
rates, 复查/复核; by channel, category, 属地 and month) and the 公务接待 figures (批次/人次/陪餐, costs by
category), from the service's petition_figures / reception_figures; 打印 writes them as a Word report."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.areas.reception import report
from app.areas.reception.service import SERVICE as RECEPTION_SERVICE
from app.domain.enums import Role
from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_save_path


def _table(caption: str, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (
        f"<h4>{html.escape(caption)}</h4><table border='1' cellspacing='0' cellpadding='3'>"
        f"<tr style='background:#eef2f7'>{head}</tr>{body}</table>"
    )


def quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


class StatsPage(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reception_stats")
        self.services, self.actor = services, actor
        today = date.today()
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.set_period(date(today.year, 1, 1), today)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Reception", "统计期间："), self))
        row.addWidget(self.start)
        row.addWidget(QLabel(tr("Reception", "至"), self))
        row.addWidget(self.end)
        for label, period in (
            ("本年", lambda d: (date(d.year, 1, 1), d)),
            ("上年", lambda d: (date(d.year - 1, 1, 1), date(d.year - 1, 12, 31))),
            ("本季度", lambda d: (quarter_start(d), d)),
            ("本月", lambda d: (date(d.year, d.month, 1), d)),
            ("上月", lambda d: ((date(d.year, d.month, 1) - timedelta(days=1)).replace(day=1),
                                date(d.year, d.month, 1) - timedelta(days=1))),
        ):  # fmt: skip
            b = QPushButton(tr("Reception", label), self)
            b.clicked.connect(lambda _=False, p=period: (self.set_period(*p(date.today())), self.refresh()))
            row.addWidget(b)
        self.count_button = QPushButton(tr("Reception", "统计"), self)
        self.count_button.clicked.connect(self.refresh)
        self.print_button = QPushButton(tr("Reception", "打印（Word）…"), self)
        self.print_button.setObjectName("stats_print")
        self.print_button.clicked.connect(self.print_report)
        row.addWidget(self.count_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        self.view = QTextBrowser(self)
        self.view.setObjectName("stats_view")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.refresh()

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(start)
        self.end.setDate(end)

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def refresh(self) -> None:
        start, end = self.period()
        if end < start:
            self.view.setHtml(f"<p style='color:#c0392b'>{tr('Reception', '结束日期不能早于开始日期')}</p>")
            return
        svc = self.services.service(RECEPTION_SERVICE)
        parts = [f"<h3>{tr('Reception', '来访接待工作统计')}（{start.isoformat()}至{end.isoformat()}）</h3>"]
        try:
            if self.actor.has_role(Role.PETITIONS, Role.LEADER):
                parts.append(self._petitions(svc.petition_figures(self.actor, start, end)))
            if self.actor.has_role(Role.RECEPTION, Role.LEADER):
                first = 5 if len(parts) > 1 else 1
                parts.append(self._receptions(svc.reception_figures(self.actor, start, end), first))
        except AppError as e:
            messages.app_error(self, e)
            return
        self.view.setHtml("".join(parts))

    def _petitions(self, st: Any) -> str:
        section = report.petition_sections(st)[0]
        out = [f"<h3>{tr('Reception', '信访')}</h3><p>{html.escape(section.paragraphs[0])}</p>"]
        out += [_table(t.caption, t.headers, t.rows) for t in section.tables]
        out.append(f"<p style='color:#666'>{html.escape(report.NOTE)}</p>")
        return "".join(out)

    def _receptions(self, fig: Any, first_table: int) -> str:
        section = report.reception_section(fig, first_table)
        out = [f"<h3>{tr('Reception', '公务接待')}</h3><p>{html.escape(section.paragraphs[0])}</p>"]
        out += [_table(t.caption, t.headers, t.rows) for t in section.tables]
        return "".join(out)

    def print_report(self) -> None:
        start, end = self.period()
        path = ask_save_path(
            self, tr("Reception", "打印来访接待统计"), f"来访接待统计-{start}至{end}.docx", "Word (*.docx)"
        )
        if path is None:
            return
        try:
            self.services.service(RECEPTION_SERVICE).figures_report(self.actor, start, end, path)
        except AppError as e:
            messages.app_error(self, e)
            return
        messages.info(
            self, tr("Reception", "打印"),
            tr("Reception", "已生成统计报告（Word，可编辑后打印）：{0}").format(path),
        )  # fmt: skip
