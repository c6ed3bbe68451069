"""发文: the 稿纸 workflow, 发文字号 per 代字 series per year (gapless, also under concurrent savers), 归档."""

from __future__ import annotations

import threading

import pytest

from app.domain.errors import Conflict, PermissionDenied, ValidationFailed


def _draft(**kw):  # type: ignore[no-untyped-def]
    base = {
        "prefix": "县委办发",
        "doc_type": "通知",
        "title": "关于做好2026年春节期间值班工作的通知",
        "main_to": "各乡镇党委，县委各部委办",
        "drafter": "李明",
        "drafted_on": "2026-01-20",
        "public_attr": "主动公开",
    }
    base.update(kw)
    return base


@pytest.fixture
def docs(services):  # type: ignore[no-untyped-def]
    return services.service("documents")


def test_draft_gets_a_draft_number_and_signing_gives_the_document_number(docs, actors):
    out = docs.outgoing
    a = out.draft(actors["clerk"], _draft()).record
    assert a["number"] == "" and a["draft_no"].startswith("稿2026-") and a["state"] == "draft"
    out.check(actors["clerk"], a.id, "张科长", "文字已核")
    out.countersign(actors["clerk"], a.id, "县政府办公室（王某）")
    signed = out.approve(actors["leader"], a.id, opinion="同意印发", signed_on="2026-01-22").record
    assert signed["number"] == "县委办发〔2026〕1号" and signed["signer"] == "周振荣"
    b = out.draft(actors["clerk"], _draft(prefix="县委办函", doc_type="函")).record
    c = out.draft(actors["clerk"], _draft()).record
    assert (
        out.approve(actors["clerk"], b.id, signer="吴建国", signed_on="2026-01-23").record["number"]
        == "县委办函〔2026〕1号"
    )
    assert (
        out.approve(actors["clerk"], c.id, signer="吴建国", signed_on="2026-01-23").record["number"]
        == "县委办发〔2026〕2号"
    )
    out.review(actors["clerk"], a.id, "赵六", "程序完备")
    issued = out.issue(actors["clerk"], a.id, print_copies=30, copy_from=1, issued_on="2026-01-23").record
    assert (issued["copy_from"], issued["copy_to"], issued["state"]) == (1, 30, "issued")
    out.distribute(actors["clerk"], a.id, "各乡镇党委各1份，机要交换站送出")
    labels = [h.label for h in out.history(actors["clerk"], a.id)]
    assert labels == ["拟稿", "核稿", "会签", "签发", "复核", "印发", "分发"]
    with pytest.raises(Conflict):  # after 签发 a substantive change goes back to the signer
        out.update_draft(actors["clerk"], a.id, {"title": "改了标题"})


def test_registering_an_already_signed_paper_draft_numbers_it_at_once(docs, actors):
    rec = docs.outgoing.draft(actors["clerk"], _draft(signer="周振荣", signed_on="2026-02-01")).record
    assert rec["number"] == "县委办发〔2026〕1号" and rec["state"] == "signed"


def test_bad_draft_names_each_field(docs, actors):
    with pytest.raises(ValidationFailed) as e:
        docs.outgoing.draft(actors["clerk"], _draft(prefix="县委办发〔2026〕", drafted_on="2026-13-01"))
    assert set(e.value.errors) == {"prefix", "drafted_on"}
    with pytest.raises(ValidationFailed) as e:  # cross-field rules, once each field is valid on its own
        docs.outgoing.draft(
            actors["clerk"],
            _draft(public_attr="不予公开", signer="周振荣", print_copies="10", copy_from="5", copy_to="9"),
        )
    assert set(e.value.errors) == {"nonpublic_reason", "signed_on", "copy_to"}
    assert "共5份" in e.value.errors["copy_to"]


def test_leader_without_clerk_post_signs_in_own_name_and_others_cannot_sign(services, docs, actors):
    rec = docs.outgoing.draft(actors["clerk"], _draft()).record
    with pytest.raises(PermissionDenied):
        docs.outgoing.approve(actors["petition"], rec.id, signer="周振荣")
    with pytest.raises(ValidationFailed):
        docs.outgoing.approve(
            actors["clerk"], rec.id, signer="周振荣", signed_on="2026-01-01"
        )  # before drafting
    assert services.registers.get(actors["clerk"], "outgoing", rec.id)["number"] == ""


def test_two_users_signing_at_once_get_distinct_gapless_numbers(db_path, services, actors):
    from app.bootstrap import open_services

    ids = [
        services.service("documents").outgoing.draft(actors["clerk"], _draft(title=f"文件{i}")).record.id
        for i in range(16)
    ]
    numbers: list[str] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def worker(chunk: list[int]) -> None:
        own = open_services(str(db_path))  # each user has their own engine and connections
        try:
            for i in chunk:
                n = (
                    own.service("documents")
                    .outgoing.approve(actors["clerk"], i, signer="周振荣", signed_on="2026-02-02")
                    .record["number"]
                )
                with lock:
                    numbers.append(n)
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(ids[k::2],)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers, key=lambda n: int(n.split("〕")[1][:-1])) == [
        f"县委办发〔2026〕{k}号" for k in range(1, 17)
    ]


def test_archiving_gives_dat22_numbers_and_the_catalogue(services, docs, actors):
    inc = docs.incoming.receive(
        actors["clerk"],
        {
            "received_at": "2026-03-05 09:00",
            "sender": "中共××市委办公室",
            "sender_number": "市委办发〔2026〕3号",
            "title": "关于某事的通知",
            "handling_kind": "阅件",
            "pages": "3",
        },
    ).record
    with pytest.raises(ValidationFailed):  # 全宗号 not configured yet
        docs.archive.archive(actors["clerk"], "incoming", inc.id, "永久")
    _, stamp = docs.archive.archive(actors["clerk"], "incoming", inc.id, "永久", fonds="J012")
    assert stamp.archive_no == "J012-WS·2026-Y-0001" and stamp.pages == 3
    out = docs.outgoing.draft(
        actors["clerk"], _draft(signer="周振荣", signed_on="2026-03-02", issuer="中共××县委办公室")
    ).record
    with pytest.raises(Conflict):  # not printed and issued yet
        docs.archive.archive(actors["clerk"], "outgoing", out.id, "Y", fonds="J012")
    docs.outgoing.issue(actors["clerk"], out.id, print_copies=5, issued_on="2026-03-03")
    result, stamp2 = docs.archive.archive(actors["clerk"], "outgoing", out.id, "Y", fonds="J012", org="bgs")
    assert stamp2.archive_no == "J012-WS·2026-Y-BGS-0001" and result.record["state"] == "archived"
    rows = docs.archive.catalogue(actors["clerk"], 2026)
    assert [(r.seq, r.archive_no, r.doc_number, r.date8) for r in rows] == [
        (1, "J012-WS·2026-Y-0001", "市委办发〔2026〕3号", "20260305"),
        (2, "J012-WS·2026-Y-BGS-0001", "县委办发〔2026〕1号", "20260302"),
    ]
    assert rows[0].author == "中共××市委办公室" and rows[0].pages == "3"
