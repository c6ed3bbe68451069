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


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _unescape(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


def formula_cells(path: Path) -> dict[str, dict[int, list[int]]]:
    """{sheet name: {0-based row: [0-based columns]}} of formulas without a cached value; {} if none or
    the package cannot be read (calamine then reports the damage)."""
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
                if b"<f" not in data:
                    continue
                cells: dict[int, list[int]] = {}
                for letters, row, body in _CELL.findall(data):
                    if body and b"<f" in body and not re.search(rb"<(?:\w+:)?v>[^<]", body):
                        cells.setdefault(int(row) - 1, []).append(_column(letters))
                if cells:
                    found[name] = cells
            return found
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
