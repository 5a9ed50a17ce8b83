"""Placing a mass-order batch: each never-sent line through the journal, a bounded number
in flight, with pause, stop and throttled progress. No Qt: threads from the stdlib.

Every line is sent by `OrderJournal.place_batch_line`, which claims it in the transaction
that commits its `sending` row: a line is never sent twice, whatever runs at the same time
or ran before a crash. An outcome is the journal's (placed, rejected, unconfirmed): a
transport error makes that line unconfirmed and the batch goes on; a `StoreError` (the
history cannot record what happens) stops the batch and is raised, as is any other error
that keeps a line from being handled (no client for the panel, a bug).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smmdesk.store import BatchLineRecord, JournalState, OrderRecord, Store, StoreError

from .journal import OrderJournal

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")

REPORT_INTERVAL = 0.1  # seconds: at most ~10 reports a second, plus the final one
RATE_WINDOW = 20  # the last completions the time left is estimated from
Lease = Callable[[int], AbstractContextManager["PanelClient"]]


class BatchControl:
    """Pause, resume and stop for a running batch; thread-safe. A line in flight is never
    interrupted: the batch pauses or stops between lines."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._paused = False
        self._stopped = False

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    def pause(self) -> None:
        with self._changed:
            self._paused = not self._stopped
            self._changed.notify_all()

    def resume(self) -> None:
        with self._changed:
            self._paused = False
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._paused = False
            self._changed.notify_all()

    def wait_while_paused(self, on_pause: Callable[[], None] = lambda: None) -> bool:
        """Return at once, or when a pause ends; False when the batch is to stop.
        `on_pause` runs (without the lock) before waiting out a pause."""
        if self._paused and not self._stopped:
            on_pause()
        with self._changed:
            while self._paused and not self._stopped:
                self._changed.wait()
            return not self._stopped


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a batch stands: `done` lines were sent (`placed`, `rejected`, `unconfirmed`,
    which counts a line a crash left `sending`, or dismissed), `finished` those that got
    an outcome since the last report.
    `seconds_left` comes from the rate observed lately; None before any line finished in
    this run or while paused."""

    batch_id: int
    total: int
    done: int
    placed: int
    rejected: int
    unconfirmed: int
    seconds_left: float | None
    finished: tuple[BatchLineRecord, ...]
    paused: bool
    stopped: bool


class BatchPlacer:
    """Runs a batch on the caller's thread and up to `in_flight - 1` threads of its own."""

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], float] = time.monotonic,
        report_interval: float = REPORT_INTERVAL,
    ) -> None:
        self._store = store
        self._setup = _Setup(store, OrderJournal(store), clock, report_interval)

    def run(
        self,
        batch_id: int,
        lease: Lease,
        in_flight: int,
        control: BatchControl,
        report: Callable[[BatchProgress], None],
    ) -> BatchProgress:
        """Send the batch's never-sent lines, at most `in_flight` at once, and return the
        final progress (also reported). `report` is called from worker threads."""
        if self._store.batch(batch_id) is None:
            raise StoreError(f"Batch {batch_id} is no longer in the history.")
        lines = self._store.batch_lines(batch_id)
        self._store.set_batch_stopped(batch_id, False)
        run = _Run(self._setup, batch_id, lines, control, report)
        todo = [line for line in lines if line.order is None]
        log.info("batch %d: %d line(s) to send, %d in flight", batch_id, len(todo), in_flight)
        run.place(todo, lease, max(1, in_flight))
        if control.stopped:
            self._remember_stop(batch_id)
        final = run.report(force=True)
        if run.error is not None:
            raise run.error
        assert final is not None
        return final

    def _remember_stop(self, batch_id: int) -> None:
        try:
            self._store.set_batch_stopped(batch_id, True)
        except StoreError as error:
            log.warning("batch %d: the stop could not be recorded: %s", batch_id, error)


@dataclass(frozen=True, slots=True)
class _Setup:
    store: Store
    journal: OrderJournal
    clock: Callable[[], float]
    report_interval: float


