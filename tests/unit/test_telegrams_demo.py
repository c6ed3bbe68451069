"""The 电报 demo year: the office's counts, consistent copies, deterministic from the seed."""

from __future__ import annotations

import random
from datetime import date

from app.demo import demo_actor, ensure_demo_accounts


def _fill(services, seed):  # type: ignore[no-untyped-def]
    from app.areas.telegrams.demo import fill

    ensure_demo_accounts(services)
    return fill(services, {"year": date.today().year - 1, "rng": random.Random(seed), "actor": demo_actor})


def test_demo_year_matches_the_office_summary_and_keeps_the_rules(services, actors):
    counts = _fill(services, 7)
    assert counts["明传电报"] == 489 and counts["密码电报"] == 95 and counts["销毁份数"] > 0
    lijun = demo_actor(services, "lijun")
    year = date.today().year - 1
    stats = services.service("telegrams").statistics(lijun, date(year, 1, 1), date(year, 12, 31))
    assert stats.total == 584
    assert stats.by_register == {
        "明传电报收电": 402,
        "明传电报发电": 87,
        "密码电报收电": 78,
        "密码电报发电": 17,
    }
    page = services.registers.page(lijun, "cipher_in", sort=("number", False), limit=1)
    first = page.records[0]
    assert first["number"] == f"密收〔{year}〕1号"
    copies = services.copies.copies(lijun, "cipher_in", first.id)
    assert copies and all(c.steps and not c.steps[-1].is_open for c in copies)
    batch = services.copies.batches(lijun, year)[0]
    assert len(batch.copies) == counts["销毁份数"]
    assert all(c.returned_at and c.destruction_id == batch.id for c in batch.copies)
    assert batch.witnesses[0] != batch.witnesses[1]
