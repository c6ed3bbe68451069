"""A FormLayout as Word (.docx): one ruled table on a common column grid (so the sections line up and the
office can edit any box), 小标宋 title, 宋体 labels, 仿宋 values, minimum heights kept as "at least"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.printing.docx_common import clean, new_document, repeat_header, set_cell_text, set_font
from app.printing.fonts import FANGSONG, SONGTI, XIAOBIAOSONG
from app.printing.layout import FieldRow, FormLayout, SignatureLine, TableSection, TextBox
from app.printing.meta import PrintMeta

TWIPS_PER_MM = 1440 / 25.4


def _row_cells(sec: Any, layout: FormLayout, width: float) -> list[list[float]]:
    """The cell widths (mm) of each table row a section produces."""
    label = layout.label_width_mm
    if isinstance(sec, FieldRow):
        unit = width / max(layout.columns, 1)
        spans = [max(f.span, 1) for f in sec.fields]
        if sum(spans) < layout.columns and spans:
            spans[-1] += layout.columns - sum(spans)
        widths: list[float] = []
        for s in spans:
            widths += [label, unit * s - label]
        scale = width / sum(widths) if widths else 1
        return [[w * scale for w in widths]]
    if isinstance(sec, TextBox):
        return [[label, width - label]]
    if isinstance(sec, TableSection):
        n = len(sec.headers)
        rel = list(sec.widths) if len(sec.widths) == n else [1.0] * n
        cols = [label, *[(width - label) * r / sum(rel) for r in rel]]
        count = 1 + max(len(sec.rows), sec.min_rows)
        return [cols] * count
    return []


def _edges(widths: list[float]) -> list[int]:
    out, x = [0], 0.0
    for w in widths:
        x += w
        out.append(round(x * TWIPS_PER_MM / 20) * 20)  # snap to 1 pt so nearly equal edges coincide
    return out


def _set_height(row: Any, mm: float) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Mm

    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def render_form_docx(layout: FormLayout, meta: PrintMeta, out: Path) -> Path:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = new_document(
        meta, landscape=layout.landscape, margins_mm=(22, 20, 18, 20), body_font=FANGSONG, body_size=12
    )
    width = (297 if layout.landscape else 210) - 40.0
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    set_font(title.add_run(clean(layout.title)), XIAOBIAOSONG, 22)
    if layout.header_left or layout.header_right:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
        set_font(p.add_run(f"{clean(layout.header_left)}\t{clean(layout.header_right)}"), FANGSONG, 12)

    boxed = [s for s in layout.sections if not isinstance(s, SignatureLine)]
    rows_widths = [(sec, _row_cells(sec, layout, width)) for sec in boxed]
    all_edges = sorted({e for _, rows in rows_widths for r in rows for e in _edges(r)})
    grid = [b - a for a, b in zip(all_edges, all_edges[1:])]
    n_rows = sum(len(rows) for _, rows in rows_widths)
    if n_rows and grid:
        table = doc.add_table(rows=n_rows, cols=len(grid))
        table.style = doc.styles["Table Grid"]
        table.autofit = False
        for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), grid):
            gc.set(qn("w:w"), str(w))
        r = 0
        for sec, rows in rows_widths:
            first = r
            merged_rows = []
            for widths in rows:
                edges = _edges(widths)
                idx = [all_edges.index(e) for e in edges]
                row = table.rows[r]
                cells = []
                for a, b in zip(idx, idx[1:]):
                    cell = row.cells[a]
                    if b - 1 > a:
                        cell = cell.merge(row.cells[b - 1])
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                    cells.append(cell)
                merged_rows.append(cells)
                r += 1
            _fill(sec, merged_rows, table, first, layout)
    for line in (*[s for s in layout.sections if isinstance(s, SignatureLine)], *layout.after):
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(8)
        step = width / max(len(line.items), 1)
        for i in range(1, len(line.items)):
            p.paragraph_format.tab_stops.add_tab_stop(Mm(step * i), WD_TAB_ALIGNMENT.LEFT)
        set_font(p.add_run("\t".join(clean(x) for x in line.items)), FANGSONG, 12)
    if layout.footer_note:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(6)
        set_font(p.add_run(clean(layout.footer_note)), FANGSONG, 10.5)
    doc.save(str(out))
    return out


def _fill(sec: Any, rows: list[list[Any]], table: Any, first: int, layout: FormLayout) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if isinstance(sec, FieldRow):
        cells = rows[0]
        for i, f in enumerate(sec.fields):
            set_cell_text(cells[2 * i], f.label, SONGTI, 12, align="center")
            set_cell_text(cells[2 * i + 1], f.value, FANGSONG, 13)
        _set_height(table.rows[first], sec.min_height_mm)
    elif isinstance(sec, TextBox):
        label, box = rows[0]
        set_cell_text(label, sec.label, SONGTI, 12, align="center")
        set_cell_text(box, sec.text, FANGSONG, 13)
        box.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        if sec.sign:
            p = box.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.space_before = Pt(12)
            set_font(p.add_run(clean(sec.sign)), FANGSONG, 13)
        _set_height(table.rows[first], sec.min_height_mm)
    elif isinstance(sec, TableSection):
        n = len(sec.headers)
        label = rows[0][0].merge(rows[-1][0]) if len(rows) > 1 else rows[0][0]
        set_cell_text(label, sec.label, SONGTI, 12, align="center")
        label.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for cell, h in zip(rows[0][1:], sec.headers):
            set_cell_text(cell, h, SONGTI, 12, align="center")
        data = [list(r)[:n] + [""] * (n - len(r)) for r in sec.rows]
        for i, cells in enumerate(rows[1:]):
            values = data[i] if i < len(data) else [""] * n
            for cell, v in zip(cells[1:], values):
                set_cell_text(cell, str(v), FANGSONG, 12, align="center")
            _set_height(table.rows[first + 1 + i], sec.row_height_mm)
        if first == 0:
            repeat_header(table.rows[0])
