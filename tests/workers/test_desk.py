"""The `Desk` facade against the real demo panel: every job answered on its signal with the
ticket it returned and a typed result, the one door for failures (bugs included), coalesced
reads, panel and key edits, and shutdown dropping late results."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import SignalInstance
from pytestqt.qtbot import QtBot

from smmdesk.api import Balance, PanelError, RequestTimeout, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.services.journal import INTERRUPTED
from smmdesk.services.panels import DEMO_PANEL_NAME, PanelDraft, PanelsChanged
from smmdesk.services.tracking import RefillRefreshReport, RefreshReport
from smmdesk.store import (
    CancelRecord,
    CatalogueDiff,
    InvalidTransition,
    JournalState,
    OrderRecord,
    Panel,
    RefillChange,
    RefillRecord,
    ServicesSnapshot,
    Store,
    StoreError,
)
from smmdesk.workers import (
    DEMO_KEY,
    CancelsRequested,
    CatalogueLoaded,
    Desk,
    DeskError,
    HistoryOpened,
    InternalError,
    Job,
    NetworkSettings,
    NoKeyStored,
    OrdersUpdated,
    RefillsRequested,
    Ticket,
    UnknownPanel,
)
from tests.conftest import TEST_KEY

TIMEOUT_MS = 30_000
MONTH_S = 30 * 86_400
UNREACHABLE_URL = "http://127.0.0.1:9/api/v2"
R = TypeVar("R")


# -- helpers ----------------------------------------------------------------------------------


def answer(
    qtbot: QtBot,
    desk: Desk,
    signal: SignalInstance,
    start: Callable[[], Ticket | None],
    job: Job,
    kind: type[R],
) -> tuple[Ticket, R]:
    """Start one job and wait for *its* answer on `signal`, recognised by the ticket's serial.

    A failure of this job on `task_failed` ends the wait at once and fails the test."""
    sent: list[Ticket] = []
    failures: list[tuple[Ticket, Exception]] = []

    def ours(ticket: Ticket, _result: object) -> bool:
        return bool(sent) and ticket.serial == sent[0].serial

    def on_failed(ticket: Ticket, error: Exception) -> None:
        if ours(ticket, error):
            failures.append((ticket, error))

    desk.task_failed.connect(on_failed)
    try:
        with qtbot.waitSignal(signal, timeout=TIMEOUT_MS, check_params_cb=ours) as blocker:
            blocker.connect(desk.task_failed)
            ticket = start()
            assert ticket is not None, f"{job.name} was not started"
            sent.append(ticket)
    finally:
        desk.task_failed.disconnect(on_failed)
    assert not failures, f"{job.name} failed: {failures[0][1]!r}"
    answered, result = blocker.args or [None, None]
    assert isinstance(answered, Ticket) and answered.serial == ticket.serial
    assert answered == ticket and answered.job is job
    assert isinstance(result, kind), f"{job.name} answered {result!r}, not a {kind.__name__}"
    return answered, result


def failure(
    qtbot: QtBot, desk: Desk, start: Callable[[], Ticket | None], job: Job
) -> tuple[Ticket, Exception]:
    """Start one job and wait for its failure on `task_failed`."""
    sent: list[Ticket] = []

    def ours(ticket: Ticket, _error: object) -> bool:
        return bool(sent) and ticket.serial == sent[0].serial

    with qtbot.waitSignal(desk.task_failed, timeout=TIMEOUT_MS, check_params_cb=ours) as blocker:
        ticket = start()
        assert ticket is not None
        sent.append(ticket)
    answered, error = blocker.args or [None, None]
    assert isinstance(answered, Ticket) and answered.serial == ticket.serial
    assert answered.job is job
    assert isinstance(error, Exception)
    return answered, error


def load_services(qtbot: QtBot, desk: Desk, panel: Panel) -> ServicesSnapshot:
    _, loaded = answer(
        qtbot,
        desk,
        desk.services_loaded,
        lambda: desk.refresh_services(panel.id),
        Job.REFRESH_SERVICES,
        CatalogueLoaded,
    )
    assert loaded.snapshot is not None
    return loaded.snapshot


def order_draft(services: list[Service], link: str, **flags: bool) -> OrderDraft:
    service = next(s for s in services if s.type == "Default" and all(getattr(s, k) for k in flags))
    return OrderDraft.of(service, link, service.min)


def place(qtbot: QtBot, desk: Desk, panel: Panel, **flags: bool) -> OrderRecord:
    services = load_services(qtbot, desk, panel).services
    request = order_draft(services, f"https://instagram.com/p/desk{id(flags)}", **flags)
    ticket, record = answer(
        qtbot,
        desk,
        desk.order_placed,
        lambda: desk.place_order(panel.id, request),
        Job.PLACE_ORDER,
        OrderRecord,
    )
    assert ticket.panel_id == panel.id
    assert record.journal_state is JournalState.PLACED
    return record


def sending_row(store: Store, panel: Panel, link: str) -> OrderRecord:
    """A `sending` row, as a killed app leaves it."""
    service = Service("1", "Followers", "Default", "Instagram", Decimal("1.2"), 10, 1000)
    return store.insert_sending_order(panel.id, service, link=link, quantity=100)


def open_history(qtbot: QtBot, desk: Desk) -> HistoryOpened:
    ticket, opened = answer(
        qtbot, desk, desk.history_opened, desk.open_history, Job.OPEN_HISTORY, HistoryOpened
    )
    assert ticket.panel_id is None
    return opened


def draft(name: str, url: str) -> PanelDraft:
    return PanelDraft(name, url, None, False)


# -- reads --------------------------------------------------------------------------------------


def test_services_loaded_carries_snapshot_and_diff(
    qtbot: QtBot, desk: Desk, test_panel: Panel
) -> None:
    ticket, loaded = answer(
        qtbot,
        desk,
        desk.services_loaded,
        lambda: desk.refresh_services(test_panel.id),
        Job.REFRESH_SERVICES,
        CatalogueLoaded,
    )
    assert ticket.panel_id == test_panel.id
    snapshot = loaded.snapshot
    assert isinstance(snapshot, ServicesSnapshot) and len(snapshot.services) == 120
    assert isinstance(loaded.diff, CatalogueDiff) and loaded.diff.is_first_fetch
    assert loaded.from_network is True
    ticket, cached = answer(
        qtbot,
        desk,
        desk.services_loaded,
        lambda: desk.load_cached_services(test_panel.id),
        Job.CACHED_SERVICES,
        CatalogueLoaded,
    )
    assert ticket.panel_id == test_panel.id
    assert cached.snapshot is not None and cached.snapshot.services == snapshot.services
    assert cached.from_network is False


def test_cached_services_of_a_panel_never_fetched(
    qtbot: QtBot, desk: Desk, test_panel: Panel
) -> None:
    _, cached = answer(
        qtbot,
        desk,
        desk.services_loaded,
        lambda: desk.load_cached_services(test_panel.id),
        Job.CACHED_SERVICES,
        CatalogueLoaded,
    )
    assert cached.snapshot is None and cached.from_network is False


def test_balance_and_connection_test(qtbot: QtBot, desk: Desk, test_panel: Panel) -> None:
    ticket, balance = answer(
        qtbot,
        desk,
        desk.balance_loaded,
        lambda: desk.fetch_balance(test_panel.id),
        Job.BALANCE,
        Balance,
    )
    assert ticket.panel_id == test_panel.id
    assert balance == Balance(Decimal("1000.00000"), "USD")
    ticket, tested = answer(
        qtbot,
        desk,
        desk.connection_tested,
        lambda: desk.test_connection(draft("Typed", test_panel.url), TEST_KEY),
        Job.TEST_CONNECTION,
        Balance,
    )
    assert ticket.panel_id is None
    assert tested == balance


def test_connection_test_without_a_typed_key_uses_the_stored_one(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    # The draft's URL is what is tested, not the stored one; only the key comes from storage.
    store.update_panel(dataclasses.replace(test_panel, url=UNREACHABLE_URL))
    ticket, tested = answer(
        qtbot,
        desk,
        desk.connection_tested,
        lambda: desk.test_connection(draft("Edited", test_panel.url), None, test_panel.id),
        Job.TEST_CONNECTION,
        Balance,
    )
    assert ticket.panel_id == test_panel.id
    assert tested == Balance(Decimal("1000.00000"), "USD")


@pytest.mark.parametrize("stored_panel", [True, False], ids=["keyless-panel", "new-panel"])
def test_connection_test_without_any_key_asks_for_one(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, stored_panel: bool
) -> None:
    panel_id = store.add_panel("No key", test_panel.url).id if stored_panel else None
    ticket, error = failure(
        qtbot,
        desk,
        lambda: desk.test_connection(draft("No key", test_panel.url), None, panel_id),
        Job.TEST_CONNECTION,
    )
    assert ticket.panel_id == panel_id
    assert type(error) is DeskError
    assert "enter the api key" in str(error).lower()


def test_connection_test_with_a_wrong_key_is_refused(
    qtbot: QtBot, desk: Desk, test_panel: Panel
) -> None:
    _, error = failure(
        qtbot,
        desk,
        lambda: desk.test_connection(draft("Typed", test_panel.url), "not-the-key"),
        Job.TEST_CONNECTION,
    )
    assert isinstance(error, PanelError) and error.panel_message == "Invalid API key"


# -- orders, refills and cancels ----------------------------------------------------------------


def test_order_status_refill_cancel_round_trip(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    order = place(qtbot, desk, test_panel, refill=True)
    _, refreshed = answer(
        qtbot,
        desk,
        desk.orders_refreshed,
        lambda: desk.refresh_orders(test_panel.id),
        Job.REFRESH_ORDERS,
        RefreshReport,
    )
    assert refreshed.checked == 1
    demo_panel.advance(MONTH_S)
    answer(
        qtbot,
        desk,
        desk.orders_refreshed,
        lambda: desk.refresh_orders(test_panel.id),
        Job.REFRESH_ORDERS,
        RefreshReport,
    )
    ticket, refills = answer(
        qtbot,
        desk,
        desk.refills_requested,
        lambda: desk.request_refills(test_panel.id, [order.id]),
        Job.REQUEST_REFILLS,
        RefillsRequested,
    )
    assert ticket.panel_id == test_panel.id
    assert [type(r) for r in refills.records] == [RefillRecord]
    assert refills.records[0].order_record_id == order.id
    assert refills.records[0].refill_id is not None
    _, report = answer(
        qtbot,
        desk,
        desk.refills_refreshed,
        lambda: desk.refresh_refills(test_panel.id),
        Job.REFRESH_REFILLS,
        RefillRefreshReport,
    )
    assert report.checked == 1
    assert report.changed and all(isinstance(c, RefillChange) for c in report.changed)
    for change in report.changed:
        assert change.refill.refill_id == refills.records[0].refill_id
        assert change.after is not change.before
    other = place(qtbot, desk, test_panel, cancel=True)
    _, cancels = answer(
        qtbot,
        desk,
        desk.cancels_requested,
        lambda: desk.request_cancels(test_panel.id, [other.id]),
        Job.REQUEST_CANCELS,
        CancelsRequested,
    )
    assert [type(c) for c in cancels.records] == [CancelRecord]
    assert cancels.records[0].accepted and cancels.records[0].order_record_id == other.id


def test_two_concurrent_orders_are_answered_each_with_its_own_ticket(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    services = load_services(qtbot, desk, test_panel).services
    first_request = order_draft(services, "https://instagram.com/p/first")
    second_request = order_draft(services, "https://instagram.com/p/second")
    demo_panel.latency_ms = 100
    tickets: list[Ticket] = []

    def answers(index: int) -> Callable[[Ticket, object], bool]:
        return lambda ticket, _record: len(tickets) == 2 and ticket.serial == tickets[index].serial

    with (
        qtbot.waitSignal(
            desk.order_placed, timeout=TIMEOUT_MS, check_params_cb=answers(0)
        ) as first,
        qtbot.waitSignal(
            desk.order_placed, timeout=TIMEOUT_MS, check_params_cb=answers(1)
        ) as second,
    ):
        tickets.append(desk.place_order(test_panel.id, first_request))
        tickets.append(desk.place_order(test_panel.id, second_request))
        assert tickets[0].serial != tickets[1].serial
    for blocker, ticket, request in (
        (first, tickets[0], first_request),
        (second, tickets[1], second_request),
    ):
        answered, record = blocker.args or [None, None]
        assert answered == ticket and answered.job is Job.PLACE_ORDER
        assert isinstance(record, OrderRecord) and record.link == request.link
        assert record.journal_state is JournalState.PLACED
    assert demo_panel.requests["add"] == 2


def test_resolve_dismiss_and_track_answer_on_orders_updated(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    resolved_id, first, second = demo_panel.create_orders(3)
    found = sending_row(store, test_panel, "https://instagram.com/p/found")
    lost = sending_row(store, test_panel, "https://instagram.com/p/lost")
    assert open_history(qtbot, desk).recovered == 2
    ticket, resolved = answer(
        qtbot,
        desk,
        desk.orders_updated,
        lambda: desk.resolve_order(test_panel.id, found.id, f" {resolved_id} "),
        Job.RESOLVE_ORDER,
        OrdersUpdated,
    )
    assert ticket.panel_id == test_panel.id and resolved.asked == 1
    [record] = resolved.records
    assert record.id == found.id and record.order_id == resolved_id
    assert record.journal_state is JournalState.PLACED
    ticket, dismissed = answer(
        qtbot,
        desk,
        desk.orders_updated,
        lambda: desk.dismiss_orders(test_panel.id, [lost.id]),
        Job.DISMISS_ORDERS,
        OrdersUpdated,
    )
    assert dismissed.asked == 1
    assert [(r.id, r.journal_state) for r in dismissed.records] == [
        (lost.id, JournalState.DISMISSED)
    ]
    assert dismissed.records[0].error == INTERRUPTED  # the reason stays with the row
    ticket, tracked = answer(
        qtbot,
        desk,
        desk.orders_updated,
        lambda: desk.track_orders(test_panel.id, [first, resolved_id, second]),
        Job.TRACK_ORDERS,
        OrdersUpdated,
    )
    assert tracked.asked == 3  # the resolved one is tracked already: skipped
    assert [r.order_id for r in tracked.records] == [first, second]
    assert all(r.panel_id == test_panel.id and r.is_tracked for r in tracked.records)


def test_journal_refusals_arrive_as_store_errors(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    row = sending_row(store, test_panel, "https://instagram.com/p/refused")
    open_history(qtbot, desk)
    _, error = failure(
        qtbot, desk, lambda: desk.resolve_order(test_panel.id, row.id, "  "), Job.RESOLVE_ORDER
    )
    assert isinstance(error, StoreError) and "order ID" in str(error)
    answer(
        qtbot,
        desk,
        desk.orders_updated,
        lambda: desk.dismiss_orders(test_panel.id, [row.id]),
        Job.DISMISS_ORDERS,
        OrdersUpdated,
    )
    _, error = failure(
        qtbot, desk, lambda: desk.dismiss_orders(test_panel.id, [row.id]), Job.DISMISS_ORDERS
    )
    assert isinstance(error, InvalidTransition)


def test_dismiss_is_all_or_nothing(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    [on_panel] = demo_panel.create_orders(1)
    first = sending_row(store, test_panel, "https://instagram.com/p/one")
    second = sending_row(store, test_panel, "https://instagram.com/p/two")
    open_history(qtbot, desk)
    answer(
        qtbot,
        desk,
        desk.orders_updated,
        lambda: desk.resolve_order(test_panel.id, second.id, on_panel),
        Job.RESOLVE_ORDER,
        OrdersUpdated,
    )
    _, error = failure(
        qtbot,
        desk,
        lambda: desk.dismiss_orders(test_panel.id, [first.id, second.id]),
        Job.DISMISS_ORDERS,
    )
    assert isinstance(error, InvalidTransition) and "nothing was dismissed" in str(error)
    untouched = store.order(first.id)
    assert untouched is not None and untouched.journal_state is JournalState.UNCONFIRMED


def test_track_counts_each_id_once(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    one, two = demo_panel.create_orders(2)
    _, tracked = answer(
        qtbot,
        desk,
        desk.orders_updated,
        lambda: desk.track_orders(test_panel.id, [one, f" {one} ", "", two]),
        Job.TRACK_ORDERS,
        OrdersUpdated,
    )
    assert tracked.asked == 2 and [r.order_id for r in tracked.records] == [one, two]


# -- start-up -----------------------------------------------------------------------------------


def test_open_history_recovers_sending_rows_and_creates_the_demo_row_once(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel
) -> None:
    interrupted = sending_row(store, test_panel, "https://instagram.com/p/killed")
    opened = open_history(qtbot, desk)
    assert opened.recovered == 1
    recovered = store.order(interrupted.id)
    assert recovered is not None and recovered.journal_state is JournalState.UNCONFIRMED
    assert recovered.error == INTERRUPTED
    demo = store.panel(opened.demo_panel_id)
    assert demo is not None and demo.is_demo and demo.name == DEMO_PANEL_NAME
    assert [p.id for p in opened.panels] == [p.id for p in store.panels()]
    assert {test_panel.id, demo.id} <= {p.id for p in opened.panels}
    again = open_history(qtbot, desk)
    assert again.recovered == 0 and again.demo_panel_id == demo.id
    assert [p.id for p in store.panels() if p.is_demo] == [demo.id]


def test_point_demo_reaches_the_demo_server_with_the_demo_key(
    qtbot: QtBot, desk: Desk, store: Store, keys: KeyStore
) -> None:
    demo_id = open_history(qtbot, desk).demo_panel_id
    with DemoPanel(key=DEMO_KEY, services=10, seed=1) as server:
        desk.point_demo(demo_id, server.url)
        _, balance = answer(
            qtbot,
            desk,
            desk.balance_loaded,
            lambda: desk.fetch_balance(demo_id),
            Job.BALANCE,
            Balance,
        )
        assert balance.currency == "USD"
        answer(
            qtbot,
            desk,
            desk.connection_tested,
            lambda: desk.test_connection(draft(DEMO_PANEL_NAME, server.url), None, demo_id),
            Job.TEST_CONNECTION,
            Balance,
        )
        assert server.requests["balance"] == 2
    assert keys.load(demo_id) is None  # the demo key is never stored


# -- panels and keys ----------------------------------------------------------------------------


def test_save_panel_adds_then_edits_and_retires_the_client(
    qtbot: QtBot, desk: Desk, store: Store, keys: KeyStore, demo_panel: DemoPanel
) -> None:
    ticket, added = answer(
        qtbot,
        desk,
        desk.panels_changed,
        lambda: desk.save_panel(None, draft("Added", demo_panel.url), TEST_KEY),
        Job.SAVE_PANEL,
        PanelsChanged,
    )
    assert ticket.panel_id is None
    panel = added.panel
    assert panel is not None and panel.name == "Added" and panel.url == demo_panel.url
    assert added.key_problem is None and not added.key_kept_for_session
    assert store.panel(panel.id) == panel and panel in added.panels
    assert keys.load(panel.id) == TEST_KEY
    answer(
        qtbot, desk, desk.balance_loaded, lambda: desk.fetch_balance(panel.id), Job.BALANCE, Balance
    )
    assert demo_panel.requests["balance"] == 1
    with DemoPanel(key=TEST_KEY, services=10, seed=1) as moved:
        ticket, edited = answer(
            qtbot,
            desk,
            desk.panels_changed,
            lambda: desk.save_panel(panel.id, draft("Moved", moved.url), None),
            Job.SAVE_PANEL,
            PanelsChanged,
        )
        assert ticket.panel_id == panel.id
        assert edited.panel is not None and edited.panel.id == panel.id
        assert edited.panel.name == "Moved" and edited.panel.url == moved.url
        assert edited.reconnected
        stored = store.panel(panel.id)
        assert stored is not None and stored.url == moved.url
        assert keys.load(panel.id) == TEST_KEY  # no key typed: the stored one stays
        answer(
            qtbot,
            desk,
            desk.balance_loaded,
            lambda: desk.fetch_balance(panel.id),
            Job.BALANCE,
            Balance,
        )
        assert moved.requests["balance"] == 1  # the retired client is not reused
    assert demo_panel.requests["balance"] == 1


def test_renaming_a_panel_keeps_its_client_and_balance(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    def save(name: str, url: str) -> PanelsChanged:
        _, changed = answer(
            qtbot,
            desk,
            desk.panels_changed,
            lambda: desk.save_panel(test_panel.id, draft(name, url), None),
            Job.SAVE_PANEL,
            PanelsChanged,
        )
        assert isinstance(changed, PanelsChanged)
        return changed

    assert not save("Renamed", demo_panel.url).reconnected
    with DemoPanel(key=TEST_KEY, services=10, seed=1) as moved:
        assert save("Renamed", moved.url).reconnected


def test_save_panel_with_a_new_key_uses_it_at_once(
    qtbot: QtBot, desk: Desk, store: Store, keys: KeyStore, test_panel: Panel
) -> None:
    keys.save(test_panel.id, "not-the-key")
    _, error = failure(qtbot, desk, lambda: desk.fetch_balance(test_panel.id), Job.BALANCE)
    assert isinstance(error, PanelError)  # and the pool now holds a client with that key
    answer(
        qtbot,
        desk,
        desk.panels_changed,
        lambda: desk.save_panel(test_panel.id, draft("Fixed", test_panel.url), TEST_KEY),
        Job.SAVE_PANEL,
        PanelsChanged,
    )
    assert keys.load(test_panel.id) == TEST_KEY
    answer(
        qtbot,
        desk,
        desk.balance_loaded,
        lambda: desk.fetch_balance(test_panel.id),
        Job.BALANCE,
        Balance,
    )


def test_the_demo_row_cannot_be_edited(qtbot: QtBot, desk: Desk) -> None:
    demo_id = open_history(qtbot, desk).demo_panel_id
    _, error = failure(
        qtbot,
        desk,
        lambda: desk.save_panel(demo_id, draft("Mine", UNREACHABLE_URL), None),
        Job.SAVE_PANEL,
    )
    assert isinstance(error, StoreError)


def test_keep_key_for_session(qtbot: QtBot, desk: Desk, keys: KeyStore, test_panel: Panel) -> None:
    ticket, kept = answer(
        qtbot,
        desk,
        desk.panels_changed,
        lambda: desk.keep_key_for_session(test_panel.id, TEST_KEY),
        Job.KEEP_KEY_FOR_SESSION,
        PanelsChanged,
    )
    assert ticket.panel_id == test_panel.id
    assert kept.key_kept_for_session and kept.panel == test_panel
    assert keys.session_only and keys.load(test_panel.id) == TEST_KEY
    answer(
        qtbot,
        desk,
        desk.balance_loaded,
        lambda: desk.fetch_balance(test_panel.id),
        Job.BALANCE,
        Balance,
    )


def test_remove_panel_deletes_row_and_key(
    qtbot: QtBot, desk: Desk, store: Store, keys: KeyStore, test_panel: Panel
) -> None:
    answer(
        qtbot,
        desk,
        desk.balance_loaded,
        lambda: desk.fetch_balance(test_panel.id),
        Job.BALANCE,
        Balance,
    )
    ticket, removed = answer(
        qtbot,
        desk,
        desk.panels_changed,
        lambda: desk.remove_panel(test_panel.id),
        Job.REMOVE_PANEL,
        PanelsChanged,
    )
    assert ticket.panel_id == test_panel.id
    assert removed.panel is None and removed.key_problem is None
    assert test_panel.id not in [p.id for p in removed.panels]
    assert store.panel(test_panel.id) is None
    assert keys.load(test_panel.id) is None
    _, error = failure(qtbot, desk, lambda: desk.fetch_balance(test_panel.id), Job.BALANCE)
    assert isinstance(error, UnknownPanel)  # its client went with it


# -- failures -----------------------------------------------------------------------------------


def test_failures_arrive_on_task_failed(
    qtbot: QtBot, desk: Desk, store: Store, keys: KeyStore, test_panel: Panel
) -> None:
    wrong = store.add_panel("Wrong key", test_panel.url)
    keys.save(wrong.id, "not-the-key")
    ticket, error = failure(qtbot, desk, lambda: desk.fetch_balance(wrong.id), Job.BALANCE)
    assert ticket.panel_id == wrong.id
    assert isinstance(error, PanelError) and error.panel_message == "Invalid API key"
    keyless = store.add_panel("No key", test_panel.url)
    _, error = failure(qtbot, desk, lambda: desk.fetch_balance(keyless.id), Job.BALANCE)
    assert isinstance(error, NoKeyStored) and "No key" in str(error)
    _, error = failure(qtbot, desk, lambda: desk.refresh_services(9999), Job.REFRESH_SERVICES)
    assert isinstance(error, UnknownPanel)
    assert desk.busy == 0


def test_a_bug_in_a_job_arrives_as_internal_error_and_is_logged(
    qtbot: QtBot,
    desk: Desk,
    test_panel: Panel,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise KeyError("x")

    monkeypatch.setattr(desk._tracker, "refresh_orders", broken)
    with caplog.at_level(logging.INFO, logger="smmdesk.workers"):
        ticket, error = failure(
            qtbot, desk, lambda: desk.refresh_orders(test_panel.id), Job.REFRESH_ORDERS
        )
    assert ticket.panel_id == test_panel.id
    assert isinstance(error, InternalError)
    assert isinstance(error.cause, KeyError) and error.cause.args == ("x",)
    message = str(error)
    assert "'x'" not in message and not message.startswith("Problem")
    assert "bug" in message and Job.REFRESH_ORDERS.value in message and "log" in message
    logged = [r for r in caplog.records if r.name == "smmdesk.workers" and r.exc_info]
    assert len(logged) == 1 and logged[0].levelno == logging.ERROR
    assert "REFRESH_ORDERS" in logged[0].getMessage()
    exc_info = logged[0].exc_info
    assert exc_info is not None and exc_info[0] is KeyError
    assert "Traceback" in caplog.text and "KeyError: 'x'" in caplog.text
    # The read is free again: the next one runs (and answers) once the bug is gone.
    monkeypatch.undo()
    answer(
        qtbot,
        desk,
        desk.orders_refreshed,
        lambda: desk.refresh_orders(test_panel.id),
        Job.REFRESH_ORDERS,
        RefreshReport,
    )


def test_a_bug_in_a_write_job_arrives_as_internal_error(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise KeyError("x")

    monkeypatch.setattr(desk._journal, "recover_interrupted", broken)
    _, error = failure(qtbot, desk, desk.open_history, Job.OPEN_HISTORY)
    assert isinstance(error, InternalError) and "'x'" not in str(error)
    assert desk.busy == 0


def test_set_network_applies_to_the_next_request(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    demo_panel.latency_ms = 1500
    desk.set_network(NetworkSettings(read_timeout=0.3, connect_timeout=2.0))
    _, error = failure(qtbot, desk, lambda: desk.fetch_balance(test_panel.id), Job.BALANCE)
    assert isinstance(error, RequestTimeout)
    desk.set_network(NetworkSettings())
    answer(
        qtbot,
        desk,
        desk.balance_loaded,
        lambda: desk.fetch_balance(test_panel.id),
        Job.BALANCE,
        Balance,
    )


# -- scheduling and life cycle ------------------------------------------------------------------


def test_duplicate_reads_are_coalesced(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    demo_panel.latency_ms = 300
    tickets: list[Ticket | None] = []

    def ours(ticket: Ticket, _loaded: object) -> bool:
        return tickets[0] is not None and ticket.serial == tickets[0].serial

    with qtbot.waitSignal(desk.services_loaded, timeout=TIMEOUT_MS, check_params_cb=ours):
        tickets.append(desk.refresh_services(test_panel.id))
        tickets.append(desk.refresh_services(test_panel.id))
        assert tickets[0] is not None and tickets[1] is None
    assert demo_panel.requests["services"] == 1
    # The same read of another kind, or of another panel, is not coalesced with it.
    assert desk.refresh_services(test_panel.id) is not None  # free again once finished
    assert desk.load_cached_services(test_panel.id) is not None
    qtbot.waitUntil(lambda: desk.busy == 0, timeout=TIMEOUT_MS)


def test_busy_changed_counts_tasks(qtbot: QtBot, desk: Desk, test_panel: Panel) -> None:
    counts: list[int] = []
    desk.busy_changed.connect(counts.append)
    answer(
        qtbot,
        desk,
        desk.balance_loaded,
        lambda: desk.fetch_balance(test_panel.id),
        Job.BALANCE,
        Balance,
    )
    assert counts == [1, 0]


@pytest.mark.timeout(60)
def test_shutdown_drops_late_results(
    qtbot: QtBot, desk: Desk, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    demo_panel.latency_ms = 300
    desk.fetch_balance(test_panel.id)
    desk.shutdown()
    with qtbot.assertNotEmitted(desk.balance_loaded, wait=800):
        pass
    with qtbot.assertNotEmitted(desk.task_failed, wait=100):
        pass
