"""`NoticeCentre`: turns what the desk reports into notifications, and delivers them.

It listens to order and refill refreshes, to orders placed (an unclear outcome is worth a
notice), to catalogue fetches (the price watch) and to every panel's balance, groups what
moved (`services.notices`), drops the kinds the user switched off, and shows each notice
on the best channel there is: the desktop's notification service (Linux, over D-Bus
through `Desk`), else the tray's balloon, else a line in the window. A missing channel
is never an error dialog.

What refreshes report is gathered until no refresh has ended for `GATHER_MS` (at most
`MAX_GATHER_MS`), then told once per kind: refreshing every panel at once ends in one
notification per kind ("1,000 orders completed on 4 panels"), not one per panel.

Signals:
    shown_in_window(str)    a notice for the window's message line (no other channel)
    notice_clicked(object)  the user clicked the `Notice` (to show its orders)
"""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from smmdesk.services.notices import (
    Notice,
    low_balance_notice,
    merge_notices,
    order_notices,
    price_notice,
    refill_notices,
    unconfirmed_notice,
)
from smmdesk.services.tracking import RefillRefreshReport, RefreshReport
from smmdesk.settings import NOTIFY_OPTIONS, low_balance_option
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.notify.wording import notice_words
from smmdesk.workers import CatalogueLoaded, DesktopNotified, Job, Ticket

TRAY_MESSAGE_MS = 10_000
GATHER_MS = 1000  # the refreshes of every panel end about together
MAX_GATHER_MS = 5000  # refreshes that keep ending never hold notices back longer


class NoticeCentre(QObject):
    shown_in_window = Signal(str)
    notice_clicked = Signal(object)

    def __init__(
        self,
        context: AppContext,
        balances: BalanceBook,
        tray: QSystemTrayIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._balances = balances
        self._tray = tray
        self._use_desktop = sys.platform == "linux"
        self._waiting: dict[int, Notice] = {}  # ticket serial → notice being shown
        self._shown: dict[int, Notice] = {}  # desktop notification ID → notice
        self._in_tray: Notice | None = None
        self._low: set[int] = set()  # panels announced as low, until they are not
        self._gathered: list[Notice] = []  # what refreshes reported, not told yet
        self._gathering = QElapsedTimer()
        self.gather_timer = QTimer(self)
        self.gather_timer.setObjectName("gatherTimer")
        self.gather_timer.setSingleShot(True)
        self.gather_timer.setInterval(GATHER_MS)
        self.gather_timer.timeout.connect(self.on_gatherTimer_timeout)
        desk = context.desk
        desk.orders_refreshed.connect(self.on_desk_orders_refreshed)
        desk.refills_refreshed.connect(self.on_desk_refills_refreshed)
        desk.order_placed.connect(self.on_desk_order_placed)
        desk.services_loaded.connect(self.on_desk_services_loaded)
        desk.desktop_notified.connect(self.on_desk_desktop_notified)
        desk.desktop_notice_clicked.connect(self.on_desk_desktop_notice_clicked)
        balances.balance_changed.connect(self.on_balances_balance_changed)
        if tray is not None:
            tray.messageClicked.connect(self.on_tray_messageClicked)

    def announce(self, notices: list[Notice]) -> None:
        """Show each notice the user wants, on the best channel there is."""
        for notice in notices:
            if self._context.settings.get(NOTIFY_OPTIONS[notice.kind.value]):
                self._deliver(notice)

    # -- sources ----------------------------------------------------------------------

    @Slot(object, object)
    def on_desk_orders_refreshed(self, ticket: Ticket, report: RefreshReport) -> None:
        if ticket.panel_id is not None and report.changed:
            name = self._panel_name(ticket.panel_id)
            self._gather(order_notices(ticket.panel_id, name, report.changed))

    @Slot(object, object)
    def on_desk_refills_refreshed(self, ticket: Ticket, report: RefillRefreshReport) -> None:
        if ticket.panel_id is not None and report.changed:
            name = self._panel_name(ticket.panel_id)
            self._gather(refill_notices(ticket.panel_id, name, report.changed))

    def _gather(self, notices: list[Notice]) -> None:
        if not notices:
            return
        if not self._gathered:
            self._gathering.start()
        self._gathered.extend(notices)
        if self._gathering.elapsed() + GATHER_MS <= MAX_GATHER_MS:
            self.gather_timer.start()  # (again): wait for the refreshes still running

    @Slot()
    def on_gatherTimer_timeout(self) -> None:
        gathered, self._gathered = self._gathered, []
        self.announce(merge_notices(gathered))

    @Slot(object, object)
    def on_desk_order_placed(self, ticket: Ticket, record: OrderRecord) -> None:
        if ticket.job is Job.PLACE_ORDER and record.journal_state is JournalState.UNCONFIRMED:
            name = self._panel_name(record.panel_id)
            notice = unconfirmed_notice(record.panel_id, name, [record])
            self.announce([notice] if notice else [])

    @Slot(object, object)
    def on_desk_services_loaded(self, ticket: Ticket, loaded: CatalogueLoaded) -> None:
        if ticket.panel_id is not None and loaded.from_network and loaded.watched:
            name = self._panel_name(ticket.panel_id)
            notice = price_notice(ticket.panel_id, name, loaded.watched)
            self.announce([notice] if notice else [])

    @Slot(int)
    def on_balances_balance_changed(self, panel_id: int) -> None:
        balance = self._balances.balance(panel_id)
        threshold = _decimal(self._context.settings.get(low_balance_option(panel_id)))
        notice = None
        if balance is not None and threshold is not None:
            name = self._panel_name(panel_id)
            notice = low_balance_notice(panel_id, name, balance.amount, threshold, balance.currency)
        if notice is None:
            self._low.discard(panel_id)
        elif panel_id not in self._low:  # once per fall below, not at every fetch
            self._low.add(panel_id)
            self.announce([notice])

    # -- channels ---------------------------------------------------------------------

    def _deliver(self, notice: Notice) -> None:
        if self._use_desktop:
            title, body = notice_words(notice)
            ticket = self._context.desk.notify_desktop(title, body)
            self._waiting[ticket.serial] = notice
        else:
            self._show_in_tray_or_window(notice)

    @Slot(object, object)
    def on_desk_desktop_notified(self, ticket: Ticket, shown: DesktopNotified) -> None:
        notice = self._waiting.pop(ticket.serial, None)
        if notice is None:
            return
        if shown.notification_id is not None:
            self._shown[shown.notification_id] = notice
        else:  # no notification service: not an error, just another channel
            self._use_desktop = False
            self._show_in_tray_or_window(notice)

    def _show_in_tray_or_window(self, notice: Notice) -> None:
        title, body = notice_words(notice)
        tray = self._tray
        if tray is not None and tray.isVisible() and tray.supportsMessages():
            self._in_tray = notice
            tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, TRAY_MESSAGE_MS)
        else:
            adds = body and body not in title  # one order's body repeats its title's ID
            self.shown_in_window.emit(f"{title}. {body}" if adds else title)

    @Slot(int)
    def on_desk_desktop_notice_clicked(self, notification_id: int) -> None:
        notice = self._shown.get(notification_id)
        if notice is not None:
            self.notice_clicked.emit(notice)

    @Slot()
    def on_tray_messageClicked(self) -> None:
        if self._in_tray is not None:
            self.notice_clicked.emit(self._in_tray)

    def _panel_name(self, panel_id: int) -> str:
        panel = self._context.panel(panel_id)
        return panel.name if panel is not None else f"panel {panel_id}"


def _decimal(text: Any) -> Decimal | None:
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 and str(text).strip() else None
