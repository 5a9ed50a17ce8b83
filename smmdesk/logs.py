"""Logging set-up: a rotating log file whose every line has API keys blanked out.

Keys are registered with `redact()` as soon as they are loaded from the keyring, and a
pattern catches `key=…` form fields in anything else that gets logged.
"""

from __future__ import annotations

import logging
import re
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "smmdesk.log"
_FORM_KEY = re.compile(r"(\bkey[\"']?\s*[=:]\s*[\"']?)[^&\s\"',}]+", re.IGNORECASE)
_secrets: set[str] = set()
_lock = threading.Lock()


def redact(secret: str) -> None:
    """Blank this secret out of every log line from now on."""
    if len(secret) >= 4:
        with _lock:
            _secrets.add(secret)


def scrub(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, "***")
    return _FORM_KEY.sub(r"\1***", text)


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
