"""Accounts (账户管理). The 系统管理员 creates, disables and resets accounts; the 安全保密管理员 grants
roles and clearances; the 安全审计员 only reads the audit log. There is no all-powerful account."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import AdminRole, Role, SecretLevel
from app.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.domain.policy import password_problem
from app.services import audit
from app.services.actor import Actor
from app.services.passwords import hash_password
from app.services.settings import load_policy
from db.engine import Database
from db.models.core import User, UserRole

LOGIN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{1,31}$")

DEFAULT_ADMIN_LOGINS = {
    AdminRole.SYSTEM: "sysadmin",
    AdminRole.SECURITY: "secadmin",
    AdminRole.AUDIT: "auditor",
}


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    name: str
    department: str
    clearance: SecretLevel
    admin_role: AdminRole | None
    roles: frozenset[Role]
    is_active: bool
    must_change_password: bool
    locked_until: datetime | None
    reset_pending_by: str = ""  # a 系统管理员's password reset waiting for the 安全保密管理员 (login)
    reset_pending_at: datetime | None = None

    @property
    def role_text(self) -> str:
        if self.admin_role:
            return self.admin_role.label
        return "、".join(r.label for r in Role if r in self.roles)


def to_info(u: User) -> UserInfo:
    return UserInfo(
        id=u.id,
        login=u.login,
        name=u.name,
        department=u.department,
        clearance=SecretLevel(u.clearance),
        admin_role=AdminRole(u.admin_role) if u.admin_role else None,
        roles=frozenset(Role(r.role) for r in u.roles),
        is_active=u.is_active,
        must_change_password=u.must_change_password,
        locked_until=u.locked_until,
        reset_pending_by=u.pending_reset_by if u.pending_password_hash else "",
        reset_pending_at=u.pending_reset_at if u.pending_password_hash else None,
    )


def to_actor(u: User, host: str = "") -> Actor:
    info = to_info(u)
    return Actor(u.id, u.login, u.name, info.clearance, info.roles, info.admin_role, host)


def find_user(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise NotFound(f"没有登录名为“{login}”的账户")
    return user


class AccountService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- setup -------------------------------------------------------------------------------
    def is_initialised(self) -> bool:
        """True once the administrators exist (the GUI shows the first-run dialog otherwise)."""
        with self.db.read() as s:
            return s.scalar(select(User.id).limit(1)) is not None

    def initialise(
        self,
        passwords: dict[AdminRole, str],
        logins: dict[AdminRole, str] | None = None,
        names: dict[AdminRole, str] | None = None,
        machine_level: SecretLevel | None = None,
    ) -> list[UserInfo]:
        """Create the three administrators on an empty database (init / first-run dialog); optionally set
        the machine's classification (本机密级) in the same transaction, since no admin can log in yet."""
        logins = {**DEFAULT_ADMIN_LOGINS, **(logins or {})}
        errors: dict[str, str] = {}
        with self.db.write() as s:
            if s.scalar(select(User.id).limit(1)) is not None:
                raise Conflict("数据库已经初始化，不能重复初始化")
            policy = load_policy(s)
            for role in AdminRole:
                login = logins[role]
                if not LOGIN_RE.match(login):
                    errors[f"{role.value}_login"] = "登录名须以字母开头，由字母、数字、下划线组成，2-32位"
                problem = password_problem(passwords.get(role, ""), login, policy)
                if problem:
                    errors[f"{role.value}_password"] = f"{role.label}：{problem}"
            if len(set(logins.values())) != 3:
                errors["logins"] = "三个管理员的登录名不能相同"
            if errors:
                raise ValidationFailed(errors)
            created = []
            now = datetime.now()
            for role in AdminRole:
                u = User(
                    login=logins[role],
                    name=(names or {}).get(role, role.label),
                    department="",
                    password_hash=hash_password(passwords[role]),
                    clearance=SecretLevel.NONE.value,
                    admin_role=role.value,
                    is_active=True,
                    must_change_password=True,
                    created_at=now,
                )
                s.add(u)
                s.flush()
                created.append(to_info(u))
            audit.record(
                s, None, "init", "database", "", login="system", detail={"admins": [u.login for u in created]}
            )
            if machine_level is not None:
                from app.services.settings import POLICY_KEY, get_value, set_value

                stored = get_value(s, POLICY_KEY, {}) or {}
                set_value(s, POLICY_KEY, {**stored, "machine_level": SecretLevel(machine_level).value})
                audit.record(
                    s,
                    None,
                    "setting_change",
                    "security_policy",
                    "",
                    login="system",
                    detail={"machine_level": SecretLevel(machine_level).label},
                )
        return created

    # --- reading -----------------------------------------------------------------------------
    def list_users(self, actor: Actor) -> list[UserInfo]:
        if not actor.is_admin:
            raise PermissionDenied("只有管理员可以查看账户列表")
        with self.db.read() as s:
            return [to_info(u) for u in s.scalars(select(User).order_by(User.id))]

    def get(self, actor: Actor, login: str) -> UserInfo:
        if not actor.is_admin and actor.login != login:
            raise PermissionDenied("只有管理员可以查看其他账户")
        with self.db.read() as s:
            return to_info(find_user(s, login))

    def directory(self) -> list[tuple[str, str]]:
        """(login, name) of active business users, for person pickers; no rights needed."""
        with self.db.read() as s:
            rows = s.execute(
                select(User.login, User.name)
                .where(User.is_active, User.admin_role.is_(None))
                .order_by(User.id)
            )
            return [(r.login, r.name) for r in rows]

    # --- 系统管理员 ------------------------------------------------------------------------------
    def create_user(
        self, actor: Actor, login: str, name: str, password: str, department: str = ""
    ) -> UserInfo:
        actor.require_admin(AdminRole.SYSTEM, "新建账户")
        login, name = (login or "").strip(), (name or "").strip()
        errors: dict[str, str] = {}
        if not LOGIN_RE.match(login):
            errors["login"] = "登录名须以字母开头，由字母、数字、下划线组成，2-32位"
        if not name:
            errors["name"] = "请填写姓名"
        with self.db.write() as s:
            policy = load_policy(s)
            problem = password_problem(password or "", login, policy)
            if problem:
                errors["password"] = problem
            if login and s.scalar(select(User.id).where(User.login == login)) is not None:
                errors["login"] = f"登录名“{login}”已被使用"
            if errors:
                raise ValidationFailed(errors)
            u = User(
                login=login,
                name=name,
                department=department.strip(),
                password_hash=hash_password(password),
                clearance=SecretLevel.NONE.value,
                admin_role=None,
                is_active=True,
                must_change_password=True,
                created_at=datetime.now(),
            )
            s.add(u)
            s.flush()
            audit.record(
                s, actor, "user_create", "user", login, detail={"name": name, "department": department}
            )
            return to_info(u)

    @staticmethod
    def _business_account(s: Session, login: str, action: str) -> User:
        """The 系统管理员 manages business accounts only: taking over the 安全保密管理员's or the
        审计员's account (reset its password, disable it) would undo the separation of the three."""
        u = find_user(s, login)
        if u.admin_role:
            raise PermissionDenied(f"系统管理员不能{action}三员账户“{login}”（三员分立）")
        return u

    def set_active(self, actor: Actor, login: str, active: bool) -> UserInfo:
        actor.require_admin(AdminRole.SYSTEM, "停用或启用账户")
        if login == actor.login:
            raise Conflict("不能停用自己的账户")
        with self.db.write() as s:
            u = self._business_account(s, login, "停用或启用")
            u.is_active = active
            if active:
                u.failed_logins, u.locked_until = 0, None
            audit.record(s, actor, "user_enable" if active else "user_disable", "user", login)
            return to_info(u)

    def reset_password(self, actor: Actor, login: str, new_password: str) -> UserInfo:
        """Set a new password that works only once the 安全保密管理员 approves it (two-person rule): alone,
        the 系统管理员 could reset a clerk's password, log in as her and read her 机密 records."""
        actor.require_admin(AdminRole.SYSTEM, "重置密码")
        with self.db.write() as s:
            u = self._business_account(s, login, "重置密码")
            problem = password_problem(new_password or "", login, load_policy(s))
            if problem:
                raise ValidationFailed({"password": problem})
            u.pending_password_hash = hash_password(new_password)
            u.pending_reset_by, u.pending_reset_at = actor.login, datetime.now()
            audit.record(s, actor, "password_reset", "user", login, result="pending")
            return to_info(u)

    # --- 安全保密管理员 ------------------------------------------------------------------------------
    def _business_user(self, s: Session, login: str) -> User:
        u = find_user(s, login)
        if u.admin_role:
            raise Conflict("三员账户不能授予业务岗位或涉密等级（三员分立）")
        return u

    def approve_password_reset(self, actor: Actor, login: str, approve: bool = True) -> UserInfo:
        """The second person of a reset: from now the new password works (and must be changed at the next
        login); or the reset is refused and the old password stays."""
        actor.require_admin(AdminRole.SECURITY, "批准重置密码")
        with self.db.write() as s:
            u = self._business_user(s, login)
            if not u.pending_password_hash:
                raise Conflict(f"账户“{login}”没有待批准的密码重置")
            requested_by = u.pending_reset_by
            if approve:
                u.password_hash = u.pending_password_hash
                u.must_change_password = True
                u.failed_logins, u.locked_until = 0, None
                u.password_changed_at = datetime.now()
            u.pending_password_hash, u.pending_reset_by, u.pending_reset_at = None, "", None
            action = "password_reset_approve" if approve else "password_reset_reject"
            audit.record(s, actor, action, "user", login, detail={"requested_by": requested_by})
            return to_info(u)

    def grant_role(self, actor: Actor, login: str, role: Role) -> UserInfo:
        actor.require_admin(AdminRole.SECURITY, "授予岗位")
        with self.db.write() as s:
            u = self._business_user(s, login)
            if role.value not in {r.role for r in u.roles}:
                u.roles.append(UserRole(role=role.value))
                audit.record(s, actor, "role_grant", "user", login, detail={"role": role.label})
            s.flush()
            return to_info(u)

    def revoke_role(self, actor: Actor, login: str, role: Role) -> UserInfo:
        actor.require_admin(AdminRole.SECURITY, "收回岗位")
        with self.db.write() as s:
            u = self._business_user(s, login)
            for r in list(u.roles):
                if r.role == role.value:
                    u.roles.remove(r)
                    audit.record(s, actor, "role_revoke", "user", login, detail={"role": role.label})
            s.flush()
            return to_info(u)

    def set_clearance(self, actor: Actor, login: str, level: SecretLevel) -> UserInfo:
        actor.require_admin(AdminRole.SECURITY, "调整涉密等级")
        with self.db.write() as s:
            u = self._business_user(s, login)
            before = SecretLevel(u.clearance)
            u.clearance = level.value
            audit.record(
                s,
                actor,
                "clearance_change",
                "user",
                login,
                detail={"before": before.label, "after": level.label},
            )
            return to_info(u)
