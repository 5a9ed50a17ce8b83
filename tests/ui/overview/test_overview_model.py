"""The Overview's models on their own: every model passes Qt's model tester; cells say
what they count, money per currency, and the warning column edits only with an amount."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from types import MappingProxyType

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance
from smmdesk.store import Overview, OverviewSpan, Panel, PanelFigures
from smmdesk.ui.common.errors import Described
from smmdesk.ui.overview.attention_model import AttentionModel, attention_lines
from smmdesk.ui.overview.columns import Column
from smmdesk.ui.overview.overview_model import LINK_ROLE, OverviewModel, OverviewProxy

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def panel(panel_id: int, name: str, is_demo: bool = False) -> Panel:
    return Panel(panel_id, name, f"https://p{panel_id}.example/api/v2", None, False, is_demo, NOW)


PANELS = [panel(1, "Alpha"), panel(2, "Demo panel", is_demo=True), panel(3, "Beta")]
FIGURES = {
    1: PanelFigures(
        1,
        active=(10, 11, 12),
        unconfirmed=(13,),
        failed_refills=(14,),
        refused=(15, 16),
        refillable_partial=(17,),
        spend_today=MappingProxyType({"EUR": Decimal("3"), "USD": Decimal("12.5")}),
        spend_week=MappingProxyType({"USD": Decimal("0.0125")}),
        spend_month=MappingProxyType({"USD": Decimal("1234.5")}),
    ),
    3: PanelFigures(3, unconfirmed=(30, 31)),
}
OVERVIEW = Overview(OverviewSpan.at(NOW), MappingProxyType(FIGURES))


@pytest.fixture
def model(qtbot: QtBot) -> OverviewModel:
    built = OverviewModel()
    built.set_panels(PANELS, {1: Decimal("50"), 2: None, 3: None})
    built.set_overview(OVERVIEW)
    built.set_balance(1, Balance(Decimal("20"), "USD"))
    built.set_balance(2, Balance(Decimal("1000"), "USD"))
    built.set_problem(3, Described("Cannot reach the panel", "Connection refused", "Check it"))
    return built


def text(model: OverviewModel, row: int, column: Column) -> str:
    return str(model.index(row, column).data())


def test_every_model_passes_the_model_tester(
    qtmodeltester: ModelTester, model: OverviewModel
) -> None:
    qtmodeltester.check(model)
    proxy = OverviewProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.BALANCE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    attention = AttentionModel()
    attention.set_lines(attention_lines(PANELS, OVERVIEW))
    qtmodeltester.check(attention)


def test_real_panels_come_first_and_the_demo_says_its_money_is_pretend(
    model: OverviewModel,
) -> None:
    names = [text(model, row, Column.PANEL) for row in range(model.rowCount())]
    assert names == ["Alpha", "Beta", "Demo panel (pretend money)"]


def test_spend_is_shown_per_currency_never_summed(model: OverviewModel) -> None:
    assert text(model, 0, Column.SPENT_TODAY) == "3.00 EUR · 12.50 USD"
    assert text(model, 0, Column.SPENT_WEEK) == "0.0125 USD"
    assert text(model, 0, Column.SPENT_MONTH) == "1,234.50 USD"
    assert text(model, 1, Column.SPENT_TODAY) == "—"


def test_a_low_balance_and_a_failed_fetch_are_said_in_words(model: OverviewModel) -> None:
    assert text(model, 0, Column.BALANCE) == "20.00 USD · low"
    assert text(model, 0, Column.THRESHOLD) == "50.00 USD"
    assert text(model, 1, Column.BALANCE) == "Cannot reach the panel"
    tooltip = model.index(1, Column.BALANCE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Connection refused" in tooltip and "Check it" in tooltip
    assert text(model, 2, Column.BALANCE) == "1,000.00 USD"  # no warning set


def test_counts_are_links_to_their_orders_and_zero_is_no_link(model: OverviewModel) -> None:
    assert text(model, 0, Column.ACTIVE) == "3"
    assert model.index(0, Column.ACTIVE).data(LINK_ROLE) == ("all", (10, 11, 12))
    assert model.index(0, Column.UNCONFIRMED).data(LINK_ROLE) == ("unconfirmed", (13,))
    assert model.index(0, Column.FAILED_REFILLS).data(LINK_ROLE) == ("all", (14,))
    assert model.index(1, Column.ACTIVE).data(LINK_ROLE) is None
    assert model.index(0, Column.SPENT_TODAY).data(LINK_ROLE) is None
    assert model.index(0, Column.ACTIVE).data(Qt.ItemDataRole.FontRole).underline()


def test_the_warning_column_takes_an_amount_or_says_why_not(
    qtbot: QtBot, model: OverviewModel
) -> None:
    index = model.index(0, Column.THRESHOLD)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.index(0, Column.BALANCE).flags() & Qt.ItemFlag.ItemIsEditable
    assert index.data(Qt.ItemDataRole.EditRole) == "50.00"

    with qtbot.waitSignal(model.threshold_refused) as refused:
        assert not model.setData(index, "-5")
    assert refused.args == [1, "The amount cannot be negative."]
    assert text(model, 0, Column.THRESHOLD) == "50.00 USD"  # unchanged

    with qtbot.waitSignal(model.threshold_edited) as edited:
        assert model.setData(index, " 1,250.5 ")
    assert edited.args == [1, "1250.5"]
    assert text(model, 0, Column.THRESHOLD) == "1,250.50 USD"

    with qtbot.waitSignal(model.threshold_edited) as cleared:
        assert model.setData(index, "")
    assert cleared.args == [1, ""]
    assert text(model, 0, Column.BALANCE) == "20.00 USD"  # no warning, no "low"


def test_sorting_by_a_money_column_keeps_currencies_apart(model: OverviewModel) -> None:
    proxy = OverviewProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.SPENT_TODAY, Qt.SortOrder.DescendingOrder)
    first = proxy.index(0, Column.PANEL).data()
    assert first == "Alpha"  # by its largest amount in one currency, 12.50


def test_attention_lines_come_by_kind_then_panel_with_counts_and_tabs() -> None:
    lines = attention_lines(PANELS, OVERVIEW)
    assert [(line.text, line.kind.tab, line.record_ids) for line in lines] == [
        (
            "1 order unconfirmed on Alpha: look on the panel, then resolve or dismiss",
            "unconfirmed",
            (13,),
        ),
        (
            "2 orders unconfirmed on Beta: look on the panel, then resolve or dismiss",
            "unconfirmed",
            (30, 31),
        ),
        ("2 orders refused on Alpha since yesterday", "rejected", (15, 16)),
        ("1 order partial on Alpha, refill still possible", "partial", (17,)),
    ]
