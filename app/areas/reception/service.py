"""The 来访接待 service: registering a petition with the petitioner's earlier cases found first (重复信访),
the statutory clock of every open case (工作台), the 信访 and 公务接待 figures, and the visitor log's
"who is in the building now" and sign-out."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select

from app.areas.reception import arrangements, clock, official_figures
from app.areas.reception.arrangements import Arrangements
from app.areas.reception.figures import COLUMNS, PetitionStats, compute
from app.areas.reception.official_figures import ReceptionFigures
from app.areas.reception.registers import (
    PETITION_REGISTER,
    PETITIONS,
    RECEPTION_REGISTER,
    RECEPTIONS,
    VISITOR_REGISTER,
    VISITORS,
    PetitionState,
)
from app.domain.enums import Role
from app.domain.errors import NotFound, ValidationFailed
from app.domain.idnumber import mask_id, normalise_id
from app.domain.petition_clock import STATUS_LABELS
from app.kit.area import ServiceKey
from app.kit.registers.base import Record
from app.kit.registers.service import masked, record_of
from app.kit.registers.versions import require_version
from app.services import audit
from app.services.actor import Actor
from app.services.settings import set_value
from db.models.core import Setting
from db.models.reception import Petition, Reception, Visitor

if TYPE_CHECKING:
    from app.services.container import Services

APPLIED_SETTING = "reception.petition_days_applied"  # the day kind the stored clocks were computed with
# Before any deadline: "due_on >= EARLIEST" lets SQLite count from the due_on index, where an aggregate
# over "due_on IS NOT NULL" (no ORDER BY to suggest the index) scanned all 100,000 cases.
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class EarlierCase:
    id: int
    number: str
    registered_on: date | None
    petitioner: str
    summary: str
    state: str
    matched_by: str  # 身份证号 / 联系电话 / 姓名和住址


class OpenClock(NamedTuple):
    """One running clock. A named tuple rather than a frozen dataclass: the home tab builds thousands of
    them and a frozen dataclass's __init__ cost a third of the whole query."""

    id: int
    number: str
    petitioner: str
    summary: str
    what: str  # 受理告知 / 办理答复 / 复查决定 …
    due: date
    days_left: int
    status: str  # on_time / due_soon / overdue

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "")


