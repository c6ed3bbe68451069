"""The 督办通报 of any period and one 主办单位 (service, Word and the `print` verb): the unit's items of the
period listed with how each stands, its 办结率 and 按期办结率, items on the period's first and last day in,
items before, after and of other units out; audited as a print."""

from __future__ import annotations

from datetime import date

import pytest

from app.cli import run
from app.domain.errors import ValidationFailed
from tests.conftest import PASSWORD
from tests.unit.test_printing_support import docx_text

Y = date.today().year - 1  # a whole past year: every deadline below has passed
ITEMS = "supervision_items"


def _item(services, actor, received, unit, deadline, done_on=None, content="推进重点项目"):  # type: ignore[no-untyped-def]
    wf = services.workflow
    rec = services.registers.create(
        actor, ITEMS, {"received_on": received.isoformat(), "source": "市委督办", "content": content}
    )
    wf.run(actor, ITEMS, rec.id, "assign", {"lead_unit": unit, "deadline": deadline.isoformat(),
                                            "assigned_on": received.isoformat()})  # fmt: skip
    if done_on is not None:
        wf.run(actor, ITEMS, rec.id, "feedback", {"final": "yes", "progress": "已完成", "report_on": done_on})
        wf.run(actor, ITEMS, rec.id, "close", {"result": "已办结", "done_on": done_on.isoformat()})
    return services.registers.get(actor, ITEMS, rec.id)


@pytest.fixture
def q1(services, actors):  # type: ignore[no-untyped-def]
    """县财政局: three items in the first quarter (its first day, its last day, one in between), one the day
    before and one the day after; 县住建局: one inside."""
    s = actors["supervisor"]
    return {
        "first": _item(
            services, s, date(Y, 1, 1), "县财政局", date(Y, 1, 20), date(Y, 1, 15), "落实秋粮收购"
        ),
        "last": _item(
            services, s, date(Y, 3, 31), "县财政局", date(Y, 4, 30), date(Y, 5, 10), "整治人居环境"
        ),
        "open": _item(services, s, date(Y, 2, 10), "县财政局", date(Y, 2, 28), None, "化解信访积案"),
        "before": _item(services, s, date(Y - 1, 12, 31), "县财政局", date(Y, 1, 31), None, "前一年事项"),
        "after": _item(services, s, date(Y, 4, 1), "县财政局", date(Y, 4, 20), None, "下一季度事项"),
        "other": _item(services, s, date(Y, 2, 1), "县住建局", date(Y, 2, 20), None, "其他单位事项"),
    }


def test_a_units_quarter_bulletin_lists_its_items_and_rates(services, actors, q1, tmp_path):  # type: ignore[no-untyped-def]
    from app.areas.supervision.forms import write_bulletin

    s = actors["supervisor"]
    out = write_bulletin(services, s, date(Y, 1, 1), date(Y, 3, 31), tmp_path / "通报.docx", unit="县财政局")
    text = docx_text(out)
    assert f"关于县财政局{Y}年第一季度督查督办工作情况的通报" in text
    # 3 items, 2 done (66.7%); deadlines due by 3-31: the first and the open one, 1 on time (50.0%)
    assert "县财政局共承办督办事项3件，办结2件，办结率66.7%" in text
    assert "办结时限已到的2件中按期办结1件，按期办结率50.0%" in text
    assert "超期办结1件，目前超期未办结1件" in text
    for name in ("first", "last", "open"):
        assert q1[name]["number"] in text and q1[name]["content"] in text
    for name in ("before", "after", "other"):
        assert q1[name]["content"] not in text
    assert "按期办结" in text and "超期办结（超10天）" in text
    assert f"超期未办结（超{(date.today() - date(Y, 2, 28)).days}天）" in text
    import json

    _, rows = services.audit.search(actors["auditor"], action="print")
    assert [r.object_type for r in rows] == [ITEMS] and rows[0].user_login == "supervisor"
    detail = json.loads(rows[0].detail)  # the auditor sees which fields, not their values
    assert detail["form"] == "bulletin" and detail["title"].startswith("关于县财政局")
    assert {"from", "to", "unit"} <= set(detail["fields"]) and "单位" in rows[0].detail_lines[0]


