"""The 统计 screen: the statistics report of a year, quarter or month, previewed and exported."""

from ui.statistics.dialog import StatisticsDialog

__all__ = ["StatisticsDialog"]
