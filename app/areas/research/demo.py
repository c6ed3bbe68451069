"""Demo data for 调研与文稿, the size of the office's own year: 18 research trips, 9 forums, 20 topics,
24 articles (6 in provincial or city journals) and 110-odd speeches, reports and other materials."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.research.registers import (
    ACTIVITY_REGISTER,
    ARTICLE_REGISTER,
    DRAFT_REGISTER,
    TOPIC_REGISTER,
)

if TYPE_CHECKING:
    from app.services.container import Services

PLACES = ["城关镇", "河西乡", "县工业园区", "县人民医院", "红星村", "县一中", "县农业农村局", "东山林场"]
SUBJECTS = [
    "乡村振兴产业发展",
    "基层党组织建设",
    "县域营商环境",
    "农村人居环境整治",
    "民营企业融资难题",
    "基层社会治理",
    "教育资源均衡配置",
    "生态保护与绿色发展",
    "干部作风建设",
    "文旅融合发展",
]
PEOPLE = ["孙丽", "马骏", "黄婷", "陈强", "王芳"]
LEADERS = ["县委书记", "县长", "县委副书记", "县委常委、办公室主任"]


def _day(rng: Any, year: int, last: date) -> date:
    limit = (min(last, date(year, 12, 31)) - date(year, 1, 1)).days
    return date(year, 1, 1) + timedelta(days=rng.randint(0, max(limit, 0)))


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    year: int = options["year"]
    rng = options["rng"]
    clerk = options["actor"](services, "sunli")
    last = min(date.today(), date(year, 12, 31))
    counts = {"调研活动": 0, "调研课题": 0, "调研文章": 0, "文稿起草": 0}
    with services.db.write() as s:
        topics = []
        for i in range(20):
            started = _day(rng, year, last)
            done = i < 12 and started + timedelta(days=90) <= last
            obj = services.registers.create_in(
                s,
                clerk,
                TOPIC_REGISTER,
                {
                    "title": f"关于{rng.choice(SUBJECTS)}的调查与思考（{i + 1}）",
                    "lead": rng.choice(PEOPLE),
                    "members": "、".join(rng.sample(PEOPLE, 3)),
                    "started_on": started,
                    "state": "concluded" if done else "ongoing",
                    "concluded_on": started + timedelta(days=90) if done else None,
                    "result": "形成调研报告一篇，报县委主要领导参阅" if done else "",
                },
            )
            topics.append(obj.number)
            counts["调研课题"] += 1
        for kind, n in (("调研", 18), ("座谈会", 9), ("走访", 6)):
            for _ in range(n):
                services.registers.create_in(
                    s,
                    clerk,
                    ACTIVITY_REGISTER,
                    {
                        "kind": kind,
                        "held_on": _day(rng, year, last),
                        "place": rng.choice(PLACES),
                        "subject": rng.choice(SUBJECTS),
                        "participants": "、".join(rng.sample(PEOPLE, 2)),
                        "findings": "了解到基层在政策落实中的实际困难，已梳理问题清单",
                        "topic_no": rng.choice(topics),
                    },
                )
                counts["调研活动"] += 1
        levels = ["省级"] * 2 + ["市级"] * 4 + ["县级"] * 8 + ["未发表"] * 10
        for i, level in enumerate(levels):
            finished = _day(rng, year, last)
            services.registers.create_in(
                s,
                clerk,
                ARTICLE_REGISTER,
                {
                    "title": f"{rng.choice(SUBJECTS)}的实践与启示（{i + 1}）",
                    "authors": rng.choice(PEOPLE),
                    "finished_on": finished,
                    "journal": {
                        "省级": "《党建研究》",
                        "市级": "《市委通讯》",
                        "县级": "《县委工作简报》",
                    }.get(level, ""),
                    "issue": f"{year}年第{rng.randint(1, 12)}期" if level != "未发表" else "",
                    "level": level,
                    "topic_no": rng.choice(topics),
                },
            )
            counts["调研文章"] += 1
        kinds = ["讲话"] * 48 + ["工作报告"] * 22 + ["综合材料"] * 30 + ["汇报材料"] * 12
        for kind in kinds:
            asked = _day(rng, year, last)
            finished = asked + timedelta(days=rng.randint(1, 10))
            services.registers.create_in(
                s,
                clerk,
                DRAFT_REGISTER,
                {
                    "kind": kind,
                    "title": f"在全县{rng.choice(SUBJECTS)}工作会议上的{kind}",
                    "for_whom": rng.choice(LEADERS),
                    "drafter": rng.choice(PEOPLE),
                    "requested_on": asked,
                    "finished_on": finished if finished <= last else None,
                    "length_chars": rng.randint(3, 12) * 1000,
                    "versions": rng.randint(1, 5),
                },
            )
            counts["文稿起草"] += 1
    return counts
