"""The lazy table model over any declared register: sorting, search and filters are SQL (never a proxy
model); rows are fetched in pages when first shown and cached.

Opening a view costs one first page (``RegisterService.page``, LIMIT only). With ``count_in_background``
the total is then counted in a worker (rowCount is the first page meanwhile, ``counting`` True, and grows
with beginInsertRows when the count arrives), and after it the listing's ids, in order, are read in a
worker too (``RegisterService.ids``, as Anki's browser keeps its card ids). From then on any page — the
last row after Ctrl+End, the middle after a scroll-bar drag — is a primary-key lookup of its ids
(``RegisterService.records``) instead of an OFFSET that walks every row before it."""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.domain.errors import AppError
from app.kit.registers.base import Field, Record, Register
from ui.i18n import tr
from ui.widgets.table_rows import ROLES, VOID_MARK, RecordIdRole, Row

__all__ = ["VOID_MARK", "RecordIdRole", "RegisterTableModel"]

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
# computed once: flags() and data() run for every visible cell on every paint
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RegisterTableModel(QAbstractTableModel):
    """rowCount is the query's total; pages of ``page_size`` rows are fetched on demand.

    At most ``max_pages`` pages stay cached (least recently used dropped), so scrolling through a
    million rows keeps memory flat (the id list adds 4 bytes a row).
    """

    fetch_failed = Signal(object)  # an AppError raised while fetching a page, counting or listing ids
    total_changed = Signal(int)  # also emitted when counting starts (``counting`` True) and ends
    ids_loaded = Signal()  # the listing's ids arrived: every page is now fetched by id

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
        self._pages: OrderedDict[int, list[Row | None]] = OrderedDict()
        self._ids: Sequence[int] | None = None  # row -> record id, once listed
        self.loads = 0  # how many times the query ran from the start (first page, count, ids)
        self.count_in_background = count_in_background
        self.counting = False  # the first page is shown, its total is being counted in a worker
        self.listing = False  # the total is known, the ids are being read in a worker
        self._generation = 0  # a count or id list that arrives for an older query is dropped
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

    @property
    def ids_ready(self) -> bool:
        return self._ids is not None

    def set_query(
        self, *, search: str | None = None, filters: Mapping[str, Any] | None = None, reload: bool = True
    ) -> None:
        """Change the search text and/or filters and reload."""
        if search is not None:
            self._search = search.strip()
        if filters is not None:
            self._filters = dict(filters)
        if reload:
            self.reload()

    def reload(self) -> None:
        """Drop every cached page and fetch the first page; then the total and the ids (in workers, or
        here without ``count_in_background``). Raises AppError."""
        self.loads += 1
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        self._ids = None
        self._total = 0
        self.counting = self.listing = self.capped = False
        try:
            page = self.services.registers.page(
                self.actor,
                self.register.key,
                **self._query(),
                offset=0,
                limit=self.page_size,
                with_total=False,
            )
            rows: list[Row | None] = [self._row(r) for r in page.records]
            self._pages[0] = rows
            self._total = len(rows)
            if len(rows) < self.page_size:  # a first page that is not full is the whole listing
                self._ids = array("q", [r.record.id for r in rows if r])
            elif not self.count_in_background:
                self._ids, self.capped = self.services.registers.ids(
                    self.actor, self.register.key, **self._query()
                )
                self._total = len(self._ids)
                self._check_first_page()
            else:
                self.counting = True
        finally:
            self.endResetModel()
        if self.counting:
            self._start(self._generation, "count", self._counted, self._count_failed)
        self.total_changed.emit(self._total)

    def _query(self) -> dict[str, Any]:
        return {"search": self._search, "filters": dict(self._filters), "sort": self._sort}

    def _start(
        self,
        generation: int,
        method: str,
        done: Callable[[int, Any], None],
        failed: Callable[[int, Exception], None],
    ) -> None:
        """Run ``services.registers.<method>`` for the current query in a worker."""
        from ui.widgets.workers import TaskRunner

        if self._runner is None:
            # no Qt parent: closing the view while counting must not delete the running task's signals
            self._runner = TaskRunner()
        call = getattr(self.services.registers, method)
        actor, key, query = self.actor, self.register.key, self._query()

        def work() -> Any:
            # queued behind tasks of older queries (a user typing, sorting) or of a view since closed:
            # skip one already outdated rather than read a million ids for no one
            return call(actor, key, **query) if self._current(generation) else None

        self._runner.start(work, lambda r: done(generation, r), lambda e: failed(generation, e))

    def _current(self, generation: int) -> bool:
        from shiboken6 import isValid

        return isValid(self) and generation == self._generation  # the view may be gone, the query changed

    def _counted(self, generation: int, result: tuple[int, bool] | None) -> None:
        if result is None or not self._current(generation):
            return
        total, capped = result
        self.counting = False
        self.capped = capped
        self._resize(total)
        first = self._pages.get(0) or []
        self.listing = total > len(first)
        if total == len(first):  # all on the first page after all: its rows are the listing
            self._ids = array("q", [r.record.id for r in first if r])
        self.total_changed.emit(self._total)
        if self.listing:
            self._start(generation, "ids", self._listed, self._list_failed)

    def _listed(self, generation: int, result: tuple[Sequence[int], bool] | None) -> None:
        if result is None or not self._current(generation):
            return
        ids, capped = result
        self.listing = False
        before = self._total
        self._ids, self.capped = ids, capped
        if not self._check_first_page() or len(ids) != before:
            self._pages.clear()  # rows registered or voided since the count: refetch what is shown
            self._resize(len(ids))
            if self._total:
                self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, self.columnCount() - 1))
        self.ids_loaded.emit()
        if self._total != before:
            self.total_changed.emit(self._total)

    def _check_first_page(self) -> bool:
        """Whether the first page (read by LIMIT) is the id list's first page; if not it is dropped."""
        first = self._pages.get(0)
        ids = self._ids
        if first is None or ids is None:
            return True
        if [r.record.id if r else None for r in first] == list(ids[: len(first)]):
            return True
        del self._pages[0]
        return False

    def _resize(self, total: int) -> None:
        current = self._total
        if total > current:
            self.beginInsertRows(QModelIndex(), current, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < current:  # rows left the listing meanwhile
            self.beginRemoveRows(QModelIndex(), total, current - 1)
            self._total = total
            self.endRemoveRows()

    def _count_failed(self, generation: int, error: Exception) -> None:
        if self._current(generation):
            self.counting = False
            self.total_changed.emit(self._total)
            self._report(error)

    def _list_failed(self, generation: int, error: Exception) -> None:
        if self._current(generation):
            self.listing = False  # pages stay readable by OFFSET
            self._report(error)

    def _report(self, error: Exception) -> None:
        if isinstance(error, AppError):
            self.fetch_failed.emit(error)
        else:
            log.error("listing %s failed: %s", self.register.key, error)

    def wait_for_count(self, msecs: int = 30000) -> bool:
        """Run the event loop until a background count has been delivered (benchmarks, scripts)."""
        return self._wait(lambda: not self.counting, self.total_changed, msecs)

    def wait_for_ids(self, msecs: int = 30000) -> bool:
        """Run the event loop until the count and the id list have been delivered (benchmarks, scripts)."""
        return self.wait_for_count(msecs) and self._wait(lambda: not self.listing, self.ids_loaded, msecs)

    @staticmethod
    def _wait(ready: Callable[[], bool], signal: Any, msecs: int) -> bool:
        from PySide6.QtCore import QEventLoop, QTimer

        if not ready():
            loop = QEventLoop()
            signal.connect(loop.quit)
            QTimer.singleShot(msecs, loop.quit)
            loop.exec()
            signal.disconnect(loop.quit)
        return ready()

    def refresh_record(self, record_id: int) -> bool:
        """After an edit: re-fetch the cached page holding ``record_id`` (a page not cached is fetched
        fresh when shown). False if the record is not among the listed rows."""
        row = self.row_of(record_id)
        if row is None:
            return False
        number = row // self.page_size
        if self._pages.pop(number, None) is not None:
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
        """Row of a record: among the cached pages, else in the id list (no query)."""
        for number, rows in self._pages.items():
            for i, entry in enumerate(rows):
                if entry is not None and entry.record.id == record_id:
                    return number * self.page_size + i
        if self._ids is not None:
            try:
                return self._ids.index(record_id)  # C speed: ~10 ms on a million ids
            except ValueError:
                return None
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
        return _FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._total or index.column() >= len(self.columns):
            return None
        if role not in ROLES:
            return None
        entry = self._entry(index.row())
        return None if entry is None else entry.data(index.column(), role)

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
    def _entry(self, row: int) -> Row | None:
        if not 0 <= row < self._total:
            return None
        rows = self._page(row // self.page_size)
        i = row % self.page_size
        return rows[i] if i < len(rows) else None

    def _page(self, number: int) -> list[Row | None]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        start = number * self.page_size
        try:
            if self._ids is not None:
                wanted = self._ids[start : start + self.page_size]
                found = {
                    r.id: r for r in self.services.registers.records(self.actor, self.register.key, wanted)
                }
                # an id no longer readable (gone, or now above the reader's clearance) stays a blank row
                rows = [self._row(found[i]) if i in found else None for i in wanted]
            else:  # the ids are not read yet (or failed): by position, from the nearer end
                end = min(self._total, start + self.page_size)
                # a capped listing's end is not the query's end; while counting the end is not known
                back = not (self.capped or self.counting) and self._total - end < start
                page = self.services.registers.page(
                    self.actor,
                    self.register.key,
                    **self._query(),
                    offset=self._total - end if back else start,
                    limit=end - start if back else self.page_size,
                    with_total=False,
                    from_end=back,
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

    def _row(self, record: Record) -> Row:
        return Row.of(self.register, self.columns, record)
