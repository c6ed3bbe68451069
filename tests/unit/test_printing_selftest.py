"""The installation self-test used by `python -m app --self-test` (also run inside the frozen bundle)."""

from __future__ import annotations

import pytest


def test_self_test_passes_and_says_so(capsys: pytest.CaptureFixture) -> None:
    from app.selftest import self_test

    assert self_test() == 0
    assert "自检通过" in capsys.readouterr().out


def test_self_test_reports_a_broken_renderer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import app.printing.form_pdf
    from app.selftest import self_test

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("磁盘已满")

    monkeypatch.setattr(app.printing.form_pdf, "render_form_pdf", broken)
    assert self_test() == 1
    err = capsys.readouterr().err
    assert "自检失败" in err and "磁盘已满" in err
