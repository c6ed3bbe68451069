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
    assert [tab.tabText(i) for i in range(tab.count())] == ["公务接待", "来客登记"]
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
