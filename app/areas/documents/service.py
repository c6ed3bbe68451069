"""The documents area's service (收发文): the workflows of both registers (收文, 发文) and archiving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.areas.documents.archive import ArchiveService
from app.areas.documents.incoming import IncomingWorkflow
from app.areas.documents.outgoing import OutgoingWorkflow
from app.kit.area import ServiceKey

if TYPE_CHECKING:
    from datetime import date

    from app.areas.documents.statistics import DocumentStats
    from app.services.actor import Actor
    from app.services.container import Services


class DocumentsService:
    """``services.service(SERVICE)``: the workflows of both registers and archiving."""

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


SERVICE = ServiceKey("documents", DocumentsService)
