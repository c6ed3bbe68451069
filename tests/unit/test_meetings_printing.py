"""会议安排 printouts from one participant list, read back from the files: the 主席台 order for 1–12 people
in both views (the area's use of app.domain.seating), several rows, unit blocks, hand swaps, those on leave
and 代会; the seating chart's stated view, one 桌签 per person, the 签到表, the 会议通知 with its 回执 and
the 会议纪要 with 出席/请假/列席 and numbered 议定事项."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.errors import ValidationFailed
from app.domain.seating import AUDIENCE_VIEW, STAGE_VIEW, row_order
from tests.unit.test_printing_support import docx_text, pdf_font_embedding, pdf_pages

T0 = datetime(2026, 3, 5, 9, 0)


@pytest.fixture
def clerk(actors):
    return actors["huiwu"]


def _setup(services, clerk, rostrum_rows="", rows=None, per_row=None, **meeting):
    services.registers.create(
        clerk,
        "meeting_rooms",
        {"name": "大礼堂", "rostrum_rows": rostrum_rows, "rows": rows, "seats_per_row": per_row},
    )
    values = {"name": "全县经济工作会议", "kind": "大型会议", "starts_at": T0, "room": "大礼堂", **meeting}
    return services.registers.create(clerk, "meetings", values)


def _add(services, clerk, m, name, rank, unit="县委", **kw):
    return services.registers.create(
        clerk,
        "meeting_participants",
        {"meeting_no": m["number"], "name": name, "rank": rank, "unit": unit, **kw},
    )


def _row(chart, row=1):
    return [s.name for s in sorted((s for s in chart.rostrum if s.row == row), key=lambda s: s.position)]


@pytest.mark.parametrize("n", range(1, 13))
def test_the_rostrum_of_n_people_follows_the_protocol_rule_in_both_views(services, clerk, n):
    from app.areas.meetings.forms import chart

    m = _setup(services, clerk, str(n))
    for rank in range(n, 0, -1):  # entered in any order: the rank decides
        _add(services, clerk, m, f"领导{rank}", rank, rostrum=True)
    facing = _row(chart(services, clerk, m.id, AUDIENCE_VIEW))
    assert facing == [f"领导{r}" for r in row_order(n, AUDIENCE_VIEW)]
    assert _row(chart(services, clerk, m.id, STAGE_VIEW)) == [f"领导{r}" for r in row_order(n, STAGE_VIEW)]
    if n == 7:
        assert facing == ["领导7", "领导5", "领导3", "领导1", "领导2", "领导4", "领导6"]
    if n == 8:
        assert facing == ["领导7", "领导5", "领导3", "领导1", "领导2", "领导4", "领导6", "领导8"]


def test_several_rostrum_rows_unit_blocks_swaps_leave_and_substitutes(services, clerk):
    from app.areas.meetings.forms import chart

    m = _setup(
        services, clerk, "3，5", rows=2, per_row=3, unit_order="县财政局\n县教育局", swaps="领导1↔领导2"
    )
    for rank in range(1, 7):
        _add(services, clerk, m, f"领导{rank}", rank, rostrum=True)
    _add(services, clerk, m, "教育甲", 20, unit="县教育局")
    _add(services, clerk, m, "财政甲", 30, unit="县财政局")
    _add(services, clerk, m, "财政乙", 31, unit="县财政局")
    _add(services, clerk, m, "卫健甲", 10, unit="县卫健局")
    _add(services, clerk, m, "请假的", 11, unit="县卫健局", attendance="请假", leave_reason="出差")
    _add(services, clerk, m, "局长", 12, unit="县住建局", reply="代会", substitute="副局长")
    c = chart(services, clerk, m.id)
    # front row of 3 by the rule (3 1 2), then 1 and 2 swapped by hand: 3 2 1
    assert _row(c, 1) == ["领导3", "领导2", "领导1"]
    # back row of 5 seats holds 3 people, centred: 6 4 5 in the middle seats
    assert [(s.position, s.name) for s in sorted(c.rostrum, key=lambda s: s.position) if s.row == 2] == [
        (2, "领导6"),
        (3, "领导4"),
        (4, "领导5"),
    ]
    hall = [s.name for s in sorted(c.hall, key=lambda s: (s.row, s.position))]
    # the clerk's order first (财政, 教育), then the other units by their most senior person
    assert hall == ["财政甲", "财政乙", "教育甲", "卫健甲", "副局长"]
    assert "请假的" not in hall
    # one more than the hall holds is refused before anything is drawn
    services.registers.create(
        clerk, "meeting_participants", {"meeting_no": m["number"], "name": "多一人", "rank": 99}
    )
    with pytest.raises(ValidationFailed):
        _add(services, clerk, m, "再多一人", 100)


def test_the_seating_chart_cards_and_sign_in_sheet_read_back(services, clerk, tmp_path):
    m = _setup(services, clerk, "5", rows=2, per_row=4)
    for rank, name in enumerate(("周振荣", "吴建国", "郑海波"), start=1):
        _add(services, clerk, m, name, rank, rostrum=True, title="县委书记" if rank == 1 else "")
    _add(services, clerk, m, "王小明", 10, unit="城关镇", title="党委书记", phone="13900000001")
    _add(services, clerk, m, "李请假", 11, unit="河西乡", attendance="请假", leave_reason="病假")
    p = services.printing
    facing = p.render_form(clerk, "meetings", "seating", m.id, tmp_path / "座次.pdf")
    stage = p.render_form(clerk, "meetings", "seating_stage", m.id, tmp_path / "座次2.pdf")
    text = pdf_pages(facing)[0]
    assert (
        "全县经济工作会议座次图" in text
        and "面向主席台" in text
        and "主席台视角" not in text.split("本图")[0]
    )
    assert "主席台视角" in pdf_pages(stage)[0]
    assert all(pdf_font_embedding(facing).values())
    cards = p.render_form(clerk, "meetings", "cards", m.id, tmp_path / "桌签.pdf")
    pages = pdf_pages(cards)
    assert len(pages) == 4  # one card each, the one on leave gets none
    assert [page.replace("　", "").replace(" ", "").replace("沿此线对折", "").strip() for page in pages][
        0
    ].count("郑海波") == 2  # both faces
    assert any("王小明" in page for page in pages) and not any("李请假" in page for page in pages)
    assert all(pdf_font_embedding(cards).values())
    sheet = p.render_form(clerk, "meetings", "signin", m.id, tmp_path / "签到表.pdf")
    text = pdf_pages(sheet)[0]
    for expected in ("全县经济工作会议签到表", "序号", "签到时间", "王小明", "13900000001", "请假（病假）"):
        assert expected in text


def test_the_notice_and_its_reply_form_read_back(services, clerk, tmp_path):
    m = _setup(
        services,
        clerk,
        topics="研究年度经济工作——县发改局\n审议工作报告——县政府办",
        requirements="请按时参会，不得请人代会。",
        contact="刘敏",
        contact_phone="0731-1234567",
        reply_by="2026-03-03",
        checkin_at=datetime(2026, 3, 5, 8, 30),
        checkin_place="礼堂大厅",
    )
    _add(services, clerk, m, "王小明", 10, unit="城关镇", title="党委书记")
    out = services.printing.render_form(clerk, "meetings", "notice", m.id, tmp_path / "通知.docx")
    text = docx_text(out)
    for expected in (
        "关于召开全县经济工作会议的通知",
        "城关镇：",
        "2026年3月5日（星期四）09:00",
        "08:30开始报到，报到地点：礼堂大厅",
        "1.研究年度经济工作（县发改局汇报）。",
        "请按时参会，不得请人代会。",
        "请各单位于2026年3月3日前将回执（见附件）报送",
        "刘敏，联系电话：0731-1234567",
        "全县经济工作会议回执",
    ):
        assert expected in text, expected
    from docx import Document

    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["单位", "姓名", "职务", "联系电话", "备注"]
    # one row per invited unit for it to fill in, then blank rows
    assert [c.text for c in table.rows[1].cells] == ["城关镇", "", "", "", ""]
    assert len(table.rows) == 1 + 1 + 6


def test_the_minutes_take_attendance_from_the_list_and_number_the_decisions(
    services, clerk, tmp_path, actors
):
    m = _setup(services, clerk, chair="周振荣", decisions="同意年度工作要点\n二、要求各单位月底前报送进展")
    _add(services, clerk, m, "周振荣", 1)
    _add(services, clerk, m, "吴建国", 2, attendance="请假", leave_reason="出差")
    _add(services, clerk, m, "张三", 30, role="列席", unit="县发改局", title="局长")
    _add(services, clerk, m, "记录员", 40, role="工作人员")
    out = services.printing.render_form(clerk, "meetings", "minutes", m.id, tmp_path / "纪要.docx")
    text = docx_text(out)
    for expected in (
        "全县经济工作会议纪要",
        "周振荣主持召开全县经济工作会议",
        "一、同意年度工作要点。",
        "二、要求各单位月底前报送进展。",
        "出席：周振荣",
        "请假：吴建国（出差）",
        "列席：县发改局局长张三",
    ):
        assert expected in text, expected
    assert "记录员" not in text and "二、二、" not in text
    assert m["number"] in text and f"（{m['number']}）" not in text  # 纪要编号 as written, no brackets
    items = services.service("meetings").decisions(clerk, m.id)
    assert [(d.number, d.state) for d in items] == [(1, "待督办"), (2, "待督办")]
    with pytest.raises(Exception):  # noqa: B017 - no 会务 role: no minutes
        services.printing.render_form(actors["research"], "meetings", "minutes", m.id, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_each_decision_becomes_a_supervision_item_in_one_action(services, clerk, actors):
    m = _setup(services, clerk, decisions="同意年度工作要点\n要求各单位月底前报送进展")
    meetings = services.service("meetings")
    with pytest.raises(Exception):  # noqa: B017 - the 会务 clerk may not open 督办 items
        meetings.supervise(clerk, m.id)
    boss = actors["supervisor"]
    states = [d.state for d in meetings.supervise(boss, m.id)]
    assert all(s.startswith("已立项督办（") for s in states) and len(states) == 2
    items = services.registers.page(boss, "supervision_items", search="年度工作要点", limit=10).records
    assert len(items) == 1 and items[0]["source"] == "会议议定"
    assert "全县经济工作会议议定：同意年度工作要点" in items[0]["content"]
    from app.domain.errors import Conflict

    with pytest.raises(Conflict, match="已全部立项督办"):
        meetings.supervise(boss, m.id)
    assert [d.state for d in meetings.decisions(clerk, m.id)] == states


def test_a_notice_before_anyone_is_invited_still_has_its_main_recipients(services, clerk, tmp_path):
    m = _setup(services, clerk)
    out = services.printing.render_form(clerk, "meetings", "notice", m.id, tmp_path / "通知.docx")
    text = docx_text(out)
    assert "各有关单位：" in text  # GB/T 9704: 主送机关 1 line below the 标题


def test_the_seating_chart_dates_the_meeting_the_chinese_way(services, clerk, tmp_path):
    m = _setup(services, clerk, "3")
    for rank in (1, 2, 3):
        _add(services, clerk, m, f"领导{rank}", rank, rostrum=True)
    out = services.printing.render_form(clerk, "meetings", "seating", m.id, tmp_path / "座次.pdf")
    text = pdf_pages(out)[0]
    assert "2026年3月5日 09:00" in text and "03月05日" not in text  # no leading zeros in a Chinese date


def test_minutes_without_decisions_do_not_announce_them(services, clerk, tmp_path):
    m = _setup(services, clerk, chair="周振荣")
    _add(services, clerk, m, "周振荣", 1)
    out = services.printing.render_form(clerk, "meetings", "minutes", m.id, tmp_path / "纪要.docx")
    text = docx_text(out)
    assert "周振荣主持召开全县经济工作会议，会议在大礼堂举行。" in text and "现纪要如下" not in text


def test_the_hall_seats_name_their_unit_so_the_blocks_show(services, clerk, tmp_path):
    m = _setup(services, clerk, "1", rows=2, per_row=6, unit_order="县财政局\n县教育局")
    _add(services, clerk, m, "领导", 1, rostrum=True)
    for rank, (name, unit) in enumerate(
        (("甲一", "县教育局"), ("乙一", "县财政局"), ("乙二", "县财政局")), 10
    ):
        _add(services, clerk, m, name, rank, unit=unit)
    out = services.printing.render_form(clerk, "meetings", "seating", m.id, tmp_path / "座次.pdf")
    text = pdf_pages(out)[0]
    # under each hall name, and once more in the 台下分区 line at the foot
    assert text.count("县财政局") == 3 and text.count("县教育局") == 2
