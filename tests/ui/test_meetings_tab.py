"""会议安排 tab: the sign-in page picks the nearest meeting with a list, two characters or pinyin initials +
Enter mark the person arrived and the counts change at once, an unknown name is said in red without a
dialog; the calendar shows the week's meetings; the registers are there as tabs."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from ui.areas.meetings.tab import MeetingsTab


def _meeting(services, clerk, start):
    m = services.registers.create(
        clerk,
        "meetings",
        {"name": "全县经济工作会议", "kind": "大型会议", "starts_at": start, "room": "礼堂"},
    )
    for rank, name in enumerate(("周振荣", "吴建国", "郑海波"), start=1):
        services.registers.create(
            clerk,
            "meeting_participants",
            {"meeting_no": m["number"], "name": name, "rank": rank, "unit": "县委"},
        )
    return m


def test_sign_in_by_initials_updates_the_counts(qtbot, services, actors):
    clerk = actors["huiwu"]
    start = datetime.now().replace(second=0, microsecond=0) + timedelta(hours=1)
    services.registers.create(
        clerk, "meetings", {"name": "没有名单的会", "kind": "座谈会", "starts_at": start}
    )
    _meeting(services, clerk, start + timedelta(days=1))
    tab = MeetingsTab(services, clerk)
    qtbot.addWidget(tab)
    page = tab.signin
    assert "全县经济工作会议" in page.meeting.currentText()
    assert "应到 3　实到 0" in page.counts.text()
    qtbot.keyClicks(page.query, "zzr")
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert (
        "周振荣" in page.result.text() and "已签到" in page.result.text() and "迟到" not in page.result.text()
    )
    assert "实到 1" in page.counts.text() and "参会率 33.3%" in page.counts.text()
    assert page.table.item(0, 5).text() == "实到" and page.table.item(0, 6).text()
    assert page.query.text() == ""
    page.query.setText("张三")  # typed through the input method: no key events for Chinese
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert "名单中没有与“张三”相符的人员" in page.result.text()
    assert "实到 1" in page.counts.text()


def test_the_week_calendar_and_the_register_tabs(qtbot, services, actors):
    clerk = actors["huiwu"]
    _meeting(services, clerk, datetime.now().replace(hour=9, minute=0, second=0, microsecond=0))
    tab = MeetingsTab(services, clerk)
    qtbot.addWidget(tab)
    grid = tab.calendar.grid
    texts = [grid.item(0, c).text() for c in range(7) if grid.item(0, c) is not None]
    # no end time given: taken to last two hours
    assert any("09:00—11:00 全县经济工作会议（礼堂）" in t for t in texts)
    titles = [tab.tabText(i) for i in range(tab.count())]
    assert titles == ["会议", "签到与打印", "日程", "参会人员", "会务筹备", "会议室", "参会人员名录"]
    tab.calendar.mode.setCurrentIndex(1)
    assert "月" in tab.calendar.title.text() and tab.calendar.grid.rowCount() >= 4


def test_the_meeting_form_takes_the_next_notice_number_and_says_when_one_is_wrong(qtbot, services, actors):
    from datetime import date

    from app.services.settings import set_value
    from ui.areas.meetings.meeting_form import MeetingForm

    with services.db.write() as s:
        set_value(s, "meetings.notice_prefixes", "县委办、县委办发电")
    clerk = actors["huiwu"]
    form = MeetingForm(services, clerk, "meetings")
    qtbot.addWidget(form)
    assert [form.prefix_box.itemText(i) for i in range(form.prefix_box.count())] == ["县委办", "县委办发电"]
    form.prefix_box.setCurrentIndex(1)
    form.take_button.click()
    assert form.editors["notice_no"].raw() == f"县委办发电〔{date.today().year}〕1号"
    form.editors["notice_no"].set_value("第12号")
    form.editors["name"].set_value("全县经济工作会议")
    form.accept_form()
    error = form.error_labels["notice_no"]
    assert error.isVisibleTo(form) and "无法识别的文号" in error.text()
    assert services.registers.page(clerk, "meetings", limit=5).records == ()
    form.prefix_box.setEditText("县委办2")  # a typed 代字 is checked too
    form.take_button.click()
    assert "不能有数字" in error.text()


def test_a_rooms_use_is_chosen_from_the_room_register_and_a_day_opens_its_meeting(
    qtbot, services, actors, monkeypatch
):  # type: ignore[no-untyped-def]
    from ui.widgets.workflow_page import RecordDetailDialog

    opened: list[RecordDetailDialog] = []
    monkeypatch.setattr(RecordDetailDialog, "exec", lambda self: opened.append(self) or 0)  # and closes it
    clerk = actors["huiwu"]
    services.registers.create(clerk, "meeting_rooms", {"name": "县委大礼堂", "capacity": 300})
    nine = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    m = services.registers.create(
        clerk,
        "meetings",
        {
            "name": "全县干部大会",
            "kind": "大型会议",
            "starts_at": nine,
            "ends_at": nine + timedelta(hours=3),
            "room": "县委大礼堂",
        },
    )
    tab = MeetingsTab(services, clerk)
    qtbot.addWidget(tab)
    cal = tab.calendar
    rooms = [cal.room.itemText(i) for i in range(cal.room.count())]
    assert rooms == ["全部会场", "县委大礼堂"]  # the register's rooms, not only those meetings typed
    services.registers.create(clerk, "meeting_rooms", {"name": "县委第一会议室", "capacity": 40})
    tab.views["meeting_rooms"].changed.emit()  # a room added later is offered at once
    assert cal.room.findText("县委第一会议室") > 0
    cal.room.setCurrentIndex(cal.room.findText("县委大礼堂"))
    assert "县委大礼堂使用安排（共1场）" in cal.title.text()
    col = nine.weekday()
    assert "09:00—12:00 全县干部大会" in cal.grid.item(0, col).text()
    cal.room.setCurrentIndex(cal.room.findText("县委第一会议室"))
    assert "（无会议）" in cal.title.text() and "全县干部大会" not in cal.grid.item(0, col).text()
    cal.room.setCurrentIndex(0)
    cal.grid.cellDoubleClicked.emit(0, col)
    assert tab.currentWidget() is tab.pages["meetings"]
    assert tab.meetings.current_record_id() == m.id
    assert len(opened) == 1 and opened[0].record_id == m.id  # the meeting's details


def test_the_list_is_made_and_kept_from_the_sign_in_page(qtbot, services, actors, monkeypatch):
    from PySide6.QtCore import Qt as _Qt

    from ui import messages
    from ui.areas.meetings import people_actions
    from ui.areas.meetings.people_actions import AddFromDirectory

    clerk = actors["huiwu"]
    m = _meeting(services, clerk, datetime.now().replace(second=0, microsecond=0) + timedelta(hours=2))
    for rank, (name, unit) in enumerate(
        (("周振荣", "县委"), ("钱多多", "县财政局"), ("孙小红", "县教育局")), 1
    ):
        services.registers.create(clerk, "meeting_people", {"name": name, "unit": unit, "rank": 10 + rank})
    dialog = AddFromDirectory(services, clerk, m.id)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["钱多多", "孙小红"]  # 周振荣 is on the list already
    dialog.add()
    assert "请勾选" in dialog.error.text()
    dialog.search.setText("财政")
    assert dialog.table.isRowHidden(1) and not dialog.table.isRowHidden(0)
    dialog.table.cellClicked.emit(0, 1)  # a click on the row ticks it
    assert dialog.table.item(0, 0).checkState() == _Qt.CheckState.Checked
    dialog.role.setCurrentIndex(dialog.role.findText("列席"))
    dialog.add()
    people = {p.name: p for p in services.service("meetings").participants(clerk, m.id)}
    assert people["钱多多"].role == "列席" and people["钱多多"].unit == "县财政局" and "孙小红" not in people

    tab = MeetingsTab(services, clerk)
    qtbot.addWidget(tab)
    page = tab.signin
    page.show_meeting(m.id)
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "吴建国")
    pid = int(page.table.item(row, 0).data(_Qt.ItemDataRole.UserRole))
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "出差")
    menu = people_actions.person_menu(page, pid, "吴建国")
    next(a for a in menu.actions() if a.text() == "请假…").trigger()
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "吴建国")
    assert page.table.item(row, 5).text() == "请假" and page.table.item(row, 8).text() == "出差"
    menu = people_actions.person_menu(page, pid, "吴建国")
    next(a for a in menu.actions() if a.text() == "回执：参加").trigger()
    assert "请假 1" in page.counts.text()
    shown = []
    monkeypatch.setattr(messages, "info", lambda _p, _t, text: shown.append(text))
    page.chase()
    assert "尚未报送回执" in shown[0] and "周振荣" in shown[0] and "吴建国" not in shown[0]


def test_the_meetings_details_name_who_is_in_another_meeting_at_the_same_time(qtbot, services, actors):
    from ui.areas.meetings.tab import _decisions

    clerk = actors["huiwu"]
    start = datetime(2026, 3, 5, 9, 0)
    m = _meeting(services, clerk, start)
    assert _decisions(services, clerk, m.id) == []
    other = services.registers.create(
        clerk,
        "meetings",
        {"name": "专题调度会", "kind": "专题会议", "starts_at": start + timedelta(minutes=30)},
    )
    services.registers.create(
        clerk, "meeting_participants", {"meeting_no": other["number"], "name": "吴建国"}
    )
    ((title, headers, rows),) = _decisions(services, clerk, m.id)
    assert title.startswith("时间冲突") and headers[1] == "另一会议"
    assert [tuple(r) for r in rows] == [("吴建国", "专题调度会", other["number"], "2026-03-05 09:30")]


def test_adding_someone_expected_elsewhere_at_that_time_says_so(qtbot, services, actors, monkeypatch):
    from ui import messages
    from ui.areas.meetings.people_actions import AddFromDirectory

    clerk = actors["huiwu"]
    start = datetime(2026, 3, 5, 9, 0)
    _meeting(services, clerk, start)  # 周振荣 is on its list
    other = services.registers.create(
        clerk,
        "meetings",
        {"name": "专题调度会", "kind": "专题会议", "starts_at": start + timedelta(minutes=30)},
    )
    services.registers.create(clerk, "meeting_people", {"name": "周振荣", "unit": "县委", "rank": 1})
    warned = []
    monkeypatch.setattr(messages, "warn", lambda _p, title, text: warned.append(text))
    dialog = AddFromDirectory(services, clerk, other.id)
    qtbot.addWidget(dialog)
    dialog.table.cellClicked.emit(0, 1)
    dialog.add()
    assert [p.name for p in services.service("meetings").participants(clerk, other.id)] == ["周振荣"]
    assert len(warned) == 1 and "周振荣：同一时间另有“全县经济工作会议”" in warned[0]
