"""Logging in, the idle lock, changing one's own password, logging out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.errors import AccountLocked, NotAuthenticated, ValidationFailed
from app.domain.policy import password_problem
from app.services import audit
from app.services.accounts import to_actor
from app.services.actor import Actor
from app.services.passwords import hash_password, verify_password
from app.services.settings import load_policy
from db.engine import Database
from db.models.core import AuditEntry, User

BAD_CREDENTIALS = "登录名或密码错误"
_FAILURES = ("login_failed", "unlock_failed")
_RESETS = {
    "password_reset": "{by} 申请重置了您的密码",
    "password_reset_approve": "{by} 批准了您的密码重置",
    "password_reset_reject": "{by} 驳回了您的密码重置",
}


@dataclass(frozen=True)
class LoginNotice:
    """What a user is shown at login (等保 身份鉴别): the previous successful login, and the failed attempts
    and password resets on the account since then."""

    last_login: datetime | None
    last_host: str
    failures: int
    last_failure: datetime | None
    resets: tuple[str, ...]

    @property
    def alarming(self) -> bool:
        return bool(self.failures or self.resets)

    @property
    def text(self) -> str:
        if self.last_login is None:
            parts = ["该账户此前没有成功登录的记录"]
        else:
            parts = [
                f"上次登录：{self.last_login:%Y-%m-%d %H:%M}"
                + (f"（{self.last_host}）" if self.last_host else "")
            ]
        if self.failures:
            parts.append(
                f"此后有 {self.failures} 次密码错误的登录尝试（最近一次 {self.last_failure:%m-%d %H:%M}）"
            )
        parts.extend(self.resets)
        text = "；".join(parts) + "。"
        return text + ("如非本人所为，请立即报告安全保密管理员。" if self.alarming else "")


class AuthService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _check(self, login: str, password: str, success_action: str, fail_action: str) -> Actor:
        """Verify a password; count failures and lock after the policy's limit. Always audited."""
        now = datetime.now()
        with self.db.write() as s:
            policy = load_policy(s)
            user = s.scalar(select(User).where(User.login == (login or "").strip()))
            if user is None:
                audit.record(
                    s,
                    None,
                    fail_action,
                    "user",
                    login,
                    result="failure",
                    login=login or "",
                    detail={"reason": "unknown login"},
                )
                error: Exception = NotAuthenticated(BAD_CREDENTIALS)
            elif not user.is_active:
                audit.record(
                    s,
                    None,
                    fail_action,
                    "user",
                    login,
                    result="failure",
                    login=login,
                    detail={"reason": "disabled"},
                )
                error = NotAuthenticated("该账户已停用，请联系系统管理员")
            elif user.locked_until and user.locked_until > now:
                minutes = int((user.locked_until - now).total_seconds() // 60) + 1
                audit.record(
                    s,
                    None,
                    fail_action,
                    "user",
                    login,
                    result="failure",
                    login=login,
                    detail={"reason": "locked"},
                )
                error = AccountLocked(f"连续登录失败次数过多，账户已锁定，请{minutes}分钟后再试")
            elif not verify_password(user.password_hash, password or ""):
                user.failed_logins += 1
                detail = {"reason": "bad password", "failures": user.failed_logins}
                if user.failed_logins >= policy.max_failed_logins:
                    user.locked_until = now + timedelta(minutes=policy.lockout_minutes)
                    user.failed_logins = 0
                    detail["locked_until"] = user.locked_until.isoformat(timespec="seconds")
                    error = AccountLocked(
                        f"连续{policy.max_failed_logins}次密码错误，账户已锁定{policy.lockout_minutes}分钟"
                    )
                else:
                    left = policy.max_failed_logins - user.failed_logins
                    error = NotAuthenticated(f"{BAD_CREDENTIALS}（再错{left}次将锁定账户）")
                audit.record(
                    s, None, fail_action, "user", login, result="failure", login=login, detail=detail
                )
            else:
                user.failed_logins, user.locked_until = 0, None
                actor = to_actor(user)
                audit.record(s, actor, success_action, "user", login)
                return actor
        raise error

    def login(self, login: str, password: str) -> Actor:
        return self._check(login, password, "login", "login_failed")

    def login_notice(self, actor: Actor) -> LoginNotice:
        """Call right after ``login``: the entry of THIS login is the newest, the one before it the last."""
        with self.db.read() as s:
            logins = s.execute(
                select(AuditEntry.id, AuditEntry.ts, AuditEntry.host)
                .where(
                    AuditEntry.user_login == actor.login,
                    AuditEntry.action == "login",
                    AuditEntry.result == "success",
                )
                .order_by(AuditEntry.id.desc())
                .limit(2)
            ).all()
            previous = logins[1] if len(logins) > 1 else None
            since = previous.id if previous else 0
            failed = s.execute(
                select(AuditEntry.ts)
                .where(
                    AuditEntry.user_login == actor.login,
                    AuditEntry.action.in_(_FAILURES),
                    AuditEntry.id > since,
                )
                .order_by(AuditEntry.id)
            ).all()
            resets = s.execute(
                select(AuditEntry.ts, AuditEntry.action, AuditEntry.user_login)
                .where(
                    AuditEntry.object_type == "user",
                    AuditEntry.object_id == actor.login,
                    AuditEntry.action.in_(_RESETS),
                    AuditEntry.id > since,
                )
                .order_by(AuditEntry.id)
            ).all()
        return LoginNotice(
            previous.ts if previous else None,
            previous.host if previous else "",
            len(failed),
            failed[-1].ts if failed else None,
            tuple(f"{r.ts:%m-%d %H:%M} " + _RESETS[r.action].format(by=r.user_login) for r in resets),
        )

    def unlock(self, actor: Actor, password: str) -> Actor:
        return self._check(actor.login, password, "unlock", "unlock_failed")

    def needs_password_change(self, actor: Actor) -> str | None:
        """Why the user must change the password now (first login, reset, expired), or None."""
        with self.db.read() as s:
            user = s.get(User, actor.id)
            policy = load_policy(s)
            if user is None:
                return None
            if user.must_change_password:
                return "首次登录或密码被重置，请先修改密码"
            if (
                user.password_changed_at
                and (datetime.now() - user.password_changed_at).days > policy.password_max_age_days
            ):
                return f"密码已超过{policy.password_max_age_days}天未修改，请修改密码"
        return None

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        with self.db.write() as s:
            user = s.get(User, actor.id)
            if user is None or not verify_password(user.password_hash, old_password or ""):
                audit.record(
                    s,
                    actor,
                    "password_change",
                    "user",
                    actor.login,
                    result="failure",
                    detail={"reason": "bad old password"},
                )
                error: Exception = ValidationFailed({"old_password": "原密码不正确"})
            else:
                problem = password_problem(new_password or "", actor.login, load_policy(s))
                if problem is None and old_password == new_password:
                    problem = "新密码不能与原密码相同"
                if problem:
                    raise ValidationFailed({"new_password": problem})
                user.password_hash = hash_password(new_password)
                user.must_change_password = False
                user.password_changed_at = datetime.now()
                audit.record(s, actor, "password_change", "user", actor.login)
                return
        raise error

    def lock(self, actor: Actor) -> None:
        with self.db.write() as s:
            audit.record(s, actor, "lock", "user", actor.login)

    def logout(self, actor: Actor) -> None:
        with self.db.write() as s:
            audit.record(s, actor, "logout", "user", actor.login)
