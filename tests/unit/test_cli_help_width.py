"""`import --help` / `export --help` as a clerk reads them in a terminal: the register list one name a line
with its title after two spaces, and every line within 100 columns (a Chinese character takes two)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli import run
from app.cli.argparse_zh import display_width, wrap_width


@pytest.mark.parametrize("verb", ["import", "export"])
def test_help_lists_each_register_on_its_own_line_within_100_columns(verb, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "240")  # a wide terminal: the help still keeps to 100 columns
    with pytest.raises(SystemExit):
        run([verb, "--help"])
    lines = capsys.readouterr().out.splitlines()
    too_wide = [line for line in lines if display_width(line) > 100]
    assert too_wide == []
    assert "  meeting_participants  参会人员" in lines  # the longest name is not run into its title
    listed = lines[lines.index("登记簿（REGISTER）：") + 1 :]
    incoming = next(line for line in listed if line.startswith("  incoming "))
    assert incoming.index("收文登记") == "  meeting_participants  参会人员".index("参会人员")  # aligned
    if verb == "import":
        sheet = next(line for line in lines if line.startswith("  --sheet"))
        skip = next(line for line in lines if line.startswith("  --skip-invalid"))
        # the help texts start in one column on screen, also after an option with a Chinese metavar
        assert display_width(sheet[: sheet.index("只导入")]) == display_width(skip[: skip.index("跳过")])


def test_the_programs_own_help_keeps_to_100_columns(monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "240")
    with pytest.raises(SystemExit):
        run(["--help"])
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if display_width(line) > 100] == []
    assert any(line.startswith("    migrate-to") for line in lines)  # every verb still listed
    assert "  python -m app --db 演示.sqlite demo" in lines  # the examples kept as written


def test_a_narrow_terminal_gets_narrower_help(monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        run(["import", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert not any(line.lstrip().startswith(("，", "。", "）", "；")) for line in lines)


# what help texts are made of: Chinese characters (a mark may follow one), options and file names
PIECES = st.one_of(
    st.tuples(
        st.sampled_from(list("收文登记簿导入原表其他列")), st.sampled_from(["", "，", "。", "）", "；"])
    ).map("".join),
    st.sampled_from(["--dry-run ", ".xlsx", "REGISTER ", "（", "2025 "]),
)


@given(st.lists(PIECES, max_size=120).map("".join), st.integers(min_value=12, max_value=100))
def test_wrapped_lines_fit_and_keep_every_character(text, width):  # type: ignore[no-untyped-def]
    lines = wrap_width(text, width)
    # an option or file name is never broken: one wider than the help column stands alone on its line
    assert all(display_width(line) <= width or re.fullmatch(r"[!-~]+", line.strip()) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[:1] in "，。）；" for line in lines[1:])
