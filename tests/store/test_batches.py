"""Mass-order batches in the store: lines stored before sending, each claimed once with
its `sending` row (threads, a store re-opened after a crash), counts by latest attempt,
re-sending only what the panel rejected, and the migration from schema 6."""

from __future__ import annotations

import sqlite3
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.api import PlacedOrder
from smmdesk.api.draft import OrderDraft
from smmdesk.store import (
    SCHEMA_VERSION,
    BatchRecord,
    Database,
    InvalidTransition,
    JournalState,
    Panel,
    Store,
    StoreError,
)
from smmdesk.store.migrations import MIGRATIONS

from .conftest import make_service

SERVICE = make_service("5", rate="2.00", type="Custom Comments", min=1, max=100)
DEFAULT = make_service("1")


def draft(n: int, **overrides: object) -> OrderDraft:
    fields = {"link": f"https://x.example/{n}", "comments": "one\ntwo", **overrides}
    return OrderDraft(SERVICE, fields, charge_estimate=Decimal("0.00400"), currency="USD")


def new_batch(store: Store, panel: Panel, count: int = 3) -> BatchRecord:
    return store.create_batch(
        "Monday's list", [(n * 2, panel.id, draft(n)) for n in range(1, count + 1)]
    )


def states(store: Store, batch_id: int) -> list[tuple[int, JournalState | None]]:
    return [
        (line.number, line.order and line.order.journal_state)
        for line in store.batch_lines(batch_id)
    ]


def test_a_batch_is_stored_whole_before_anything_is_sent(store: Store, panel: Panel) -> None:
    batch = new_batch(store, panel)
    assert (batch.title, batch.total, batch.unsent, batch.stopped) == ("Monday's list", 3, 3, False)
    assert (batch.placed, batch.rejected, batch.unconfirmed, batch.sending) == (0, 0, 0, 0)
    assert not batch.is_finished
    lines = store.batch_lines(batch.id)
    assert [line.number for line in lines] == [2, 4, 6]
    first = lines[0]
    assert (first.panel_id, first.service_id, first.order) == (panel.id, "5", None)
    assert first.draft == draft(1)  # the service, fields, estimate and currency confirmed
    assert store.batch_line(batch.id, 4) == lines[1]
    assert store.batch_line(batch.id, 5) is None
    assert store.batches() == [batch]


def test_a_batch_needs_lines_with_their_own_numbers_on_existing_panels(
    store: Store, panel: Panel
) -> None:
    with pytest.raises(StoreError, match="at least one line"):
        store.create_batch("empty", [])
    with pytest.raises(StoreError, match="same number"):
        store.create_batch("twice", [(1, panel.id, draft(1)), (1, panel.id, draft(2))])
    with pytest.raises(StoreError, match="Panel 99 no longer exists"):
        store.create_batch("elsewhere", [(1, 99, draft(1))])
    assert store.batches() == []


def test_a_claim_inserts_the_sending_row_and_a_second_claim_gets_nothing(
    store: Store, panel: Panel
) -> None:
    batch = new_batch(store, panel)
    claimed = store.claim_batch_line(batch.id, 4)
    assert claimed is not None
    record, sent = claimed
    assert sent == draft(2)
    assert record.journal_state is JournalState.SENDING
    assert (record.batch_id, record.batch_line, record.link) == (batch.id, 4, "https://x.example/2")
    assert record.fields == {"comments": "one\ntwo"}
    assert record.charge_estimate == Decimal("0.00400")
    assert store.claim_batch_line(batch.id, 4) is None
    assert states(store, batch.id) == [(2, None), (4, JournalState.SENDING), (6, None)]
    summary = store.batch(batch.id)
    assert summary is not None and (summary.sending, summary.unsent) == (1, 2)
    with pytest.raises(StoreError, match="Line 8 of batch"):
        store.claim_batch_line(batch.id, 8)


