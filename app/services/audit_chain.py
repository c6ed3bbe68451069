"""Verifying the keyed audit chain, sealing an old unkeyed chain once, and the auditor's signed checkpoints
(校验点: entry count + head hash, kept off the machine) against which any later cut or rewrite shows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.services.audit import GENESIS, HEAD_KEY, ChainReport, _digest, _hash_fields, session_key
from app.services.audit_key import key_id, mac
from db.models.core import AuditEntry, Setting, User

SEAL_ACTION = "audit_keyed"
CHECKPOINT_KIND = "county-office-audit-checkpoint"
TRIGGERS = {
    "sqlite": ("audit_log_no_update", "audit_log_no_delete"),
    "postgresql": ("audit_log_append_only",),
}


def missing_triggers(s: Session) -> list[str]:
    dialect = s.get_bind().dialect.name
    wanted = TRIGGERS.get(dialect, ())
    if dialect == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    elif dialect == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass"
    else:
        return []
    present = {r[0] for r in s.execute(text(sql))}
    return [t for t in wanted if t not in present]


def _seal_id(s: Session) -> int | None:
    return s.scalar(select(func.min(AuditEntry.id)).where(AuditEntry.action == SEAL_ACTION))


def verify_chain(
    s: Session, key: bytes, *, checkpoint: Mapping[str, Any] | None = None, legacy: bool = False
) -> ChainReport:
    """Walk the whole log. Entries before the seal (if any) are plain SHA-256, the seal and everything after
    it HMACs under ``key``; ``legacy`` (a database never opened by a keyed version) accepts plain SHA-256
    throughout, with a warning."""
    warnings = []
    missing = missing_triggers(s)
    if missing:
        warnings.append(f"审计日志的防改写触发器缺失：{'、'.join(missing)}（有人绕过程序改动过数据库结构）")
    seal = _seal_id(s)
    keyed_from = seal if seal is not None else (None if legacy else 1)
    prev_hash, expected_id, count = GENESIS, 1, 0
    heads: dict[int, str] = {}
    want = int(checkpoint["head_id"]) if checkpoint else None

    def bad(entry_id: int | None, reason: str) -> ChainReport:
        return ChainReport(False, count, entry_id, reason, tuple(warnings))

    for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(2000):
        count += 1
        if e.id != expected_id:
            return bad(expected_id, f"第 {expected_id} 条至第 {e.id - 1} 条审计记录被删除")
        if e.prev_hash != prev_hash:
            return bad(e.id, f"第 {e.id} 条审计记录的前序校验值不符（前一条被改动或删除）")
        keyed = keyed_from is not None and e.id >= keyed_from
        if _digest(prev_hash, _hash_fields(e), key if keyed else None) != e.hash:
            return bad(e.id, f"第 {e.id} 条审计记录的内容被改动（或不是用本机审计密钥记下的）")
        if e.id == want:
            heads[e.id] = e.hash
        prev_hash = e.hash
        expected_id += 1
    last = expected_id - 1
    if count == 0:
        if s.scalar(select(User.id).limit(1)) is not None:
            return bad(1, "审计日志为空，但数据库中已有账户：审计记录被全部删除")
    anchor = s.get(Setting, HEAD_KEY)
    if count and anchor is None:
        return bad(last, "审计日志的末条标记被删除（日志末尾可能被截断）")
    if anchor is not None:
        head = json.loads(anchor.value)
        if head.get("id") != last or head.get("hash") != prev_hash:
            return bad(expected_id, f"审计日志末尾被截断或改动：应有 {head.get('id')} 条，现存 {last} 条")
        if keyed_from is not None and "mac" not in head:
            return bad(last, "审计日志的末条标记没有密钥签名（被改写过）")
        if "mac" in head:
            if head.get("key") != key_id(key):
                return bad(None, "本机的审计密钥与该数据库不符：数据库来自另一台计算机，或密钥文件被更换")
            if head["mac"] != mac(key, f"{last}:{prev_hash}"):
                return bad(last, "审计日志的末条标记被伪造（日志末尾可能被截断后重写）")
    if checkpoint is not None:
        problem = _against(checkpoint, key, last, heads)
        if problem:
            return bad(want, problem)
    if keyed_from is None and count:
        warnings.append("旧版本数据库：审计日志尚未启用密钥保护（用本程序打开一次即启用）")
    return ChainReport(True, count, warnings=tuple(warnings))


def _against(cp: Mapping[str, Any], key: bytes, last: int, heads: Mapping[int, str]) -> str:
    if cp.get("kind") != CHECKPOINT_KIND or cp.get("mac") != mac(key, _signed_text(cp)):
        return "校验点文件被改动，或不是用本机审计密钥签发的"
    head_id = int(cp["head_id"])
    if last < head_id:
        return f"自校验点（{cp.get('created')}，{head_id} 条）以来审计日志被截断：现存 {last} 条"
    if heads.get(head_id) != cp["head"]:
        return f"自校验点（{cp.get('created')}）以来第 {head_id} 条及以前的审计记录被改写"
    return ""


def _signed_text(cp: Mapping[str, Any]) -> str:
    body = {k: v for k, v in cp.items() if k != "mac"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def make_checkpoint(s: Session, database: str) -> dict[str, Any]:
    """The current head, signed with the machine's key (so a typed-up or altered checkpoint is noticed)."""
    key = session_key(s)
    head = s.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    cp: dict[str, Any] = {
        "kind": CHECKPOINT_KIND,
        "database": database,
        "created": datetime.now().isoformat(timespec="seconds"),
        "head_id": head.id if head else 0,
        "head": head.hash if head else GENESIS,
        "key": key_id(key),
    }
    cp["mac"] = mac(key, _signed_text(cp))
    return cp


def checkpoint_text(cp: Mapping[str, Any]) -> str:
    """The checkpoint as the auditor prints or copies it to removable media."""
    return (
        "审计日志校验点\n"
        f"数据库：{cp['database']}\n时间：{cp['created']}\n记录数：{cp['head_id']}\n"
        f"末条校验值：{cp['head']}\n签名：{cp['mac']}\n"
        f"校验方法：python -m app --db 数据库 check --against 本文件\n"
        f"---\n{json.dumps(dict(cp), ensure_ascii=False, sort_keys=True)}\n"
    )


def read_checkpoint(content: str) -> dict[str, Any]:
    """A checkpoint from its file: the JSON line after '---' (or the whole file being JSON)."""
    body = content.split("\n---\n", 1)[-1].strip()
    data = json.loads(body)
    if not isinstance(data, dict) or data.get("kind") != CHECKPOINT_KIND:
        raise ValueError("不是审计日志校验点文件")
    return data


def seal_legacy(s: Session) -> None:
    """Key a chain written before keying: verify it as it is (plain SHA-256) and append the seal entry,
    whose HMAC covers the old head — from now on rewriting ANY old entry breaks the keyed part too."""
    from app.services import audit

    if _seal_id(s) is not None or s.scalar(select(func.count()).select_from(AuditEntry)) == 0:
        return
    report = verify_chain(s, session_key(s), legacy=True)
    detail = {"legacy_entries": report.entries, "legacy_chain_ok": report.ok, "reason": report.reason}
    audit.record(s, None, SEAL_ACTION, "audit_log", "", login="system", detail=detail)
