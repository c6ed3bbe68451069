"""Demo data for 信息报送, the office's year: 170 items submitted to the province and city, 54 adopted."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from app.areas.information.registers import SUBMISSION_REGISTER

if TYPE_CHECKING:
    from app.services.container import Services

UNITS = ["县委办公室", "县政府办公室", "县农业农村局", "县应急管理局", "城关镇", "河西乡", "县发展改革局"]
AUTHORS = ["刘洋", "黄婷", "马骏", "张敏", "李霞", "王伟"]
TOPICS = ["我县多措并举推进乡村振兴", "我县扎实开展安全生产大检查", "我县创新基层治理模式", "我县全力做好防汛工作",
          "我县优化营商环境取得新成效", "我县积极推进生态文明建设"]  # fmt: skip
ADOPTED = [
    "市委办公室《××信息》采用",
    "市委办公室摘要采用",
    "省委办公厅《每日要情》采用",
    "市政府办公室综合采用",
]


def fill(services: Services, options: dict[str, Any]) -> dict[str, int]:
    year: int = options["year"]
    rng = options["rng"]
    clerk = options["actor"](services, "liuyang")
    last = min(date.today(), date(year, 12, 31))
    span = (last - date(year, 1, 1)).days
    rows = []
    adopted = set(rng.sample(range(170), 54))
    for i in range(170):
        day = date(year, 1, 1) + timedelta(days=rng.randint(0, span))
        rows.append(
            {
                "submitted_on": day,
                "title": f"{rng.choice(TOPICS)}（{i + 1}）",
                "unit": rng.choice(UNITS),
                "author": rng.choice(AUTHORS),
                "category": rng.choice(["动态", "动态", "经验", "问题", "建议"]),
                "urgency": "normal",
                "to_whom": rng.choice(["市委办公室", "省委办公厅"]),
                "adoption_text": rng.choice(ADOPTED) if i in adopted else "未采用",
            }
        )
    with services.db.write() as s:
        services.registers.bulk_create_in(s, clerk, SUBMISSION_REGISTER, rows, "demo", {"demo": True})
    return {"信息报送": len(rows)}
