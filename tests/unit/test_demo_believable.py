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
