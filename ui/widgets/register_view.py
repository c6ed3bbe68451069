"""The tab content for one register: search box, filter bar, lazy table, count, and the actions
新建/修改/作废/打印/打印登记簿/导出 Excel/导入. Areas reuse it and override ``open_record`` for their
own detail dialog."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.kit.registers.base import Record
from ui import messages
from ui.i18n import tr
from ui.widgets.filter_bar import FilterBar
from ui.widgets.form_dialog import FormDialog
from ui.widgets.register_actions import RegisterActionsMixin
from ui.widgets.table_model import RecordIdRole, RegisterTableModel
from ui.widgets.workers import TaskRunner

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
FIT_ROWS = 40  # rows measured to widen narrow columns, only ever from the first page
FIT_MAX = 220


class RegisterView(RegisterActionsMixin, QWidget):
    record_activated = Signal(int)
    changed = Signal()  # a record was created, edited, voided or imported (the home tab may refresh)

    form_class: type[FormDialog] = FormDialog

    def __init__(
        self,
        services: Any,
        actor: Any,
        register_key: str,
        parent: QWidget | None = None,
        *,
        page_size: int = 200,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.register = services.catalog.get(register_key)
        self.record_opener: Callable[[int], None] | None = None  # an area's own detail dialog
        self.can_write = actor.has_role(*self.register.write_roles)
        self.tasks = TaskRunner(self)
        self._error_pending = False
        self.setObjectName(f"register_view_{register_key}")

        # the first page shows at once; on a large register its total is counted in a worker
        self.model = RegisterTableModel(
            services, actor, register_key, page_size=page_size, count_in_background=True, parent=self
        )
        self.model.total_changed.connect(self._show_total)
        self.model.fetch_failed.connect(self._fetch_failed)

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        names = "、".join(f.label for f in self.register.search_fields[:3])
        self.search_box.setPlaceholderText(tr("RegisterView", "搜索{0}…").format(names))
        self.search_box.setToolTip(tr("RegisterView", "输入一个或几个字即可查找（Ctrl+F）；多个词用空格分开"))
        self.search_box.setMinimumWidth(300)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_query)

        self.filter_bar = FilterBar(self.register, self._completions, self)
        self.filter_bar.changed.connect(self.apply_query)

        self.table = QTableView(self)
        self.table.setObjectName("register_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Fixed row heights: the view never measures rows, so it never fetches pages to do it.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for i, f in enumerate(self.model.columns):
            header.resizeSection(i, f.list_width)
        desc = self.register.default_sort[1]
        header.setSortIndicator(
            self.model.sort_column(), Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder
        )
        # Until the user has arranged the columns, narrow ones widen to show their values (文号, 登记号).
        self._columns_fitted = self._restore_header()
        self.model.total_changed.connect(self._fit_columns)
        self.table.doubleClicked.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.busy_label = QLabel(self)
        self.busy_label.setStyleSheet("color: #555;")
        self.tasks.busy_changed.connect(self._busy)

        self._build_actions()
        from ui.widgets.record_files import RowDrop

        self.row_drop = RowDrop(self)  # files dropped onto a row go to that record
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.action_new,
            self.action_scan,
            self.action_edit,
            self.action_void,
            self.action_files,
        ):
            if action is not None:
                toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.action_print)
        button = toolbar.widgetForAction(self.action_print)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for action in (self.action_print_book, self.action_export, self.action_import):
            toolbar.addAction(action)
        if self.action_scan is not None:  # a scan dropped on 从扫描件登记 is registered from
            self.scan_registration.accept_drops_on(toolbar.widgetForAction(self.action_scan))
        import_button = toolbar.widgetForAction(self.action_import)
        if isinstance(import_button, QToolButton):  # click: an Excel book; the arrow: a folder of scans
            import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        book_button = toolbar.widgetForAction(self.action_print_book)
        if isinstance(book_button, QToolButton):  # click: register order; the arrow: the screen's order
            book_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

        top = QHBoxLayout()
        top.addWidget(toolbar)
        top.addStretch(1)
        top.addWidget(self.search_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.busy_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.model.set_query(filters=self.filter_bar.filters(), reload=False)
        self.table.setSortingEnabled(True)  # sorts (= the first query) with the header's indicator
        if self.model.loads == 0:
            self.apply_query()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        header.sectionResized.connect(lambda *_: self._save_header_later())
        header.sectionMoved.connect(lambda *_: self._save_header_later())
        header.sortIndicatorChanged.connect(lambda *_: self._save_header_later())
        self._update_actions()

    # --- actions -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def make(name: str, text: str, slot: Callable[[], None], shortcut: Any = None) -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            return action

        title = self.register.record_label
        self.action_new = make(
            "action_new", tr("RegisterView", "新建"), self.new_record, QKeySequence.StandardKey.New
        )
        self.action_new.setToolTip(tr("RegisterView", "登记一条新的{0}").format(title))
        self.action_scan: QAction | None = None
        self.scan_registration: Any = None
        scans = getattr(self.services, "scans", None)
        if scans is not None and scans.supports(self.register.key) and self.can_write:
            from ui.widgets.scan_register import ScanRegistration

            self.scan_registration = ScanRegistration(self, self.scanned_record_saved)
            self.action_scan = make(
                "action_scan", tr("RegisterView", "从扫描件登记"), self.scan_registration.choose
            )
            self.action_scan.setToolTip(
                tr(
                    "RegisterView", "扫描或选择公文首页（PDF 或图像），自动识别后填入新{0}，核对后保存"
                ).format(title)
            )
        self.action_edit = make("action_edit", tr("RegisterView", "修改"), self.edit_selected)
        self.action_void = make("action_void", tr("RegisterView", "作废"), self.void_selected)
        self.action_files = make("action_files", tr("RegisterView", "文件…"), self.show_files)
        self.action_files.setToolTip(tr("RegisterView", "这条{0}的扫描件、正文、附件等文件").format(title))
        self.action_print = make("action_print", tr("RegisterView", "打印"), self._print_first_form)
        self.print_menu = QMenu(self)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        self.action_print.setMenu(self.print_menu)
        self.action_print_book = make("action_print_book", tr("RegisterView", "打印登记簿"), self.print_book)
        self.action_print_book.setToolTip(tr("RegisterView", "按登记顺序（编号从小到大）打印当前列表"))
        self.book_menu = QMenu(self)
        self.book_menu.addAction(tr("RegisterView", "按登记顺序打印"), self.print_book)
        self.book_menu.addAction(
            tr("RegisterView", "按当前列表的排序打印"), lambda: self.print_book(screen_order=True)
        )
        self.action_print_book.setMenu(self.book_menu)
        self.action_export = make("action_export", tr("RegisterView", "导出 Excel"), self.export)
        self.action_import = make("action_import", tr("RegisterView", "导入"), self.import_file)
        self.import_menu = QMenu(self)
        self.import_menu.addAction(tr("RegisterView", "导入 Excel/WPS 登记簿…"), self.import_file)
        self.import_menu.addAction(tr("RegisterView", "按编号导入扫描件文件夹…"), self.import_folder)
        self.action_import.setMenu(self.import_menu)
        self.action_refresh = make(
            "action_refresh", tr("RegisterView", "刷新"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        self.action_find = make(
            "action_find", tr("RegisterView", "查找"), self.focus_search, QKeySequence.StandardKey.Find
        )

    def _update_actions(self) -> None:
        records = self.selected_records()
        one = records[0] if len(records) == 1 else None
        idle = not self.tasks.busy
        self.action_new.setEnabled(self.can_write)
        self.action_edit.setEnabled(self.can_write and one is not None and not one.voided)
        self.action_void.setEnabled(self.can_write and one is not None and not one.voided)
        self.action_files.setEnabled(one is not None)
        self.action_print.setEnabled(
            one is not None and bool(self.services.forms(self.register.key)) and self.printing is not None
        )
        self.action_print_book.setEnabled(idle and self.printing is not None)
        self.action_export.setEnabled(idle and self.importer is not None)
        self.action_import.setEnabled(idle and self.can_write and self.importer is not None)
        if not self.can_write:
            tip = tr("RegisterView", "您没有登记{0}的权限").format(self.register.title)
            for action in (self.action_new, self.action_edit, self.action_void, self.action_import):
                action.setToolTip(tip)

    @property
    def printing(self) -> Any:
        return getattr(self.services, "printing", None)

    @property
    def importer(self) -> Any:
        return getattr(self.services, "importer", None)

    # --- query ---------------------------------------------------------------------------------
    def apply_query(self) -> None:
        """Run the current search text and filters (the debounce timer lands here)."""
        self._search_timer.stop()
        keep = self.current_record_id()
        try:
            self.model.set_query(search=self.search_box.text(), filters=self.filter_bar.filters())
        except AppError as e:
            messages.app_error(self, e)
            return
        self._reselect(keep)
        self._update_actions()

    def refresh(self, record_id: int | None = None) -> None:
        """After a change: only that record's page when it is on screen, else the whole query."""
        if record_id is not None and self.model.refresh_record(record_id):
            self._update_actions()
            return
        keep = record_id if record_id is not None else self.current_record_id()
        try:
            self.model.reload()
        except AppError as e:
            messages.app_error(self, e)
            return
        self._reselect(keep)
        self._update_actions()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _show_total(self, total: int) -> None:
        if self.model.counting:
            self.count_label.setText(tr("RegisterView", "正在统计…"))
        elif self.model.capped:
            self.count_label.setText(
                tr("RegisterView", "超过 {0} 条，仅列出最近登记的 {0} 条，请缩小搜索范围").format(total)
            )
        else:
            self.count_label.setText(tr("RegisterView", "共 {0} 条").format(total))

    def _completions(self, name: str) -> list[str]:
        try:
            return [
                str(v) for v in self.services.registers.distinct_values(self.actor, self.register.key, name)
            ]
        except AppError:
            return []

    def _fetch_failed(self, error: Exception) -> None:
        # data() may fail while painting: show one message, later, outside the paint.
        if not self._error_pending:
            self._error_pending = True
            QTimer.singleShot(0, lambda: self._show_fetch_error(error))

    def _show_fetch_error(self, error: Exception) -> None:
        messages.app_error(self, error)
        self._error_pending = False

    # --- selection -----------------------------------------------------------------------------
    def selected_records(self) -> list[Record]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = sorted({i.row() for i in model.selectedRows()})
        return [r for r in (self.model.record_at(row) for row in rows) if r is not None]

    def current_record_id(self) -> int | None:
        records = self.selected_records()
        return records[0].id if records else None

    def select_record(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def reveal_record(self, record_id: int) -> bool:
        """Select a record opened from elsewhere (the home tab) even when it is not among the loaded rows:
        the search is narrowed to its number (or title) and the filters cleared, then it is selected."""
        if self.select_record(record_id):
            return True
        try:
            record = self.services.registers.get(self.actor, self.register.key, record_id)
        except AppError as e:
            messages.app_error(self, e)
            return False
        self.search_box.blockSignals(True)
        self.search_box.setText(str(record["number"] or record["title"] or ""))
        self.search_box.blockSignals(False)
        self.filter_bar.clear()  # runs the query
        if record.voided:
            self.filter_bar.show_voided.setChecked(True)
        if self.select_record(record_id):
            return True

        # Rows may arrive later (a background count): select it when they do.
        def retry(_total: int) -> None:
            self.model.total_changed.disconnect(retry)
            self.select_record(record_id)

        self.model.total_changed.connect(retry)
        return False

    def reveal_and_open(self, record_id: int) -> None:
        """From the home tab: the record selected in its register and its details opened (the area's own
        dialog, as a double-click on its row does); a record the user may not read only says why."""
        try:
            self.services.registers.get(self.actor, self.register.key, record_id)
        except AppError as e:
            messages.app_error(self, e)
            return
        self.reveal_record(record_id)
        self.open_record(record_id)

    def _reselect(self, record_id: int | None) -> None:
        if record_id is not None:
            self.select_record(record_id)

    def _activated(self, index: Any) -> None:
        record_id = self.model.data(index, RecordIdRole)
        if record_id is None:
            return
        self.record_activated.emit(record_id)
        self.open_record(record_id)

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for action in (
            self.action_edit,
            self.action_void,
            self.action_files,
            self.action_print,
            self.action_refresh,
        ):
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- header layout -------------------------------------------------------------------------
    def _header_key(self) -> str:
        return f"register/{self.register.key}"

    def _restore_header(self) -> bool:
        from ui.widgets.header_state import restore_header

        return restore_header(self._header_key(), self.table.horizontalHeader())

    def _fit_columns(self, total: int) -> None:
        """Once, on the first rows: widen each column to its header and its values in those rows, up to
        FIT_MAX pixels (a long 标题 keeps its declared width and shows the rest in the tooltip)."""
        if self._columns_fitted or total <= 0:
            return
        self._columns_fitted = True
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        rows = min(FIT_ROWS, self.model.rowCount())
        for col, f in enumerate(self.model.columns):
            label = str(self.model.headerData(col, Qt.Orientation.Horizontal) or f.label)
            wanted = metrics.horizontalAdvance(label) + 28  # room for the sort arrow
            for row in range(rows):
                text = self.model.data(self.model.index(row, col), Qt.ItemDataRole.DisplayRole)
                if text:
                    wanted = max(wanted, metrics.horizontalAdvance(str(text)) + 12)
            current = header.sectionSize(col)
            if wanted > current:
                header.resizeSection(col, min(wanted, max(current, FIT_MAX)))

    def _save_header_later(self) -> None:
        if not hasattr(self, "_header_timer"):
            self._header_timer = QTimer(self)
            self._header_timer.setSingleShot(True)
            self._header_timer.setInterval(500)
            self._header_timer.timeout.connect(self._save_header)
        self._header_timer.start()

    def _save_header(self) -> None:
        from ui.widgets.header_state import save_header

        save_header(self._header_key(), self.table.horizontalHeader())

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(tr("RegisterView", "正在处理，请稍候…") if busy else "")
        self._update_actions()
