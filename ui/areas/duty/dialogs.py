"""值班 dialogs: 编排值班表 (a preview of the period with each person's counts before it is saved), 申请调班 and
调班审批. Each has an ``ask`` classmethod returning plain data, testable without exec()."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.areas.duty.service import SERVICE as DUTY_SERVICE
from app.domain.errors import AppError, ValidationFailed
from app.domain.roster import DAY_KIND_LABELS
from ui import messages
from ui.i18n import tr

WEEK = "一二三四五六日"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class GenerateDialog(QDialog):
    def __init__(
        self,
        services: Any,
        actor: Any,
        start: date,
        end: date,
        leaders: list[str],
        staff: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.svc = services.service(DUTY_SERVICE)
        self.setWindowTitle(tr("Duty", "编排值班表"))
        self.start, self.end = QDateEdit(_qdate(start), self), QDateEdit(_qdate(end), self)
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.leaders = QLineEdit("、".join(leaders), self)
        self.staff = QLineEdit("、".join(staff), self)
        self.leaders.setPlaceholderText(tr("Duty", "按轮换顺序，用“、”分隔"))
        self.staff.setPlaceholderText(tr("Duty", "按轮换顺序，用“、”分隔"))
        self.per_shift = QSpinBox(self)
        self.per_shift.setRange(1, 5)
        self.night = QCheckBox(tr("Duty", "分白班、夜班"), self)
        self.replace = QCheckBox(tr("Duty", "替换这段时间已有的值班安排"), self)
        self.phone = QLineEdit(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Duty", "开始日期"), self.start)
        form.addRow(tr("Duty", "结束日期"), self.end)
        form.addRow(tr("Duty", "带班领导"), self.leaders)
        form.addRow(tr("Duty", "值班人员"), self.staff)
        form.addRow(tr("Duty", "每班人数"), self.per_shift)
        form.addRow(tr("Duty", "值班电话"), self.phone)
        form.addRow("", self.night)
        form.addRow("", self.replace)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setObjectName("roster_preview")
        preview_button = QPushButton(tr("Duty", "预览"), self)
        preview_button.clicked.connect(self.show_preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(preview_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.resize(640, 600)
        self.result_value: Any = None

    def _options(self) -> dict[str, Any]:
        from app.areas.duty.service import parse_people

        errors = {}
        try:
            leaders = parse_people(self.leaders.text())
        except ValueError as e:
            errors["leaders"], leaders = f"带班领导：{e}", []
        try:
            staff = parse_people(self.staff.text())
        except ValueError as e:
            errors["staff"], staff = f"值班人员：{e}", []
        if errors:
            raise ValidationFailed(errors)
        return {
            "leaders": leaders,
            "staff": staff,
            "staff_per_shift": self.per_shift.value(),
            "night_shifts": self.night.isChecked(),
            "replace": self.replace.isChecked(),
            "phone": self.phone.text().strip(),
        }

    def _run(self, save: bool) -> Any:
        self.error.clear()
        try:
            return self.svc.generate(
                self.actor, _pydate(self.start.date()), _pydate(self.end.date()), save=save, **self._options()
            )
        except ValidationFailed as e:
            labels = {
                "end": "结束日期",
                "leaders": "带班领导",
                "staff": "值班人员",
                "staff_per_shift": "每班人数",
            }
            self.error.setText("\n".join(f"{labels.get(k, k)}：{v}" for k, v in e.errors.items()))
        except AppError as e:
            self.error.setText(e.message)
        return None

    def show_preview(self) -> None:
        result = self._run(save=False)
        if result is None:
            return
        lines = [
            f"{sh.day:%m-%d} 星期{WEEK[sh.day.weekday()]} {DAY_KIND_LABELS.get(sh.day_kind, '')}"
            f"{'' if sh.slot == '全天' else ' ' + sh.slot}　带班：{sh.leader}　值班：{'、'.join(sh.staff)}"
            for sh in result.shifts
        ]
        lines += ["", tr("Duty", "—— 各人班次 ——"), *result.counts_text()]
        lines += [f"注意：{p}" for p in result.problems]
        self.preview.setPlainText("\n".join(lines))

    def save(self) -> None:
        result = self._run(save=True)
        if result is not None:
            self.result_value = result
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Any,
        actor: Any,
        start: date,
        end: date,
        leaders: list[str],
        staff: list[str],
    ) -> Any:
        dialog = cls(services, actor, start, end, leaders, staff, parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class SwapDialog(QDialog):
    """Two people exchange one shift each; the request waits for a leader's approval."""

    def __init__(self, services: Any, actor: Any, shifts: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setWindowTitle(tr("Duty", "申请调班"))
        self.options = [(sh, p) for sh in shifts for p in (sh.leader, *sh.staff) if p]
        self.first, self.second = QComboBox(self), QComboBox(self)
        for combo in (self.first, self.second):
            for sh, person in self.options:
                combo.addItem(f"{sh.day:%m-%d} 星期{WEEK[sh.day.weekday()]} {sh.slot}　{person}")
        if len(self.options) > 1:
            self.second.setCurrentIndex(1)
        self.reason = QLineEdit(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Duty", "调出"), self.first)
        form.addRow(tr("Duty", "换为"), self.second)
        form.addRow(tr("Duty", "事由"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Duty", "两人各换一班，经领导批准后生效。"), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_value: Any = None

    def submit(self) -> None:
        if not self.options:
            self.error.setText(tr("Duty", "本月尚未排班，无法调班"))
            return
        (a, pa), (b, pb) = self.options[self.first.currentIndex()], self.options[self.second.currentIndex()]
        try:
            self.result_value = self.services.service(DUTY_SERVICE).request_swap(
                self.actor, a.id, pa, b.id, pb, self.reason.text()
            )
        except ValidationFailed as e:
            self.error.setText("\n".join(e.errors.values()))
            return
        except AppError as e:
            self.error.setText(e.message)
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, actor: Any, shifts: list[Any]) -> Any:
        dialog = cls(services, actor, shifts, parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class SwapDecisionDialog(QDialog):
    """The leader's list of swaps waiting for approval: 批准 exchanges the two shifts at once."""

    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.setWindowTitle(tr("Duty", "调班审批"))
        self.list = QListWidget(self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(tr("Duty", "审批意见（可不填）"))
        approve = QPushButton(tr("Duty", "批准"), self)
        refuse = QPushButton(tr("Duty", "不批准"), self)
        close = QPushButton(tr("Duty", "关闭"), self)
        approve.clicked.connect(lambda: self.decide(True))
        refuse.clicked.connect(lambda: self.decide(False))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        for b in (approve, refuse, close):
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.resize(560, 360)
        self.decided: list[Any] = []
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for w in self.services.service(DUTY_SERVICE).swaps(self.actor):
            item = QListWidgetItem(
                f"{w.person_a}（{w.day_a:%m-%d}）⇄ {w.person_b}（{w.day_b:%m-%d}）　事由：{w.reason}"
            )
            item.setData(256, w.id)
            self.list.addItem(item)
        if self.list.count() == 0:
            self.list.addItem(tr("Duty", "没有待审批的调班申请"))

    def decide(self, approve: bool) -> None:
        item = self.list.currentItem()
        swap_id = item.data(256) if item is not None else None
        if swap_id is None:
            return
        try:
            self.decided.append(
                self.services.service(DUTY_SERVICE).decide_swap(
                    self.actor, swap_id, approve, self.note.text()
                )
            )
        except AppError as e:
            messages.app_error(self, e)
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Any, actor: Any) -> list[Any]:
        dialog = cls(services, actor, parent)
        dialog.exec()
        return dialog.decided
