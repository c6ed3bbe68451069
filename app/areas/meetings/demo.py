"""Demo data for 会议安排, the size of the office's own year: 9 大型会议 among about 70 meetings (常委会,
专题会议, 座谈会, 工作会议), three rooms, a directory of leaders and unit heads, and the next 大型会议 fully
arranged (participants on the 主席台 and by unit, 回执, preparation items, some of them overdue)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.meetings.registers import (
    MEETING_REGISTER,
    PARTICIPANT_REGISTER,
    PEOPLE_REGISTER,
    ROOM_REGISTER,
    TASK_REGISTER,
)

if TYPE_CHECKING:
    from app.services.container import Services

HALL, STANDING, SMALL = "县委大礼堂", "县委常委会议室", "县委第一会议室"
ROOMS = (
    (HALL, "县委大院1号楼", 400, 18, 20, "11，13"),
    (STANDING, "县委大院2号楼三楼", 40, 2, 12, "9"),
    (SMALL, "县委大院2号楼二楼", 60, 5, 10, "7"),
)
LEADERS = [  # (name, title) in protocol order
    ("周振荣", "县委书记"),
    ("吴建国", "县委副书记、县长"),
    ("郑海波", "县人大常委会主任"),
    ("冯志远", "县政协主席"),
    ("何晓东", "县委副书记"),
    ("许文斌", "县委常委、常务副县长"),
    ("林志强", "县委常委、纪委书记"),
    ("高建平", "县委常委、组织部部长"),
    ("唐丽华", "县委常委、宣传部部长"),
    ("罗永刚", "县委常委、政法委书记"),
    ("宋晓军", "县委常委、统战部部长"),
    ("韩雪梅", "县委常委、办公室主任"),
    ("曹国庆", "县委常委、副县长"),
]
UNITS = [
    "城关镇",
    "河西乡",
    "东山镇",
    "南湖乡",
    "县发改局",
    "县财政局",
    "县教育局",
    "县卫健局",
    "县农业农村局",
    "县住建局",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国志强丽华永刚晓军雪梅国庆文斌海波晓东明辉春燕红梅卫东立新秀英伟峰敏杰"
KINDS = (  # (type, how many in the year, name pattern, room)
    (
        "大型会议",
        9,
        [
            "全县经济工作会议",
            "全县党建工作会议",
            "全县乡村振兴推进大会",
            "全县招商引资大会",
            "全县优化营商环境大会",
            "全县安全生产工作会议",
            "全县项目建设推进大会",
            "全县平安建设工作会议",
            "全县干部大会",
        ],
        HALL,
    ),
    ("常委会", 24, ["县委常委会第{n}次会议"], STANDING),
    ("专题会议", 18, ["防汛工作专题会议", "信访维稳专题会议", "重点项目专题会议", "民生实事专题会议"], SMALL),
    ("座谈会", 10, ["企业家座谈会", "离退休老干部座谈会", "基层代表座谈会", "党外人士座谈会"], SMALL),
    ("工作会议", 12, ["办公室系统工作会议", "县直机关工作会议", "党风廉政建设工作会议"], SMALL),
)
TASKS = (
    ("讲话", "县委书记讲话稿", "孙丽"),
    ("报告", "工作报告", "马骏"),
    ("材料", "会议材料汇编", "黄婷"),
    ("印制", "会议文件印制", "王芳"),
    ("会场布置", "会场布置", "陈强"),
    ("音响", "音响调试", "刘洋"),
    ("桌签", "桌签制作", "陈强"),
    ("茶水", "茶水服务", "陈强"),
    ("宣传报导", "新闻通稿", "唐丽华"),
    ("车辆", "车辆调度", "刘洋"),
    ("食宿", "外地代表食宿", "陈强"),
)


def _name(rng: Any, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        if name not in used:
            used.add(name)
            return name


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    year: int = options["year"]
    rng = options["rng"]
    clerk = options["actor"](services, "chenqiang")
    regs = services.registers
    counts = {"会议室": 0, "人员": 0, "会议": 0, "参会人员": 0, "筹备事项": 0}
    with services.db.write() as s:
        from app.areas.meetings.notice_numbers import PREFIXES_SETTING
        from app.services.settings import set_value

        set_value(s, PREFIXES_SETTING, "县委办、县委办发、县委办发电")
        for name, place, cap, rows, per_row, rostrum in ROOMS:
            regs.create_in(
                s,
                clerk,
                ROOM_REGISTER,
                {
                    "name": name,
                    "place": place,
                    "capacity": cap,
                    "rows": rows,
                    "seats_per_row": per_row,
                    "rostrum_rows": rostrum,
                    "note": "",
                },
            )
            counts["会议室"] += 1
        used = {n for n, _ in LEADERS}
        people = [
            (n, "中共××县委" if "县委" in t else "××县", t, i + 1, f"1390000{i:04d}")
            for i, (n, t) in enumerate(LEADERS)
        ]
        for u_i, unit in enumerate(UNITS):
            for j, title in enumerate(
                ("党委书记" if "镇" in unit or "乡" in unit else "局长", "副职", "办公室主任")
            ):
                people.append(
                    (_name(rng, used), unit, title, 100 + u_i * 10 + j, f"1380000{len(people):04d}")
                )
        for name, unit, title, rank, phone in people:
            regs.create_in(
                s,
                clerk,
                PEOPLE_REGISTER,
                {"name": name, "unit": unit, "title": title, "rank": rank, "phone": phone, "note": ""},
            )
            counts["人员"] += 1
        # one meeting a half-day slot on working days, so no room is ever booked twice
        slots = []
        day = date(year, 1, 5)
        while day.year == year:
            if day.weekday() < 5:
                slots += [datetime.combine(day, time(9)), datetime.combine(day, time(15))]
            day += timedelta(days=1)
        plan = [(k, names, room) for k, n, names, room in KINDS for _ in range(n)]
        step = len(slots) // (len(plan) + 1)
        rng.shuffle(plan)
        meetings = []
        serial = {k: 0 for k, *_ in KINDS}
        for i, (kind, names, room) in enumerate(plan):
            start = slots[(i + 1) * step]
            serial[kind] += 1
            name = names[(serial[kind] - 1) % len(names)].format(n=serial[kind])
            obj = regs.create_in(
                s,
                clerk,
                MEETING_REGISTER,
                {
                    "name": name,
                    "kind": kind,
                    "state": "结束" if start.date() < date.today() else "筹备",
                    "starts_at": start,
                    "ends_at": start + timedelta(hours=3 if kind == "大型会议" else 2),
                    "checkin_at": start - timedelta(minutes=30) if kind == "大型会议" else None,
                    "checkin_place": f"{room}门口" if kind == "大型会议" else "",
                    "room": room,
                    "host_unit": "县委办公室",
                    "chair": "吴建国" if kind == "大型会议" else "周振荣",
                    "headcount": 260 if kind == "大型会议" else rng.randint(12, 45),
                    "secret_level": "none",
                    "topics": "研究部署年度重点工作——县委办公室\n听取有关情况汇报——县发改局",
                    "agenda": "一、传达上级会议精神\n二、听取工作汇报\n三、领导讲话",
                    "decisions": "会议原则同意年度重点工作安排\n会议要求各责任单位于月底前报送进展情况"
                    if kind == "常委会"
                    else "",
                    # the big meetings are called by 明传电报 (its own series, apart from the demo's 发文)
                    "notice_no": f"县委办发电〔{year}〕{serial[kind]}号" if kind == "大型会议" else "",
                    "contact": "陈强",
                    "contact_phone": "0731-12345678",
                    "unit_order": "\n".join(UNITS),
                },
            )
            meetings.append((obj, kind))
            counts["会议"] += 1
        # the 大型会议 nearest today, fully arranged: 主席台 leaders, unit heads by block, replies, tasks
        large = [m for m, k in meetings if k == "大型会议"]
        now = datetime.now()
        target = min(large, key=lambda m: abs((m.starts_at - now).total_seconds()))
        standing = next((m for m, k in meetings if k == "常委会" and m.starts_at < now), None)
        for meeting, rostrum_count in ((target, len(LEADERS)), (standing, 0)):
            if meeting is None:
                continue
            chosen = people if meeting is target else people[: len(LEADERS)]
            for i, (name, unit, title, rank, phone) in enumerate(chosen):
                ended = meeting.starts_at < now
                leave = i in (4, 17)
                regs.create_in(
                    s,
                    clerk,
                    PARTICIPANT_REGISTER,
                    {
                        "meeting_no": meeting.number,
                        "name": name,
                        "unit": unit,
                        "title": title,
                        "rank": rank,
                        "phone": phone,
                        "role": "出席",
                        "rostrum": i < rostrum_count,
                        "attendance": "请假" if leave else ("实到" if ended else "待到"),
                        "leave_reason": "出差" if leave else "",
                        "late": ended and i == 20,
                        "arrived_at": meeting.starts_at - timedelta(minutes=10 - (15 if i == 20 else 0))
                        if ended and not leave
                        else None,
                        "reply": "已回" if i % 5 else "未回",
                        "substitute": "",
                    },
                )
                counts["参会人员"] += 1
        for kind, item, who in TASKS:
            due = target.starts_at.date() - timedelta(days=rng.randint(-1, 6))
            regs.create_in(
                s,
                clerk,
                TASK_REGISTER,
                {
                    "meeting_no": target.number,
                    "kind": kind,
                    "item": item,
                    "who": who,
                    "due_on": due,
                    "state": "已完成" if rng.random() < 0.5 else "进行中",
                    "note": "",
                },
            )
            counts["筹备事项"] += 1
    return counts
