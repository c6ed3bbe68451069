"""GB/T 9704-2012 layout in python-docx: A4, margins 37/26/35/28 mm (版心 156 × 225 mm), 22 lines of 28
characters (document grid: line pitch 28.95 pt, character pitch 15.79 pt), 3号仿宋 text, red 版头, 版记 at
the foot of the last page, "— N —" page numbers outside/inside by odd/even page."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from app.printing.docx_common import add_field, clean, set_font
from app.printing.fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG
from app.printing.gbt9704 import FILE, LETTER, HeadingNumbers, OfficialDocument, Para, cn_date, copy_number

LINE = 28.95  # pt: 225 mm / 22 lines
CHAR = 442.2 / 28  # pt: 156 mm / 28 characters
TEXT_PT, SMALL_PT = 16, 14  # 3号, 4号
RED = (0xFF, 0x00, 0x00)
CONDENSE_TWENTIETHS = -5  # character spacing of body text, 1/20 pt
LEVEL_FONT = {0: FANGSONG, 1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
TYPE_WIDTH_TWIPS = round(156 / 25.4 * 1440)  # 版心 width
LEFT_TWIPS = round(28 / 25.4 * 1440)  # 订口
BOTTOM_TWIPS = round((297 - 35) / 25.4 * 1440)  # bottom edge of the 版心, from the top of the paper
# w:pPr children that come after w:framePr / w:pBdr in the schema (Word refuses a file out of order)
_AFTER_FRAMEPR = (
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_PBDR = _AFTER_FRAMEPR[4:]


def _width_chars(text: str) -> float:
    """Width in 3号 characters: CJK full, ASCII (the date's digits) half."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def _para(
    container: Any,
    runs: list[tuple[str, str, float]],
    *,
    align: str = "left",
    left: float = 0,
    right: float = 0,
    first: float = 0,
    before: float = 0,
    line: float | None = LINE,
    color: tuple[int, int, int] | None = None,
) -> Any:
    """A paragraph of (text, logical font, size) runs; indents in characters, ``before`` in points."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = p.paragraph_format
    fmt.left_indent, fmt.right_indent = Pt(left * CHAR), Pt(right * CHAR)
    fmt.first_line_indent = Pt(first * CHAR)
    fmt.space_before, fmt.space_after = Pt(before), Pt(0)
    if line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    for text, logical, size in runs:
        set_font(p.add_run(clean(text)), logical, size, color=color)
    return p


def _border(
    p: Any, side: str, val: str = "single", size_eighths: int = 12, space_pt: int = 0, color: str = "FF0000"
) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = p._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_AFTER_PBDR)
    el = OxmlElement(f"w:{side}")
    for k, v in (("w:val", val), ("w:sz", str(size_eighths)), ("w:space", str(space_pt)), ("w:color", color)):
        el.set(qn(k), v)
    # children in schema order: top, left, bottom, right, between
    order = ("top", "left", "bottom", "right", "between", "bar")
    later = [c for c in pbdr if c.tag.split("}")[1] in order[order.index(side) + 1 :]]
    if later:
        later[0].addprevious(el)
    else:
        pbdr.append(el)


def _setup(document: Any, doc: OfficialDocument) -> Any:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)  # the dashes of "— N —" sit about 7 mm below the 版心
    section.header_distance = Mm(30 if doc.layout == LETTER else 15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # a line grid only: a character grid (charSpace) is read differently by Word and LibreOffice; 28
    # characters per line come from condensing 3号 text by 0.25 pt instead (156 mm / 15.75 pt = 28.07)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE * 20)))
    normal = document.styles["Normal"]
    set_font(normal, FANGSONG, TEXT_PT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
    normal.element.get_or_add_rPr().append(spacing)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE)
    normal.paragraph_format.space_after = Pt(0)
    document.settings.odd_and_even_pages_header_footer = True
    return section


def _page_numbers(document: Any, section: Any, doc: OfficialDocument) -> None:
    """ "— N —" in 4号宋体: odd pages right-indented 1 字, even pages left-indented 1 字."""
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        _style_footer(p, align)
        set_font(p.add_run("— "), SONGTI, SMALL_PT)
        add_field(p, "PAGE", SONGTI, SMALL_PT)
        set_font(p.add_run(" —"), SONGTI, SMALL_PT)


def _style_footer(p: Any, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
    if align == "right":
        p.paragraph_format.right_indent = Pt(SMALL_PT)
    else:
        p.paragraph_format.left_indent = Pt(SMALL_PT)


def _mark_size(text: str) -> float:
    return max(22.0, min(42.0, 430 / max(_width_chars(text), 1)))


def _head_file(document: Any, doc: OfficialDocument) -> None:
    lines = 0
    for text, font in ((copy_number(doc.copy_number), FANGSONG), (doc.marking, HEITI), (doc.urgency, HEITI)):
        if text:
            _para(document, [(text, font, TEXT_PT)])
            lines += 1
    size = _mark_size(doc.issuer_mark)
    # the mark's top edge sits 35 mm (99.2 pt) below the top of the 版心
    mark = _para(
        document,
        [(doc.issuer_mark, XIAOBIAOSONG, size)],
        align="center",
        before=max(99.2 - lines * LINE, 0),
        line=size * 1.25,
        color=RED,
    )
    if doc.signers:
        # 上行文: 签发人 1 字 from the right, two names a line in issuer order; the 字号 (indented 1 字 by a
        # full-width space, so the red line under it still spans the whole 版心) on the line of the last names
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Pt

        chunks = [doc.signers[i : i + 2] for i in range(0, len(doc.signers), 2)]
        for n, chunk in enumerate(chunks):
            lead = ("　" + doc.doc_number) if n == len(chunks) - 1 else ""
            label = "签发人：" if n == 0 else "　" * 4
            p = _para(document, [(lead + "\t" + label, FANGSONG, TEXT_PT)], before=2 * LINE if n == 0 else 0)
            set_font(
                p.add_run("　".join(chunk) + ("　" * (len(chunk[0]) + 1) if len(chunk) == 1 and n else "")),
                KAITI,
                TEXT_PT,
            )
            # a right tab 1 字 before the edge carries the 签发人 group to the right
            p.paragraph_format.tab_stops.add_tab_stop(Pt(27 * CHAR), WD_TAB_ALIGNMENT.RIGHT)
    elif doc.doc_number:
        p = _para(document, [(doc.doc_number, FANGSONG, TEXT_PT)], align="center", before=2 * LINE)
    else:
        # no 发文字号 (a notice not numbered yet): no empty line for it, the red line follows the mark
        p = mark
    _border(p, "bottom", size_eighths=12, space_pt=11)  # red separator 4 mm below the 字号


def _head_letter(document: Any, doc: OfficialDocument, section: Any) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    size = _mark_size(doc.issuer_mark)
    p = header.paragraphs[0]
    p.text = ""
    mark = _para(header, [(doc.issuer_mark, XIAOBIAOSONG, size)], align="center", line=size * 1.25, color=RED)
    p._p.getparent().remove(p._p)
    # 170 mm double lines centred on the paper (the 版心 is 1 mm right of centre)
    mark.paragraph_format.left_indent, mark.paragraph_format.right_indent = Mm(-8), Mm(-6)
    _border(mark, "bottom", val="thickThinSmallGap", size_eighths=24, space_pt=11)
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    fp = footer.paragraphs[0]
    fp.paragraph_format.left_indent, fp.paragraph_format.right_indent = Mm(-8), Mm(-6)
    _border(fp, "bottom", val="thinThickSmallGap", size_eighths=24, space_pt=0)
    first = [x for x in (copy_number(doc.copy_number), doc.marking, doc.urgency) if x]
    for i, text in enumerate(first or [""]):
        font = FANGSONG if i == 0 and doc.copy_number else HEITI
        runs: list[tuple[str, str, float]] = [(text, font, TEXT_PT)]
        if i == 0 and doc.doc_number:
            runs.append(("\t" + doc.doc_number, FANGSONG, TEXT_PT))  # 字号 flush right on the first line
        p = _para(document, runs, before=0.875 * TEXT_PT if i == 0 else 0)
        p.paragraph_format.tab_stops.add_tab_stop(Pt(28 * CHAR), WD_TAB_ALIGNMENT.RIGHT)


def _body(document: Any, doc: OfficialDocument) -> None:
    _para(document, [(doc.title, XIAOBIAOSONG, 22)], align="center", before=2 * LINE, line=LINE * 1.25)
    if doc.main_recipients:
        text = doc.main_recipients.rstrip("：:") + "："
        _para(document, [(text, FANGSONG, TEXT_PT)], before=LINE)
    numbers = HeadingNumbers()
    for item in doc.body:
        para = item if isinstance(item, Para) else Para(str(item))
        text = numbers.number(para.level, para.text)
        _para(document, [(text, LEVEL_FONT.get(para.level, FANGSONG), TEXT_PT)], first=2, align="justify")
    if doc.attachments:
        if len(doc.attachments) == 1:
            _para(
                document, [("附件：" + doc.attachments[0], FANGSONG, TEXT_PT)], left=5, first=-3, before=LINE
            )
        else:
            for i, name in enumerate(doc.attachments, start=1):
                head = "附件：" if i == 1 else ""
                _para(
                    document,
                    [(f"{head}{i}.{name}", FANGSONG, TEXT_PT)],
                    left=5,
                    first=-3 if i == 1 else 0,
                    before=LINE if i == 1 else 0,
                )


def _signature(document: Any, doc: OfficialDocument) -> None:
    date_text = cn_date(doc.date)
    sig = doc.issuer_signature
    dw, sw = _width_chars(date_text), _width_chars(sig)
    if doc.sealed:
        # date right-indented 4 字, 署名 centred over it; room left above for the seal
        date_start = 28 - 4 - dw
        sig_start = date_start + (dw - sw) / 2
        before = 2 * LINE
    else:
        if sw + 2 >= dw:
            sig_start = 28 - 2 - sw
            date_start = sig_start + 2
        else:
            date_start = 28 - 2 - dw
            sig_start = date_start - 2
        before = LINE
    if sig:
        _para(document, [(sig, FANGSONG, TEXT_PT)], left=max(sig_start, 0), before=before)
    if date_text:
        _para(
            document, [(date_text, FANGSONG, TEXT_PT)], left=max(date_start, 0), before=0 if sig else before
        )
    if doc.note:
        note = doc.note if doc.note.startswith(("（", "(")) else f"（{doc.note}）"
        _para(document, [(note, FANGSONG, TEXT_PT)], first=2)


def _frame(p: Any, top_twips: int, height_twips: int) -> None:
    """Put a paragraph into a frame at a fixed place on the page (w:framePr): Word and LibreOffice both
    honour it, unlike a floating table, which LibreOffice 7.4 lays out in the text flow."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fp = OxmlElement("w:framePr")
    for k, v in (
        ("w:w", str(TYPE_WIDTH_TWIPS)),
        ("w:h", str(height_twips)),
        ("w:hRule", "exact"),
        ("w:wrap", "notBeside"),
        ("w:hAnchor", "page"),
        ("w:x", str(LEFT_TWIPS)),
        ("w:vAnchor", "page"),
        ("w:y", str(top_twips)),
    ):
        fp.set(qn(k), v)
    p._p.get_or_add_pPr().insert_element_before(fp, *_AFTER_FRAMEPR)


