"""Database failures in the user's terms: locked (busy), disk full, read-only, damaged. Each becomes a typed
error whose Chinese message says what happened, that nothing was saved and what to do — never the SQL or its
parameters (which may hold audit hashes or record content)."""

from __future__ import annotations

import errno
import sqlite3
from typing import Any

from app.domain.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
)

NOTHING_SAVED = "本次操作没有保存任何内容。"

# SQLite primary result codes (sqlite_errorcode & 0xff)
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def busy_error(waited: float, notice: str = "") -> DatabaseBusy:
    who = f"：{notice}" if notice else "：另一位用户或程序正在写入"
    return DatabaseBusy(
        f"数据库正忙{who}。已等待{waited:.0f}秒仍未轮到本次保存，{NOTHING_SAVED}请稍后再点一次“保存”。"
    )


def disk_full() -> DiskFull:
    return DiskFull(
        f"磁盘空间已满，数据库无法写入。{NOTHING_SAVED}请清理磁盘空间（或请系统管理员把数据库移到空间充足的磁盘）后重试。"
    )


def read_only(what: str = "数据库文件") -> DatabaseReadOnly:
    return DatabaseReadOnly(
        f"{what}是只读的（文件设为只读、没有写权限，或位于光盘、只读共享目录）。{NOTHING_SAVED}"
        "登录、登记和修改都要写入数据库（每次登录都记入审计日志），只能用 check 校验；"
        "请系统管理员检查文件权限，或把数据库复制到可写的位置。"
    )


def damaged() -> DatabaseDamaged:
    return DatabaseDamaged(
        f"数据库文件已损坏，无法读写。{NOTHING_SAVED}请停止使用并通知系统管理员，"
        "用最近的备份恢复（升级前的备份在数据库旁的 backups 文件夹中）。"
    )


def classify(exc: BaseException) -> DatabaseProblem | None:
    """The typed error for a driver error (SQLAlchemy's wrapper or the DBAPI's own), or None."""
    orig: Any = getattr(exc, "orig", None) or exc
    if isinstance(orig, OSError) and not isinstance(orig, sqlite3.Error):
        return from_os_error(orig)
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)  # a server's SQLSTATE
    if isinstance(state, str):
        return _from_sqlstate(state)
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    if primary in (_BUSY, _LOCKED) or "database is locked" in text or "is busy" in text:
        return busy_error(0)
    if primary == _FULL or "disk is full" in text or "no space left" in text:
        return disk_full()
    if primary == _READONLY or "readonly database" in text or "read-only" in text:
        return read_only()
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return damaged()
    if primary == _IOERR or "disk i/o error" in text:
        return DatabaseProblem(
            f"读写数据库文件时出错（磁盘故障、已满，或 U 盘/网络盘被拔出）。{NOTHING_SAVED}"
            "请检查磁盘后重试；如反复出现，请系统管理员检查磁盘并用备份恢复。"
        )
    return None


def _from_sqlstate(state: str) -> DatabaseProblem | None:
    """PostgreSQL (and compatible servers): waiting for a lock, no space, a read-only server."""
    if state in ("55P03", "40001", "40P01", "57014"):  # lock timeout, serialisation, deadlock, cancelled
        return busy_error(0)
    if state == "53100":
        return disk_full()
    if state == "25006":
        return read_only("数据库服务器")
    return None


def from_os_error(e: OSError, what: str = "文件") -> DatabaseProblem | None:
    """Writing an output file (PDF, Word, export) or the database failed in the operating system."""
    if e.errno == errno.ENOSPC:
        return DiskFull(f"磁盘空间已满，{what}无法写入。{NOTHING_SAVED}请清理磁盘空间后重试。")
    if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only(what)
    return None
