"""Logging set-up: a rotating log file whose every line has API keys blanked out.

Keys (and proxy passwords) are registered with `redact()` as soon as they are loaded from
the keyring (and by every `PanelClient`), and patterns catch `key=…` form fields and
`user:password@` in URLs in anything else that gets logged. Redaction happens when a
record is created, for every logger in the process (httpx and httpcore included, at any
level), so no handler anywhere (a script's `basicConfig`, a test's log capture) can
receive a key; the handlers of the log file redact once more, for tracebacks formatted
later.
"""

from __future__ import annotations

import html
import json
import logging
import re
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

LOG_FILE_NAME = "smmdesk.log"
MIN_SECRET_CHARS = 4
_FORM_KEY = re.compile(r"(\bkey[\"']?\s*[=:]\s*[\"']?)[^&\s\"',}]+", re.IGNORECASE)
# A password in any URL (a proxy's `scheme://user:password@host`), whatever its length.
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s/:@]*:)[^\s/]+(@)", re.IGNORECASE)
_PERCENT_ESCAPE = re.compile(r"%[0-9A-F]{2}")
_secrets: set[str] = set()
_lock = threading.Lock()
_factory_installed = False


def secret_forms(secret: str) -> tuple[str, ...]:
    """The secret as a panel may echo it back, longest first: as is, URL-encoded (a
    redirect's `?key=…`, either hex case), JSON-escaped (PHP escapes `/` too) and
    HTML-escaped. None for strings too short to be a secret worth blanking."""
    if len(secret) < MIN_SECRET_CHARS:
        return ()
    encoded = {quote(secret, safe=""), quote(secret), quote_plus(secret, safe="")}
    encoded |= {_PERCENT_ESCAPE.sub(lambda m: m.group().lower(), e) for e in encoded}
    in_json = {json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    in_json |= {j.replace("/", "\\/") for j in in_json}
    forms = {secret, html.escape(secret), *encoded, *in_json}
    return tuple(sorted(forms, key=len, reverse=True))


def redact(secret: str) -> None:
    """Blank this secret (in every form a panel may echo it) out of every log record
    from now on, whichever logger creates it."""
    forms = secret_forms(secret)
    if forms:
        with _lock:
            _secrets.update(forms)
    _install_record_scrubber()


def scrub(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, "***")
    return _URL_PASSWORD.sub(r"\1***\2", _FORM_KEY.sub(r"\1***", text))


def _install_record_scrubber() -> None:
    """Wrap the log record factory so each record is scrubbed where it is made.

    A filter would not do: a logger's filters skip records its child loggers propagate
    (httpcore logs through `httpcore.http11`, `httpcore.connection`…), and a handler's
    filters only guard that handler.
    """
    global _factory_installed
    with _lock:
        if _factory_installed:
            return
        previous = logging.getLogRecordFactory()

        def scrubbing_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            _scrub_record(record)
            return record

        logging.setLogRecordFactory(scrubbing_factory)
        _factory_installed = True


def _scrub_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a malformed call: logging reports it when the record is emitted
        return
    clean = scrub(message)
    if clean != message:  # leave untouched records as they were (args and all)
        record.msg, record.args = clean, None
    if record.exc_info and not record.exc_text:
        text = logging.Formatter().formatException(record.exc_info)
        if scrub(text) != text:
            record.exc_text = scrub(text)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message (and traceback) with secrets removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


def configure(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the `smmdesk` loggers to a rotating file (five files of 1 MB) and stderr warnings."""
    _install_record_scrubber()
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    root = logging.getLogger("smmdesk")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in (file_handler, console):
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    return path
