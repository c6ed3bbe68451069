"""The 工作台 service: what is overdue and due soon across the areas, grouped; today's duty and this week's
meetings; the year's figures; each user sees only what her roles and clearance allow; voided records never."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.services.workbench import chinese_date

TODAY = date.today()


def _doc(**kw):  # type: ignore[no-untyped-def]
    base = {
        "received_at": f"{TODAY - timedelta(days=5):%Y-%m-%d} 09:30",
        "sender": "中共××市委办公室",
        "sender_number": "市委办发[2026]3号",
        "title": "关于做好春季森林防火工作的通知",
        "doc_type": "通知",
        "copies": "1",
        "pages": "4",
    }
    base.update(kw)
    return base


@pytest.fixture
def docs(services):  # type: ignore[no-untyped-def]
    return services.service("documents")


def _by_category(attention):  # type: ignore[no-untyped-def]
    return {(g.urgency, i.category, i.title) for g in attention.groups for i in g.items}


def test_overdue_and_due_soon_items_of_every_area_grouped_red_first(services, docs, actors):
    clerk, leader = actors["clerk"], actors["leader"]
    late = docs.incoming.receive(clerk, _doc(title="超期件", due_on=TODAY - timedelta(days=4))).record
    docs.incoming.receive(clerk, _doc(title="将到期件", due_on=TODAY + timedelta(days=1)))
    docs.incoming.receive(clerk, _doc(title="宽裕件", due_on=TODAY + timedelta(days=40)))
    # 督办: one red (overdue), one blue (due in two days)
    sup = actors["supervisor"]
    for content, days in (("红色事项", -2), ("蓝色事项", 2)):
        rec = services.registers.create(
            sup,
            "supervision_items",
            {
                "received_on": (TODAY - timedelta(days=10)).isoformat(),
                "source": "市委督办",
                "content": content,
            },
        )
        services.workflow.run(
            sup,
            "supervision_items",
            rec.id,
            "assign",
            {
                "lead_unit": "县财政局",
                "deadline": (TODAY + timedelta(days=days)).isoformat(),
                "cycle": "once",
            },
        )
    # 会务筹备: a preparation item two days late
    huiwu = actors["huiwu"]
    meeting = services.registers.create(
        huiwu,
        "meetings",
        {
            "name": "全县干部大会",
            "kind": "大型会议",
            "starts_at": datetime.combine(TODAY + timedelta(days=3), datetime.min.time()).replace(hour=9),
            "ends_at": datetime.combine(TODAY + timedelta(days=3), datetime.min.time()).replace(hour=11),
        },
    )
    services.registers.create(
        huiwu,
        "meeting_tasks",
        {
            "meeting_no": meeting["number"],
            "kind": "讲话",
            "item": "讲话稿",
            "who": "孙丽",
            "due_on": TODAY - timedelta(days=2),
            "state": "待办",
        },
    )

    seen = _by_category(services.workbench.attention(clerk))
    assert ("overdue", "催办", "超期件") in seen and ("due_soon", "催办", "将到期件") in seen
    assert not any(t == "宽裕件" for _, _, t in seen)
    assert not any(c.startswith("督办") or c == "会务筹备" for _, c, _ in seen)  # not the clerk's posts

    attention = services.workbench.attention(leader)  # 领导: every area
    assert [g.heading for g in attention.groups] == ["已超期", "即将到期", "待跟进"]
    seen = _by_category(attention)
    assert ("overdue", "督办红色", "红色事项") in seen and ("due_soon", "督办蓝色", "蓝色事项") in seen
    assert ("overdue", "会务筹备", "讲话稿（全县干部大会）") in seen
    overdue = attention.groups[0].items
    assert overdue == tuple(sorted(overdue, key=lambda i: i.due or datetime.max))  # oldest first
    doc = next(i for i in overdue if i.title == "超期件")
    assert (doc.register, doc.record_id, doc.number) == ("incoming", late.id, late["number"])
    assert attention.count("overdue") == len(overdue)


def test_classified_records_only_for_users_cleared_for_them(services, docs, actors):
    jiyao, clerk, leader = actors["jiyao"], actors["clerk"], actors["leader"]
    docs.incoming.receive(
        jiyao,
        _doc(
            title="机密超期件",
            secret_level="机密",
            secret_period="10年",
            copy_numbers="000003",
            due_on=TODAY - timedelta(days=1),
        ),
    )
    titles = lambda actor: {i.title for g in services.workbench.attention(actor).groups for i in g.items}  # noqa: E731
    assert "机密超期件" in titles(leader)  # 机密 clearance
    assert "机密超期件" not in titles(clerk)  # 秘密 clearance: not even counted
    huiwu = actors["huiwu"]  # 会务, 秘密
    services.registers.create(
        huiwu,
        "meetings",
        {
            "name": "秘密专题会议",
            "kind": "专题会议",
            "secret_level": "秘密",
            "starts_at": datetime.combine(TODAY, datetime.min.time()).replace(hour=15),
            "ends_at": datetime.combine(TODAY, datetime.min.time()).replace(hour=16),
        },
    )
    today = services.workbench.attention(huiwu).meetings_today
    assert today is not None and [m.name for m in today] == ["秘密专题会议"]
    assert services.workbench.attention(clerk).meetings_today is None  # no 会务/领导 post: no panel


def test_voided_records_are_not_listed(services, docs, actors):
    clerk = actors["clerk"]
    rec = docs.incoming.receive(clerk, _doc(title="登记错的件", due_on=TODAY - timedelta(days=3))).record
    titles = lambda: {i.title for g in services.workbench.attention(clerk).groups for i in g.items}  # noqa: E731
    assert "登记错的件" in titles()
    services.registers.void(clerk, "incoming", rec.id, "重复登记")
    assert "登记错的件" not in titles()


def test_unacknowledged_flash_telegrams_come_first_with_their_number(services, actors):
    jiyao = actors["jiyao"]
    rec = services.registers.create(
        jiyao,
        "plain_in",
        {
            "at": datetime.now().strftime("%Y-%m-%d %H:%M"),
            "dept_no": "省应急明电〔2026〕154号",
            "priority": "特提",
            "counterpart": "省应急管理厅",
            "title": "关于寒潮的特提电报",
        },
    )
    attention = services.workbench.attention(jiyao)
    (alert,) = attention.alerts
    assert (alert.urgency, alert.number, alert.record_id) == ("alert", rec["number"], rec.id)
    assert attention.count("alert") == 1
    services.alerts.acknowledge(jiyao, alert.alert_id)
    assert services.workbench.attention(jiyao).alerts == ()
    assert services.workbench.attention(actors["clerk"]).alerts == ()  # no 机要 post


def test_todays_duty_and_this_weeks_meetings(services, actors):
    duty = services.service("duty")
    monday = TODAY - timedelta(days=TODAY.weekday())
    duty.generate(
        actors["duty"],
        monday,
        monday + timedelta(days=6),
        leaders=["王主任", "李主任"],
        staff=["秘书甲", "秘书乙", "秘书丙"],
    )
    lines = services.workbench.attention(actors["duty"]).duty
    assert lines and all(line.leader in ("王主任", "李主任") and line.staff for line in lines)
    assert services.workbench.attention(actors["clerk"]).duty is None
    assert chinese_date(date(2026, 12, 1)) == "2026年12月1日（星期二）"


def test_year_figures_count_this_year_only_without_voided_and_by_clearance(services, docs, actors):
    clerk, leader = actors["clerk"], actors["leader"]
    year = TODAY.year
    for when in (
        f"{year}-01-01 08:00",
        f"{year}-12-31 17:00",
        f"{year - 1}-12-31 17:00",
        f"{year + 1}-01-01 08:00",
    ):
        docs.incoming.receive(clerk, _doc(received_at=when))
    voided = docs.incoming.receive(clerk, _doc(received_at=f"{year}-03-03 08:00")).record
    services.registers.void(clerk, "incoming", voided.id, "重复登记")
    docs.incoming.receive(
        actors["jiyao"],
        _doc(
            received_at=f"{year}-03-04 08:00",
            secret_level="机密",
            secret_period="10年",
            copy_numbers="000009",
        ),
    )
    mine = services.workbench.figures(clerk, year)
    received = {f.label: f.value for f in mine.figures}
    assert received["收文"] == 2  # 1 January and 31 December; not the years around it, not the voided one
    (series,) = [s for s in mine.series if s.label == "收文"]
    assert series.months[0] == 1 and series.months[11] == 1 and series.total == 2
    assert {f.label: f.value for f in services.workbench.figures(leader, year).figures}["收文"] == 3
    research = services.workbench.figures(actors["research"], year)
    assert "收文" not in {f.label for f in research.figures}  # not her registers
    assert research.value("incoming") is None  # left out, not a zero
    assert {"调研", "文稿"} <= {f.label for f in research.figures}


def test_a_user_without_an_area_is_told_her_posts(services, actors, monkeypatch):
    monkeypatch.setattr(services, "areas", [a for a in services.areas if a.key != "reception"])
    assert services.workbench.posts_without_area(actors["petition"]) == "信访接待"
    assert services.workbench.posts_without_area(actors["clerk"]) is None


def test_the_change_feed_tells_subscribers_of_every_committed_write(services, docs, actors):
    calls: list[int] = []
    stop = services.changes.subscribe(lambda: calls.append(1))
    docs.incoming.receive(actors["clerk"], _doc())
    assert calls
    stop()
    before = len(calls)
    docs.incoming.receive(actors["clerk"], _doc())
    assert len(calls) == before
