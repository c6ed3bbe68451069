"""`python -m app reception …`: the 信访 figures of a period (for the annual report), the statutory clock of
every open case, the 公务接待 figures, who is in the building and a visitor's sign-out."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import date
from typing import Any

from app.cli.common import CliError, _as_user
from app.domain.dates import DateParseError, parse_date


def _period(args: argparse.Namespace) -> tuple[date, date]:
    try:
        if args.start or args.end:
            return parse_date(args.start), parse_date(args.end)
    except DateParseError as e:
        raise CliError(f"日期：{e}") from None
    year = args.year or date.today().year
    return date(year, 1, 1), date(year, 12, 31)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}%"


def _line(name: str, f: object) -> str:
    d = f.as_dict()  # type: ignore[attr-defined]
    return f"{name}\t" + "\t".join(_pct(v) if k.endswith("率") else str(v) for k, v in d.items())


def cmd_reception(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        from app.areas.reception.service import (
            SERVICE as RECEPTION_SERVICE,  # here, not at the top: `--help` loads no area
        )

        svc = services.service(RECEPTION_SERVICE)
        if args.rc_cmd == "petition-stats":
            start, end = _period(args)
            st = svc.petition_figures(actor, start, end)
            print(f"信访统计 {start} 至 {end}")
            print("\t" + "\t".join(st.total.as_dict()))
            print(_line("合计", st.total))
            groups: dict[str, Mapping[Any, Any]] = {
                "month": st.by_month,
                "channel": st.by_channel,
                "category": st.by_category,
                "township": st.by_township,
            }
            for key, fig in groups[args.by].items():
                name = f"{key // 100}年{key % 100}月" if args.by == "month" else str(key)
                print(_line(name, fig))
        elif args.rc_cmd == "clock":
            clocks = svc.open_clocks(actor, warn_only=not args.all)
            for c in clocks:
                print(
                    f"{c.number}\t{c.petitioner}\t{c.what}\t{c.due}\t{c.status_label}（{c.days_left}日）\t{c.summary}"
                )
            print(f"共{len(clocks)}件")
        elif args.rc_cmd == "reception-stats":
            start, end = _period(args)
            f = svc.reception_figures(actor, start, end)
            levels = "，".join(f"{k}{v}次" for k, v in f.by_level.items())
            costs = "，".join(f"{k}{v}元" for k, v in f.costs.items())
            print(
                f"公务接待 {start} 至 {end}：{f.receptions}次（{levels}），接待{f.persons}人次，陪餐{f.companions}人次"
            )
            by_guest = "，".join(f"{k}{v}人次" for k, v in (f.persons_by_level or {}).items() if v) or "无"
            print(f"接待对象按级别：{by_guest}")
            print(f"费用：{costs}，合计{f.total_cost}元，人均{f.cost_per_person or 0}元")
            for m, row in f.by_month.items():
                print(
                    f"{m // 100}年{m % 100}月\t{row['receptions']}次\t{row['persons']}人\t陪餐{row['companions']}\t{row['cost']}元"
                )
        elif args.rc_cmd == "inside":
            rows = svc.inside(actor)
            for r in rows:
                print(
                    f"{r['number']}\t{r['visitor']}\t{r['unit']}\t{r['id_number']}\t{r['came_at']:%H:%M}\t访{r['host']}"
                )
            print(f"楼内来客{len(rows)}人")
        elif args.rc_cmd == "out":
            rid = services.printing.record_id(actor, "visitors", args.record)
            rec = svc.sign_out(actor, rid)
            print(f"已登记离开：{rec['visitor']} {rec['left_at']:%H:%M}")
    return 0


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reception", help="来访接待：信访统计与期限、公务接待统计、楼内来客与离开登记")
    rs = p.add_subparsers(dest="rc_cmd", metavar="操作", required=True)
    for verb, text in (("petition-stats", "信访统计（来信件、来访批次/人次、集体访、按期受理率、按期办结率、办结率、满意率）"),
                       ("reception-stats", "公务接待统计（按接待对象级别、人数、陪餐、各类费用与人均，按月）")):  # fmt: skip
        s = rs.add_parser(verb, help=text)
        s.add_argument("--year", type=int, help="年度（默认今年）")
        s.add_argument("--from", dest="start", help="开始日期")
        s.add_argument("--to", dest="end", help="结束日期")
        if verb == "petition-stats":
            s.add_argument("--by", choices=("month", "channel", "category", "township"), default="month",
                           help="分组：month 按月、channel 按渠道、category 按类别、township 按乡镇")  # fmt: skip
    c = rs.add_parser("clock", help="信访期限：即将到期与已超期的信访件（--all 列出全部在办）")
    c.add_argument("--all", action="store_true", help="列出全部计时中的信访件")
    rs.add_parser("inside", help="现在仍在楼内的来客")
    o = rs.add_parser("out", help="登记来客离开")
    o.add_argument("record", help="来客登记编号或序号")
    p.set_defaults(func=cmd_reception)
