"""The report's charts keep everything inside their drawing: Word shows the rasterised drawing as a picture,
cut at its edge, so a legend running past it loses its last names (the 各登记簿月度数量 chart lost 报送信息)."""

from __future__ import annotations

import pytest
from reportlab.graphics.charts.legends import Legend
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.printing.charts import ChartSeries, ReportChart, drawing

NAMES = ("收文", "发文", "明传电报", "密码电报", "来信来访", "督办立项", "报送信息", "信访人次")


@pytest.mark.parametrize("count", range(2, len(NAMES) + 1))
@pytest.mark.parametrize("unit", ["", "件", "件、份、人次"])
def test_the_legend_stays_inside_the_drawing_and_above_the_plot(count: int, unit: str) -> None:
    months = tuple(f"{m}月" for m in range(1, 13))
    series = tuple(
        ChartSeries(n, tuple(float(i + m) for m in range(12))) for i, n in enumerate(NAMES[:count])
    )
    d = drawing(ReportChart("各登记簿月度数量", months, series, kind="line", unit=unit))
    legend = next(x for x in d.contents if isinstance(x, Legend))
    left, bottom, _, top = legend.getBounds()
    rows = legend.columnMaximum
    right = max(  # the end of each name's text (getBounds stops short of the last column's text)
        legend.x
        + (i // rows) * legend.deltax
        + legend.dx
        + legend.dxTextSpace
        + stringWidth(name, legend.fontName, legend.fontSize)
        for i, (_, name) in enumerate(legend.colorNamePairs)
    )
    assert left >= 0 and right <= d.width and top <= d.height
    plot = next(x for x in d.contents if hasattr(x, "categoryAxis"))
    assert bottom >= plot.y + plot.height  # the names never sit on the lines
    assert len(legend.colorNamePairs) == count  # every name is drawn
