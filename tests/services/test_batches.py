"""Mass orders placed through the journal on the real demo panel: each line once, never
twice (threads, a stop, a crash mid-batch and its resume), outcomes per line as for a
single order, and `BatchPlacer`'s bounds, pause, stop and progress."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smmdesk.api import PanelClient, Service
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.services.batches import BatchControl, BatchPlacer, BatchProgress
from smmdesk.store import (
    BatchRecord,
    DatabaseLocked,
    InvalidTransition,
    JournalState,
    Panel,
    Store,
    StoreError,
)
from tests.conftest import TEST_KEY
from tests.store.disks import Impatient, locked_by_another_program

from .conftest import default_service


def drafts(service: Service, count: int, quantity: int | None = None) -> list[OrderDraft]:
    return [
        OrderDraft.of(service, f"https://instagram.com/p/batch{n}", quantity or service.min,
                      charge_estimate=Decimal("0.1"), currency="USD")
        for n in range(1, count + 1)
    ]  # fmt: skip


def make_batch(store: Store, panel: Panel, orders: list[OrderDraft]) -> BatchRecord:
    return store.create_batch("test", [(n, panel.id, d) for n, d in enumerate(orders, 1)])


def line_states(store: Store, batch_id: int) -> dict[int, JournalState | None]:
    return {
        line.number: None if line.order is None else line.order.journal_state
        for line in store.batch_lines(batch_id)
    }


# -- the journal ---------------------------------------------------------------------------


def test_a_batch_line_is_placed_once(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 2))
    journal = OrderJournal(store)
    record = journal.place_batch_line(client, batch.id, 1)
    assert record is not None and record.journal_state is JournalState.PLACED
    assert record.order_id in panel_server.orders
    assert (record.batch_id, record.batch_line) == (batch.id, 1)
    assert journal.place_batch_line(client, batch.id, 1) is None
    assert panel_server.requests["add"] == 1
    assert line_states(store, batch.id) == {1: JournalState.PLACED, 2: None}


def test_a_refused_line_is_rejected_and_can_be_sent_again_edited(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    service = default_service(catalogue)
    batch = make_batch(store, panel, drafts(service, 1, quantity=service.min - 1))
    journal = OrderJournal(store)
    rejected = journal.place_batch_line(client, batch.id, 1)
    assert rejected is not None and rejected.journal_state is JournalState.REJECTED
    assert rejected.error == f"Quantity less than minimal {service.min}"
    [fixed] = drafts(service, 1)
    placed = journal.resend_batch_line(client, batch.id, 1, fixed)
    assert placed.journal_state is JournalState.PLACED
    with pytest.raises(InvalidTransition):
        journal.resend_batch_line(client, batch.id, 1, fixed)
    assert panel_server.requests["add"] == 2
    [line] = store.batch_lines(batch.id)
    assert line.order == placed and line.draft == fixed


@pytest.mark.parametrize(
    ("fault", "state"), [("timeout", JournalState.UNCONFIRMED), ("error200", JournalState.REJECTED)]
)
def test_a_line_follows_the_journal_rules_on_faults(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel, fault: str, state: JournalState,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 1))
    panel_server.timeout_fault_seconds = 1.0
    panel_server.inject("add", fault, count=1)
    record = OrderJournal(store).place_batch_line(client, batch.id, 1)
    assert record is not None and record.journal_state is state
    assert OrderJournal(store).place_batch_line(client, batch.id, 1) is None  # never resent
    assert panel_server.requests["add"] == 1


# -- BatchPlacer ---------------------------------------------------------------------------


class Leases:
    """`ClientPool.lease` for one client, counting the leases open at once."""

    def __init__(self, client: PanelClient) -> None:
        self.client = client
        self.open = 0
        self.most = 0
        self._lock = threading.Lock()

    @contextmanager
    def __call__(self, panel_id: int) -> Iterator[PanelClient]:
        with self._lock:
            self.open += 1
            self.most = max(self.most, self.open)
        try:
            yield self.client
        finally:
            with self._lock:
                self.open -= 1


class Reports(list[BatchProgress]):
    def __call__(self, progress: BatchProgress) -> None:
        self.append(progress)

    def finished_numbers(self) -> list[int]:
        return sorted(line.number for progress in self for line in progress.finished)


def run(
    store: Store, batch: BatchRecord, client: PanelClient, *, in_flight: int = 2,
    control: BatchControl | None = None, report: Callable[[BatchProgress], None] | None = None,
    **options: Any,
) -> BatchProgress:  # fmt: skip
    placer = BatchPlacer(store, **options)
    report = Reports() if report is None else report
    return placer.run(batch.id, Leases(client), in_flight, control or BatchControl(), report)


def test_a_batch_is_placed_line_by_line_within_its_bound(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 12))
    panel_server.latency_ms = 30
    leases, reports = Leases(client), Reports()
    final = BatchPlacer(store).run(batch.id, leases, 3, BatchControl(), reports)
    assert (final.total, final.done, final.placed, final.rejected, final.unconfirmed) == (
        12, 12, 12, 0, 0,
    )  # fmt: skip
    assert (final.seconds_left, final.paused, final.stopped) == (0.0, False, False)
    assert leases.most == 3
    assert reports[-1] == final
    assert reports.finished_numbers() == list(range(1, 13))  # each line reported once
    assert panel_server.requests["add"] == 12
    assert set(line_states(store, batch.id).values()) == {JournalState.PLACED}
    summary = store.batch(batch.id)
    assert summary is not None and summary.is_finished and not summary.stopped


def test_reports_are_throttled_to_the_interval_plus_the_last(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service]
) -> None:
    batch = make_batch(store, panel, drafts(default_service(catalogue), 8))
    reports = Reports()
    frozen = time.monotonic()
    final = run(store, batch, client, report=reports, clock=lambda: frozen)
    assert len(reports) == 2  # the first line's, then none until the clock moves: the final
    assert reports.finished_numbers() == list(range(1, 9))
    assert final.done == 8


def test_a_failed_line_does_not_stop_the_batch(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    service = default_service(catalogue)
    orders = drafts(service, 6)
    orders[3] = drafts(service, 1, quantity=service.min - 1)[0]  # refused by the panel
    batch = make_batch(store, panel, orders)
    panel_server.timeout_fault_seconds = 1.0
    panel_server.inject("add", "timeout", count=1)  # the first line times out
    final = run(store, batch, client, in_flight=1)
    assert (final.done, final.placed, final.rejected, final.unconfirmed) == (6, 4, 1, 1)
    states = line_states(store, batch.id)
    assert (states[1], states[4]) == (JournalState.UNCONFIRMED, JournalState.REJECTED)
    assert panel_server.requests["add"] == 6


def test_stop_leaves_the_rest_unsent_and_resume_sends_only_that(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 10))
    control = BatchControl()
    reports = Reports()

    def stop_after_three(progress: BatchProgress) -> None:
        reports(progress)
        if progress.done >= 3:
            control.stop()

    stopped = run(store, batch, client, in_flight=1, control=control,
                  report=stop_after_three, report_interval=0)  # fmt: skip
    assert stopped.stopped and stopped.done == 3
    summary = store.batch(batch.id)
    assert summary is not None and summary.stopped and summary.unsent == 7
    resumed = run(store, batch, client, in_flight=2)
    assert (resumed.done, resumed.placed) == (10, 10)
    assert panel_server.requests["add"] == 10
    summary = store.batch(batch.id)
    assert summary is not None and not summary.stopped and summary.is_finished


def test_pause_waits_between_lines_until_resume(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service]
) -> None:
    batch = make_batch(store, panel, drafts(default_service(catalogue), 6))
    control = BatchControl()
    reports = Reports()
    resumed_at: list[float] = []

    def pause_once(progress: BatchProgress) -> None:
        reports(progress)
        if progress.done == 2 and not resumed_at:
            control.pause()
            resumed_at.append(time.monotonic() + 0.3)
            threading.Timer(0.3, control.resume).start()

    final = run(store, batch, client, in_flight=1, control=control, report=pause_once,
                report_interval=0)  # fmt: skip
    paused = [progress for progress in reports if progress.paused]
    assert paused and paused[0].done == 2 and paused[0].seconds_left is None
    assert final.done == 6 and not final.paused
    later = [progress.done for progress in reports[reports.index(paused[-1]) + 1 :]]
    assert later and min(later) >= 3
    assert time.monotonic() >= resumed_at[0]


def test_a_storage_problem_stops_the_batch_and_is_raised(
    tmp_path: Path, client: PanelClient, catalogue: list[Service], panel_server: DemoPanel
) -> None:
    path = tmp_path / "locked.db"
    with Store.on(Impatient(path)) as store, ExitStack() as lock:
        panel = store.add_panel("Demo", panel_server.url, is_demo=True)
        batch = make_batch(store, panel, drafts(default_service(catalogue), 4))

        locked: list[bool] = []

        def lock_after_the_first(progress: BatchProgress) -> None:
            if progress.done == 1 and not locked:
                locked.append(True)
                lock.enter_context(locked_by_another_program(path))

        with pytest.raises(DatabaseLocked):
            run(store, batch, client, in_flight=1, report=lock_after_the_first)
        lock.close()
        assert line_states(store, batch.id) == {1: JournalState.PLACED, 2: None, 3: None, 4: None}
    assert panel_server.requests["add"] == 1


def test_a_lease_that_fails_stops_the_batch_before_its_line_is_claimed(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service]
) -> None:
    batch = make_batch(store, panel, drafts(default_service(catalogue), 2))

    @contextmanager
    def no_key(panel_id: int) -> Iterator[PanelClient]:
        raise LookupError("no key")
        yield client

    with pytest.raises(LookupError):
        BatchPlacer(store).run(batch.id, no_key, 2, BatchControl(), Reports())
    assert line_states(store, batch.id) == {1: None, 2: None}


def test_two_placers_on_one_batch_send_each_line_once(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    batch = make_batch(store, panel, drafts(default_service(catalogue), 20))
    panel_server.latency_ms = 10
    results: list[BatchProgress] = []
    threads = [
        threading.Thread(target=lambda: results.append(run(store, batch, client, in_flight=2)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [progress.done for progress in results] == [20, 20]
    assert panel_server.requests["add"] == 20
    links = [order.link for order in panel_server.orders.values()]
    assert len(set(links)) == 20


def test_an_unknown_batch_is_a_store_error(store: Store, client: PanelClient) -> None:
    with pytest.raises(StoreError, match="no longer in the history"):
        BatchPlacer(store).run(99, Leases(client), 2, BatchControl(), Reports())


# -- a crash mid-batch ---------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
# The child: what the app does when the user confirms a batch. It is killed mid-batch.
CHILD = """
import sys
from contextlib import contextmanager
from pathlib import Path
from smmdesk.api import PanelClient
from smmdesk.services.batches import BatchControl, BatchPlacer
from smmdesk.store import Store