def _wrapped(text: str, chars: float = 28, indent: float = 0) -> int:
    return max(1, math.ceil((_width_chars(text) + indent) / chars))


def _flow_lines(doc: OfficialDocument) -> float:
    """About how many 行 the text above the 版记 takes (版头, 标题, 主送, 正文, 附件, 署名, 附注), so that a 版记
    that would not fit under the last page's text goes to a page of its own instead of covering it."""
    if doc.layout == LETTER:
        head = 6.0  # the 信函 header block is drawn in the first-page header; the 字号 line and the gap
    else:
        head = sum(bool(x) for x in (doc.copy_number, doc.marking, doc.urgency))
        head = max(head, 99.2 / LINE) + 1.5 + 2 + max(1, math.ceil(len(doc.signers) / 2)) + 0.5
    title_chars = 156 / 25.4 * 72 / 22  # 2号 characters per line
    lines = head + 2 + 1.25 * _wrapped(doc.title, title_chars)
    if doc.main_recipients:
        lines += 1 + _wrapped(doc.main_recipients + "：")
    lines += sum(_wrapped(p.text if isinstance(p, Para) else str(p), indent=2) for p in doc.body)
    if doc.attachments:
        lines += 1 + sum(_wrapped(name, 23) for name in doc.attachments)
    lines += (2 if doc.sealed else 1) + bool(doc.issuer_signature) + bool(doc.date)
    if doc.note:
        lines += _wrapped(doc.note, indent=2)
    return lines


