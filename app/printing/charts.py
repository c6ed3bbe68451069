"""Charts of a report (monthly volume per register, completion and satisfaction rates) as reportlab
drawings: vector in the PDF, and the same drawing rasterised for Word (python-docx takes pictures only).

reportlab's own bitmap renderer (renderPM) needs the rlPyCairo/pycairo backend, which is not among the
dependencies; pypdfium2 is (the print preview uses it), so a drawing is written as a one-page PDF and
rendered to PNG by pdfium — the Word picture is then the very drawing of the PDF, from the same numbers.
Plain data in, drawing or bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.printing.fonts import FANGSONG, HEITI, pdf_font
from app.printing.pdfium_lock import PDFIUM_LOCK  # PDFium is not thread-safe: one lock for all its use

# print-safe colours that stay apart in grey too (a county office prints black and white)
PALETTE = ("#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f", "#2c7c3c")
WIDTH_MM, HEIGHT_MM = 150, 72
MM = 72 / 25.4


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ReportChart:
    """``kind`` "bar" (grouped columns) or "line"; ``percent``: values are rates 0-100 drawn on 0-100%."""

    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    kind: str = "bar"
    unit: str = ""  # 件, 份, 人次 … shown on the value axis
    percent: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("bar", "line"):
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series {s.name!r}: {len(s.values)} values for {len(self.categories)} categories"
                )


def _axis(values: Sequence[float]) -> tuple[float, float]:
    """Top and step of the value axis: the maximum rounded up to its leading digit (71 -> 80 by 10)."""
    import math

    top = max([v for v in values if v is not None] + [0])
    if top <= 5:
        return 5.0, 1.0
    step = 10 ** (len(str(int(top))) - 1)
    high = math.ceil(top / step - 1e-9) * step
    step_f = float(step)
    while high / step_f > 8:
        step_f *= 2
    while high / step_f < 4 and step_f >= 2:
        step_f /= 2
    return float(math.ceil(top / step_f - 1e-9) * step_f), step_f


def drawing(chart: ReportChart, width_mm: float = WIDTH_MM, height_mm: float = HEIGHT_MM) -> Any:
    """The chart as a reportlab Drawing (a platypus flowable)."""
    from reportlab import rl_config

    # reportlab checks every attribute set on a shape against its declared type ("a big help when
    # developing", its settings say): a third of a chart's drawing time. The drawings here are fixed code,
    # checked by the tests; off before the graphics classes are first imported (they read it then).
    rl_config.shapeChecking = 0
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    body, bold = pdf_font(FANGSONG), pdf_font(HEITI)
    w, h = width_mm * MM, height_mm * MM
    d = Drawing(w, h)
    d.initialFontName = body  # else the renderer starts every drawing in an unembedded Helvetica
    d.hAlign = "CENTER"
    d.add(String(w / 2, h - 13, chart.title, fontName=bold, fontSize=11, textAnchor="middle"))
    plot: Any = VerticalBarChart() if chart.kind == "bar" else HorizontalLineChart()
    # the legend runs along the top right of the unit label, in as many rows as its names need to stay
    # inside the drawing (a picture in Word is cut at its edge)
    legend_x = 38 + (8 * len(chart.unit) + 24 if chart.unit and not chart.percent else 0)
    legend_dx = max(60, 14 + 9 * max((len(s.name) for s in chart.series), default=0))
    per_row = max(1, int((w - legend_x - 4) // legend_dx))
    legend_rows = -(-len(chart.series) // per_row) if len(chart.series) > 1 else 0
    plot.x, plot.y = 38, 26
    plot.width, plot.height = w - plot.x - 12, h - plot.y - 26 - 13 * legend_rows
    data = [tuple(float(v or 0) for v in s.values) for s in chart.series] or [
        tuple(0.0 for _ in chart.categories)
    ]
    plot.data = data
    plot.categoryAxis.categoryNames = list(chart.categories)
    plot.categoryAxis.labels.fontName = body
    plot.categoryAxis.labels.fontSize = 8
    longest = max((len(c) for c in chart.categories), default=0)
    if longest * 8 * len(chart.categories) > plot.width * 0.9:  # labels would run into each other
        plot.categoryAxis.labels.angle = 30
        plot.categoryAxis.labels.boxAnchor = "ne"
        lift = int(longest * 8 * 0.5)
        plot.y += lift
        plot.height -= lift
    axis = plot.valueAxis
    axis.valueMin = 0
    axis.valueMax, axis.valueStep = (100.0, 20.0) if chart.percent else _axis([v for s in data for v in s])
    axis.labels.fontName = body
    axis.labels.fontSize = 8
    axis.labelTextFormat = (lambda v: f"{v:.0f}%") if chart.percent else (lambda v: f"{v:g}")
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#d9d9d9")
    axis.gridStrokeWidth = 0.4
    for i in range(len(data)):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        if chart.kind == "bar":
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
        else:
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 1.6
    if chart.kind == "bar":
        plot.groupSpacing = 6 if len(chart.categories) > 6 else 14
        plot.barSpacing = 1
        if len(data) * len(chart.categories) <= 16:  # few columns: print the value above each one
            plot.barLabels.fontName = body
            plot.barLabels.fontSize = 7
            plot.barLabels.nudge = 6
            plot.barLabelFormat = (lambda v: f"{v:.1f}%") if chart.percent else "%d"
    d.add(plot)
    if chart.unit and not chart.percent:
        d.add(String(4, plot.y + plot.height + 6, f"（{chart.unit}）", fontName=body, fontSize=8))
    if legend_rows:
        legend = Legend()
        legend.fontName = body
        legend.fontSize = 8
        legend.alignment = "right"
        legend.columnMaximum = legend_rows  # names fill each column top down, columns left to right
        legend.deltax = legend_dx
        legend.deltay = 13
        legend.boxAnchor = "nw"
        legend.x, legend.y = legend_x, h - 22
        legend.dx = legend.dy = 7
        legend.colorNamePairs = [
            (colors.HexColor(PALETTE[i % len(PALETTE)]), s.name) for i, s in enumerate(chart.series)
        ]
        d.add(legend)
    return d


def pngs(charts: Sequence[ReportChart], dpi: int = 170) -> list[bytes]:
    """The same drawings as PNGs (for Word): all drawn into one PDF (the font subset embedded once), one
    page a chart, and each page rendered by pdfium."""
    import io

    import pypdfium2 as pdfium
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    if not charts:
        return []
    buf = io.BytesIO()
    canvas = Canvas(buf, initialFontName=pdf_font(FANGSONG))
    for chart in charts:
        d = drawing(chart)
        canvas.setPageSize((d.width, d.height))
        renderPDF.draw(d, canvas, 0, 0)
        canvas.showPage()
    canvas.save()
    out = []
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(buf.getvalue())
        try:
            for page in doc:
                image = page.render(scale=dpi / 72).to_pil()
                png = io.BytesIO()
                image.save(png, "PNG", compress_level=1)
                out.append(png.getvalue())
        finally:
            doc.close()
    return out


def png(chart: ReportChart, dpi: int = 170) -> bytes:
    return pngs([chart], dpi)[0]
