"""The scorecard SQLite sums (`load_scorecard`) equals the one the Python rules tally from
each order's facts (`scorecard`), on random histories: every figure, every service and
panel, in the same order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smmdesk.services.scorecard import load_scorecard, scorecard
from smmdesk.store import Store, scores
from tests.services.generated_history import generate

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
