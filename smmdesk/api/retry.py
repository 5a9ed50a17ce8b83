"""When a failed request may be sent again, and after how long.

All of SMMDesk's retry policy lives in `RetryPolicy.delay_before_retry`. Reads
(`services`, `status`, `refill_status`, `balance`) are retried on network failures, 5xx and
429. Writes (`refill`, `cancel`) are retried only when the request provably never left
(connection failed). `add` is never retried at all: an order must never be placed twice,
and panels offer no idempotency key that would make a resend safe.

Retries must not multiply the user's wait: each attempt has a wall-clock deadline of one
read timeout, and a whole call (attempts and the waits between them) ends within
`max_call_timeouts` of them, two by default: a panel that never answers costs a read 60 s
with the default 30 s timeout, not four times that. A 429 is waited out only when the panel
asks for at most `max_retry_after` seconds; a longer wish fails at once with `RateLimited`,
which says when to try again.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from enum import Enum
from time import time

from .errors import ApiError, PanelError, ProtocolError, TransportError

READ_ACTIONS = frozenset({"services", "status", "refill_status", "balance"})
WRITE_ACTIONS = frozenset({"add", "refill", "cancel"})


class Idempotence(Enum):
    READ = "read"
    WRITE = "write"
    NEVER_RETRY = "never"

    @classmethod
    def of(cls, action: str) -> Idempotence:
        if action == "add":
            return cls.NEVER_RETRY
        return cls.READ if action in READ_ACTIONS else cls.WRITE


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off with jitter, bounded in attempts, in each wait and in the
    whole call's time (`max_call_timeouts` read timeouts, applied by the client)."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 30.0
    max_call_timeouts: float = 2.0

    def delay_before_retry(
        self,
        action: str,
        error: ApiError,
        attempt: int,
        retry_after: str | None = None,
        time_left: float | None = None,
    ) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when not to retry.

        `attempt` counts from 1 (the attempt that just failed); `time_left` is what
        remains of the call's time budget (None: unbounded). No retry when the panel asks
        for a longer wait than `max_retry_after`, or when the wait would outlast the budget.
        """
        if attempt >= self.max_attempts or not self._may_retry(action, error):
            return None
        backoff = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        delay: float = backoff * random.uniform(0.5, 1.0)
        honoured = parse_retry_after(retry_after)
        if honoured is not None:
            if honoured > self.max_retry_after:
                return None
            delay = max(delay, honoured)
        if time_left is not None and delay >= time_left:
            return None
        return delay

    @staticmethod
    def _may_retry(action: str, error: ApiError) -> bool:
        kind = Idempotence.of(action)
        if kind is Idempotence.NEVER_RETRY:
            return False
        if kind is Idempotence.WRITE:
            return not error.request_sent
        if isinstance(error, TransportError):
            return True
        status = error.http_status if isinstance(error, PanelError | ProtocolError) else 0
        return status == 429 or status >= 500


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    from email.utils import parsedate_to_datetime  # rare; ~12 ms to import at start-up

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time())
    except (TypeError, ValueError):
        return None
