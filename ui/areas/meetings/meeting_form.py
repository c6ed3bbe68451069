"""The meeting's form: the register's fields plus, under 通知文号, a 取号 row — a 机关代字 (from 系统设置, or
typed) and a button that fills the field with that 代字's next number. The number is only proposed: the
clerk may change it, and saving validates it like a typed one."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from app.domain.errors import AppError, ValidationFailed
from ui import messages
from ui.i18n import tr
from ui.widgets.form_dialog import FormDialog

FIELD = "notice_no"


class MeetingForm(FormDialog):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editor = self.editors.get(FIELD)
        if editor is None or not editor.field.editable or FIELD in self.locks:
            return
        cell = self.error_labels[FIELD].parentWidget()
        if cell is None or cell.layout() is None:
            return
        row = QWidget(cell)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.prefix_box = QComboBox(row)
        self.prefix_box.setObjectName("notice_prefix")
        self.prefix_box.setEditable(True)  # a 代字 not in the settings' list can be typed
        self.prefix_box.setMinimumContentsLength(8)
        svc = self.services.service("meetings")
        self.prefix_box.addItems(svc.notice_prefixes())
        self.prefix_box.lineEdit().setPlaceholderText(tr("Meetings", "机关代字，如 县委办"))
        self.take_button = QPushButton(tr("Meetings", "取下一个文号"), row)
        self.take_button.setObjectName("take_notice_no")
        self.take_button.setToolTip(
            tr("Meetings", "接续发文登记和其他会议中该代字今年已用的最大号；只是预填，可修改")
        )
        self.take_button.clicked.connect(self.take_number)
        line.addWidget(self.prefix_box, 1)
        line.addWidget(self.take_button)
        cell.layout().insertWidget(1, row)  # right under the 通知文号 box, above its error line

    def take_number(self) -> None:
        prefix = self.prefix_box.currentText().strip()
        try:
            number = self.services.service("meetings").next_notice_number(self.actor, prefix)
        except ValidationFailed as e:
            self.show_errors(e.errors, only={FIELD})
            return
        except AppError as e:
            messages.app_error(self, e)
            return
        self.editors[FIELD].set_value(number)
        self.show_errors({}, only={FIELD})
