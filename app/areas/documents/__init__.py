"""The 收发文 area (incoming and outgoing documents): its registers, services, forms, home-tab items and
demo data, plugged into the application through ``AREA``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.areas.documents.archive import ArchiveService
from app.areas.documents.forms import FORMS
from app.areas.documents.incoming import ACT_DUE_SETTING, DEFAULT_ACT_DUE_WORKDAYS, IncomingWorkflow
from app.areas.documents.incoming import FLOW as INCOMING_FLOW
from app.areas.documents.outgoing import FLOW as OUTGOING_FLOW
from app.areas.documents.outgoing import OutgoingWorkflow
from app.areas.documents.registers import INCOMING, OUTGOING
from app.domain.enums import Role
from app.kit.area import Area, DashboardItem
from app.services.office_settings import SettingSpec, text_setting

if TYPE_CHECKING:
    from datetime import date

    from app.areas.documents.statistics import DocumentStats
    from app.services.actor import Actor
    from app.services.container import Services


class DocumentsService:
    """``services.service("documents")``: the workflows of both registers and archiving."""

    def __init__(self, services: Services) -> None:
        self.copies = services.copies
        self.incoming = IncomingWorkflow(services)
        self.outgoing = OutgoingWorkflow(services)
        self.archive = ArchiveService(services)
        self._services = services

    def statistics(self, actor: Actor, start: date, end: date) -> DocumentStats:
        """收文 and 发文 figures of a period (annual report input); only what the actor may see."""
        from app.areas.documents.statistics import statistics

        return statistics(self._services, actor, start, end)


def _build(services: Services) -> DocumentsService:
    return DocumentsService(services)


def _dashboard(services: Services, actor: Actor) -> list[DashboardItem]:
    from app.areas.documents.dashboard import dashboard_items

    return dashboard_items(services, actor)


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.documents.demo import fill

    return fill(services, options)


def _workdays(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 60:
        raise ValueError("应为 1 到 60 之间的工作日数，留空恢复默认")
    return int(text)


AREA = Area(
    key="documents",
    title="收发文登记",
    roles=(Role.DOCUMENTS, Role.LEADER),
    registers=(INCOMING, OUTGOING),
    workflows=(INCOMING_FLOW, OUTGOING_FLOW),
    build_service=_build,
    forms=FORMS,
    dashboard=_dashboard,
    demo=_demo,
    settings=(
        SettingSpec(
            ACT_DUE_SETTING,
            "办件默认办理期限（工作日）",
            DEFAULT_ACT_DUE_WORKDAYS,
            "拟办、承办时办件的办理期限预填为今天起若干个工作日（跳过节假日）；阅件不预填",
            _workdays,
        ),
        text_setting("documents.organ_name", "本机关名称（印发机关、表头）", "中共××县委办公室"),
        text_setting("documents.issuer_mark", "发文机关标志（公文正本版头）", "中共××县委办公室文件"),
        text_setting("documents.fonds_no", "全宗号（档案馆给定，归档用）", "", "如 J012", max_length=8),
        text_setting(
            "documents.archive_org_code",
            "机构（问题）代码（档号中可选）",
            "",
            "如 BGS，留空则档号不含此段",
            max_length=8,
        ),
    ),
)
