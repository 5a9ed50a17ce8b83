"""Order and refill lifecycles as pure functions of a simulated clock.

Nothing runs in the background: an order stores its fate (how long it stays pending, how
long delivery takes, whether it ends Partial) when it is created, and its status is
computed from the clock whenever someone asks. That keeps the panel cheap with 100,000
orders and makes lifecycles deterministic: a test calls ``advance()`` instead of sleeping.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from decimal import Decimal

PENDING = "Pending"
IN_PROGRESS = "In progress"
DRIPFEED_IN_PROGRESS = "In Progress"  # drip-feeds use another spelling, as some panels do
COMPLETED = "Completed"
PARTIAL = "Partial"
CANCELED = "Canceled"
ACTIVE = "Active"
EXPIRED = "Expired"
REJECTED = "Rejected"
FINAL_ORDER_STATUSES = frozenset({COMPLETED, PARTIAL, CANCELED, EXPIRED})

PARTIAL_SHARE = 0.12  # how often an order ends Partial
REJECTED_SHARE = 0.15  # how often a refill is rejected
DEFAULT_SUBSCRIPTION_POSTS = 20  # a subscription without ``posts`` expires after this many


class SimClock:
    """Simulated seconds: real monotonic time * ``speed`` plus whatever ``advance`` added."""

    def __init__(self, speed: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._origin = time.monotonic()
        self._base = 0.0
        self._speed = speed

    def now(self) -> float:
        with self._lock:
            return self._base + (time.monotonic() - self._origin) * self._speed

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._base += seconds

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        """Changing speed keeps the current simulated time: no jump forwards or back."""
        current = self.now()
        with self._lock:
            self._origin, self._base, self._speed = time.monotonic(), current, value


@dataclass(frozen=True, slots=True)
class Fate:
    """Decided when the order is created, so its whole future is reproducible."""

    pending_s: float
    run_s: float
    start_count: int
    final_remains: int


@dataclass(slots=True)
class Order:
    """An order and its fate; only cancellation and settlement mutate it."""

    id: int
    service_id: int
    link: str
    quantity: int  # units to deliver in total (per-run quantity * runs for drip-feeds)
    charge: Decimal
    charged: bool  # False for orders injected by ``create_orders``: no balance effects
    created_at: float
    fate: Fate
    runs: int = 0  # > 0 only for drip-feeds
    interval_s: float = 0.0
    posts_limit: int = 0  # > 0 only for subscriptions
    posts_requested: bool = False
    canceled_at: float | None = None
    canceled_remains: int = 0
    settled: bool = False  # the Partial refund (if any) has been paid back
    post_charge: Decimal = Decimal(0)  # > 0 only for open-ended subscriptions
    posts_billed: int = 0  # open-ended subscriptions: posts charged so far

    @property
    def started_at(self) -> float:
        return self.created_at + self.fate.pending_s

    @property
    def ends_at(self) -> float:
        return self.started_at + self.fate.run_s

    @property
    def is_subscription(self) -> bool:
        return self.posts_limit > 0


@dataclass(frozen=True, slots=True)
class OrderSnapshot:
    """What the order looks like at one instant of the simulated clock."""

    status: str
    remains: int
    start_count: int
    runs_done: int | None = None
    posts: int | None = None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_ORDER_STATUSES


@dataclass(frozen=True, slots=True)
class Refill:
    id: int
    order_id: int
    created_at: float
    pending_s: float
    run_s: float
    rejected: bool


def fate_rng(seed: int, item_id: int) -> random.Random:
    """One generator per order or refill, so its fate depends only on (seed, ID)."""
    return random.Random(seed * 1_000_003 + item_id)


def plan_fate(
    rng: random.Random, quantity: int, runs: int = 0, interval_s: float = 0.0, posts: int = 0
) -> Fate:
    """Durations, start count and final remains for an order of the given shape.

    A plain order completes within about a minute; a drip-feed lasts its runs * interval;
    a subscription delivers one post every 10-30 s until its post limit.
    """
    pending_s = rng.uniform(2.0, 6.0)
    start_count = rng.randint(0, 50_000)
    if posts:
        return Fate(pending_s, posts * rng.uniform(10.0, 30.0), start_count, 0)
    run_s = max(runs - 1, 0) * interval_s + rng.uniform(15.0, 45.0)
    final_remains = 0
    if quantity >= 2 and rng.random() < PARTIAL_SHARE:
        final_remains = rng.randint(1, max(1, quantity // 3))
    return Fate(pending_s, run_s, start_count, final_remains)


def order_snapshot(order: Order, now: float) -> OrderSnapshot:
    if order.canceled_at is not None:
        started = order.canceled_at >= order.started_at
        return OrderSnapshot(
            CANCELED, order.canceled_remains, order.fate.start_count if started else 0
        )
    if now < order.started_at:
        return _shaped(order, PENDING, order.quantity, 0, 0.0)
    if now >= order.ends_at:
        final = PARTIAL if order.fate.final_remains else COMPLETED
        if order.is_subscription:
            final = COMPLETED if order.posts_requested else EXPIRED
        return _shaped(order, final, order.fate.final_remains, order.fate.start_count, 1.0)
    progress = (now - order.started_at) / order.fate.run_s
    delivered = int((order.quantity - order.fate.final_remains) * progress)
    status = DRIPFEED_IN_PROGRESS if order.runs else IN_PROGRESS
    if order.is_subscription:
        status = ACTIVE
    return _shaped(order, status, order.quantity - delivered, order.fate.start_count, progress)


def _shaped(
    order: Order, status: str, remains: int, start_count: int, progress: float
) -> OrderSnapshot:
    runs_done = posts = None
    if order.runs:
        elapsed_runs = (
            0 if status == PENDING else 1 + int(progress * order.fate.run_s / order.interval_s)
        )
        runs_done = min(order.runs, elapsed_runs)
    if order.is_subscription:
        posts = min(order.posts_limit, int(progress * order.posts_limit))
    return OrderSnapshot(status, remains, start_count, runs_done, posts)


def new_refill(rng: random.Random, refill_id: int, order_id: int, now: float) -> Refill:
    return Refill(
        id=refill_id,
        order_id=order_id,
        created_at=now,
        pending_s=rng.uniform(2.0, 5.0),
        run_s=rng.uniform(10.0, 30.0),
        rejected=rng.random() < REJECTED_SHARE,
    )


def refill_status(refill: Refill, now: float) -> str:
    started_at = refill.created_at + refill.pending_s
    if now < started_at:
        return PENDING
    if now < started_at + refill.run_s:
        return IN_PROGRESS
    return REJECTED if refill.rejected else COMPLETED
