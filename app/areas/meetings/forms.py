"""What the meeting's printouts say, collected from one participant list through the service (rights
checked there): the seating chart in either view, the 桌签, the 签到表, the 会议通知 with its 回执, the
会议纪要 and the month calendar. Layouts in app.printing.meeting_*."""

from __future__ import annotations

import calendar as months
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.areas.meetings import checks
from app.areas.meetings.registers import Attendance, AttendRole, Reply
from app.areas.meetings.seating import build_chart, card_names, seated_name
from app.areas.meetings.service import SERVICE
from app.domain.seating import AUDIENCE_VIEW, STAGE_VIEW
from app.printing.gbt9704 import OfficialDocument, Para, cn_date
from app.printing.meeting_calendar import CalendarDay, MeetingMonth
from app.printing.meeting_docx import MeetingNotice, Minutes
from app.printing.meeting_seating import CardsPrintout, SeatingChart, SeatingPrintout, SignInRow, SignInSheet
from app.printing.meta import PrintMeta

if TYPE_CHECKING:
    from app.services.container import Services

WEEKDAY = "一二三四五六日"


def _svc(services: Services) -> Any:
    return services.service(SERVICE)


def _room_layout(services: Services, room: str) -> tuple[list[int], int, int]:
    with services.db.read() as s:
        r = checks.room_of(s, room)
        if r is None:
            return [], 0, 0
        rows = checks.parse_rostrum_rows(r.rostrum_rows) if r.rostrum_rows else []
        return rows, r.rows or 0, r.seats_per_row or 0


def chart(services: Services, actor: Any, meeting_id: int, view: str = AUDIENCE_VIEW) -> SeatingChart:
    svc = _svc(services)
    info = svc.meeting(actor, meeting_id)
    people = svc.participants(actor, meeting_id)
    rostrum_rows, hall_rows, per_row = _room_layout(services, info.room)
    return build_chart(info, people, rostrum_rows, hall_rows, per_row, view)


def _meta(services: Services, actor: Any, meeting_id: int) -> PrintMeta:
    info = _svc(services).meeting(actor, meeting_id)
    return PrintMeta.for_actor(actor, info.secret_level)


def _seating(services: Services, actor: Any, meeting_id: int, view: str) -> SeatingPrintout:
    svc = _svc(services)
    info = svc.meeting(actor, meeting_id)
    rostrum_rows, hall_rows, per_row = _room_layout(services, info.room)
    c = build_chart(info, svc.participants(actor, meeting_id), rostrum_rows, hall_rows, per_row, view)
    return SeatingPrintout(c, PrintMeta.for_actor(actor, info.secret_level))


def collect_seating(services: Services, actor: Any, meeting_id: int) -> SeatingPrintout:
    return _seating(services, actor, meeting_id, AUDIENCE_VIEW)


def collect_seating_stage(services: Services, actor: Any, meeting_id: int) -> SeatingPrintout:
    return _seating(services, actor, meeting_id, STAGE_VIEW)


def collect_cards(services: Services, actor: Any, meeting_id: int) -> CardsPrintout:
    return CardsPrintout(card_names(chart(services, actor, meeting_id)))


def _when(start: datetime | None, end: datetime | None = None) -> str:
    if start is None:
        return ""
    text = f"{cn_date(start.date())}（星期{WEEKDAY[start.weekday()]}）{start:%H:%M}"
    if end and end.date() != start.date():
        text += f"至{cn_date(end.date())}{end:%H:%M}"
    elif end:
        text += f"—{end:%H:%M}"
    return text


def collect_sign_in(services: Services, actor: Any, meeting_id: int) -> SignInSheet:
    svc = _svc(services)
    info = svc.meeting(actor, meeting_id)
    rows = []
    for p in svc.participants(actor, meeting_id):
        if p.role == AttendRole.STAFF.value:
            continue
        note = ""
        if p.attendance == Attendance.LEAVE.value:
            note = f"请假（{p.leave_reason}）" if p.leave_reason else "请假"
        elif p.reply == Reply.SUBSTITUTE.value and p.substitute:
            note = f"{p.substitute}代会"
        if p.late:
            note = (note + " 迟到").strip()
        arrived = f"{p.arrived_at:%H:%M}" if p.arrived_at else ""
        rows.append(SignInRow(p.unit, p.name, p.title, p.phone, arrived, note))
    return SignInSheet(
        info.name,
        _when(info.starts_at, info.ends_at),
        info.room,
        tuple(rows),
        _meta(services, actor, meeting_id),
    )


def _settings(services: Services) -> dict[str, str]:
    from app.services.office_settings import DEFAULT_ISSUER_MARK as ISSUER_MARK
    from app.services.office_settings import DEFAULT_ORGAN as ORGAN
    from app.services.office_settings import ISSUER_MARK_SETTING, ORGAN_SETTING
    from app.services.settings import get_value

    with services.db.read() as s:
        return {
            "mark": get_value(s, ISSUER_MARK_SETTING) or ISSUER_MARK,
            "organ": get_value(s, ORGAN_SETTING) or ORGAN,
        }


