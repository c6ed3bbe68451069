"""信息报送: an old book's 采用情况 becomes adoption records, 登记采用 and 批示 as steps, 采用率 counting an item
once, scores by the office's rules (系统设置), the ranking and the 信息工作通报."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.information.registers import parse_adoptions
from app.areas.information.service import parse_scoring
from app.domain.errors import ValidationFailed

YEAR = date.today().year


def _sub(services, actor, **kw):
    values = {
        "submitted_on": f"{YEAR}-03-01",
        "title": "我县推进乡村振兴",
        "unit": "县农业农村局",
        "author": "黄婷",
        "category": "动态",
    }
    values.update(kw)
    return services.registers.create(actor, "info_submissions", values)


def test_adoption_column_of_an_old_book():
    assert parse_adoptions("未采用") == []
    assert parse_adoptions("市委办公室采用") == [
        {"channel": "市委办公室", "level": "市级", "kind": "全文采用"}
    ]
    got = parse_adoptions("省委办公厅《每日要情》摘要采用；国办综合采用")
    assert [(a["level"], a["kind"]) for a in got] == [("省级", "摘要采用"), ("中央", "综合采用")]


def test_figures_rate_counts_an_item_once_and_scores(services, actors):
    i, wf = actors["info"], services.workflow
    a = _sub(services, i, adoption_text="市委办公室采用")
    b = _sub(services, i, unit="城关镇", author="马骏")
    _sub(services, i, unit="城关镇", author="马骏", adoption_text="未采用")
    wf.run(
        i,
        "info_submissions",
        b.id,
        "adopt",
        {"channel": "省委办公厅《每日要情》", "level": "省级", "kind": "摘要采用"},
    )
    wf.run(
        i, "info_submissions", b.id, "adopt", {"channel": "市委办公室", "level": "市级", "kind": "全文采用"}
    )
    # the 信息员 records a 批示 the city's party secretary wrote on the printed item
    wf.run(i, "info_submissions", a.id, "instruct", {"text": "很好，请推广", "leader": "市委书记张某"})
    with pytest.raises(ValidationFailed) as e:
        wf.run(
            i,
            "info_submissions",
            b.id,
            "adopt",
            {"channel": "x", "level": "省级", "kind": "摘要采用", "adopted_on": f"{YEAR}-01-01"},
        )
    assert e.value.errors == {"adopted_on": "采用日期不能早于报送日期"}
    st = services.service("information").statistics(actors["leader"], date(YEAR, 1, 1), date(YEAR, 12, 31))
    assert (st.submitted, st.adopted) == (3, 2)  # b adopted twice counts once
    assert st.adoptions_by_level["市级"] == 2 and st.adopted_by_level["省级"] == 1
    # default scheme: 市级全文 10 + 批示(市级) 5 = 15 for a; 省级摘要 10 + 市级全文 10 = 20 for b
    assert st.by_unit[0].name == "城关镇" and st.by_unit[0].score == 20 and st.by_unit[1].score == 15
    assert st.score == 35 and st.instructions == 1


def test_scoring_setting_is_checked_and_used(services, actors):
    with pytest.raises(ValueError, match="应写成"):
        parse_scoring("市级 10/5")
    rules = parse_scoring("市级 8/4/2；省级 20/10/6；只计最高")
    assert rules.points["市级"]["全文采用"] == 8 and rules.highest_only
    services.office_settings.set(
        actors["sysadmin"], "information.scoring", "市级 8/4/2；省级 20/10/6；只计最高"
    )
    i = actors["info"]
    b = _sub(services, i)
    services.workflow.run(
        i, "info_submissions", b.id, "adopt", {"channel": "省委办公厅", "level": "省级", "kind": "摘要采用"}
    )
    services.workflow.run(
        i, "info_submissions", b.id, "adopt", {"channel": "市委办公室", "level": "市级", "kind": "全文采用"}
    )
    st = services.service("information").statistics(i, date(YEAR, 1, 1), date(YEAR, 12, 31))
    assert st.score == 10  # only the highest of 10 and 8
    with pytest.raises(ValidationFailed):
        services.office_settings.set(actors["sysadmin"], "information.scoring", "乱写")


def test_bulletin_text(services, actors, tmp_path):
    from docx import Document

    i = actors["info"]
    _sub(services, i, adoption_text="市委办公室采用")
    _sub(services, i, unit="城关镇")
    out = services.printing.render_form(i, "info_submissions", "bulletin", YEAR, tmp_path / "通报.docx")
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "共报送信息2条，被采用1条，采用率50.0%" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "县农业农村局" in cells and "城关镇" in cells
