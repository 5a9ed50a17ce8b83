"""The provider scorecard: what a service (and a panel) really delivered, from the user's
own orders, not from its description.

Times run from the moment the panel accepted the order to the first refresh that saw it
started, and to the one that saw it final (so they are as fine as the refresh interval).
Orders tracked by ID (placed elsewhere, at a time SMMDesk does not know) count for the
rates but not for the times. Every figure says how many orders it rests on.

`load_scorecard` reads what SQLite sums per service (`Store.score_sums`, schema 11) and
only puts it together; `scorecard` holds the same rules order by order, for a history
whose charges SQLite cannot add exactly (a test holds the two to the same scores).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from smmdesk.api import OrderState
from smmdesk.store import OrderFacts, ServiceSums, Store

STUCK_AFTER_S = 24 * 3600.0  # no progress for a day: worth a look
_OUTCOMES = (OrderState.PARTIAL, OrderState.CANCELED, OrderState.REFUNDED, OrderState.FAILED)
_STATES = {state.value: state for state in OrderState}
_DECIMALS = 7  # `ServiceSums` counts money in units of 10^-7


@dataclass(frozen=True, slots=True)
class Spread:
    """Median and 90th percentile of some seconds, and how many orders they rest on."""

    median: float | None
    p90: float | None
    orders: int


@dataclass(frozen=True, slots=True)
class Score:
    """One service of one panel (`service_id` set), or one whole panel (None)."""

    panel_id: int
    service_id: str | None
    name: str
    orders: int
    spend: dict[str, Decimal]
    to_start: Spread
    to_finish: Spread
    finished: int  # orders in a final state: what the outcome rates rest on
    outcomes: dict[OrderState, int]
    refills: int
    refills_done: int
    refills_refused: int
    stuck: int

    def rate(self, state: OrderState) -> float | None:
        """The share of finished orders that ended in `state`; None with none finished."""
        return self.outcomes.get(state, 0) / self.finished if self.finished else None


@dataclass
class _Tally:
    name: str
    orders: int = 0
    spend: dict[str, Decimal] = field(default_factory=dict)
    to_start: list[float] = field(default_factory=list)
    to_finish: list[float] = field(default_factory=list)
    finished: int = 0
    outcomes: dict[OrderState, int] = field(default_factory=dict)
    refills: int = 0
    refills_done: int = 0
    refills_refused: int = 0
    stuck: int = 0

    def add(self, facts: OrderFacts, stuck_after: float) -> None:
        self.orders += 1
        if facts.charge is not None and facts.currency:
            self.spend[facts.currency] = self.spend.get(facts.currency, Decimal(0)) + facts.charge
        if facts.to_start is not None and facts.to_start >= 0:
            self.to_start.append(facts.to_start)
        state = facts.state
        if state is not None and state.is_final:
            self.finished += 1
            if state in _OUTCOMES:
                self.outcomes[state] = self.outcomes.get(state, 0) + 1
            finish = facts.to_finish  # below zero: the clock was moved back meanwhile
            if state is OrderState.COMPLETED and finish is not None and finish >= 0:
                self.to_finish.append(finish)
        elif facts.idle is not None and facts.idle > stuck_after:
            self.stuck += 1
        self.refills += facts.refills
        self.refills_done += facts.refills_done
        self.refills_refused += facts.refills_refused

    def add_sums(self, sums: ServiceSums) -> None:
        """A service's sums, as `add` would have tallied its orders one by one."""
        for outcome, count in sums.outcomes.items():
            self.orders += count
            if outcome is not None:
                self.finished += count
                state = _STATES[outcome]
                if state in _OUTCOMES:
                    self.outcomes[state] = self.outcomes.get(state, 0) + count
        for currency, units in sums.charge_units.items():
            amount = Decimal(units).scaleb(-_DECIMALS)
            self.spend[currency] = self.spend.get(currency, Decimal(0)) + amount
        asked, done, refused = sums.refills
        self.refills += asked
        self.refills_done += done
        self.refills_refused += refused
        self.stuck += sums.stuck

    def score(
        self, panel_id: int, service_id: str | None, times: tuple[Spread, Spread] | None = None
    ) -> Score:
        """The score; `times` (to start, to finish) when SQLite worked them out, else
        from the times tallied."""
        to_start, to_finish = times or (_spread(self.to_start), _spread(self.to_finish))
        return Score(
            panel_id, service_id, self.name, self.orders, self.spend, to_start, to_finish,
            self.finished, self.outcomes, self.refills, self.refills_done,
            self.refills_refused, self.stuck,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Scorecard:
    services: list[Score]
    panels: list[Score]


def scorecard(
    facts: Iterable[OrderFacts],
    panel_names: dict[int, str],
    stuck_after_s: float = STUCK_AFTER_S,
) -> Scorecard:
    """Scores per service and per panel, busiest first."""
    by_service: dict[tuple[int, str], _Tally] = {}
    by_panel: dict[int, _Tally] = {}
    for order in facts:
        key = (order.panel_id, order.service_id)
        tally = by_service.get(key)
        if tally is None:
            tally = by_service[key] = _Tally(order.service_name or order.service_id)
        tally.add(order, stuck_after_s)
        panel = by_panel.get(order.panel_id)
        if panel is None:
            name = panel_names.get(order.panel_id, str(order.panel_id))
            panel = by_panel[order.panel_id] = _Tally(name)
        panel.add(order, stuck_after_s)
    services = [tally.score(p, s) for (p, s), tally in by_service.items()]
    panels = [tally.score(p, None) for p, tally in by_panel.items()]
    services.sort(key=lambda score: -score.orders)
    panels.sort(key=lambda score: -score.orders)
    return Scorecard(services, panels)


def load_scorecard(
    store: Store,
    now: datetime,
    panel_names: dict[int, str],
    stuck_after_s: float = STUCK_AFTER_S,
    panel_id: int | None = None,
) -> Scorecard:
    """The scorecard of every panel (or one) at `now`, from SQLite's sums; from each
    order's facts when the sums cannot be exact. Reads up to every order: a worker's job."""
    sums = store.score_sums(now, stuck_after_s, panel_id)
    if sums is None:
        return scorecard(store.order_facts(now, panel_id=panel_id), panel_names, stuck_after_s)
    by_panel: dict[int, _Tally] = {}
    services = []
    for service in sums.services:
        tally = _Tally(service.name or service.service_id)
        tally.add_sums(service)
        times = (Spread(*service.to_start), Spread(*service.to_finish))
        services.append(tally.score(service.panel_id, service.service_id, times))
        panel = by_panel.get(service.panel_id)
        if panel is None:
            name = panel_names.get(service.panel_id, str(service.panel_id))
            panel = by_panel[service.panel_id] = _Tally(name)
        panel.add_sums(service)
    panels = []
    for key, tally in by_panel.items():
        to_start, to_finish = sums.panel_times[key]
        panels.append(tally.score(key, None, (Spread(*to_start), Spread(*to_finish))))
    services.sort(key=lambda score: -score.orders)
    panels.sort(key=lambda score: -score.orders)
    return Scorecard(services, panels)


def _spread(seconds: Sequence[float]) -> Spread:
    if not seconds:
        return Spread(None, None, 0)
    ordered = sorted(seconds)
    count = len(ordered)
    middle = count // 2
    median = ordered[middle] if count % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Spread(median, ordered[min(count - 1, int(count * 0.9))], count)
