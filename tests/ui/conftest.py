"""UI test guard: a real message box would block the offscreen test run forever, so every wrapper in
ui/messages.py is replaced by a recorder. A test that expects a message patches the wrapper itself;
an unexpected error message fails the test with its text."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from ui import messages

    errors: list[str] = []

    def _error(parent, title, text):  # type: ignore[no-untyped-def]
        errors.append(f"{title}: {text}")

    def _refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected question to the user: {args[1:]}")

    monkeypatch.setattr(messages, "error", _error)
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: None)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: None)
    monkeypatch.setattr(messages, "confirm", _refuse)
    monkeypatch.setattr(messages, "ask_text", _refuse)
    yield errors
    assert not errors, f"unexpected error message shown: {errors}"
