"""督办: the workflow (交办 → 反馈 → 办结销号 / 退回重办, 延期 asked before the deadline and approved by a
leader), the three colours, a 收文 made into an item, the figures and the 督办通报."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.errors import Conflict, PermissionDenied, ValidationFailed

TODAY = date.today()


def _item(services, actor, **kw):
    values = {
        "received_on": (TODAY - timedelta(days=10)).isoformat(),
        "source": "市委督办",
        "content": "推进重点项目",
    }
    values.update(kw)
    return services.registers.create(actor, "supervision_items", values)


def test_assign_feedback_close_and_redo(services, actors):
    s, wf = actors["supervisor"], services.workflow
    rec = _item(services, s, source_ref="市委督〔2026〕12号")
    assert rec["state"] == "registered"
    with pytest.raises(ValidationFailed) as e:
        wf.run(
            s,
            "supervision_items",
            rec.id,
            "assign",
            {"lead_unit": "县财政局", "deadline": (TODAY - timedelta(days=20)).isoformat()},
        )
    assert e.value.errors["deadline"] == "办结时限不能早于立项日期"
    wf.run(
        s,
        "supervision_items",
        rec.id,
        "assign",
        {"lead_unit": "县财政局", "deadline": (TODAY + timedelta(days=10)).isoformat()},
    )
    wf.run(s, "supervision_items", rec.id, "urge", {"method": "letter", "note": "发函催办"})
    progress = wf.run(s, "supervision_items", rec.id, "feedback", {"final": "no", "progress": "已完成过半"})
    assert progress.record["state"] == "assigned" and progress.record["last_report_on"] == TODAY
    wf.run(s, "supervision_items", rec.id, "feedback", {"final": "yes", "progress": "已全部完成"})
    back = wf.run(s, "supervision_items", rec.id, "redo", {"reason": "材料不全"})
    assert back.record["state"] == "assigned"
    wf.run(s, "supervision_items", rec.id, "feedback", {"final": "yes", "progress": "补齐材料"})
    done = wf.run(s, "supervision_items", rec.id, "close", {"result": "已办结"})
    assert done.record["state"] == "done" and done.record["done_on"] == TODAY
    steps = [h.label for h in wf.history(s, "supervision_items", rec.id)]
    assert steps == ["交办", "催办", "反馈", "反馈", "退回重办", "反馈", "办结销号"]
    with pytest.raises(Conflict):
        wf.run(s, "supervision_items", rec.id, "urge", {"method": "phone"})


def test_extension_before_the_deadline_approved_by_a_leader(services, actors):
    s, wf = actors["supervisor"], services.workflow
    rec = _item(services, s)
    old = TODAY + timedelta(days=5)
    wf.run(s, "supervision_items", rec.id, "assign", {"lead_unit": "县住建局", "deadline": old.isoformat()})
    with pytest.raises(ValidationFailed) as e:
        wf.run(s, "supervision_items", rec.id, "extend", {"new_deadline": old.isoformat(), "reason": "x"})
    assert "应晚于原时限" in e.value.errors["new_deadline"]
    wf.run(
        s,
        "supervision_items",
        rec.id,
        "extend",
        {"new_deadline": (old + timedelta(days=20)).isoformat(), "reason": "工程量大"},
    )
    with pytest.raises(PermissionDenied):
        wf.run(s, "supervision_items", rec.id, "decide_extension", {"decision": "approve"})
    got = wf.run(actors["leader"], "supervision_items", rec.id, "decide_extension", {"decision": "approve"})
    assert got.record["deadline"] == old + timedelta(days=20)
    late = _item(services, s)
    wf.run(
        s,
        "supervision_items",
        late.id,
        "assign",
        {"lead_unit": "县住建局", "deadline": (TODAY - timedelta(days=1)).isoformat()},
    )
    with pytest.raises(ValidationFailed) as e:
        wf.run(
            s,
            "supervision_items",
            late.id,
            "extend",
            {"new_deadline": (TODAY + timedelta(days=9)).isoformat(), "reason": "x"},
        )
    assert "届满前申请" in e.value.errors["new_deadline"]


def test_colours_on_the_home_tab_and_statistics(services, actors):
    s, wf = actors["supervisor"], services.workflow
    for days in (-2, 2, 30):
        rec = _item(services, s)
        wf.run(
            s,
            "supervision_items",
            rec.id,
            "assign",
            {
                "lead_unit": f"单位{days}",
                "deadline": (TODAY + timedelta(days=days)).isoformat(),
                "cycle": "weekly" if days == 30 else "once",
                "assigned_on": (TODAY - timedelta(days=9)).isoformat(),
            },
        )
    colours = [i.colour for i in services.service("supervision").coloured(s)]
    assert colours == ["red", "yellow", "blue"]
    items = [i for i in services.dashboard(s) if i.area == "supervision"]
    assert [i.kind for i in items] == ["overdue", "due_soon", "todo"] or sorted(i.kind for i in items) == [
        "due_soon",
        "overdue",
        "todo",
    ]
    st = services.service("supervision").statistics(s, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    assert st.total.items == 3 and st.total.done == 0 and st.overdue_open == 1
    assert st.by_source["市委督办"].items == 3


def test_an_incoming_document_becomes_an_item_once_and_the_bulletin_prints(services, actors, tmp_path):
    clerk = actors["clerk"]
    doc = services.registers.create(
        clerk,
        "incoming",
        {"received_at": f"{TODAY.isoformat()} 09:00", "sender": "市委办公室", "sender_number": "市委办发〔2026〕9号",
         "title": "关于开展安全生产大检查的通知", "doc_type": "notice", "copies": 1},
    )  # fmt: skip
    with pytest.raises(PermissionDenied):  # the 督查 post alone may not read 收文
        services.service("supervision").from_record(actors["supervisor"], "incoming", doc.id)
    item = services.service("supervision").from_record(actors["office"], "incoming", doc.id)
    assert item["source"] == "上级来文" and item["source_ref"] == "市委办发〔2026〕9号"
    assert item["content"] == "关于开展安全生产大检查的通知"
    assert services.service("supervision").linked_items(actors["office"], "incoming", doc.id) == [
        item["number"]
    ]
    with pytest.raises(ValidationFailed, match="已立项督办"):
        services.service("supervision").from_record(actors["office"], "incoming", doc.id)


def test_bulletin_text(services, actors, tmp_path):
    from docx import Document

    s = actors["supervisor"]
    rec = _item(services, s)
    services.workflow.run(
        s,
        "supervision_items",
        rec.id,
        "assign",
        {"lead_unit": "县财政局", "deadline": (TODAY - timedelta(days=1)).isoformat()},
    )
    out = services.printing.render_form(
        s, "supervision_items", "bulletin", TODAY.year, tmp_path / "通报.docx"
    )
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert (
        f"关于{TODAY.year}年度督查督办工作情况的通报" in text
        and "共立项督办事项1件" in text
        and "超期未办结1件" in text
    )
