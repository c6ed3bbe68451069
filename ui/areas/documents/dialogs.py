"""收发文 dialogs: registration forms that go through the workflow services, one small step dialog for
拟办/批示/承办/传阅/催办/办结/退文/归档/核稿/签发…, and the detail dialog with the whole history.
Each dialog's ``values()`` returns plain data; tests fill the widgets without exec()."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.i18n import tr
from ui.widgets.form_dialog import FormDialog
from ui.widgets.screen import resize_to_fit


class IncomingFormDialog(FormDialog):
    """收文 registration: saved through 签收+登记 so state, history and the duplicate warning apply."""

    def save(self, raw: Mapping[str, Any]) -> Any:
        docs = self.services.service("documents").incoming
        result = (
            docs.receive(self.actor, raw)
            if self.record is None
            else docs.register(self.actor, self.record.id, raw)
        )
        for w in result.warnings:
            messages.warn(self, tr("Documents", "请核对"), w)
        return result.record


class OutgoingFormDialog(FormDialog):
    """发文稿纸: new drafts through 拟稿; edits through update_draft (refused once signed)."""

    def save(self, raw: Mapping[str, Any]) -> Any:
        docs = self.services.service("documents").outgoing
        result = (
            docs.draft(self.actor, raw)
            if self.record is None
            else docs.update_draft(self.actor, self.record.id, raw)
        )
        return result.record


@dataclass(frozen=True)
class StepField:
    name: str
    label: str
    kind: str = "line"  # line | text | date | optional_date (may stay empty) | choice
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""


class StepDialog(QDialog):
    """A small form for one workflow step; ``values()`` maps field names to typed-in text/dates."""

    def __init__(self, title: str, fields: Sequence[StepField], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in fields:
            if f.kind == "text":
                w: QWidget = QPlainTextEdit(self)
                w.setPlainText(f.default)
                w.setMinimumHeight(90)
            elif f.kind == "date":
                w = QDateEdit(QDate.currentDate(), self)
                w.setCalendarPopup(True)
                w.setDisplayFormat("yyyy-MM-dd")
            elif f.kind == "optional_date":
                from ui.widgets.editors import DateLineEdit

                w = DateLineEdit(parent=self)
                w.setText(f.default)
            elif f.kind == "choice":
                w = QComboBox(self)
                for value, label in f.choices:
                    w.addItem(tr("Documents", label), value)
            else:
                w = QLineEdit(f.default, self)
            w.setObjectName(f.name)
            self.widgets[f.name] = w
            form.addRow(tr("Documents", f.label), w)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.widgets.items():
            if isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText().strip()
            elif isinstance(w, QDateEdit):
                d = w.date()
                out[name] = f"{d.year():04d}-{d.month():02d}-{d.day():02d}"
            elif isinstance(w, QComboBox):
                out[name] = w.currentData()
            elif hasattr(w, "line"):  # DateLineEdit: the typed text, parsed (and checked) by the service
                out[name] = w.text().strip()
            elif isinstance(w, QLineEdit):
                out[name] = w.text().strip()
        return out

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, fields: Sequence[StepField]) -> dict[str, Any] | None:
        dlg = cls(title, fields, parent)
        return dlg.values() if dlg.exec() == QDialog.DialogCode.Accepted else None


class DetailDialog(QDialog):
    """The whole record: its particulars, the 批示 and 催办 of a 收文, and every step with who and when."""

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        record_id: int,
        parent: QWidget | None = None,
        on_edit: Any = None,
    ) -> None:
        super().__init__(parent)
        self.edit_wanted = False
        docs = services.service("documents")
        flow = docs.incoming if register == "incoming" else docs.outgoing
        reg = services.catalog.get(register)
        rec = services.registers.get(actor, register, record_id)
        self.setWindowTitle(
            tr("Documents", "{0} {1}").format(reg.record_label, rec["number"] or rec["draft_no"] or "")
        )
        resize_to_fit(self, 820, 640)
        layout = QVBoxLayout(self)
        shown = [f for f in reg.all_fields if rec[f.name] not in (None, "")]
        from app.kit.registers.values import display

        summary = QLabel(
            "<br>".join(f"<b>{f.label}</b>：{_esc(display(f, rec[f.name]))}" for f in shown), self
        )
        summary.setWordWrap(True)
        summary.setObjectName("summary")
        layout.addWidget(summary)
        if rec.voided:
            layout.addWidget(QLabel(tr("Documents", "已作废：{0}").format(rec["void_reason"]), self))
        if register == "incoming":
            rows = [(i.leader, f"{i.given_on:%Y-%m-%d}", i.text) for i in flow.instructions(actor, record_id)]
            layout.addWidget(QLabel(tr("Documents", "领导批示"), self))
            table = _table(("领导", "日期", "批示"), rows, "instructions", self)
            # A few 批示 at most: no empty table taking the room of the history below.
            table.setMaximumHeight(
                table.horizontalHeader().sizeHint().height()
                + table.verticalHeader().defaultSectionSize() * min(max(len(rows), 1), 4)
                + 6
            )
            layout.addWidget(table)
        self.history = flow.history(actor, record_id)
        rows = [
            (
                h.label,
                f"{h.at:%Y-%m-%d %H:%M}" if h.at else "",
                h.actor_name,
                "；".join(
                    f"{_detail_label(reg, k)}：{_detail_value(reg, k, v)}"
                    for k, v in h.detail.items()
                    if v not in (None, "", [])
                ),
            )
            for h in self.history
        ]
        layout.addWidget(QLabel(tr("Documents", "办理经过"), self))
        layout.addWidget(_table(("步骤", "时间", "办理人", "内容"), rows, "history", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Documents", "关闭"))
        buttons.rejected.connect(self.reject)
        self.edit_button = None
        if on_edit is not None and not rec.voided:
            # 修改 closes the details and opens the edit form of the same record (the caller does that)
            self.edit_button = buttons.addButton(
                tr("Documents", "修改"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.edit_button.setObjectName("edit")
            self.edit_button.clicked.connect(lambda: (setattr(self, "edit_wanted", True), self.accept()))
        layout.addWidget(buttons)


DETAIL_LABELS = {
    "text": "内容",
    "leader": "领导",
    "given_on": "日期",
    "reason": "理由",
    "opinion": "意见",
    "method": "方式",
    "person": "催办人",
    "target": "被催办单位",
    "changes": "修改项",
    "kind": "阅批",
    "remark": "批示",
    "reader": "阅件人",
    "copy_no": "份号",
    "date": "日期",
}


def _detail_label(reg: Any, key: str) -> str:
    if key in DETAIL_LABELS:
        return tr("Documents", DETAIL_LABELS[key])
    try:
        return reg.field(key).label
    except KeyError:
        return key


def _detail_value(reg: Any, key: str, value: Any) -> str:
    """A history value as read: the changed fields of a 修改 by their labels, not their names."""
    if key == "changes" and isinstance(value, (list, tuple)):
        return "、".join(_detail_label(reg, str(name)) for name in value)
    return str(value)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], name: str, parent: QWidget) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers), parent)
    t.setObjectName(name)
    t.setHorizontalHeaderLabels([tr("Documents", h) for h in headers])
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setWordWrap(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(str(text))
            item.setToolTip(str(text))  # long 批示 and 内容 stay readable
            t.setItem(r, c, item)
    # Dates and names at their full width; the text column takes the rest.
    t.resizeColumnsToContents()
    for c in range(len(headers) - 1):
        t.setColumnWidth(c, max(t.columnWidth(c), 72))
    return t
