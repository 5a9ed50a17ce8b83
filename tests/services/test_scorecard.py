from decimal import Decimal

import pytest

from smmdesk.api import OrderState
from smmdesk.services.scorecard import scorecard
from smmdesk.store import OrderFacts

HOUR = 3600.0


def facts(
    state: OrderState | None,
    *,
    service: str = "1",
    panel: int = 1,
    charge: str | None = "1.00",
    to_start: float | None = None,
    to_finish: float | None = None,
    idle: float | None = None,
    refills: tuple[int, int, int] = (0, 0, 0),
) -> OrderFacts:
    money = Decimal(charge) if charge else None
    return OrderFacts(
        panel,
        service,
        f"Service {service}",
        state,
        money,
        "USD",
        to_start,
        to_finish,
        idle,
        *refills,
    )


def test_times_rates_and_what_they_rest_on() -> None:
    orders = [
        facts(OrderState.COMPLETED, to_start=1 * HOUR, to_finish=5 * HOUR),
        facts(OrderState.COMPLETED, to_start=2 * HOUR, to_finish=7 * HOUR),
        facts(OrderState.COMPLETED, to_start=3 * HOUR, to_finish=30 * HOUR),
        facts(OrderState.PARTIAL, to_start=HOUR, refills=(2, 1, 1)),
        facts(OrderState.CANCELED, charge="0"),
        facts(OrderState.IN_PROGRESS, idle=30 * HOUR),  # stuck for more than a day
        facts(OrderState.IN_PROGRESS, idle=HOUR),
        facts(OrderState.COMPLETED),  # tracked by ID: no times
    ]

    [score] = scorecard(orders, {1: "Panel A"}).services

    assert score.orders == 8 and score.finished == 6
    assert score.spend == {"USD": Decimal("7.00")}
    assert (score.to_start.median, score.to_start.orders) == (1.5 * HOUR, 4)
    assert (score.to_finish.median, score.to_finish.p90, score.to_finish.orders) == (
        7 * HOUR,
        30 * HOUR,
        3,
    )
    assert score.rate(OrderState.PARTIAL) == pytest.approx(1 / 6)
    assert score.rate(OrderState.REFUNDED) == 0
    assert (score.refills, score.refills_done, score.refills_refused) == (2, 1, 1)
    assert score.stuck == 1


def test_panels_sum_their_services_busiest_first() -> None:
    orders = [facts(OrderState.COMPLETED, service="1"), facts(OrderState.COMPLETED, service="2")]
    orders += [facts(OrderState.COMPLETED, service="9", panel=2)] * 3
    card = scorecard(orders, {1: "A", 2: "B"})
    assert [(p.name, p.orders) for p in card.panels] == [("B", 3), ("A", 2)]
    assert card.services[0].service_id == "9"


def test_no_orders_give_an_empty_scorecard_and_no_finished_gives_no_rates() -> None:
    assert scorecard([], {}).services == []
    [score] = scorecard([facts(OrderState.PENDING)], {}).services
    assert score.rate(OrderState.PARTIAL) is None
    assert score.to_finish.median is None and score.to_finish.orders == 0
