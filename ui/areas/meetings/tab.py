"""会议安排 tab: 签到 (with the meeting's printouts), the week/month calendar of meetings and rooms, and the
registers (会议, 参会人员, 会务筹备, 会议室, 参会人员名录) each a shared register view."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QTabWidget, QWidget

from app.areas.meetings.registers import MEETINGS, PARTICIPANTS, PEOPLE, ROOMS, TASKS
from ui.areas.meetings.calendar import CalendarPage
from ui.areas.meetings.meeting_form import MeetingForm
from ui.areas.meetings.signin import SignInPage
from ui.i18n import tr
from ui.widgets.register_view import RegisterView
from ui.widgets.supervise import can_supervise, supervise_decisions
from ui.widgets.workflow_page import WorkflowPage


def _decisions(services: Any, actor: Any, meeting_id: int) -> list[Any]:
    """The meeting's details: its 议定事项, each 待督办 or the 督办 item it became, and who of its list is
    in another meeting at the same time (the clash warning, where the clerk opens the meeting)."""
    svc = services.service("meetings")
    rows = [(str(d.number), d.text, d.state) for d in svc.decisions(actor, meeting_id)]
    sections = [("议定事项", ("序号", "议定事项", "督办"), rows)] if rows else []
    clashes = [
        (o.name, o.other_name, o.other_number, f"{o.other_start:%Y-%m-%d %H:%M}" if o.other_start else "")
        for o in svc.overlaps(actor, meeting_id)
    ]
    if clashes:
        sections.append(("时间冲突：同一时间另有会议", ("姓名", "另一会议", "编号", "开始时间"), clashes))
    return sections


class MeetingsTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetings_tab")
        self.services, self.actor = services, actor
        self.views: dict[str, RegisterView] = {}
        self.pages: dict[str, QWidget] = {}
        # 会议 and 会务筹备 carry a workflow (开会/散会; 开始办理/完成/催办): the kit's page with its step bar
        self.meeting_page = WorkflowPage(
            services, actor, MEETINGS, _decisions, parent=self, form_class=MeetingForm
        )
        if can_supervise(services, actor):  # 议定事项 → 督办 in one action (the 督查 staff)
            button = QPushButton(tr("Meetings", "议定事项立项督办"), self.meeting_page)
            button.setObjectName("supervise_decisions")
            button.clicked.connect(self._supervise)
            self.meeting_page.row.insertWidget(self.meeting_page.row.count() - 1, button)
        self.meetings = self.meeting_page.view
        self.views[MEETINGS], self.pages[MEETINGS] = self.meetings, self.meeting_page
        self.addTab(self.meeting_page, tr("Meetings", "会议"))
        self.signin = SignInPage(services, actor, self)
        self.addTab(self.signin, tr("Meetings", "签到与打印"))
        self.calendar = CalendarPage(services, actor, self)
        self.addTab(self.calendar, tr("Meetings", "日程"))
        for key in (PARTICIPANTS, TASKS, ROOMS, PEOPLE):
            page: QWidget
            if key == TASKS:
                page = WorkflowPage(services, actor, key, parent=self)
                view = page.view
            else:
                view = RegisterView(services, actor, key, self)
                page = view
            self.views[key], self.pages[key] = view, page
            self.addTab(page, services.catalog.get(key).title)
            view.changed.connect(self.signin.refresh)
        self.meetings.changed.connect(self.signin.load_meetings)
        self.meetings.changed.connect(self.calendar.refresh)
        self.views[ROOMS].changed.connect(self.calendar.load_rooms)
        self.calendar.meeting_chosen.connect(lambda mid: self.open_record(MEETINGS, mid))
        self.meetings.record_activated.connect(self._show_meeting)

    def _supervise(self) -> None:
        meeting_id = self.meetings.current_record_id()
        if meeting_id is not None and supervise_decisions(self, self.services, self.actor, meeting_id):
            self.meetings.refresh(meeting_id)

    def _show_meeting(self, meeting_id: int) -> None:
        self.signin.show_meeting(meeting_id)

    def current_view(self) -> Any:
        page = self.currentWidget()
        for key, p in self.pages.items():
            if p is page:
                return self.views[key]
        return None

    def open_record(self, register: str, record_id: int) -> None:
        view = self.views.get(register)
        if view is not None:
            self.setCurrentWidget(self.pages[register])
            view.reveal_and_open(record_id)


TAB = MeetingsTab
