"""The scorecard SQLite sums (`load_scorecard`) equals the one the Python rules tally from
each order's facts (`scorecard`), on random histories: every figure, every service and
panel, in the same order; a completion timed before its placing is not timed (schema 16)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from smmdesk.services.scorecard import load_scorecard, scorecard
from smmdesk.store import Store, scores
from tests.insight_orders import order
from tests.services.generated_history import generate
from tests.store.rewound import rewind

HOUR = 3600.0


@pytest.fixture(scope="module")
def exact(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A history whose amounts are all plain decimals."""
    path: Path = tmp_path_factory.mktemp("scores") / "exact.db"
    with Store.open(path) as opened:
        generate(opened, seed=5, orders=220, odd=False)
        yield opened


@pytest.mark.parametrize("times_per_read", [1, 10**9])  # medians read where they stand, or all
@pytest.mark.parametrize("stuck_after_h", [1, 24, 24 * 30])
def test_the_summed_scorecard_is_the_one_tallied_order_by_order(
    exact: Store, stuck_after_h: int, times_per_read: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scores, "_TIMES_PER_READ", times_per_read)
    now = datetime.now(UTC) + timedelta(days=2)
    names = {panel.id: panel.name for panel in exact.panels()}

    assert exact.score_sums(now, stuck_after_h * HOUR) is not None  # SQLite's way
    summed = load_scorecard(exact, now, names, stuck_after_h * HOUR)
    tallied = scorecard(exact.order_facts(now), names, stuck_after_h * HOUR)

    assert summed == tallied
    assert sum(score.to_finish.orders for score in summed.services) > 20
    assert any(score.stuck for score in summed.services)
    assert any(score.refills for score in summed.services)


def test_one_panel_s_scorecard_too(exact: Store) -> None:
    now = datetime.now(UTC)
    panel = exact.panels()[1]
    names = {panel.id: panel.name}

    summed = load_scorecard(exact, now, names, 24 * HOUR, panel.id)

    assert summed == scorecard(exact.order_facts(now, panel_id=panel.id), names, 24 * HOUR)
    assert [score.panel_id for score in summed.panels] == [panel.id]


def test_charges_sqlite_cannot_add_exactly_are_tallied_by_the_python_rules(
    tmp_path: Path,
) -> None:
    now = datetime.now(UTC)
    with Store.open(tmp_path / "odd.db") as store:
        generate(store, seed=8, orders=120, odd=True)
        names = {panel.id: panel.name for panel in store.panels()}

        assert store.score_sums(now, 24 * HOUR) is None
        summed = load_scorecard(store, now, names)
        assert summed == scorecard(store.order_facts(now), names)


def test_a_schema_15_history_stops_timing_a_completion_before_its_placing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v15.db"
    now = datetime.now(UTC) + timedelta(days=2)
    with Store.open(path) as store:
        panel = store.add_panel("Panel", "https://p.example/api/v2")
        names = {panel.id: panel.name}
        order(store, panel, date.today() - timedelta(days=1), "1")  # completed just now
        order(store, panel, date.today() + timedelta(days=1), "1")  # the clock moved back
        assert store.score_sums(now, HOUR) is not None  # settled: the sums hold both
    rewind(path, 15, "UPDATE service_outcomes SET timed = orders")  # as schema 15 counted

    with Store.open(path) as store:
        assert store.score_sums(now, HOUR) is not None  # the counts and the times agree
        summed = load_scorecard(store, now, names)
        assert summed == scorecard(store.order_facts(now), names)
    [service] = summed.services
    assert service.orders == 2 and service.to_finish.orders == 1
    assert service.to_finish.median is not None and service.to_finish.median > 0