def test_every_unit_over_a_custom_period_and_a_mistyped_unit(services, actors, q1, tmp_path):  # type: ignore[no-untyped-def]
    from app.areas.supervision.forms import write_bulletin

    s = actors["supervisor"]
    out = write_bulletin(services, s, date(Y, 2, 1), date(Y, 4, 1), tmp_path / "all.docx")
    text = docx_text(out)
    assert f"关于{Y}年2月1日至{Y}年4月1日督查督办工作情况的通报" in text
    assert "共立项督办事项4件，办结1件" in text  # open, last, after, other
    assert "县住建局" in text and "前一年事项" not in text
    with pytest.raises(ValidationFailed) as e:
        write_bulletin(services, s, date(Y, 1, 1), date(Y, 3, 31), tmp_path / "x.docx", unit="县财政")
    assert (
        "没有主办单位为“县财政”的督办事项" in e.value.errors["unit"] and "县财政局" in e.value.errors["unit"]
    )
    assert not (tmp_path / "x.docx").exists()


def test_print_verb_with_quarter_month_dates_and_unit(
    services, actors, q1, db_path, tmp_path, monkeypatch, capsys
):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    base = ["--db", str(db_path), "--user", "supervisor", "print", ITEMS, "-", "bulletin"]
    out = tmp_path / "q.docx"
    assert run([*base, "--quarter", f"{Y}Q1", "--unit", "县财政局", "--out", str(out)]) == 0
    assert "县财政局共承办督办事项3件" in docx_text(out)
    assert run([*base, "--month", f"{Y}-03", "--unit", "县财政局", "--out", str(out)]) == 0
    assert "县财政局共承办督办事项1件" in docx_text(out) and q1["last"]["number"] in docx_text(out)
    dates = ["--from", f"{Y}-01-01", "--to", f"{Y}-01-01"]
    assert run([*base, *dates, "--unit", "县财政局", "--out", str(out)]) == 0
    assert "县财政局共承办督办事项1件" in docx_text(out) and "落实秋粮收购" in docx_text(out)
    capsys.readouterr()
    assert run([*base, "--from", f"{Y}-03-01", "--to", f"{Y}-01-01", "--out", str(out)]) == 2
    assert "--to 不能早于 --from" in capsys.readouterr().err
    assert run([*base, "--month", f"{Y}-13", "--out", str(out)]) != 0
    book = ["--db", str(db_path), "--user", "supervisor", "print", ITEMS, "-", "book", "--out", str(out)]
    assert (
        run([*book, "--unit", "县财政局"]) == 2 and "--unit 用于按期间打印的报表" in capsys.readouterr().err
    )
    assert run(["--db", str(db_path), "--user", "supervisor", "print", ITEMS, str(Y), "bulletin",
                "--out", str(out)]) == 0  # fmt: skip
    assert f"关于{Y}年度督查督办工作情况的通报" in docx_text(out)


def test_items_above_the_readers_clearance_are_neither_counted_nor_listed(services, actors, q1):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from app.areas.supervision.forms import collect_period_bulletin
    from app.domain.enums import SecretLevel

    s = actors["supervisor"]
    rec = services.registers.create(
        s,
        ITEMS,
        {"received_on": f"{Y}-02-02", "source": "市委督办", "content": "秘密事项", "secret_level": "secret",
         "secret_period": "1年"},
    )  # fmt: skip
    services.workflow.run(s, ITEMS, rec.id, "assign", {"lead_unit": "县财政局", "deadline": f"{Y}-02-20"})

    def text(actor):  # type: ignore[no-untyped-def]
        rep = collect_period_bulletin(services, actor, date(Y, 1, 1), date(Y, 3, 31), "县财政局")
        return "\n".join(
            [*rep.intro] + [c for sec in rep.sections for t in sec.tables for r in t.rows for c in r]
        )

    assert "共承办督办事项4件" in text(s) and "秘密事项" in text(s)
    unclassified = replace(s, clearance=SecretLevel.NONE)
    assert "共承办督办事项3件" in text(unclassified) and "秘密事项" not in text(unclassified)
