"""The error tree of the API layer.

Every error carries a message fit to show a user as it is. None of them ever holds the
API key: messages are built from the panel's words, HTTP facts and redacted body excerpts.

    ApiError
    ├── PanelError          the panel answered and said no, in its own words
    ├── TransportError      the network failed
    │   ├── ConnectionFailed    the request never left (safe to resend)
    │   └── RequestTimeout      no answer in time (phase tells connect from read)
    ├── ProtocolError       the answer made no sense (HTML, truncated, wrong shape)
    └── InvalidPanelUrl     the panel URL cannot be used
"""

from __future__ import annotations


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


class PanelError(ApiError):
    """The panel refused: `{"error": "…"}` (or a dialect's equivalent).

    `panel_message` holds the panel's own words; `http_status` the HTTP status it came with.
    """

    def __init__(self, panel_message: str, *, http_status: int = 200) -> None:
        super().__init__(panel_message)
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


class InvalidPanelUrl(ApiError):
    """The panel URL is malformed, or plain http:// to a remote host was not allowed."""

    request_sent = False
