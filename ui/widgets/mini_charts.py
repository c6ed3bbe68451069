"""Small charts for the home tab (Qt Charts): the year month by month, and rates as bars out of 100%.
They draw exactly the numbers they are given; an empty year shows its zeros, not a blank box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from app.services.workbench_figures import MonthSeries, Rate

PALETTE = ("#2f6fb0", "#e08a2c", "#3c9a5f", "#8e5ea2")
MONTHS = [f"{m}" for m in range(1, 13)]


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSize(9)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.setBackgroundRoundness(0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    small = QFont()
    small.setPointSize(8)
    chart.legend().setFont(small)
    return chart


def _axis_font(axis: QValueAxis | QBarCategoryAxis) -> None:
    font = QFont()
    font.setPointSize(7)
    axis.setLabelsFont(font)


class _View(QChartView):
    def __init__(self, chart: QChart, height: int, parent: QWidget | None) -> None:
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)


class MonthChart(_View):
    """Up to four series as grouped bars, January to December (收文/发文, 信访, 督办 …)."""

    def __init__(self, title: str, series: Sequence[MonthSeries], parent: QWidget | None = None) -> None:
        self.shown = tuple(series[: len(PALETTE)])
        chart = _chart(title)
        bars = QBarSeries()
        top = 0
        for colour, s in zip(PALETTE, self.shown):
            bar = QBarSet(f"{s.label}（{s.total}）")
            bar.append([float(v) for v in s.months])
            bar.setColor(QColor(colour))
            bar.setBorderColor(QColor(colour))
            bars.append(bar)
            top = max(top, *s.months)
        chart.addSeries(bars)
        months = QBarCategoryAxis()
        months.append(MONTHS)
        _axis_font(months)
        values = QValueAxis()
        values.setRange(0, max(1, top))
        values.setLabelFormat("%d")
        values.setTickCount(3)
        _axis_font(values)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(months)
        bars.attachAxis(values)
        chart.legend().setVisible(len(self.shown) > 0)
        super().__init__(chart, 190, parent)


class RateChart(_View):
    """Rates as horizontal bars on a 0-100% scale; a rate with nothing to divide is drawn as 0 and its
    label says 无数据 (so no bar is mistaken for a real 0%)."""

    def __init__(self, title: str, rates: Sequence[Rate], parent: QWidget | None = None) -> None:
        self.rates = tuple(rates)
        chart = _chart(title)
        bar = QBarSet("%")
        bar.setColor(QColor(PALETTE[2]))
        bar.setBorderColor(QColor(PALETTE[2]))
        labels = []
        for r in reversed(self.rates):  # Qt draws the first category at the bottom
            bar.append(r.percent or 0.0)
            labels.append(f"{r.label} {r.percent:g}%" if r.percent is not None else f"{r.label} 无数据")
        series = QHorizontalBarSeries()
        series.append(bar)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(labels)
        names.setTruncateLabels(False)  # "信访办结率 87.2%" whole, never "…"
        _axis_font(names)
        scale = QValueAxis()
        scale.setRange(0, 100)
        scale.setLabelFormat("%d%%")
        scale.setTickCount(3)
        _axis_font(scale)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(scale, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(scale)
        chart.legend().setVisible(False)
        super().__init__(chart, 40 + 26 * max(1, len(self.rates)), parent)
