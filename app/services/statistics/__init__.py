"""The statistics report across the areas (年度/季度/月度统计报告) and the year's key figures for the 工作台.

key_figures(services, actor, 2026)                 # the summary's figures, as the actor may see them
collect(services, actor, Period.of_year(2026))     # every area's figures of a period
write(services, actor, parse_quarter("2026Q1"), Path("统计.pdf"))
"""

from app.services.statistics.figures import Figures, KeyFigure, collect, key_figures, summary_figures
from app.services.statistics.period import Period, parse_month, parse_quarter, parse_year
from app.services.statistics.report import StatisticsReport, document, prepare, write

__all__ = [
    "Figures",
    "KeyFigure",
    "Period",
    "StatisticsReport",
    "collect",
    "document",
    "key_figures",
    "parse_month",
    "parse_quarter",
    "parse_year",
    "prepare",
    "summary_figures",
    "write",
]
