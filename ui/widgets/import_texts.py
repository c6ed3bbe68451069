"""What the import wizard says above its dry-run page and on its result page, from the plain plan/result
(kept apart from the widget so the wording is in one place and the wizard stays small)."""

from __future__ import annotations

from typing import Any

from ui.i18n import tr


def plan_summary(plan: Any, register: Any) -> str:
    text = tr(
        "ImportWizard", "文件“{0}”{1}：表头在第 {2} 行，共 {3} 行数据，{4} 行正确，{5} 处错误。"
    ).format(
        plan.file,
        f"（工作表 {plan.sheet}）" if getattr(plan, "sheet", "") else "",
        plan.header_row,
        plan.total_rows,
        plan.valid_rows,
        len(plan.errors),
    )
    if register.numbering is not None:
        text += tr("ImportWizard", "{0}：{1} 行按表保留，{2} 行由系统编号。").format(
            register.number_label, plan.kept_numbers, plan.new_numbers
        )
    if plan.flagged:
        text += tr("ImportWizard", "{0} 行涉密记录没有份号，将标注“份号待补”。").format(plan.flagged)
    if plan.history:
        text += tr("ImportWizard", "{0} 行缺少登记时才填的项目，将标注为导入的历史记录。").format(
            plan.history
        )
    if plan.marked:
        text += tr("ImportWizard", "{0} 行不符合现行规则，将按原表导入并标注“不符合现行规则”。").format(
            plan.marked
        )
    for added in plan.new_terms:
        text += added.message + "。"
    if plan.errors and plan.valid_rows:
        # the 导入 button stays grey until the clerk decides: say why, and what the two ways are
        text += tr(
            "ImportWizard",
            "\n有误的行不会导入：改正文件后点“上一步”重新检查，或勾选下方“跳过错误行”只导入 {0} 行正确的数据。",
        ).format(plan.valid_rows)
    elif plan.errors:
        text += tr("ImportWizard", "\n没有可以导入的行：请按下方“有误的数据”改正文件后重新检查。")
    return text


def result_text(result: Any, register: Any) -> str:
    text = tr("ImportWizard", "已导入 {0} 条{1}。").format(result.imported, register.record_label)
    for added in result.added_terms:
        text += added.message.replace("将新增", "已新增", 1) + "。"
    if result.marked:
        text += tr(
            "ImportWizard", "其中 {0} 条不符合现行规则，已标注，可在列表中按“不符合现行规则”筛选。"
        ).format(result.marked)
    if result.skipped:
        # the result page has no way back to the dry run's error list: name the rows here
        text += tr("ImportWizard", "跳过 {0} 行有误的数据：").format(result.skipped)
        shown = [_where(e) + e.message for e in result.errors[:SHOWN_ERRORS]]
        more = len(result.errors) - len(shown)
        text += (
            "\n"
            + "\n".join(shown)
            + (tr("ImportWizard", "\n……等共 {0} 处").format(len(result.errors)) if more else "")
        )
    if result.rejects_file:
        text += tr("ImportWizard", "\n未导入的行（附未导入原因）已另存为“{0}”，改正后可再次导入。").format(
            result.rejects_file
        )
    return text


SHOWN_ERRORS = 10


def _where(e: Any) -> str:
    sheet = f"工作表“{e.sheet}”" if e.sheet else ""
    row = tr("ImportWizard", "第 {0} 行").format(e.row) if e.row else ""
    column = f"“{e.column}”：" if e.column else "："
    return f"{sheet}{row}{column}"
