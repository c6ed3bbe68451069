"""Security policy values (domain.md §9) and the password rule."""

from __future__ import annotations

from dataclasses import dataclass, fields

from app.domain.enums import SecretLevel


@dataclass(frozen=True)
class SecurityPolicy:
    min_password_length: int = 8
    min_character_kinds: int = 3
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 10
    password_max_age_days: int = 90
    machine_level: str = SecretLevel.NONE.value  # 本机密级, shown in the status bar
    audit_retention_days: int = 365

    LABELS = {
        "min_password_length": "密码最短长度",
        "min_character_kinds": "密码至少包含的字符种类",
        "max_failed_logins": "连续登录失败锁定次数",
        "lockout_minutes": "锁定时长（分钟）",
        "idle_lock_minutes": "空闲自动锁定（分钟）",
        "password_max_age_days": "密码有效期（天）",
        "machine_level": "本机密级",
        "audit_retention_days": "审计日志保存期（天）",
    }
    # Floors nobody can configure below (等保 practice, domain.md §9.1).
    FLOORS = {
        "min_password_length": 8,
        "min_character_kinds": 3,
        "max_failed_logins": 1,
        "lockout_minutes": 1,
        "idle_lock_minutes": 1,
        "password_max_age_days": 1,
        "audit_retention_days": 180,
    }

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @property
    def machine_secret_level(self) -> SecretLevel:
        return SecretLevel(self.machine_level)


def character_kinds(password: str) -> int:
    kinds = 0
    kinds += any(c.islower() and c.isascii() for c in password)
    kinds += any(c.isupper() and c.isascii() for c in password)
    kinds += any(c.isdigit() for c in password)
    kinds += any(not c.isalnum() for c in password)
    return kinds


def password_problem(password: str, login: str, policy: SecurityPolicy = SecurityPolicy()) -> str | None:
    """A Chinese message saying why the password is not acceptable, or None."""
    if len(password) < policy.min_password_length:
        return f"密码至少需要{policy.min_password_length}个字符"
    if character_kinds(password) < policy.min_character_kinds:
        return f"密码需包含大写字母、小写字母、数字、符号中的至少{policy.min_character_kinds}种"
    if login and password.lower() == login.lower():
        return "密码不能与登录名相同"
    if login and login.lower() in password.lower() and len(login) >= 3:
        return "密码不能包含登录名"
    return None