def _colophon(document: Any, doc: OfficialDocument) -> None:
    """版记: 抄送 and 印发 lines in 4号仿宋 between thick (0.35 mm) and thin (0.25 mm) rules, framed so that
    the last rule lies on the bottom edge of the 版心 of the last page whatever the text above it."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    cc = clean("抄送：" + "，".join(doc.cc) + "。") if doc.cc else ""
    printed = doc.layout != LETTER and bool(doc.printed_by_org or doc.printed_on)
    if not cc and not printed:
        return
    # 抄送 wraps after 26 characters of 4号 (indent 1 字 both sides, then aligned after the colon)
    cc_lines = (
        max(1, math.ceil((_width_chars(cc) * SMALL_PT - 26 * SMALL_PT) / (23 * SMALL_PT)) + 1) if cc else 0
    )
    lines = cc_lines + (1 if printed else 0)
    height = round(LINE * 20) * lines
    top = BOTTOM_TWIPS - height
    rules = doc.layout != LETTER  # 信函格式: no 版记 lines
    used = _flow_lines(doc) % 22
    # each 版记 line takes one 行, and one 行 stays free between the text and the 版记
    own_page = used + lines + 1 > 22
    paras = []
    if cc:
        p = _para(document, [(cc, FANGSONG, SMALL_PT)])
        fmt = p.paragraph_format
        fmt.left_indent, fmt.right_indent, fmt.first_line_indent = (
            Pt(4 * SMALL_PT),
            Pt(SMALL_PT),
            Pt(-3 * SMALL_PT),
        )
        paras.append(p)
    if printed:
        date_text = f"{cn_date(doc.printed_on)}印发" if doc.printed_on else ""
        p = _para(document, [(f"{doc.printed_by_org}\t{date_text}", FANGSONG, SMALL_PT)])
        p.paragraph_format.left_indent, p.paragraph_format.right_indent = Pt(SMALL_PT), Pt(SMALL_PT)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(2 * SMALL_PT), WD_TAB_ALIGNMENT.RIGHT)
        paras.append(p)
    if own_page:  # the text fills the last page: the 版记 goes to the foot of a page of its own
        paras[0].paragraph_format.page_break_before = True
    # one frame per paragraph: LibreOffice drops paragraphs with one framePr but different borders
    y = top
    for p, n in zip(paras, [cc_lines] * bool(cc) + [1] * printed):
        _frame(p, y, round(LINE * 20) * n)
        y += round(LINE * 20) * n
    if rules:
        # first and last rule 0.35 mm (sz 8 = 1 pt), the one between 抄送 and 印发 0.25 mm (sz 6 = 0.75 pt);
        # drawn inside the line height (space 0) so the lines keep the grid
        _border(paras[0], "top", size_eighths=8, color="000000")
        _border(paras[-1], "bottom", size_eighths=8, color="000000")
        if len(paras) == 2:
            _border(paras[1], "top", size_eighths=6, color="000000")
    # LibreOffice anchors the frame at the paragraph after it: without one it drops the frame into the flow
    document.add_paragraph().paragraph_format.line_spacing = Pt(1)


def write_docx(doc: OfficialDocument, out: Path) -> Path:
    from docx import Document

    document = Document()
    body = document._body._body
    for p in list(body.iterchildren()):
        if p.tag.endswith("}p"):
            body.remove(p)
    section = _setup(document, doc)
    if doc.layout == LETTER:
        _head_letter(document, doc, section)
    else:
        _head_file(document, doc)
    _body(document, doc)
    _signature(document, doc)
    _colophon(document, doc)
    _page_numbers(document, section, doc)
    document.core_properties.title = doc.title
    document.save(str(out))
    return out


def render_official_docx(doc: OfficialDocument, out: Path) -> Path:
    """The document as an editable .docx; refuses a layout other than 文件格式 or 信函格式."""
    if doc.layout not in (FILE, LETTER):
        from app.domain.errors import ValidationFailed

        raise ValidationFailed({"layout": "版式应为“文件”或“信函”"})
    return write_docx(doc, out)
