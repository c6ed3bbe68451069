"""The services of one open database, built by app.bootstrap and handed to the CLI and the windows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from app.domain.errors import NotFound
from app.importing.scan_service import ScanService
from app.kit.alerts import AlertsService
from app.kit.area import Area, DashboardItem, FormSpec, ServiceKey
from app.kit.copies import CopiesService
from app.kit.files import FilesService
from app.kit.import_service import ImportService
from app.kit.print_service import PrintService
from app.kit.registers.base import RegisterCatalog
from app.kit.registers.service import RegisterService
from app.kit.workflow import WorkflowCatalog, WorkflowService
from app.services.accounts import AccountService
from app.services.actor import Actor
from app.services.audit import AuditService
from app.services.auth import AuthService
from app.services.backup import BackupService
from app.services.changes import ChangeFeed
from app.services.office_settings import OfficeSettingsService
from app.services.settings import SettingsService
from app.services.workbench import WorkbenchService
from db.engine import Database

S = TypeVar("S")


@dataclass
class Services:
    db: Database
    areas: Sequence[Area]
    catalog: RegisterCatalog = field(init=False)
    registers: RegisterService = field(init=False)
    accounts: AccountService = field(init=False)
    auth: AuthService = field(init=False)
    audit: AuditService = field(init=False)
    settings: SettingsService = field(init=False)
    printing: PrintService = field(init=False)
    copies: CopiesService = field(init=False)  # paper copies (份号) of any register
    files: FilesService = field(init=False)  # electronic files (扫描件, 正文 …) on any record
    alerts: AlertsService = field(init=False)  # home-tab alerts until acknowledged
    office_settings: OfficeSettingsService = field(init=False)
    workflow: WorkflowService = field(init=False)  # declared steps of every workflow register
    area_services: dict[str, Any] = field(init=False, default_factory=dict)
    importer: ImportService = field(init=False)
    backup: BackupService = field(init=False)  # backups and restore (系统管理员), listing (安全审计员)
    changes: ChangeFeed = field(init=False)  # committed writes of this process (the home tab follows them)
    workbench: WorkbenchService = field(init=False)  # the home tab's data
    scans: ScanService = field(
        init=False
    )  # 从扫描件登记: OCR of a scanned first page (models load on first use)

    def __post_init__(self) -> None:
        self.catalog = RegisterCatalog([r for a in self.areas for r in a.registers])
        self.registers = RegisterService(self.db, self.catalog)
        self.accounts = AccountService(self.db)
        self.auth = AuthService(self.db)
        self.audit = AuditService(self.db, self.catalog)
        self.settings = SettingsService(self.db, highest_held=self.registers.highest_level)
        self.printing = PrintService(self)
        self.importer = ImportService(self)
        self.office_settings = OfficeSettingsService(self)
        self.copies = CopiesService(self.db, self.registers)
        self.alerts = AlertsService(self.db, self.registers)
        self.files = FilesService(self.registers)
        self.backup = BackupService(self)
        self.scans = ScanService(self)
        flows = WorkflowCatalog([w for a in self.areas for w in a.workflows])
        self.workflow = WorkflowService(self.registers, flows, self)
        for area in self.areas:
            if area.build_service:
                self.area_services[area.key] = area.build_service(self)
        self.changes = ChangeFeed(self.db)
        self.workbench = WorkbenchService(self)

    def area(self, key: str) -> Area:
        for a in self.areas:
            if a.key == key:
                return a
        raise NotFound(key)

    def service(self, key: ServiceKey[S]) -> S:
        """An area's service, typed by its key (``services.service(DUTY_SERVICE)`` is a DutyService)."""
        try:
            found = self.area_services[key]
        except KeyError:
            raise NotFound(f"本版本没有“{key}”业务模块") from None
        if isinstance(key, ServiceKey) and not isinstance(found, key.kind):
            raise TypeError(f"area {key!r} built a {type(found).__name__}, not a {key.kind.__name__}")
        return found

    def can_acknowledge(self, item: DashboardItem) -> bool:
        """Whether the home tab offers 确认收到 for this item (an alert of an area that confirms alerts)."""
        if item.alert_id is None:
            return False
        area = next((a for a in self.areas if a.key == item.area), None)
        return area is not None and area.acknowledge is not None

    def acknowledge(self, actor: Actor, item: DashboardItem) -> None:
        """确认收到 of a home-tab alert, through its area (rights checked there)."""
        area = self.area(item.area)
        if area.acknowledge is None or item.alert_id is None:
            raise NotFound(f"“{item.title}”不需要确认")
        area.acknowledge(self, actor, item.alert_id)

    def visible_areas(self, actor: Actor) -> list[Area]:
        return [a for a in self.areas if actor.has_role(*a.roles)]

    def forms(self, register: str | None = None) -> list[FormSpec]:
        return [f for a in self.areas for f in a.forms if register is None or f.register == register]

    def form(self, register: str, key: str) -> FormSpec:
        for f in self.forms(register):
            if f.key == key:
                return f
        names = ", ".join(f.key for f in self.forms(register)) or "无"
        raise NotFound(f"登记簿“{register}”没有名为“{key}”的表单。可用：{names}")

    def dashboard(self, actor: Actor) -> list[DashboardItem]:
        items: list[DashboardItem] = []
        for a in self.visible_areas(actor):
            if a.dashboard:
                items.extend(a.dashboard(self, actor))
        order = {"info": 0, "alert": 1, "overdue": 2, "due_soon": 3, "todo": 4}
        return sorted(items, key=lambda i: (order.get(i.kind, 9), i.due or datetime.max))

    def close(self) -> None:
        self.changes.close()
        self.db.dispose()
