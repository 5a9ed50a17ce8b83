"""The provider scorecard: what a service (and a panel) really delivered, from the user's
own orders, not from its description.

Times run from the moment the panel accepted the order to the first refresh that saw it
started, and to the one that saw it final (so they are as fine as the refresh interval).
Orders tracked by ID (placed elsewhere, at a time SMMDesk does not know) count for the
rates but not for the times. Every figure says how many orders it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from smmdesk.api import OrderState
from smmdesk.store import OrderFacts

STUCK_AFTER_S = 24 * 3600.0  # no progress for a day: worth a look
_OUTCOMES = (OrderState.PARTIAL, OrderState.CANCELED, OrderState.REFUNDED, OrderState.FAILED)


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
            if state is OrderState.COMPLETED and facts.to_finish is not None:
                self.to_finish.append(facts.to_finish)
        elif facts.idle is not None and facts.idle > stuck_after:
            self.stuck += 1
        self.refills += facts.refills
        self.refills_done += facts.refills_done
        self.refills_refused += facts.refills_refused

    def score(self, panel_id: int, service_id: str | None) -> Score:
        return Score(
            panel_id, service_id, self.name, self.orders, self.spend, _spread(self.to_start),
            _spread(self.to_finish), self.finished, self.outcomes, self.refills,
            self.refills_done, self.refills_refused, self.stuck,
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


def _spread(seconds: Sequence[float]) -> Spread:
    if not seconds:
        return Spread(None, None, 0)
    ordered = sorted(seconds)
    count = len(ordered)
    middle = count // 2
    median = ordered[middle] if count % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Spread(median, ordered[min(count - 1, int(count * 0.9))], count)
