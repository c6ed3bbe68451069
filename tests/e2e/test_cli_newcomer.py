"""The command line for a newcomer: a missing database is named, an error is printed once, argparse speaks
Chinese, and the --map example of `import --help` works."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import run


def test_a_verb_on_a_missing_database_says_so_and_creates_nothing(tmp_path: Path, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("APP_PASSWORD", "Demo@2026")
    missing = tmp_path / "没有这个库.sqlite"
    assert run(["--db", str(missing), "--user", "wangfang", "users", "list"]) == 2
    err = capsys.readouterr().err
    assert "数据库文件不存在" in err and str(missing) in err and "init" in err
    assert "登录名或密码错误" not in err
    assert not missing.exists()


def test_an_error_is_printed_once(db_path: Path, tmp_path: Path, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    from tests.conftest import PASSWORD

    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    csv = tmp_path / "收文.csv"
    csv.write_text("收文日期,文件来源,标题\n2026-03-01,县教育局,关于测试的通知\n", encoding="utf-8")
    code = run(
        [
            "--db",
            str(db_path),
            "--user",
            "clerk",
            "import",
            "incoming",
            str(csv),
            "--map",
            "文件来源=来文单位",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("没有字段“来文单位”") == 1


def test_the_map_example_of_import_help_works(db_path: Path, tmp_path: Path, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    from tests.conftest import PASSWORD

    with pytest.raises(SystemExit):
        run(["import", "--help"])
    help_text = capsys.readouterr().out
    assert "--map 文件来源=来文机关" in help_text
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    csv = tmp_path / "收文.csv"
    csv.write_text("收文日期,文件来源,标题\n2026-03-01,县教育局,关于测试的通知\n", encoding="utf-8")
    args = ["--db", str(db_path), "--user", "clerk", "import", "incoming", str(csv)]
    assert run([*args, "--map", "文件来源=来文机关", "--dry-run"]) == 0
    assert "文件来源 → 来文机关" in capsys.readouterr().out


def test_argparse_texts_are_chinese(capsys):  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        run(["print", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "位置参数" in out and "显示本帮助并退出" in out
    assert "usage" not in out and "show this help" not in out
    with pytest.raises(SystemExit):
        run(["print"])
    err = capsys.readouterr().err
    assert "缺少以下参数" in err and "error:" not in err
