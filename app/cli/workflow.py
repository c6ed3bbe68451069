"""`python -m app step REGISTER RECORD STEP --set 字段=值 …` takes a declared workflow step (the same
checks and transaction as the step dialog); `python -m app history REGISTER RECORD` prints who did
which step when and what it recorded. Both run as --user; the steps and their fields are in --help."""

from __future__ import annotations

import argparse

from app.cli.common import CliError, _as_user


def _pairs(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CliError(f"--set “{item}”应写成 字段=值（字段可写英文名或中文名，如 拟办意见=请阅）")
        out[name.strip()] = value
    return out


def cmd_step(args: argparse.Namespace) -> int:
    values = _pairs(args.set)
    with _as_user(args) as (services, actor):
        flow = services.workflow
        record_id = flow.record_id(actor, args.register, args.record)
        extra = {}
        if args.copy_id is not None:
            extra["copy_id"] = args.copy_id
        result = flow.run(actor, args.register, record_id, args.step, values, extra=extra)
        wf = flow.catalog.get(args.register)
        label = wf.step(args.step).label
        rec = result.record
        name = rec["number"] or rec["draft_no"] or str(rec.id)
        state = f"，当前状态：{wf.state_label(rec[wf.state_field])}" if wf.states is not None else ""
        print(f"已{label}：{wf.register.title} {name}{state}")
        for w in result.warnings:
            print(f"请核对：{w}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with _as_user(args) as (services, actor):
        flow = services.workflow
        record_id = flow.record_id(actor, args.register, args.record)
        entries = flow.history(actor, args.register, record_id)
        if not entries:
            print("（尚无办理记录）")
        for h in entries:
            when = f"{h.at:%Y-%m-%d %H:%M}" if h.at else ""
            who = f"{h.actor_name}（{h.actor_login}）" if h.actor_name != h.actor_login else h.actor_login
            what = "；".join(f"{label}：{text}" for label, text in h.items)
            print(f"{when}  {h.label}  {who}" + (f"  {what}" if what else ""))
    return 0


def steps_epilog() -> str:
    """Every workflow register's steps and the fields each fills, from the declarations (no database)."""
    from app.areas import all_areas

    lines = ["可办理的步骤（REGISTER：STEP（中文名）字段…；＊为必填）："]
    for area in all_areas():
        for wf in area.workflows:
            lines.append(f"  {wf.key}（{wf.register.title}）")
            for st in wf.steps:
                fields = "、".join(
                    f"{b.name}={b.label}{'＊' if b.field.required else ''}" for b in wf.bind(st)
                )
                lines.append(f"    {st.key}（{st.label}）" + (f"：{fields}" if fields else ""))
    lines += [
        "",
        "示例：",
        "  python -m app --user clerk step incoming 2026-0012 propose --set 拟办意见=请周书记阅示 "
        "--set due_on=2026-03-20",
        "  python -m app --user clerk history incoming 2026-0012",
    ]
    return "\n".join(lines)


def add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "step",
        help="办理一步流程（拟办、批示、签发……），与界面中的办理按钮相同",
        description="对一条记录办理其流程中的一步；字段用 --set 字段=值 给出。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("register", metavar="REGISTER", help="登记簿名，如 incoming")
    p.add_argument("record", metavar="RECORD", help="记录的编号（如 2026-0012）或序号（id）")
    p.add_argument("step", metavar="STEP", help="步骤名（英文名或中文名，如 propose 或 拟办）")
    p.add_argument("--set", action="append", metavar="字段=值", help="步骤的字段（可多次）")
    p.add_argument("--copy-id", type=int, help="文件份的序号（送阅、收回、清退等针对某一份时）")
    p.set_defaults(func=cmd_step)
    original = p.format_help

    def format_help() -> str:  # the step list imports the areas: only when help is shown
        p.epilog = steps_epilog()
        return original()

    p.format_help = format_help  # type: ignore[method-assign,unused-ignore]  # (argparse stubs vary)

    h = sub.add_parser("history", help="查看一条记录的办理经过（谁、何时、办理了哪一步、记录了什么）")
    h.add_argument("register", metavar="REGISTER", help="登记簿名，如 incoming")
    h.add_argument("record", metavar="RECORD", help="记录的编号（如 2026-0012）或序号（id）")
    h.set_defaults(func=cmd_history)
