"""`Desk`'s mass-order jobs against the demo panel: check and re-check off the GUI thread,
store then place under one ticket with progress, pause, stop and resume, reopen after a
quit, send a rejected line again, and a kill -9 mid-batch that loses and doubles nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.api.draft import OrderDraft
from smmdesk.api.mass_lines import parse_mass_text
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.services.batches import BatchProgress
from smmdesk.services.mass_check import LineVerdict
from smmdesk.store import BatchRecord, JournalState, Panel, Store
from smmdesk.workers import BatchChecked, BatchesListed, Desk, DeskError, Job, Progress, Ticket
from tests.conftest import TEST_KEY

TIMEOUT_MS = 30_000
REPO = Path(__file__).resolve().parents[2]


class Answers(QObject):
    """Every answer of the batch signals, in arrival order, as (signal name, ticket, value)."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.got: list[tuple[str, Ticket, Any]] = []
        for name in (
            "batch_checked",
            "batch_started",
            "batch_progressed",
            "batch_finished",
            "batches_listed",
            "batch_opened",
            "batch_line_resent",
            "progressed",
            "task_failed",
        ):
            getattr(desk, name).connect(self._keeper(name))

    def _keeper(self, name: str) -> Callable[[Ticket, Any], None]:
        return lambda ticket, value: self.got.append((name, ticket, value))

    def of(self, ticket: Ticket, name: str) -> list[Any]:
        return [v for n, t, v in self.got if n == name and t.serial == ticket.serial]

    def wait(self, qtbot: QtBot, ticket: Ticket, name: str, timeout: int = TIMEOUT_MS) -> Any:
        qtbot.waitUntil(
            lambda: bool(self.of(ticket, name) or self.of(ticket, "task_failed")), timeout=timeout
        )
        failed = self.of(ticket, "task_failed")
        assert not failed, failed
        return self.of(ticket, name)[-1]


@pytest.fixture
def catalogue(qtbot: QtBot, desk: Desk, test_panel: Panel) -> list[Service]:
    """The test panel's catalogue, cached in the store as checking reads it."""
    loaded: list[Any] = []
    desk.services_loaded.connect(lambda _ticket, result: loaded.append(result))
    desk.refresh_services(test_panel.id)
    qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT_MS)
    return list(loaded[0].snapshot.services)


def plain(services: list[Service]) -> Service:
    return next(s for s in services if s.type == "Default" and not s.dripfeed)


def drafts(service: Service, count: int, tag: str) -> list[tuple[int, int, OrderDraft]]:
    return [
        (n, 0, OrderDraft.of(service, f"https://instagram.com/{tag}/{n}", service.min))
        for n in range(1, count + 1)
    ]


def for_panel(
    lines: list[tuple[int, int, OrderDraft]], panel: Panel
) -> list[tuple[int, int, OrderDraft]]:
    return [(n, panel.id, draft) for n, _panel, draft in lines]


def test_check_and_recheck_run_off_the_gui_thread(
    qtbot: QtBot, desk: Desk, test_panel: Panel, catalogue: list[Service]
) -> None:
    answers = Answers(desk)
    service = plain(catalogue)
    text = f"{service.id}|https://instagram.com/p/a|{service.min}\n{service.id}|https://instagram.com/p/b|1"
    ticket = desk.check_batch(test_panel.id, text, currencies={test_panel.id: "USD"})
    checked: BatchChecked = answers.wait(qtbot, ticket, "batch_checked")
    assert ticket.job is Job.CHECK_BATCH
    assert [c.verdict for c in checked.check.lines] == [LineVerdict.READY, LineVerdict.INVALID]
    fixed = parse_mass_text(text.replace("|1", f"|{service.min + 1}"))
    again = desk.recheck_batch(test_panel.id, checked.checker, fixed, skipped={1})
    rechecked: BatchChecked = answers.wait(qtbot, again, "batch_checked")
    assert [c.verdict for c in rechecked.check.lines] == [LineVerdict.SKIPPED, LineVerdict.READY]


def test_a_file_that_cannot_be_read_fails_in_words(
    qtbot: QtBot, desk: Desk, test_panel: Panel, tmp_path: Path
) -> None:
    answers = Answers(desk)
    ticket = desk.check_batch(test_panel.id, tmp_path / "missing.csv")
    qtbot.waitUntil(lambda: bool(answers.of(ticket, "task_failed")), timeout=TIMEOUT_MS)
    [error] = answers.of(ticket, "task_failed")
    assert isinstance(error, DeskError) and str(error).startswith("Cannot read “missing.csv”")


