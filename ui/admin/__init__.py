"""The administrators' screens (三员): 账户管理, 系统设置, 备份与恢复, 安全策略, 审计日志, 备份记录.
Administrators see only these."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.enums import AdminRole
from ui.i18n import tr


def admin_tabs(actor: Any) -> list[tuple[str, Callable[[Any, Any, QWidget | None], QWidget]]]:
    """(title, factory(services, actor, parent)) of the screens this administrator works in."""
    from ui.admin.accounts import AccountsTab
    from ui.admin.backup import BackupTab

    if actor.admin_role is AdminRole.SYSTEM:
        from ui.admin.office_settings import OfficeSettingsTab

        return [
            (tr("AdminTabs", "账户管理"), AccountsTab),
            (tr("AdminTabs", "系统设置"), OfficeSettingsTab),
            (tr("AdminTabs", "备份与恢复"), BackupTab),
        ]
    if actor.admin_role is AdminRole.SECURITY:
        from ui.admin.policy import PolicyTab

        return [(tr("AdminTabs", "账户管理"), AccountsTab), (tr("AdminTabs", "安全策略"), PolicyTab)]
    if actor.admin_role is AdminRole.AUDIT:
        from ui.admin.audit import AuditTab

        return [(tr("AdminTabs", "审计日志"), AuditTab), (tr("AdminTabs", "备份记录"), BackupTab)]
    return []
