"""Fault injection: which request misbehaves, and what the HTTP-level faults send.

Faults reproduce what resellers actually meet between them and a panel: CDNs answering
with challenge pages, rate limits, PHP crashes, bodies cut short, connections dropped.
A rule fires either for the next ``count`` matching requests or with a ``probability``
(drawn from a generator seeded with the panel's seed, so runs are reproducible).

The socket-level faults (``timeout``, ``refused``, ``reset``) are carried out by the
server, which owns the connection; this module only builds the canned answers.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

from .actions import encode

FAULTS = (
    "timeout",
    "refused",
    "reset",
    "http500",
    "html",
    "ratelimit",
    "truncated",
    "wrongshape",
    "error200",
)
ANY_ACTION = "*"


@dataclass(slots=True)
class FaultRule:
    action: str
    kind: str
    remaining: int | None  # None: probability-driven, active until cleared
    probability: float


class FaultPlan:
    """Thread-safe list of fault rules, consulted once per received request."""

    def __init__(self, seed: int) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._rng = random.Random(seed ^ 0x5EED)

    def inject(
        self, action: str, kind: str, count: int | None = None, probability: float | None = None
    ) -> None:
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; expected one of {', '.join(FAULTS)}")
        if count is not None and probability is not None:
            raise ValueError("give either count or probability, not both")
        if probability is not None and not 0.0 <= probability <= 1.0:
            raise ValueError(f"probability must be within [0, 1], got {probability}")
        if probability is None and count is None:
            count = 1
        if count is not None and count < 1:
            raise ValueError(f"count must be at least 1, got {count}")
        with self._lock:
            self._rules.append(FaultRule(action, kind, count, probability or 1.0))

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def draw(self, action: str) -> str | None:
        """The fault for this request, if any; counted rules are used up as they fire."""
        with self._lock:
            for rule in self._rules:
                if rule.action not in (action, ANY_ACTION):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._rules.remove(rule)
                    return rule.kind
                if self._rng.random() < rule.probability:
                    return rule.kind
            return None


@dataclass(frozen=True, slots=True)
class CannedResponse:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


HTML = "text/html; charset=UTF-8"
SERVER_ERROR_PAGE = (
    b"<html><head><title>500 Internal Server Error</title></head>"
    b"<body><h1>Internal Server Error</h1><hr><center>nginx</center></body></html>"
)
CHALLENGE_PAGE = b"""<!DOCTYPE html>
<html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow"></head>
<body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">panel.example</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
</div></div><div class="footer">Ray ID: <code>8a1b2c3d4e5f6a7b</code> &bull;
Performance &amp; security by Cloudflare</div></body></html>
"""

#: Valid JSON of the wrong kind for each action (single variant).
WRONG_SHAPES: dict[str, Any] = {
    "services": {"foo": 1},
    "add": {"foo": 1},
    "status": "Completed",
    "refill": ["12345"],
    "refill_status": 42,
    "cancel": {"foo": 1},
    "balance": ["100.84292"],
}
#: Multi variants expect an array (or an object keyed by ID for status).
WRONG_MULTI_SHAPES: dict[str, Any] = {"status": ["Completed"]}


def canned_response(kind: str, action: str, multi: bool) -> CannedResponse:
    """The answer of an HTTP-level fault (everything but timeout, refused, reset, truncated)."""
    if kind == "http500":
        return CannedResponse(500, SERVER_ERROR_PAGE, HTML)
    if kind == "html":
        headers = (("Server", "cloudflare"), ("CF-RAY", "8a1b2c3d4e5f6a7b-FRA"))
        return CannedResponse(503, CHALLENGE_PAGE, HTML, headers)
    if kind == "ratelimit":
        body = encode({"error": "Too many requests"})
        return CannedResponse(429, body, headers=(("Retry-After", "1"),))
    if kind == "error200":
        return CannedResponse(200, encode({"error": "Internal panel error"}))
    if kind == "wrongshape":
        shape = WRONG_MULTI_SHAPES.get(action, {"foo": 1}) if multi else WRONG_SHAPES.get(action)
        return CannedResponse(200, encode(shape if shape is not None else {"foo": 1}))
    raise ValueError(f"{kind!r} is not an HTTP-level fault")
