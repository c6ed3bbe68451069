"""Demo data a clerk would believe: 主动公开 documents give no 不公开理由; each step at its own time by the
person whose post does it; a telegram's 领导批示 is what its copies' readings say."""

from __future__ import annotations

import pytest
from sqlalchemy import select


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services
    from app.demo import fill_demo

    services = open_services(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    fill_demo(services)
    yield services
    services.close()


def test_public_documents_have_no_reason_for_not_being_public(demo):  # type: ignore[no-untyped-def]
    from db.models.documents import OutgoingDocument

    with demo.db.read() as s:
        rows = s.execute(select(OutgoingDocument.public_attr, OutgoingDocument.nonpublic_reason)).all()
    assert any(attr == "public" for attr, _ in rows)
    assert all(not reason for attr, reason in rows if attr == "public")
    assert all(reason for attr, reason in rows if attr == "not_public")


def test_outgoing_steps_happen_in_order_by_their_own_people(demo):  # type: ignore[no-untyped-def]
    from db.models.documents import OutgoingDocument
    from db.models.workflow import StepEvent as DocEvent

    with demo.db.read() as s:
        for doc in s.scalars(select(OutgoingDocument).limit(20)):
            events = s.scalars(
                select(DocEvent).where(DocEvent.register == "outgoing", DocEvent.record_id == doc.id)
            ).all()
            by_step = {e.step: e for e in events}
            times = [by_step[k].at for k in ("draft", "check", "approve", "review", "issue")]
            assert times == sorted(times) and len(set(times)) == 5
            assert by_step["draft"].actor_name == doc.drafter
            assert by_step["approve"].actor_name == doc.signer


def test_the_leader_the_proposal_names_signs_the_first_instruction(demo):  # type: ignore[no-untyped-def]
    from db.models.documents import IncomingDocument
    from db.models.workflow import Instruction
    from db.models.workflow import StepEvent as DocEvent

    checked = 0
    with demo.db.read() as s:
        for doc in s.scalars(select(IncomingDocument).where(IncomingDocument.proposal != "").limit(200)):
            first = s.scalars(
                select(Instruction)
                .where(Instruction.register == "incoming", Instruction.record_id == doc.id)
                .order_by(Instruction.id)
            ).first()
            if first is None:
                continue
            assert f"呈{first.leader}同志" in doc.proposal
            event = s.scalars(
                select(DocEvent).where(
                    DocEvent.register == "incoming", DocEvent.record_id == doc.id, DocEvent.step == "instruct"
                )
            ).first()
            propose = s.scalars(
                select(DocEvent).where(
                    DocEvent.register == "incoming", DocEvent.record_id == doc.id, DocEvent.step == "propose"
                )
            ).one()
            assert event is not None and event.actor_name == first.leader and event.at > propose.at
            checked += 1
    assert checked > 20


def test_a_telegrams_instructions_agree_with_its_copies(demo):  # type: ignore[no-untyped-def]
    from db.models.copies import Copy, CopyStep
    from db.models.telegrams import Telegram

    with demo.db.read() as s:
        telegrams = s.scalars(select(Telegram).where(Telegram.series.in_(["plain_in", "cipher_in"]))).all()
        with_remarks = 0
        for t in telegrams[:150]:
            steps = s.scalars(
                select(CopyStep).join(Copy).where(Copy.register == t.series, Copy.record_id == t.id)
            ).all()
            written = {f"{st.reader}：{st.remark}" for st in steps if st.remark}
            assert set(filter(None, t.leader_remarks.split("；"))) == written
            assert set(filter(None, t.readers.split("、"))) == {st.reader for st in steps}
            with_remarks += bool(written)
    assert with_remarks > 10


def test_one_demo_account_holds_documents_and_supervision_and_a_document_is_supervised(demo):  # type: ignore[no-untyped-def]
    """王芳 (收发文 and 督查) sees 立项督办 on a 收文; one demo 收文 already is an item, whose 来源记录 opens it."""
    from app.demo import demo_actor
    from db.models.supervision import SupervisionItem

    wangfang = demo_actor(demo, "wangfang")
    assert wangfang.has_role(*demo.catalog.get("supervision_items").write_roles)  # 立项督办 is offered
    assert wangfang.has_role(*demo.catalog.get("incoming").write_roles)

    with demo.db.read() as s:
        linked = s.scalars(select(SupervisionItem).where(SupervisionItem.source_register == "incoming")).all()
    assert len(linked) == 1 and linked[0].state == "assigned"
    source = demo.registers.get(wangfang, "incoming", linked[0].source_record_id)
    assert linked[0].content == source["title"]
    svc = demo.service("supervision")
    assert svc.linked_items(wangfang, "incoming", source.id) == [linked[0].number]
    assert svc.source_of(wangfang, linked[0].id)[:2] == ("incoming", source.id)
