"""账户管理: one list of accounts; the 系统管理员 creates, disables/enables and resets, the 安全保密管理员
grants roles and clearances. The services check the rights again."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AdminRole
from app.domain.errors import AppError
from ui import messages
from ui.admin.dialogs import NewAccountDialog, ResetPasswordDialog, RolesDialog
from ui.i18n import tr

COLUMNS = ("登录名", "姓名", "部门", "涉密等级", "岗位", "状态")


class AccountsTab(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.users: list[Any] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("accounts_table")
        self.table.setHorizontalHeaderLabels([tr("AccountsTab", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # 岗位
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        if actor.admin_role is AdminRole.SYSTEM:
            self._button(bar, "new", tr("AccountsTab", "新建账户"), self.new_account)
            self._button(bar, "toggle", tr("AccountsTab", "停用"), self.toggle_active)
            self._button(bar, "reset", tr("AccountsTab", "重置密码"), self.reset_password)
        elif actor.admin_role is AdminRole.SECURITY:
            self._button(bar, "roles", tr("AccountsTab", "岗位与涉密等级…"), self.edit_roles)
            self._button(bar, "approve", tr("AccountsTab", "批准重置密码"), lambda: self.decide_reset(True))
            self._button(bar, "reject", tr("AccountsTab", "驳回重置密码"), lambda: self.decide_reset(False))
        bar.addStretch(1)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        self._button(bar, "refresh", tr("AccountsTab", "刷新"), self.refresh)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.table.doubleClicked.connect(self._activated)
        self.refresh()

    def _button(self, bar: QHBoxLayout, key: str, text: str, slot: Any) -> None:
        button = QPushButton(text)
        button.clicked.connect(slot)
        bar.addWidget(button)
        self.buttons[key] = button

    def refresh(self, select_login: str | None = None) -> None:
        current = select_login or (self.selected_user().login if self.selected_user() else None)
        try:
            self.users = self.services.accounts.list_users(self.actor)
        except AppError as e:
            messages.app_error(self, e)
            self.users = []
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            values = (
                u.login,
                u.name,
                u.department,
                "" if u.admin_role else u.clearance.label,
                u.role_text or tr("AccountsTab", "无岗位"),
                (tr("AccountsTab", "启用") if u.is_active else tr("AccountsTab", "停用"))
                + (tr("AccountsTab", "（密码重置待批准）") if u.reset_pending_by else ""),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if not u.is_active:
                    item.setForeground(QBrush(QColor("#999")))
                self.table.setItem(row, col, item)
            if u.login == current:
                self.table.selectRow(row)
        self.count_label.setText(tr("AccountsTab", "共 {n} 个账户").format(n=len(self.users)))
        self._update_buttons()

    def selected_user(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def select_login(self, login: str) -> None:
        for row, u in enumerate(self.users):
            if u.login == login:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        if "toggle" in self.buttons:
            self.buttons["toggle"].setEnabled(user is not None and user.login != self.actor.login)
            self.buttons["toggle"].setText(
                tr("AccountsTab", "启用") if user and not user.is_active else tr("AccountsTab", "停用")
            )
        if "reset" in self.buttons:
            self.buttons["reset"].setEnabled(user is not None)
        if "roles" in self.buttons:
            # 三员分立: administrators never get business roles or clearances.
            self.buttons["roles"].setEnabled(user is not None and user.admin_role is None)
        for key in ("approve", "reject"):
            if key in self.buttons:
                self.buttons[key].setEnabled(user is not None and bool(user.reset_pending_by))

    def _activated(self) -> None:
        if "roles" in self.buttons and self.buttons["roles"].isEnabled():
            self.edit_roles()

    # --- 系统管理员 ----------------------------------------------------------------------------------
    def new_account(self) -> None:
        info = NewAccountDialog.ask(self, self.services, self.actor)
        if info is not None:
            self.refresh(info.login)

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        verb = tr("AccountsTab", "启用") if not user.is_active else tr("AccountsTab", "停用")
        if not messages.confirm(
            self,
            verb,
            tr("AccountsTab", "确定{verb}账户“{name}（{login}）”吗？").format(
                verb=verb, name=user.name, login=user.login
            ),
        ):
            return
        try:
            self.services.accounts.set_active(self.actor, user.login, not user.is_active)
        except AppError as e:
            messages.app_error(self, e)
        self.refresh(user.login)

    def reset_password(self) -> None:
        user = self.selected_user()
        if (
            user is not None
            and ResetPasswordDialog.ask(self, self.services, self.actor, user.login) is not None
        ):
            messages.info(
                self,
                tr("AccountsTab", "重置密码"),
                tr(
                    "AccountsTab",
                    "已为“{login}”设置新密码，须经安全保密管理员批准后才生效（此前原密码仍有效）；"
                    "生效后该用户下次登录时须修改密码。",
                ).format(login=user.login),
            )
            self.refresh(user.login)

    # --- 安全保密管理员 ------------------------------------------------------------------------------
    def decide_reset(self, approve: bool) -> None:
        """The second person of a password reset (two-person rule)."""
        user = self.selected_user()
        if user is None or not user.reset_pending_by:
            return
        verb = tr("AccountsTab", "批准") if approve else tr("AccountsTab", "驳回")
        question = tr("AccountsTab", "{by} 于 {at} 申请重置“{name}（{login}）”的密码。确定{verb}吗？").format(
            by=user.reset_pending_by,
            at=f"{user.reset_pending_at:%m-%d %H:%M}" if user.reset_pending_at else "",
            name=user.name,
            login=user.login,
            verb=verb,
        )
        if not messages.confirm(self, verb, question):
            return
        try:
            self.services.accounts.approve_password_reset(self.actor, user.login, approve)
        except AppError as e:
            messages.app_error(self, e)
        self.refresh(user.login)

    def edit_roles(self) -> None:
        user = self.selected_user()
        if user is not None and RolesDialog.ask(self, self.services, self.actor, user) is not None:
            self.refresh(user.login)
