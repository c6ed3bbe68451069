"""统计 → 年度统计报告: pick a year, quarter or month; the figures are counted off the GUI thread and shown as
the report will print them (the scope line, the summary paragraph, the key figures with the previous year
and the change); 导出 Word… / 导出 PDF… write the report through the print service, also off the GUI thread."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.services.statistics import Period, StatisticsReport, prepare, write
from app.services.statistics.sections_docs import overview
from ui import messages
from ui.i18n import tr
from ui.widgets.files import ask_save_path
from ui.widgets.screen import resize_to_fit
from ui.widgets.workers import TaskRunner, busy_dialog

KINDS = (("year", "年度"), ("quarter", "季度"), ("month", "月度"))
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


def t(text: str) -> str:
    return tr("StatisticsDialog", text)


class StatisticsDialog(QDialog):
    def __init__(
        self, services: Any, actor: Any, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.report: StatisticsReport | None = None
        self.runner = TaskRunner(self)
        self.runner.busy_changed.connect(self._busy)
        today = today or date.today()
        self.setWindowTitle(t("统计报告"))

        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(t(label), key)
        self.year = QSpinBox()
        self.year.setRange(1949, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(t(" 年"))
        self.quarter = QComboBox()
        self.quarter.addItems([t(q) for q in QUARTERS])
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.month.setSuffix(t(" 月"))
        self.count_button = QPushButton(t("统计"))
        self.count_button.setDefault(True)
        self.count_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for w in (QLabel(t("统计期间：")), self.kind, self.year, self.quarter, self.month, self.count_button):
            top.addWidget(w)
        top.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.quarter.currentIndexChanged, self.month.valueChanged):
            signal.connect(self._stale)

        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.scope.setStyleSheet("color:#444")
        self.summary = QTextBrowser()
        self.summary.setMinimumHeight(150)
        self.figures = QTableWidget(0, 4)
        self.figures.setHorizontalHeaderLabels([t("指标"), t("本期"), t("上年同期"), t("比上年")])
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().setVisible(False)
        header = self.figures.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.status = QLabel()
        self.word_button = QPushButton(t("导出 Word…"))
        self.pdf_button = QPushButton(t("导出 PDF…"))
        close = QPushButton(t("关闭"))
        self.word_button.clicked.connect(lambda: self.export("docx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for b in (self.word_button, self.pdf_button, close):
            bottom.addWidget(b)

        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(t("综述（报告开篇一段，各项数字均取自登记簿）")))
        left.addWidget(self.summary, 1)
        body.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(t("主要数据")))
        right.addWidget(self.figures, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scope)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        self._kind_changed()
        resize_to_fit(self, 1180, 640)

    @classmethod
    def open_for(cls, services: Any, actor: Any, parent: QWidget | None = None) -> StatisticsDialog:
        dialog = cls(services, actor, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.refresh()
        return dialog

    # --- the period -----------------------------------------------------------------------------------
    def period(self) -> Period:
        kind = self.kind.currentData()
        number = {"year": 0, "quarter": self.quarter.currentIndex() + 1, "month": self.month.value()}[kind]
        return Period(kind, self.year.value(), number)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.quarter.setVisible(kind == "quarter")
        self.month.setVisible(kind == "month")
        self._stale()

    def _stale(self) -> None:
        if self.report is not None and self.report.period != self.period():
            self.status.setText(t("统计期间已改变：请点“统计”"))
        self._enable()

    def _busy(self, busy: bool) -> None:
        self.count_button.setEnabled(not busy)
        self._enable()
        if busy:
            self.status.setText(t("正在统计…"))

    def _enable(self) -> None:
        ready = not self.runner.busy and self.report is not None and self.report.period == self.period()
        self.word_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    # --- counting -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        period = self.period()
        self.runner.start(lambda: prepare(self.services, self.actor, period), self.show_report, self._failed)

    def show_report(self, rep: StatisticsReport) -> None:
        if rep.period != self.period():  # an earlier count finishing after the period was changed
            return
        self.report = rep
        self.setWindowTitle(rep.title)
        self.scope.setText(rep.scope)
        from html import escape

        self.summary.setHtml(
            "".join(
                f'<p style="text-indent:2em; line-height:160%; font-size:15px">{escape(p)}</p>'
                for p in rep.summary
            )
        )
        table = overview(rep.figures, rep.previous, []).tables[0]
        self.figures.setRowCount(len(table.rows))
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(r, c, item)
        self.status.setText(t("统计完成：") + rep.period.span)
        self._enable()

    def _failed(self, error: Exception) -> None:
        self.status.setText("")
        messages.app_error(self, error, t("统计报告"))

    # --- export ---------------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        rep = self.report
        if rep is None:
            return
        label = "Word 文件 (*.docx)" if fmt == "docx" else "PDF 文件 (*.pdf)"
        path = ask_save_path(self, t("导出统计报告"), f"{rep.title}.{fmt}", t(label))
        if path is None:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        dialog = busy_dialog(self, t("正在生成统计报告…"))
        dialog.show()

        def done(out: Any) -> None:
            dialog.close()
            self.status.setText(t("已导出：") + str(out))

        def failed(error: Exception) -> None:
            dialog.close()
            self._failed(error)

        self.runner.start(
            lambda: write(self.services, self.actor, rep.period, path, fmt, prepared=rep), done, failed
        )
