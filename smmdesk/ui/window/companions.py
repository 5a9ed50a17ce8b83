"""`WindowCompanions`: what runs beside the main window — every panel's balance, the
notifications, and the tray icon where the desktop has a tray.

With "close to tray" on (and a tray there), closing the window hides it and tracking goes
on; the tray's Quit quits for real.

Signals:
    show_window_requested()       the tray asked for the window
    new_order_requested()         the tray's New order…
    refresh_requested()           the tray's Refresh now
    quit_requested()              the tray's Quit
    notice_clicked(object)        a `Notice` the user clicked, to show its orders
    message_for_window(str)       a notice with no desktop channel: show it in the window
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from smmdesk.settings import CLOSE_TO_TRAY
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.notify.centre import NoticeCentre
from smmdesk.ui.notify.tray import TrayIcon

FIRST_BALANCES_MS = 3000  # after start-up settled: the active panel's own fetch comes first


class WindowCompanions(QObject):
    show_window_requested = Signal()
    new_order_requested = Signal()
    refresh_requested = Signal()
    quit_requested = Signal()
    notice_clicked = Signal(object)
    message_for_window = Signal(str)

    def __init__(self, context: AppContext, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.balances = BalanceBook(context, self)
        self.tray: TrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = TrayIcon(icon, self.balances, self)
            self.tray.open_requested.connect(self.show_window_requested)
            self.tray.new_order_requested.connect(self.new_order_requested)
            self.tray.refresh_requested.connect(self.refresh_requested)
            self.tray.quit_requested.connect(self.quit_requested)
            self.tray.show()
        self.notices = NoticeCentre(context, self.balances, self.tray, self)
        self.notices.notice_clicked.connect(self.notice_clicked)
        self.notices.shown_in_window.connect(self.message_for_window)
        QTimer.singleShot(FIRST_BALANCES_MS, self, self.balances.start)

    def keeps_running_in_tray(self) -> bool:
        """Whether closing the window should hide it rather than quit."""
        tray = self.tray
        return tray is not None and tray.isVisible() and self._context.settings.get(CLOSE_TO_TRAY)

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
