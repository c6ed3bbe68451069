"""The shared register engine on the test-only 样例登记: validation, numbering, search, sort, void."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


def _letter(**kw):  # type: ignore[no-untyped-def]
    base = {
        "received_on": "2026-03-05",
        "sender": "市委办公室",
        "title": "关于做好防汛工作的通知",
        "pages": "3",
    }
    base.update(kw)
    return base


def test_create_numbers_per_year_and_audits(sample_services, actors):
    svc = sample_services.registers
    a = svc.create(actors["clerk"], "sample", _letter())
    b = svc.create(actors["clerk"], "sample", _letter(received_on="2026年4月1日"))
    c = svc.create(actors["clerk"], "sample", _letter(received_on="2027.01.02"))
    assert (a["number"], b["number"], c["number"]) == ("样〔2026〕1号", "样〔2026〕2号", "样〔2027〕1号")
    total, rows = sample_services.audit.search(actors["auditor"], action="create")
    assert total == 3


def test_bad_input_names_each_field_and_writes_nothing(sample_services, actors):
    svc = sample_services.registers
    with pytest.raises(ValidationFailed) as e:
        svc.create(
            actors["clerk"],
            "sample",
            _letter(
                received_on="2026-02-30", title="", pages="三", secret_level="秘密", secret_period="50年"
            ),
        )
    assert set(e.value.errors) == {"received_on", "title", "pages", "secret_period"}
    assert "不存在" in e.value.errors["received_on"]
    assert "不能超过10年" in e.value.errors["secret_period"]
    assert svc.page(actors["clerk"], "sample").total == 0


def test_permission_and_clearance_are_checked_in_the_service(sample_services, actors):
    svc = sample_services.registers
    with pytest.raises(PermissionDenied):
        svc.create(actors["petition"], "sample", _letter())
    with pytest.raises(PermissionDenied):
        svc.page(actors["sysadmin"], "sample")
    with pytest.raises(ValidationFailed):  # clerk is cleared to 秘密 only
        svc.create(actors["clerk"], "sample", _letter(secret_level="机密"))
    rec = svc.create(actors["jiyao"], "sample", _letter(secret_level="机密", secret_period="10年"))
    assert svc.page(actors["clerk"], "sample").total == 0
    with pytest.raises(PermissionDenied):
        svc.get(actors["clerk"], "sample", rec.id)
    assert svc.get(actors["jiyao"], "sample", rec.id)["title"]
    total, _ = sample_services.audit.search(actors["auditor"], action="view")
    assert total == 1


@pytest.mark.parametrize(
    "query,expected",
    [
        ("防", 1),
        ("防汛", 1),
        ("做好防汛工作", 1),
        ("汛防", 0),
        ("市委", 2),
        ("县委 防汛", 0),
        ("2026", 2),
    ],
)
def test_search_finds_one_and_two_character_terms(sample_services, actors, query, expected):
    svc = sample_services.registers
    svc.create(actors["clerk"], "sample", _letter())
    svc.create(actors["clerk"], "sample", _letter(title="关于开展安全生产检查的通知", sender="市委组织部"))
    assert svc.page(actors["clerk"], "sample", search=query).total == expected


def test_sort_and_filters_happen_in_sql(sample_services, actors):
    svc = sample_services.registers
    for i, d in enumerate(["2026-03-01", "2026-01-01", "2026-02-01"]):
        svc.create(
            actors["clerk"],
            "sample",
            _letter(received_on=d, title=f"文件{i}", due_on="2020-01-01" if i else None),
        )
    page = svc.page(actors["clerk"], "sample", sort=("received_on", False))
    assert [r["received_on"] for r in page.records] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert svc.page(actors["clerk"], "sample", filters={"overdue": True}).total == 2
    assert svc.page(actors["clerk"], "sample", filters={"received_on": (date(2026, 2, 1), None)}).total == 2


def test_void_keeps_the_number_and_refuses_edits(sample_services, actors):
    svc = sample_services.registers
    a = svc.create(actors["clerk"], "sample", _letter())
    with pytest.raises(ValidationFailed):
        svc.void(actors["clerk"], "sample", a.id, "  ")
    voided = svc.void(actors["clerk"], "sample", a.id, "重复登记")
    assert voided.voided and voided["number"] == a["number"]
    with pytest.raises(Conflict):
        svc.update(actors["clerk"], "sample", a.id, _letter(title="新标题"))
    b = svc.create(actors["clerk"], "sample", _letter())
    assert b["number"] == "样〔2026〕2号"  # the voided number is never reused
    assert svc.page(actors["clerk"], "sample").total == 2


def test_update_records_before_and_after(sample_services, actors):
    svc = sample_services.registers
    a = svc.create(actors["clerk"], "sample", _letter())
    svc.update(actors["clerk"], "sample", a.id, _letter(title="关于做好抗旱工作的通知"))
    assert svc.page(actors["clerk"], "sample", search="抗旱").total == 1
    assert svc.page(actors["clerk"], "sample", search="防汛").total == 0
    _, rows = sample_services.audit.search(actors["auditor"], action="update")
    # the auditor reads which field changed on which record, never what it says (issue 10, point 4)
    assert '"changes": ["title"]' in rows[0].detail and a["number"] in rows[0].detail
    assert "防汛" not in rows[0].detail and "抗旱" not in rows[0].detail


def test_the_audit_log_keeps_classified_content_from_the_auditor(sample_services, actors):
    svc = sample_services.registers
    rec = svc.create(
        actors["jiyao"],
        "sample",
        _letter(title="关于绝密测试事项的通知", secret_level="绝密", secret_period="30年"),
    )
    svc.update(
        actors["jiyao"],
        "sample",
        rec.id,
        _letter(title="关于绝密事项的更正", secret_level="绝密", secret_period="30年"),
    )
    open_rec = svc.create(actors["clerk"], "sample", _letter(title="关于公开事项的通知"))
    total, rows = sample_services.audit.search(actors["auditor"], text="绝密测试")
    assert total == 0
    _, rows = sample_services.audit.search(actors["auditor"], action="update")
    assert "title" in rows[0].detail and "更正" not in rows[0].detail  # which field, not what it says
    _, rows = sample_services.audit.search(actors["auditor"], action="create")
    # unclassified records too: field names and the number, not the title
    mine = [r for r in rows if str(open_rec.id) == r.object_id]
    assert mine and "公开事项" not in mine[0].detail and "title" in mine[0].detail
    assert sample_services.audit.search(actors["auditor"], text="公开事项")[0] == 0
    assert sample_services.audit.search(actors["auditor"], text=open_rec["number"])[0] == 1


def test_autocomplete_offers_only_what_the_list_would_show(sample_services, actors):
    svc = sample_services.registers
    svc.create(
        actors["jiyao"], "sample", _letter(sender="中共中央办公厅", secret_level="机密", secret_period="10年")
    )
    svc.create(actors["clerk"], "sample", _letter(sender="县委组织部"))
    assert svc.distinct_values(actors["clerk"], "sample", "sender") == ["县委组织部"]
    assert set(svc.distinct_values(actors["jiyao"], "sample", "sender")) == {"县委组织部", "中共中央办公厅"}
    with pytest.raises(PermissionDenied):
        svc.distinct_values(actors["clerk"], "sample", "note")  # not an autocomplete field
