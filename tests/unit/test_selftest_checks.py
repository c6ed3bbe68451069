"""The self-test's extra checks catch what a broken installation or bundle loses: a PDF that previews as
a blank page, a pinyin dictionary that does not load, a holiday calendar left out of the package."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_a_blank_pdf_fails_the_preview_check(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from app.selftest import _check_preview

    blank = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(blank))
    c.showPage()
    c.save()
    with pytest.raises(RuntimeError, match="空白"):
        _check_preview(blank)


def test_a_broken_pinyin_dictionary_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypinyin

    from app.selftest import _check_pinyin

    _check_pinyin()  # the real dictionary passes
    monkeypatch.setattr(pypinyin, "lazy_pinyin", lambda text, **kw: ["?" for _ in text])
    with pytest.raises(RuntimeError, match="拼音词典不可用"):
        _check_pinyin()


def test_the_self_test_reports_the_print_accelerator(capsys: pytest.CaptureFixture) -> None:
    from app.selftest import self_test

    assert self_test() == 0
    assert "打印加速 已启用" in capsys.readouterr().out  # rl-accel is a declared dependency


def test_a_missing_holiday_calendar_fails_the_check(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import app.paths
    from app.selftest import _check_calendar

    _check_calendar()  # the shipped resources/calendar passes
    monkeypatch.setattr(app.paths, "resources_dir", lambda: tmp_path)  # an installation without it
    with pytest.raises(RuntimeError, match="节假日日历缺失"):
        _check_calendar()
