"""值班 tab: the month calendar shows who is on duty, the 编排 dialog previews before saving and explains
bad input next to the form, a swap request waits for the leader's approval in the dialog."""

from __future__ import annotations

from datetime import date

from ui.areas.duty.dialogs import GenerateDialog, SwapDecisionDialog, SwapDialog
from ui.areas.duty.tab import DutyTab

TODAY = date.today()
FIRST = date(TODAY.year, TODAY.month, 1)


def _cell_texts(tab: DutyTab) -> str:
    grid = tab.roster.grid
    return "\n".join(
        grid.item(r, c).text()
        for r in range(grid.rowCount())
        for c in range(7)
        if grid.item(r, c) is not None
    )


def test_generate_dialog_previews_then_saves_and_the_calendar_shows_it(qtbot, services, actors):
    tab = DutyTab(services, actors["duty"])
    qtbot.addWidget(tab)
    assert "（未排班）" in _cell_texts(tab)
    dialog = GenerateDialog(services, actors["duty"], FIRST, FIRST.replace(day=7), ["王主任"], [])
    qtbot.addWidget(dialog)
    dialog.save()
    assert "值班人员：每班需要1名值班人员，名单只有0人" in dialog.error.text()
    assert services.service("duty").shifts(actors["duty"], FIRST, FIRST.replace(day=7)) == []
    dialog.staff.setText("秘书甲、秘书乙")
    dialog.show_preview()
    assert "带班：王主任" in dialog.preview.toPlainText() and "秘书乙：共" in dialog.preview.toPlainText()
    dialog.save()
    assert dialog.result_value.saved == 7
    tab.roster.refresh()
    text = _cell_texts(tab)
    assert "带班：王主任" in text and "值班：秘书甲" in text
    assert "秘书甲 " in tab.roster.counts.text()


def test_swap_request_and_leaders_approval(qtbot, services, actors):
    svc = services.service("duty")
    svc.generate(actors["duty"], FIRST, FIRST.replace(day=3), leaders=["王主任"], staff=["甲", "乙", "丙"])
    tab = DutyTab(services, actors["duty"])
    qtbot.addWidget(tab)
    swap = SwapDialog(services, actors["duty"], tab.roster.shifts)
    qtbot.addWidget(swap)
    # options: day1 王主任, day1 甲, day2 王主任, day2 乙 …
    swap.first.setCurrentIndex(1)
    swap.second.setCurrentIndex(3)
    swap.submit()
    assert "请填写调班事由" in swap.error.text()
    swap.reason.setText("出差")
    swap.submit()
    assert swap.result_value is not None and swap.result_value.state == "pending"
    decide = SwapDecisionDialog(services, actors["leader"])
    qtbot.addWidget(decide)
    decide.list.setCurrentRow(0)
    decide.decide(True)
    assert decide.decided[0].state == "approved"
    assert svc.today(actors["duty"], FIRST)[0].staff == ("乙",)
