"""来访接待 tab: the front desk signs a visitor in with one line (a bad ID number explained, nothing saved),
lists who is in the building and signs them out; the 信访 page offers the workflow steps and its clock
strip; registering a known petitioner shows the earlier case and links the new one as 重复信访."""

from __future__ import annotations

from datetime import date

from app.domain.idnumber import check_char
from ui import messages
from ui.areas.reception.tab import PetitionFormDialog, ReceptionTab

ID = "11010519491231002"
ID += check_char(ID)


def test_front_desk_sign_in_and_out(qtbot, services, actors):
    tab = ReceptionTab(services, actors["reception"])
    qtbot.addWidget(tab)
    assert [tab.tabText(i) for i in range(tab.count())] == ["公务接待", "来客登记", "统计"]
    desk = tab.pages["visitors"]
    for name, text in (
        ("visitor", "刘伟"),
        ("id_number", ID[:-1] + "0"),
        ("purpose", "送文件"),
        ("host", "王芳"),
    ):
        desk.edits[name].setText(text)
    assert desk.sign_in() is None
    assert "校验位" in desk.errors.text()
    assert services.registers.page(actors["reception"], "visitors").total == 0
    desk.edits["id_number"].setText(ID)
    rec = desk.sign_in()
    assert rec is not None and "楼内来客 1 人" in desk.inside_label.text()
    assert desk.edits["visitor"].text() == ""
    desk.view.reveal_record(rec.id)
    desk.sign_out()
    assert "楼内来客 0 人" in desk.inside_label.text()


def test_petition_page_steps_strip_and_repeat_link(qtbot, services, actors, monkeypatch):
    p = actors["petition"]
    base = {
        "registered_on": date.today().isoformat(), "channel": "来访", "petitioner": "张桂兰",
        "id_number": ID, "persons": 1, "category": "土地征收", "summary": "征地补偿款未按时发放",
    }  # fmt: skip
    first = services.service("reception").register(p, base)
    tab = ReceptionTab(services, p)
    qtbot.addWidget(tab)
    page = tab.pages["petitions"]
    assert {"受理", "不予受理", "督办", "答复", "复查申请"} <= {b.text() for b in page.bar.buttons.values()}
    assert "计时中 1 件" in page.strip.text()
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text: asked.append(text) or True)
    dialog = PetitionFormDialog(services, p, "petitions", None, None)
    qtbot.addWidget(dialog)
    rec = dialog.save({**base, "summary": "再次反映补偿款问题"})
    assert first["number"] in asked[0] and "相同身份证号" in asked[0]
    assert rec["repeat_of"] == first["number"]


def test_earlier_cases_in_the_details_and_on_the_accept_step(qtbot, services, actors, monkeypatch):
    from ui.areas.reception import earlier
    from ui.areas.reception.earlier import PetitionDetailDialog, PetitionStepDialog

    p = actors["petition"]
    base = {
        "registered_on": "2026-03-02", "channel": "来访", "petitioner": "张桂兰", "id_number": ID,
        "persons": 1, "category": "土地征收", "summary": "征地补偿款未按时发放",
    }  # fmt: skip
    svc = services.service("reception")
    first = svc.register(p, base)
    second = svc.register(p, {**base, "registered_on": "2026-04-01", "summary": "再次反映补偿款"})
    tab = ReceptionTab(services, p)
    qtbot.addWidget(tab)
    page = tab.pages["petitions"]
    assert page.bar.dialogs["accept"] is PetitionStepDialog
    detail = PetitionDetailDialog(services, p, second.id)
    qtbot.addWidget(detail)
    table = detail.earlier.table
    assert "既往信访 1 件" in detail.earlier.title.text()
    assert table.item(0, 0).text() == first["number"] and table.item(0, 5).text() == "身份证号"
    opened = []
    monkeypatch.setattr(earlier, "open_case", lambda _s, _a, rid, _p: opened.append(rid))
    detail.earlier.table.cellDoubleClicked.emit(0, 3)
    assert opened == [first.id]
    step = PetitionStepDialog(services, p, "petitions", second.id, "accept")
    qtbot.addWidget(step)
    assert step.earlier.table.item(0, 0).text() == first["number"] and "accepted_on" in step.editors
    # a case nobody else filed shows that plainly, no empty table
    lone = svc.register(p, {**base, "petitioner": "李建国", "id_number": "", "summary": "拖欠工资"})
    alone = PetitionDetailDialog(services, p, lone.id)
    qtbot.addWidget(alone)
    assert "没有其他信访件" in alone.earlier.title.text() and alone.earlier.table.isHidden()


