"""The home tab (工作台): unacknowledged 特提/特急 telegrams on top, then what is overdue, due soon and to follow
up across the user's areas (grouped, counted, red first), and beside it today's duty, this week's meetings and
the year's key figures. Every line opens its record; the tab refreshes when a record changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services.actor import Actor
from app.services.container import Services
from app.services.workbench import Attention, WorkItem, chinese_date
from app.services.workbench_figures import YearFigures
from ui import messages
from ui.home_panels import DutyPanel, FiguresPanel, MeetingsPanel, chinese_when
from ui.i18n import tr
from ui.widgets.workers import TaskRunner

AUTO_REFRESH_MS = 3 * 60 * 1000  # another PC's changes: this process only hears its own writes
CHANGE_DELAY_MS = 300  # several writes of one action (record, copies, audit) give one refresh
COLUMNS = ("类别", "编号", "标题", "说明", "业务", "期限")
GROUP_STYLE = {
    "alert": ("#c0392b", "#fdecea"),
    "overdue": ("#c0392b", "#fdecea"),
    "due_soon": ("#9a6200", "#fff4dc"),
    "todo": ("#34495e", "#eef2f5"),
}
SUPERVISION_COLOURS = {"red": "#c0392b", "yellow": "#b7950b", "blue": "#2471a3"}
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class _ChangeBridge(QObject):
    """Carries the change feed's calls (any thread) to the GUI thread as a queued signal."""

    changed = Signal()


