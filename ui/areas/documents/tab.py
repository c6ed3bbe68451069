"""DocumentsTab: sub-tabs 收文 and 发文, each the shared register view plus a row of workflow buttons
(拟办, 批示, 承办, 传阅, 催办, 办结, 退文, 归档 / 核稿, 会签, 签发, 复核, 印发, 分发, 归档) and a detail dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.areas.documents.registers import Retention, UrgeMethod
from ui import messages
from ui.areas.documents.dialogs import DetailDialog, IncomingFormDialog, OutgoingFormDialog, StepDialog
from ui.areas.documents.dialogs import StepField as SF
from ui.i18n import tr
from ui.widgets.register_view import RegisterView

RETENTION = tuple((r.value, r.label) for r in Retention)
URGE = tuple((m.value, m.label) for m in UrgeMethod)
REMARK = (("circle", "圈阅"), ("instruction", "批示"))

# button label → (dialog fields, call(docs service, actor, record id, values))
Step = tuple[str, tuple[SF, ...], Callable[[Any, Any, int, dict], Any]]
INCOMING_STEPS: tuple[Step, ...] = (
    (
        "拟办",
        (
            SF("text", "拟办意见", "text"),
            SF("lead_unit", "主办单位"),
            SF("due_on", "办理期限（可不填）", "optional_date"),
        ),
        lambda d, a, i, v: d.incoming.propose(a, i, v["text"], lead_unit=v["lead_unit"], due_on=v["due_on"]),
    ),
    (
        "批示",
        (SF("leader", "批示领导"), SF("text", "批示内容", "text"), SF("given_on", "批示日期", "date")),
        lambda d, a, i, v: d.incoming.instruct(a, i, v["text"], leader=v["leader"], given_on=v["given_on"]),
    ),
    (
        "承办",
        (
            SF("lead_unit", "主办单位"),
            SF("assist_units", "协办单位"),
            SF("due_on", "办理期限（可不填）", "optional_date"),
        ),
        lambda d, a, i, v: d.incoming.assign(
            a, i, v["lead_unit"], assist_units=v["assist_units"], due_on=v["due_on"]
        ),
    ),
    (
        "传阅",
        (SF("readers", "传阅人（按顺序，顿号分隔）"),),
        lambda d, a, i, v: d.incoming.circulate(a, i, v["readers"]),
    ),
    (
        "送阅",
        (SF("reader", "阅件人"),),
        lambda d, a, i, v: d.incoming.send_copy(a, i, _first_copy(d, a, i, idle=True), v["reader"]),
    ),
    (
        "收回",
        (
            SF("reader", "阅件人（多份在阅时必填）"),
            SF("kind", "阅批方式", "choice", REMARK),
            SF("remark", "批示内容", "text"),
        ),
        lambda d, a, i, v: d.incoming.take_back(
            a, i, _copy_out_with(d, a, i, v["reader"]), v["kind"], v["remark"]
        ),
    ),
    (
        "催办",
        (
            SF("method", "催办方式", "choice", URGE),
            SF("target", "被催办单位"),
            SF("note", "催办情况", "text"),
        ),
        lambda d, a, i, v: d.incoming.urge(a, i, v["method"], target=v["target"], note=v["note"]),
    ),
    (
        "办结",
        (SF("result", "办理结果", "text"), SF("done_on", "办结日期", "date")),
        lambda d, a, i, v: d.incoming.finish(a, i, v["result"], done_on=v["done_on"]),
    ),
    (
        "退文",
        (SF("reason", "退文理由", "text"),),
        lambda d, a, i, v: d.incoming.return_to_sender(a, i, v["reason"]),
    ),
    (
        "归档",
        (SF("retention", "保管期限", "choice", RETENTION), SF("fonds", "全宗号（已设置可不填）")),
        lambda d, a, i, v: d.archive.archive(a, "incoming", i, v["retention"], fonds=v["fonds"])[0],
    ),
)
OUTGOING_STEPS: tuple[Step, ...] = (
    (
        "核稿",
        (SF("checker", "核稿人"), SF("opinion", "核稿意见", "text")),
        lambda d, a, i, v: d.outgoing.check(a, i, v["checker"], v["opinion"]),
    ),
    ("会签", (SF("text", "会签单位及签字人"),), lambda d, a, i, v: d.outgoing.countersign(a, i, v["text"])),
    (
        "签发",
        (
            SF("signer", "签发人"),
            SF("opinion", "签发意见", "text", default="同意"),
            SF("signed_on", "签发日期", "date"),
        ),
        lambda d, a, i, v: d.outgoing.approve(
            a, i, signer=v["signer"], opinion=v["opinion"], signed_on=v["signed_on"]
        ),
    ),
    (
        "复核",
        (SF("reviewer", "复核人"), SF("opinion", "复核意见", "text")),
        lambda d, a, i, v: d.outgoing.review(a, i, v["reviewer"], v["opinion"]),
    ),
    (
        "印发",
        (
            SF("print_copies", "印制份数"),
            SF("copy_from", "份号起号（涉密必填）"),
            SF("issued_on", "印发日期", "date"),
        ),
        lambda d, a, i, v: d.outgoing.issue(
            a, i, print_copies=v["print_copies"], copy_from=v["copy_from"], issued_on=v["issued_on"]
        ),
    ),
    ("分发", (SF("text", "分发情况", "text"),), lambda d, a, i, v: d.outgoing.distribute(a, i, v["text"])),
    (
        "归档",
        (SF("retention", "保管期限", "choice", RETENTION), SF("fonds", "全宗号（已设置可不填）")),
        lambda d, a, i, v: d.archive.archive(a, "outgoing", i, v["retention"], fonds=v["fonds"])[0],
    ),
)


def _first_copy(docs: Any, actor: Any, record_id: int, *, idle: bool) -> int:
    """The copy to hand out (one in the office) or to take back (one out with a reader)."""
    from app.domain.errors import Conflict

    for c in docs.copies.copies(actor, "incoming", record_id):
        out = bool(c.steps and c.steps[-1].is_open)
        if not c.returned_at and not c.destruction_id and out != idle:
            return c.id
    raise Conflict("没有可以送阅的文件份（请先“传阅”）" if idle else "没有在阅的文件份")


def _copy_out_with(docs: Any, actor: Any, record_id: int, reader: str) -> int:
    """The copy to take back: the one out with ``reader``; with no reader named, the only one out."""
    from app.domain.errors import Conflict, ValidationFailed

    out = [
        c
        for c in docs.copies.copies(actor, "incoming", record_id)
        if not c.returned_at and not c.destruction_id and c.steps and c.steps[-1].is_open
    ]
    if not out:
        raise Conflict("没有在阅的文件份")
    reader = (reader or "").strip()
    if reader:
        chosen = [c for c in out if c.steps[-1].reader == reader]
        if not chosen:
            names = "、".join(c.steps[-1].reader for c in out)
            raise ValidationFailed({"reader": f"{reader}处没有在阅的文件份；在阅：{names}"})
        return chosen[0].id
    if len(out) > 1:
        names = "、".join(f"第{c.copy_no}份在{c.steps[-1].reader}处" for c in out)
        raise ValidationFailed({"reader": f"有{len(out)}份在阅（{names}），请填写从谁处收回"})
    return out[0].id


class DocumentsPage(QWidget):
    """One register (收文 or 发文): the shared view and this register's workflow buttons."""

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        steps: tuple[Step, ...],
        form_class: type,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register_key = services, actor, register
        self.view = RegisterView(services, actor, register, self)
        self.view.form_class = form_class
        self.view.record_opener = self.show_detail
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for label, fields, call in steps:
            b = QPushButton(tr("Documents", label), self)
            b.setObjectName(f"step_{label}")
            b.clicked.connect(lambda _=False, lb=label, fs=fields, c=call: self.run_step(lb, fs, c))
            b.setEnabled(self.view.can_write or (label in ("批示", "签发") and actor.has_role(*_leader())))
            self.buttons[label] = b
            row.addWidget(b)
        detail = QPushButton(tr("Documents", "详情与办理经过"), self)
        detail.setObjectName("detail")
        detail.clicked.connect(lambda: self.show_detail(self.view.current_record_id()))
        row.addWidget(detail)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

    def run_step(
        self,
        label: str,
        fields: tuple[SF, ...],
        call: Callable[[Any, Any, int, dict], Any],
        values: dict | None = None,
    ) -> Any:
        """Ask for the step's fields (unless given, as tests do) and run it; errors shown in Chinese."""
        record_id = self.view.current_record_id()
        if record_id is None:
            messages.info(self, tr("Documents", label), tr("Documents", "请先选中一份文件"))
            return None
        if values is None:
            fields = self._with_defaults(label, fields, record_id)
            values = StepDialog.ask(self, tr("Documents", label), fields)
            if values is None:
                return None
        try:
            result = call(self.services.service("documents"), self.actor, record_id, values)
        except Exception as e:  # noqa: BLE001 — typed errors become Chinese messages
            messages.app_error(self, e)
            return None
        self.view.refresh(record_id)
        self.view.changed.emit()
        return result

    def _with_defaults(self, label: str, fields: tuple[SF, ...], record_id: int) -> tuple[SF, ...]:
        """办理期限 prefilled from the record: its deadline, or for a 办件 today + the configured working
        days (承办 makes it a 办件); a 阅件 starts empty. The clerk may clear it."""
        if label not in ("拟办", "承办") or self.register_key != "incoming":
            return fields
        from dataclasses import replace

        try:
            due = self.services.service("documents").incoming.default_due(
                self.actor, record_id, acting=label == "承办"
            )
        except Exception:  # noqa: BLE001 — a suggestion only; the step reports real errors itself
            due = None
        text = f"{due:%Y-%m-%d}" if due else ""
        return tuple(replace(f, default=text) if f.name == "due_on" else f for f in fields)

    def show_detail(self, record_id: int | None) -> None:
        if record_id is None:
            return
        try:
            dialog = DetailDialog(
                self.services,
                self.actor,
                self.register_key,
                record_id,
                self,
                on_edit=self.view.edit_record if self.view.can_write else None,
            )
            self.last_detail = dialog
            dialog.exec()
        except Exception as e:  # noqa: BLE001
            messages.app_error(self, e)
            return
        if dialog.edit_wanted:
            self.view.edit_record(record_id)


def _leader() -> tuple:
    from app.domain.enums import Role

    return (Role.LEADER,)


class DocumentsTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents_tab")
        self.pages: dict[str, DocumentsPage] = {}
        for key, steps, form in (
            ("incoming", INCOMING_STEPS, IncomingFormDialog),
            ("outgoing", OUTGOING_STEPS, OutgoingFormDialog),
        ):
            reg = services.catalog.get(key)
            if actor.has_role(*reg.read_roles):
                self.pages[key] = DocumentsPage(services, actor, key, steps, form, self)
                self.addTab(self.pages[key], reg.title)

    def current_view(self) -> Any:
        page = self.currentWidget()
        return page.view if isinstance(page, DocumentsPage) else None

    def open_record(self, register: str, record_id: int) -> None:
        page = self.pages.get(register)
        if page is not None:
            self.setCurrentWidget(page)
            page.view.reveal_record(record_id)

    show_record = open_record
