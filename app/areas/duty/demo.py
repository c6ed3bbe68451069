"""Demo data for the 值班 area: the year's roster in the office's base order (领导带班, 秘书值班), a few
absences, one swap waiting for approval, and a duty log of calls, faxes and a few 突发事件."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.duty.registers import ABSENCE_REGISTER, LOG_REGISTER, EmergencyGrade, LogKind
from app.areas.duty.service import SERVICE
from app.services.settings import set_value

if TYPE_CHECKING:
    from app.services.container import Services

LEADERS = ["周振荣", "吴建国", "郑晓东"]
STAFF = ["陈强", "王芳", "李军", "刘洋", "孙丽", "马骏", "黄婷"]
UNITS = ["市委办公室值班室", "县应急管理局", "城关镇", "县公安局指挥中心", "县气象局", "县水利局", "河西乡"]
CALLS = [
    "询问明日县委常委会会议时间和参会范围",
    "报送今日防汛值班情况，辖区无险情",
    "通知周五上午召开全市安全生产视频会议",
    "反映村道积水影响通行，请求协调处置",
    "转达市委领导关于春节期间值班值守的要求",
    "报告辖区一处民房因雨倒塌，无人员伤亡",
]


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    year: int = options["year"]
    rng = options["rng"]
    clerk = options["actor"](services, "chenqiang")
    leader = options["actor"](services, "zhouzr")
    with services.db.write() as s:
        set_value(s, "duty.leaders", "、".join(LEADERS))
        set_value(s, "duty.staff", "、".join(STAFF))
    absences = 0
    with services.db.write() as s:
        for person, start, days, reason in (
            ("李军", date(year, 3, 9), 5, "出差"),
            ("孙丽", date(year, 7, 20), 10, "休假"),
        ):
            services.registers.create_in(
                s,
                clerk,
                ABSENCE_REGISTER,
                {
                    "person": person,
                    "start_on": start,
                    "end_on": start + timedelta(days=days - 1),
                    "reason": reason,
                },
            )
            absences += 1
    svc = services.service(SERVICE)
    result = svc.generate(clerk, date(year, 1, 1), date(year, 12, 31), phone="0871-6123456")
    # one swap asked for in the coming weeks, waiting for the leader
    upcoming = [sh for sh in result.shifts if sh.day > date.today()][:10] or list(result.shifts[-10:])
    a, b = upcoming[0], upcoming[-1]
    if a.staff and b.staff and a.staff[0] != b.staff[0]:
        svc.request_swap(clerk, a.id, a.staff[0], b.id, b.staff[0], "家中有事，与同事互换")
    entries = 0
    with services.db.write() as s:
        day = date(year, 1, 2)
        last = min(date(year, 12, 31), date.today())
        while day <= last:
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                at = datetime.combine(day, time(rng.randint(8, 21), rng.choice((5, 17, 26, 38, 44, 52))))
                emergency = rng.random() < 0.03
                kind = (
                    LogKind.EMERGENCY
                    if emergency
                    else rng.choice((LogKind.CALL, LogKind.CALL, LogKind.DOCUMENT))
                )
                values: dict[str, Any] = {
                    "at": at,
                    "kind": kind.value,
                    "unit": rng.choice(UNITS),
                    "caller": rng.choice(["张", "李", "杨", "何", "罗"])
                    + rng.choice(["科长", "主任", "值班员"]),
                    "phone": f"0871-61{rng.randint(10000, 99999)}",
                    "content": rng.choice(CALLS),
                    "handling": "已登记并报告带班领导",
                    "recorder": rng.choice(STAFF),
                }
                if emergency:
                    values["grade"] = rng.choice((EmergencyGrade.LARGER, EmergencyGrade.ORDINARY)).value
                    values["content"] = "报告辖区发生道路交通事故，2人受伤，已送医救治"
                    if day < last:  # earlier events were reported; today's one is still waiting
                        values["reported_phone_at"] = at + timedelta(minutes=rng.randint(8, 25))
                        values["reported_written_at"] = at + timedelta(minutes=rng.randint(35, 55))
                services.registers.create_in(s, clerk, LOG_REGISTER, values)
                entries += 1
            day += timedelta(days=1)
    del leader
    return {"值班表": result.saved, "值班记录": entries, "值班请假": absences}
