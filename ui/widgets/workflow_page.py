"""The page of any workflow register: the shared register view, the generic step bar of its declared
workflow, and a detail dialog (every filled field, 领导批示, 催办 and the history). Areas add their own
sections through ``extra`` (e.g. a submission's adoptions) instead of writing a page of their own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.kit.registers.base import Record, Register
from ui import messages
from ui.i18n import tr
from ui.widgets.register_view import RegisterView
from ui.widgets.screen import resize_to_fit
from ui.widgets.step_bar import StepBar, history_table, table

# (title, headers, rows) of a section an area adds to the detail dialog
Extra = Callable[[Any, Any, int], Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]]]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


Section = tuple[str, Sequence[str], Sequence[Sequence[str]]]  # (title, headers, rows)


class RecordDetailDialog(QDialog):
    """The whole record: its filled fields, 领导批示, 催办, the area's ``extra`` sections and every step with
    who and when. Areas that show a record differently override the hooks (``title_for``,
    ``summary_lines``, ``sections``, ``add_buttons``) instead of copying the dialog."""

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        record_id: int,
        extra: Extra | None = None,
        parent: QWidget | None = None,
        *,
        editable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register_key, self.record_id = services, actor, register, record_id
        self.extra = extra
        self.editable = editable
        self.edit_wanted = False
        reg = services.catalog.get(register)
        rec = services.registers.get(actor, register, record_id)
        self.setWindowTitle(self.title_for(reg, rec))
        resize_to_fit(self, 820, 640)
        layout = QVBoxLayout(self)
        lines = self.summary_lines(reg, rec)
        summary = QLabel("<br>".join(f"<b>{_esc(label)}</b>：{_esc(text)}" for label, text in lines), self)
        summary.setWordWrap(True)
        summary.setObjectName("summary")
        layout.addWidget(summary)
        if rec.voided:
            layout.addWidget(QLabel(tr("RecordDetail", "已作废：{0}").format(rec["void_reason"]), self))
        for title, headers, rows, name in self._named(self.sections(reg, rec)):
            layout.addWidget(QLabel(tr("RecordDetail", title), self))
            t = table(headers, rows, name, self)
            # a few rows at most: no empty table taking the room of the history below
            t.setMaximumHeight(
                t.horizontalHeader().sizeHint().height()
                + t.verticalHeader().defaultSectionSize() * min(max(len(rows), 1), 4)
                + 6
            )
            layout.addWidget(t)
        from ui.widgets.record_files import FilesPanel

        self.files_panel = FilesPanel(services, actor, register, record_id, self)
        layout.addWidget(self.files_panel)
        self.history = services.workflow.history(actor, register, record_id)
        layout.addWidget(QLabel(tr("RecordDetail", "办理经过"), self))
        layout.addWidget(history_table(self.history, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("RecordDetail", "关闭"))
        buttons.rejected.connect(self.reject)
        self.edit_button: QPushButton | None = None
        self.add_buttons(buttons, rec)
        layout.addWidget(buttons)

    # --- the hooks -------------------------------------------------------------------------------------
    def title_for(self, reg: Register, rec: Record) -> str:
        return f"{reg.record_label} · {reg.title} · {rec['number'] or ''}"

    def summary_lines(self, reg: Register, rec: Record) -> list[tuple[str, str]]:
        """(label, text) of every filled field, in the declaration's order, then the imported history: who
        brought it in from which file and row, what the book lacked, 份号待补, and the office's own columns
        kept with the record (原表其他列)."""
        from app.kit.import_service import imported_lines
        from app.kit.registers.values import display

        shown = [(f.label, display(f, rec[f.name])) for f in reg.all_fields if rec[f.name] not in (None, "")]
        return shown + imported_lines(rec)

    def sections(self, reg: Register, rec: Record) -> list[Section]:
        """The tables between the fields and the history: 领导批示 and 催办 when there are any, then the
        area's own (``extra``)."""
        out: list[Section] = []
        instructions = self.services.workflow.instructions(self.actor, reg.key, rec.id)
        if instructions:
            out.append(self.instruction_section(instructions))
        urges = self.services.workflow.urges(self.actor, reg.key, rec.id)
        if urges:
            out.append(
                (
                    "催办",
                    ("方式", "日期", "催办人", "被催办单位", "情况"),
                    [(u.method_label, f"{u.urged_on:%Y-%m-%d}", u.person, u.target, u.note) for u in urges],
                )
            )
        if self.extra is not None:
            out.extend(self.extra(self.services, self.actor, rec.id))
        return out

    @staticmethod
    def instruction_section(instructions: Sequence[Any]) -> Section:
        return (
            "领导批示",
            ("领导", "日期", "批示"),
            [(i.leader, f"{i.given_on:%Y-%m-%d}", i.text) for i in instructions],
        )

    def add_buttons(self, buttons: QDialogButtonBox, rec: Record) -> None:
        """Buttons beside 关闭: 修改 when the dialog is ``editable`` (users who may write)."""
        if self.editable and not rec.voided:
            # 修改 closes the details; the page then opens the edit form of the same record
            self.edit_button = buttons.addButton(
                tr("RecordDetail", "修改"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.edit_button.setObjectName("edit")
            self.edit_button.clicked.connect(self._edit)

    def _edit(self) -> None:
        self.edit_wanted = True
        self.accept()

    # the table's object name (tests and the screen reader find it by it); the title unless a subclass says
    section_names: dict[str, str] = {}

    def _named(
        self, sections: Sequence[Section]
    ) -> list[tuple[str, Sequence[str], Sequence[Sequence[str]], str]]:
        return [(t, h, r, self.section_names.get(t, t)) for t, h, r in sections]


def show_record_detail(
    owner: QWidget,
    view: Any,
    services: Any,
    actor: Any,
    register: str,
    record_id: int | None,
    extra: Extra | None,
    dialog_class: type[RecordDetailDialog] = RecordDetailDialog,
) -> RecordDetailDialog | None:
    """The details of one record from a page: 修改 in them opens the edit form (users who may write)."""
    if record_id is None:
        return None
    editable = actor.has_role(*services.catalog.get(register).write_roles)
    try:
        dialog = dialog_class(services, actor, register, record_id, extra, owner, editable=editable)
    except AppError as e:
        messages.app_error(owner, e)
        return None
    dialog.exec()
    if dialog.edit_wanted:
        view.edit_record(record_id)
    return dialog


class WorkflowPage(QWidget):
    """One workflow register: the shared view, the generic step bar, 详情与办理经过. Areas pass their own form
    (``form_class``), override ``show_detail`` for a detail dialog of their own, or add widgets to ``row``
    (the bar's line); ``detail=False`` leaves out the detail button and keeps the view's own double-click."""

    def __init__(
        self,
        services: Any,
        actor: Any,
        register: str,
        extra: Extra | None = None,
        parent: QWidget | None = None,
        *,
        form_class: type | None = None,
        detail: bool = True,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.register_key, self.extra = services, actor, register, extra
        self.view = RegisterView(services, actor, register, self)
        if form_class is not None:
            self.view.form_class = form_class
        self.bar = StepBar(services, actor, register, self._selected, self)
        self.bar.stepped.connect(self._stepped)
        self.buttons: dict[str, QPushButton] = {b.text(): b for b in self.bar.buttons.values()}  # by label
        self.row = QHBoxLayout()
        self.row.addWidget(self.bar)
        if detail:
            self.view.record_opener = self.show_detail
            button = QPushButton(tr("RecordDetail", "详情与办理经过"), self)
            button.setObjectName("detail")
            button.clicked.connect(lambda: self.show_detail(self.view.current_record_id()))
            self.row.addWidget(button)
        self.row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.row)
        layout.addWidget(self.view, 1)
        self.view.table.selectionModel().selectionChanged.connect(lambda *_: self.bar.refresh())
        self.view.changed.connect(self.bar.refresh)

    def _selected(self) -> Any:
        records = self.view.selected_records()
        return records[0] if len(records) == 1 else None

    def _stepped(self, result: Any) -> None:
        self.view.refresh(result.record.id)
        self.view.changed.emit()

    def run_step(self, step: str, values: dict | None = None) -> Any:  # type: ignore[type-arg]
        key = self.services.workflow.catalog.get(self.register_key).step(step).key
        return self.bar.run(key, values)

    detail_class: type[RecordDetailDialog] = RecordDetailDialog  # an area's own subclass

    def show_detail(self, record_id: int | None) -> RecordDetailDialog | None:
        return show_record_detail(
            self,
            self.view,
            self.services,
            self.actor,
            self.register_key,
            record_id,
            self.extra,
            self.detail_class,
        )

    def open_record(self, register: str, record_id: int) -> None:
        self.view.reveal_and_open(record_id)
