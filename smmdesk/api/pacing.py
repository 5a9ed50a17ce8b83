"""How fast one client may talk to its panel: a request rate and a batch concurrency.

Panels rate-limit per key (60-120 requests a minute is common) and some block bursts, so a
client can be given a requests-per-minute budget, and its batch calls (multi-status of
thousands of orders) fall back to one request at a time for a while after a 429.
Pure Python, thread-safe: several worker threads share one client.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

THROTTLE_SECONDS = 60.0


class TokenBucket:
    """At most `per_minute` requests in any minute, the first few of them at once.

    The bucket holds `burst` tokens (a tenth of the rate, at least one) and refills at
    `per_minute - burst` a minute, so even a burst followed by a steady stream stays within
    the limit over any 60 s window (but for `per_minute=1`, which allows two).
    """

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("requests_per_minute must be at least 1")
        self.burst = max(1, per_minute // 10)
        self.rate = max(per_minute - self.burst, 1) / 60.0
        self._clock = clock
        self._tokens = float(self.burst)
        self._stamp = clock()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take the next token and return how long to wait before using it (0 if now).

        Tokens may go negative: each caller reserves its own future slot under the lock
        and sleeps outside it, so waiting threads are served in order.
        """
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            self._tokens -= 1
            return 0.0 if self._tokens >= 0 else -self._tokens / self.rate


class InFlightGate:
    """How many batch requests of one client may be in flight at once.

    Normally `limit`; after `throttle()` (the panel answered 429) one at a time until the
    throttle passes, for every batch already queued as well as those to come.
    """

    def __init__(self, limit: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = max(1, limit)
        self._clock = clock
        self._active = 0
        self._calm_at = 0.0
        self._changed = threading.Condition()

    @property
    def limit(self) -> int:
        return 1 if self._clock() < self._calm_at else self._limit

    def throttle(self, seconds: float = THROTTLE_SECONDS) -> None:
        with self._changed:
            self._calm_at = max(self._calm_at, self._clock() + seconds)

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._changed:
            while self._active >= self.limit:
                self._changed.wait(timeout=1.0)  # also wakes when a throttle runs out
            self._active += 1
        try:
            yield
        finally:
            with self._changed:
                self._active -= 1
                self._changed.notify_all()
