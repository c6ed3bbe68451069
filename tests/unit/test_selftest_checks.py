"""The self-test's extra checks catch what a broken installation or bundle loses: a PDF that previews as
a blank page, a pinyin dictionary that does not load."""

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
