"""Who is acting: the plain, immutable view of a logged-in user that every service method receives."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.enums import AdminRole, Role, SecretLevel
from app.domain.errors import PermissionDenied


@dataclass(frozen=True)
class Actor:
    id: int
    login: str
    name: str
    clearance: SecretLevel = SecretLevel.NONE
    roles: frozenset[Role] = field(default_factory=frozenset)
    admin_role: AdminRole | None = None
    host: str = ""

    @property
    def is_admin(self) -> bool:
        return self.admin_role is not None

    def has_role(self, *roles: Role) -> bool:
        return not self.is_admin and any(r in self.roles for r in roles)

    def require_role(self, *roles: Role, action: str = "") -> None:
        if not self.has_role(*roles):
            names = "、".join(r.label for r in roles)
            raise PermissionDenied(f"没有权限{action}：需要“{names}”岗位权限")

    def require_admin(self, role: AdminRole, action: str = "") -> None:
        if self.admin_role is not role:
            raise PermissionDenied(f"没有权限{action}：只有{role.label}可以操作")

    def can_see(self, level: SecretLevel | str) -> bool:
        level = SecretLevel(level)
        return not self.is_admin and level.rank <= self.clearance.rank

    def require_clearance(self, level: SecretLevel | str) -> None:
        level = SecretLevel(level)
        if not self.can_see(level):
            raise PermissionDenied(f"您的涉密等级不足，不能查看{level.label}级内容")

    @property
    def role_labels(self) -> str:
        if self.admin_role:
            return self.admin_role.label
        return "、".join(r.label for r in Role if r in self.roles) or "无岗位"


SYSTEM_ACTOR = Actor(id=0, login="system", name="系统")
