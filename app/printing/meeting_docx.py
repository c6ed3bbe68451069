"""The meeting's Word files (会议安排): the 会议通知 as a GB/T 9704 通知 (the 发文 area's layout) with its 回执
table as the attachment, and the 会议纪要 in the GB/T 9704 纪要格式 (纪要标志 35 mm below the 版心 top, the
出席/请假/列席 lines in 3号黑体 + 仿宋, aligned after the colon; no seal). Plain data in, .docx out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.printing.docx_common import set_cell_text
from app.printing.fonts import FANGSONG, HEITI, XIAOBIAOSONG
from app.printing.gbt9704 import OfficialDocument, cn_date, cn_number
from app.printing.layouts import Layout

TEXT_PT = 16  # 3号


@dataclass(frozen=True)
class MeetingNotice:
    document: OfficialDocument  # the 通知 itself; its attachments name the 回执
    reply_title: str  # "××会议回执"
    reply_note: str  # "请于3月3日17:00前报送县委办公室（联系电话…）"
    reply_rows: tuple[tuple[str, str, str, str], ...]  # pre-filled (单位, 姓名, 职务, 联系电话)
    blank_rows: int = 6


@dataclass(frozen=True)
class Minutes:
    mark: str  # 纪要标志: ××××纪要
    number: str  # 第×号 (or the meeting's 编号)
    organ: str
    date: date | str | None
    summary: str  # 会议概况
    decisions: tuple[str, ...]  # 议定事项, numbered 一、二、三 when written
    present: tuple[str, ...]  # 出席
    leave: tuple[str, ...]  # 请假 ("姓名（事由）")
    observers: tuple[str, ...]  # 列席


REPLY_COLUMNS = ("单位", "姓名", "职务", "联系电话", "备注")


def _move_before_colophon(document: Any, elements: list[Any]) -> None:
    """GB/T 9704: the 附件 comes before the 版记 (whose framed paragraphs close the body)."""
    from docx.oxml.ns import qn

    body = document._body._body
    framed = [
        p for p in body.iterchildren() if p.tag == qn("w:p") and p.find(f".//{qn('w:framePr')}") is not None
    ]
    if not framed:
        return
    anchor = framed[0]
    for el in elements:
        anchor.addprevious(el)


def render_notice(data: MeetingNotice, out: Path) -> Path:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt

    from app.printing.gbt9704_docx import _para, render_official_docx

    render_official_docx(data.document, out)
    document = Document(str(out))
    body = document._body._body
    before = len(list(body.iterchildren()))
    head = _para(document, [("附件", HEITI, TEXT_PT)])
    head.paragraph_format.page_break_before = True
    _para(document, [(data.reply_title, XIAOBIAOSONG, 22)], align="center", before=28.95, line=36)
    table = document.add_table(rows=1, cols=len(REPLY_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(46), Mm(24), Mm(34), Mm(30), Mm(22))
    for cell, label, w in zip(table.rows[0].cells, REPLY_COLUMNS, widths, strict=True):
        cell.width = w
        set_cell_text(cell, label, HEITI, 14, align="center")
    for values in (*data.reply_rows, *(("",) * 4,) * data.blank_rows):
        cells = table.add_row().cells
        for cell, text, w in zip(cells, (*values, ""), widths, strict=True):
            cell.width = w
            set_cell_text(cell, text, FANGSONG, 14)
    for row in table.rows:
        row.height = Mm(11)
    note = _para(document, [(data.reply_note, FANGSONG, TEXT_PT)], first=2, before=14)
    note.paragraph_format.space_before = Pt(14)
    added = list(body.iterchildren())[before - 1 :]
    # python-docx appends before the section properties: move what was added ahead of the 版记
    added = [el for el in added if not el.tag.endswith("}sectPr")]
    _move_before_colophon(document, added)
    document.save(str(out))
    return out


def _attendance(document: Any, label: str, names: tuple[str, ...], first_line: bool) -> None:
    from app.printing.gbt9704_docx import LINE, _para

    if not names:
        return
    # indent 2 字; wrapped lines start after the colon (2 + 3 字)
    _para(
        document,
        [(f"{label}：", HEITI, TEXT_PT), ("、".join(names), FANGSONG, TEXT_PT)],
        left=5,
        first=-3,
        before=LINE if first_line else 0,
        align="justify",
    )


def render_minutes(data: Minutes, out: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    from app.printing.gbt9704_docx import CHAR, LINE, RED, _border, _page_numbers, _para, _setup

    document = Document()
    body = document._body._body
    for p in list(body.iterchildren()):
        if p.tag.endswith("}p"):
            body.remove(p)
    layout_doc = OfficialDocument(issuer_mark=data.mark, title=data.mark, body=(), sealed=False)
    section = _setup(document, layout_doc)
    # 纪要标志: its top edge 35 mm below the top of the 版心, red 小标宋
    size = 42 if len(data.mark) <= 9 else max(24, round(42 * 9 / len(data.mark)))
    mark = _para(document, [(data.mark, XIAOBIAOSONG, size)], align="center", line=None, color=RED)
    mark.paragraph_format.space_before = Mm(35) - Pt(size * 0.2)
    mark.paragraph_format.line_spacing = Pt(size * 1.2)
    if data.number:
        _para(document, [(data.number, FANGSONG, TEXT_PT)], align="center", before=2 * LINE - LINE)
    line = _para(
        document,
        [(f"{data.organ}\t{cn_date(data.date)}", FANGSONG, TEXT_PT)],
        left=1,
        right=1,
        before=LINE,
    )
    line.paragraph_format.tab_stops.add_tab_stop(Pt(CHAR * 26), WD_TAB_ALIGNMENT.RIGHT)
    _border(line, "bottom", size_eighths=12, space_pt=4)
    for text in [t for t in data.summary.splitlines() if t.strip()]:
        _para(document, [(text.strip(), FANGSONG, TEXT_PT)], first=2, align="justify", before=0)
    for i, text in enumerate(data.decisions, start=1):
        text = text.strip()
        head = f"{cn_number(i)}、"
        if text.startswith(head):
            text = text[len(head) :]
        if text and text[-1] not in "。；！？：":  # each 议定事项 is a sentence
            text += "。"
        _para(document, [(head, HEITI, TEXT_PT), (text, FANGSONG, TEXT_PT)], first=2, align="justify")
    _attendance(document, "出席", data.present, True)
    _attendance(document, "请假", data.leave, not data.present)
    _attendance(document, "列席", data.observers, not (data.present or data.leave))
    _page_numbers(document, section, layout_doc)
    document.core_properties.title = data.mark
    document.save(str(out))
    return out


NOTICE = Layout[MeetingNotice]("会议通知", docx=render_notice)
MINUTES = Layout[Minutes]("会议纪要", docx=render_minutes)
