"""安全策略: the 安全保密管理员 edits the security policy; the service enforces the floors and the message
for a refused value appears next to its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import SecretLevel
from app.domain.errors import AppError, ValidationFailed
from app.domain.policy import SecurityPolicy
from ui import messages
from ui.admin.form import ErrorForm
from ui.i18n import tr


class PolicyTab(QWidget):
    def __init__(self, services: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.errors = ErrorForm(form)
        self.editors: dict[str, QWidget] = {}
        for key in SecurityPolicy.keys():
            label = SecurityPolicy.LABELS.get(key, key)
            if key == "machine_level":
                combo = QComboBox()
                for level in SecretLevel:
                    combo.addItem(level.label, level.value)
                editor: QWidget = combo
            else:
                spin = QSpinBox()
                # The spin box allows values below the floor on purpose: the service refuses them with a
                # message saying what the floor is, instead of the box silently snapping back.
                spin.setRange(0, 100000)
                spin.setMinimumWidth(120)
                floor = SecurityPolicy.FLOORS.get(key)
                if floor is not None:
                    spin.setToolTip(tr("PolicyTab", "不能小于 {n}").format(n=floor))
                editor = spin
            editor.setObjectName(key)
            self.editors[key] = self.errors.add(key, label, editor)
        self.errors.add_general()

        self.save_button = QPushButton(tr("PolicyTab", "保存"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("PolicyTab", "还原"))
        self.revert_button.clicked.connect(self.load)
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.status, 1)

        note = QLabel(tr("PolicyTab", "安全策略由安全保密管理员设置，每次修改都记入审计日志。"))
        note.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.policy = services.settings.policy()
        self.load()

    def load(self) -> None:
        self.policy = self.services.settings.policy()
        for key, editor in self.editors.items():
            value = getattr(self.policy, key)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
        self.errors.clear()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            out[key] = editor.currentData() if isinstance(editor, QComboBox) else editor.value()  # type: ignore[attr-defined]
        return out

    def save(self) -> None:
        changes = {k: v for k, v in self.values().items() if v != getattr(self.policy, k)}
        self.errors.clear()
        if not changes:
            self.status.setText(tr("PolicyTab", "没有修改"))
            return
        try:
            self.policy = self.services.settings.update_policy(self.actor, **changes)
        except ValidationFailed as e:
            self.errors.show(e.errors)
            self.status.setText(tr("PolicyTab", "未保存：请按提示修改"))
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        self.status.setText(tr("PolicyTab", "已保存 {n} 项修改").format(n=len(changes)))
