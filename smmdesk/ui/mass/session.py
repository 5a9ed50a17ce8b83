"""`MassSession`: one mass order from pasted text to placed orders, without widgets.

It keeps what the user changed (edited fields, removed, skipped and released lines), asks
`Desk` to check, store, place, pause, resume and stop, and keeps the `PreviewModel` in step
with the answers. The pane only lays out widgets and turns clicks into calls here.

The lines are checked on a worker (`Desk.check_batch`); after an edit the loaded checker
checks them again, also on a worker (`Desk.recheck_batch`): re-checking 10,000 lines after
one edit measured 55 to 177 ms (bench/mass_parse.py), far over the 20 ms a GUI-thread
step may take. Only the answer to the latest request is shown; the edited line reads
"Checking…" meanwhile.

Signals:
    phase_changed(Phase)     what the batch is doing now
    checked()                a (re-)check was shown: counts, totals and `problem` are new
    progressed()             the placed batch moved on: `counts()` and `progress` are new
    balances_changed()       a panel's balance arrived: `balances.amounts` is new
    failed(str)              a request of this session failed, in words for the user
    resent(int, object)      line N was sent again: its new journal row
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from smmdesk.api.draft import OrderDraft
from smmdesk.api.mass_lines import MassLine
from smmdesk.services.batches import BatchProgress
from smmdesk.services.mass_check import BatchCheck, CheckedLine
from smmdesk.services.mass_summary import CheckFacts, facts_of
from smmdesk.settings import MASS_IN_FLIGHT
from smmdesk.store import BatchRecord, JournalState, OrderRecord
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.mass.batch_balances import BatchBalances
from smmdesk.ui.mass.edits import LineEdits, whole_problem
from smmdesk.ui.mass.preview_model import PreviewModel
from smmdesk.ui.mass.wording import failure_words
from smmdesk.workers import BatchChecked, BatchesListed, BatchOpened, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class Phase(Enum):
    EMPTY = "empty"  # nothing pasted or opened
    CHECKING = "checking"  # lines are read and checked
    PREVIEW = "preview"  # checked, editable, nothing sent
    STORING = "storing"  # the batch is being stored before anything is sent
    PLACING = "placing"
    PAUSED = "paused"
    STOPPED = "stopped"  # stopped (or interrupted): never-sent lines wait for Resume
    DONE = "done"  # every line of the batch was sent

    @property
    def running(self) -> bool:
        return self in (Phase.STORING, Phase.PLACING, Phase.PAUSED)


class MassSession(QObject):
    phase_changed = Signal(object)
    checked = Signal()
    progressed = Signal()
    balances_changed = Signal()
    failed = Signal(str)
    resent = Signal(int, object)

    def __init__(
        self, context: AppContext, model: PreviewModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.model = model
        self.phase = Phase.EMPTY
        self.title = ""
        self.problem = ""  # why the whole text or file could not be read
        self.edits = LineEdits()
        self.check: BatchCheck | None = None
        self.facts = CheckFacts()  # what the pane reads of `check`, gathered once
        self.batch: BatchRecord | None = None
        self.progress: BatchProgress | None = None
        self.unfinished: list[BatchRecord] = []
        self.balances = BatchBalances(context, self)
        self._checked: BatchChecked | None = None
        self._panel_id = 0
        self._latest = 0  # serial of the check, store or run this session waits for
        self._tickets: set[int] = set()
        self._resending: dict[int, int] = {}  # ticket serial -> line number
        self._connect()

    def _connect(self) -> None:
        desk = self.context.desk
        desk.batch_checked.connect(self.on_desk_batch_checked)
        desk.batch_started.connect(self.on_desk_batch_started)
        desk.batch_progressed.connect(self.on_desk_batch_progressed)
        desk.batch_finished.connect(self.on_desk_batch_finished)
        desk.batches_listed.connect(self.on_desk_batches_listed)
        desk.batch_opened.connect(self.on_desk_batch_opened)
        desk.batch_line_resent.connect(self.on_desk_batch_line_resent)
        desk.task_failed.connect(self.on_desk_task_failed)
        self.balances.changed.connect(self.on_balances_changed)
        self.model.line_edited.connect(self.on_model_line_edited)

    # -- reading and checking -------------------------------------------------------------

    def check_text(self, text: str, panel_id: int) -> None:
        self._start_check(panel_id, text, translate("MassOrder", "Pasted lines"))

    def check_file(self, path: Path, panel_id: int) -> None:
        self._start_check(panel_id, path, path.name)

    def check_lines(self, lines: Sequence[MassLine], panel_id: int, title: str) -> None:
        self._start_check(panel_id, list(lines), title)

    def _start_check(self, panel_id: int, source: str | Path | list[MassLine], title: str) -> None:
        if self.phase.running:
            return
        self._panel_id = panel_id
        self.title = title
        self.balances.remember(self.context.panel_id, self.context.balance)
        ticket = self.context.desk.check_batch(
            panel_id, source, dict(self.balances.amounts), dict(self.balances.currencies)
        )
        self._wait_for(ticket)
        self._set_phase(Phase.CHECKING)

    def _recheck(self) -> None:
        if self._checked is None or self.phase is not Phase.PREVIEW:
            return
        ticket = self.context.desk.recheck_batch(
            self._panel_id,
            self._checked.checker,
            self.edits.lines,
            released=frozenset(self.edits.released),
            skipped=frozenset(self.edits.skipped),
            balances=dict(self.balances.amounts),
            currencies=dict(self.balances.currencies),
        )
        self._wait_for(ticket)

    @Slot(object, object)
    def on_desk_batch_checked(self, ticket: Ticket, checked: BatchChecked) -> None:
        if not self._is_latest(ticket):
            return
        fresh = self.phase is Phase.CHECKING
        self._checked = checked
        self.check = checked.check
        self.facts = checked.check.facts
        if fresh:
            self.edits.reset(checked.lines)
            self.batch, self.progress = None, None
            self.model.clear()
        self.problem = whole_problem(checked.lines)
        self.model.set_lines(() if self.problem else checked.check.lines)
        self._set_phase(Phase.PREVIEW if self.edits.lines and not self.problem else Phase.EMPTY)
        self.checked.emit()
        self.balances.follow(self.facts.panel_ids)

    # -- changing lines before they are sent ----------------------------------------------

    @Slot(int, str, str)
    def on_model_line_edited(self, number: int, name: str, value: str) -> None:
        self._edited(self.edits.edit_field(number, name, value))

    def edit_line(self, number: int, service_id: str | None, fields: Mapping[str, str]) -> None:
        """Line N now says this: show it as being checked, and check the batch again."""
        if self.phase is Phase.PREVIEW:
            self._edited(self.edits.edit(number, service_id, fields))

    def _edited(self, changed: MassLine | None) -> None:
        row = None if changed is None else self.model.row_of(changed.number)
        if changed is not None and row is not None:
            self.model.show_checking(self.model.line(row)._replace(line=changed))
            self._recheck()

    def remove(self, numbers: Iterable[int]) -> None:
        if self.phase is Phase.PREVIEW and self.edits.remove(numbers):
            self._recheck()

    def set_skipped(self, numbers: Iterable[int], skipped: bool) -> None:
        if self.phase is Phase.PREVIEW and self.edits.set_skipped(numbers, skipped):
            self._recheck()

    def set_released(self, numbers: Iterable[int], released: bool) -> None:
        """Send held lines anyway, or hold released ones again."""
        if self.phase is Phase.PREVIEW and self.edits.set_released(numbers, released, self.check):
            self._recheck()

    def to_send(self) -> list[CheckedLine]:
        return list(self.facts.to_send)

    def verdict_counts(self) -> Counter[str]:
        return Counter(self.facts.counts)

    # -- placing ------------------------------------------------------------------------

    def place(self) -> None:
        """Store the batch, then send it (the user confirmed exactly `to_send()`)."""
        lines = self.to_send()
        if self.phase is not Phase.PREVIEW or not lines:
            return
        wanted = [(line.line.number, line.panel_id or 0, _draft(line)) for line in lines]
        self._set_phase(Phase.STORING)
        self._after_paint(
            lambda: self.context.desk.place_batch(self.title, wanted, self._in_flight())
        )

    def resume(self) -> None:
        """Paused: go on. Stopped or interrupted: send the lines never sent."""
        if self.batch is None:
            return
        if self.phase is Phase.PAUSED:
            self.context.desk.continue_batch(self.batch.id)
            self._set_phase(Phase.PLACING)
        elif self.phase is Phase.STOPPED:
            batch_id = self.batch.id
            self._set_phase(Phase.STORING)
            self._after_paint(lambda: self.context.desk.resume_batch(batch_id, self._in_flight()))

    def _after_paint(self, start: Callable[[], Ticket]) -> None:
        """Start the batch's work once the pane has laid out and painted its placing
        layout: a whole-table repaint while the batch's threads compete for the GIL waits
        for it once per painted cell, and stalled the window 50 to 140 ms
        (bench/mass_gui.py); alone it takes 20."""
        self._latest = -1  # no earlier answer is the one this waits for

        def run() -> None:
            if self.phase is Phase.STORING:
                for settled in (QEvent.Type.LayoutRequest, QEvent.Type.UpdateRequest):
                    QCoreApplication.sendPostedEvents(None, settled)
                self._wait_for(start())

        QTimer.singleShot(0, self, run)

    def pause(self) -> None:
        if self.batch is not None and self.phase is Phase.PLACING:
            self.context.desk.pause_batch(self.batch.id)
            self._set_phase(Phase.PAUSED)

    def stop(self) -> None:
        """Lines in flight finish; no other line is sent until Resume."""
        if self.batch is not None and self.phase.running:
            self.context.desk.stop_batch(self.batch.id)

    def never_sent(self) -> list[CheckedLine]:
        return [
            line
            for line in self.model.lines
            if self.model.in_batch(line.line.number) and self.model.record(line.line.number) is None
        ]

    def counts(self) -> Counter[str]:
        """Lines of the batch by outcome: `placed`, `rejected`, `unconfirmed`, `sending`,
        `dismissed` and `unsent` (never sent)."""
        return Counter(
            "unsent" if record is None else record.journal_state.value
            for record in self.model.outcomes.values()
        )

    @Slot(object, object)
    def on_desk_batch_started(self, ticket: Ticket, batch: BatchRecord) -> None:
        if not self._answers(ticket):
            return
        first = self.batch is None or self.batch.id != batch.id
        self.batch = batch
        if first:
            numbers = [line.line.number for line in self.to_send()]
            self.model.start_batch(numbers, {})
        self._set_phase(Phase.PLACING)

    @Slot(object, object)
    def on_desk_batch_progressed(self, ticket: Ticket, progress: BatchProgress) -> None:
        if self._answers(ticket):
            self._apply(progress)

    @Slot(object, object)
    def on_desk_batch_finished(self, ticket: Ticket, progress: BatchProgress) -> None:
        if not self._answers(ticket):
            return
        self._tickets.discard(ticket.serial)
        self._apply(progress)
        self._set_phase(Phase.STOPPED if self.counts()["unsent"] else Phase.DONE)
        self.context.refresh_balance()

    def _apply(self, progress: BatchProgress) -> None:
        self.progress = progress
        self.model.set_outcomes({line.number: line.order for line in progress.finished})
        if self.phase is Phase.PLACING and progress.paused:
            self._set_phase(Phase.PAUSED)
        self.progressed.emit()

    # -- a stored batch -------------------------------------------------------------------

    def look_for_unfinished(self) -> None:
        """Ask which batches a quit or crash left unfinished (answer: `unfinished`)."""
        self._tickets.add(self.context.desk.list_batches(unfinished_only=True).serial)

    def open_batch(self, batch_id: int) -> None:
        if not self.phase.running:
            self._wait_for(self.context.desk.open_batch(batch_id))

    @Slot(object, object)
    def on_desk_batches_listed(self, ticket: Ticket, listed: BatchesListed) -> None:
        if ticket.serial not in self._tickets:
            return
        self._tickets.discard(ticket.serial)
        self.unfinished = list(listed.batches)
        newest = listed.newest
        shown = self.batch is not None and newest is not None and self.batch.id == newest.batch.id
        if newest is not None and (self.phase is Phase.EMPTY or (shown and not self.phase.running)):
            self._show_stored(newest)  # again when shown: start-up may have recovered lines

    @Slot(object, object)
    def on_desk_batch_opened(self, ticket: Ticket, opened: BatchOpened) -> None:
        if self._is_latest(ticket):
            self._show_stored(opened)

    def _show_stored(self, opened: BatchOpened) -> None:
        self.batch, self.progress, self.problem = opened.batch, None, ""
        self.title = opened.batch.title
        self._checked, self.check = None, None
        self.facts = facts_of(opened.lines)
        self.edits.reset([line.line for line in opened.lines])
        self.model.clear()
        self.model.set_lines(opened.lines)
        self.model.start_batch([line.line.number for line in opened.lines], opened.outcomes)
        self._set_phase(Phase.STOPPED if self.counts()["unsent"] else Phase.DONE)
        self.progressed.emit()

    # -- re-sending a rejected line -------------------------------------------------------

    def can_resend(self, number: int) -> bool:
        record = self.model.record(number)
        return (
            self.batch is not None
            and not self.phase.running
            and record is not None
            and record.journal_state is JournalState.REJECTED
        )

    def resend(self, number: int, draft: OrderDraft) -> None:
        """The user edited a rejected line and asked to send it again."""
        row = self.model.row_of(number)
        if row is None or self.batch is None or not self.can_resend(number):
            return
        panel_id = self.model.line(row).panel_id or 0
        ticket = self.context.desk.resend_batch_line(panel_id, self.batch.id, number, draft)
        self._resending[ticket.serial] = number

    @Slot(object, object)
    def on_desk_batch_line_resent(self, ticket: Ticket, record: OrderRecord) -> None:
        number = self._resending.pop(ticket.serial, None)
        if number is None:
            return
        self.model.set_outcomes({number: record})
        self.resent.emit(number, record)
        self.progressed.emit()
        self.context.refresh_balance()

    # -- balances -------------------------------------------------------------------------

    @Slot(bool)
    def on_balances_changed(self, new_currency: bool) -> None:
        """A new currency changes the lines' drafts (check again); a new amount only the
        totals."""
        if new_currency:
            self._recheck()
        self.balances_changed.emit()

    # -- plumbing -------------------------------------------------------------------------

    def clear(self) -> None:
        if self.phase.running:
            return
        self._latest = 0
        self.check, self._checked, self.facts = None, None, CheckFacts()
        self.batch, self.progress, self.problem, self.title = None, None, "", ""
        self.edits.reset([])
        self.model.clear()
        self._set_phase(Phase.EMPTY)
        self.checked.emit()

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._resending.pop(ticket.serial, None) is not None:
            self.failed.emit(failure_words(error))
            return
        if not self._answers(ticket):
            return
        self._tickets.discard(ticket.serial)
        latest = ticket.serial == self._latest
        if latest and self.phase is Phase.CHECKING:
            self._set_phase(Phase.PREVIEW if self.check is not None else Phase.EMPTY)
        elif latest and self.phase.running:
            self._set_phase(Phase.STOPPED if self.batch is not None else Phase.PREVIEW)
        self.failed.emit(failure_words(error))

    def _wait_for(self, ticket: Ticket) -> None:
        self._latest = ticket.serial
        self._tickets.add(ticket.serial)

    def _is_latest(self, ticket: Ticket) -> bool:
        if ticket.serial not in self._tickets:
            return False
        self._tickets.discard(ticket.serial)
        return ticket.serial == self._latest

    def _answers(self, ticket: Ticket) -> bool:
        return ticket.serial in self._tickets

    def _set_phase(self, phase: Phase) -> None:
        if phase is not self.phase:
            self.phase = phase
            self.phase_changed.emit(phase)

    def _in_flight(self) -> int:
        return int(self.context.settings.get(MASS_IN_FLIGHT))


def _draft(line: CheckedLine) -> OrderDraft:
    assert line.draft is not None  # to_send() keeps only lines with a draft
    return line.draft
