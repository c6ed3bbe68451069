"""The lazy table model over any declared register: rows come from RegisterService.page() in pages,
fetched when first shown and cached; sorting, search and filters are SQL (never a proxy model).

On a million rows the COUNT costs a hundred times the first page, so a view's model may show the first
page at once and count in a worker (``count_in_background``): rowCount is the first page meanwhile
(``counting`` True) and grows with beginInsertRows when the count arrives."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.domain.errors import AppError
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

Index = QModelIndex | QPersistentModelIndex


class _Row:
    """One fetched record; its cell texts are computed the first time the row is shown, then kept
    (data() is called for every paint, and most rows of a page are never on screen)."""

    __slots__ = ("_columns", "_texts", "record", "state")

    def __init__(self, record: Record, columns: list[Field], state: str | None) -> None:
        self.record = record
        self.state = state
        self._columns = columns
        self._texts: tuple[str, ...] | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        if self._texts is None:
            texts = [display(f, self.record[f.name]).replace("\n", " ") for f in self._columns]
            if self.record.voided and texts:
                texts[0] = texts[0] + VOID_MARK
            self._texts = tuple(texts)
        return self._texts


class RegisterTableModel(QAbstractTableModel):
    """rowCount is the query's total; pages of ``page_size`` rows are fetched on demand.

    At most ``max_pages`` pages stay cached (least recently used dropped), so scrolling through a
    million rows keeps memory flat.
    """

    fetch_failed = Signal(object)  # an AppError raised while fetching a page or counting
    total_changed = Signal(int)  # also emitted when counting starts (``counting`` True) and ends

    def __init__(
        self,
        services: Any,
        actor: Any,
        register_key: str,
        *,
        page_size: int = 200,
        max_pages: int = 50,
        count_in_background: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.register: Register = services.catalog.get(register_key)
        self.page_size = page_size
        self.max_pages = max_pages
        self.columns: list[Field] = self.register.list_fields
        self._search = ""
        self._filters: dict[str, Any] = {}
        self._sort: tuple[str, bool] = self.register.default_sort
        self.capped = False  # the search matched more rows than are listed
        self._total = 0
        self._pages: OrderedDict[int, list[_Row]] = OrderedDict()
        self.loads = 0  # how many times the query ran from the start (count + first page)
        self.count_in_background = count_in_background
        self.counting = False  # the first page is shown, its total is being counted in a worker
        self._generation = 0  # a count that arrives for an older query is dropped
        self._runner: Any = None

    # --- query state ---------------------------------------------------------------------------
    @property
    def search(self) -> str:
        return self._search

    @property
    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort

    @property
    def total(self) -> int:
        return self._total

    def set_query(
        self, *, search: str | None = None, filters: Mapping[str, Any] | None = None, reload: bool = True
    ) -> None:
        """Change the search text and/or filters and reload (one count + first page)."""
        if search is not None:
            self._search = search.strip()
        if filters is not None:
            self._filters = dict(filters)
        if reload:
            self.reload()

    def reload(self) -> None:
        """Drop every cached page and fetch the first page with the count (or start counting in the
        background, see the module docstring). Raises AppError."""
        self.loads += 1
        self._generation += 1
        background = self.count_in_background
        self.beginResetModel()
        self._pages.clear()
        self._total = 0
        self.counting = False
        self.capped = False
        try:
            page = self.services.registers.page(
                self.actor,
                self.register.key,
                search=self._search,
                filters=self._filters,
                sort=self._sort,
                offset=0,
                limit=self.page_size,
                with_total=not background,
            )
            rows = [self._row(r) for r in page.records]
            self._pages[0] = rows
            if not background:
                self._total, self.capped = page.total, page.capped
            else:
                # a first page that is not full is the whole listing: nothing left to count
                self._total = len(rows)
                self.counting = len(rows) >= self.page_size
        finally:
            self.endResetModel()
        if self.counting:
            self._count(self._generation)
        self.total_changed.emit(self._total)

    def _count(self, generation: int) -> None:
        from ui.widgets.workers import TaskRunner

        if self._runner is None:
            # no Qt parent: closing the view while counting must not delete the running task's signals
            self._runner = TaskRunner()
        search, filters, sort = self._search, dict(self._filters), self._sort
        self._runner.start(
            lambda: self.services.registers.count(
                self.actor, self.register.key, search=search, filters=filters, sort=sort
            ),
            lambda result: self._counted(generation, result),
            lambda error: self._count_failed(generation, error),
        )

    def _counted(self, generation: int, result: tuple[int, bool]) -> None:
        from shiboken6 import isValid

        if not isValid(self) or generation != self._generation:
            return  # the view is gone, or the query changed while counting
        total, capped = result
        self.counting = False
        self.capped = capped
        current = self._total
        if total > current:
            self.beginInsertRows(QModelIndex(), current, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < current:  # rows deleted meanwhile
            self.beginRemoveRows(QModelIndex(), total, current - 1)
            self._total = total
            self.endRemoveRows()
        self.total_changed.emit(self._total)

    def _count_failed(self, generation: int, error: Exception) -> None:
        from shiboken6 import isValid

        if not isValid(self) or generation != self._generation:
            return
        self.counting = False
        self.total_changed.emit(self._total)
        if isinstance(error, AppError):
            self.fetch_failed.emit(error)
        else:
            log.error("counting %s failed: %s", self.register.key, error)

    def wait_for_count(self, msecs: int = 30000) -> bool:
        """Run the event loop until a background count has been delivered (benchmarks, scripts)."""
        from PySide6.QtCore import QEventLoop, QTimer

        if self.counting:
            loop = QEventLoop()
            self.total_changed.connect(loop.quit)
            QTimer.singleShot(msecs, loop.quit)
            loop.exec()
            self.total_changed.disconnect(loop.quit)
        return not self.counting

    def refresh_record(self, record_id: int) -> bool:
        """Re-fetch only the cached page holding ``record_id`` (after an edit). False if not cached."""
        row = self.row_of(record_id)
        if row is None:
            return False
        number = row // self.page_size
        self._pages.pop(number, None)
        self._page(number)
        first = number * self.page_size
        last = min(self._total, first + self.page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        return True

    # --- lookup --------------------------------------------------------------------------------
    def record_at(self, row: int) -> Record | None:
        entry = self._entry(row)
        return entry.record if entry else None

    def row_of(self, record_id: int) -> int | None:
        """Row of a record among the cached pages (no query)."""
        for number, rows in self._pages.items():
            for i, entry in enumerate(rows):
                if entry.record.id == record_id:
                    return number * self.page_size + i
        return None

    def cached_pages(self) -> list[int]:
        return sorted(self._pages)

    # --- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("RegisterTableModel", "点击按“{0}”排序").format(self.columns[section].label)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._total or index.column() >= len(self.columns):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            RecordIdRole,
        ):
            return None
        entry = self._entry(index.row())
        if entry is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.texts[col]
        if role == RecordIdRole:
            return entry.record.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.record.voided:
                return QBrush(_VOID_FG)
            color = _STATE_FG.get(entry.state or "")
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.BackgroundRole:
            color = None if entry.record.voided else _STATE_BG.get(entry.state or "")
            return QBrush(color) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.columns[col].kind == INT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return self._tooltip(entry, col)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is an ORDER BY; column -1 (no indicator) goes back to the register's default."""
        if 0 <= column < len(self.columns):
            self._sort = (self.columns[column].name, order == Qt.SortOrder.DescendingOrder)
        else:
            self._sort = self.register.default_sort
        try:
            self.reload()
        except AppError as e:
            self.fetch_failed.emit(e)

    def sort_column(self) -> int:
        """The column of the current sort (for the header indicator), -1 if not a list column."""
        for i, f in enumerate(self.columns):
            if f.name == self._sort[0]:
                return i
        return -1

    # --- internals -----------------------------------------------------------------------------
    def _entry(self, row: int) -> _Row | None:
        if not 0 <= row < self._total:
            return None
        rows = self._page(row // self.page_size)
        i = row % self.page_size
        return rows[i] if i < len(rows) else None

    def _page(self, number: int) -> list[_Row]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        try:
            page = self.services.registers.page(
                self.actor,
                self.register.key,
                search=self._search,
                filters=self._filters,
                sort=self._sort,
                offset=number * self.page_size,
                limit=self.page_size,
                with_total=False,
            )
            rows = [self._row(r) for r in page.records]
        except AppError as e:
            # data() must never raise into Qt; the view shows the message once.
            log.warning("page %s of %s not fetched: %s", number, self.register.key, e)
            rows = []
            self.fetch_failed.emit(e)
        self._pages[number] = rows
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return rows

    def _row(self, record: Record) -> _Row:
        state = None
        if self.register.row_state is not None and not record.voided:
            try:
                state = self.register.row_state(record)
            except Exception:  # an area's hook must not break the whole table
                log.exception("row_state failed for %s %s", self.register.key, record.id)
        return _Row(record, self.columns, state)

    def _tooltip(self, entry: _Row, col: int) -> str | None:
        parts = []
        text = entry.texts[col]
        if text:
            parts.append(f"{self.columns[col].label}：{text}")
        if entry.record.voided:
            reason = entry.record["void_reason"] or ""
            parts.append(tr("RegisterTableModel", "已作废") + (f"：{reason}" if reason else ""))
        elif entry.state in _STATE_LABEL:
            parts.append(tr("RegisterTableModel", _STATE_LABEL[entry.state or ""]))
        return "\n".join(parts) or None
