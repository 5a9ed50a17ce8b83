"""The panel's ledger: balance, orders, refills, all behind one re-entrant lock.

Requests from many handler threads meet here, so every public method takes the lock;
callers that need several steps to be atomic (a multi-status answer) hold ``lock`` around
them, which is why it is re-entrant. Nothing here sleeps: latency is simulated by the
server outside the lock so that concurrent requests overlap like they do on a real panel.
"""

from __future__ import annotations

import heapq
import itertools
import random
import threading
from collections.abc import Mapping
from decimal import Decimal

from .catalogue import DEFAULT, SUBSCRIPTIONS, Service
from .lifecycle import (
    COMPLETED,
    DEFAULT_SUBSCRIPTION_POSTS,
    PARTIAL,
    PENDING,
    Order,
    OrderSnapshot,
    Refill,
    SimClock,
    fate_rng,
    new_refill,
    order_snapshot,
    plan_fate,
    refill_status,
)
from .placement import MONEY, PanelRefusal, Placement, validate_placement

REFILLABLE = frozenset({COMPLETED, PARTIAL})


class PanelState:
    """Balance, orders and refills of one demo panel; methods raise :class:`PanelRefusal`."""

    def __init__(self, services: list[Service], seed: int, balance: Decimal, speed: float) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.services = {service.id: service for service in services}
        self.clock = SimClock(speed)
        self.orders: dict[str, Order] = {}
        self.refills: dict[str, Refill] = {}
        self._balance = balance.quantize(MONEY)
        id_rng = random.Random(seed)
        self._order_ids = itertools.count(100_000 + id_rng.randrange(900) * 1_000)
        self._refill_ids = itertools.count(1_000 + id_rng.randrange(9_000))
        self._active_by_link: dict[tuple[int, str], list[Order]] = {}
        self._partial_refunds: list[tuple[float, int]] = []  # heap of (ends_at, order ID)
        self._billed_per_post: dict[int, Order] = {}  # running open-ended subscriptions
        self.repeat_window_s = 0.0  # > 0: an identical add this soon gets the same ID

    @property
    def balance(self) -> Decimal:
        with self.lock:
            self._settle(self.clock.now())
            return self._balance

    def add(self, form: Mapping[str, str]) -> int:
        """Validate and place an order; the balance is drawn down by its charge."""
        with self.lock:
            now = self.clock.now()
            self._settle(now)
            service = self._find_service(form.get("service", ""))
            placement = validate_placement(service, form)
            repeated = self._repeated(service.id, placement, now)
            if repeated is not None:
                return repeated.id
            self._refuse_duplicate_link(service.id, placement.link, now)
            if max(placement.charge, placement.post_charge) > self._balance:
                raise PanelRefusal("Not enough funds on balance")
            self._balance -= placement.charge
            order = self._new_order(service, placement, now, charged=True)
            self._active_by_link.setdefault((service.id, placement.link), []).append(order)
            return order.id

    def snapshot(self, raw_order_id: str) -> tuple[Order, OrderSnapshot]:
        with self.lock:
            order = self._find_order(raw_order_id)
            return order, order_snapshot(order, self.clock.now())

    def refill(self, raw_order_id: str) -> int:
        with self.lock:
            order = self._find_order(raw_order_id)
            if not self.services[order.service_id].refill:
                raise PanelRefusal("Refill is disabled for this service")
            now = self.clock.now()
            if order_snapshot(order, now).status not in REFILLABLE:
                raise PanelRefusal("Refill is not available for this order")
            refill_id = next(self._refill_ids)
            rng = fate_rng(self.seed, refill_id)
            self.refills[str(refill_id)] = new_refill(rng, refill_id, order.id, now)
            return refill_id

    def refill_status(self, raw_refill_id: str) -> str:
        with self.lock:
            refill = self.refills.get(_normalised_id(raw_refill_id))
            if refill is None:
                raise PanelRefusal("Refill not found")
            return refill_status(refill, self.clock.now())

    def cancel(self, raw_order_id: str) -> None:
        """Cancel at once and refund the undelivered share of the charge."""
        with self.lock:
            order = self._find_order(raw_order_id)
            if not self.services[order.service_id].cancel:
                raise PanelRefusal("Cancel is disabled for this service")
            now = self.clock.now()
            self._settle(now)
            snapshot = order_snapshot(order, now)
            if snapshot.is_final:
                raise PanelRefusal("Order cannot be canceled")
            order.canceled_at, order.canceled_remains = now, snapshot.remains
            if order.charged and not order.settled and not order.post_charge:
                self._balance += (order.charge * _undelivered_share(order, snapshot)).quantize(
                    MONEY
                )
            order.settled = True

    def create_orders(self, count: int, service_id: int | None = None) -> list[str]:
        """Orders placed behind the API's back (no validation, no charge) for benches."""
        with self.lock:
            candidates = self._services_for_bulk(service_id)
            now, created = self.clock.now(), []
            for index in range(count):
                service = candidates[index % len(candidates)]
                quantity = min(service.max, max(service.min, 1_000))
                charge = (service.rate * quantity / 1000).quantize(MONEY)
                placement = Placement(f"https://demo.example/bulk/{index}", quantity, charge)
                order = self._new_order(service, placement, now, charged=False)
                created.append(str(order.id))
            return created

    def _services_for_bulk(self, service_id: int | None) -> list[Service]:
        if service_id is not None:
            if service_id not in self.services:
                raise ValueError(f"no service {service_id} in the demo catalogue")
            return [self.services[service_id]]
        defaults = [service for service in self.services.values() if service.type == DEFAULT]
        return defaults or list(self.services.values())

    def _new_order(
        self, service: Service, placement: Placement, now: float, charged: bool
    ) -> Order:
        order_id = next(self._order_ids)
        interval_s = placement.interval_minutes * 60.0
        posts_limit = 0
        if service.type == SUBSCRIPTIONS:
            posts_limit = placement.posts or DEFAULT_SUBSCRIPTION_POSTS
        rng = fate_rng(self.seed, order_id)
        fate = plan_fate(rng, placement.quantity, placement.runs, interval_s, posts_limit)
        order = Order(
            id=order_id,
            service_id=service.id,
            link=placement.link,
            quantity=placement.quantity,
            charge=placement.charge,
            charged=charged,
            created_at=now,
            fate=fate,
            runs=placement.runs,
            interval_s=interval_s,
            posts_limit=posts_limit,
            posts_requested=placement.posts_requested,
            post_charge=placement.post_charge,
        )
        self.orders[str(order_id)] = order
        if charged and order.post_charge:
            self._billed_per_post[order_id] = order
        if charged and fate.final_remains:
            heapq.heappush(self._partial_refunds, (order.ends_at, order_id))
        return order

    def _find_service(self, raw_service_id: str) -> Service:
        service = self.services.get(_int_or_none(raw_service_id) or 0)
        if service is None:
            raise PanelRefusal("Incorrect service ID")
        return service

    def _find_order(self, raw_order_id: str) -> Order:
        order = self.orders.get(_normalised_id(raw_order_id))
        if order is None:
            raise PanelRefusal("Incorrect order ID")
        return order

    def _repeated(self, service_id: int, placement: Placement, now: float) -> Order | None:
        """Within ``repeat_window_s``, an add identical to an earlier one (service, link,
        quantity) places nothing and is answered with the earlier order's ID: what some
        panels do against double submits (api-v2.md, "More seen in the field")."""
        if self.repeat_window_s <= 0:
            return None
        for order in reversed(self._active_by_link.get((service_id, placement.link), [])):
            if order.quantity == placement.quantity:
                return order if now - order.created_at < self.repeat_window_s else None
        return None

    def _refuse_duplicate_link(self, service_id: int, link: str, now: float) -> None:
        key = (service_id, link)
        active = [
            order
            for order in self._active_by_link.get(key, [])
            if not order_snapshot(order, now).is_final
        ]
        self._active_by_link[key] = active
        if active:
            raise PanelRefusal(
                "You have active order with this link. Please wait until order being completed."
            )

    def _settle(self, now: float) -> None:
        """Charge the posts open-ended subscriptions served by ``now``; pay back the
        undelivered share of orders that have ended Partial by then."""
        for order in list(self._billed_per_post.values()):
            self._bill_posts(order, now)
        while self._partial_refunds and self._partial_refunds[0][0] <= now:
            _, order_id = heapq.heappop(self._partial_refunds)
            order = self.orders[str(order_id)]
            if not order.settled:
                share = Decimal(order.fate.final_remains) / order.quantity
                self._balance += (order.charge * share).quantize(MONEY)
                order.settled = True

    def _bill_posts(self, order: Order, now: float) -> None:
        """One post's price for each post served since the last bill. A post the balance
        cannot pay for ends the subscription (Canceled), as a panel stops serving it."""
        snapshot = order_snapshot(order, now)
        served = snapshot.posts or 0
        while order.posts_billed < served and order.post_charge <= self._balance:
            self._balance -= order.post_charge
            order.charge += order.post_charge
            order.posts_billed += 1
        unpaid = order.posts_billed < served
        if unpaid:
            order.canceled_at, order.canceled_remains = now, 0
        if unpaid or snapshot.is_final:
            order.settled = True
            del self._billed_per_post[order.id]


def _undelivered_share(order: Order, snapshot: OrderSnapshot) -> Decimal:
    if order.is_subscription:
        served = snapshot.posts or 0
        return Decimal(order.posts_limit - served) / order.posts_limit
    if snapshot.status == PENDING:
        return Decimal(1)
    return Decimal(snapshot.remains) / order.quantity


def _normalised_id(raw: str) -> str:
    """``" 00123"`` and ``"123"`` name the same order; anything non-numeric names none."""
    number = _int_or_none(raw)
    return str(number) if number is not None and number >= 0 else ""


def _int_or_none(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if text.isascii() and text.isdigit() else None