db, url, key, batch_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store.open(Path(db))
with PanelClient(url, key, timeout=60) as client:
    @contextmanager
    def lease(panel_id):
        yield client
    BatchPlacer(store).run(batch_id, lease, 2, BatchControl(), lambda progress: None)
print("the batch ended before the kill", flush=True)
"""


def test_a_batch_killed_mid_way_loses_no_line_and_doubles_none(
    store: Store, panel: Panel, client: PanelClient, catalogue: list[Service],
    panel_server: DemoPanel,
) -> None:  # fmt: skip
    lines = 30
    batch = make_batch(store, panel, drafts(default_service(catalogue), lines))
    panel_server.latency_ms = 100
    args = [str(store.path), panel_server.url, TEST_KEY, str(batch.id)]
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            summary = store.batch(batch.id)
            assert summary is not None
            if summary.placed >= 5 and summary.sending > 0:
                break
            assert child.poll() is None, "the child ended before it was killed"
            time.sleep(0.01)
    finally:
        child.kill()  # SIGKILL: no cleanup runs in the child
        child.wait(timeout=10)
    assert child.returncode != 0

    with Store.open(store.path) as restarted:
        in_flight = OrderJournal(restarted).recover_interrupted()
        assert in_flight <= 2  # the lines in flight when it died (none if between two)
        killed = restarted.batch(batch.id)
        assert killed is not None and killed.unconfirmed == in_flight and killed.unsent > 0
        panel_server.latency_ms = 0
        final = run(restarted, killed, client)
        assert (final.done, final.unconfirmed) == (lines, in_flight)
        rows = restarted._db.query(
            "SELECT batch_line, count(*) FROM orders WHERE batch_id = ? GROUP BY batch_line",
            (batch.id,),
        )
    assert {row[0]: row[1] for row in rows} == {n: 1 for n in range(1, lines + 1)}
    # The add the child was killed in is still waiting out the panel's latency: the panel
    # counted it on arrival and places it after (the lines sent since took no latency).
    deadline = time.monotonic() + 5
    while len(panel_server.orders) < panel_server.requests["add"] < lines + 1:
        assert time.monotonic() < deadline, "the panel never answered a request it received"
        time.sleep(0.01)
    links = [order.link for order in panel_server.orders.values()]
    assert len(links) == len(set(links)) == panel_server.requests["add"]  # no link twice
    assert lines - in_flight <= len(links) <= lines