class _Run:
    """One run of a batch: the lines left to send, the tallies, the progress reports."""

    def __init__(
        self,
        setup: _Setup,
        batch_id: int,
        lines: Sequence[BatchLineRecord],
        control: BatchControl,
        report: Callable[[BatchProgress], None],
    ) -> None:
        self._setup = setup
        self._batch_id = batch_id
        self._control = control
        self._report = report
        self._total = len(lines)
        self._tally: dict[JournalState, int] = dict.fromkeys(JournalState, 0)
        for line in lines:
            if line.order is not None:
                self._tally[line.order.journal_state] += 1
        self._state = threading.Lock()  # guards everything below
        self._reporting = threading.Lock()  # one report at a time, in order
        self._todo: deque[BatchLineRecord] = deque()
        self._finished: list[BatchLineRecord] = []
        self._completions: deque[float] = deque([setup.clock()], maxlen=RATE_WINDOW + 1)
        self._last_report = float("-inf")
        self._pause_reported = False
        self.error: BaseException | None = None

    # -- placing -------------------------------------------------------------------------------

    def place(self, todo: Sequence[BatchLineRecord], lease: Lease, in_flight: int) -> None:
        self._todo.extend(todo)
        workers = [
            threading.Thread(target=self._work, args=(lease,), name=f"batch-{self._batch_id}-{n}")
            for n in range(min(in_flight, len(todo)) - 1)
        ]
        for worker in workers:
            worker.start()
        self._work(lease)
        for worker in workers:
            worker.join()

    def _work(self, lease: Lease) -> None:
        while self._control.wait_while_paused(self._on_pause):
            line = self._next()
            if line is None:
                return
            try:
                with lease(line.panel_id) as client:
                    record = self._setup.journal.place_batch_line(
                        client, self._batch_id, line.number
                    )
                if record is None:  # sent by someone else meanwhile: show what it became
                    record = self._latest(line)
                self._done(line, record)
                self.report()
            except BaseException as error:
                self._fail(line, error)
                return

    def _next(self) -> BatchLineRecord | None:
        with self._state:
            if self.error is not None or not self._todo:
                return None
            self._resumed_locked()
            return self._todo.popleft()

    def _latest(self, line: BatchLineRecord) -> OrderRecord | None:
        latest = self._setup.store.batch_line(self._batch_id, line.number)
        return None if latest is None else latest.order

    def _done(self, line: BatchLineRecord, record: OrderRecord | None) -> None:
        with self._state:
            self._completions.append(self._setup.clock())
            if record is not None:
                self._tally[record.journal_state] += 1
                self._finished.append(dataclasses.replace(line, order=record))

    def _fail(self, line: BatchLineRecord, error: BaseException) -> None:
        log.warning("batch %d stopped at line %d: %r", self._batch_id, line.number, error)
        with self._state:
            if self.error is None:
                self.error = error

    # -- pausing -------------------------------------------------------------------------------

    def _on_pause(self) -> None:
        with self._state:
            if self._pause_reported:
                return
            self._pause_reported = True
        self.report(force=True)

    def _resumed_locked(self) -> None:
        """After a pause the rate starts over: the pause is no part of it."""
        if self._pause_reported:
            self._pause_reported = False
            self._completions.clear()
            self._completions.append(self._setup.clock())

    # -- reports -------------------------------------------------------------------------------

    def report(self, force: bool = False) -> BatchProgress | None:
        """Report the progress, if the last report is old enough (or `force`)."""
        if not self._reporting.acquire(blocking=force):
            return None
        try:
            with self._state:
                now = self._setup.clock()
                if not force and now - self._last_report < self._setup.report_interval:
                    return None
                progress = self._progress_locked()
                self._finished = []
                self._last_report = now
            self._report(progress)
            return progress
        finally:
            self._reporting.release()

    def _progress_locked(self) -> BatchProgress:
        tally = self._tally
        done = sum(tally.values())  # a line left `sending` by a crash: claimed, unconfirmed
        paused = self._control.paused
        return BatchProgress(
            batch_id=self._batch_id,
            total=self._total,
            done=done,
            placed=tally[JournalState.PLACED],
            rejected=tally[JournalState.REJECTED],
            unconfirmed=tally[JournalState.UNCONFIRMED] + tally[JournalState.SENDING],
            seconds_left=None if paused else self._seconds_left_locked(self._total - done),
            finished=tuple(self._finished),
            paused=paused,
            stopped=self._control.stopped,
        )

    def _seconds_left_locked(self, remaining: int) -> float | None:
        if remaining <= 0:
            return 0.0
        finished = len(self._completions) - 1
        elapsed = self._completions[-1] - self._completions[0]
        if finished < 1 or elapsed <= 0:
            return None
        return remaining * elapsed / finished
