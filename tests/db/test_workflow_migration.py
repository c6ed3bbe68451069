"""A database from before the workflow kit (收发文 history in doc_events, 批示 in doc_instructions, 催办
in doc_urges) upgrades with every entry carried into the shared tables and shown as before."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def _fill_row(con: sqlite3.Connection, table: str, values: dict) -> None:  # type: ignore[type-arg]
    """Insert a row giving every NOT NULL column something of its type (the old code is gone)."""
    row = dict(values)
    for _cid, name, kind, notnull, default, pk in con.execute(f"PRAGMA table_info({table})"):
        if name in row or pk or not notnull or default is not None:
            continue
        kind = kind.upper()
        row[name] = 0 if "INT" in kind or "BOOL" in kind else "2026-03-05 09:30:00" if "DATE" in kind else ""
    cols = ", ".join(row)
    con.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def test_old_history_instructions_and_urges_are_carried_over(tmp_path: Path):
    from alembic import command

    from app.bootstrap import open_services
    from app.domain.enums import Role
    from app.services.actor import Actor
    from db.engine import Database
    from db.migrate import _config

    path = tmp_path / "old.sqlite"
    db = Database.open(str(path))
    cfg = _config(db.url)
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002_documents")
        command.upgrade(cfg, "0003_telegrams")
    db.dispose()
    con = sqlite3.connect(path)
    _fill_row(
        con,
        "incoming_docs",
        {
            "id": 1,
            "series": "incoming",
            "year": 2026,
            "seq": 1,
            "number": "2026-0001",
            "state": "returned",
            "secret_level": "none",
        },
    )
    events = [
        (1, "sign", "2026-03-05 09:30:00", {"received_by": "王芳"}),
        (2, "register", "2026-03-05 09:31:00", {}),
        (3, "instruct", "2026-03-06 10:00:00", {"leader": "周振荣", "text": "请阅办"}),
        (4, "return", "2026-03-07 11:00:00", {"reason": "越级行文"}),
    ]
    for eid, step, at, detail in events:
        con.execute(
            "INSERT INTO doc_events (id, register, record_id, step, at, actor_login, actor_name, detail)"
            " VALUES (?, 'incoming', 1, ?, ?, 'clerk', '王芳', ?)",
            (eid, step, at, json.dumps(detail, ensure_ascii=False)),
        )
    con.execute(
        "INSERT INTO doc_instructions (id, incoming_id, leader, text, given_on, recorded_by, recorded_at)"
        " VALUES (7, 1, '周振荣', '请阅办', '2026-03-06', 'clerk', '2026-03-06 10:00:00')"
    )
    con.execute(
        "INSERT INTO doc_urges (id, incoming_id, method, urged_on, person, target, note, recorded_by,"
        " recorded_at) VALUES (3, 1, 'phone', '2026-03-07', '王芳', '县林业局', '已提醒', 'clerk',"
        " '2026-03-07 09:00:00')"
    )
    con.commit()
    con.close()

    services = open_services(str(path))  # backs up and upgrades to head
    try:
        tables = {
            r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        assert not tables & {"doc_events", "doc_instructions", "doc_urges"}
        with services.db.read() as s:
            from sqlalchemy import select

            from db.models.workflow import Instruction, StepEvent, Urge

            rows = s.scalars(select(StepEvent).order_by(StepEvent.id)).all()
            assert [(r.id, r.step, r.actor_name) for r in rows] == [
                (1, "sign", "王芳"),
                (2, "register", "王芳"),
                (3, "instruct", "王芳"),
                (4, "return", "王芳"),
            ]
            assert rows[3].reason == "越级行文" and json.loads(rows[3].after) == {}
            assert json.loads(rows[0].after) == {"received_by": "王芳"}
            (ins,) = s.scalars(select(Instruction)).all()
            assert (ins.id, ins.register, ins.record_id, ins.leader) == (7, "incoming", 1, "周振荣")
            (urge,) = s.scalars(select(Urge)).all()
            assert (urge.register, urge.record_id, urge.method, urge.target) == (
                "incoming",
                1,
                "phone",
                "县林业局",
            )
        clerk = Actor(1, "clerk", "王芳", roles=frozenset({Role.DOCUMENTS}))
        history = services.service("documents").incoming.history(clerk, 1)
        assert [h.label for h in history] == ["签收", "登记", "批示", "退文"]
        assert ("理由", "越级行文") in history[3].items and ("签收人", "王芳") in history[0].items
        docs = services.service("documents").incoming
        assert [i.text for i in docs.instructions(clerk, 1)] == ["请阅办"]
        assert [u.method_label for u in docs.urges(clerk, 1)] == ["电话查办"]
    finally:
        services.close()
