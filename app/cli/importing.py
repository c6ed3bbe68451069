"""`python -m app import REGISTER FILE [--dry-run] [--skip-invalid] [--map 列名=字段名 …]` and
`python -m app export REGISTER FILE [--search TEXT] [--year N]`, both run as --user."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.argparse_zh import WidthHelpFormatter

_REGISTERS = "\x00registers"  # placeholder in the epilog, filled when help is shown (no database needed)


def register_lines() -> list[str]:
    from app.areas import all_areas

    registers = [r for a in all_areas() for r in a.registers]
    width = max((len(r.key) for r in registers), default=0)
    # name, two spaces, title: the names are aligned, so the longest (meeting_participants) still has its gap
    lines = [f"  {r.key:<{width}}  {r.title}" for r in registers]
    return lines or ["  （本版本尚未包含任何登记簿）"]


class _RegistersHelp(WidthHelpFormatter):
    """Builds the register list only when help is printed, so other verbs never pay for it."""

    def add_text(self, text: str | None) -> None:
        if text and _REGISTERS in text:
            text = text.replace(_REGISTERS, "\n".join(register_lines()))
        super().add_text(text)


def add(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "import",
        help="从 Excel（.xlsx/.xls）、.ods 或 CSV 文件导入登记簿（全部正确才写入）",
        formatter_class=_RegistersHelp,
        description="从 Excel（.xlsx/.xls）、.ods 或 CSV 文件导入原有的登记簿。按表头的列名和列的内容对应字段"
        "（表头上方可以有标题行），表中的编号/文号原样保留，办理状态随表导入，未对应的列作为“原表其他列”"
        "随记录保存；每一行都按登记簿的规则检查，全部正确才在一个事务中写入。",
        epilog=f"登记簿（REGISTER）：\n{_REGISTERS}\n\n"
        "例：python -m app --demo --user wangfang import incoming 2025年收文.xlsx --dry-run\n"
        "    python -m app --demo --user wangfang import incoming 收文.csv --map 文件来源=来文机关\n"
        "（--map 的右边写字段的中文名称或字段名，见 --dry-run 列出的对应关系）",
    )
    s.add_argument("register", metavar="REGISTER", help="登记簿名称（见下表）")
    s.add_argument("file", metavar="FILE", type=Path, help=".xlsx 或 .csv 文件")
    s.add_argument("--dry-run", action="store_true", help="只检查、不写入：列出列的对应关系和每一处错误")
    s.add_argument(
        "--skip-invalid", action="store_true", help="跳过有错误的行，只导入正确的行（列出被跳过的行）"
    )
    s.add_argument(
        "--renumber", action="store_true", help="不用表中的编号，由系统重新编号（适用于原表没有编号的情况）"
    )
    s.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar="工作表",
        help="只导入这些工作表（可重复；默认导入所有有表头的工作表）",
    )
    s.add_argument(
        "--rejects",
        type=Path,
        metavar="FILE",
        help="与 --skip-invalid 同用：未导入的行写到此 .xlsx 文件（默认写在原文件旁）",
    )
    s.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="列名=字段名",
        help="指定某列对应的字段（字段名可写中文名称；写“忽略”则不导入该列），可重复",
    )
    s.set_defaults(func=cmd_import)

    e = sub.add_parser(
        "export",
        help="把登记簿导出为 Excel（.xlsx）或 CSV 文件",
        formatter_class=_RegistersHelp,
        description="导出登记簿中的记录（可按关键词、年份筛选）；文件类型由扩展名决定。",
        epilog=f"登记簿（REGISTER）：\n{_REGISTERS}",
    )
    e.add_argument("register", metavar="REGISTER", help="登记簿名称（见下表）")
    e.add_argument("file", metavar="FILE", type=Path, help="导出到的 .xlsx 或 .csv 文件")
    e.add_argument("--search", default="", metavar="TEXT", help="只导出含有这些文字的记录")
    e.add_argument("--year", type=int, metavar="N", help="只导出该年度的记录")
    e.set_defaults(func=cmd_export)


def parse_maps(items: list[str]) -> dict[str, str | None]:
    from app.domain.errors import ValidationFailed

    result: dict[str, str | None] = {}
    for item in items:
        header, sep, target = item.replace("＝", "=").partition("=")
        if not sep or not header.strip():
            raise ValidationFailed({"map": f"--map 应写成 列名=字段名，而不是“{item}”"})
        result[header.strip()] = target.strip() or None
    return result


def _where(e: Any) -> str:
    sheet = f"工作表“{e.sheet}”" if getattr(e, "sheet", "") else ""
    row = f"第 {e.row} 行 " if e.row else ""
    column = f"“{e.column}”列：" if e.column else ""
    return f"{sheet}{row}{column}"


def print_plan(plan: Any, register: Any, out: Any = None) -> None:
    from app.importing.headers import target_label

    out = out or sys.stdout
    sheet = f"（工作表：{plan.sheet}）" if plan.sheet else ""
    print(f"文件：{plan.file}{sheet}，表头在第 {plan.header_row} 行", file=out)
    for info in plan.sheets[1:] if len(plan.sheets) > 1 else ():
        print(f"  工作表“{info.name}”：表头在第 {info.header_row} 行，{info.total_rows} 行数据", file=out)
    print("列的对应（识别方式）：", file=out)
    width = max((len(c.header) for c in plan.columns), default=0)
    for c in plan.columns:
        target = "原表其他列" if c.kept else target_label(register, c.field)
        how = f"［{c.how}］" if c.how and not c.kept else ""
        note = f"（{c.note}）" if c.note else ""
        print(
            f"  {c.letter:<3} {c.header or '（空）'}{'　' * (width - len(c.header))} → {target}{how}{note}",
            file=out,
        )
    if register.numbering is not None:
        print(
            f"{register.number_label}：{plan.kept_numbers} 行按表保留，{plan.new_numbers} 行由系统编号",
            file=out,
        )
    if plan.flagged:
        print(f"份号待补：{plan.flagged} 行涉密记录没有份号，导入后标注“份号待补”", file=out)
    if plan.marked:
        print(f"不符合现行规则：{plan.marked} 行按原表导入并标注（导入后可按“不符合现行规则”筛选）", file=out)
    bad_rows = len({e.row for e in plan.errors if e.row != plan.header_row})
    print(
        f"共 {plan.total_rows} 行数据：{plan.valid_rows} 行正确，{plan.total_rows - plan.valid_rows} 行有错误"
        + (f"（{bad_rows} 行有具体错误）" if bad_rows != plan.total_rows - plan.valid_rows else ""),
        file=out,
    )
    if plan.warnings:
        print("提示：", file=out)
        for w in plan.warnings:
            print(f"  {_where(w)}{w.message}", file=out)
    if plan.errors:
        print("错误：", file=out)
        for e in plan.errors:
            print(f"  {_where(e)}{e.message}", file=out)


def cmd_import(args: argparse.Namespace) -> int:
    from app.cli.common import _as_user
    from app.importing.errors import ImportRefused

    headers = parse_maps(args.map)
    with _as_user(args) as (services, actor):
        register = services.catalog.get(args.register)
        importer = services.importer
        choice = {"headers": headers, "sheets": args.sheet or None, "renumber": args.renumber}
        if args.dry_run:
            plan = importer.plan(actor, args.register, args.file, **choice)
            print_plan(plan, register)
            if plan.importable:
                print("检查通过，可以导入（本次未写入任何记录）")
                return 0
            print("有错误，不能全部导入（本次未写入任何记录）", file=sys.stderr)
            return 2
        try:
            result = importer.run(
                actor,
                args.register,
                args.file,
                skip_invalid=args.skip_invalid,
                rejects=args.rejects,
                **choice,
            )
        except ImportRefused as e:
            print_plan(e.plan, register, out=sys.stderr)
            print(
                "有错误，未导入任何记录。请改正后重新导入，或加 --skip-invalid 只导入正确的行",
                file=sys.stderr,
            )
            return 2
        print(f"已导入 {result.imported} 条{register.record_label}到{register.title}")
        for added in result.added_terms:
            print(added.message.replace("将新增", "已新增", 1))
        if result.marked:
            print(f"其中 {result.marked} 条不符合现行规则，已按原表导入并标注（可按“不符合现行规则”筛选）")
        if result.skipped:
            print(f"跳过了 {result.skipped} 行有错误的数据：")
            for err in result.errors:
                print(f"  {_where(err)}{err.message}")
            if result.rejects_file:
                print(f"未导入的行已写入：{result.rejects_file}（改正后可再次导入）")
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.cli.common import _as_user

    with _as_user(args) as (services, actor):
        register = services.catalog.get(args.register)
        filters = {"year": args.year} if args.year else {}
        count = services.importer.export(actor, args.register, args.file, search=args.search, filters=filters)
        print(f"已导出 {count} 条{register.record_label}到 {args.file}")
        return 0
