"""The window's status bar: balance, last refresh, background activity, messages.

It listens to the facade and the context itself, so the main window only creates it.
Failures of background work are shown here as one line (never as a dialog: nobody asked
for that refresh, so nobody should have to click a dialog away).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QProgressBar, QStatusBar, QWidget

from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_count, format_money
from smmdesk.ui.common.text import excerpt, plain_label
from smmdesk.workers import Job, Progress, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
MESSAGE_MS = 8000
ERROR_MESSAGE_MS = 15000
MESSAGE_LIMIT = 300  # characters: the status bar is one line
# Jobs whose failures the pane that asked shows itself, next to what the user did.
SHOWN_ELSEWHERE = frozenset(
    {
        Job.TEST_CONNECTION,
        Job.SAVE_PANEL,
        Job.KEEP_KEY_FOR_SESSION,
        Job.REMOVE_PANEL,
        Job.RESOLVE_ORDER,
        Job.DISMISS_ORDERS,
        Job.TRACK_ORDERS,
        Job.PLAN_ORDERS,
        Job.CHECK_ORDER_IDS,
        Job.EXPORT_ORDERS,
        Job.LIST_KEYS_TO_DELETE,
        Job.LOCATE_KEY,
        Job.RETRY_KEY_DELETIONS,
        Job.CHECK_BATCH,
        Job.RECHECK_BATCH,
        Job.PLACE_BATCH,
        Job.RESUME_BATCH,
        Job.RUN_BATCH,
        Job.LIST_BATCHES,
        Job.OPEN_BATCH,
        Job.RESEND_BATCH_LINE,
    }
)


class StatusBar(QStatusBar):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._context = context
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 8)
        self.busy_indicator.setMaximumHeight(self.fontMetrics().height())
        self.busy_indicator.setToolTip(translate("StatusBar", "Talking to the panel…"))
        self.busy_indicator.hide()
        self.last_refresh_label = plain_label(self, "lastRefreshLabel")
        self.balance_label = plain_label(self, "balanceLabel")
        self.addPermanentWidget(self.busy_indicator)
        self.addPermanentWidget(self.last_refresh_label)
        self.addPermanentWidget(self.balance_label)
        desk = context.desk
        desk.busy_changed.connect(self.on_desk_busy_changed)
        desk.progressed.connect(self.on_desk_progressed)
        desk.task_failed.connect(self.on_desk_task_failed)
        desk.balance_loaded.connect(self.on_desk_refreshed)
        desk.orders_refreshed.connect(self.on_desk_refreshed)
        desk.refills_refreshed.connect(self.on_desk_refreshed)
        context.balance_changed.connect(self.on_context_balance_changed)
        self.on_context_balance_changed(context.panel_id)

    def show_message(self, text: str, timeout_ms: int = MESSAGE_MS) -> None:
        self.showMessage(excerpt(text, MESSAGE_LIMIT), timeout_ms)

    @Slot(int)
    def on_desk_busy_changed(self, in_flight: int) -> None:
        self.busy_indicator.setVisible(in_flight > 0)

    @Slot(object, object)
    def on_desk_progressed(self, ticket: Ticket, progress: Progress) -> None:
        """A refresh of the active panel's orders says how far it is."""
        if ticket.job is Job.REFRESH_ORDERS and ticket.panel_id == self._context.panel_id:
            if progress.done < progress.total:
                text = translate("StatusBar", "Refreshing {done} of {total} orders…").format(
                    done=format_count(progress.done), total=format_count(progress.total)
                )
                self.showMessage(text, MESSAGE_MS)
            else:
                self.clearMessage()

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.job in SHOWN_ELSEWHERE:
            return
        if ticket.panel_id not in (None, self._context.panel_id):
            return
        self.show_message(describe(error).one_line, ERROR_MESSAGE_MS)

    @Slot(object, object)
    def on_desk_refreshed(self, ticket: Ticket, _result: Any) -> None:
        if ticket.panel_id == self._context.panel_id:
            updated = translate("StatusBar", "Updated {time}")
            self.last_refresh_label.setText(updated.format(time=f"{datetime.now():%H:%M}"))

    @Slot(int)
    def on_context_balance_changed(self, _panel_id: int) -> None:
        balance = self._context.balance
        if balance is None:
            waiting = translate("StatusBar", "Balance: …") if self._context.panel_id else ""
            self.balance_label.setText(waiting)
            return
        money = format_money(balance.amount, balance.currency)
        self.balance_label.setText(
            translate("StatusBar", "Balance: {balance}").format(balance=money)
        )
