"""来访接待 tab: 信访 (the register view, the step bar of its workflow, the clock strip: running / due soon /
overdue), 公务接待 (view + step bar) and the 来客登记 front desk (quick entry, who is in the building now,
sign-out, today's sheet) — one sub-tab per register the user may read."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.reception.service import SERVICE as RECEPTION_SERVICE
from app.domain.enums import Role
from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.areas.reception.earlier import PetitionStepDialog, open_case
from ui.areas.reception.reception_form import ReceptionFormDialog
from ui.areas.reception.stats import StatsPage
from ui.i18n import tr
from ui.widgets.form_dialog import FormDialog
from ui.widgets.register_view import RegisterView
from ui.widgets.workflow_page import WorkflowPage


class PetitionFormDialog(FormDialog):
    """The registration form: before a new case is saved, the petitioner's earlier cases are shown and the
    new one can be linked to the latest as 重复信访."""

    def save(self, raw: Any) -> Any:
        if self.record is not None:
            return super().save(raw)
        svc = self.services.service(RECEPTION_SERVICE)
        earlier = svc.earlier_cases(
            self.actor,
            id_number=str(raw.get("id_number") or ""),
            phone=str(raw.get("phone") or ""),
            name=str(raw.get("petitioner") or ""),
            address=str(raw.get("address") or ""),
        )
        raw = dict(raw)
        if earlier and not raw.get("repeat_of"):
            lines = "\n".join(
                f"{c.number}　{c.registered_on or ''}　{c.summary}（{c.state}；相同{c.matched_by}）"
                for c in earlier[:8]
            )
            text = tr(
                "Reception", "该信访人已有{n}件信访在册：\n{lines}\n\n是否作为{number}的重复信访登记？"
            ).format(n=len(earlier), lines=lines, number=earlier[0].number)
            if messages.confirm(self, tr("Reception", "重复信访"), text):
                raw["repeat_of"] = earlier[0].number
        return svc.register(self.actor, raw)


class ReceptionPage(WorkflowPage):
    """A register with the generic step bar (and, for 信访, the clock strip at the end of the bar's line)."""

    def __init__(self, services: Any, actor: Any, register: str, parent: QWidget | None = None) -> None:
        petitions = register == "petitions"
        form = PetitionFormDialog if petitions else ReceptionFormDialog if register == "receptions" else None
        super().__init__(services, actor, register, parent=parent, form_class=form, detail=petitions)
        if petitions:
            self.bar.dialogs.update(accept=PetitionStepDialog, reject=PetitionStepDialog)
        self.strip = QLabel(self)
        self.strip.setObjectName("clock_strip")
        self.row.addWidget(self.strip)
        self.view.changed.connect(self.refresh_strip)
        self.refresh_strip()

    def show_detail(self, record_id: int | None) -> None:
        if record_id is not None:
            open_case(self.services, self.actor, record_id, self)

    def refresh_strip(self) -> None:
        if self.register_key != "petitions":
            return
        try:
            n, soon, late = self.services.service(RECEPTION_SERVICE).clock_counts(self.actor)
        except AppError:
            return
        self.strip.setText(
            tr("Reception", "计时中 {n} 件　<span style='color:#b26a00'>即将到期 {s}</span>　"
               "<span style='color:#c0392b'>已超期 {o}</span>").format(n=n, s=soon, o=late)
        )  # fmt: skip


class FrontDesk(QWidget):
    """来客登记 at the front desk: one line to sign a visitor in, who is in now, sign-out, today's sheet."""

    FIELDS = (
        ("visitor", "姓名"),
        ("unit", "单位"),
        ("id_number", "身份证号"),
        ("purpose", "事由"),
        ("host", "被访人"),
    )

    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.svc = services.service(RECEPTION_SERVICE)
        self.edits: dict[str, QLineEdit] = {}
        self.errors = QLabel(self)
        self.errors.setObjectName("desk_errors")
        self.errors.setStyleSheet("color:#c0392b")
        self.errors.setWordWrap(True)
        entry = QHBoxLayout()
        for name, label in self.FIELDS:
            edit = QLineEdit(self)
            edit.setPlaceholderText(tr("Reception", label))
            edit.setObjectName(f"desk_{name}")
            edit.returnPressed.connect(self.sign_in)
            self.edits[name] = edit
            entry.addWidget(edit, 2 if name in ("purpose", "unit") else 1)
        self.in_button = QPushButton(tr("Reception", "登记进入"), self)
        self.in_button.clicked.connect(self.sign_in)
        entry.addWidget(self.in_button)
        self.out_button = QPushButton(tr("Reception", "登记离开"), self)
        self.out_button.clicked.connect(self.sign_out)
        self.print_button = QPushButton(tr("Reception", "打印今日登记表"), self)
        self.print_button.clicked.connect(self.print_today)
        self.inside_label = QLabel(self)
        self.inside_label.setObjectName("inside_now")
        self.view = RegisterView(services, actor, "visitors", self)
        tools = QHBoxLayout()
        tools.addWidget(self.inside_label, 1)
        tools.addWidget(self.out_button)
        tools.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.errors)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.errors.hide()
        self.refresh_inside()

    def sign_in(self) -> Any:
        raw = {n: e.text() for n, e in self.edits.items()}
        raw["came_at"] = datetime.now().replace(second=0, microsecond=0)
        try:
            rec = self.services.registers.create(self.actor, "visitors", raw)
        except ValidationFailed as e:
            labels = dict(self.FIELDS)
            self.errors.setText("；".join(f"{labels.get(k, k)}：{m}" for k, m in e.errors.items()))
            self.errors.show()
            return None
        except AppError as e:
            messages.app_error(self, e)
            return None
        self.errors.hide()
        for e in self.edits.values():
            e.clear()
        self.edits["visitor"].setFocus()
        self.view.refresh(rec.id)
        self.refresh_inside()
        return rec

    def sign_out(self) -> None:
        rid = self.view.current_record_id()
        if rid is None:
            messages.info(self, tr("Reception", "登记离开"), tr("Reception", "请先在列表中选中来客"))
            return
        try:
            self.svc.sign_out(self.actor, rid)
        except AppError as e:
            messages.app_error(self, e)
            return
        self.view.refresh(rid)
        self.refresh_inside()

    def refresh_inside(self) -> None:
        try:
            inside = self.svc.inside(self.actor)
        except AppError:
            return
        names = "、".join(f"{r['visitor']}（{r['came_at']:%H:%M}，访{r['host']}）" for r in inside[:12])
        self.inside_label.setText(
            tr("Reception", "楼内来客 {n} 人：").format(n=len(inside)) + (names or "无")
        )

    def print_today(self) -> None:
        from ui.widgets.print_preview import PrintPreviewDialog

        today = date.today()
        start = datetime(today.year, today.month, today.day)
        out = Path(tempfile.mkdtemp(prefix="visitors-")) / f"来客登记-{today:%Y-%m-%d}.pdf"
        try:
            path = self.services.printing.render_book(
                self.actor, "visitors", out,
                filters={"came_at": (start, start + timedelta(days=1) - timedelta(seconds=1))},
                sort=("came_at", False),
            )  # fmt: skip
        except AppError as e:
            messages.app_error(self, e)
            return
        self.preview = PrintPreviewDialog(
            Path(path), services=self.services, actor=self.actor, what=f"来客登记 {today}", parent=self
        )
        self.preview.open()


class ReceptionTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reception_tab")
        self.pages: dict[str, Any] = {}
        for key in ("petitions", "receptions", "visitors"):
            reg = services.catalog.get(key)
            if not actor.has_role(*reg.read_roles):
                continue
            page = (
                FrontDesk(services, actor, self)
                if key == "visitors"
                else ReceptionPage(services, actor, key, self)
            )
            self.pages[key] = page
            self.addTab(page, reg.title)
        if actor.has_role(Role.PETITIONS, Role.RECEPTION, Role.LEADER):
            self.stats = StatsPage(services, actor, self)
            self.addTab(self.stats, tr("Reception", "统计"))
            for key in ("petitions", "receptions"):
                if key in self.pages:
                    self.pages[key].view.changed.connect(self.stats.refresh)

    def current_view(self) -> Any:
        page = self.currentWidget()
        return getattr(page, "view", None)

    def open_record(self, register: str, record_id: int) -> None:
        page = self.pages.get(register)
        if page is not None:
            self.setCurrentWidget(page)
            page.view.reveal_and_open(record_id)


TAB = ReceptionTab
