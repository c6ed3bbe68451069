"""A reception's 接待对象 (guests: name, unit, 职务, level) and 行程 (itinerary: date, time, place, activity,
陪同) as child rows: checked row by row with the row named in the message, stored with the reception in
its transaction, read back as plain data for the form, the 接待方案 and 接待清单, and the 人次 figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select

from app.areas.reception.vocab import GuestLevel
from app.domain.dates import parse_date
from db.models.reception import ReceptionGuest, ReceptionStop

LEVELS = {lv.value: lv for lv in GuestLevel} | {lv.label: lv for lv in GuestLevel}


@dataclass(frozen=True)
class Guest:
    name: str
    unit: str = ""
    title: str = ""  # 职务
    level: str = ""  # 省级/市级/县级/其他 ("" = the reception's own level)


@dataclass(frozen=True)
class Stop:
    day: date | None
    time: str = ""
    place: str = ""
    activity: str = ""
    escort: str = ""  # 陪同

    @property
    def when(self) -> str:
        day = f"{self.day.month}月{self.day.day}日" if self.day else ""
        return f"{day}{self.time}".strip()


@dataclass(frozen=True)
class Arrangements:
    guests: tuple[Guest, ...] = ()
    itinerary: tuple[Stop, ...] = ()


def _text(row: Mapping[str, Any], name: str) -> str:
    return str(row.get(name) or "").strip()


def check_guests(rows: Sequence[Mapping[str, Any]], persons: int | None) -> tuple[list[Guest], list[str]]:
    """Typed table rows -> guests, and one Chinese message per bad row ("第2行：…"); blank rows dropped."""
    guests, errors = [], []
    for i, row in enumerate(rows, start=1):
        cells = {n: _text(row, n) for n in ("name", "unit", "title", "level")}
        if not any(cells.values()):
            continue
        level = cells["level"]
        if level and level not in LEVELS:
            errors.append(f"第{i}行：级别应为省级、市级、县级或其他（现为“{level}”）")
            continue
        if not cells["name"]:
            errors.append(f"第{i}行：请填写姓名")
            continue
        for name, limit, label in (("name", 64, "姓名"), ("unit", 100, "单位"), ("title", 100, "职务")):
            if len(cells[name]) > limit:
                errors.append(f"第{i}行：{label}不超过{limit}字")
        guests.append(
            Guest(cells["name"], cells["unit"], cells["title"], LEVELS[level].value if level else "")
        )
    if persons and len(guests) > persons:
        errors.append(f"接待对象名单有{len(guests)}人，多于接待对象人数{persons}人")
    return guests, errors


def check_itinerary(
    rows: Sequence[Mapping[str, Any]], arrive: date | None, leave: date | None
) -> tuple[list[Stop], list[str]]:
    stops, errors = [], []
    for i, row in enumerate(rows, start=1):
        raw_day = row.get("day")
        cells = {n: _text(row, n) for n in ("time", "place", "activity", "escort")}
        if not any(cells.values()) and not raw_day:
            continue
        day: date | None = None
        if raw_day not in (None, ""):
            try:
                day = parse_date(raw_day)
            except ValueError as e:
                errors.append(f"第{i}行：{e}")
                continue
        if not (cells["place"] or cells["activity"]):
            errors.append(f"第{i}行：请填写地点或活动")
            continue
        last = leave or arrive
        if day and arrive and day < arrive:
            errors.append(f"第{i}行：日期早于抵达日期（{arrive.isoformat()}）")
        elif day and last and day > last:
            errors.append(f"第{i}行：日期晚于离开日期（{last.isoformat()}）")
        for name, limit, label in (("time", 32, "时间"), ("place", 100, "地点"), ("activity", 200, "活动")):
            if len(cells[name]) > limit:
                errors.append(f"第{i}行：{label}不超过{limit}字")
        if len(cells["escort"]) > 200:
            errors.append(f"第{i}行：陪同不超过200字")
        stops.append(Stop(day, cells["time"], cells["place"], cells["activity"], cells["escort"]))
    return stops, errors


def load(session: Any, reception_id: int) -> Arrangements:
    guests = session.scalars(
        select(ReceptionGuest).where(ReceptionGuest.reception_id == reception_id).order_by(ReceptionGuest.seq)
    ).all()
    stops = session.scalars(
        select(ReceptionStop).where(ReceptionStop.reception_id == reception_id).order_by(ReceptionStop.seq)
    ).all()
    return Arrangements(
        tuple(Guest(g.name, g.unit, g.title, g.level or "") for g in guests),
        tuple(Stop(t.day, t.time, t.place, t.activity, t.escort) for t in stops),
    )


def store(session: Any, reception_id: int, guests: Sequence[Guest], stops: Sequence[Stop]) -> None:
    """Replace the reception's rows (the whole table is what the form shows and sends back)."""
    session.execute(delete(ReceptionGuest).where(ReceptionGuest.reception_id == reception_id))
    session.execute(delete(ReceptionStop).where(ReceptionStop.reception_id == reception_id))
    for seq, g in enumerate(guests, start=1):
        session.add(ReceptionGuest(reception_id=reception_id, seq=seq, name=g.name, unit=g.unit,
                                   title=g.title, level=g.level or None))  # fmt: skip
    for seq, t in enumerate(stops, start=1):
        session.add(ReceptionStop(reception_id=reception_id, seq=seq, day=t.day, time=t.time, place=t.place,
                                  activity=t.activity, escort=t.escort))  # fmt: skip
    session.flush()


def search_texts(session: Any, reception_id: int) -> list[str]:
    """What the search box finds a reception by besides its own fields: its guests' names and units."""
    rows = session.execute(
        select(ReceptionGuest.name, ReceptionGuest.unit).where(ReceptionGuest.reception_id == reception_id)
    ).all()
    return [" ".join(f"{n} {u}" for n, u in rows)] if rows else []
