"""The 调研与文稿 area (research and drafting): research activities, topics and articles, and the drafting
of speeches, reports and other materials, with the year's figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.areas.research.registers import REGISTERS
from app.areas.research.service import ResearchService
from app.domain.enums import Role
from app.kit.area import Area

if TYPE_CHECKING:
    from app.services.container import Services


def _demo(services: Services, options: Any) -> dict[str, int]:
    from app.areas.research.demo import fill

    return fill(services, options)


AREA = Area(
    key="research",
    title="调研与文稿",
    roles=(Role.RESEARCH, Role.LEADER),
    registers=REGISTERS,
    build_service=ResearchService,
    demo=_demo,
)

__all__ = ["AREA", "ResearchService"]
