"""`python -m app print REGISTER RECORD FORM --out FILE [--copies N]`: a form of one record, or the register
book (FORM "book", RECORD "-" or "all"); PDF or Word by the file suffix; runs as --user."""

from __future__ import annotations

import argparse
from pathlib import Path

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
    ]
    return "\n".join(lines)


def cmd_print(args: argparse.Namespace) -> int:
    from app.cli.common import CliError, _as_user

    out = Path(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in ("pdf", "docx"):
        raise CliError("--out 的文件名应以 .pdf 或 .docx 结尾")
    with _as_user(args) as (services, actor):
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
    p.set_defaults(func=cmd_print)
    # the list of registers and forms imports the area modules: build it only when help is shown
    original = p.format_help

    def format_help() -> str:
        p.epilog = forms_epilog()
        return original()

    p.format_help = format_help  # type: ignore[method-assign,unused-ignore]  # (argparse stubs vary)
