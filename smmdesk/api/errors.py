"""The error tree of the API layer.

Every error carries a message fit to show a user as it is. None of them ever holds the
API key: messages are built from the panel's words, HTTP facts and redacted body excerpts.

    ApiError
    ├── PanelError          the panel answered and said no, in its own words
    │   └── RateLimited         HTTP 429: too many requests, with when to try again
    ├── TransportError      the network failed
    │   ├── ConnectionFailed    the request never left (safe to resend)
    │   └── RequestTimeout      no answer in time (phase tells connect from read)
    ├── ProtocolError       the answer made no sense (HTML, truncated, wrong shape)
    │   └── AnswerTooLarge      the answer outgrew its size cap (reading stopped there)
    └── InvalidPanelUrl     the panel URL cannot be used
"""

from __future__ import annotations

import time
from collections.abc import Callable

from smmdesk import logs

Mask = Callable[[str], str]


class KeyMask:
    """Blanks secrets (the API key, a proxy password) out of what a panel sends back, in
    every form it may echo them (see `logs.secret_forms`), and registers them with the log
    scrubber so httpx and httpcore cannot log them either. Callable on text."""

    def __init__(self, *secrets: str | None) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                logs.redact(secret)
                forms.update(logs.secret_forms(secret))
        self._forms = tuple(sorted(forms, key=len, reverse=True))
        self._encoded = tuple(form.encode() for form in self._forms)

    def __call__(self, text: str) -> str:
        for form in self._forms:
            if form in text:
                text = text.replace(form, "***")
        return text

    def body(self, raw: bytes) -> bytes:
        """A whole answer masked before it is parsed, so an echo reaches no error, service
        name or cache (a few fast scans; a copy only when the key is there)."""
        for form in self._encoded:
            if form in raw:
                raw = raw.replace(form, b"***")
        return raw


class ApiError(Exception):
    """Base of every error the API layer raises.

    `request_sent` tells whether the request may have reached the panel. The order
    journal relies on it: an `add` that failed with `request_sent=False` was certainly not
    placed, any other non-panel failure leaves the outcome unknown.
    """

    request_sent: bool = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def redact(self, mask: Mask) -> None:
        """Pass every text this error carries through `mask` (which blanks the key out).

        The client calls it on each error before it leaves the API layer, so a panel that
        echoes the key in its words, a body or a redirect cannot smuggle it into a dialog.
        """
        self.message = mask(self.message)
        self.args = (self.message,)


class PanelError(ApiError):
    """The panel refused: `{"error": "…"}` (or a dialect's equivalent).

    `panel_message` holds the panel's own words, raw (an untranslated key such as
    `neworder.error.link` stays as it came, for the details and the logs); `message` is what
    a user reads, the same words unless the caller has better ones. `http_status` is the
    HTTP status the refusal came with.
    """

    def __init__(
        self, panel_message: str, *, http_status: int = 200, message: str | None = None
    ) -> None:
        super().__init__(panel_message if message is None else message)
        self.panel_message = panel_message
        self.http_status = http_status

    @property
    def is_rate_limit(self) -> bool:
        return self.http_status == 429

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PanelError)
            and other.panel_message == self.panel_message
            and other.http_status == self.http_status
        )

    def __hash__(self) -> int:
        return hash((self.panel_message, self.http_status))

    def __repr__(self) -> str:
        return f"PanelError({self.panel_message!r}, http_status={self.http_status})"

    def redact(self, mask: Mask) -> None:
        super().redact(mask)
        self.panel_message = mask(self.panel_message)


class RateLimited(PanelError):
    """HTTP 429. `retry_after` is the wait the panel asked for in seconds (None: unsaid).

    Reads wait and retry when the wait is short; a longer one fails at once with this
    error, whose message says when to try again (`retry_at` is that moment, epoch seconds).
    """

    def __init__(self, panel_message: str, *, retry_after: float | None) -> None:
        words = panel_message.rstrip(". ") or "Too many requests"
        super().__init__(
            panel_message, http_status=429, message=f"{words}. {_when_to_retry(retry_after)}"
        )
        self.retry_after = retry_after
        self.retry_at = None if retry_after is None else time.time() + retry_after


def _when_to_retry(seconds: float | None) -> str:
    if seconds is None:
        return "The panel is limiting requests: try again in a minute."
    if seconds > 7 * 86400:
        return "The panel asks to wait more than a week before trying again."
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"The panel asks to wait: try again in {count} {unit}{'s' * (count != 1)}."
    count = max(1, round(seconds))
    return f"The panel asks to wait: try again in {count} second{'s' * (count != 1)}."


class TransportError(ApiError):
    """The network failed before a complete answer arrived."""


class ConnectionFailed(TransportError):
    """The connection could not be established: the request provably never left."""

    request_sent = False


class RequestTimeout(TransportError):
    """No answer within the timeout. `phase` is "connect", "write", "read" or "pool"."""

    def __init__(self, message: str, *, phase: str) -> None:
        super().__init__(message)
        self.phase = phase
        self.request_sent = phase not in ("connect", "pool")


class ProtocolError(ApiError):
    """The panel's answer is not what API v2 promises.

    Carries the HTTP status and the start of the body (already redacted) so a user can
    recognise a CDN challenge page or a PHP notice.
    """

    def __init__(self, message: str, *, http_status: int, body_excerpt: str = "") -> None:
        full = f"{message} (HTTP {http_status})"
        if body_excerpt:
            full += f": {body_excerpt}"
        super().__init__(full)
        self.http_status = http_status
        self.body_excerpt = body_excerpt

    def redact(self, mask: Mask) -> None:
        super().redact(mask)
        self.body_excerpt = mask(self.body_excerpt)


class AnswerTooLarge(ProtocolError):
    """The answer grew past `limit_bytes` (counted after decompression): reading stopped
    there, so a hostile panel cannot fill the memory with an endless body or a gzip bomb."""

    def __init__(self, limit_bytes: int, *, http_status: int) -> None:
        super().__init__(
            f"The panel's answer is larger than {limit_bytes / 1_000_000:g} MB",
            http_status=http_status,
        )
        self.limit_bytes = limit_bytes


class InvalidPanelUrl(ApiError):
    """The panel URL is malformed, or plain http:// to a remote host was not allowed."""

    request_sent = False
