"""The tamper-evident audit log: appending hash-chained entries, verifying the chain, and the
auditor's search and export."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import platform
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.domain.enums import AdminRole
from app.domain.errors import IntegrityBroken
from app.domain.text import csv_safe
from app.services.actor import Actor
from db.engine import Database
from db.models.core import AuditEntry, Setting

GENESIS = "0" * 64
HOST = platform.node()

ACTION_LABELS = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "lock": "锁定会话",
    "unlock": "解锁会话",
    "unlock_failed": "解锁失败",
    "password_change": "修改密码",
    "user_create": "新建账户",
    "user_update": "修改账户",
    "user_disable": "停用账户",
    "user_enable": "启用账户",
    "password_reset": "重置密码",
    "role_grant": "授予岗位",
    "role_revoke": "收回岗位",
    "clearance_change": "调整涉密等级",
    "setting_change": "修改安全策略",
    "create": "新建",
    "update": "修改",
    "void": "作废",
    "view": "查看涉密记录",
    "print": "打印",
    "export": "导出",
    "import": "导入",
    "audit_export": "导出审计日志",
    "init": "初始化数据库",
    "copy_create": "登记文件份号",
    "copy_sign": "签收文件份",
    "copy_send": "送阅",
    "copy_take_back": "收回阅件",
    "copy_return": "清退",
    "copy_destroy": "销毁",
    "alert_raise": "发出紧急提醒",
    "alert_ack": "确认紧急提醒",
    "duty_generate": "生成值班表",
    "duty_swap_request": "申请换班",
    "duty_swap_approve": "批准换班",
    "duty_swap_refuse": "不批准换班",
    "audit_keyed": "审计日志启用密钥保护",
    "audit_checkpoint": "导出审计校验点",
    "password_reset_approve": "批准重置密码",
    "password_reset_reject": "驳回重置密码",
    "backup": "备份数据库",
    "restore": "恢复数据库",
    "file_attach": "添加文件",
    "file_view": "查看文件",
    "file_export": "导出文件",
    "file_open": "用本机程序打开文件",
    "file_print": "打印文件",
    "file_void": "作废文件",
    "file_import": "按文件夹导入文件",
}


def _digest(prev_hash: str, fields: Mapping[str, Any], key: bytes | None = None) -> str:
    """The entry's chain hash: HMAC-SHA-256 under the machine's audit key; plain SHA-256 (key None) only
    for the entries written before keying (sealed by an ``audit_keyed`` entry, see audit_chain)."""
    payload = (
        prev_hash + json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    ).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def session_key(session: Session) -> bytes:
    """The audit key the Database was opened with, or the machine's key from the configuration folder."""
    key = session.info.get("audit_key")
    if key is None:
        from app.services.audit_key import machine_key

        key = session.info["audit_key"] = machine_key()
    return key


