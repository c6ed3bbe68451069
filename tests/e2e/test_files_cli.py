"""`files attach/list/export/import-folder` and `check` over the files: a folder of scans named by the
office's numbers attached in one action after a dry run, a bad file refused with exit code 2 and nothing
kept, a changed byte named by `check` (exit code 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import run
from tests.conftest import PASSWORD
from tests.support.files import image_bytes, pdf_bytes, write_pdf
from tests.support.writer import doc


@pytest.fixture
def cli_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def _receive(db: str, n: int) -> list[str]:
    from app.bootstrap import open_services
    from tests.conftest import actor_for

    services = open_services(db)
    try:
        incoming = services.service("documents").incoming
        clerk = actor_for(services, "clerk")
        return [incoming.receive(clerk, doc(i)).record["number"] for i in range(1, n + 1)]
    finally:
        services.close()


def _cli(db: str, *argv: str, user: str = "clerk") -> int:
    return run(["--db", db, "--user", user, *argv])


def test_attach_list_export_and_check(cli_db: str, capsys: pytest.CaptureFixture, tmp_path: Path):
    (number,) = _receive(cli_db, 1)
    scan = write_pdf(tmp_path / "来文.pdf", pages=2)
    assert _cli(cli_db, "files", "attach", "incoming", number, str(scan)) == 0
    out = capsys.readouterr().out
    assert "已添加：#1 扫描件 来文.pdf（PDF，" in out and "2 页" in out
    assert _cli(cli_db, "files", "list", "incoming", number) == 0
    assert "#1\t扫描件\t来文.pdf\tPDF 2页" in capsys.readouterr().out
    assert _cli(cli_db, "files", "export", "1", str(tmp_path / "out" / "x.pdf")) == 2
    assert "目标文件夹不存在" in capsys.readouterr().err
    (tmp_path / "out").mkdir()
    assert _cli(cli_db, "files", "export", "#1", str(tmp_path / "out")) == 0
    assert (tmp_path / "out" / "来文.pdf").read_bytes() == scan.read_bytes()
    capsys.readouterr()
    assert run(["--db", cli_db, "check"]) == 0
    assert "记录所附文件：共 1 个，内容与添加时的 SHA-256 一致" in capsys.readouterr().out
    con = sqlite3.connect(cli_db)
    with con:
        data = bytearray(con.execute("SELECT data FROM file_chunks").fetchone()[0])
        data[-10] ^= 0x20
        con.execute("UPDATE file_chunks SET data = ?", (bytes(data),))
    con.close()
    assert run(["--db", cli_db, "check"]) == 3
    err = capsys.readouterr().err
    assert f"文件#1（收文登记 {number} 扫描件“来文.pdf”）：内容已被改动" in err


def test_a_bad_file_is_refused_with_exit_code_2_and_nothing_kept(cli_db: str, capsys, tmp_path: Path):
    (number,) = _receive(cli_db, 1)
    fake = tmp_path / "扫描.pdf"
    fake.write_bytes(image_bytes("JPEG"))
    assert _cli(cli_db, "files", "attach", "incoming", number, str(fake)) == 2
    assert "扩展名是PDF，但文件内容是JPEG 图片" in capsys.readouterr().err
    assert _cli(cli_db, "files", "list", "incoming", number) == 0
    assert "还没有文件" in capsys.readouterr().out


def test_import_folder_dry_run_then_all_in_one_action(cli_db: str, capsys, tmp_path: Path):
    numbers = _receive(cli_db, 3)
    folder = tmp_path / "scans"
    folder.mkdir()
    write_pdf(folder / f"{numbers[0]}.pdf", text="one")
    (folder / f"{numbers[1]}-附件1.png").write_bytes(image_bytes("PNG"))
    write_pdf(folder / "2019-0999.pdf", text="nobody")
    (folder / f"{numbers[2]}.pdf").write_bytes(pdf_bytes()[:200])  # cut short
    (folder / "Thumbs.db").write_bytes(b"x")
    assert _cli(cli_db, "files", "import-folder", "incoming", str(folder), "--dry-run") == 0
    out = capsys.readouterr().out
    assert (
        f"可添加 2 个文件（作为扫描件）：\n  {numbers[0]}.pdf → {numbers[0]} 关于做好第1批防汛工作的通知"
        in out
    )
    assert "没有对应记录的文件 1 个：\n  2019-0999.pdf" in out
    assert f"{numbers[2]}.pdf：是损坏或不完整的 PDF" in out and "试运行" in out
    assert _cli(cli_db, "files", "list", "incoming", numbers[0]) == 0
    assert "还没有文件" in capsys.readouterr().out
    assert _cli(cli_db, "files", "import-folder", "incoming", str(folder)) == 0
    assert "已添加 2 个文件" in capsys.readouterr().out
    assert _cli(cli_db, "files", "list", "incoming", numbers[1]) == 0
    assert f"{numbers[1]}-附件1.png" in capsys.readouterr().out
    # run again: the same scans are not attached twice
    assert _cli(cli_db, "files", "import-folder", "incoming", str(folder)) == 0
    out = capsys.readouterr().out
    assert "可添加 0 个文件" in out and "不重复添加" in out
