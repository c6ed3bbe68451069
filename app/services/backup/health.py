"""Is the database file sound? A bounded ``PRAGMA quick_check`` on every start, and the full check
(``integrity_check`` and the audit hash chain) for ``check``, restores and backups."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.services.audit import ChainReport

# Above this size the start-up check covers the schema and the small tables everything depends on
# (accounts, settings, counters, the audit log) instead of every page: a full quick_check reads the whole
# file (about 1.5 s for the 1,000,000-row bench database). The full check stays with `check` and every backup.
FULL_QUICK_CHECK_BYTES = 256 * 2**20
CRITICAL_TABLES = ("alembic_version", "users", "user_roles", "settings", "counters", "audit_log")


@dataclass(frozen=True)
class HealthReport:
    path: str
    integrity_ok: bool
    problems: tuple[str, ...] = ()
    chain: ChainReport | None = None
    chain_error: str = ""
    scope: str = "full"  # "full" | "quick" | "critical" (what was checked)

    @property
    def chain_ok(self) -> bool:
        return self.chain is not None and self.chain.ok

    @property
    def ok(self) -> bool:
        return self.integrity_ok and (self.scope != "full" or self.chain_ok)

    def text(self) -> str:
        """Says which check found what, in Chinese."""
        lines = []
        if self.integrity_ok:
            lines.append("数据库文件结构检查（integrity_check）：正常")
        else:
            lines.append("数据库文件结构检查：发现损坏——" + "；".join(self.problems[:5]))
        if self.scope == "full":
            if self.chain_ok and self.chain is not None:
                lines.append(f"审计日志完整：共 {self.chain.entries} 条，校验链无误")
            elif self.chain is not None:
                lines.append(f"审计日志校验链：异常——{self.chain.reason}")
            else:
                lines.append(f"审计日志校验链：无法读取——{self.chain_error}")
        return "\n".join(lines)


def _connect(path: Path, immutable: bool = False) -> sqlite3.Connection:
    # read-only; immutable only for backups (a live database may be in WAL mode with another process writing)
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"file:{path}?{flags}", uri=True, timeout=30)


def _pragma(con: sqlite3.Connection, sql: str) -> list[str]:
    return [str(r[0]) for r in con.execute(sql).fetchall()]


def structure_check(
    path: Path, pragma: str = "integrity_check", bounded: bool = False, immutable: bool = False
) -> HealthReport:
    """PRAGMA quick_check / integrity_check; bounded: only the critical tables on a large file."""
    scope = "full" if pragma == "integrity_check" else "quick"
    try:
        con = _connect(path, immutable)
    except sqlite3.Error as e:
        return HealthReport(str(path), False, (f"无法打开：{e}",), scope=scope)
    try:
        if bounded and path.stat().st_size > FULL_QUICK_CHECK_BYTES:
            scope = "critical"
            tables = set(_pragma(con, "SELECT name FROM sqlite_master WHERE type='table'"))
            result = []
            for table in CRITICAL_TABLES:
                if table in tables:
                    result += [r for r in _pragma(con, f'PRAGMA quick_check("{table}")') if r != "ok"]
            result = result or ["ok"]
        else:
            result = _pragma(con, f"PRAGMA {pragma}")
    except sqlite3.DatabaseError as e:
        return HealthReport(str(path), False, (_explain(e),), scope=scope)
    finally:
        con.close()
    if result == ["ok"]:
        return HealthReport(str(path), True, scope=scope)
    return HealthReport(str(path), False, tuple(result), scope=scope)


def _explain(e: Exception) -> str:
    text = str(e)
    if "not a database" in text:
        return "文件头已损坏或不是数据库文件（file is not a database）"
    if "malformed" in text:
        return "数据库页面已损坏（database disk image is malformed）"
    return text


def startup_check(path: Path) -> HealthReport:
    return structure_check(path, "quick_check", bounded=True)


def full_check(path: Path, immutable: bool = False, extra_keys: tuple[bytes, ...] = ()) -> HealthReport:
    """integrity_check and the audit chain; each reported on its own, neither stops the other."""
    report = structure_check(path, "integrity_check", immutable=immutable)
    chain, chain_error = None, ""
    try:
        chain = verify_chain_at(path, immutable, extra_keys)
    except Exception as e:  # noqa: BLE001 — a damaged file fails in many ways; all of them are a finding
        chain_error = _explain(getattr(e, "orig", None) or e)
    return HealthReport(str(path), report.integrity_ok, report.problems, chain, chain_error, "full")


def verify_chain_at(path: Path, immutable: bool = False, extra_keys: tuple[bytes, ...] = ()) -> ChainReport:
    """The audit chain of a file, read without writing to it (a backup stays byte-identical)."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.services.audit_chain import verify_chain
    from app.services.audit_key import UnknownAuditKey, key_of_file
    from db.migrate import applied_revisions, current_revisions

    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(f"file:{path}?{flags}", uri=True, timeout=30)
    )
    try:
        from app.services.audit_chain import KEYED_AUDIT_REVISION

        legacy = KEYED_AUDIT_REVISION not in applied_revisions(current_revisions(engine))
        try:  # the key the file names: this machine's, one in its keyring, or one the backup carries
            key = key_of_file(path, extra=extra_keys)
        except UnknownAuditKey as e:
            return ChainReport(False, 0, None, e.message)
        with Session(engine) as s:
            return verify_chain(s, key, legacy=legacy)
    finally:
        engine.dispose()
