"""`python -m app print`: forms and register books from the command line, as a logged-in user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run
from tests.conftest import PASSWORD
from tests.unit.test_printing_service import AREA
from tests.unit.test_printing_support import docx_text, pdf_pages

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sample_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test database with the sample register (and its slip form) as the build's only area."""
    import app.areas
    from db.engine import Database
    from tests.support.sample import install_sample_table

    db = Database.open(str(db_path))
    install_sample_table(db)
    db.dispose()
    monkeypatch.setattr(app.areas, "all_areas", lambda: [AREA])
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def _add_letter(db: str, title: str) -> str:
    from app.bootstrap import open_services
    from tests.conftest import actor_for

    services = open_services(db)
    try:
        return services.registers.create(
            actor_for(services, "clerk"),
            "sample",
            {"received_on": "2026-03-05", "sender": "市委办公室", "title": title, "secret_level": "秘密"},
        ).values["number"]
    finally:
        services.close()


def test_print_book_and_form(sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    number = _add_letter(sample_db, "关于春耕生产的通知")
    book = tmp_path / "样例登记簿.pdf"
    assert (
        run(
            [
                "--db",
                sample_db,
                "--user",
                "clerk",
                "print",
                "sample",
                "all",
                "book",
                "--out",
                str(book),
                "--year",
                "2026",
            ]
        )
        == 0
    )
    pages = pdf_pages(book)
    assert "关于春耕生产的通知" in pages[0] and "打印：王芳" in pages[0] and "秘密" in pages[0]
    slip = tmp_path / "slip.docx"
    assert (
        run(
            [
                "--db",
                sample_db,
                "--user",
                "clerk",
                "print",
                "sample",
                number,
                "slip",
                "--out",
                str(slip),
                "--copies",
                "2",
            ]
        )
        == 0
    )
    assert "关于春耕生产的通知" in docx_text(slip)
    assert "2 份" in capsys.readouterr().out


def test_print_errors_are_reported_in_chinese(
    sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = str(tmp_path / "x.pdf")
    assert run(["--db", sample_db, "--user", "clerk", "print", "sample", "1", "book", "--out", out]) == 2
    assert "- 或 all" in capsys.readouterr().err
    assert (
        run(
            [
                "--db",
                sample_db,
                "--user",
                "clerk",
                "print",
                "sample",
                "all",
                "book",
                "--out",
                str(tmp_path / "x.txt"),
            ]
        )
        == 2
    )
    assert ".pdf 或 .docx" in capsys.readouterr().err
    assert run(["--db", sample_db, "--user", "noroles", "print", "sample", "all", "book", "--out", out]) == 2
    assert "没有权限" in capsys.readouterr().err
    assert (
        run(["--db", sample_db, "--user", "clerk", "print", "sample", "样〔2026〕99号", "slip", "--out", out])
        == 2
    )
    assert "没有编号为" in capsys.readouterr().err
    assert not Path(out).exists()


def test_print_help_lists_registers_and_forms(sample_db: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["print", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert (
        "sample（样例登记）" in text and "book（样例登记簿" in text and "slip（样例处理单，pdf/docx）" in text
    )


def test_print_help_works_without_a_database(tmp_path: Path) -> None:
    env_home = {"COUNTY_OFFICE_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "app", "print", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env_home,
        timeout=60,
    )
    assert result.returncode == 0 and "REGISTER" in result.stdout and "book" in result.stdout
    assert not (tmp_path / "home" / "office.sqlite").exists()