def collect_notice(services: Services, actor: Any, meeting_id: int) -> MeetingNotice:
    svc = _svc(services)
    info = svc.meeting(actor, meeting_id)
    people = svc.participants(actor, meeting_id)
    settings = _settings(services)
    units = list(dict.fromkeys(p.unit for p in people if p.unit and p.role != AttendRole.STAFF.value))
    body: list[Para] = []
    start = info.starts_at
    body.append(
        Para(f"经研究，定于{cn_date(start.date()) if start else ''}召开{info.name}。现将有关事项通知如下。")
    )
    body.append(Para("会议时间", 1))
    when = _when(info.starts_at, info.ends_at)
    if info.checkin_at:
        same_day = info.starts_at is not None and info.checkin_at.date() == info.starts_at.date()
        at = f"{info.checkin_at:%H:%M}" if same_day else _when(info.checkin_at)
        when += f"，{at}开始报到" + (f"，报到地点：{info.checkin_place}" if info.checkin_place else "")
    body.append(Para(when + "。"))
    body.append(Para("会议地点", 1))
    body.append(Para(f"{info.room or '另行通知'}。"))
    if info.topics or info.agenda:
        body.append(Para("会议议题", 1))
        for i, (topic, who) in enumerate(info.topics or tuple((a, "") for a in info.agenda), start=1):
            body.append(Para(f"{i}.{topic}" + (f"（{who}汇报）" if who else "") + "。"))
    body.append(Para("参会人员", 1))
    scope = info.attendees_scope.strip() or ("、".join(units) + "主要负责同志" if units else "另行通知")
    body.append(Para(scope.rstrip("。") + "。"))
    body.append(Para("会议要求", 1))
    for line in [t.strip() for t in info.requirements.splitlines() if t.strip()] or [
        "请参会人员提前10分钟入场，会议期间将手机调至静音状态。确因特殊情况不能参会的，须书面请假。"
    ]:
        body.append(Para(line))
    deadline = f"请各单位于{cn_date(info.reply_by)}前" if info.reply_by else "请各单位于会前两天"
    contact = "，".join(
        t for t in (info.contact, f"联系电话：{info.contact_phone}" if info.contact_phone else "") if t
    )
    body.append(Para(f"{deadline}将回执（见附件）报送{settings['organ']}。"))
    if contact:
        body.append(Para("联系人", 1))
        body.append(Para(contact + "。"))
    doc = OfficialDocument(
        issuer_mark=settings["mark"],
        doc_number=info.notice_no,  # the 发文字号 line under the 版头; none printed when it is empty
        title=f"关于召开{info.name}的通知",
        body=tuple(body),
        # a 通知 always has its 主送 (GB/T 9704): the invited units, or 各有关单位 before anyone is invited
        main_recipients="，".join(units) if units else "各有关单位",
        attachments=(f"{info.name}回执",),
        issuer_signature=settings["organ"],
        date=date.today(),
        secret_level="" if info.secret_level in ("", "none") else _level_label(info.secret_level),
        printed_by_org=settings["organ"],
        printed_on=date.today(),
    )
    # one row per unit to fill in (姓名、职务、电话 are the unit's to write, or its 代会 substitute's)
    rows = tuple((unit, "", "", "") for unit in units)
    return MeetingNotice(
        doc,
        f"{info.name}回执",
        f"{deadline}报送{settings['organ']}。代会的请在备注中注明代会人姓名。",
        rows,
    )


def _level_label(value: str) -> str:
    from app.domain.enums import SecretLevel

    return SecretLevel(value).label


def collect_minutes(services: Services, actor: Any, meeting_id: int) -> Minutes:
    svc = _svc(services)
    info = svc.meeting(actor, meeting_id)
    people = svc.participants(actor, meeting_id)
    settings = _settings(services)
    present = tuple(
        seated_name(p)
        for p in people
        if p.role == AttendRole.MEMBER.value
        and p.attendance != Attendance.LEAVE.value
        and p.attendance != Attendance.ABSENT.value
    )
    leave = tuple(
        f"{p.name}（{p.leave_reason}）" if p.leave_reason else p.name
        for p in people
        if p.role == AttendRole.MEMBER.value and p.attendance == Attendance.LEAVE.value
    )
    observers = tuple(
        f"{p.unit}{p.title}{p.name}" if p.unit or p.title else p.name
        for p in people
        if p.role == AttendRole.OBSERVER.value
        and p.attendance not in (Attendance.LEAVE.value, Attendance.ABSENT.value)
    )
    summary = info.minutes_summary.strip()
    if not summary:
        start = info.starts_at
        topics = "、".join(t for t, _ in info.topics)
        summary = (
            f"{cn_date(start.date()) if start else ''}，{info.chair + '主持召开' if info.chair else '召开'}{info.name}"
            + (f"，会议在{info.room}举行" if info.room else "")
            + (f"。会议研究了{topics}等议题" if topics else "")
            # "现纪要如下：" announces the 议定事项: without any it would point at nothing
            + ("。现纪要如下：" if info.decisions else "。")
        )
    mark = info.name if info.name.endswith("会议") or info.name.endswith("会") else info.name
    return Minutes(
        f"{mark}纪要",
        info.number,  # 纪要编号 centred under the 标志, as written: 会〔2026〕2号 (no brackets around it)
        settings["organ"],
        info.starts_at.date() if info.starts_at else None,
        summary,
        info.decisions,
        present,
        leave,
        observers,
    )


def collect_calendar(services: Services, actor: Any, code: int) -> MeetingMonth:
    year, month = divmod(int(code), 100)
    first, last = date(year, month, 1), date(year, month, months.monthrange(year, month)[1])
    entries = _svc(services).calendar(actor, first, last)
    days = []
    for n in range(1, last.day + 1):
        day = date(year, month, n)
        lines = tuple(
            f"{e.starts_at:%H:%M} {e.name}" + (f"（{e.room}）" if e.room else "")
            for e in entries
            if e.starts_at.date() <= day <= e.ends_at.date()
        )
        days.append(CalendarDay(day, lines))
    return MeetingMonth(f"{year}年{month}月会议安排", tuple(days), PrintMeta.for_actor(actor))
