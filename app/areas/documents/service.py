"""The documents area's service (收发文): the workflows of both registers (收文, 发文) and archiving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.areas.documents.archive import ArchiveService
from app.areas.documents.incoming import IncomingWorkflow
from app.areas.documents.outgoing import OutgoingWorkflow
from app.kit.area import ServiceKey

if TYPE_CHECKING:
    from app.services.container import Services


class DocumentsService:
    """``services.service(SERVICE)``: the workflows of both registers and archiving."""

    def __init__(self, services: Services) -> None:
        self.copies = services.copies
        self.incoming = IncomingWorkflow(services)
        self.outgoing = OutgoingWorkflow(services)
        self.archive = ArchiveService(services)


SERVICE = ServiceKey("documents", DocumentsService)
