"""`BulkActions`: refill, cancel, copy and export for a whole selection of orders.

A selection may be "all 3,000 matching orders" while the view has loaded 200, so every
action starts from `OrdersSelection.selection()`, which `Desk` resolves in the store on a
worker (`plan_orders`, `export_orders`, `tabulate_orders`). Copying a selection that is
all loaded (and not huge) needs no round trip. Export with nothing selected writes every
order the tab and search show; it and a long copy show their progress (`JobProgress`).
Refill and cancel ask first (`BulkConfirmDialog`: how many will be sent, and why the
others will not) — a cancel always, a refill unless it is one order the rules allow —
and end with a one-line summary on the pane and, for more than one order or anything
refused, every order's outcome (`BulkOutcomeDialog`).

When the view covers every panel (`across_panels`), a selection is planned order by order
against each order's own panel (`Desk.plan_orders_across`) and each panel's eligible
orders are sent to that panel, one request per panel; the summary waits for them all.

It talks to the pane only through `OrdersChrome.show_outcome` and the progress bar it
puts in `OrdersChrome.outcome_row`; it emits no signals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QGuiApplication

from smmdesk.services.bulk import BulkAction, BulkPlan, NotSent, OrderSelection, plan
from smmdesk.services.export import ORDER_HEADER, order_row
from smmdesk.store import CancelRecord, RefillRecord
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.common.job_progress import JobProgress
from smmdesk.ui.common.table_export import (
    COPY_HERE_MAX,
    copied_text,
    copy_table,
    csv_save_dialog,
    exported_text,
)
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.orders import orders_actions as rules
from smmdesk.ui.orders.bulk_dialogs import BulkConfirmDialog, BulkOutcomeDialog
from smmdesk.ui.orders.bulk_outcome import OutcomeRow, cancel_rows, refill_rows
from smmdesk.ui.orders.orders_chrome import OrdersChrome
from smmdesk.ui.orders.selection import OrdersSelection
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import CancelsRequested, Exported, RefillsRequested, Tabulated, Ticket

COPY_ACTIONS = frozenset({BulkAction.COPY_IDS, BulkAction.COPY_LINKS})


@dataclass
class _Sending:
    """A refill or cancel sent as one request per panel, and the answers so far."""

    plan: BulkPlan
    waiting: set[int]
    answers: list[RefillRecord | CancelRecord] = field(default_factory=list)
    not_sent: list[NotSent] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class BulkActions(QObject):
    def __init__(self, context: AppContext, selection: OrdersSelection, pane: OrdersChrome) -> None:
        super().__init__(pane)
        self.context = context
        self._selection = selection
        self._pane = pane
        self._planning: set[int] = set()  # serials of plan_orders asked here
        self._sending: dict[int, _Sending] = {}  # request serial -> what it is part of
        self.across_panels = False  # the view covers every panel
        self._exporting: set[int] = set()  # serials of exports and copies asked here
        self._export_selection = OrderSelection()
        self.progress = JobProgress(context.desk, "ordersJobProgress", parent=pane)
        pane.outcome_row.addWidget(self.progress, 1)
        desk = context.desk
        desk.orders_planned.connect(self.on_desk_orders_planned)
        desk.refills_requested.connect(self.on_desk_refills_requested)
        desk.cancels_requested.connect(self.on_desk_cancels_requested)
        desk.orders_exported.connect(self.on_desk_orders_exported)
        desk.orders_tabulated.connect(self.on_desk_orders_tabulated)
        desk.task_failed.connect(self.on_desk_task_failed)

    # -- starting -------------------------------------------------------------------------

    def run(self, action: BulkAction) -> None:
        """Act on the whole selection: at once for a copy of loaded rows, else after the
        store said which orders the selection means."""
        panel_id = self.context.panel_id
        if not panel_id or not self._selection.count:
            return
        if action in COPY_ACTIONS and self._selection.is_loaded:
            self._copy(plan(action, panel_id, self._selection.records()))
            return
        desk, selection = self.context.desk, self._selection.selection()
        if self.across_panels:
            ticket = desk.plan_orders_across(selection, action)
        else:
            ticket = desk.plan_orders(panel_id, selection, action)
        self._planning.add(ticket.serial)
        reading = counted(
            self._selection.count,
            translate("OrderActions", "Reading 1 selected order…"),
            translate("OrderActions", "Reading {count} selected orders…"),
        )
        self._pane.show_outcome(reading, Tone.BUSY)

    def export(self) -> None:
        """Ask where, then write every selected order (none selected: every order the
        tab and search show) to a CSV file."""
        selection = self._selection
        if not self.context.panel_id or not (selection.count or selection.shown_count):
            return
        self._export_selection = selection.selection_or_shown()
        title = translate("OrderActions", "Export orders")
        dialog = csv_save_dialog(self._pane, title, "exportOrdersDialog", "orders.csv")
        dialog.fileSelected.connect(self.on_exportDialog_fileSelected)
        dialog.open()

    def copy_table(self) -> None:
        """Every selected order as a table on the clipboard: at once when the rows are
        loaded, else read by `Desk` first."""
        selection, panel_id = self._selection, self.context.panel_id
        if not panel_id or not selection.count:
            return
        if selection.is_loaded and selection.count <= COPY_HERE_MAX:
            records = selection.records()
            copy_table(ORDER_HEADER, map(order_row, records))
            self._pane.show_outcome(copied_text(len(records), "order"), Tone.GOOD)
            return
        ticket = self.context.desk.tabulate_orders(panel_id, selection.selection())
        self._exporting.add(ticket.serial)
        self.progress.follow(ticket, translate("OrderActions", "Reading the orders to copy"))
        self._pane.show_outcome("", Tone.MUTED)

    @Slot(str)
    def on_exportDialog_fileSelected(self, path: str) -> None:
        self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        selection = self._export_selection
        ticket = self.context.desk.export_orders(self.context.panel_id, selection, path)
        self._exporting.add(ticket.serial)
        self.progress.follow(ticket, translate("OrderActions", "Exporting orders"))
        exporting = translate("OrderActions", "Exporting to {path}…").format(path=path)
        self._pane.show_outcome(exporting, Tone.BUSY)

    # -- answers --------------------------------------------------------------------------

    @Slot(object, object)
    def on_desk_orders_planned(self, ticket: Ticket, planned: BulkPlan) -> None:
        if ticket.serial not in self._planning:
            return
        self._planning.discard(ticket.serial)
        if planned.action in COPY_ACTIONS:
            self._copy(planned)
        elif planned.action is BulkAction.REFILL and planned.asked == len(planned.eligible) == 1:
            self._send(planned)  # one refill the rules allow: nothing to weigh up
        else:
            self._pane.show_outcome("", Tone.MUTED)
            dialog = BulkConfirmDialog(planned, self._pane)
            dialog.accepted.connect(self.on_bulkConfirmDialog_accepted)
            dialog.open()

    @Slot()
    def on_bulkConfirmDialog_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, BulkConfirmDialog) and dialog.plan.eligible:
            self._send(dialog.plan)

    def _send(self, planned: BulkPlan) -> None:
        """One request per panel of the eligible orders (one panel unless `across`)."""
        by_panel: dict[int, list[int]] = defaultdict(list)
        for order in planned.eligible:
            by_panel[order.panel_id if planned.panel_id == 0 else planned.panel_id].append(order.id)
        desk = self.context.desk
        sending = _Sending(planned, set())
        for panel_id, ids in by_panel.items():
            if planned.action is BulkAction.REFILL:
                ticket = desk.request_refills(panel_id, ids)
            else:
                ticket = desk.request_cancels(panel_id, ids)
            sending.waiting.add(ticket.serial)
            self._sending[ticket.serial] = sending
        if planned.action is BulkAction.REFILL:
            one = translate("OrderActions", "Requesting 1 refill…")
            many = translate("OrderActions", "Requesting {count} refills…")
        else:
            one = translate("OrderActions", "Requesting 1 cancel…")
            many = translate("OrderActions", "Requesting {count} cancels…")
        self._pane.show_outcome(counted(len(planned.eligible), one, many), Tone.BUSY)

    @Slot(object, object)
    def on_desk_refills_requested(self, ticket: Ticket, requested: RefillsRequested) -> None:
        sending = self._answer(ticket, requested.records, requested.not_sent)
        if sending is not None:
            refills = [a for a in sending.answers if isinstance(a, RefillRecord)]
            merged = RefillsRequested(refills, sending.not_sent)
            left_out = [*merged.not_sent, *sending.plan.not_eligible]
            summary = rules.summarize_refills(merged.records, left_out) + _failed(sending)
            accepted = [r.refill_id is not None for r in merged.records]
            title = translate("OrderActions", "Refill results")
            self._report(title, summary, accepted, refill_rows(sending.plan, merged))

    @Slot(object, object)
    def on_desk_cancels_requested(self, ticket: Ticket, requested: CancelsRequested) -> None:
        sending = self._answer(ticket, requested.records, requested.not_sent)
        if sending is not None:
            cancels = [a for a in sending.answers if isinstance(a, CancelRecord)]
            merged = CancelsRequested(cancels, sending.not_sent)
            left_out = [*merged.not_sent, *sending.plan.not_eligible]
            summary = rules.summarize_cancels(merged.records, left_out) + _failed(sending)
            accepted = [c.accepted for c in merged.records]
            title = translate("OrderActions", "Cancel results")
            self._report(title, summary, accepted, cancel_rows(sending.plan, merged))

    def _answer(
        self,
        ticket: Ticket,
        answers: Sequence[RefillRecord | CancelRecord],
        not_sent: Sequence[NotSent],
        failure: str = "",
    ) -> _Sending | None:
        """Add one panel's answer; the whole once every panel has answered."""
        sending = self._sending.pop(ticket.serial, None)
        if sending is None:
            return None
        sending.waiting.discard(ticket.serial)
        sending.answers.extend(answers)
        sending.not_sent.extend(not_sent)
        if failure:
            sending.failures.append(failure)
        return None if sending.waiting else sending

    @Slot(object, object)
    def on_desk_orders_exported(self, ticket: Ticket, exported: Exported) -> None:
        if self._answered(ticket):
            self._pane.show_outcome(
                exported_text(exported.count, "order", exported.path), Tone.GOOD
            )

    @Slot(object, object)
    def on_desk_orders_tabulated(self, ticket: Ticket, table: Tabulated) -> None:
        if self._answered(ticket):
            QGuiApplication.clipboard().setText(table.text)
            self._pane.show_outcome(copied_text(table.count, "order"), Tone.GOOD)

    def _answered(self, ticket: Ticket) -> bool:
        """True once for the answer to an export or copy asked here."""
        if ticket.serial not in self._exporting:
            return False
        self._exporting.discard(ticket.serial)
        self.progress.finish()
        return True

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        ours = ticket.serial in self._planning | self._exporting or ticket.serial in self._sending
        if ours:
            self._planning.discard(ticket.serial)
            self._answered(ticket)
            self._pane.show_outcome(describe(error).one_line, Tone.BAD)
            sending = self._answer(ticket, [], [], self._panel_failure(ticket, error))
            if sending is not None and sending.answers:
                partly = translate("OrderActions", "{count} sent; {failures}").format(
                    count=format_count(len(sending.answers)), failures="; ".join(sending.failures)
                )
                self._pane.show_outcome(partly, Tone.WARN)

    def _panel_failure(self, ticket: Ticket, error: Exception) -> str:
        panel = self.context.panel(ticket.panel_id or 0)
        problem = describe(error).one_line
        if panel is not None and self.across_panels:
            failed = translate("OrderActions", "failed on {panel}: {problem}")
            return failed.format(panel=panel.name, problem=problem)
        return translate("OrderActions", "failed: {problem}").format(problem=problem)

    # -- outcomes -------------------------------------------------------------------------

    def _copy(self, planned: BulkPlan) -> None:
        QGuiApplication.clipboard().setText(rules.copied_text(planned.action, planned.eligible))
        summary = rules.copied_summary(planned.action, planned.eligible, len(planned.not_eligible))
        self._pane.show_outcome(summary, Tone.GOOD if planned.eligible else Tone.WARN)

    def _report(
        self, title: str, summary: str, accepted: list[bool], rows: Sequence[OutcomeRow]
    ) -> None:
        """The summary on the pane; the table when there is more than one order to tell
        about, or anything went wrong."""
        tone = _tone(accepted, left_out=len(rows) - len(accepted))
        self._pane.show_outcome(summary, tone)
        if len(rows) > 1 or tone is not Tone.GOOD:
            BulkOutcomeDialog(title, summary, rows, self._pane).open()


def _failed(sending: _Sending) -> str:
    return "".join(f"; {failure}" for failure in sending.failures)


def _tone(accepted: list[bool], left_out: int) -> Tone:
    if accepted and all(accepted) and not left_out:
        return Tone.GOOD
    return Tone.WARN if any(accepted) else Tone.BAD
