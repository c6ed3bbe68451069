"""The 信息报送 area (information submissions): what was submitted upward, where it was adopted and at which
level, leaders' 批示 on it, the office's scoring and the ranking of units and authors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.areas.information.forms import collect_bulletin
from app.areas.information.registers import FLOW, SUBMISSION_REGISTER, SUBMISSIONS
from app.areas.information.service import InformationService, parse_scoring
from app.domain.enums import Role
from app.kit.area import Area, FormSpec
from app.printing.report import REPORT
from app.services.office_settings import SettingSpec

if TYPE_CHECKING:
    from app.services.container import Services


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.information.demo import fill

    return fill(services, options)


def _scoring(text: str) -> str:
    parse_scoring(text)
    return text.strip()


AREA = Area(
    key="information",
    title="信息报送",
    roles=(Role.INFORMATION, Role.LEADER),
    registers=(SUBMISSION_REGISTER,),
    workflows=(FLOW,),
    build_service=InformationService,
    forms=(
        FormSpec(SUBMISSIONS, "bulletin", "信息工作通报（年度）", collect_bulletin, REPORT, scope="year"),
    ),
    demo=_demo,
    settings=(
        SettingSpec(
            "information.scoring",
            "信息报送：计分办法",
            "县级 2/1/1；市级 10/5/3；省级 20/10/6；中央 50/25/15；批示 2/5/10/20",
            "全文/摘要/综合采用的分值按级别写；批示加分按县/市/省/中央；加“；只计最高”则一条信息多刊采用只计最高分",
            _scoring,
        ),
    ),
)

__all__ = ["AREA", "InformationService"]
