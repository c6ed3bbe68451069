"""Formula cells saved without their computed value (a workbook written by a program, never opened in
Excel): calamine reads them as empty, so they are found in the sheet XML and reported as formulas."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_SHEET_ALT = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?r:id="([^"]+)"[^>]*?name="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"')
_REL_ALT = re.compile(rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"')
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_MAX_XML = 512 * 1024 * 1024
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*?>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _unescape(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


def hidden_columns(data: bytes) -> frozenset[int]:
    """0-based columns a sheet hides (<col min max hidden="1">)."""
    out: set[int] = set()
    head = data[: data.find(b"<sheetData")] if b"<sheetData" in data else data[:65536]
    for m in _COL.finditer(head):
        attrs = dict(_ATTR.findall(m.group(0)))
        if attrs.get(b"hidden") in (b"1", b"true"):
            lo, hi = int(attrs.get(b"min", b"1")), int(attrs.get(b"max", b"1"))
            out.update(range(lo - 1, min(hi, lo + 1000)))
    return frozenset(out)


def formula_cells(path: Path) -> dict[str, dict[int, list[int]]]:
    """{sheet name: {0-based row: [0-based columns]}} of formulas without a cached value; {} if none or
    the package cannot be read (calamine then reports the damage). The hidden columns of each sheet come
    under the key -1."""
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")
            rels = z.read("xl/_rels/workbook.xml.rels")
            targets = {i.decode(): t.decode() for i, t in _REL.findall(rels)}
            targets.update({i.decode(): t.decode() for t, i in _REL_ALT.findall(rels)})
            sheets = [(_unescape(n), i.decode()) for n, i in _SHEET.findall(book)]
            if not sheets:
                sheets = [(_unescape(n), i.decode()) for i, n in _SHEET_ALT.findall(book)]
            found: dict[str, dict[int, list[int]]] = {}
            for name, rid in sheets:
                target = targets.get(rid, "")
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                try:
                    info = z.getinfo(member)
                except KeyError:
                    continue
                if info.file_size > _MAX_XML:
                    continue
                data = z.read(member)
                cells: dict[int, list[int]] = {}
                hidden = hidden_columns(data)
                if hidden:
                    cells[-1] = sorted(hidden)
                if b"<f" not in data:
                    if cells:
                        found[name] = cells
                    continue
                for letters, row, body in _CELL.findall(data):
                    if body and b"<f" in body and not re.search(rb"<(?:\w+:)?v>[^<]", body):
                        cells.setdefault(int(row) - 1, []).append(_column(letters))
                if cells:
                    found[name] = cells
            return found
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
