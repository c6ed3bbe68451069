"""The audit log as the 安全审计员 reads it: Chinese object types, record numbers, "字段：旧值 → 新值", filters
by object type, the same in the export; prints, preview-saves and exports told apart; no business content."""

from __future__ import annotations

import csv
from pathlib import Path

from app.domain.enums import SecretLevel


def _incoming(services, actors, **kw):  # type: ignore[no-untyped-def]
    values = {"received_at": "2026-03-05 09:30", "sender": "县教育局", "title": "关于春季开学的通知", **kw}
    return services.service("documents").incoming.receive(actors["clerk"], values).record


def test_a_record_change_names_the_register_the_number_and_the_fields_only(services, actors):  # type: ignore[no-untyped-def]
    rec = _incoming(services, actors)
    services.service("documents").incoming.register(
        actors["clerk"], rec.id, {"title": "关于春季开学工作的通知"}
    )
    services.registers.void(actors["clerk"], "incoming", rec.id, "重复登记")
    _, rows = services.audit.search(actors["auditor"], object_type="incoming")
    update = next(r for r in rows if r.action == "update")
    assert update.object_type_label == "收文登记" and update.object_label == rec["number"]
    assert update.detail_lines[0] == "修改了：标题"  # the field's name; its content is not for the 三员
    assert "春季" not in update.detail_text  # no business content for the 三员
    void = next(r for r in rows if r.action == "void")
    assert void.object_label == rec["number"] and void.action_label == "作废"
    assert {r.object_type for r in rows} == {"incoming"}


def test_settings_policy_and_levels_show_before_and_after(services, actors):  # type: ignore[no-untyped-def]
    services.settings.update_policy(actors["secadmin"], machine_level=SecretLevel.SECRET.value)
    services.office_settings.set(actors["sysadmin"], "documents.incoming_number_format", "收〔年〕序号号")
    _, rows = services.audit.search(actors["auditor"], action="setting_change")
    by_type = {r.object_type: r for r in rows}
    policy = by_type["security_policy"]
    assert policy.object_type_label == "安全策略" and policy.detail_lines == ("本机密级：绝密 → 秘密",)
    setting = by_type["office_settings"]
    assert setting.action_label == "修改系统设置" and setting.object_label == "收文登记：编号格式"
    assert setting.detail_lines == ("收文登记：编号格式：（空） → 收〔年〕序号号",)


def test_prints_preview_saves_and_exports_each_appear_as_such(services, actors, tmp_path: Path):  # type: ignore[no-untyped-def]
    rec = _incoming(services, actors)
    clerk = actors["clerk"]
    pdf = services.printing.render_form(clerk, "incoming", "slip", rec.id, tmp_path / "a.pdf")
    services.printing.save_copy(clerk, f"收文处理单 {rec['number']}", Path(pdf), tmp_path / "b.pdf")
    services.printing.record_printer_output(clerk, f"收文处理单 {rec['number']}", 1, 2)
    services.importer.export(clerk, "incoming", tmp_path / "e.xlsx")
    _, rows = services.audit.search(actors["auditor"], user="clerk")
    labels = [r.action_label for r in rows]
    assert labels[:4] == ["导出", "打印（送打印机）", "另存打印件", "生成打印件（预览或文件）"]
    rendered = rows[3]
    assert rendered.object_label == rec["number"] and "表单：收文处理单" in rendered.detail_lines


def test_the_export_is_what_the_screen_shows_with_the_same_filters(services, actors, tmp_path: Path):  # type: ignore[no-untyped-def]
    rec = _incoming(services, actors)
    services.service("documents").incoming.register(
        actors["clerk"], rec.id, {"secret_level": "secret", "copy_numbers": "000001"}
    )
    out = tmp_path / "audit.csv"
    count = services.audit.export_csv(actors["auditor"], out, object_type="incoming", action="update")
    with open(out, encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    assert count == 1 and len(table) == 2
    header, row = table
    assert row[header.index("对象类型")] == "收文登记" and row[header.index("对象")] == rec["number"]
    assert row[header.index("结果")] == "成功"
    assert "修改了：份号、密级" in row[header.index("详情")] and "{" not in row[header.index("详情")]
