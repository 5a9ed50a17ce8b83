"""The totals SQLite adds up (`store.money`) are those of the Python rules
(`services.profit`), order for order, whatever the amounts and states."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmdesk.api import OrderState
from smmdesk.services.annotations import Annotator
from smmdesk.services.profit import totals
from smmdesk.store import OrderQuery, Panel, Store

_STAMP = "2026-10-01T10:00:00.000000+00:00"
amounts = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=10**6, places=7).map(str),
    st.decimals(min_value=0, max_value=10**4, places=2).map(lambda d: str(d.normalize())),
    st.sampled_from(["1E-7", "1E+1", "-0.5", "0", "95200", "0.0000001", "12345678.1234567"]),
)
orders = st.tuples(
    st.sampled_from([*OrderState, None]),
    st.one_of(st.none(), st.integers(0, 20_000)),
    st.one_of(st.none(), st.integers(0, 12)),
    st.one_of(st.none(), st.integers(-50, 25_000)),
    amounts,
    amounts,
    amounts,
    st.sampled_from(["USD", "EUR", None]),
)


def insert(store: Store, panel: Panel, rows: list[tuple[object, ...]]) -> None:
    with store._db.transaction() as conn:
        conn.execute("DELETE FROM orders")
        conn.executemany(
            "INSERT INTO orders (panel_id, service_id, service_name, service_type,"
            " journal_state, created_at, updated_at, can_refill, can_cancel, tab, state,"
            " quantity, runs, remains, charge, charge_estimate, sell_price, currency)"
            " VALUES (?, '1', 'S', 'Default', 'placed', ?, ?, 1, 1, 'completed',"
            " ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (panel.id, _STAMP, _STAMP, None if s is None else s.value, *rest)
                for s, *rest in rows
            ],
        )


@settings(
    max_examples=150,
    deadline=None,  # SQLite on a loaded 2-core machine: a slow example is not a wrong one
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(orders, max_size=25))
def test_sql_totals_are_the_python_rules_totals(
    store: Store, panel: Panel, rows: list[tuple[object, ...]]
) -> None:
    insert(store, panel, rows)
    by_sql = Annotator(store).totals(OrderQuery()).by_currency
    by_python = totals(store.money_facts(OrderQuery()))
    assert {t.currency: t for t in by_sql} == by_python


def test_the_fast_path_takes_plain_amounts_and_leaves_the_rest(store: Store, panel: Panel) -> None:
    rows = [
        (OrderState.PARTIAL, 1000, None, 250, "10", "10", "15", "USD"),
        (OrderState.COMPLETED, 100, None, 0, "1E-7", None, None, "USD"),
        (OrderState.COMPLETED, 100, None, 0, "100000000", None, None, "USD"),  # too big
    ]
    insert(store, panel, rows)  # type: ignore[arg-type]
    sums, rest = store.money_sums(OrderQuery())
    [usd] = sums
    assert (usd.orders, usd.spend_units, usd.sell_units) == (1, 75_000_000, 112_500_000)
    assert [r.charge for r in rest] == [Decimal("1E-7"), Decimal(100_000_000)]


def test_sums_beyond_64_bits_fall_back_to_python(store: Store, panel: Panel) -> None:
    rows = [(OrderState.COMPLETED, 1, None, 0, "99999999.5", None, None, "IRR")] * 10_000
    insert(store, panel, rows)  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        store.money_sums(OrderQuery())
    [irr] = Annotator(store).totals(OrderQuery()).by_currency
    assert irr.spend == Decimal("99999999.5") * 10_000