def test_threads_racing_for_the_lines_claim_each_line_once(store: Store, panel: Panel) -> None:
    batch = new_batch(store, panel, count=40)
    numbers = [line.number for line in store.batch_lines(batch.id)]
    won: list[tuple[int, int]] = []
    lock = threading.Lock()
    start = threading.Barrier(4)

    def claim_all() -> None:
        start.wait()
        for number in numbers:
            claimed = store.claim_batch_line(batch.id, number)
            if claimed is not None:
                with lock:
                    won.append((number, claimed[0].id))

    threads = [threading.Thread(target=claim_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(number for number, _ in won) == numbers
    rows = store._db.query("SELECT batch_line, count(*) FROM orders GROUP BY batch_line")
    assert {row[0]: row[1] for row in rows} == dict.fromkeys(numbers, 1)


def test_after_a_crash_claimed_lines_stay_claimed_and_become_unconfirmed(
    store: Store, panel: Panel
) -> None:
    batch = new_batch(store, panel)
    store.claim_batch_line(batch.id, 2)
    path = store.path
    store.close()  # the app dies with line 2 in flight
    with Store.open(path) as reopened:
        assert reopened.sending_to_unconfirmed("interrupted") == 1
        assert reopened.claim_batch_line(batch.id, 2) is None  # never sent twice
        assert states(reopened, batch.id) == [(2, JournalState.UNCONFIRMED), (4, None), (6, None)]
        unsent = [line.number for line in reopened.batch_lines(batch.id) if line.order is None]
        assert unsent == [4, 6]
        assert [b.id for b in reopened.batches(unfinished_only=True)] == [batch.id]


def test_counts_follow_each_lines_latest_attempt(store: Store, panel: Panel) -> None:
    batch = new_batch(store, panel, count=4)
    outcomes = {2: JournalState.PLACED, 4: JournalState.REJECTED, 6: JournalState.UNCONFIRMED}
    for number, state in outcomes.items():
        claimed = store.claim_batch_line(batch.id, number)
        assert claimed is not None
        if state is JournalState.PLACED:
            store.record_placed(claimed[0].id, PlacedOrder("9001"), expect=(JournalState.SENDING,))
        else:
            store.set_journal_state(claimed[0].id, state, expect=(JournalState.SENDING,))
    summary = store.batch(batch.id)
    assert summary is not None
    assert (summary.placed, summary.rejected, summary.unconfirmed, summary.unsent) == (1, 1, 1, 1)
    store.claim_batch_line(batch.id, 8)
    [line] = [line for line in store.batch_lines(batch.id) if line.number == 8]
    assert line.order is not None
    store.set_journal_state(line.order.id, JournalState.PLACED, expect=(JournalState.SENDING,))
    finished = store.batch(batch.id)
    assert finished is not None and finished.is_finished
    assert store.batches(unfinished_only=True) == []


def test_only_a_rejected_line_is_claimed_again_and_keeps_its_edit(
    store: Store, panel: Panel
) -> None:
    batch = new_batch(store, panel)
    with pytest.raises(InvalidTransition, match="never sent"):
        store.claim_rejected_batch_line(batch.id, 2, draft(1))
    claimed = store.claim_batch_line(batch.id, 2)
    assert claimed is not None
    with pytest.raises(InvalidTransition, match="it is sending"):
        store.claim_rejected_batch_line(batch.id, 2, draft(1))
    store.set_journal_state(claimed[0].id, JournalState.REJECTED, expect=(JournalState.SENDING,))
    edited = draft(1, comments="one\ntwo\nthree")
    again = store.claim_rejected_batch_line(batch.id, 2, edited)
    assert again.id != claimed[0].id and again.journal_state is JournalState.SENDING
    assert again.fields == {"comments": "one\ntwo\nthree"}
    [line, *_] = store.batch_lines(batch.id)
    assert (line.order, line.draft) == (again, edited)
    with pytest.raises(InvalidTransition):
        store.claim_rejected_batch_line(batch.id, 2, edited)
    attempts = store._db.query("SELECT count(*) FROM orders WHERE batch_line = 2")
    assert attempts[0][0] == 2  # both attempts stay in the journal


def test_stop_is_remembered(store: Store, panel: Panel) -> None:
    batch = new_batch(store, panel)
    store.set_batch_stopped(batch.id, True)
    stopped = store.batch(batch.id)
    assert stopped is not None and stopped.stopped
    store.set_batch_stopped(batch.id, False)
    assert not store.batches()[0].stopped
    with pytest.raises(StoreError, match="no longer in the history"):
        store.set_batch_stopped(99, True)


def test_a_removed_panel_takes_its_batch_lines_along(store: Store, panel: Panel) -> None:
    batch = new_batch(store, panel)
    store.claim_batch_line(batch.id, 2)
    store.delete_panel(panel.id)
    assert store.batch_lines(batch.id) == []
    summary = store.batch(batch.id)
    assert summary is not None and summary.total == 0


def test_active_link_keys_name_the_newest_order_and_count_them(store: Store, panel: Panel) -> None:
    first = store.insert_sending_order(panel.id, DEFAULT, link="https://x.example/a", quantity=10)
    store.record_placed(first.id, PlacedOrder("1"), expect=(JournalState.SENDING,))
    second = store.insert_sending_order(panel.id, DEFAULT, link="HTTP://x.example/a/", quantity=10)
    store.set_journal_state(second.id, JournalState.REJECTED, expect=(JournalState.SENDING,))
    third = store.insert_sending_order(panel.id, DEFAULT, link="x.example/a", quantity=10)
    store.insert_sending_order(panel.id, DEFAULT, link="@Someone", quantity=10)
    keys = store.active_link_keys()
    assert set(keys) == {"x.example/a", "@someone"}
    newest = keys["x.example/a"]
    assert (newest.record_id, newest.count, newest.journal_state) == (
        third.id,
        2,
        JournalState.SENDING,
    )


# -- migration -----------------------------------------------------------------------------


def v6_database(path: Path) -> None:
    """A schema-6 database as the previous SMMDesk left it, with one order."""
    db = Database(path)
    db.migrate(MIGRATIONS[:6])
    db.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO panels (id, name, url, created_at) VALUES (1, 'Old', 'https://p.example',"
            " '2024-01-02T03:04:05.000000+00:00')"
        )
        conn.execute(
            "INSERT INTO orders (panel_id, service_id, service_name, service_type, link,"
            " quantity, journal_state, order_id, created_at, updated_at, can_refill, can_cancel,"
            " tab, link_key) VALUES (1, '1', 'Likes', 'Default', 'https://x.example/p', 100,"
            " 'placed', '55', '2024-01-02T03:04:05.000000+00:00',"
            " '2024-01-02T03:04:05.000000+00:00', 1, 0, 'pending', 'x.example/p')"
        )
    conn.close()


def test_a_v6_database_is_backed_up_then_gains_batches(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    v6_database(path)
    with Store.open(path) as store:
        [order] = store.orders_by_order_ids(1, ["55"])
        assert (order.link, order.batch_id, order.batch_line) == ("https://x.example/p", None, None)
        assert store.batches() == []
        panel = store.panel(1)
        assert panel is not None
        batch = new_batch(store, panel, count=1)
        assert store.claim_batch_line(batch.id, 2) is not None
        version = store._db.query_one("PRAGMA user_version")
        assert version is not None and version[0] == SCHEMA_VERSION >= 7
    backup = sqlite3.connect(tmp_path / "smmdesk.db.v6.bak")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 6
    assert backup.execute("SELECT count(*) FROM orders").fetchone()[0] == 1
    backup.close()
