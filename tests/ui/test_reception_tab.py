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
