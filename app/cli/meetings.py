"""`python -m app meetings …`: a meeting's printouts by name (seating chart, 桌签, 签到表, 会议通知, 会议纪要,
month calendar), sign-in, counts, 回执 chasing, people in two meetings at once, the 议定事项 awaiting 督办,
the week's meetings and the year's figures. Import and export of the meeting register (会议台账) go through
the general `import` / `export` verbs (register `meetings`)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from app.cli.common import CliError, _as_user
from app.domain.dates import DateParseError, parse_date
from app.domain.seating import AUDIENCE_VIEW, STAGE_VIEW

FORMS = {  # verb -> (form key, suffix)
    "seating": ("seating", "pdf"),
    "cards": ("cards", "pdf"),
    "signin-sheet": ("signin", "pdf"),
    "notice": ("notice", "docx"),
    "minutes": ("minutes", "docx"),
}


def _day(text: str, what: str) -> date:
    try:
        return parse_date(text)
    except DateParseError as e:
        raise CliError(f"{what}：{e}") from None


def cmd_meetings(args: argparse.Namespace) -> int:
    cmd = args.meetings_cmd
    with _as_user(args) as (services, actor):
        from app.areas.meetings.service import (
            SERVICE as MEETINGS_SERVICE,  # here, not at the top: `--help` loads no area
        )

        svc = services.service(MEETINGS_SERVICE)
        if cmd in FORMS:
            form, suffix = FORMS[cmd]
            if cmd == "seating" and args.view == STAGE_VIEW:
                form = "seating_stage"
            out = Path(args.out)
            if out.suffix.lower().lstrip(".") != suffix:
                raise CliError(f"--out 的文件名应以 .{suffix} 结尾")
            mid = svc.find(actor, args.meeting)
            services.printing.render_form(actor, "meetings", form, mid, out)
            print(f"已生成：{out}")
            return 0
        if cmd == "calendar":
            text = args.month.replace("-", "").replace("/", "")
            if not (text.isdigit() and len(text) == 6):
                raise CliError("--month 请写月份，如 2026-03")
            if args.out:
                services.printing.render_form(actor, "meetings", "calendar", int(text), Path(args.out))
                print(f"已生成：{args.out}")
                return 0
            year, month = divmod(int(text), 100)
            start = date(year, month, 1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            _entries(svc.calendar(actor, start, end, args.room or ""))
            return 0
        if cmd == "week":
            day = _day(args.day, "日期") if args.day else date.today()
            monday = day - timedelta(days=day.weekday())
            _entries(svc.calendar(actor, monday, monday + timedelta(days=6), args.room or ""))
            return 0
        if cmd == "stats":
            st = svc.statistics(actor, args.year)
            print(
                f"{st.year}年共召开会议{st.total}次，其中大型会议{st.large}次；参会{st.participants}人次，参会率{st.rate * 100:.1f}%"
            )
            print("按类型：" + "，".join(f"{k}{n}次" for k, n in st.by_kind.items()))
            print("按月份：" + "，".join(f"{m}月{n}次" for m, n in st.by_month.items()))
            return 0
        mid = svc.find(actor, args.meeting)
        if cmd == "signin":
            r = svc.sign_in(actor, mid, args.query)
            print(
                f"{r.participant.name}（{r.participant.unit}）{r.arrived_at:%H:%M} 签到"
                + ("，迟到" if r.late else "")
            )
            cmd = "counts"
        if cmd == "counts":
            c = svc.counts(actor, mid)
            print(
                f"应到{c.expected}人，实到{c.present}人，请假{c.leave}人，缺席{c.absent}人，迟到{c.late}人，未到{c.waiting}人，参会率{c.rate_text}"
            )
        elif cmd == "chase":
            people = svc.chase(actor, mid)
            if not people:
                print("回执已全部收回")
            for p in people:
                print(f"未回执：{p.unit} {p.name} {p.phone}")
        elif cmd == "overlaps":
            found = svc.overlaps(actor, mid)
            if not found:
                print("参会人员没有时间冲突的其他会议")
            for o in found:
                print(
                    f"注意：{o.name}同时安排在“{o.other_name}”（{o.other_number}，{o.other_start:%m-%d %H:%M}）"
                )
        elif cmd in ("decisions", "supervise"):
            items = svc.supervise(actor, mid) if cmd == "supervise" else svc.decisions(actor, mid)
            if not items:
                print("本会议没有议定事项")
            for d in items:
                print(f"{d.number}. {d.text}　【{d.state}】")
        return 0


def _entries(entries) -> None:  # type: ignore[no-untyped-def]
    if not entries:
        print("这段时间没有会议")
    for e in entries:
        print(f"{e.starts_at:%Y-%m-%d %H:%M}—{e.ends_at:%H:%M}  {e.name}  {e.room}  {e.number}")


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "meetings", help="会议安排：座次图、桌签、签到表、会议通知、会议纪要、签到、会议日程、统计"
    )
    ms = p.add_subparsers(dest="meetings_cmd", metavar="操作", required=True)
    helps = {
        "seating": "座次图（PDF）",
        "cards": "桌签（PDF，A4 对折，每人一张）",
        "signin-sheet": "签到表（PDF）",
        "notice": "会议通知（Word，含回执）",
        "minutes": "会议纪要（Word）",
    }
    for verb, text in helps.items():
        f = ms.add_parser(verb, help=text)
        f.add_argument("meeting", metavar="MEETING", help="会议编号（如 会〔2026〕3号）或序号")
        f.add_argument("--out", required=True, help=f"输出文件（.{FORMS[verb][1]}）")
        if verb == "seating":
            f.add_argument(
                "--view",
                choices=(AUDIENCE_VIEW, STAGE_VIEW),
                default=AUDIENCE_VIEW,
                help="视角（默认面向主席台）",
            )
    c = ms.add_parser("calendar", help="某月的会议（--out 时生成月历 PDF）")
    c.add_argument("--month", required=True, help="月份，如 2026-03")
    c.add_argument("--room", help="只看一个会议室")
    c.add_argument("--out", help="输出文件（.pdf）")
    w = ms.add_parser("week", help="一周的会议")
    w.add_argument("--day", help="这一周中的任一天（默认今天）")
    w.add_argument("--room", help="只看一个会议室")
    s = ms.add_parser("stats", help="年度会议统计（按类型、月份，大型会议，参会率）")
    s.add_argument("--year", type=int, default=date.today().year)
    si = ms.add_parser("signin", help="签到：姓名中的两个字或拼音首字母")
    si.add_argument("meeting", metavar="MEETING")
    si.add_argument("query", help="如 振荣 或 zzr")
    for verb, text in (
        ("counts", "应到、实到、请假、缺席、参会率"),
        ("chase", "催报回执：列出未回执的人员并记下催报时间"),
        ("overlaps", "参会人员同一时间是否另有会议"),
        ("decisions", "议定事项及其督办情况"),
        ("supervise", "议定事项一次全部立项督办（需督查岗位）"),
    ):
        v = ms.add_parser(verb, help=text)
        v.add_argument("meeting", metavar="MEETING")
    p.set_defaults(func=cmd_meetings)
