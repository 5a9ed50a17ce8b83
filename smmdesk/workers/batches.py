"""`Desk`'s mass-order jobs: check the lines, store the batch, place it, pause, resume,
stop, reopen it after a quit or crash, and send a rejected line again.

Checking reads and checks on the read pool; the loaded `BatchChecker` comes back with the
answer, so re-checking after an edit loads nothing again. Placing is two steps under one
ticket: the batch is stored on the write pool (every line is written down before any is
sent), then `BatchPlacer` sends it on a one-thread pool of its own, so a batch that takes
minutes never holds back the write pool (an order from the New order pane, a refill).
One batch runs at a time; a second one waits for the first.

While it runs, the batch reports `batch_progressed(Ticket, BatchProgress)` (what each line
became, for the table) and `progressed(Ticket, Progress)` (done of total, for any bar);
`batch_finished` carries the last report. The ticket's serial stays the same from
`place_batch` to `batch_finished`; its job says which step answered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QThreadPool, Signal, SignalInstance, Slot

from smmdesk.api.draft import OrderDraft
from smmdesk.api.mass_lines import MassLine, parse_mass_text, read_mass_file
from smmdesk.api.said import Said
from smmdesk.runtime import building_long_lived_data
from smmdesk.services.batches import BatchControl, BatchPlacer, BatchProgress
from smmdesk.services.mass_check import BatchChecker, CheckedLine, LineVerdict
from smmdesk.store import BatchLineRecord, BatchRecord

from .desk_base import SHUTDOWN_WAIT_MS, DeskBase
from .errors import DeskError
from .jobs import Job, Ticket
from .results import BatchChecked, BatchesListed, BatchOpened
from .task import ProgressReporter, Task

MassSource = str | Path | Sequence[MassLine]
# Why a mass-order request failed, in English: the pane translates each `Said`.
WORDS = "MassOrder"
NO_LONGER_KNOWN = str(
    QT_TRANSLATE_NOOP("MassOrder", "This mass order is no longer in the history.")
)
UNREADABLE_FILE = str(QT_TRANSLATE_NOOP("MassOrder", "Cannot read “{name}”: {reason}."))


class BatchRunSignals(QObject):
    """Carries a running batch's reports from the placer's threads to the GUI thread.
    One per run, owned by the run, so a late report never reaches a deleted `Desk`."""

    reported = Signal(object, object)


class BatchJobs(DeskBase):
    batch_checked = Signal(object, object)
    batch_started = Signal(object, object)
    batch_progressed = Signal(object, object)
    batch_finished = Signal(object, object)
    batches_listed = Signal(object, object)
    batch_opened = Signal(object, object)
    batch_line_resent = Signal(object, object)
    _batch_stored = Signal(object, object)  # the write step of place/resume answered

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._batch_pool = QThreadPool(self)
        self._batch_pool.setMaxThreadCount(1)
        self._controls: dict[int, BatchControl] = {}  # running batch ID -> its control
        self._in_flight_wanted: dict[int, int] = {}  # ticket serial -> orders in flight
        self._run_batch_of: dict[int, int] = {}  # run ticket serial -> batch ID
        self._batch_stored.connect(self.on_batch_stored)
        self.batch_finished.connect(self.on_batch_run_ended)
        self.task_failed.connect(self.on_batch_run_ended)

    # -- checking -------------------------------------------------------------------------

    def check_batch(
        self,
        panel_id: int,
        source: MassSource,
        balances: Mapping[int, Decimal] | None = None,
        currencies: Mapping[int, str] | None = None,
    ) -> Ticket:
        """Read `source` (pasted text, a file or lines) and check every line for the
        batch's panel `panel_id`, against the `balances` and in the `currencies` known
        (by panel ID). Answers `batch_checked(Ticket, BatchChecked)`."""
        wanted = source if isinstance(source, str | Path) else list(source)
        known, money = dict(balances or {}), dict(currencies or {})

        def job() -> BatchChecked:
            with building_long_lived_data():  # the preview keeps every line's verdict
                lines = _read_lines(wanted)
                checker = BatchChecker.load(self._store, panel_id, lines)
                check = checker.check(lines, balances=known, currencies=money)
            return BatchChecked(tuple(lines), check, checker)

        return self._submit(self._reads, Ticket(Job.CHECK_BATCH, panel_id, self._generation), job)

    def recheck_batch(
        self,
        panel_id: int,
        checker: BatchChecker,
        lines: Sequence[MassLine],
        *,
        released: Container[int] = (),
        skipped: Container[int] = (),
        balances: Mapping[int, Decimal] | None = None,
        currencies: Mapping[int, str] | None = None,
    ) -> Ticket:
        """Check edited lines again with the checker a `check_batch` loaded (it keeps what
        it found for lines that did not change)."""
        wanted, known, money = tuple(lines), dict(balances or {}), dict(currencies or {})

        def job() -> BatchChecked:
            check = checker.check(
                wanted, released=released, skipped=skipped, balances=known, currencies=money
            )
            return BatchChecked(wanted, check, checker)

        ticket = Ticket(Job.RECHECK_BATCH, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    # -- placing --------------------------------------------------------------------------

    def place_batch(
        self, title: str, lines: Sequence[tuple[int, int, OrderDraft]], in_flight: int
    ) -> Ticket:
        """Store the batch (number, panel ID and draft of each line to send), then send
        it with at most `in_flight` orders at once. Answers `batch_started(Ticket,
        BatchRecord)`, then `batch_progressed` and `batch_finished(Ticket, BatchProgress)`."""
        wanted = list(lines)

        def job() -> BatchRecord:
            return self._store.create_batch(title, wanted)

        panel_ids = {panel_id for _number, panel_id, _draft in wanted}
        panel_id = panel_ids.pop() if len(panel_ids) == 1 else None
        return self._store_then_run(Job.PLACE_BATCH, panel_id, job, in_flight)

    def resume_batch(self, batch_id: int, in_flight: int) -> Ticket:
        """Send the lines of a stopped or interrupted batch that were never sent; answers
        as `place_batch` does."""

        def job() -> BatchRecord:
            batch = self._store.batch(batch_id)
            if batch is None:
                raise DeskError(Said(WORDS, NO_LONGER_KNOWN))
            return batch

        return self._store_then_run(Job.RESUME_BATCH, None, job, in_flight)

    def pause_batch(self, batch_id: int) -> bool:
        """Send no further line until `continue_batch`; lines in flight finish."""
        control = self._controls.get(batch_id)
        if control is not None:
            control.pause()
        return control is not None

    def continue_batch(self, batch_id: int) -> bool:
        control = self._controls.get(batch_id)
        if control is not None:
            control.resume()
        return control is not None

    def stop_batch(self, batch_id: int) -> bool:
        """Send no further line (lines in flight finish); the batch is recorded as
        stopped, and its never-sent lines wait for `resume_batch`."""
        control = self._controls.get(batch_id)
        if control is not None:
            control.stop()
        return control is not None

    # -- stored batches -------------------------------------------------------------------

    def list_batches(self, unfinished_only: bool = True) -> Ticket:
        """The stored batches (newest first) and the newest one's lines. On the write
        pool although it only reads: asked at start-up, it answers after `open_history`
        has turned what a crash left `sending` into `unconfirmed`. Answers
        `batches_listed(Ticket, BatchesListed)`."""

        def job() -> BatchesListed:
            batches = self._store.batches(unfinished_only=unfinished_only)
            newest = self._opened(batches[0]) if batches else None
            return BatchesListed(batches, newest)

        return self._write(Job.LIST_BATCHES, None, job)

    def open_batch(self, batch_id: int) -> Ticket:
        """A stored batch with each line's latest attempt. Answers `batch_opened`."""

        def job() -> BatchOpened:
            batch = self._store.batch(batch_id)
            if batch is None:
                raise DeskError(Said(WORDS, NO_LONGER_KNOWN))
            return self._opened(batch)

        return self._submit(self._reads, Ticket(Job.OPEN_BATCH, None, self._generation), job)

    def resend_batch_line(
        self, panel_id: int, batch_id: int, number: int, draft: OrderDraft
    ) -> Ticket:
        """Send a rejected line again as `draft`: only on the user's explicit request.
        Answers `batch_line_resent(Ticket, OrderRecord)`."""

        def job() -> Any:
            with self._clients.lease(panel_id) as client:
                return self._journal.resend_batch_line(client, batch_id, number, draft)

        return self._write(Job.RESEND_BATCH_LINE, panel_id, job)

    # -- life cycle -----------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop running batches between two lines (lines in flight finish; the batch
        stays unfinished and reopens at the next start), then shut down as usual."""
        for control in self._controls.values():
            control.stop()
        super().shutdown()
        self._batch_pool.waitForDone(SHUTDOWN_WAIT_MS)

    # -- plumbing -------------------------------------------------------------------------

    def _store_then_run(self, job: Job, panel_id: int | None, work: Any, in_flight: int) -> Ticket:
        ticket = self._write(job, panel_id, work)
        self._in_flight_wanted[ticket.serial] = in_flight
        return ticket

    @Slot(object, object)
    def on_batch_stored(self, ticket: Ticket, batch: BatchRecord) -> None:
        """The write step answered: say so, then send the batch under the same serial."""
        in_flight = self._in_flight_wanted.pop(ticket.serial, 1)
        self.batch_started.emit(ticket, batch)
        if batch.id in self._controls:
            return  # already running (a Resume asked twice): nothing more to start
        self._run(dataclasses.replace(ticket, job=Job.RUN_BATCH), batch.id, in_flight)

    def _run(self, ticket: Ticket, batch_id: int, in_flight: int) -> None:
        control = BatchControl()
        self._controls[batch_id] = control
        self._run_batch_of[ticket.serial] = batch_id
        signals = BatchRunSignals()
        signals.reported.connect(self.on_batch_reported)

        def job(reporter: ProgressReporter) -> BatchProgress:
            def report(progress: BatchProgress) -> None:
                signals.reported.emit(ticket, progress)
                reporter(progress.done, progress.total, progress.rejected + progress.unconfirmed)

            placer = BatchPlacer(self._store)
            return placer.run(batch_id, self._clients.lease, in_flight, control, report)

        self._start(self._batch_pool, Task.reporting(ticket, job))

    @Slot(object, object)
    def on_batch_reported(self, ticket: Ticket, progress: BatchProgress) -> None:
        if ticket.serial in self._in_flight and ticket.generation == self._generation:
            self.batch_progressed.emit(ticket, progress)

    @Slot(object, object)
    def on_batch_run_ended(self, ticket: Ticket, _result: object) -> None:
        batch_id = self._run_batch_of.pop(ticket.serial, None)
        if batch_id is not None:
            self._controls.pop(batch_id, None)
        self._in_flight_wanted.pop(ticket.serial, None)

    def _opened(self, batch: BatchRecord) -> BatchOpened:
        records = self._store.batch_lines(batch.id)
        names = {panel.id: panel.name for panel in self._store.panels()}
        lines = tuple(_stored_line(record, names.get(record.panel_id)) for record in records)
        return BatchOpened(batch, lines, {record.number: record.order for record in records})

    def _signal_for(self, job: Job) -> SignalInstance:
        signals = {
            Job.CHECK_BATCH: self.batch_checked,
            Job.RECHECK_BATCH: self.batch_checked,
            Job.PLACE_BATCH: self._batch_stored,
            Job.RESUME_BATCH: self._batch_stored,
            Job.RUN_BATCH: self.batch_finished,
            Job.LIST_BATCHES: self.batches_listed,
            Job.OPEN_BATCH: self.batch_opened,
            Job.RESEND_BATCH_LINE: self.batch_line_resent,
        }
        return signals[job] if job in signals else super()._signal_for(job)


def _read_lines(source: str | Path | list[MassLine]) -> list[MassLine]:
    if isinstance(source, str):
        return parse_mass_text(source)
    if isinstance(source, Path):
        try:
            return read_mass_file(source)
        except OSError as error:
            reason = error.strerror or str(error)
            raise DeskError(Said(WORDS, UNREADABLE_FILE, name=source.name, reason=reason)) from None
    return source


def _stored_line(record: BatchLineRecord, panel_name: str | None) -> CheckedLine:
    """A stored line as the preview shows it: READY, as it was confirmed (its service as
    the catalogue had it then, and the draft it is or was sent as)."""
    fields = record.draft_fields
    source = "|".join([record.service_id, fields.get("link", ""), fields.get("quantity", "")])
    return CheckedLine(
        line=MassLine(record.number, source, record.service_id, fields),
        verdict=LineVerdict.READY,
        panel_id=record.panel_id,
        panel_name=panel_name,
        service=record.service,
        draft=record.draft,
        charge=record.charge_estimate,
        currency=record.currency,
        problems=(),
    )
