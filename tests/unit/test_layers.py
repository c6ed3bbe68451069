"""The layer rules of architecture.md, enforced: import-linter contracts, a Qt-free core, no network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_are_kept():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command;"
            "sys.argv=['lint-imports']; lint_imports_command()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_services_and_cli_load_without_qt_or_heavy_libraries():
    code = (
        "import sys\n"
        "import app.cli, app.bootstrap, app.areas\n"
        "from app.services.container import Services\n"
        "areas = app.areas.all_areas()\n"
        "heavy = [m for m in ('PySide6', 'reportlab', 'docx', 'openpyxl', 'alembic') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_no_source_file_opens_network_connections():
    banned = (
        "import socket",
        "from socket",
        "import requests",
        "import httpx",
        "urllib.request",
        "http.client",
        "import aiohttp",
    )
    offenders = []
    for package in ("app", "db", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {b}" for b in banned if b in text]
    assert offenders == []
