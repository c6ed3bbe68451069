"""GB/T 9704 official documents as .docx, read back with python-docx: page geometry, 版头, numbering of
headings, fonts by level, 成文日期 form, 版记, odd/even page numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.printing.fonts import font_set
from app.printing.gbt9704 import (
    HeadingNumbers,
    OfficialDocument,
    Para,
    cn_date,
    cn_number,
)
from app.printing.gbt9704_docx import render_official_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(**kw) -> OfficialDocument:  # type: ignore[no-untyped-def]
    base = dict(
        issuer_mark="中共××县委办公室文件",
        doc_number="×办发〔2026〕12号",
        copy_number="123",
        secret_level="秘密",
        secret_period="1年",
        urgency="特急",
        title="关于做好防汛工作的通知",
        main_recipients="各乡镇党委",
        body=(
            Para("现通知如下。"),
            Para("总体要求", 1),
            Para("压实责任", 2),
            Para("二、已编号的标题", 1),
            Para("细则", 3),
        ),
        attachments=("责任分工表", "名单"),
        issuer_signature="中共××县委办公室",
        date=date(2026, 3, 5),
        note="此件发至乡镇",
        cc=("县政府办公室", "县政协办公室"),
        printed_by_org="中共××县委办公室",
        printed_on=date(2026, 3, 6),
    )
    base.update(kw)
    return OfficialDocument(**base)


def test_numbers_and_dates() -> None:
    assert [cn_number(n) for n in (1, 10, 12, 20, 99)] == ["一", "十", "十二", "二十", "九十九"]
    assert cn_date(date(2026, 3, 5)) == "2026年3月5日"
    h = HeadingNumbers()
    assert [
        h.number(1, "甲"),
        h.number(2, "乙"),
        h.number(2, "丙"),
        h.number(1, "丁"),
        h.number(2, "戊"),
    ] == ["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊"]


def test_official_document_reads_back(tmp_path: Path) -> None:
    from docx import Document

    out = render_official_docx(_doc(), tmp_path / "通知.docx")
    d = Document(str(out))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    texts = [p.text for p in d.paragraphs]
    assert texts[:3] == ["000123", "秘密★1年", "特急"]
    mark = d.paragraphs[3]
    assert mark.text == "中共××县委办公室文件" and str(mark.runs[0].font.color.rgb) == "FF0000"
    assert d.paragraphs[4].text == "×办发〔2026〕12号"
    assert d.paragraphs[4]._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}color") == "FF0000"
    for expected in (
        "关于做好防汛工作的通知",
        "各乡镇党委：",
        "一、总体要求",
        "（一）压实责任",
        "二、已编号的标题",
        "1.细则",
        "附件：1.责任分工表",
        "2.名单",
        "2026年3月5日",
        "（此件发至乡镇）",
    ):
        assert expected in texts, expected
    heading = next(p for p in d.paragraphs if p.text == "一、总体要求")
    assert heading.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == font_set().docx["HEITI"]
    second = next(p for p in d.paragraphs if p.text == "（一）压实责任")
    assert second.runs[0]._r.rPr.rFonts.get(f"{W}eastAsia") == font_set().docx["KAITI"]
    framed = [p for p in d.paragraphs if p._p.find(f"{W}pPr/{W}framePr") is not None]
    assert [p.text for p in framed] == [
        "抄送：县政府办公室，县政协办公室。",
        "中共××县委办公室\t2026年3月6日印发",
    ]
    # 版记 framed at the foot of the 版心: the last rule on its bottom edge (262 mm from the top of the paper)
    frames = [p._p.find(f"{W}pPr/{W}framePr") for p in framed]
    bottom = int(frames[-1].get(f"{W}y")) + int(frames[-1].get(f"{W}h"))
    assert abs(bottom / 1440 * 25.4 - 262) < 0.1 and frames[-1].get(f"{W}vAnchor") == "page"
    assert framed[-1]._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}sz") == "8"  # 0.35 mm
    assert framed[-1]._p.find(f"{W}pPr/{W}pBdr/{W}top").get(f"{W}sz") == "6"  # 0.25 mm between
    assert d.settings.odd_and_even_pages_header_footer
    assert "PAGE" in s.footer._element.xml and "PAGE" in s.even_page_footer._element.xml
    assert s.footer.paragraphs[0].text.startswith("— ") and s.even_page_footer.paragraphs[0].alignment == 0


def test_upward_document_and_letter_format(tmp_path: Path) -> None:
    from docx import Document

    up = Document(str(render_official_docx(_doc(signers=("周振荣",)), tmp_path / "请示.docx")))
    line = next(p for p in up.paragraphs if "签发人" in p.text)
    assert line.text == "　×办发〔2026〕12号\t签发人：周振荣"  # 字号 1 字 in, by a full-width space
    assert not line.paragraph_format.left_indent  # so the red line under it spans the whole 版心
    three = Document(
        str(render_official_docx(_doc(signers=("周振荣", "吴建国", "郑海波")), tmp_path / "三.docx"))
    )
    texts = [p.text for p in three.paragraphs]
    first = next(i for i, t in enumerate(texts) if "签发人" in t)
    assert texts[first] == "\t签发人：周振荣　吴建国"  # two names a line, in issuer order
    assert texts[first + 1].startswith("　×办发〔2026〕12号\t") and "郑海波" in texts[first + 1]
    assert line.runs[-1]._r.rPr.rFonts.get(f"{W}eastAsia") == font_set().docx["KAITI"]
    letter = Document(
        str(render_official_docx(_doc(layout="信函", issuer_mark="中共××县委办公室"), tmp_path / "函.docx"))
    )
    s = letter.sections[0]
    assert s.different_first_page_header_footer
    assert s.first_page_header.paragraphs[0].text == "中共××县委办公室"
    assert "PAGE" not in s.first_page_footer._element.xml  # no page number on page 1
    framed = [p for p in letter.paragraphs if p._p.find(f"{W}pPr/{W}framePr") is not None]
    assert [p.text for p in framed] == ["抄送：县政府办公室，县政协办公室。"]  # 信函: no 印发 line, no rules
    assert framed[0]._p.find(f"{W}pPr/{W}pBdr") is None
    assert "×办发〔2026〕12号" in letter.paragraphs[0].text


def test_a_colophon_that_would_cover_the_text_goes_to_a_page_of_its_own(tmp_path: Path) -> None:
    from dataclasses import replace

    from docx import Document

    def colophon_breaks(body_paras: int) -> bool:
        text = "这是一段用于测试版记位置的正文内容，每段大约两行文字，用来把页面逐步填满。"
        doc = replace(_doc(), body=tuple(Para(text) for _ in range(body_paras)))
        out = render_official_docx(doc, tmp_path / f"{body_paras}.docx")
        first = next(p for p in Document(str(out)).paragraphs if p.text.startswith("抄送"))
        return bool(first.paragraph_format.page_break_before)

    assert not colophon_breaks(1)  # room under the text on the last page: the 版记 stays there
    assert colophon_breaks(0)  # this 版头 + 署名 + 附注 fill page 1 to about its last line
