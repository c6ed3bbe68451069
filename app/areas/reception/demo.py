"""Demo data of the office's year (its own summary): 178 人次 of letters and visits (96 letters, 40 visits by 82
persons, 3 of them 集体访), some calls, 17 receptions of provincial and city leaders, a day of the visitor log."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.reception import arrangements
from app.areas.reception.arrangements import Guest, Stop
from app.areas.reception.registers import (
    PETITION_REGISTER,
    RECEPTION_REGISTER,
    VISITOR_REGISTER,
    Category,
    Channel,
    Handling,
)
from app.domain.idnumber import check_char

if TYPE_CHECKING:
    from app.services.container import Services

TOWNS = ("城关镇", "河口镇", "石桥乡", "青山镇", "柳河乡", "双龙镇", "白沙乡", "金鸡镇")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "志强", "桂兰", "海燕", "德明", "春花", "国华", "玉珍", "永福", "丽娟", "文斌")
PROBLEMS = {
    Category.LAND: ("征地补偿款未按时发放", "土地确权面积有误"),
    Category.HOUSING: ("老旧小区改造噪音扰民", "安置房迟迟未交付"),
    Category.LABOUR: ("工地拖欠农民工工资", "养老保险缴费年限认定"),
    Category.RURAL: ("村道硬化质量问题", "灌溉水渠年久失修"),
    Category.ENV: ("养殖场污水直排河道", "石料厂粉尘污染"),
    Category.CIVIL: ("低保资格认定有异议", "残疾人补贴未到位"),
    Category.CONDUCT: ("村干部办事推诿", "窗口单位服务态度差"),
    Category.SUGGEST: ("建议增设公交线路", "建议完善农贸市场管理"),
}
UNITS = ("县自然资源局", "县住建局", "县人社局", "县农业农村局", "县生态环境局", "县民政局", "县纪委监委")


def _id(rng: Any, born: date) -> str:
    first17 = f"3{rng.randint(10000, 99999)}{born:%Y%m%d}{rng.randint(100, 999)}"
    return first17 + check_char(first17)


def _petitions(year: int, rng: Any, today: date) -> list[dict[str, Any]]:
    channels = [Channel.LETTER] * 60 + [Channel.ONLINE] * 20 + [Channel.MAILBOX] * 8 + [Channel.REFERRED] * 8
    visits = [1] * 24 + [2] * 8 + [3] * 5 + [6, 8, 13]  # 40 visits, 82 persons, 3 集体访
    rows: list[dict[str, Any]] = []
    kinds = [(c, 1) for c in channels] + [(Channel.VISIT, n) for n in visits] + [(Channel.CALL, 1)] * 12
    last = min(today, date(year, 12, 31))
    span = (last - date(year, 1, 2)).days
    for channel, persons in kinds:
        registered = date(year, 1, 2) + timedelta(days=rng.randint(0, span))
        category = rng.choice(list(PROBLEMS))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        town = rng.choice(TOWNS)
        born = date(rng.randint(1950, 1995), rng.randint(1, 12), rng.randint(1, 28))
        row: dict[str, Any] = {
            "registered_on": registered,
            "channel": channel.value,
            "petitioner": name,
            "id_number": _id(rng, born)
            if channel in (Channel.VISIT, Channel.CALL) or rng.random() < 0.5
            else "",
            "phone": f"13{rng.randint(100000000, 999999999)}",
            "address": f"{town}{rng.choice('东西南北')}街{rng.randint(1, 90)}号",
            "township": town,
            "village": f"{rng.choice('红光新民胜利和平')}村",
            "persons": persons,
            "representatives": "、".join(rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(3))
            if persons >= 5
            else "",
            "category": category.value,
            "summary": rng.choice(PROBLEMS[category]),
            "facts": "信访人反映："
            + rng.choice(PROBLEMS[category])
            + "，多次向有关部门反映未果，请求依法处理。",
        }
        if channel == Channel.REFERRED:
            row["source_organ"] = "市信访局"
            row["source_no"] = f"市信转〔{year}〕{rng.randint(1, 300)}号"
        age = (today - registered).days
        if age > 10:
            accepted = registered + timedelta(days=rng.choice((1, 2, 3, 5, 8, 12, 14, 17)))
            row["accepted_on"] = accepted
            unit = UNITS[list(PROBLEMS).index(category) % len(UNITS)]
            row["handling"] = rng.choice((Handling.DIRECT, Handling.FORWARD, Handling.ASSIGN)).value
            row["handler_unit"] = unit if row["handling"] != Handling.DIRECT.value else "县委办信访室"
            if age > 50:
                replied = accepted + timedelta(days=rng.choice((20, 30, 41, 52, 58, 63)))
                if replied < today:
                    row["replied_on"] = replied
                    row["reply_result"] = rng.choice(("支持", "支持", "解释", "不予支持"))
                    row["reply_text"] = "经调查核实，已责成有关单位依法依规处理，并向信访人当面反馈。"
                    if replied + timedelta(days=10) < today:
                        row["visited_on"] = replied + timedelta(days=7)
                        row["satisfaction"] = rng.choice(("满意",) * 7 + ("基本满意",) * 2 + ("不满意",))
                        row["closed_on"] = replied + timedelta(days=8)
        rows.append(row)
    return rows


def _receptions(year: int, rng: Any, today: date) -> list[dict[str, Any]]:
    visits = [
        ("省委政研室", "省级", "乡村振兴专题调研"),
        ("省发展改革委", "省级", "重大项目建设督导"),
        ("省生态环境厅", "省级", "中央环保督察整改回头看"),
        ("省农业农村厅", "省级", "高标准农田建设检查"),
        ("省委组织部", "省级", "基层党建工作调研"),
    ] + [
        (u, "市级", p)
        for u, p in (
            ("市委办公室", "督查重点工作落实"),
            ("市政府办公室", "安全生产检查"),
            ("市委宣传部", "文明城市创建指导"),
            ("市发展改革委", "项目推进调研"),
            ("市应急管理局", "防汛备汛检查"),
            ("市教育局", "义务教育均衡发展督导"),
            ("市卫生健康委", "基层医疗服务调研"),
            ("市委组织部", "干部队伍建设调研"),
            ("市交通运输局", "农村公路建设检查"),
            ("市住建局", "老旧小区改造调研"),
            ("市委政法委", "平安建设调研"),
            ("市信访局", "信访积案化解督导"),
        )
    ]
    rows = []
    for i, (unit, level, purpose) in enumerate(visits):
        day = date(year, 1, 10) + timedelta(
            days=int(i * ((min(today, date(year, 12, 20)) - date(year, 1, 10)).days / 17))
        )
        persons = rng.randint(3, 14)
        companions = 3 if persons <= 10 else persons // 3
        nights = rng.choice((0, persons, persons * 2))
        rows.append(
            {
                "arrive_on": day,
                "leave_on": day + timedelta(days=1 if nights else 0),
                "guest_unit": unit,
                "guest_level": level,
                "purpose": purpose,
                "persons": persons,
                "letter_unit": unit,
                "letter_no": f"{unit[:2]}函〔{year}〕{rng.randint(1, 99)}号",
                "letter_on": day - timedelta(days=rng.randint(3, 10)),
                "approver": "周振荣",
                "approved_on": day - timedelta(days=2),
                "_guests": [
                    Guest(
                        rng.choice(SURNAMES) + rng.choice(GIVEN),
                        unit,
                        ("副厅长", "处长", "副处长", "科长", "干部")[min(j, 4)],
                        level,
                    )
                    for j in range(persons)
                ],
                "_itinerary": [
                    Stop(day, "上午 9:00", "县委常委会议室", "听取工作汇报", "县委副书记、县委办主任"),
                    Stop(day, "下午 14:30", rng.choice(TOWNS), "实地调研", "县委办副主任"),
                ],
                "hotel": "县机关招待所" if nights else "",
                "room_type": "标准间" if nights else "",
                "room_nights": nights,
                "lodging_self_paid": True,
                "meals": 1,
                "companions": companions,
                "vehicles": "中型客车1辆",
                "cost_meals": (persons + companions) * rng.choice((40, 50, 60)),
                "cost_lodging": nights * 260,
                "cost_transport": persons * 60,
                "cost_other": 0,
                "has_letter": True,
                "has_approval": True,
                "has_list": True,
                "has_receipts": day + timedelta(days=20) < today,
                "handler": "陈强",
            }
        )
    return rows


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    year: int = options["year"]
    rng = options["rng"]
    petitions_clerk = options["actor"](services, "zhaomin")
    reception_clerk = options["actor"](services, "chenqiang")
    today = date.today() if date.today().year == year else date(year, 12, 31)
    petitions = _petitions(year, rng, today)
    receptions = _receptions(year, rng, today)
    now = datetime.combine(today, time(9, 0))
    visitors = [
        {
            "visitor": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "unit": rng.choice(UNITS + ("县融媒体中心", "城关镇政府")),
            "id_number": _id(rng, date(rng.randint(1960, 1998), rng.randint(1, 12), rng.randint(1, 28))),
            "phone": f"139{rng.randint(10000000, 99999999)}",
            "people": 1,
            "purpose": rng.choice(("送达文件", "汇报工作", "联系会议事宜", "材料报送")),
            "host": rng.choice(("秘书科王芳", "综合科陈强", "督查室刘洋")),
            "came_at": now + timedelta(minutes=35 * i),
            "left_at": now + timedelta(minutes=35 * i + 25) if i < 5 else None,
        }
        for i in range(8)
    ]
    for reg, rows, who in (
        (PETITION_REGISTER, petitions, petitions_clerk),
        (RECEPTION_REGISTER, receptions, reception_clerk),
        (VISITOR_REGISTER, visitors, reception_clerk),
    ):
        children = [(r.pop("_guests", ()), r.pop("_itinerary", ())) for r in rows]
        checked = [services.registers.check_values(reg, r) for r in rows]
        with services.db.write() as s:
            ids = services.registers.bulk_create_in(s, who, reg, checked, "demo")
            if reg is RECEPTION_REGISTER:  # the 接待对象 and 行程 tables of each reception
                for rid, (guests, stops) in zip(ids, children, strict=True):
                    arrangements.store(s, rid, guests, stops)
                    services.registers.reindex(s, reg, s.get(reg.model, rid))
    return {"信访件": len(petitions), "公务接待": len(receptions), "来客登记": len(visitors)}