class HomeTab(QWidget):
    record_requested = Signal(str, str, int)  # area key, register key, record id
    refreshed = Signal()  # the lists were (re)loaded: tests and the bench wait on it
    figures_loaded = Signal()

    def __init__(
        self,
        services: Services,
        actor: Actor,
        parent: QWidget | None = None,
        refresh_ms: int = AUTO_REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.attention: Attention | None = None
        self.figures: YearFigures | None = None
        self.tasks = TaskRunner(self)
        self._stale = False
        self._again = False
        self.stopped = False

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.refresh_button = QPushButton(tr("HomeTab", "刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)

        self.alerts = self._tree()
        self.alerts.setObjectName("alerts")
        self.alerts.setMaximumHeight(120)
        self.alerts.itemSelectionChanged.connect(self._update_buttons)
        self.ack_button = QPushButton(tr("HomeTab", "确认收到"))
        self.ack_button.setToolTip(tr("HomeTab", "确认已收到选中的紧急电报（记入审计日志，对所有人消失）"))
        self.ack_button.setEnabled(False)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.alerts_title = QLabel()
        self.alerts_title.setStyleSheet("color: #c0392b; font-weight: bold;")
        alert_bar = QHBoxLayout()
        alert_bar.addWidget(self.alerts_title, 1)
        alert_bar.addWidget(self.ack_button)
        self.alerts_box = QWidget()
        box = QVBoxLayout(self.alerts_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(alert_bar)
        box.addWidget(self.alerts)

        self.tree = self._tree()
        self.tree.setObjectName("attention")
        self.empty_label = QLabel(tr("HomeTab", "目前没有超期或即将到期的事项。"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666; padding: 24px;")
        self.empty_label.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.alerts_box)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.empty_label, 1)

        for tree in (self.tree, self.alerts):  # double-click or Enter
            tree.itemActivated.connect(lambda it, _col: self._open(it))

        self.duty = DutyPanel()
        self.duty.record_requested.connect(lambda reg, rid: self.record_requested.emit("duty", reg, rid))
        self.meetings = MeetingsPanel()
        self.meetings.record_requested.connect(
            lambda reg, rid: self.record_requested.emit("meetings", reg, rid)
        )
        self.figures_panel = FiguresPanel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        for panel in (self.duty, self.meetings, self.figures_panel):
            panel.hide()
            side_layout.addWidget(panel)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(380)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        # Posts that no area of this build serves: say so plainly, rather than an empty list and greyed buttons.
        self.unserved_label = QLabel(self)
        self.unserved_label.setObjectName("unserved")
        self.unserved_label.setWordWrap(True)
        self.unserved_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.unserved_label.setStyleSheet("font-size: 15px; padding: 48px;")
        layout.addWidget(self.unserved_label, 1)
        self.unserved_label.hide()
        posts = services.workbench.posts_without_area(actor)
        self.has_areas = posts is None
        if posts is not None:
            self.unserved_label.setText(
                tr(
                    "HomeTab",
                    "您的岗位：{posts}。\n本版本还没有这些岗位的业务模块，所以这里暂时没有可办理的事项。\n"
                    "这些模块将在后续版本中提供；如需办理收发文、电报等业务，请联系安全保密管理员授予相应岗位。",
                ).format(posts=posts)
            )
            self.unserved_label.show()
            self.splitter.hide()
            self.refresh_button.hide()
            return

        # Refresh when a record changes (any write of this process, debounced) and now and then for
        # other PCs' changes; a hidden tab only notes it and refreshes when shown again.
        self.bridge = _ChangeBridge(self)
        self.change_timer = QTimer(self)
        self.change_timer.setSingleShot(True)
        self.change_timer.setInterval(CHANGE_DELAY_MS)
        self.change_timer.timeout.connect(self._changed)
        self.bridge.changed.connect(self.change_timer.start, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = services.changes.subscribe(self.bridge.changed.emit)
        self.destroyed.connect(self._unsubscribe)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self._changed)  # a hidden (or locked) tab only notes it
        self.timer.start()
        self.refresh()

    @staticmethod
    def _tree() -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(len(COLUMNS))
        tree.setHeaderLabels([tr("HomeTab", c) for c in COLUMNS])
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(False)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = tree.header()
        header.setStretchLastSection(False)
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return tree

    # --- loading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the lists (and then the figures) off the GUI thread; a refresh asked for while one runs
        runs once more after it, so the last change is never missed."""
        if not self.has_areas or self.stopped:
            return
        if self.tasks.busy:
            self._again = True
            return
        self._stale = False
        actor, workbench = self.actor, self.services.workbench
        self.tasks.start(lambda: workbench.attention(actor), self._show_attention, self._failed)

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _failed(self, error: Exception) -> None:
        text = error.message if isinstance(error, AppError) else str(error)
        self.summary.setText(tr("HomeTab", "工作台无法读取：{e}").format(e=text))
        self._after_load()

    def _after_load(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def _show_attention(self, attention: Attention) -> None:
        self.attention = attention
        counts = {u: attention.count(u) for u in ("alert", "overdue", "due_soon", "todo")}
        parts = [
            f"<b>{chinese_date(attention.today)}</b>",
            tr("HomeTab", "<span style='color:#c0392b'>紧急电报 {n} 份</span>").format(n=counts["alert"])
            if counts["alert"]
            else "",
            tr("HomeTab", "<span style='color:#c0392b'>已超期 {n} 项</span>").format(n=counts["overdue"])
            if counts["overdue"]
            else tr("HomeTab", "已超期 0 项"),
            tr("HomeTab", "即将到期 {n} 项").format(n=counts["due_soon"]),
            tr("HomeTab", "待跟进 {n} 项").format(n=counts["todo"]),
        ]
        summary = "　".join(p for p in parts if p)
        if attention.problems:
            summary += "<br><span style='color:#c0392b'>" + "；".join(attention.problems) + "</span>"
        self.summary.setText(summary)
        self._fill_alerts(attention)
        self._fill_tree(attention)
        self.duty.setVisible(attention.duty is not None)
        if attention.duty is not None:
            self.duty.show_duty(attention.duty)
        self.meetings.setVisible(attention.meetings_today is not None)
        if attention.meetings_today is not None:
            self.meetings.show_meetings(
                attention.today, attention.meetings_today, attention.meetings_week or ()
            )
        self._update_buttons()
        self.refreshed.emit()
        if self.stopped:  # a slot of ``refreshed`` closed the window
            return
        actor, workbench = self.actor, self.services.workbench
        self.tasks.start(lambda: workbench.figures(actor), self._show_figures, self._figures_failed)

    def _show_figures(self, figures: YearFigures) -> None:
        self.figures = figures
        self.figures_panel.setVisible(bool(figures.figures))
        self.figures_panel.show_figures(figures)
        self.figures_loaded.emit()
        self._after_load()

    def _figures_failed(self, error: Exception) -> None:
        text = error.message if isinstance(error, AppError) else str(error)
        self.figures_panel.show()
        self.figures_panel.show_failure(tr("HomeTab", "本年数字无法统计：{e}").format(e=text))
        self._after_load()

    # --- the lists ----------------------------------------------------------------------------------
    def _row(self, item: WorkItem, today: date) -> QTreeWidgetItem:
        when = chinese_when(item.due, today)
        if item.urgency == "overdue" and item.due is not None and (today - item.due.date()).days > 0:
            when += tr("HomeTab", "（超{n}天）").format(n=(today - item.due.date()).days)
        values = (item.category, item.number, item.title, item.detail, item.area_title, when)
        row = QTreeWidgetItem([str(v) for v in values])
        row.setData(0, ITEM_ROLE, item)
        for col, text in enumerate(values):
            row.setToolTip(col, str(text))
        if item.colour in SUPERVISION_COLOURS:
            row.setForeground(0, QBrush(QColor(SUPERVISION_COLOURS[item.colour])))
        if item.urgency in ("overdue", "alert"):
            row.setForeground(5, QBrush(QColor("#c0392b")))
        if not item.opens_record:
            row.setToolTip(2, tr("HomeTab", "在{area}中按筛选条件查看").format(area=item.area_title))
        return row

    def _fill_alerts(self, attention: Attention) -> None:
        self.alerts.clear()
        for item in attention.alerts:
            self.alerts.addTopLevelItem(self._row(item, attention.today))
        self.alerts.setRootIsDecorated(False)
        self.alerts_title.setText(
            tr("HomeTab", "未确认的特提/特急电报 {n} 份：请阅后点“确认收到”").format(n=len(attention.alerts))
        )
        self.alerts_box.setVisible(bool(attention.alerts))
        # as tall as its rows (up to five), so the list below keeps the room
        rows = min(5, max(1, len(attention.alerts)))
        self.alerts.setFixedHeight(
            self.alerts.header().height() + rows * max(20, self.alerts.sizeHintForRow(0)) + 6
        )

    def _fill_tree(self, attention: Attention) -> None:
        # a group the clerk folded stays folded across refreshes
        expanded = {head.data(0, ITEM_ROLE): head.isExpanded() for head in self._groups()}
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        for group in attention.groups:
            if not group.items:
                continue
            fg, bg = GROUP_STYLE[group.urgency]
            head = QTreeWidgetItem([f"{group.heading}（{len(group.items)}）"])
            head.setData(0, ITEM_ROLE, group.urgency)
            head.setFirstColumnSpanned(True)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for col in range(len(COLUMNS)):
                head.setBackground(col, QBrush(QColor(bg)))
            head.setForeground(0, QBrush(QColor(fg)))
            head.setFont(0, bold)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for item in group.items:
                head.addChild(self._row(item, attention.today))
            head.setExpanded(expanded.get(group.urgency, True))
        has_items = any(g.items for g in attention.groups)
        self.tree.setVisible(has_items)
        self.empty_label.setVisible(not has_items)

    def item_rows(self) -> list[WorkItem]:
        """The attention list's items in the order shown (group by group)."""
        out: list[WorkItem] = []
        for head in self._groups():
            for j in range(head.childCount()):
                child = head.child(j)
                if child is not None:
                    out.append(child.data(0, ITEM_ROLE))
        return out

    def _groups(self) -> list[QTreeWidgetItem]:
        heads = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [h for h in heads if h is not None]

    def _open(self, tree_item: QTreeWidgetItem) -> None:
        item = tree_item.data(0, ITEM_ROLE)
        if isinstance(item, WorkItem):
            self.open_item(item)

    def open_item(self, item: WorkItem) -> None:
        if item.record_id is not None:
            self.record_requested.emit(item.area, item.register, item.record_id)

    def selected_alert(self) -> WorkItem | None:
        rows = self.alerts.selectedItems()
        item = rows[0].data(0, ITEM_ROLE) if rows else None
        return item if isinstance(item, WorkItem) and item.alert_id is not None else None

    def _update_buttons(self) -> None:
        self.ack_button.setEnabled(self.selected_alert() is not None)

    def acknowledge_selected(self) -> None:
        item = self.selected_alert()
        if item is None or item.alert_id is None:
            return
        try:
            self.services.alerts.acknowledge(self.actor, item.alert_id)
        except AppError as e:
            messages.app_error(self, e)
        self.refresh()

    def stop(self, wait_ms: int = 10000) -> bool:
        """The window closes (logout, close): no more timers, change calls or refreshes, and the refresh
        still reading is waited for (its result dropped), so nothing reads after the caller goes on to
        dispose of the window or the engine. True when no refresh is left running."""
        if self.stopped:
            return not self.tasks.busy
        self.stopped = True
        if self.has_areas:
            self.timer.stop()
            self.change_timer.stop()
            self._unsubscribe()
        return self.tasks.close(wait_ms)
