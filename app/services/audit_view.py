"""The audit log as the 安全审计员 reads it: Chinese object types, the record's number instead of its row id,
and details as lines "字段：旧值 → 新值".

The 三员 read no business content: for a register record only the names of the fields are shown, with
values only for 编号/密级/保密期限; settings, policy, accounts, prints and exports show their values."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.domain.enums import SecretLevel

OBJECT_TYPES = {
    "user": "账户",
    "security_policy": "安全策略",
    "office_settings": "系统设置",
    "printout": "打印件",
    "printer": "打印机",
    "database": "数据库",
    "demo": "演示数据",
    "audit_log": "审计日志",
    "copies": "文件份",
    "destruction_batches": "销毁清册",
}

# Record fields whose values the administrators may read (no business content).
OPEN_FIELDS = {"number", "secret_level", "secret_period"}

KEY_LABELS = {
    "number": "编号",
    "form": "表单",
    "title": "名称",
    "copies": "份数",
    "format": "格式",
    "rows": "条数",
    "voided": "其中作废",
    "file": "文件",
    "search": "检索",
    "filters": "范围",
    "what": "打印件",
    "pages": "页数",
    "reason": "原因",
    "label": "设置项",
    "role": "岗位",
    "name": "姓名",
    "department": "部门",
    "admins": "管理员账户",
    "machine_level": "本机密级",
    "demo_accounts": "演示账户数",
    "demo": "演示数据",
    "steps": "阅电记录",
    "returned": "清退份数",
    "destroyed": "销毁份数",
    "reader": "阅件人",
    "by": "签收人",
    "kind": "阅批方式",
    "returned_by": "退回人",
    "received_by": "接收人",
    "alert": "提醒号",
    "step": "步骤",
    "year": "年度",
    "copy_no": "份号",
    "secret_level": "密级",
    "version": "版本",
    "from": "起",
    "to": "止",
    "unit": "单位",
    "replaced": "替换条数",
}
REASONS = {
    "unknown login": "登录名不存在",
    "disabled": "账户已停用",
    "locked": "账户已锁定",
    "bad password": "密码错误",
    "bad old password": "原密码错误",
}
FORMATS = {"pdf": "PDF", "docx": "Word"}


def action_label(action: str, labels: Mapping[str, str], detail: Mapping[str, Any]) -> str:
    """What happened, told apart where one stored action covers several things a user does."""
    if action == "print":
        return "打印（送打印机）" if detail.get("_object_type") == "printer" else "生成打印件（预览或文件）"
    if action == "export" and detail.get("_object_type") == "printout":
        return "另存打印件"
    if action not in labels and detail.get("step"):  # a declared workflow step: audit_prefix + step key
        return f"办理：{detail['step']}"
    if action == "setting_change" and detail.get("_object_type") == "office_settings":
        return "修改系统设置"
    return labels.get(action, action)


def parse_detail(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"": text}
    return value if isinstance(value, dict) else {"": str(value)}


def _level(value: Any) -> str:
    try:
        return SecretLevel(value).label
    except ValueError:
        return str(value)


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in ("secret_level", "machine_level"):
        return _level(value)
    if key == "format":
        return FORMATS.get(str(value), str(value))
    if key == "reason":
        return REASONS.get(str(value), str(value))
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value) or "（空）"
    if isinstance(value, dict):
        return "；".join(f"{k}={v}" for k, v in value.items()) or "（空）"
    return str(value)


def _change(label: str, key: str, change: Any, show_values: bool) -> str:
    if isinstance(change, dict) and ("before" in change or "after" in change):
        if not show_values:
            return f"{label}：已修改"
        return f"{label}：{_value(key, change.get('before'))} → {_value(key, change.get('after'))}"
    return f"{label}：{_value(key, change)}" if show_values else f"{label}：已修改"


# Actions whose detail carries the record's own fields (新建, 修改, the workflow steps); elsewhere (打印, 导出 …)
# a key such as "title" is the form's title, not the record's.
RECORD_FIELD_ACTIONS = ("create", "update")
SKIP_WHEN_EMPTY = {"search", "filters", "voided", "file"}


def detail_lines(
    object_type: str,
    detail: Mapping[str, Any],
    field_label: Callable[[str], str | None],
    policy_labels: Mapping[str, str],
    action: str = "",
) -> list[str]:
    """The detail of one entry as lines a person reads. ``field_label(name)`` is the register field's label
    when ``object_type`` is a register, else None."""
    is_record = field_label("number") is not None
    record_fields = is_record and (action in RECORD_FIELD_ACTIONS or "step" in detail)
    lines: list[str] = []
    for key, value in detail.items():
        if key.startswith("_") or key == "number" and is_record:
            continue  # the number is shown as the object
        if key == "step" and action not in ("create", "update"):
            continue  # it is the action
        if key in SKIP_WHEN_EMPTY and value in (None, "", [], {}, 0):
            continue
        if key == "form" and "title" in detail:
            continue  # the form's Chinese title follows
        if key == "changes" and isinstance(value, dict):
            for name, change in value.items():
                label = field_label(name) or KEY_LABELS.get(name) or name
                lines.append(_change(label, name, change, name in OPEN_FIELDS))
            continue
        if key == "fields" and isinstance(value, list):  # harden's admin view: names of the fields only
            names = [field_label(str(n)) or KEY_LABELS.get(str(n)) or str(n) for n in value]
            lines.append(f"涉及字段：{'、'.join(names)}（内容不向管理员显示）")
            continue
        if key == "changes" and isinstance(value, list):
            names = [field_label(str(n)) or KEY_LABELS.get(str(n), str(n)) for n in value]
            lines.append(f"修改了：{'、'.join(names) or '（无）'}")
            continue
        if object_type == "security_policy" and isinstance(value, dict):
            lines.append(_change(policy_labels.get(key, key), key, value, True))
            continue
        if object_type == "office_settings" and key in ("before", "after"):
            continue  # shown with the label below
        if object_type == "office_settings" and key == "label":
            change = {"before": detail.get("before"), "after": detail.get("after")}
            lines.append(_change(str(value), key, change, True))
            continue
        if key in ("before", "after") and object_type == "user":
            lines.append(f"涉密等级：{_value('', detail.get('before'))} → {_value('', detail.get('after'))}")
            break
        own = field_label(key) if record_fields else None
        if own is not None:  # a record field given at 新建/a step: its name, its value only when open
            lines.append(f"{own}：{_value(key, value)}" if key in OPEN_FIELDS else f"{own}：已填写")
            continue
        label = ("表单" if key == "title" and is_record else KEY_LABELS.get(key, key)) if key else "说明"
        if key == "copies" and action.startswith("copy_"):
            label = "份号"  # the copies registered or moved, by number
        lines.append(f"{label}：{_value(key, value)}")
    return lines


def compress_record_fields(lines: Sequence[str]) -> list[str]:
    """ "标题：已填写；来文机关：已填写 …" read as one line naming the fields."""
    filled = [line.split("：", 1)[0] for line in lines if line.endswith("：已填写")]
    rest = [line for line in lines if not line.endswith("：已填写")]
    if filled:
        rest.append(f"填写了：{'、'.join(filled)}（内容不向管理员显示）")
    return rest
