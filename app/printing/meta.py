"""Who prints, when, and how the printout is marked: shared by the PDF and Word renderers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

FORMATS = ("pdf", "docx")


def output_format(out: Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else the file suffix (pdf when none); the two must agree."""
    from app.domain.errors import ValidationFailed

    suffix = Path(out).suffix.lstrip(".").lower()
    value = (fmt or suffix or "pdf").lower()
    if value not in FORMATS:
        raise ValidationFailed({"format": f"不支持的格式：{value}（可用 pdf、docx）"})
    if suffix in FORMATS and suffix != value:
        raise ValidationFailed({"format": f"文件后缀 .{suffix} 与输出格式 {value} 不一致"})
    return value


@dataclass(frozen=True)
class PrintMeta:
    """``marking`` is app.domain.secrecy.marking(level, period): '' for 非密, else e.g. 机密★10年."""

    printed_by: str
    printed_at: datetime = field(default_factory=datetime.now)
    marking: str = ""
    running_title: str = ""  # repeated small at the top of pages after the first (register books)

    @classmethod
    def for_actor(
        cls, actor: Any, secret_level: Any = None, secret_period: str | None = None, running_title: str = ""
    ) -> PrintMeta:
        """PrintMeta for an app Actor and a record's 密级/保密期限 (stored value, label or SecretLevel)."""
        from app.domain.enums import SecretLevel
        from app.domain.secrecy import marking

        level = SecretLevel.NONE
        if secret_level:
            try:
                level = SecretLevel(secret_level)
            except ValueError:
                level = SecretLevel.from_label(str(secret_level))
        return cls(printed_by=actor.name, marking=marking(level, secret_period), running_title=running_title)

    @property
    def printed_line(self) -> str:
        return f"打印：{self.printed_by} {self.printed_at:%Y-%m-%d %H:%M}"


def page_label(page: int, total: int) -> str:
    return f"第 {page} 页 共 {total} 页"
