"""One fetched row of the register table (its cell texts, colours and tooltip), kept apart from the paging
and loading logic of table_model.py."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.kit.registers.base import INT, Field, Record, Register
from app.kit.registers.values import display
from ui.i18n import tr

log = logging.getLogger(__name__)

RecordIdRole = Qt.ItemDataRole.UserRole + 1
VOID_MARK = "（作废）"

_VOID_FG = QColor("#9a9a9a")
_STATE_BG = {
    "overdue": QColor("#f8d7da"),
    "due_soon": QColor("#fff1c2"),
    "yellow": QColor("#fff1c2"),
    "blue": QColor("#dbe9fb"),
}
_STATE_FG = {
    "overdue": QColor("#a4161a"),
    "due_soon": QColor("#7a5200"),
    "yellow": QColor("#7a5200"),
    "blue": QColor("#0b4a8b"),
}
_STATE_LABEL = {"overdue": "已超期", "due_soon": "即将到期", "yellow": "未按周期反馈", "blue": "临近期限"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RecordIdRole,
    }
)


class Row:
    """One fetched record; its cell texts are computed the first time the row is shown, then kept
    (data() is called for every paint, and most rows of a page are never on screen)."""

    __slots__ = ("_columns", "_texts", "record", "state")

    def __init__(self, record: Record, columns: list[Field], state: str | None) -> None:
        self.record = record
        self.state = state
        self._columns = columns
        self._texts: tuple[str, ...] | None = None

    @classmethod
    def of(cls, register: Register, columns: list[Field], record: Record) -> Row:
        state = None
        if register.row_state is not None and not record.voided:
            try:
                state = register.row_state(record)
            except Exception:  # an area's hook must not break the whole table
                log.exception("row_state failed for %s %s", register.key, record.id)
        return cls(record, columns, state)

    @property
    def texts(self) -> tuple[str, ...]:
        if self._texts is None:
            texts = [display(f, self.record[f.name]).replace("\n", " ") for f in self._columns]
            if self.record.voided and texts:
                texts[0] = texts[0] + VOID_MARK
            self._texts = tuple(texts)
        return self._texts

    def data(self, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[col]
        if role == RecordIdRole:
            return self.record.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.record.voided:
                return QBrush(_VOID_FG)
            color = _STATE_FG.get(self.state or "")
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.BackgroundRole:
            color = None if self.record.voided else _STATE_BG.get(self.state or "")
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self._columns[col].kind == INT else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(col)
        return None

    def _tooltip(self, col: int) -> str | None:
        parts = []
        text = self.texts[col]
        if text:
            parts.append(f"{self._columns[col].label}：{text}")
        if self.record.voided:
            reason = self.record["void_reason"] or ""
            parts.append(tr("RegisterTableModel", "已作废") + (f"：{reason}" if reason else ""))
        elif self.state in _STATE_LABEL:
            parts.append(tr("RegisterTableModel", _STATE_LABEL[self.state or ""]))
        return "\n".join(parts) or None