def test_placing_stores_then_sends_under_one_ticket_with_progress(
    qtbot: QtBot, desk: Desk, test_panel: Panel, catalogue: list[Service], demo_panel: DemoPanel
) -> None:
    answers = Answers(desk)
    lines = for_panel(drafts(plain(catalogue), 8, "one"), test_panel)
    ticket = desk.place_batch("Eight", lines, in_flight=2)
    final: BatchProgress = answers.wait(qtbot, ticket, "batch_finished")
    [started] = answers.of(ticket, "batch_started")
    assert isinstance(started, BatchRecord) and started.total == 8 and started.title == "Eight"
    assert (final.done, final.placed, final.total) == (8, 8, 8)
    reports = answers.of(ticket, "batch_progressed")
    assert reports[-1] == final  # the final progress is reported, then answered
    assert sorted(line.number for p in reports for line in p.finished) == list(range(1, 9))
    assert answers.of(ticket, "progressed") and isinstance(
        answers.of(ticket, "progressed")[-1], Progress
    )
    names = [n for n, t, _v in answers.got if t.serial == ticket.serial]
    assert names[0] == "batch_started" and names[-1] == "batch_finished"
    assert demo_panel.requests["add"] == 8


def test_pause_stop_and_resume_send_each_line_once(
    qtbot: QtBot,
    desk: Desk,
    store: Store,
    test_panel: Panel,
    catalogue: list[Service],
    demo_panel: DemoPanel,
) -> None:
    answers = Answers(desk)
    demo_panel.latency_ms = 60
    ticket = desk.place_batch(
        "Twelve", for_panel(drafts(plain(catalogue), 12, "ps"), test_panel), 2
    )
    started: BatchRecord = answers.wait(qtbot, ticket, "batch_started")
    qtbot.waitUntil(lambda: demo_panel.requests["add"] >= 2, timeout=TIMEOUT_MS)
    assert desk.pause_batch(started.id)
    qtbot.wait(300)
    paused_at = demo_panel.requests["add"]
    qtbot.wait(300)
    assert demo_panel.requests["add"] == paused_at < 12
    assert desk.continue_batch(started.id)
    qtbot.waitUntil(lambda: demo_panel.requests["add"] >= paused_at + 2, timeout=TIMEOUT_MS)
    assert desk.stop_batch(started.id)
    final: BatchProgress = answers.wait(qtbot, ticket, "batch_finished")
    assert final.stopped and final.done < 12
    stored = store.batch(started.id)
    assert stored is not None and stored.stopped and stored.unsent == 12 - final.done
    assert not desk.pause_batch(started.id)  # not running any more
    again = desk.resume_batch(started.id, 2)
    answers.wait(qtbot, again, "batch_finished")
    assert store.batch(started.id).unsent == 0  # type: ignore[union-attr]
    links = Counter(order.link for order in demo_panel.orders.values())
    assert links == Counter(f"https://instagram.com/ps/{n}" for n in range(1, 13))


