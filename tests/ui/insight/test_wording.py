"""How the insight tabs say durations and their spread: a median with the orders it rests
on, and a 90th percentile called the slowest where it is (up to ten orders)."""

from __future__ import annotations

import pytest

from smmdesk.services.scorecard import Spread
from smmdesk.ui.insight.wording import format_duration, p90_text, spread_sentence, spread_text

H = 3600.0


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (None, ""),
        (-5, "under a minute"),
        (59, "under a minute"),
        (45 * 60, "45 min"),
        (1.5 * H, "1 h 30 min"),
        (11 * H, "11 h"),
        (3 * 24 * H + 4 * H, "3 days 4 h"),
        (12 * 24 * H, "12 days"),
    ],
)
def test_a_duration_is_said_as_a_person_says_it(seconds: float | None, said: str) -> None:
    assert format_duration(seconds) == said


@pytest.mark.parametrize(
    ("spread", "sentence", "p90_cell"),
    [
        (Spread(None, None, 0), "no timed order yet", ""),
        (Spread(5 * H, 5 * H, 1), "median 5 h (1 order)", ""),
        (Spread(5 * H, 7 * H, 3), "median 5 h, slowest 7 h (3 orders)", "slowest 7 h"),
        (Spread(5 * H, 8 * H, 10), "median 5 h, slowest 8 h (10 orders)", "slowest 8 h"),
        (Spread(5 * H, 9 * H, 12), "median 5 h, 90% within 9 h (12 orders)", "9 h"),
    ],
)
def test_a_90th_percentile_of_ten_orders_or_fewer_is_the_slowest(
    spread: Spread, sentence: str, p90_cell: str
) -> None:
    assert spread_sentence(spread) == sentence
    assert p90_text(spread, headed=True) == p90_cell


def test_the_median_column_names_its_orders() -> None:
    assert spread_text(Spread(5 * H, 9 * H, 12)) == "median 5 h (12 orders)"
