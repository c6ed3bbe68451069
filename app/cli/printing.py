"""`python -m app print REGISTER RECORD FORM --out FILE [--copies N]`: a form of one record, or the register
book (FORM "book", RECORD "-" or "all"); PDF or Word by the file suffix; runs as --user."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

BOOK = "book"


def forms_epilog() -> str:
    """The registers and their forms, from the area declarations (no database is opened)."""
    from app.areas import all_areas

    lines = ["可打印的登记簿与表单（REGISTER：FORM）："]
    for area in all_areas():
        for reg in area.registers:
            forms = [f"{BOOK}（{reg.book_title}，pdf/docx）"]
            forms += [
                f"{f.key}（{f.title}，{'/'.join(f.formats)}）" for f in area.forms if f.register == reg.key
            ]
            lines.append(f"  {reg.key}（{reg.title}）：" + "、".join(forms))
    if len(lines) == 1:
        lines.append("  （本版本尚未包含任何登记簿）")
    lines += [
        "",
        "示例：",
        "  python -m app --demo --user wangfang print incoming 2026-0012 slip --out 收文处理单.pdf --copies 2",
        "  python -m app --demo --user wangfang print incoming all book --out 收文登记簿.docx --year 2026",
        "  python -m app --demo --user liuyang print supervision_items - bulletin --quarter 2026Q1 "
        "--unit 县财政局 --out 督办通报.docx",
    ]
    return "\n".join(lines)


def _period(args: argparse.Namespace) -> tuple[date, date] | None:
    """The period named by --from/--to, --month or --quarter (or RECORD as a year), None when none is."""
    from app.cli.common import CliError
    from app.services.statistics import parse_month, parse_quarter, parse_year

    given = [n for n in ("start", "end", "month", "quarter") if getattr(args, n, None)]
    if not given:
        return None
    if (args.month and len(given) > 1) or (args.quarter and len(given) > 1):
        raise CliError("--from/--to、--month、--quarter 只能选一种")
    if args.month:
        p = parse_month(args.month)
        return p.start, p.end
    if args.quarter:
        p = parse_quarter(args.quarter)
        return p.start, p.end
    try:
        start = date.fromisoformat(args.start) if args.start else None
        end = date.fromisoformat(args.end) if args.end else None
    except ValueError:
        raise CliError("--from/--to 的日期应写成 2026-01-01") from None
    if start is None or end is None:
        if not args.record.isdigit():
            raise CliError("请同时写 --from 和 --to（或在 RECORD 处写年度）")
        year = parse_year(args.record)
        start, end = start or year.start, end or year.end
    if end < start:
        raise CliError("--to 不能早于 --from")
    return start, end


def _print_period(args: argparse.Namespace, services: Any, actor: Any, out: Path, fmt: str) -> bool:
    """A form an area can print for any period and one unit (督办通报): True when it was one."""
    from app.cli.common import CliError

    writers = {k: w for a in services.areas for k, w in a.extra.get("period_forms", {}).items()}
    writer = writers.get((args.register, args.form))
    period = _period(args)
    if writer is None:
        if period is not None or args.unit:
            raise CliError(f"{args.form} 不能按 --from/--to/--month/--quarter/--unit 打印")
        return False
    if period is None:
        if not args.record.isdigit():
            raise CliError(
                f"{args.form}：RECORD 请写年度（如 2026），或用 --from/--to、--month、--quarter 指定期间"
            )
        year = int(args.record)
        period = date(year, 1, 1), date(year, 12, 31)
    writer(services, actor, period[0], period[1], out, unit=args.unit or "", fmt=fmt)
    print(f"已生成：{out}（{period[0].isoformat()}至{period[1].isoformat()}，{args.unit or '全部单位'}）")
    return True


def cmd_print(args: argparse.Namespace) -> int:
    from app.cli.common import CliError, _as_user

    out = Path(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in ("pdf", "docx"):
        raise CliError("--out 的文件名应以 .pdf 或 .docx 结尾")
    period = _period(args)  # a bad period is refused before the password is asked
    if args.form == BOOK and (period is not None or args.unit):
        raise CliError(
            "打印登记簿请用 --year 或 --search；--from/--to、--month、--quarter、--unit 用于按期间打印的报表"
        )
    with _as_user(args) as (services, actor):
        if args.form != BOOK and _print_period(args, services, actor, out, suffix):
            return 0
        if args.form == BOOK:
            if args.record not in ("-", "all"):
                raise CliError("打印登记簿时 RECORD 请写 - 或 all")
            filters = {"year": args.year} if args.year else {}
            services.printing.render_book(
                actor, args.register, out, search=args.search or "", filters=filters, fmt=suffix
            )
            print(f"已生成登记簿：{out}")
        elif services.form(args.register, args.form).scope == "year":
            if not args.record.isdigit():
                raise CliError(f"{args.form} 是年度报表：RECORD 请写年度，如 2026")
            record_id = int(args.record)
            services.printing.render_form(
                actor, args.register, args.form, record_id, out, fmt=suffix, copies=args.copies
            )
            print(f"已生成：{out}（{args.copies} 份）")
        elif services.form(args.register, args.form).scope == "month":
            text = args.record.replace("-", "").replace("/", "")
            if not (text.isdigit() and len(text) == 6):
                raise CliError(f"{args.form} 是月度报表：RECORD 请写月份，如 2026-03")
            services.printing.render_form(
                actor, args.register, args.form, int(text), out, fmt=suffix, copies=args.copies
            )
            print(f"已生成：{out}（{args.copies} 份）")
        else:
            record_id = services.printing.record_id(actor, args.register, args.record)
            services.printing.render_form(
                actor, args.register, args.form, record_id, out, fmt=suffix, copies=args.copies
            )
            print(f"已生成：{out}（{args.copies} 份）")
        return 0


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "print",
        help="打印表单或登记簿（PDF 或 Word，按 --out 的后缀）",
        description="生成某条记录的表单，或整本登记簿（FORM 写 book）。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("register", metavar="REGISTER", help="登记簿名，如 incoming")
    p.add_argument("record", metavar="RECORD", help="记录的编号或序号（id）；打印登记簿时写 - 或 all")
    p.add_argument("form", metavar="FORM", help="表单名；book 表示登记簿")
    p.add_argument("--out", required=True, help="输出文件（.pdf 或 .docx）")
    p.add_argument("--copies", type=int, default=1, help="打印份数（记入审计日志），默认 1")
    p.add_argument("--year", type=int, help="登记簿：只打印该年度")
    p.add_argument("--search", help="登记簿：只打印检索到的记录")
    period = p.add_argument_group("按期间与单位打印的报表（如 supervision_items 的 bulletin 督办通报）")
    period.add_argument("--from", dest="start", help="开始日期，如 2026-01-01")
    period.add_argument("--to", dest="end", help="结束日期，如 2026-06-30")
    period.add_argument("--month", help="月份，如 2026-03")
    period.add_argument("--quarter", help="季度，如 2026Q1")
    period.add_argument("--unit", help="只统计该主办（牵头）单位，如 县财政局")
    p.set_defaults(func=cmd_print)
    # the list of registers and forms imports the area modules: build it only when help is shown
    original = p.format_help

    def format_help() -> str:
        p.epilog = forms_epilog()
        return original()

    p.format_help = format_help  # type: ignore[method-assign,unused-ignore]  # (argparse stubs vary)
