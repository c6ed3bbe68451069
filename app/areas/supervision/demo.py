"""Demo data for 督办: the office's year — 342 items from the 市委 all done (办结率 100%), some from leaders'
批示 and meetings; a few recent ones still open, so the three colours and the workflow can be seen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.supervision.registers import ITEM_REGISTER, ITEMS
from app.areas.supervision.service import SERVICE

if TYPE_CHECKING:
    from app.services.container import Services

UNITS = [
    "县发展改革局",
    "县财政局",
    "县农业农村局",
    "县住建局",
    "县生态环境局",
    "县教育局",
    "县卫生健康局",
    "城关镇",
    "河西乡",
]
TASKS = [
    "落实市委关于安全生产大检查的部署",
    "推进农村人居环境整治提升",
    "加快重点项目建设进度",
    "做好秋冬季大气污染防治",
    "落实粮食安全党政同责",
    "推进营商环境优化提升",
    "做好防汛抗旱各项准备",
    "化解信访积案",
]


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    year: int = options["year"]
    rng = options["rng"]
    clerk = options["actor"](services, "liuyang")
    last = min(date.today(), date(year, 12, 31))
    span = (last - date(year, 1, 1)).days
    rows = []
    for source, n in (("市委督办", 342), ("领导批示", 24), ("会议议定", 12), ("县委交办", 18)):
        for _ in range(n):
            start = date(year, 1, 1) + timedelta(days=rng.randint(0, max(span - 30, 1)))
            deadline = start + timedelta(days=rng.choice((7, 15, 30, 45)))
            done = start + timedelta(days=rng.randint(3, (deadline - start).days))
            rows.append(
                {
                    "received_on": start,
                    "source": source,
                    "source_ref": f"市委督〔{year}〕{rng.randint(1, 400)}号" if source == "市委督办" else "",
                    "content": rng.choice(TASKS),
                    "lead_unit": rng.choice(UNITS),
                    "deadline": deadline,
                    "cycle": "once",
                    "state": "done",
                    "assigned_on": start,
                    "last_report_on": done,
                    "result": "已按要求办结，书面报告已报送",
                    "done_on": done,
                }
            )
    with services.db.write() as s:
        services.registers.bulk_create_in(s, clerk, ITEM_REGISTER, rows, "demo", {"demo": True})
    # a few open items through the workflow itself: history, 催办, colours
    wf, opened = services.workflow, 0
    for i, (days_left, cycle) in enumerate(
        ((-3, "once"), (2, "once"), (20, "weekly"), (40, "monthly"), (25, "once"))
    ):
        rec = services.registers.create(
            clerk,
            ITEMS,
            {
                "received_on": (last - timedelta(days=30)).isoformat(),
                "source": "市委督办" if i % 2 == 0 else "领导批示",
                "source_ref": f"市委督〔{year}〕{401 + i}号" if i % 2 == 0 else "",
                "content": TASKS[i],
                "cycle": cycle,
            },
        )
        wf.run(
            clerk,
            ITEMS,
            rec.id,
            "assign",
            {
                "lead_unit": UNITS[i],
                "deadline": (last + timedelta(days=days_left)).isoformat(),
                "cycle": cycle,
                "assigned_on": (last - timedelta(days=28)).isoformat(),
            },
        )
        if i == 0:
            wf.run(
                clerk, ITEMS, rec.id, "urge", {"method": "phone", "note": "已电话催办，要求三日内报送进展"}
            )
        opened += 1
    opened += _from_incoming(services, options)
    return {"督办事项": len(rows) + opened}


def _from_incoming(services: Services, options: dict[str, Any]) -> int:
    """One recent 收文 made into an item by 王芳 (收发文 and 督查): its 来源记录 opens the 收文, and the 收文's
    details name the item. Through the register service only: the areas do not import each other."""
    if "incoming" not in services.catalog.keys():
        return 0
    clerk = options["actor"](services, "wangfang")
    page = services.registers.page(clerk, "incoming", limit=20, with_total=False)
    source = next((r for r in page.records if r["title"] and not r.voided), None)
    if source is None:
        return 0
    item = services.service(SERVICE).from_record(clerk, "incoming", source.id)
    services.workflow.run(
        clerk,
        ITEMS,
        item.id,
        "assign",
        {"lead_unit": UNITS[1], "deadline": (date.today() + timedelta(days=12)).isoformat()},
    )
    return 1