class ReceptionService:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.db = services.db

    # --- 信访 --------------------------------------------------------------------------------------
    def earlier_cases(
        self,
        actor: Actor,
        *,
        id_number: str = "",
        phone: str = "",
        name: str = "",
        address: str = "",
        exclude: int | None = None,
    ) -> list[EarlierCase]:
        """Cases already on file for this petitioner (same ID number, or phone, or name + address),
        newest first: shown before a new case is saved, so it can be linked as 重复信访."""
        actor.require_role(Role.PETITIONS, action="查询信访人既往信访")
        ident, phone, name, address = normalise_id(id_number), phone.strip(), name.strip(), address.strip()
        tests = []
        if len(ident) == 18:
            tests.append((Petition.id_number == ident, "身份证号"))
        if len(phone) >= 7:
            tests.append((Petition.phone == phone, "联系电话"))
        if name and address:
            tests.append((and_(Petition.petitioner == name, Petition.address == address), "姓名和住址"))
        if not tests:
            return []
        q = select(Petition).where(Petition.voided.is_(False), or_(*(t for t, _ in tests)))
        if exclude is not None:
            q = q.where(Petition.id != exclude)
        out = []
        with self.db.read() as s:
            for p in s.scalars(q.order_by(Petition.registered_on.desc(), Petition.id.desc()).limit(50)):
                how = "、".join(
                    label
                    for label, hit in (
                        ("身份证号", len(ident) == 18 and p.id_number == ident),
                        ("联系电话", len(phone) >= 7 and p.phone == phone),
                        (
                            "姓名和住址",
                            bool(name and address) and (p.petitioner, p.address) == (name, address),
                        ),
                    )
                    if hit
                )
                out.append(
                    EarlierCase(
                        p.id, p.number, p.registered_on, p.petitioner, p.summary, _state(p.state), how
                    )
                )
        if out:
            with self.db.write() as s:
                audit.record(
                    s,
                    actor,
                    "view",
                    PETITIONS,
                    "",
                    detail={"lookup": mask_id(ident) or name, "found": len(out)},
                )
        return out

    def earlier_cases_of(self, actor: Actor, record_id: int) -> list[EarlierCase]:
        """The same petitioner's other cases on file, for a case's details and its 受理 step: matched by
        the case's own (unmasked) ID number, phone, or name + address, the case itself left out."""
        actor.require_role(Role.PETITIONS, action="查询信访人既往信访")
        with self.db.read() as s:
            obj = s.get(Petition, record_id)
            if obj is None:
                raise NotFound("没有这条信访件")
            who = {
                "id_number": obj.id_number,
                "phone": obj.phone,
                "name": obj.petitioner,
                "address": obj.address,
            }
        return self.earlier_cases(actor, exclude=record_id, **who)

    def register(self, actor: Actor, raw: dict[str, Any]) -> Record:
        """A new case (登记 in its history); ``repeat_of`` names the earlier case it repeats."""
        reg = PETITION_REGISTER
        actor.require_role(*reg.write_roles, action="登记信访")
        values = self.services.registers.check_values(reg, raw)
        with self.db.write() as s:
            if values.get("repeat_of"):
                self._check_earlier(s, values["repeat_of"])
            obj = self.services.registers.create_in(s, actor, reg, values)
            self.services.workflow.record_in(s, actor, PETITIONS, obj, "register", {"state": obj.state})
            return record_of(reg, obj)

    @staticmethod
    def _check_earlier(s: Any, number: str) -> None:
        found = s.scalar(select(Petition.id).where(Petition.number == number, Petition.voided.is_(False)))
        if found is None:
            raise ValidationFailed({"repeat_of": f"没有编号为“{number}”的信访件"})

    def link_repeat(self, actor: Actor, record_id: int, earlier: str) -> Record:
        """Mark a case as 重复信访 of an earlier one (by number)."""
        actor.require_role(Role.PETITIONS, action="标记重复信访")
        with self.db.write() as s:
            self._check_earlier(s, earlier)
            obj = s.get(Petition, record_id)
            if obj is None:
                raise NotFound("没有这条信访件")
            if obj.number == earlier:
                raise ValidationFailed({"repeat_of": "不能把信访件标记为自身的重复件"})
            self.services.registers.update_in(s, actor, PETITION_REGISTER, obj, {"repeat_of": earlier})
            return record_of(PETITION_REGISTER, obj)

    def recompute_clocks(self, actor: Actor | None = None) -> int:
        """Recompute the stored clock of every case still running (after the day kind changed in 系统设置)."""
        with self.db.write() as s:
            rules = clock.rules_in(s)
            rows = s.scalars(
                select(Petition).where(
                    Petition.voided.is_(False),
                    or_(Petition.due_on.is_not(None), Petition.closed_on.is_(None)),
                )
            ).all()
            for obj in rows:
                clock.refresh(obj, rules)
            set_value(s, APPLIED_SETTING, clock.WORKING if rules.working_days else clock.CALENDAR)
            return len(rows)

    def _ensure_mode(self) -> None:
        # both settings in one indexed read: this runs before every home-tab refresh
        with self.db.read() as s:
            stored = dict(
                s.execute(
                    select(Setting.key, Setting.value).where(
                        Setting.key.in_((clock.WORKING_DAYS_SETTING, APPLIED_SETTING))
                    )
                ).all()
            )
        wanted = json.loads(stored.get(clock.WORKING_DAYS_SETTING) or "null") or clock.CALENDAR
        applied = json.loads(stored.get(APPLIED_SETTING) or "null") or clock.CALENDAR
        if wanted != applied:
            self.recompute_clocks()

    def open_clocks(
        self, actor: Actor, today: date | None = None, *, warn_only: bool = False
    ) -> list[OpenClock]:
        """Every case whose statutory clock runs, most urgent first (``warn_only``: due soon/overdue).

        One indexed query over the clock kept on each record (``due_on``); the rows are fetched at once
        and turned into tuples with the status from two date comparisons (no per-row clock arithmetic)."""
        actor.require_role(*PETITION_REGISTER.read_roles, action="查看信访期限")
        self._ensure_mode()
        today = today or date.today()
        soon = today + timedelta(days=clock.WARN_DAYS)
        t = Petition.__table__.c
        q = select(t.id, t.number, t.petitioner, t.summary, t.due_what, t.due_on).where(
            t.due_on.is_not(None), t.voided.is_(False)
        )
        if warn_only:
            q = q.where(t.due_on <= soon)
        with self.db.read() as s:
            rows = s.execute(q.order_by(t.due_on, t.id)).all()
        return [
            OpenClock(
                rid,
                number,
                who,
                summary,
                what,
                due,
                (due - today).days,
                "overdue" if due < today else ("due_soon" if due <= soon else "on_time"),
            )
            for rid, number, who, summary, what, due in rows
        ]

    def clock_counts(self, actor: Actor, today: date | None = None) -> tuple[int, int, int]:
        """(running, due soon, overdue): the strip above the 信访 list, counted in SQL."""
        actor.require_role(*PETITION_REGISTER.read_roles, action="查看信访期限")
        self._ensure_mode()
        today = today or date.today()
        soon = today + timedelta(days=clock.WARN_DAYS)
        t = Petition.__table__.c
        q = select(
            func.count(),
            func.coalesce(func.sum(case((and_(t.due_on >= today, t.due_on <= soon), 1), else_=0)), 0),
            func.coalesce(func.sum(case((t.due_on < today, 1), else_=0)), 0),
        ).where(t.due_on >= EARLIEST, t.voided.is_(False))  # a range, not IS NOT NULL: uses the index
        with self.db.read() as s:
            n, due_soon, overdue = s.execute(q).one()
        return int(n), int(due_soon), int(overdue)

    def petition_figures(self, actor: Actor, start: date, end: date) -> PetitionStats:
        """The year's (or any period's) 信访 figures; voided cases never counted."""
        actor.require_role(*PETITION_REGISTER.read_roles, action="查看信访统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        t = Petition.__table__.c
        q = select(*(t[c] for c in COLUMNS)).where(
            t.voided.is_(False), t.registered_on >= start, t.registered_on <= end
        )
        with self.db.read() as s:
            rules = clock.rules_in(s)
            rows = [dict(zip(COLUMNS, r, strict=True)) for r in s.execute(q)]
        return compute(rows, start, end, rules, clock.shipped_calendar())

    # --- 公务接待 ------------------------------------------------------------------------------------
    def reception_figures(self, actor: Actor, start: date, end: date) -> ReceptionFigures:
        actor.require_role(*RECEPTION_REGISTER.read_roles, action="查看公务接待统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        with self.db.read() as s:
            return official_figures.compute(s, start, end)

    def figures_report(self, actor: Actor, start: date, end: date, out: Path) -> Path:
        """The statistics view's 打印: the period's figures as an editable Word report (audited)."""
        from app.areas.reception import report
        from app.printing.report import write_docx

        if not actor.has_role(Role.PETITIONS, Role.RECEPTION, Role.LEADER):
            actor.require_role(Role.PETITIONS, Role.RECEPTION, Role.LEADER, action="打印来访接待统计")
        if end < start:
            raise ValidationFailed({"end": "结束日期不能早于开始日期"})
        path = write_docx(report.collect(self.services, actor, start, end), Path(out))
        with self.db.write() as s:
            audit.record(
                s, actor, "print", PETITIONS, "",
                detail={"form": "stats", "title": "来访接待工作统计", "period": f"{start}至{end}"},
            )  # fmt: skip
        return path

    def arrangements(self, actor: Actor, record_id: int) -> Arrangements:
        """The reception's 接待对象 and 行程 rows, in the clerk's order."""
        actor.require_role(*RECEPTION_REGISTER.read_roles, action="查看公务接待")
        with self.db.read() as s:
            if s.get(Reception, record_id) is None:
                raise NotFound("没有这条公务接待")
            return arrangements.load(s, record_id)

    def save_reception(
        self,
        actor: Actor,
        record_id: int | None,
        raw: Mapping[str, Any],
        guests: Sequence[Mapping[str, Any]],
        itinerary: Sequence[Mapping[str, Any]],
        *,
        expected_version: int | None = None,
    ) -> Record:
        """Register (``record_id`` None) or edit a reception together with its 接待对象 and 行程 tables, in
        one transaction: a bad row is refused with its row number under "guests"/"itinerary" (and the
        fields' messages next to them), nothing saved."""
        reg = RECEPTION_REGISTER
        actor.require_role(*reg.write_roles, action="登记公务接待")
        regs = self.services.registers
        with self.db.write() as s:
            obj = None if record_id is None else s.get(Reception, record_id)
            if record_id is not None and obj is None:
                raise NotFound("没有这条公务接待")
            if obj is not None:
                require_version(s, reg, obj, expected_version)
            current = {} if obj is None else {f.name: getattr(obj, f.name) for f in reg.form_fields}
            errors: dict[str, str] = {}
            try:
                values = regs.check_values(reg, {**current, **raw})
            except ValidationFailed as e:
                errors.update(e.errors)
                values = {}
            persons = values.get("persons") if values else None
            rows, bad = arrangements.check_guests(guests, persons)
            if bad:
                errors["guests"] = "；".join(bad)
            stops, bad = arrangements.check_itinerary(
                itinerary, values.get("arrive_on"), values.get("leave_on")
            )
            if bad:
                errors["itinerary"] = "；".join(bad)
            if errors:
                raise ValidationFailed(errors)
            if obj is None:
                obj = regs.create_in(s, actor, reg, values)
            else:
                editable = {f.name for f in reg.form_fields if f.editable}
                regs.update_in(
                    s, actor, reg, obj, {k: v for k, v in values.items() if k in editable and k in raw}
                )
            before = arrangements.load(s, obj.id)
            arrangements.store(s, obj.id, rows, stops)
            after = arrangements.Arrangements(tuple(rows), tuple(stops))
            if after != before:
                audit.record(
                    s, actor, "update", RECEPTIONS, obj.id,
                    detail={"number": obj.number, "guests": len(rows), "itinerary": len(stops)},
                )  # fmt: skip
            regs.reindex(s, reg, obj)  # the guests' names are searched too
            return record_of(reg, obj)

    # --- 来客登记 ------------------------------------------------------------------------------------
    def inside(self, actor: Actor) -> list[Record]:
        """Who is in the building now: visitors signed in and not yet out, earliest first."""
        actor.require_role(*VISITOR_REGISTER.read_roles, action="查看来客登记")
        with self.db.read() as s:
            rows = s.scalars(
                select(Visitor)
                .where(Visitor.voided.is_(False), Visitor.left_at.is_(None), Visitor.came_at.is_not(None))
                .order_by(Visitor.came_at)
            ).all()
            return [masked(VISITOR_REGISTER, actor, record_of(VISITOR_REGISTER, v)) for v in rows]

    def sign_out(self, actor: Actor, record_id: int, at: datetime | None = None) -> Record:
        actor.require_role(*VISITOR_REGISTER.write_roles, action="登记来客离开")
        at = (at or datetime.now()).replace(second=0, microsecond=0)
        with self.db.write() as s:
            obj = s.get(Visitor, record_id)
            if obj is None or obj.voided:
                raise NotFound("没有这条来客登记")
            if obj.left_at is not None:
                raise ValidationFailed({"left_at": f"已于{obj.left_at:%H:%M}登记离开"})
            if obj.came_at and at < obj.came_at:
                raise ValidationFailed({"left_at": "离开时间不能早于来访时间"})
            self.services.registers.update_in(s, actor, VISITOR_REGISTER, obj, {"left_at": at})
            return masked(VISITOR_REGISTER, actor, record_of(VISITOR_REGISTER, obj))

    def day_sheet(self, actor: Actor, day: date) -> list[Record]:
        actor.require_role(*VISITOR_REGISTER.read_roles, action="查看来客登记")
        start = datetime(day.year, day.month, day.day)
        page = self.services.registers.page(
            actor,
            VISITORS,
            filters={"came_at": (start, start + timedelta(days=1) - timedelta(seconds=1))},
            sort=("came_at", False),
            limit=10_000,
        )
        return list(page.records)


def _state(value: str | None) -> str:
    try:
        return PetitionState(value).label if value else ""
    except ValueError:
        return value or ""


__all__ = ["ReceptionService"]


# ``services.service(SERVICE)`` is this area's ReceptionService, typed
SERVICE = ServiceKey("reception", ReceptionService)
