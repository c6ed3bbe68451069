"""The listing's id list and fetching rows by id (what lets the table view jump to row 999,999 as fast as
to row 0): the ids come in the listing's order for every sort and search, capped like the count, and
rows by id keep that order and stay inside the reader's permissions and clearance."""

from __future__ import annotations

import pytest

from app.domain.errors import PermissionDenied
from tests.ui.test_widgets_model import fill

pytestmark = pytest.mark.both_databases  # the engine's SQL on SQLite and on PostgreSQL


@pytest.mark.parametrize(
    "sort", [None, ("number", False), ("pages", True), ("sender", False), ("received_on", True)]
)
def test_ids_are_the_listing_in_its_order(sample_services, actors, sort):
    svc = sample_services.registers
    fill(sample_services, actors["clerk"], 130)
    ids, capped = svc.ids(actors["clerk"], "sample", sort=sort)
    page = svc.page(actors["clerk"], "sample", sort=sort, limit=1000)
    assert list(ids) == [r.id for r in page.records] and len(ids) == 130 and not capped
    filtered, _ = svc.ids(actors["clerk"], "sample", sort=sort, filters={"sender": "县财政局"})
    assert list(filtered) == [
        r.id for r in svc.page(actors["clerk"], "sample", sort=sort, filters={"sender": "县财政局"}).records
    ]


def test_ids_of_a_search_are_capped_like_its_count(sample_services, actors, monkeypatch):
    import app.kit.registers.reads as service

    svc = sample_services.registers
    fill(sample_services, actors["clerk"], 130)
    monkeypatch.setattr(service, "SEARCH_COUNT_CAP", 40)
    ids, capped = svc.ids(actors["clerk"], "sample", search="通知")
    page = svc.page(actors["clerk"], "sample", search="通知", limit=40)
    assert capped and page.capped and len(ids) == page.total == 40
    assert list(ids) == [r.id for r in page.records]  # the newest 40 matches, newest first
    few, capped = svc.ids(actors["clerk"], "sample", search="防汛")
    assert not capped and len(few) == svc.page(actors["clerk"], "sample", search="防汛").total == 19


def test_records_by_id_keep_the_order_asked_for(sample_services, actors):
    svc = sample_services.registers
    fill(sample_services, actors["clerk"], 30)
    ids, _ = svc.ids(actors["clerk"], "sample")
    wanted = [ids[29], ids[3], ids[17], 999_999]  # the last an id that does not exist
    records = svc.records(actors["clerk"], "sample", wanted)
    assert [r.id for r in records] == wanted[:3]
    assert records[0]["number"] == svc.get(actors["clerk"], "sample", ids[29])["number"]
    with pytest.raises(PermissionDenied):
        svc.records(actors["petition"], "sample", wanted)


def test_records_by_id_stay_within_the_readers_clearance(services, actors):
    docs = services.service("documents")
    raw = {"received_at": "2026-03-05 09:30", "sender": "县委组织部", "title": "关于做好考核工作的通知"}
    plain = docs.incoming.receive(actors["clerk"], raw).record
    secret = docs.incoming.receive(
        actors["jiyao"], {**raw, "secret_level": "机密", "secret_period": "20年", "copy_numbers": "000003"}
    ).record
    svc = services.registers
    assert set(svc.ids(actors["jiyao"], "incoming")[0]) >= {plain.id, secret.id}
    assert secret.id not in svc.ids(actors["clerk"], "incoming")[0]  # 王芳 holds 秘密 clearance
    # even given the id, the clerk does not read the 机密 record
    assert [r.id for r in svc.records(actors["clerk"], "incoming", [secret.id, plain.id])] == [plain.id]


@pytest.mark.sqlite_only  # a server's id column is a 4-byte serial: 2**33 does not fit (nor is it reached)
def test_an_id_beyond_32_bits_is_listed_and_read(sample_services, actors):
    from sqlalchemy import text

    svc = sample_services.registers
    fill(sample_services, actors["clerk"], 5)
    big = 2**33 + 7  # the id list starts at 4 bytes an id and widens when one needs more
    with sample_services.db.write() as s:
        s.execute(
            text("UPDATE sample_letters SET id = :big WHERE id = (SELECT min(id) FROM sample_letters)"),
            {"big": big},
        )
    ids, _ = svc.ids(actors["clerk"], "sample", sort=("id", False))
    assert len(ids) == 5 and ids[-1] == big
    assert [r.id for r in svc.records(actors["clerk"], "sample", [big, ids[0]])] == [big, ids[0]]


@pytest.mark.parametrize("sort", [None, ("pages", False), ("sender", True)])
def test_a_page_counted_from_the_end_is_the_same_rows_in_the_same_order(sample_services, actors, sort):
    svc = sample_services.registers
    fill(sample_services, actors["clerk"], 130)
    listing = [r.id for r in svc.page(actors["clerk"], "sample", sort=sort, limit=1000).records]
    last = svc.page(actors["clerk"], "sample", sort=sort, offset=0, limit=30, from_end=True)
    assert [r.id for r in last.records] == listing[-30:]
    inner = svc.page(actors["clerk"], "sample", sort=sort, offset=30, limit=20, from_end=True)
    assert [r.id for r in inner.records] == listing[80:100]
    found = svc.page(actors["clerk"], "sample", search="防汛", offset=0, limit=5, from_end=True)
    everything = [r.id for r in svc.page(actors["clerk"], "sample", search="防汛").records]
    assert [r.id for r in found.records] == everything[-5:]


def test_a_search_counted_from_the_index_alone_still_hides_what_the_reader_may_not_see(services, actors):
    """A search that nothing else narrows is counted and listed from the search index alone: the records
    above the reader's clearance are still left out of the count and the id list, and a filter (作废)
    still narrows both."""
    docs = services.service("documents")
    raw = {"received_at": "2026-03-05 09:30", "sender": "县委组织部", "title": "关于做好防汛工作的通知"}
    plain = [docs.incoming.receive(actors["clerk"], raw).record for _ in range(3)]
    secret = docs.incoming.receive(
        actors["jiyao"], {**raw, "secret_level": "机密", "secret_period": "20年", "copy_numbers": "000003"}
    ).record
    svc = services.registers
    clerk_page = svc.page(actors["clerk"], "incoming", search="防汛")
    ids, capped = svc.ids(actors["clerk"], "incoming", search="防汛")
    assert clerk_page.total == 3 and not capped  # 王芳 holds 秘密 clearance: the 机密 one is not counted
    assert list(ids) == [r.id for r in clerk_page.records] == [p.id for p in reversed(plain)]
    assert svc.count(actors["jiyao"], "incoming", search="防汛") == (4, False)
    assert secret.id in svc.ids(actors["jiyao"], "incoming", search="防汛")[0]
    svc.void(actors["clerk"], "incoming", plain[0].id, "登记重复")
    assert svc.count(actors["clerk"], "incoming", search="防汛", filters={"voided": False}) == (2, False)
    assert svc.count(actors["clerk"], "incoming", search="防汛") == (3, False)
