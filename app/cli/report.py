"""`python -m app report annual --year 2026 --out 年度统计.docx` (also `report quarter --quarter 2026Q1`,
`report month --month 2026-03`): the statistics report of a period as the --user may see it, PDF or Word by
the suffix of --out; without --out the summary paragraph and the key figures are printed."""

from __future__ import annotations

import argparse
from pathlib import Path

KINDS = {"annual": "year", "quarter": "quarter", "month": "month"}


def _period(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.services.statistics import parse_month, parse_quarter, parse_year

    if args.kind == "annual":
        return parse_year(args.year)
    if args.kind == "quarter":
        return parse_quarter(args.quarter)
    return parse_month(args.month)


def cmd_report(args: argparse.Namespace) -> int:
    from app.cli.common import CliError, _as_user
    from app.services.statistics import prepare, write

    period = _period(args)  # a bad period is refused before the password is asked
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".pdf", ".docx"):
        raise CliError("--out 的文件名应以 .pdf 或 .docx 结尾")
    with _as_user(args) as (services, actor):
        rep = prepare(services, actor, period)
        if out is not None:
            write(services, actor, period, out, prepared=rep)
            print(f"已生成{period.label}统计报告：{out}")
        print(rep.scope)
        for paragraph in rep.summary:
            print(paragraph)
        if args.figures:
            for k in rep.key:
                print(f"  {k.label}：{k.text}")
    return 0


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="统计报告：年度、季度、月度（PDF 或 Word，按 --out 的后缀）",
        description="按本账户可查看的记录生成统计报告：综述一段（各项主要数字），再按登记簿分节列出月度、分类表格与图表。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="示例：\n"
        "  python -m app --demo --user zhouzr report annual --year 2026 --out 2026年度统计.docx\n"
        "  python -m app --demo --user zhouzr report quarter --quarter 2026Q1 --out 一季度.pdf\n"
        "  python -m app --demo --user zhouzr report month --month 2026-03",
    )
    rs = p.add_subparsers(dest="kind", metavar="期间", required=True)
    for kind, text, flag, example in (
        ("annual", "年度统计报告", "--year", "2026"),
        ("quarter", "季度统计报告", "--quarter", "2026Q1"),
        ("month", "月度统计报告", "--month", "2026-03"),
    ):
        s = rs.add_parser(kind, help=text)
        s.add_argument(flag, required=True, help=f"统计期间，如 {example}")
        s.add_argument("--out", help="输出文件（.pdf 或 .docx）；不写则只显示综述")
        s.add_argument("--figures", action="store_true", help="同时逐项列出主要数字")
        s.set_defaults(func=cmd_report)
