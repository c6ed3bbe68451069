"""Demo data: a realistic year of records for every area that exists, and demo accounts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from app.domain.enums import AdminRole, Role, SecretLevel
from app.domain.errors import Conflict, ValidationFailed
from app.services.accounts import AccountService
from app.services.container import Services
from app.services.passwords import hash_password
from db.models.core import User, UserRole

DEMO_PASSWORD = "Demo@2026"
DEMO_MACHINE_LEVEL = SecretLevel.TOP_SECRET

# login, name, department, roles, clearance
DEMO_USERS: list[tuple[str, str, str, tuple[Role, ...], SecretLevel]] = [
    # 收发文 and 督查: 立项督办 on a 收文 (and its 来源记录 in 督办) can be tried with one account
    ("wangfang", "王芳", "秘书科", (Role.DOCUMENTS, Role.SUPERVISION), SecretLevel.SECRET),
    ("lijun", "李军", "机要科", (Role.CONFIDENTIAL, Role.DOCUMENTS), SecretLevel.TOP_SECRET),
    ("zhaomin", "赵敏", "信访室", (Role.PETITIONS,), SecretLevel.NONE),
    ("chenqiang", "陈强", "综合科", (Role.MEETINGS, Role.RECEPTION, Role.DUTY), SecretLevel.SECRET),
    ("liuyang", "刘洋", "督查室", (Role.SUPERVISION, Role.INFORMATION), SecretLevel.SECRET),
    ("sunli", "孙丽", "调研室", (Role.RESEARCH,), SecretLevel.NONE),
    ("zhouzr", "周振荣", "办公室", (Role.LEADER, Role.DOCUMENTS), SecretLevel.CONFIDENTIAL),
]
LEADERS = ["周振荣", "吴建国", "郑海波", "冯志远", "何晓东"]


@dataclass
class DemoSummary:
    database: str
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"演示数据库：{self.database}", "演示账户（密码均为 %s）：" % DEMO_PASSWORD]
        lines += [f"  {login:<10} {name:<6} {roles}" for login, name, roles in self.accounts]
        if self.counts:
            lines.append("演示数据：" + "，".join(f"{k} {v} 条" for k, v in self.counts.items()))
        return "\n".join(lines)


def ensure_demo_accounts(services: Services) -> list[tuple[str, str, str]]:
    """Three administrators and one account per post, all with DEMO_PASSWORD and no forced change."""
    with services.db.read() as s:
        has_users = s.scalar(select(User.id).limit(1)) is not None
    if not has_users:
        AccountService(services.db).initialise({r: DEMO_PASSWORD for r in AdminRole})
    now = datetime.now()
    with services.db.write() as s:
        for u in s.scalars(select(User).where(User.admin_role.is_not(None))):
            u.must_change_password = False
            u.password_changed_at = now
        existing = set(s.scalars(select(User.login)))
        hashed = hash_password(DEMO_PASSWORD)
        for login, name, dept, roles, clearance in DEMO_USERS:
            if login in existing:
                continue
            u = User(
                login=login,
                name=name,
                department=dept,
                password_hash=hashed,
                clearance=clearance.value,
                admin_role=None,
                is_active=True,
                must_change_password=False,
                password_changed_at=now,
                created_at=now,
            )
            u.roles = [UserRole(role=r.value) for r in roles]
            s.add(u)
        from app.services import audit

        audit.record(s, None, "init", "demo", "", login="system", detail={"demo_accounts": len(DEMO_USERS)})
    accounts = [
        (login, AdminRole(role).label, "")
        for login, role in (("sysadmin", "system"), ("secadmin", "security"), ("auditor", "audit"))
    ]
    accounts = [(a, b, b) for a, b, _ in accounts]
    served = {r for a in services.areas for r in a.roles}  # posts that have an area in this version
    accounts += [
        (
            login,
            name,
            "、".join(r.label for r in roles)
            + f"（{c.label}）"
            + ("" if served & set(roles) else "　※本版本尚无该岗位的业务模块，登录后只有工作台"),
        )
        for login, name, _d, roles, c in DEMO_USERS
    ]
    return accounts


def demo_actor(services: Services, login: str):  # type: ignore[no-untyped-def]
    from app.services.accounts import find_user, to_actor

    with services.db.read() as s:
        return to_actor(find_user(s, login))


def fill_demo(services: Services, year: int | None = None, seed: int = 20261128) -> DemoSummary:
    """Fill a NEW database. Refused on one that has accounts already: demo accounts have a published
    password and must never appear in an office's real database."""
    year = year or date.today().year
    if not 2000 <= year <= 2100:
        raise ValidationFailed({"year": "演示数据的年份应在 2000 至 2100 之间"})
    with services.db.read() as s:
        if s.scalar(select(User.id).limit(1)) is not None:
            raise Conflict(
                "演示数据只能写入新的空数据库：该数据库已有账户，为安全起见拒绝写入演示账户和演示数据。"
                "请用 --db 指定一个新文件，或用 --demo 启动。"
            )
    summary = DemoSummary(services.db.url)
    summary.accounts = ensure_demo_accounts(services)
    # The demo holds 绝密 telegrams: the machine is set up for them, as the 安全保密管理员 would (audited).
    services.settings.update_policy(demo_actor(services, "secadmin"), machine_level=DEMO_MACHINE_LEVEL.value)
    rng = random.Random(seed)
    for area in services.areas:
        if area.demo:
            summary.counts.update(area.demo(services, {"year": year, "rng": rng, "actor": demo_actor}))
    return summary
