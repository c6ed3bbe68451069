"""会议安排: registering meetings, rooms and participants with Chinese messages for every conflict (room
booked twice, end before start, too few seats, a name twice), nothing half-saved; sign-in by two
characters or pinyin initials with 迟到; counts and 参会率; people in two meetings at once; overdue
preparation on the home tab; the year's figures by the office's type list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

T0 = datetime(2026, 3, 5, 9, 0)


def _room(services, actor, name="第一会议室", rows=2, per_row=5, rostrum="5", capacity=None):
    return services.registers.create(
        actor,
        "meeting_rooms",
        {"name": name, "rows": rows, "seats_per_row": per_row, "rostrum_rows": rostrum, "capacity": capacity},
    )


def _meeting(services, actor, name="县委常委会第3次会议", start=T0, hours=2, room="第一会议室", **kw):
    values = {
        "name": name,
        "kind": kw.pop("kind", "常委会"),
        "starts_at": start,
        "ends_at": start + timedelta(hours=hours) if hours else None,
        "room": room,
        **kw,
    }
    return services.registers.create(actor, "meetings", values)


def _person(services, actor, meeting, name, rank=None, unit="县委", **kw):
    values = {"meeting_no": meeting["number"], "name": name, "unit": unit, "rank": rank, **kw}
    return services.registers.create(actor, "meeting_participants", values)


@pytest.fixture
def clerk(actors):
    return actors["huiwu"]


@pytest.fixture
def meetings(services):
    return services.service("meetings")


def test_a_room_booked_twice_is_refused_naming_the_meeting_that_has_it(services, clerk):
    _room(services, clerk)
    first = _meeting(services, clerk)
    with pytest.raises(ValidationFailed) as e:
        _meeting(services, clerk, "防汛专题会议", start=T0 + timedelta(hours=1), kind="专题会议")
    assert "县委常委会第3次会议" in e.value.errors["room"] and first["number"] in e.value.errors["room"]
    # right after it, or in another room, is fine
    _meeting(services, clerk, "防汛专题会议", start=T0 + timedelta(hours=2), kind="专题会议")
    _room(services, clerk, "第二会议室")
    _meeting(services, clerk, "信访专题会议", start=T0, kind="专题会议", room="第二会议室")
    # moving a meeting onto a booked time is refused too
    with pytest.raises(ValidationFailed):
        services.registers.update(
            clerk, "meetings", first.id, {**first.values, "starts_at": T0 + timedelta(hours=2, minutes=30)}
        )


def test_end_before_start_and_an_unknown_type_are_explained(services, clerk):
    with pytest.raises(ValidationFailed) as e:
        _meeting(services, clerk, start=T0, hours=0, ends_at=T0 - timedelta(hours=1), room="")
    assert e.value.errors["ends_at"] == "结束时间应晚于开始时间"
    with pytest.raises(ValidationFailed) as e:
        _meeting(services, clerk, kind="茶话会", room="")
    assert "茶话会" in e.value.errors["kind"] and "常委会" in e.value.errors["kind"]


def test_more_people_than_seats_and_a_name_twice_are_refused(services, clerk):
    _room(services, clerk, rows=1, per_row=2, rostrum="2")
    m = _meeting(services, clerk)
    _person(services, clerk, m, "周振荣", 1, rostrum=True)
    _person(services, clerk, m, "吴建国", 2, rostrum=True)
    with pytest.raises(ValidationFailed) as e:
        _person(services, clerk, m, "郑海波", 3, rostrum=True)
    assert "主席台只有2个座位" in e.value.errors["rostrum"]
    with pytest.raises(ValidationFailed) as e:
        _person(services, clerk, m, "周振荣", 1, rostrum=True)
    assert "周振荣已在主席台的名单中" in e.value.errors["name"]
    _person(services, clerk, m, "甲", 10)
    _person(services, clerk, m, "乙", 11)
    with pytest.raises(ValidationFailed) as e:
        _person(services, clerk, m, "丙", 12)
    assert "台下只有2个座位" in e.value.errors["name"]
    _person(services, clerk, m, "丁", 13, role="工作人员")  # staff take no seat


def test_adding_from_the_directory_is_all_or_nothing(services, clerk, meetings):
    m = _meeting(services, clerk, room="")
    ids = [
        services.registers.create(clerk, "meeting_people", {"name": n, "unit": "县财政局", "rank": i}).id
        for i, n in enumerate(("张明", "李华"), start=1)
    ]
    _person(services, clerk, m, "李华", 5, unit="县财政局")
    with pytest.raises(ValidationFailed):
        meetings.add_from_directory(clerk, m.id, ids)
    assert [p.name for p in meetings.participants(clerk, m.id)] == ["李华"]  # 张明 not half-added


def test_sign_in_by_two_characters_or_initials_marks_arrival_and_lateness(services, clerk, meetings):
    m = _meeting(services, clerk, room="")
    for i, name in enumerate(("周振荣", "吴建国", "吴建军", "郑海波"), start=1):
        _person(services, clerk, m, name, i)
    r = meetings.sign_in(clerk, m.id, "振荣", now=T0 - timedelta(minutes=5))
    assert r.participant.name == "周振荣" and not r.late
    with pytest.raises(Conflict) as e:
        meetings.sign_in(clerk, m.id, "吴建")
    assert "吴建国" in str(e.value) and "吴建军" in str(e.value)
    late = meetings.sign_in(clerk, m.id, "wjg", now=T0 + timedelta(minutes=12))
    assert late.participant.name == "吴建国" and late.late
    with pytest.raises(Conflict, match="已于08:55签到"):
        meetings.sign_in(clerk, m.id, "zzr")
    with pytest.raises(NotFound):
        meetings.sign_in(clerk, m.id, "xyz")
    c = meetings.counts(clerk, m.id)
    assert (c.expected, c.present, c.late, c.waiting) == (4, 2, 1, 2)
    meetings.mark(clerk, meetings.participants(clerk, m.id)[3].id, "请假", "出差")
    c = meetings.counts(clerk, m.id)
    assert (c.present, c.leave, c.rate_text) == (2, 1, "50.0%")
    with pytest.raises(ValidationFailed):
        meetings.mark(clerk, meetings.participants(clerk, m.id)[2].id, "请假", "")


def test_someone_in_two_meetings_at_once_is_warned(services, clerk, meetings):
    a = _meeting(services, clerk, room="")
    b = _meeting(services, clerk, "防汛专题会议", start=T0 + timedelta(hours=1), kind="专题会议", room="")
    c = _meeting(services, clerk, "下午的会", start=T0 + timedelta(hours=5), kind="专题会议", room="")
    for m in (a, b, c):
        _person(services, clerk, m, "周振荣", 1)
    _person(services, clerk, a, "吴建国", 2)
    warned = meetings.overlaps(clerk, a.id)
    assert [(o.name, o.other_name) for o in warned] == [("周振荣", "防汛专题会议")]


def test_replies_substitutes_and_chasing(services, clerk, meetings):
    m = _meeting(services, clerk, room="")
    p1 = _person(services, clerk, m, "甲局长", 1, unit="县财政局")
    p2 = _person(services, clerk, m, "乙局长", 2, unit="县教育局")
    _person(services, clerk, m, "丙局长", 3, unit="县卫健局")
    meetings.reply(clerk, p1.id, "代会", "甲副局长")
    meetings.reply(clerk, p2.id, "不参加")
    assert [p.name for p in meetings.chase(clerk, m.id)] == ["丙局长"]
    people = {p.name: p for p in meetings.participants(clerk, m.id)}
    assert people["乙局长"].attendance == "请假"
    with pytest.raises(ValidationFailed):
        meetings.reply(clerk, p1.id, "代会", "")


def test_overdue_preparation_reaches_the_home_tab(services, clerk):
    m = _meeting(services, clerk, room="", start=datetime.now() + timedelta(days=3))
    for item, due, state in (("讲话稿", -2, "进行中"), ("会场布置", -1, "已完成"), ("桌签", 2, "待办")):
        services.registers.create(
            clerk,
            "meeting_tasks",
            {
                "meeting_no": m["number"],
                "kind": "讲话" if item == "讲话稿" else "会场布置",
                "item": item,
                "who": "刘敏",
                "due_on": date.today() + timedelta(days=due),
                "state": state,
            },
        )
    items = [i for i in services.dashboard(clerk) if i.area == "meetings"]
    # 讲话稿 is late, 桌签 is due in two days; 会场布置 is done
    assert [(i.kind, i.category, i.title) for i in items] == [
        ("overdue", "会务筹备", "讲话稿（县委常委会第3次会议）"),
        ("due_soon", "会务筹备", "桌签（县委常委会第3次会议）"),
    ]
    with pytest.raises(ValidationFailed) as e:
        services.registers.create(
            clerk, "meeting_tasks", {"meeting_no": "会〔2026〕99号", "kind": "音响", "item": "x", "who": "y"}
        )
    assert "没有编号为" in e.value.errors["meeting_no"]


def test_figures_of_the_year_count_large_meetings_by_the_type_list(services, clerk, meetings, actors):
    from app.services.settings import set_value

    with services.db.write() as s:
        set_value(s, "meetings.large_types", "大型会议、全委会")
    _meeting(services, clerk, "全县经济工作会议", kind="大型会议", room="", headcount=300)
    _meeting(services, clerk, "全委会", start=T0 + timedelta(days=40), kind="全委会", room="", headcount=80)
    m = _meeting(services, clerk, start=T0 + timedelta(days=60), room="")
    _person(services, clerk, m, "甲", 1, attendance="实到")
    _person(services, clerk, m, "乙", 2)
    gone = _meeting(services, clerk, "作废的", start=T0 + timedelta(days=61), kind="大型会议", room="")
    services.registers.void(clerk, "meetings", gone.id, "重复登记")
    _meeting(services, clerk, "去年的", start=datetime(2025, 12, 30, 9), kind="大型会议", room="")
    st = meetings.statistics(clerk, 2026)
    assert (st.total, st.large, st.participants) == (3, 2, 382)
    assert st.by_kind["常委会"] == 1 and st.by_month[3] == 1 and st.by_month[4] == 1 and st.by_month[5] == 1
    assert st.rate == 0.5
    with pytest.raises(PermissionDenied):
        meetings.statistics(actors["clerk"], 2026)


def test_preparation_items_and_the_meeting_move_by_their_steps(services, clerk, meetings):
    wf = services.workflow
    m = _meeting(services, clerk, room="", start=datetime.now() + timedelta(days=2))
    task = services.registers.create(
        clerk,
        "meeting_tasks",
        {"meeting_no": m["number"], "kind": "讲话", "item": "讲话稿", "who": "孙丽",
         "due_on": date.today() - timedelta(days=1)},
    )  # fmt: skip
    assert task["state"] == "待办" and any(i.area == "meetings" for i in services.dashboard(clerk))
    wf.run(clerk, "meeting_tasks", task.id, "urge", {"催办方式": "电话查办", "催办情况": "请今天交稿"})
    wf.run(clerk, "meeting_tasks", task.id, "finish", {"完成情况": "已定稿"})
    assert services.registers.get(clerk, "meeting_tasks", task.id)["state"] == "已完成"
    assert not any(i.area == "meetings" for i in services.dashboard(clerk))
    with pytest.raises(Exception):  # noqa: B017 - a finished item cannot be finished again
        wf.run(clerk, "meeting_tasks", task.id, "finish", {})
    steps = [h.step for h in wf.history(clerk, "meeting_tasks", task.id)]
    assert "urge" in steps and "finish" in steps
    # a meeting ends: whoever never signed in is 缺席, those on leave stay 请假
    for i, name in enumerate(("到会的", "没来的", "请假的"), start=1):
        _person(
            services, clerk, m, name, i, **({"attendance": "请假", "leave_reason": "出差"} if i == 3 else {})
        )
    meetings.sign_in(clerk, m.id, "到会")
    with pytest.raises(Exception):  # noqa: B017 - not yet opened: cannot close
        wf.run(clerk, "meetings", m.id, "close", {})
    wf.run(clerk, "meetings", m.id, "open", {})
    wf.run(clerk, "meetings", m.id, "close", {})
    c = meetings.counts(clerk, m.id)
    assert (c.present, c.absent, c.leave, c.waiting) == (1, 1, 1, 0)
    assert meetings.meeting(clerk, m.id).state == "结束"
