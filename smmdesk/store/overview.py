"""The overview's figures: per panel, what is running, what needs the user, what was spent.

Read-only aggregates over the whole history in a few indexed queries (bench/overview.py):

* active (pending or in progress) and unconfirmed orders, and orders refused since
  yesterday: record IDs read from the covering index `(tab, panel_id, search)`;
* orders whose latest refill failed (refused when asked, or rejected or failed since) in
  the last 30 days: one pass over `refills` (a short table of short rows), the orders'
  later refills looked up by index only for the failed ones;
* partial orders placed in the last 90 days that may still be refilled: the service
  refills, its guarantee (counted from when the order finished) is open, and no refill
  was asked yet. An order whose guarantee is unknown counts for 30 days after it
  finished. The 90 days keep the list about what is recent, and the query to the
  `(tab, created_at)` index range (a year of history: 8,000 partial orders read
  otherwise, 70 ms);
* spend today / 7 days / 30 days per currency: what the panel charged (the estimate until
  it said) for what it delivered, for orders sent from SMMDesk: a partial or canceled
  order by its delivered share, a refunded or failed one at nothing (the rest of the
  money came back), as the Orders totals count it. Orders tracked by ID are left out:
  when they were placed is unknown.
  Sums are exact: each order keeps that amount as an integer of 10⁻⁷ (the seven decimals
  panel software keeps) with its local day (schema 11, `derived`), and its sum per day,
  panel and currency is kept too (`summaries`): the Overview adds up 30 days of those
  instead of looking each order up (bench/overview.py, every one of 100,000 orders in
  the window: all the figures in 42 ms median, was 321).

The windows are local days (`OverviewSpan.at`): "today" starts at the user's midnight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from types import MappingProxyType

from . import derived
from .codec import dt_to_db
from .db import Database

SPEND_DECIMALS = 7
_SCALE = 10**SPEND_DECIMALS
FAILED_REFILL_DAYS = 30
UNKNOWN_GUARANTEE_DAYS = 30
REFILLABLE_DAYS = 90


def _no_spend() -> Mapping[str, Decimal]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class OverviewSpan:
    """The moments the figures are counted from (aware datetimes)."""

    now: datetime
    today: datetime  # the local midnight that started today
    week: datetime  # 7 days counting today
    month: datetime  # 30 days counting today
    yesterday: datetime  # refusals are counted from here

    @classmethod
    def at(cls, now: datetime) -> OverviewSpan:
        """Local days around `now` (aware), in the zone of this computer."""
        local = now.astimezone()
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)

        def days_back(days: int) -> datetime:
            # A wall-clock midnight, also across a change of daylight saving time (even
            # today's: `now`'s offset may not be the one its midnight had).
            return (midnight - timedelta(days=days)).replace(tzinfo=None).astimezone()

        return cls(now, days_back(0), days_back(6), days_back(29), days_back(1))


@dataclass(frozen=True, slots=True)
class PanelFigures:
    """One panel's figures. Each tuple holds the record IDs of the orders it counts, so a
    link can show exactly those; spend maps a currency ("" when none is known) to its
    total and is never summed across currencies."""

    panel_id: int
    active: tuple[int, ...] = ()
    unconfirmed: tuple[int, ...] = ()
    failed_refills: tuple[int, ...] = ()
    refused: tuple[int, ...] = ()
    refillable_partial: tuple[int, ...] = ()
    spend_today: Mapping[str, Decimal] = field(default_factory=_no_spend)
    spend_week: Mapping[str, Decimal] = field(default_factory=_no_spend)
    spend_month: Mapping[str, Decimal] = field(default_factory=_no_spend)


@dataclass(frozen=True, slots=True)
class Overview:
    """Every panel's figures at `span.now`; a panel with nothing to count has none."""

    span: OverviewSpan
    panels: Mapping[int, PanelFigures]

    def of(self, panel_id: int) -> PanelFigures:
        return self.panels.get(panel_id) or PanelFigures(panel_id)


