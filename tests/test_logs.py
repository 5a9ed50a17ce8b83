"""The log file never holds an API key, whatever a logger is given."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from smmdesk import logs


@pytest.fixture(autouse=True)
def detach_handlers() -> Iterator[None]:
    yield
    root = logging.getLogger("smmdesk")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def test_registered_keys_and_form_fields_are_blanked(isolated_app: Path) -> None:
    path = logs.configure(isolated_app / "log")
    logs.redact("sk-secret-value-123")
    log = logging.getLogger("smmdesk.test")
    log.warning("loaded key %s for panel", "sk-secret-value-123")
    log.warning("sent key=abcdef123&action=balance")
    try:
        raise ValueError("bad sk-secret-value-123")
    except ValueError:
        log.exception("failed")
    for handler in logging.getLogger("smmdesk").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "sk-secret-value-123" not in text
    assert "abcdef123" not in text
    assert text.count("***") >= 3
    assert "action=balance" in text


def test_short_strings_are_not_treated_as_secrets() -> None:
    logs.redact("ab")
    assert logs.scrub("about") == "about"