def _hash_fields(e: AuditEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "ts": e.ts.isoformat(timespec="microseconds"),
        "user_id": e.user_id,
        "user_login": e.user_login,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "result": e.result,
        "detail": e.detail,
        "host": e.host,
    }


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str = "",
    object_id: object = "",
    *,
    result: str = "success",
    detail: Mapping[str, Any] | str | None = None,
    login: str | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (the writer's BEGIN IMMEDIATE serialises the chain)."""
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    prev_hash = last.hash if last else GENESIS
    next_id = (last.id + 1) if last else 1
    if isinstance(detail, Mapping):
        detail_text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    else:
        detail_text = detail or ""
    entry = AuditEntry(
        id=next_id,
        ts=datetime.now(),
        user_id=actor.id if actor and actor.id else None,
        user_login=login if login is not None else (actor.login if actor else ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        result=result,
        detail=detail_text,
        host=(actor.host if actor and actor.host else HOST),
        prev_hash=prev_hash,
        hash="",
    )
    key = session_key(session)
    entry.hash = _digest(prev_hash, _hash_fields(entry), key)
    session.add(entry)
    _move_anchor(session, entry, key)
    session.flush()
    return entry


HEAD_KEY = "audit_head"


def anchor_value(entry_id: int, entry_hash: str, key: bytes) -> str:
    from app.services.audit_key import key_id, mac

    return json.dumps(
        {"id": entry_id, "hash": entry_hash, "key": key_id(key), "mac": mac(key, f"{entry_id}:{entry_hash}")}
    )


def _move_anchor(session: Session, entry: AuditEntry, key: bytes) -> None:
    """Keep the id and hash of the newest entry outside the chain, in the same transaction, so that
    cutting entries off the END of the log (which leaves a valid shorter chain) is noticed by verify; the
    anchor carries an HMAC, so a rewritten anchor for a shortened log is noticed too."""
    value = anchor_value(entry.id, entry.hash, key)
    anchor = session.get(Setting, HEAD_KEY)
    if anchor is None:
        session.add(Setting(key=HEAD_KEY, value=value))
    else:
        anchor.value = value


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_id: int | None = None
    reason: str = ""
    warnings: tuple[str, ...] = ()  # not tampering, but the auditor must know (old unkeyed log, no triggers)


@dataclass(frozen=True)
class AuditRow:
    id: int
    ts: datetime
    user_login: str
    action: str
    action_label: str
    object_type: str
    object_id: str
    result: str
    detail: str  # as stored (JSON)
    host: str
    object_type_label: str = ""  # 收文登记, 账户, 安全策略 …
    object_label: str = ""  # the record's number (not its row id), the login, …
    detail_lines: tuple[str, ...] = ()  # "字段：旧值 → 新值"

    @property
    def result_label(self) -> str:
        return "成功" if self.result == "success" else "失败"

    @property
    def detail_text(self) -> str:
        return "；".join(self.detail_lines)


# Entries about the administrators' own objects (accounts, policy, the log itself) are shown in full; for
# every other entry (register records, copies, prints, imports) the three administrators — who hold no
# clearance — see only the action, the record number and the NAMES of the fields involved, never their
# content (titles, notes, 批示 text), whether the record is classified or not.
ADMIN_OBJECTS = {"user", "database", "security_policy", "audit_log", "office_settings", "printer"}
SHOWN_VALUES = {
    "number", "step", "version", "rows", "voided", "secret_level", "copy_no", "copies", "alert", "format",
    "form", "entries", "file", "purpose", "legacy_entries", "legacy_chain_ok", "draft_no", "failures",
    "year", "skipped", "skipped_rows", "total", "sheet",
}  # fmt: skip
# on prints and exports "title"/"what" name the form or register book, "filters" the book's subtitle
OUTPUT_ACTIONS = {"print", "export", "import"}
OUTPUT_VALUES = {"title", "filters", "what"}


def admin_view(action: str, object_type: str, detail: str) -> str:
    """The detail as an administrator may read it (see ADMIN_OBJECTS)."""
    if object_type in ADMIN_OBJECTS or not detail:
        return detail
    try:
        data = json.loads(detail)
    except ValueError:
        return "（详情含业务内容，不显示）"
    if not isinstance(data, dict):
        return "（详情含业务内容，不显示）"
    allowed = SHOWN_VALUES | (OUTPUT_VALUES if action in OUTPUT_ACTIONS else set())
    shown: dict[str, Any] = {k: v for k, v in data.items() if k in allowed and not isinstance(v, dict)}
    changes = data.get("changes")
    if isinstance(changes, (dict, list)):
        shown["changes"] = sorted(str(k) for k in changes)
    others = sorted(k for k in data if k not in allowed and k != "changes")
    if others:
        shown["fields"] = others
    return json.dumps(shown, ensure_ascii=False, sort_keys=True)


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(
        e.id,
        e.ts,
        e.user_login,
        e.action,
        ACTION_LABELS.get(e.action, e.action),
        e.object_type,
        e.object_id,
        e.result,
        admin_view(e.action, e.object_type, e.detail),
        e.host,
    )


def present(rows: list[AuditRow], catalog: Any, numbers: Mapping[tuple[str, str], str]) -> list[AuditRow]:
    """Rows with Chinese object types, record numbers and readable details (see audit_view)."""
    from dataclasses import replace

    from app.domain.policy import SecurityPolicy
    from app.services import audit_view as view

    registers = {r.key: r for r in catalog} if catalog is not None else {}
    out = []
    for r in rows:
        detail = view.parse_detail(r.detail)
        reg = registers.get(r.object_type)

        def field_label(name: str, reg: Any = reg) -> str | None:
            if reg is None:
                return None
            try:
                return str(reg.field(name).label)
            except KeyError:
                return None

        lines = view.detail_lines(r.object_type, detail, field_label, SecurityPolicy.LABELS, r.action)
        if reg is not None:
            lines = view.compress_record_fields(lines)
            number = str(detail.get("number") or numbers.get((r.object_type, r.object_id), ""))
            obj = number or (f"第{r.object_id}条" if r.object_id else "")
        elif r.object_type == "office_settings":
            obj = str(detail.get("label") or r.object_id)
        else:
            obj = r.object_id
        out.append(
            replace(
                r,
                action_label=view.action_label(
                    r.action, ACTION_LABELS, {**detail, "_object_type": r.object_type}
                ),
                object_type_label=reg.title
                if reg is not None
                else view.OBJECT_TYPES.get(r.object_type, r.object_type),
                object_label=obj,
                detail_lines=tuple(lines),
            )
        )
    return out


class AuditService:
    """Read side of the audit log, for the 安全审计员 only."""

    def __init__(self, db: Database, catalog: Any = None) -> None:
        self.db = db
        self.catalog = catalog  # the registers: their titles and field labels, and where numbers live

    def object_types(self) -> list[tuple[str, str]]:
        """(stored object type, Chinese label) for the filter."""
        from app.services.audit_view import OBJECT_TYPES

        registers = [(r.key, r.title) for r in self.catalog] if self.catalog is not None else []
        return [*registers, *OBJECT_TYPES.items()]

    def logins(self, actor: Actor) -> list[str]:
        """Everyone who appears in the log, for the user filter."""
        actor.require_admin(AdminRole.AUDIT, "查阅审计日志")
        with self.db.read() as s:
            return [
                x
                for x in s.scalars(select(AuditEntry.user_login).distinct().order_by(AuditEntry.user_login))
                if x
            ]

    def _numbers(self, s: Session, rows: list[AuditRow]) -> dict[tuple[str, str], str]:
        """Numbers of the records the rows name by id only (a 作废 or 提醒 entry may not carry one)."""
        if self.catalog is None:
            return {}
        wanted: dict[str, set[int]] = {}
        keys = {r.key for r in self.catalog}
        for r in rows:
            if r.object_type in keys and r.object_id.isdigit() and '"number"' not in r.detail:
                wanted.setdefault(r.object_type, set()).add(int(r.object_id))
        found: dict[tuple[str, str], str] = {}
        for key, ids in wanted.items():
            model = self.catalog.get(key).model
            for rid, number in s.execute(select(model.id, model.number).where(model.id.in_(ids))):
                found[(key, str(rid))] = number or ""
        return found

    def verify(self, checkpoint: Mapping[str, Any] | None = None, *, legacy: bool = False) -> ChainReport:
        """The chain checked with the machine's key, plus the append-only triggers; with ``checkpoint``
        (an exported 校验点) also that nothing before it was cut or rewritten since."""
        from app.services.audit_chain import verify_chain

        with self.db.read() as s:
            return verify_chain(s, session_key(s), checkpoint=checkpoint, legacy=legacy)

    def search(
        self,
        actor: Actor,
        text: str = "",
        user: str = "",
        action: str = "",
        object_type: str = "",
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 500,
        offset: int = 0,
    ) -> tuple[int, list[AuditRow]]:
        actor.require_admin(AdminRole.AUDIT, "查阅审计日志")
        q = select(AuditEntry)
        if text:
            like = f"%{text}%"
            q = q.where(
                or_(
                    # business entries match by record number only: searching their details for a
                    # word would tell the administrator what the records say
                    and_(AuditEntry.object_type.in_(ADMIN_OBJECTS), AuditEntry.detail.like(like)),
                    AuditEntry.detail.like(f'%"number": "{text}"%'),
                    AuditEntry.object_id.like(like),
                    AuditEntry.object_type.like(like),
                    AuditEntry.user_login.like(like),
                )
            )
        if user:
            q = q.where(AuditEntry.user_login == user)
        if action:
            q = q.where(AuditEntry.action == action)
        if object_type:
            q = q.where(AuditEntry.object_type == object_type)
        if since:
            q = q.where(AuditEntry.ts >= since)
        if until:
            q = q.where(AuditEntry.ts <= until)
        with self.db.read() as s:
            total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
            rows = [_row(e) for e in s.scalars(q.order_by(AuditEntry.id.desc()).limit(limit).offset(offset))]
            rows = present(rows, self.catalog, self._numbers(s, rows))
        return total, rows

    def export_csv(self, actor: Actor, path: Path, **filters: Any) -> int:
        actor.require_admin(AdminRole.AUDIT, "导出审计日志")
        total, rows = self.search(actor, limit=10**9, **filters)
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(["序号", "时间", "用户", "操作", "对象类型", "对象", "结果", "详情", "主机"])
            for r in rows:  # what the screen shows, one entry a line
                w.writerow(
                    csv_safe(v)
                    for v in [
                        r.id,
                        r.ts.isoformat(sep=" ", timespec="seconds"),
                        r.user_login,
                        r.action_label,
                        r.object_type_label,
                        r.object_label,
                        r.result_label,
                        r.detail_text,
                        r.host,
                    ]
                )
        with self.db.write() as s:
            record(s, actor, "audit_export", "audit_log", "", detail={"rows": total, "file": str(path)})
        return total

    def export_checkpoint(self, actor: Actor, path: Path | None = None) -> dict[str, Any]:
        """A signed 校验点 of the log as it is now (count + head), written to ``path`` (removable media) or
        only returned for printing; `check --against` it later shows any cut or rewrite since."""
        from app.services.audit_chain import checkpoint_text, make_checkpoint

        actor.require_admin(AdminRole.AUDIT, "导出审计校验点")
        with self.db.write() as s:
            cp = make_checkpoint(s, self.db.url.split("///", 1)[-1])
            record(s, actor, "audit_checkpoint", "audit_log", "", detail={"entries": cp["head_id"]})
        if path is not None:
            Path(path).write_text(checkpoint_text(cp), encoding="utf-8")
        return cp


def raise_if_broken(report: ChainReport) -> None:
    if not report.ok:
        raise IntegrityBroken(report.reason)
