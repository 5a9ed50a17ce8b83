"""When a failed request may be sent again, and after how long.

All of SMMDesk's retry policy lives in `RetryPolicy.delay_before_retry`. Reads
(`services`, `status`, `refill_status`, `balance`) are retried on network failures, 5xx and
429. Writes (`refill`, `cancel`) are retried only when the request provably never left
(connection failed). `add` is never retried at all: an order must never be placed twice,
and panels offer no idempotency key that would make a resend safe.
"""

from __future__ import annotations

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
    """Exponential back-off with jitter, bounded in attempts and in each wait."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def delay_before_retry(
        self,
        action: str,
        error: ApiError,
        attempt: int,
        retry_after: str | None = None,
    ) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when not to retry.

        `attempt` counts from 1 (the attempt that just failed).
        """
        if attempt >= self.max_attempts or not self._may_retry(action, error):
            return None
        backoff = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        delay: float = backoff * random.uniform(0.5, 1.0)
        honoured = parse_retry_after(retry_after)
        if honoured is not None:
            delay = max(delay, min(honoured, self.max_retry_after))
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
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # rare; ~12 ms to import at start-up

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time())
    except (TypeError, ValueError):
        return None