_TAB_IDS = (
    "SELECT panel_id, tab, id FROM orders WHERE tab IN ('pending', 'in_progress', 'unconfirmed')"
)
_REFUSED = "SELECT panel_id, id FROM orders WHERE tab = 'rejected' AND created_at >= ?"
_FAILED_REFILLS = (
    "SELECT r.panel_id, r.order_record_id FROM refills r"
    " WHERE (r.state IN ('rejected', 'failed') OR r.error IS NOT NULL) AND r.updated_at >= ?"
    " AND NOT EXISTS (SELECT 1 FROM refills later"
    "  WHERE later.order_record_id = r.order_record_id AND later.id > r.id)"
)
_REFILLABLE_PARTIAL = (
    "SELECT o.panel_id, o.id FROM orders o WHERE o.tab = 'partial' AND o.created_at >= ?"
    " AND o.can_refill"
    " AND (CASE WHEN o.refill_days IS NULL"
    "  THEN coalesce(o.finished_at, o.updated_at) >= ?"
    "  ELSE o.refill_days > 0 AND (o.finished_at IS NULL"
    "   OR julianday(o.finished_at) + o.refill_days >= julianday(?)) END)"
    " AND NOT EXISTS (SELECT 1 FROM refills r WHERE r.order_record_id = o.id)"
)
_SPENT = """
    SELECT panel_id, currency_key,
        CASE WHEN day >= ? THEN 0 WHEN day >= ? THEN 1 ELSE 2 END AS bucket, sum(spent)
    FROM panel_days WHERE day >= ?
    GROUP BY 1, 2, 3"""


class OverviewRepository:
    _db: Database

    def overview(self, span: OverviewSpan) -> Overview:
        """Every panel's figures (see the module doc), read in five queries."""
        derived.settle(self._db)
        ids: dict[tuple[int, str], list[int]] = {}
        for panel_id, tab, record_id in self._db.query(_TAB_IDS):
            ids.setdefault((panel_id, tab), []).append(record_id)
        self._collect(ids, "refused", _REFUSED, (dt_to_db(span.yesterday),))
        refills_since = dt_to_db(span.now - timedelta(days=FAILED_REFILL_DAYS))
        self._collect(ids, "failed_refills", _FAILED_REFILLS, (refills_since,))
        placed_since = dt_to_db(span.now - timedelta(days=REFILLABLE_DAYS))
        unknown_since = dt_to_db(span.now - timedelta(days=UNKNOWN_GUARANTEE_DAYS))
        partial_args = (placed_since, unknown_since, dt_to_db(span.now))
        self._collect(ids, "refillable_partial", _REFILLABLE_PARTIAL, partial_args)
        spend = self._spend(span)
        panel_ids = {panel_id for panel_id, _ in ids} | set(spend)
        panels = {panel_id: _figures(panel_id, ids, spend.get(panel_id)) for panel_id in panel_ids}
        return Overview(span, MappingProxyType(panels))

    def _collect(
        self,
        ids: dict[tuple[int, str], list[int]],
        name: str,
        sql: str,
        params: tuple[object, ...],
    ) -> None:
        for panel_id, record_id in self._db.query(sql, params):
            ids.setdefault((panel_id, name), []).append(record_id)

    def _spend(self, span: OverviewSpan) -> dict[int, list[dict[str, int]]]:
        """Per panel, three maps currency → total in 10⁻⁷: today, the rest of the 7 days,
        the rest of the 30 days."""
        today = span.now.astimezone().date()
        params = [(today - timedelta(days=days)).isoformat() for days in (0, 6, 29)]
        spend: dict[int, list[dict[str, int]]] = {}
        for panel_id, currency, bucket, total in self._db.query(_SPENT, params):
            buckets = spend.setdefault(panel_id, [{}, {}, {}])
            buckets[bucket][currency] = int(total or 0)
        return spend


def _figures(
    panel_id: int, ids: dict[tuple[int, str], list[int]], spend: list[dict[str, int]] | None
) -> PanelFigures:
    def of(*names: str) -> tuple[int, ...]:
        return tuple(sorted(i for name in names for i in ids.get((panel_id, name), ())))

    today, rest_of_week, rest_of_month = spend or ({}, {}, {})
    return PanelFigures(
        panel_id,
        active=of("pending", "in_progress"),
        unconfirmed=of("unconfirmed"),
        failed_refills=of("failed_refills"),
        refused=of("refused"),
        refillable_partial=of("refillable_partial"),
        spend_today=_money(today),
        spend_week=_money(today, rest_of_week),
        spend_month=_money(today, rest_of_week, rest_of_month),
    )


def _money(*parts: Mapping[str, int]) -> Mapping[str, Decimal]:
    """Totals in 10⁻⁷ added per currency, as exact decimals."""
    units: dict[str, int] = {}
    for part in parts:
        for currency, amount in part.items():
            units[currency] = units.get(currency, 0) + amount
    return MappingProxyType(
        {currency: _decimal(amount) for currency, amount in sorted(_nonzero(units))}
    )


def _nonzero(units: dict[str, int]) -> Iterable[tuple[str, int]]:
    return ((currency, amount) for currency, amount in units.items() if amount)


def _decimal(units: int) -> Decimal:
    return (Decimal(units) / _SCALE).normalize() if units else Decimal(0)
