"""`TrayIcon`: SMMDesk in the system tray, with the total balance as its tooltip.

Its menu opens the window, starts a new order, refreshes, or quits; a click on the icon
opens the window. With "close to tray" on, the window hides instead of quitting and
tracking goes on here. Where the desktop has no tray, the app simply does not create one.

Signals:
    open_requested()        show the window
    new_order_requested()   show the window on the New order tab
    refresh_requested()     refresh orders and balances now
    quit_requested()        quit for real (also with "close to tray" on)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.format import format_money

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class TrayIcon(QSystemTrayIcon):
    open_requested = Signal()
    new_order_requested = Signal()
    refresh_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, balances: BalanceBook, parent: QObject | None = None) -> None:
        super().__init__(icon, parent)
        self.setObjectName("trayIcon")
        self._balances = balances
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.addAction(translate("TrayIcon", "Open SMMDesk"), self.open_requested.emit)
        self.menu.addAction(translate("TrayIcon", "New order…"), self.new_order_requested.emit)
        self.menu.addAction(translate("TrayIcon", "Refresh now"), self.refresh_requested.emit)
        self.menu.addSeparator()
        self.menu.addAction(translate("TrayIcon", "Quit"), self.quit_requested.emit)
        self.setContextMenu(self.menu)
        self.activated.connect(self.on_self_activated)
        balances.balance_changed.connect(self.on_balances_balance_changed)
        self.on_balances_balance_changed(0)

    def tooltip_text(self) -> str:
        totals = self._balances.totals()
        if not totals:
            return "SMMDesk"
        amounts = " · ".join(
            format_money(amount, currency) for currency, amount in sorted(totals.items())
        )
        return translate("TrayIcon", "SMMDesk — balance {amounts}").format(amounts=amounts)

    @Slot(int)
    def on_balances_balance_changed(self, _panel_id: int) -> None:
        self.setToolTip(self.tooltip_text())

    @Slot(QSystemTrayIcon.ActivationReason)
    def on_self_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
