"""A 收文 or a meeting's 议定事项 becomes a 督办 item in one action (the 督办 area's services), and both sides
show the link: the source lists the 督办 numbers made from it, the 督办 item names its source."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.errors import AppError
from ui import messages
from ui.i18n import tr

ITEMS = "supervision_items"


def can_supervise(services: Any, actor: Any) -> bool:
    """The 督办 area is installed and the user may open items (督查)."""
    if ITEMS not in services.catalog.keys():
        return False
    return bool(actor.has_role(*services.catalog.get(ITEMS).write_roles))


def linked_items(services: Any, actor: Any, register: str, record_id: int) -> list[str]:
    """The 督办 numbers made from a record, for users who may read 督办 ([] otherwise)."""
    if ITEMS not in services.catalog.keys() or not actor.has_role(*services.catalog.get(ITEMS).read_roles):
        return []
    return list(services.service("supervision").linked_items(actor, register, record_id))


def supervise_record(parent: QWidget, services: Any, actor: Any, register: str, record_id: int) -> str | None:
    """立项督办 from a 收文: the new item's number (told to the user), None when refused (the reason shown)."""
    try:
        item = services.service("supervision").from_record(actor, register, record_id)
    except Exception as e:  # noqa: BLE001 — typed errors shown in Chinese
        messages.app_error(parent, e)
        return None
    messages.info(
        parent, tr("Supervise", "立项督办"), tr("Supervise", "已立项督办：{0}").format(item["number"])
    )
    return str(item["number"])


def supervise_decisions(parent: QWidget, services: Any, actor: Any, meeting_id: int) -> list[Any] | None:
    """Every 议定事项 of a meeting not yet supervised becomes a 督办 item (one transaction)."""
    try:
        decisions = services.service("meetings").supervise(actor, meeting_id)
    except Exception as e:  # noqa: BLE001
        messages.app_error(parent, e)
        return None
    text = "\n".join(f"{d.number}. {d.text}：{d.state}" for d in decisions)
    messages.info(parent, tr("Supervise", "议定事项立项督办"), text)
    return list(decisions)


def readable_source(parent: QWidget, services: Any, actor: Any, item_id: int) -> tuple[str, str, int] | None:
    """(area, register, record id) of the record a 督办 item was made from, when the user may open it; else
    None with the reason told in Chinese (no source; the source's register or its 密级 not for this user)."""
    register, source_id, ref = services.service("supervision").source_of(actor, item_id)
    title = tr("Supervise", "来源记录")
    if not register or source_id is None:
        messages.info(parent, title, tr("Supervise", "该督办事项是直接登记的，没有来源记录。"))
        return None
    reg = services.catalog.get(register)
    area = next((a.key for a in services.areas if any(r.key == register for r in a.registers)), None)
    try:
        services.registers.get(actor, register, source_id)  # the user's roles and clearance on the source
    except AppError as e:
        messages.warn(
            parent,
            title,
            tr("Supervise", "您无权查看来源记录（{0}{1}）：{2}").format(
                reg.title, f" {ref}" if ref else "", e.message
            ),
        )
        return None
    if area is None:
        messages.warn(parent, title, tr("Supervise", "本版本没有“{0}”业务模块").format(reg.title))
        return None
    return area, register, source_id


def open_source(parent: QWidget, services: Any, actor: Any, area: str, register: str, record_id: int) -> None:
    """Show the source record's details in its own area's tab (the shell's ``show_record_details``); a page
    that is not inside the main window shows the generic details instead."""
    opener = getattr(parent.window(), "show_record_details", None)
    if callable(opener):
        opener(area, register, record_id)
        return
    from ui.widgets.workflow_page import RecordDetailDialog

    try:
        RecordDetailDialog(services, actor, register, record_id, parent=parent).exec()
    except AppError as e:
        messages.app_error(parent, e)


def source_section(services: Any, actor: Any, record_id: int) -> list[Any]:
    """For a 督办 item's details: the record it came from (a 收文, a meeting's 议定事项)."""
    register, source_id, ref = services.service("supervision").source_of(actor, record_id)
    if not register or source_id is None:
        return []
    reg = services.catalog.get(register)
    try:
        src = services.registers.get(actor, register, source_id)
        number, title = src["number"] or "", src["title"] or src["name"] or ""
    except Exception:  # noqa: BLE001 — a user without rights on the source still sees what it was
        number, title = ref, ""
    return [("来源记录", ("登记簿", "编号", "标题/名称", "来源文号"), [(reg.title, number, title, ref)])]
