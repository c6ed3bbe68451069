"""app/printing is plain data in, file out: its modules take no services, open no database session and
write no audit entry (the import side is an import-linter contract in pyproject.toml); and no two of its
modules import each other, so a PDF writer and its Word twin never depend on one another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PRINTING = Path(__file__).resolve().parents[2] / "app" / "printing"
# what a module would have to name to reach the database or the audit log
FORBIDDEN_NAMES = {"services", "session", "db", "audit", "read_session", "write_session"}


def _names(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.arg):
            found.add(node.arg)
    return found


def _printing_imports(path: Path) -> set[str]:
    """The app.printing modules that ``path`` imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app.printing."):
            found.add(node.module.removeprefix("app.printing."))
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("app.printing.") for a in node.names if a.name.startswith("app.printing.")
            }
    return found


def test_no_printing_module_touches_services_sessions_or_the_audit_log() -> None:
    offenders = {
        path.name: sorted(_names(ast.parse(path.read_text(encoding="utf-8"))) & FORBIDDEN_NAMES)
        for path in PRINTING.glob("*.py")
    }
    assert {name: hits for name, hits in offenders.items() if hits} == {}


def test_printing_modules_import_each_other_without_cycles() -> None:
    graph = {path.stem: _printing_imports(path) for path in PRINTING.glob("*.py")}
    assert graph["layouts"] >= {"form_pdf", "form_docx", "book", "book_docx", "gbt9704_docx"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, set()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(m for m in graph if reaches(m, m, {m}))
    assert cycles == []


def test_each_layout_offers_its_formats_and_refuses_the_others(tmp_path: Path) -> None:
    from app.domain.errors import ValidationFailed
    from app.printing.gbt9704 import OfficialDocument
    from app.printing.layouts import BOOK, FORM, OFFICIAL

    assert FORM.formats == BOOK.formats == ("pdf", "docx") and OFFICIAL.formats == ("docx",)
    doc = OfficialDocument(issuer_mark="中共××县委办公室文件", title="关于值班的通知", body=("正文",))
    with pytest.raises(ValidationFailed) as refused:
        OFFICIAL.write(doc, tmp_path / "通知.pdf")
    assert refused.value.errors == {"format": "公文正本只能输出为：docx"}
    assert not (tmp_path / "通知.pdf").exists()
    with pytest.raises(ValidationFailed):  # the suffix and the format must agree
        OFFICIAL.write(doc, tmp_path / "通知.pdf", "docx")
    out = OFFICIAL.write(doc, tmp_path / "通知.docx")
    assert out.stat().st_size > 0
