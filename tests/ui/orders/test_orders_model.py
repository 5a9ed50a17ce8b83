"""OrdersModel over a real store: paging, store-side sorting and filtering, reloads that
keep rows in place, status badges and colours."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from smmdesk.api import OrderState, OrderStatus, PlacedOrder, Service
from smmdesk.store import JournalState, OrderQuery, OrderRecord, Store
from smmdesk.ui.common.format import format_money
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.orders import orders_model
from smmdesk.ui.orders.orders_model import (
    PAGE_SIZE,
    RECORD_ROLE,
    OrderColumn,
    OrdersModel,
)
from tests.ui.cell_looks import assert_looks_match_roles
from tests.ui.order_helpers import add_panel, import_history, rejected_order, unconfirmed_order

HISTORY = 450


@pytest.fixture
def panel_id(store: Store) -> int:
    panel = add_panel(store)
    import_history(store, panel, HISTORY)
    return panel


@pytest.fixture
def model(store: Store, panel_id: int) -> OrdersModel:
    return OrdersModel(store, OrderQuery(panel_id=panel_id))


def fetch_all(model: OrdersModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def column(model: OrdersModel, col: OrderColumn) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_model_tester(qtmodeltester: object, model: OrdersModel) -> None:
    model.sort(OrderColumn.ORDER_ID, Qt.SortOrder.AscendingOrder)
    fetch_all(model)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_pages_are_fetched_lazily(model: OrdersModel) -> None:
    assert model.total == HISTORY
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    fetch_all(model)
    assert model.rowCount() == HISTORY
    assert not model.canFetchMore(QModelIndex())
    ids = {model.record(row).id for row in range(model.rowCount())}
    assert len(ids) == HISTORY


def test_sorting_covers_the_whole_history(model: OrdersModel) -> None:
    model.sort(OrderColumn.ORDER_ID, Qt.SortOrder.AscendingOrder)
    assert model.query.sort_column == "order_id" and not model.query.descending
    assert model.index(0, OrderColumn.ORDER_ID).data() == "1000"
    model.sort(OrderColumn.ORDER_ID, Qt.SortOrder.DescendingOrder)
    assert model.index(0, OrderColumn.ORDER_ID).data() == str(1000 + HISTORY - 1)
    assert model.rowCount() == PAGE_SIZE  # only the first page is loaded, yet it is right
    model.sort(OrderColumn.CURRENCY, Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert model.query.sort_column == "order_id"


def test_tab_and_search_queries(model: OrdersModel) -> None:
    model.set_query(OrderQuery(panel_id=model.query.panel_id, tab="completed"))
    assert model.total == HISTORY // 5
    assert set(column(model, OrderColumn.STATUS)) == {"Completed"}
    model.set_query(OrderQuery(panel_id=model.query.panel_id, text="1044"))
    assert column(model, OrderColumn.ORDER_ID) == ["1044"]


def test_reload_keeps_rows_in_place_when_only_statuses_move(
    qtbot: QtBot, store: Store, panel_id: int, model: OrdersModel
) -> None:
    first = model.record(0)
    status = OrderStatus(first.order_id or "", "Partial", OrderState.PARTIAL, remains=7)
    store.record_order_statuses(panel_id, {status.order_id: status}, {}, datetime.now(UTC))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        assert model.reload() is False
    assert model.index(0, OrderColumn.STATUS).data() == "Partial"
    assert model.index(0, OrderColumn.REMAINS).data() == "7"


def test_reload_resets_when_rows_arrive(
    qtbot: QtBot, store: Store, panel_id: int, model: OrdersModel
) -> None:
    store.import_orders(panel_id, ["99999"])
    with qtbot.waitSignal(model.modelReset):
        assert model.reload() is True
    assert model.total == HISTORY + 1


def test_an_order_tracked_by_its_id_says_its_service_is_not_known(
    store: Store, panel_id: int, model: OrdersModel
) -> None:
    (tracked,) = store.import_orders(panel_id, ["99999"])  # as import_history's are
    likes = Service("7", "Likes", "Default", "Tests", Decimal("1"), 10, 1000)
    ordered = sent(store, panel_id, likes, {}, quantity=100)
    model.reload()
    row = row_of(model, tracked.id)
    assert model.index(row, OrderColumn.SERVICE).data() == "Not known (tracked by its ID)"
    muted = current_tones().text(Tone.MUTED)
    assert model.index(row, OrderColumn.SERVICE).data(Qt.ItemDataRole.ForegroundRole) == muted
    named = model.index(row_of(model, ordered.id), OrderColumn.SERVICE)
    assert named.data(Qt.ItemDataRole.ForegroundRole) != muted
    assert model.index(row, OrderColumn.LINK).data() == ""
    assert model.index(row_of(model, ordered.id), OrderColumn.SERVICE).data() == "7 · Likes"


def test_unconfirmed_badge_and_colours(store: Store, panel_id: int, model: OrdersModel) -> None:
    service = Service("7", "Likes", "Default", "Tests", Decimal("1"), 10, 1000)
    record = unconfirmed_order(store, panel_id, service, "https://x.test/u")
    model.set_query(OrderQuery(panel_id=panel_id, tab="unconfirmed"))
    index = model.index(0, OrderColumn.STATUS)
    assert index.data(RECORD_ROLE).id == record.id
    assert index.data() == "⚠ Unconfirmed"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Resolve" in index.data(Qt.ItemDataRole.ToolTipRole)
    model.set_query(OrderQuery(panel_id=panel_id, tab="completed"))
    assert model.index(0, OrderColumn.STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_a_painted_cell_looks_as_its_roles_say(
    store: Store, panel_id: int, model: OrdersModel
) -> None:
    """What `TextCellDelegate` paints (`cell_look`) is what `data()` answers: badges,
    status colours, muted unknown services and right-aligned numbers included."""
    service = Service("7", "Likes", "Default", "Tests", Decimal("1"), 10, 1000)
    unconfirmed_order(store, panel_id, service, "https://x.test/u")
    store.import_orders(panel_id, ["99999"])
    model.reload()
    assert_looks_match_roles(model, OrderColumn)


def test_reload_reads_a_window_around_the_visible_rows(
    qtbot: QtBot, store: Store, panel_id: int, model: OrdersModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch_all(model)
    with qtbot.assertNotEmitted(model.modelReset):
        assert model.reload(first_visible=0, last_visible=9) is False
    assert model.rowCount() == 10 + PAGE_SIZE  # the rest comes back through fetchMore
    fetch_all(model)
    monkeypatch.setattr(orders_model, "RELOAD_LIMIT", 300)  # as if scrolled very deep
    deep = model.record(410)
    status = OrderStatus(deep.order_id or "", "Partial", OrderState.PARTIAL, remains=12_345)
    store.record_order_statuses(panel_id, {status.order_id: status}, {}, datetime.now(UTC))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as changed:
        assert model.reload(first_visible=400, last_visible=420) is False
    assert changed.args[0].row() == 400 - PAGE_SIZE
    assert model.index(410, OrderColumn.REMAINS).data() == "12,345"
    assert model.rowCount() == HISTORY


def sent(
    store: Store,
    panel_id: int,
    service: Service,
    fields: dict[str, str],
    *,
    link: str | None = "https://x.test/p",
    quantity: int | None = None,
    runs: int | None = None,
) -> OrderRecord:
    """A journal row as the order form writes it (no quantity for list types)."""
    record = store.insert_sending_order(
        panel_id, service, link=link, quantity=quantity, runs=runs, fields=fields
    )
    return store.set_journal_state(
        record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id=f"9{record.id}"
    )


def row_of(model: OrdersModel, record_id: int) -> int:
    model.set_query(model.query)
    fetch_all(model)
    row = model.row_of(record_id)
    assert row is not None
    return row


def test_the_refusal_shows_in_details_and_a_rejected_order_costs_nothing(
    store: Store, panel_id: int, model: OrdersModel
) -> None:
    service = Service("7", "Likes", "Default", "Tests", Decimal("1"), 10, 1000)
    refused = rejected_order(store, panel_id, service, "https://x.test/r")
    row = row_of(model, refused.id)
    assert model.index(row, OrderColumn.DETAILS).data() == "Quantity less than minimal 10"
    assert model.index(row, OrderColumn.CHARGE).data() == ""
    assert model.headerData(OrderColumn.DETAILS, Qt.Orientation.Horizontal) == "Details"


def test_quantities_say_what_the_panel_counts(
    store: Store, panel_id: int, model: OrdersModel
) -> None:
    comments = Service("8", "Comments", "Custom Comments", "T", Decimal("1"), 1, 100)
    subscription = Service("9", "Auto likes", "Subscriptions", "T", Decimal("1"), 10, 5000)
    dripfeed = Service("10", "Views", "Default", "T", Decimal("1"), 10, 5000, dripfeed=True)
    listed = sent(store, panel_id, comments, {"comments": "a\n\nb\nc\n"})
    every_post = {"username": "u", "min": "100", "max": "200", "posts": "5"}
    posts = sent(store, panel_id, subscription, every_post, link=None)
    open_ended = sent(store, panel_id, subscription, {"min": "50", "max": "50"}, link=None)
    dripped = sent(store, panel_id, dripfeed, {}, quantity=1000, runs=5)
    expected = {
        listed.id: "3",
        posts.id: "100\u2013200 \u00d7 5 posts",
        open_ended.id: "50 per post",
        dripped.id: "5 \u00d7 1,000",
    }
    for record_id, text in expected.items():
        assert model.index(row_of(model, record_id), OrderColumn.QUANTITY).data() == text


def test_panel_text_in_tooltips_is_text_not_markup(
    store: Store, panel_id: int, model: OrdersModel
) -> None:
    service = Service("7", "<b>Bold</b> likes", "Default", "Tests", Decimal("1"), 10, 1000)
    record = unconfirmed_order(store, panel_id, service, "https://x.test/<i>u</i>")
    row = row_of(model, record.id)
    tip = model.index(row, OrderColumn.SERVICE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in tip and "<b>" not in tip
    link_tip = model.index(row, OrderColumn.LINK).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;u&lt;/i&gt;" in link_tip


def test_a_repeated_order_id_shows_its_warning_in_details_and_the_real_charge(
    store: Store, panel_id: int, model: OrdersModel
) -> None:
    service = Service("7", "Likes", "Default", "Tests", Decimal("1"), 10, 1000)
    placing = store.insert_sending_order(panel_id, service, link="https://x.test/d", quantity=10)
    placed = PlacedOrder("1000", Decimal("0.25"), "USD")  # 1000 is in the imported history
    repeated = store.record_placed(placing.id, placed, expect=(JournalState.SENDING,))
    row = row_of(model, repeated.id)
    details = model.index(row, OrderColumn.DETAILS).data()
    assert details.startswith("Placed, but the panel answered with order ID 1000")
    assert model.index(row, OrderColumn.CHARGE).data() == format_money(Decimal("0.25"))