def test_a_quit_mid_batch_reopens_and_resumes_the_rest(
    qtbot: QtBot, store: Store, keys: KeyStore, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    first = Desk(store, keys)
    answers = Answers(first)
    loaded: list[Any] = []
    first.services_loaded.connect(lambda _t, result: loaded.append(result))
    first.refresh_services(test_panel.id)
    qtbot.waitUntil(lambda: bool(loaded), timeout=TIMEOUT_MS)
    demo_panel.latency_ms = 80
    lines = for_panel(drafts(plain(loaded[0].snapshot.services), 14, "quit"), test_panel)
    answers.wait(qtbot, first.place_batch("Quit", lines, 2), "batch_started")
    qtbot.waitUntil(lambda: demo_panel.requests["add"] >= 3, timeout=TIMEOUT_MS)
    first.shutdown()
    sent = demo_panel.requests["add"]

    second = Desk(store, keys)
    try:
        answers = Answers(second)
        second.open_history()
        listed: BatchesListed = answers.wait(qtbot, second.list_batches(), "batches_listed")
        [batch] = listed.batches
        assert listed.newest is not None and listed.newest.batch.id == batch.id
        outcomes = listed.newest.outcomes
        assert sum(1 for r in outcomes.values() if r is None) == 14 - sent == batch.unsent
        assert all(r.journal_state is JournalState.PLACED for r in outcomes.values() if r)
        answers.wait(qtbot, second.resume_batch(batch.id, 2), "batch_finished")
    finally:
        second.shutdown()
    links = Counter(order.link for order in demo_panel.orders.values())
    assert links == Counter(f"https://instagram.com/quit/{n}" for n in range(1, 15))


def test_only_a_rejected_line_is_sent_again(
    qtbot: QtBot,
    desk: Desk,
    store: Store,
    test_panel: Panel,
    catalogue: list[Service],
    demo_panel: DemoPanel,
) -> None:
    answers = Answers(desk)
    service = plain(catalogue)
    demo_panel.inject("add", "error200", count=1)
    ticket = desk.place_batch("Two", for_panel(drafts(service, 2, "rj"), test_panel), 1)
    final: BatchProgress = answers.wait(qtbot, ticket, "batch_finished")
    assert (final.placed, final.rejected) == (1, 1)
    batch_id = final.batch_id
    rejected = next(
        line.number
        for line in store.batch_lines(batch_id)
        if line.order is not None and line.order.journal_state is JournalState.REJECTED
    )
    placed = 3 - rejected
    draft = OrderDraft.of(service, f"https://instagram.com/rj/{rejected}", service.min + 1)
    resent = desk.resend_batch_line(test_panel.id, batch_id, rejected, draft)
    record = answers.wait(qtbot, resent, "batch_line_resent")
    assert record.journal_state is JournalState.PLACED and record.quantity == service.min + 1
    refused = desk.resend_batch_line(test_panel.id, batch_id, placed, draft)
    qtbot.waitUntil(lambda: bool(answers.of(refused, "task_failed")), timeout=TIMEOUT_MS)
    assert demo_panel.requests["add"] == 3


CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from smmdesk.api.draft import OrderDraft
from smmdesk.secrets import KeyStore
from smmdesk.store import Store
from smmdesk.workers import Desk

db, key, panel_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
app = QCoreApplication([])
store = Store.open(Path(db))
keys = KeyStore(session_only=True)
keys.save(panel_id, key)
desk = Desk(store, keys)
service = next(s for s in store.cached_services(panel_id).services
               if s.type == "Default" and not s.dripfeed)
lines = [(n, panel_id, OrderDraft.of(service, f"https://instagram.com/kill/{n}", service.min))
         for n in range(1, count + 1)]
desk.batch_finished.connect(lambda *_: app.quit())
desk.place_batch("Killed", lines, 2)
app.exec()
print("the batch finished: the kill came too late", flush=True)
"""


def test_a_kill_mid_batch_loses_no_line_and_doubles_none(
    qtbot: QtBot,
    store: Store,
    keys: KeyStore,
    test_panel: Panel,
    catalogue: list[Service],
    demo_panel: DemoPanel,
) -> None:
    lines = 20
    demo_panel.latency_ms = 120
    args = [str(store.path), TEST_KEY, str(test_panel.id), str(lines)]
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], cwd=REPO)
    try:
        deadline = time.monotonic() + 30
        while demo_panel.requests["add"] < 5 and time.monotonic() < deadline:
            assert child.poll() is None, "the child ended before it was killed"
            time.sleep(0.01)
    finally:
        child.kill()  # SIGKILL on POSIX: no cleanup code runs in the child
        child.wait(timeout=10)
    assert 5 <= demo_panel.requests["add"] < lines

    desk = Desk(store, keys)
    try:
        answers = Answers(desk)
        desk.open_history()  # what was `sending` becomes `unconfirmed`
        listed: BatchesListed = answers.wait(qtbot, desk.list_batches(), "batches_listed")
        [batch] = listed.batches
        assert batch.sending == 0 and batch.total == lines
        answers.wait(qtbot, desk.resume_batch(batch.id, 2), "batch_finished")
        done = store.batch(batch.id)
    finally:
        desk.shutdown()
    assert done is not None and done.unsent == 0 and done.sending == 0
    assert done.placed + done.unconfirmed == lines  # every line has an outcome
    links = Counter(order.link for order in demo_panel.orders.values())
    assert max(links.values()) == 1  # no line reached the panel twice
    assert len(links) >= done.placed
