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


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def root_capture() -> Iterator[Capture]:
    """A handler on the root logger, as a script's basicConfig or a test's caplog adds."""
    root = logging.getLogger()
    capture, level = Capture(), root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    yield capture
    root.removeHandler(capture)
    root.setLevel(level)


@pytest.mark.parametrize("name", ["httpx", "httpcore.http11", "httpcore.connection", "some.lib"])
@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.ERROR])
def test_third_party_records_are_scrubbed_where_they_are_made(
    root_capture: Capture, name: str, level: int
) -> None:
    secret = "sk-third/party+key=42"
    logs.redact(secret)
    location = "https://p.example/?key=sk-third%2Fparty%2Bkey%3D42"
    logging.getLogger(name).log(
        level, "headers=%r", [(b"Location", location.encode()), (b"X-Echo", secret.encode())]
    )
    [record] = [r for r in root_capture.records if r.name == name]
    message = record.getMessage()
    assert secret not in message and "sk-third%2Fparty" not in message
    assert "Location" in message and "***" in message


def test_every_form_a_panel_may_echo_is_blanked() -> None:
    secret = "k3y+/=&é~ x"
    logs.redact(secret)
    for form in logs.secret_forms(secret):
        assert logs.scrub(f"[{form}]") == "[***]", form


def test_records_without_secrets_keep_their_arguments(root_capture: Capture) -> None:
    logs.redact("sk-some-key-value")
    logging.getLogger("httpx").info("HTTP Request: %s %s", "POST", "https://p.example/api/v2")
    [record] = root_capture.records
    assert record.args == ("POST", "https://p.example/api/v2")


def test_the_log_file_blanks_keys_from_smmdesk_records_at_debug(isolated_app: Path) -> None:
    path = logs.configure(isolated_app / "log", level=logging.DEBUG)
    logs.redact("sk-debug-secret-77")
    logging.getLogger("smmdesk.api").debug("redirect to ?key=%s", "sk-debug-secret-77")
    for handler in logging.getLogger("smmdesk").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "sk-debug-secret-77" not in text and "redirect to ?key=***" in text