def test_reception_form_edits_guests_and_itinerary_as_tables(qtbot, services, actors):
    from ui.areas.reception.reception_form import ReceptionFormDialog

    r = actors["reception"]
    tab = ReceptionTab(services, r)
    qtbot.addWidget(tab)
    assert tab.pages["receptions"].view.form_class is ReceptionFormDialog
    dialog = ReceptionFormDialog(services, r, "receptions")
    qtbot.addWidget(dialog)
    for name, value in (("arrive_on", "2026-04-10"), ("leave_on", "2026-04-11"), ("guest_unit", "市委办公室"),
                        ("purpose", "督查重点工作"), ("persons", "2")):  # fmt: skip
        dialog.editors[name].widget.setText(value)
    dialog.editors["guest_level"].set_value("市级")
    dialog.guests.set_rows([{"name": "王建军", "unit": "省委办公厅", "title": "副厅长", "level": "省级"}])
    dialog.itinerary.set_rows([{"day": "2026-04-20", "place": "城关镇", "activity": "调研"}])
    dialog.accept_form()  # the stop after the guests leave: refused, its row named under the table
    assert (
        "第1行：日期晚于离开日期" in dialog.itinerary.error.text() and not dialog.itinerary.error.isHidden()
    )
    assert services.registers.page(r, "receptions").total == 0
    dialog.itinerary.table.item(0, 0).setText("2026-04-11")
    dialog.guests.add_row({"name": "李敏", "title": "处长"})
    dialog.accept_form()
    rec = dialog.result_record
    assert rec is not None and dialog.itinerary.error.isHidden()
    arr = services.service("reception").arrangements(r, rec.id)
    assert [g.name for g in arr.guests] == ["王建军", "李敏"] and arr.itinerary[0].place == "城关镇"
    again = ReceptionFormDialog(services, r, "receptions", services.registers.get(r, "receptions", rec.id))
    qtbot.addWidget(again)
    assert again.guests.table.rowCount() == 2 and again.guests.cell(0, 3) == "省级"
    again.guests.table.selectRow(1)
    again.guests.remove_selected()
    again.accept_form()  # only the table changed: still saved
    assert [g.name for g in services.service("reception").arrangements(r, rec.id).guests] == ["王建军"]


def test_statistics_view_counts_the_period_and_prints_it(qtbot, services, actors, monkeypatch, tmp_path):
    from docx import Document

    from ui.areas.reception import stats as stats_module

    p = actors["petition"]
    svc = services.service("reception")
    base = {"channel": "来访", "petitioner": "张桂兰", "persons": 6, "representatives": "张桂兰、李建国",
            "category": "土地征收", "summary": "征地补偿款未按时发放", "township": "城关镇"}  # fmt: skip
    svc.register(p, {**base, "registered_on": "2026-03-02"})
    svc.register(
        p, {**base, "registered_on": "2026-03-05", "channel": "来信", "persons": 1, "representatives": ""}
    )
    svc.register(
        p, {**base, "registered_on": "2025-12-30", "channel": "来信", "persons": 1, "representatives": ""}
    )
    tab = ReceptionTab(services, p)
    qtbot.addWidget(tab)
    page = tab.stats
    page.set_period(date(2026, 1, 1), date(2026, 12, 31))
    page.refresh()
    text = page.view.toPlainText()
    assert "来信1件，来访1批6人次（其中集体访1批6人次）" in text and "共受理来信来访7人次" in text
    assert "城关镇" in text and "土地征收" in text and "公务接待" not in text  # 信访 role only
    page.set_period(date(2026, 4, 1), date(2026, 3, 1))
    page.refresh()
    assert "结束日期不能早于开始日期" in page.view.toPlainText()
    page.set_period(date(2025, 1, 1), date(2026, 12, 31))
    out = tmp_path / "统计.docx"
    monkeypatch.setattr(stats_module, "ask_save_path", lambda *a: out)
    monkeypatch.setattr(messages, "info", lambda *a: None)
    page.print_report()
    doc = Document(str(out))
    body = "\n".join(x.text for x in doc.paragraphs)
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "来访接待工作统计" in body and "来信2件" in body and {"城关镇", "合计", "8"} <= cells
