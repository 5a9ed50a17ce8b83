"""A panel's refusals: finding them in an answer, what they mean, and human words.

Panels refuse in their own words ("Not enough funds on balance") or, when the panel
software forgot to translate, with a raw key (`neworder.error.not_enough_funds`), and in
several dialects (`{"error": …}`, `{"status": "error", "message": …}`, `{"errors": […]}`).
The UI reacts to a few refusals specially, above all the duplicate link ("You have active
order with this link"), the refusal resellers meet most: `refusal_kind` tells them apart
whatever the wording, `human_refusal` turns a raw key into something a user can read.
"""

from __future__ import annotations

import re
from enum import StrEnum
from itertools import islice
from typing import Any, Final

from .errors import PanelError
from .values import clean_text, preview

ERROR_CHARS: Final = 1_000
_SCANNED_CHARS: Final = 500
_NO_MESSAGE = "The panel reported an error without a message"
_ERROR_STATUS_WORDS = frozenset({"error", "fail", "failed", "false"})
_ERROR_TEXT_KEYS = ("message", "error", "msg", "text")


class RefusalKind(StrEnum):
    DUPLICATE_LINK = "duplicate_link"
    NOT_ENOUGH_FUNDS = "not_enough_funds"
    INVALID_KEY = "invalid_key"
    BAD_SERVICE = "bad_service"
    BAD_QUANTITY = "bad_quantity"
    BAD_LINK = "bad_link"
    OTHER = "other"


_KEYS: Final[dict[str, tuple[RefusalKind, str]]] = {
    "not_enough_funds": (RefusalKind.NOT_ENOUGH_FUNDS, "Not enough funds on the panel balance"),
    "incorrect_service_id": (RefusalKind.BAD_SERVICE, "The panel does not know this service"),
    "link_duplicate": (
        RefusalKind.DUPLICATE_LINK,
        "This link already has an active order on the panel: wait until it is completed",
    ),
    "link": (RefusalKind.BAD_LINK, "The panel does not accept this link"),
    "min_quantity": (RefusalKind.BAD_QUANTITY, "The quantity is below the service's minimum"),
    "max_quantity": (RefusalKind.BAD_QUANTITY, "The quantity is above the service's maximum"),
}

# An untranslated key: lower-case words joined by dots (`neworder.error.link`), or one
# snake_case word that is itself a known key (`link_duplicate`).
_DOTTED_KEY = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)+")

# Checked in this order: "active order with this link" must win over "link".
_WORDS: Final[tuple[tuple[re.Pattern[str], RefusalKind], ...]] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (
            r"active order with (this|the same) link|link[ _]?duplicate|duplicate[ _]link"
            r"|already (has an |have an |an )?active order",
            RefusalKind.DUPLICATE_LINK,
        ),
        (
            r"not[ _]enough[ _](funds|balance|money)|insufficient[ _](funds|balance)"
            r"|low[ _]balance|balance is (too )?low",
            RefusalKind.NOT_ENOUGH_FUNDS,
        ),
        (
            r"(invalid|incorrect|wrong|bad|unknown)[ _](api[ _])?key|api[ _]key",
            RefusalKind.INVALID_KEY,
        ),
        (
            r"(incorrect|invalid|wrong|unknown|bad)[ _]service|service[ _](id[ _])?not[ _]found"
            r"|service[ _](is[ _])?(disabled|not active|inactive)",
            RefusalKind.BAD_SERVICE,
        ),
        (r"quantity", RefusalKind.BAD_QUANTITY),
        (
            r"(incorrect|invalid|wrong|bad)[ _](link|url)"
            r"|(link|url) (is )?(invalid|incorrect|not valid)",
            RefusalKind.BAD_LINK,
        ),
    )
)


def untranslated_key(message: str) -> str | None:
    """The last part of a raw translation key (`not_enough_funds`), or None for words."""
    text = message.strip()
    if len(text) > 120:
        return None
    if _DOTTED_KEY.fullmatch(text):
        return text.rsplit(".", 1)[1]
    return text if text in _KEYS else None


def refusal_kind(message: str) -> RefusalKind:
    """What a refusal is about, from the panel's words or raw key."""
    key = untranslated_key(message)
    if key is not None and key in _KEYS:
        return _KEYS[key][0]
    words = message[:_SCANNED_CHARS].lower()
    for pattern, kind in _WORDS:
        if pattern.search(words):
            return kind
    return RefusalKind.OTHER


def human_refusal(message: str) -> str:
    """Human words for an untranslated key; any other message as the panel wrote it."""
    key = untranslated_key(message)
    if key is None:
        return message
    if key in _KEYS:
        return _KEYS[key][1]
    words = key.replace("_", " ").strip()
    return f"The panel refused: {words}" if words else message


def refusal(panel_words: str, http_status: int = 200) -> PanelError:
    """A `PanelError` keeping the panel's words in `panel_message`; its message (what a
    user reads) is in human words when the panel sent an untranslated key."""
    words = clean_text(panel_words, ERROR_CHARS)
    return PanelError(words, http_status=http_status, message=human_refusal(words))


def panel_error_in(payload: Any, http_status: int = 200) -> PanelError | None:
    """The panel's refusal inside an answer, in any dialect, or None.

    Looked for before any result field is read: `{"error": "low balance", "order": 32}`
    is a failure, not order 32.
    """
    if not isinstance(payload, dict):
        return None
    error = payload.get("error")
    if error not in (None, "", False, 0):
        return refusal(_error_text(error), http_status)
    errors = payload.get("errors")
    if isinstance(errors, list | dict) and errors:
        items = islice(errors.values() if isinstance(errors, dict) else errors, 20)
        return refusal("; ".join(_error_text(e) for e in items), http_status)
    status = payload.get("status")
    if isinstance(status, str | bool) and str(status)[:10].lower() in _ERROR_STATUS_WORDS:
        message = payload.get("message") or payload.get("msg")
        if message:
            return refusal(_error_text(message), http_status)
    return None


def item_error(value: Any) -> PanelError | None:
    """The error of one item of a multi answer: an error object or a bare string."""
    if isinstance(value, str):
        return refusal(value)
    return panel_error_in(value)


def _error_text(error: Any) -> str:
    """The words of an error value, looked for a few levels down at most (an error object
    may nest; a hostile one, a thousand levels)."""
    for _ in range(8):
        if isinstance(error, dict):
            words = next((error[k] for k in _ERROR_TEXT_KEYS if error.get(k)), None)
            if words is None:
                return f"The panel reported an error: {preview(error)}"
            error = words
        elif isinstance(error, list):
            words = [e.strip() for e in error[:20] if isinstance(e, str) and e.strip()]
            if words or not error:
                return "; ".join(words) or _NO_MESSAGE
            error = error[0]
        else:
            text = error.strip() if isinstance(error, str) else preview(error)
            return text or _NO_MESSAGE
    return _NO_MESSAGE
