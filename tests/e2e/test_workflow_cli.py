"""`python -m app step` / `history`: every declared step scriptable from the command line, with the
service's checks (errors in Chinese, exit code 2, nothing written) and the history printed back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli import run
from tests.conftest import PASSWORD


@pytest.fixture
def cli_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


def _receive(db: str) -> str:
    from app.bootstrap import open_services
    from tests.conftest import actor_for

    services = open_services(db)
    try:
        return (
            services.service("documents")
            .incoming.receive(
                actor_for(services, "clerk"),
                {
                    "received_at": "2026-03-05 09:30",
                    "sender": "中共××市委办公室",
                    "sender_number": "市委办发〔2026〕3号",
                    "title": "关于做好春季森林防火工作的通知",
                },
            )
            .record["number"]
        )
    finally:
        services.close()


def _cli(db: str, user: str, *argv: str) -> int:
    return run(["--db", db, "--user", user, *argv])


def test_steps_by_chinese_or_english_names_and_the_history(cli_db: str, capsys: pytest.CaptureFixture):
    number = _receive(cli_db)
    assert _cli(cli_db, "clerk", "step", "incoming", number, "拟办", "--set", "拟办意见=请周书记阅示",
                "--set", "due_on=2026-03-20") == 0  # fmt: skip
    assert "已拟办：收文登记 2026-0001，当前状态：已拟办" in capsys.readouterr().out
    assert _cli(cli_db, "leader", "step", "incoming", number, "instruct", "--set", "text=请林业局落实") == 0
    assert _cli(cli_db, "clerk", "step", "incoming", "1", "finish", "--set", "办理结果=已落实") == 0
    capsys.readouterr()
    assert _cli(cli_db, "clerk", "history", "incoming", number) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in lines] == ["签收", "登记", "拟办", "批示", "办结"]
    assert (
        "王芳（clerk）" in lines[2]
        and "拟办意见：请周书记阅示" in lines[2]
        and "办理期限：2026-03-20" in lines[2]
    )
    assert "周振荣（leader）" in lines[3] and "批示内容：请林业局落实" in lines[3]


def test_refusals_are_chinese_exit_2_and_write_nothing(cli_db: str, capsys: pytest.CaptureFixture):
    number = _receive(cli_db)
    assert _cli(cli_db, "clerk", "step", "incoming", number, "finish", "--set", "办结日期=明天") == 2
    err = capsys.readouterr().err
    assert "办结日期：无法识别的日期" in err and "请填写办理结果" in err
    assert _cli(cli_db, "clerk", "step", "incoming", number, "return") == 2
    assert "请填写退文理由" in capsys.readouterr().err
    assert _cli(cli_db, "clerk", "step", "incoming", number, "archive", "--set", "保管期限=永久") == 2
    assert "请填写全宗号" in capsys.readouterr().err  # a 阅件 may be archived now, but not without 全宗号
    assert _cli(cli_db, "clerk", "step", "incoming", number, "送阅", "--set", "阅件人=周振荣") == 2
    assert "没有可以送阅的文件份" in capsys.readouterr().err
    assert _cli(cli_db, "clerk", "step", "incoming", number, "propose", "--set", "盖章=是") == 2
    assert "没有“盖章”这一项" in capsys.readouterr().err
    assert _cli(cli_db, "petition", "step", "incoming", number, "propose", "--set", "拟办意见=阅") == 2
    assert "没有权限" in capsys.readouterr().err
    assert _cli(cli_db, "clerk", "step", "incoming", "2026-0999", "propose") == 2
    assert "没有编号为“2026-0999”" in capsys.readouterr().err
    assert _cli(cli_db, "clerk", "step", "incoming", number, "propose", "--set", "拟办意见") == 2
    assert "应写成 字段=值" in capsys.readouterr().err
    assert _cli(cli_db, "clerk", "history", "incoming", number) == 0
    assert [line.split()[2] for line in capsys.readouterr().out.splitlines()] == ["签收", "登记"]


def test_step_help_lists_every_workflow_step_with_its_fields(capsys: pytest.CaptureFixture):
    with pytest.raises(SystemExit):
        run(["step", "--help"])
    out = capsys.readouterr().out
    assert "incoming（收文登记）" in out and "propose（拟办）：proposal=拟办意见＊" in out
    assert "outgoing（发文登记）" in out and "approve（签发）" in out
    assert "cipher_in（密码电报收电）" in out and "take_back（收回）" in out


@given(
    name=st.text(min_size=1, max_size=12).filter(lambda t: "=" not in t and t.strip()),
    value=st.text(max_size=30),
)
def test_set_pairs_keep_the_value_exactly_even_with_equals_signs(name: str, value: str) -> None:
    from app.cli.workflow import _pairs

    assert _pairs([f"{name}={value}"]) == {name.strip(): value}


@given(st.text(max_size=12).filter(lambda t: "=" not in t or not t.partition("=")[0].strip()))
def test_set_without_a_field_name_is_refused(item: str) -> None:
    from app.cli.common import CliError
    from app.cli.workflow import _pairs

    with pytest.raises(CliError, match="应写成 字段=值"):
        _pairs([item])
