"""What a 会务 clerk does to a meeting's list from the 签到 page, without typing the meeting's 编号 into the
参会人员 register: add people from the 参会人员名录 (several at once, as 出席/列席/工作人员, on the 主席台 or
not), mark one person 请假 (with the reason) / 缺席 / 待到, record a 回执 (已回, 代会 with who, 不参加) and
催报 everyone whose 回执 is missing. Each goes through the area's service (one transaction, audited)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.areas.meetings.registers import PEOPLE, AttendRole
from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.i18n import tr

PERSON_ID = Qt.ItemDataRole.UserRole
COLUMNS = ("姓名", "单位", "职务", "排序")


class AddFromDirectory(QDialog):
    """Tick people of the directory (those already on the list are left out) and add them in one go."""

    def __init__(self, services: Any, actor: Any, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.meeting_id = services, actor, meeting_id
        self.svc = services.service("meetings")
        self.setWindowTitle(tr("Meetings", "从名录添加参会人员"))
        listed = {p.name for p in self.svc.participants(actor, meeting_id)}
        records = services.registers.page(actor, PEOPLE, limit=5000, with_total=False).records
        self.people = [r for r in records if r["name"] not in listed]
        self.search = QLineEdit(self)
        self.search.setObjectName("directory_search")
        self.search.setPlaceholderText(tr("Meetings", "按姓名、单位或职务筛选"))
        self.search.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.people), len(COLUMNS), self)
        self.table.setObjectName("directory_table")
        self.table.setHorizontalHeaderLabels([tr("Meetings", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, r in enumerate(self.people):
            for col, value in enumerate((r["name"], r["unit"], r["title"], r["rank"])):
                item = QTableWidgetItem("" if value is None else str(value))
                if col == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    item.setData(PERSON_ID, r.id)
                self.table.setItem(row, col, item)
        # a click anywhere on a row ticks it: the box alone is a small target
        self.table.cellClicked.connect(self._toggle)
        self.role = QComboBox(self)
        self.role.setObjectName("directory_role")
        for r in AttendRole:
            self.role.addItem(r.label, r.value)
        self.rostrum = QCheckBox(tr("Meetings", "安排在主席台"), self)
        self.error = QLabel(self)
        self.error.setObjectName("directory_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c00000;")
        options = QHBoxLayout()
        options.addWidget(QLabel(tr("Meetings", "身份："), self))
        options.addWidget(self.role)
        options.addWidget(self.rostrum)
        options.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Meetings", "添加"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Meetings", "取消"))
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.search)
        if not self.people:
            box.addWidget(
                QLabel(tr("Meetings", "名录中的人员都已在本会议名单中（可在“参会人员名录”中增加）"), self)
            )
        box.addWidget(self.table, 1)
        box.addLayout(options)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.resize(720, 520)

    def _toggle(self, row: int, column: int) -> None:
        if column == 0:
            return  # the box itself toggled already
        item = self.table.item(row, 0)
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        text = text.strip()
        for row in range(self.table.rowCount()):
            cells = " ".join(self.table.item(row, c).text() for c in range(3))
            self.table.setRowHidden(row, bool(text) and text not in cells)

    def chosen(self) -> list[int]:
        return [
            int(self.table.item(row, 0).data(PERSON_ID))
            for row in range(self.table.rowCount())
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def add(self) -> None:
        ids = self.chosen()
        if not ids:
            self.error.setText(tr("Meetings", "请勾选要添加的人员"))
            return
        try:
            self.added = self.svc.add_from_directory(
                self.actor, self.meeting_id, ids, self.role.currentData(), self.rostrum.isChecked()
            )
        except ValidationFailed as e:  # nothing was added: say why here and let the clerk change the choice
            self.error.setText("；".join(e.errors.values()))
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        # added all the same (being in two meetings may be meant: one leaves early), but said at once
        names = {p.name for p in self.added}
        clashes = [o for o in self.svc.overlaps(self.actor, self.meeting_id) if o.name in names]
        if clashes:
            messages.warn(self, tr("Meetings", "时间冲突"), clash_text(clashes))
        self.accept()


def clash_text(clashes: list[Any]) -> str:
    lines = [f"{o.name}：同一时间另有“{o.other_name}”（{o.other_number}）" for o in clashes[:12]]
    more = tr("Meetings", "\n……共{0}人").format(len(clashes)) if len(clashes) > 12 else ""
    return tr("Meetings", "已添加。请注意以下人员同一时间另有会议：\n") + "\n".join(lines) + more


def person_menu(page: Any, participant_id: int, name: str) -> QMenu:
    """Right-click on a row of the 签到 list: attendance and 回执 for that person."""
    svc = page.svc

    def run(call: Any) -> None:
        try:
            call()
        except AppError as e:
            messages.app_error(page, e)
            return
        page.refresh()

    def leave() -> None:
        reason = messages.ask_text(page, tr("Meetings", "请假"), tr("Meetings", "{0}请假事由：").format(name))
        if reason is not None:
            run(lambda: svc.mark(page.actor, participant_id, "请假", reason))

    def substitute() -> None:
        who = messages.ask_text(
            page, tr("Meetings", "代会"), tr("Meetings", "代{0}参会的人员：").format(name)
        )
        if who is not None:
            run(lambda: svc.reply(page.actor, participant_id, "代会", who))

    menu = QMenu(page)
    menu.addAction(tr("Meetings", "请假…"), leave)
    menu.addAction(tr("Meetings", "缺席"), lambda: run(lambda: svc.mark(page.actor, participant_id, "缺席")))
    menu.addAction(
        tr("Meetings", "改回待到"), lambda: run(lambda: svc.mark(page.actor, participant_id, "待到"))
    )
    menu.addSeparator()
    menu.addAction(
        tr("Meetings", "回执：参加"), lambda: run(lambda: svc.reply(page.actor, participant_id, "已回"))
    )
    menu.addAction(tr("Meetings", "回执：代会…"), substitute)
    menu.addAction(
        tr("Meetings", "回执：不参加（请假）"),
        lambda: run(lambda: svc.reply(page.actor, participant_id, "不参加")),
    )
    return menu


def chase_text(people: list[Any]) -> str:
    """Who to ring for a missing 回执, with the phone number."""
    if not people:
        return tr("Meetings", "所有参会人员的回执都已收到。")
    lines = [f"{p.name}（{p.unit}）{p.phone}".rstrip() for p in people]
    return tr("Meetings", "以下{0}人尚未报送回执，已记为今天催报：\n").format(len(people)) + "\n".join(lines)
