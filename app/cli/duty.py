"""`python -m app duty …`: the roster from the command line — generate a period (prints the roster and each
person's weekday/weekend/holiday counts), today's duty, swap requests and their approval."""

from __future__ import annotations

import argparse
from datetime import date

from app.cli.common import CliError, _as_user
from app.domain.dates import DateParseError, parse_date
from app.domain.roster import DAY_KIND_LABELS

WEEKDAYS = "一二三四五六日"


def _day(text: str, what: str) -> date:
    try:
        return parse_date(text)
    except DateParseError as e:
        raise CliError(f"{what}：{e}") from None


def _names(text: str | None) -> list[str] | None:
    if not text:
        return None
    from app.areas.duty.service import parse_people

    try:
        return parse_people(text)
    except ValueError as e:
        raise CliError(str(e)) from None


def cmd_duty(args: argparse.Namespace) -> int:
    from app.areas.duty.service import DutyService

    with _as_user(args) as (services, actor):
        from app.areas.duty.service import (
            SERVICE as DUTY_SERVICE,  # here, not at the top: `--help` loads no area
        )

        svc = services.service(DUTY_SERVICE)
        assert isinstance(svc, DutyService)
        if args.duty_cmd == "generate":
            result = svc.generate(
                actor,
                _day(args.start, "--from"),
                _day(args.end, "--to"),
                leaders=_names(args.leaders),
                staff=_names(args.staff),
                staff_per_shift=args.per_shift,
                night_shifts=args.night,
                replace=args.replace,
                save=not args.dry_run,
                phone=args.phone or "",
            )
            for sh in result.shifts:
                kind = DAY_KIND_LABELS.get(sh.day_kind, "")
                slot = "" if sh.slot == "全天" else f" {sh.slot}"
                print(
                    f"{sh.day:%Y-%m-%d} 星期{WEEKDAYS[sh.day.weekday()]} {kind}{slot}  带班：{sh.leader}  值班：{'、'.join(sh.staff)}"
                )
            print("—— 各人班次 ——")
            for line in result.counts_text():
                print(line)
            for problem in result.problems:
                print(f"注意：{problem}")
            if args.dry_run:
                print("（预览，未保存）")
            else:
                replaced = f"，替换原有{result.replaced}班" if result.replaced else ""
                print(f"已保存{result.saved}班{replaced}。")
        elif args.duty_cmd == "today":
            day = _day(args.day, "日期") if args.day else date.today()
            shifts = svc.today(actor, day)
            if not shifts:
                print(f"{day:%Y-%m-%d} 未排班")
            for sh in shifts:
                print(
                    f"{sh.day:%Y-%m-%d} {sh.slot}  带班：{sh.leader}  值班：{'、'.join(sh.staff)}  {sh.phone}"
                )
        elif args.duty_cmd == "swaps":
            for w in svc.swaps(actor, None if args.all else "pending"):
                state = {"pending": "待审批", "approved": "已批准", "refused": "未批准"}[w.state]
                print(
                    f"#{w.id} {w.person_a}（{w.day_a}）⇄ {w.person_b}（{w.day_b}） {state}  事由：{w.reason}"
                )
        elif args.duty_cmd == "swap":
            a = _shift_on(svc, actor, _day(args.day_a, "第一班日期"), args.person_a)
            b = _shift_on(svc, actor, _day(args.day_b, "第二班日期"), args.person_b)
            w = svc.request_swap(actor, a, args.person_a, b, args.person_b, args.reason)
            print(f"调班申请 #{w.id} 已提交，待领导审批")
        elif args.duty_cmd in ("approve", "refuse"):
            w = svc.decide_swap(actor, args.swap_id, args.duty_cmd == "approve", args.note or "")
            print(f"调班申请 #{w.id} {'已批准，两班已互换' if w.state == 'approved' else '未批准'}")
        return 0


def _shift_on(svc, actor, day: date, person: str) -> int:  # type: ignore[no-untyped-def]
    for sh in svc.today(actor, day):
        if person in (sh.leader, *sh.staff):
            return sh.id
    raise CliError(f"{day:%Y-%m-%d} 的值班安排中没有{person}")


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("duty", help="值班：编排值班表、今日值班、调班申请与审批")
    ds = p.add_subparsers(dest="duty_cmd", metavar="操作", required=True)
    g = ds.add_parser("generate", help="按轮换顺序编排一段时间的值班表，并列出各人工作日/休息日/节假日班次")
    g.add_argument("--from", dest="start", required=True, help="开始日期，如 2026-01-01")
    g.add_argument("--to", dest="end", required=True, help="结束日期，如 2026-01-31")
    g.add_argument("--leaders", help="带班领导（按轮换顺序，用“、”分隔；缺省取系统设置）")
    g.add_argument("--staff", help="值班人员（按轮换顺序，用“、”分隔；缺省取系统设置）")
    g.add_argument("--per-shift", type=int, default=1, help="每班值班人数（默认1）")
    g.add_argument("--night", action="store_true", help="分白班、夜班")
    g.add_argument("--phone", help="值班电话")
    g.add_argument("--replace", action="store_true", help="替换这段时间已有的值班安排")
    g.add_argument("--dry-run", action="store_true", help="只预览，不保存")
    t = ds.add_parser("today", help="今日（或指定日期）的值班安排")
    t.add_argument("--day", help="日期，如 2026-03-05")
    w = ds.add_parser("swaps", help="列出待审批的调班申请")
    w.add_argument("--all", action="store_true", help="包括已处理的")
    r = ds.add_parser("swap", help="申请调班：两人各换一班")
    r.add_argument("day_a", help="第一班日期")
    r.add_argument("person_a", help="第一班的人")
    r.add_argument("day_b", help="第二班日期")
    r.add_argument("person_b", help="第二班的人")
    r.add_argument("--reason", required=True, help="调班事由")
    for verb, text in (("approve", "批准调班（领导）"), ("refuse", "不批准调班（领导）")):
        a = ds.add_parser(verb, help=text)
        a.add_argument("swap_id", type=int, help="调班申请编号（duty swaps 可查）")
        a.add_argument("--note", help="审批意见")
    p.set_defaults(func=cmd_duty)
