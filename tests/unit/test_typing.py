"""`mypy app db` reports nothing (the settings are pyproject.toml's [tool.mypy]): an area service looked up
by a plain string, a register model without its columns or a None date used as a date fails the suite.
The cache lives in the repository's ignored .mypy_cache, so a second run takes seconds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# ~20 s of CPU from a fresh clone, a few seconds with the cache; the margin is for a machine under load
@pytest.mark.timeout(900)
def test_mypy_reports_no_error_in_app_and_db() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "app", "db"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=880,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert "Success: no issues found" in result.stdout
