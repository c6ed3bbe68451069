"""Rows per page of a printed register book, read back from the file: the PDF's table rules (book_table
draws one horizontal rule above every body row, as one path per page), and for Word the pagination a
word processor gives the .docx's own column widths, exact line height and cell padding (no word processor
on the test machine: the same line breaking as the PDF measures each cell)."""

from __future__ import annotations

from pathlib import Path


def pdf_rows_per_page(path: Path) -> list[int]:
    """Body rows on each page: the full-width horizontal rules of the page's table (the header's lower
    edge and each row's upper one are the same rule)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    counts = []
    reader = PdfReader(str(path))
    for page in reader.pages:
        ops = ContentStream(page.get_contents(), reader).operations
        segments: list[tuple[float, float, float, float]] = []
        last = None
        for operands, op in ops:
            if op == b"m":
                last = (float(operands[0]), float(operands[1]))
            elif op == b"l" and last is not None:
                x, y = float(operands[0]), float(operands[1])
                segments.append((*last, x, y))
                last = (x, y)
        horizontal = [s for s in segments if abs(s[1] - s[3]) < 0.01 and abs(s[2] - s[0]) > 300]
        counts.append(len(horizontal))
    return counts


def docx_rows_per_page(path: Path) -> list[int]:
    """Body rows on each page of the Word book as laid out by its own grid: page height between the
    margins, title and subtitle, the repeated header row, rows that do not split (cantSplit)."""
    import docx
    from docx.oxml.ns import qn

    from app.printing.book import _Measure
    from app.printing.fonts import HEITI, SONGTI, pdf_font

    document = docx.Document(str(path))
    section = document.sections[0]
    height = (section.page_height - section.top_margin - section.bottom_margin) / 12700  # EMU -> pt
    table = document.tables[0]
    tbl = table._tbl
    grid = [int(gc.get(qn("w:w"))) / 20 for gc in tbl.tblGrid.findall(qn("w:gridCol"))]
    mar = tbl.tblPr.find(qn("w:tblCellMar"))
    pad = int(mar.find(qn("w:left")).get(qn("w:w"))) / 20
    vpad = int(mar.find(qn("w:top")).get(qn("w:w"))) / 20
    spacing = tbl.find(".//" + qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    leading = int(spacing.get(qn("w:line"))) / 20
    body, head = _Measure(pdf_font(SONGTI), 9), _Measure(pdf_font(HEITI), 9)

    def row_height(cells: list[str], measure: _Measure) -> float:
        lines = max(len(measure.lines(text, w - 2 * pad)) for text, w in zip(cells, grid))
        return lines * leading + 2 * vpad + 0.5

    rows = table.rows
    header_h = row_height([c.text for c in rows[0].cells], head)
    title_h = 26 + (15 if len(document.paragraphs) > 2 else 0)  # 20 pt title, 11 pt subtitle lines
    counts, used, n = [], title_h + header_h, 0
    for row in rows[1:]:
        cells = ["\n".join(p.text for p in c.paragraphs) for c in row.cells]
        h = row_height(cells, body)
        if used + h > height and n:
            counts.append(n)
            used, n = header_h, 0
        used += h
        n += 1
    counts.append(n)
    return counts
