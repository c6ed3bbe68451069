"""会议安排 tab: 签到 (with the meeting's printouts), the week/month calendar of meetings and rooms, and the
registers (会议, 参会人员, 会务筹备, 会议室, 参会人员名录) each a shared register view."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from app.areas.meetings.registers import MEETINGS, PARTICIPANTS, PEOPLE, ROOMS, TASKS
from ui.areas.meetings.calendar import CalendarPage
from ui.areas.meetings.signin import SignInPage
from ui.i18n import tr
from ui.widgets.register_view import RegisterView


class MeetingsTab(QTabWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetings_tab")
        self.views: dict[str, RegisterView] = {}
        self.meetings = RegisterView(services, actor, MEETINGS, self)
        self.views[MEETINGS] = self.meetings
        self.addTab(self.meetings, tr("Meetings", "会议"))
        self.signin = SignInPage(services, actor, self)
        self.addTab(self.signin, tr("Meetings", "签到与打印"))
        self.calendar = CalendarPage(services, actor, self)
        self.addTab(self.calendar, tr("Meetings", "日程"))
        for key in (PARTICIPANTS, TASKS, ROOMS, PEOPLE):
            view = RegisterView(services, actor, key, self)
            self.views[key] = view
            self.addTab(view, services.catalog.get(key).title)
            view.changed.connect(self.signin.refresh)
        self.meetings.changed.connect(self.signin.load_meetings)
        self.meetings.changed.connect(self.calendar.refresh)
        self.meetings.record_activated.connect(self._show_meeting)

    def _show_meeting(self, meeting_id: int) -> None:
        self.signin.show_meeting(meeting_id)

    def current_view(self) -> Any:
        page = self.currentWidget()
        return page if isinstance(page, RegisterView) else None

    def open_record(self, register: str, record_id: int) -> None:
        view = self.views.get(register)
        if view is not None:
            self.setCurrentWidget(view)
            view.reveal_record(record_id)


TAB = MeetingsTab
