"""`Desk`'s one job for the desktop: showing a notification through the desktop's own
notification service (D-Bus on Linux). The call may block on a hung bus for up to its
timeout, so it runs on a worker like everything else that leaves the process."""

from __future__ import annotations

import sys

from smmdesk.desktop_notify import DesktopNotifier, NotificationsUnavailable

from .desk_base import DeskBase
from .jobs import Job, Ticket
from .results import DesktopNotified

NOT_ON_THIS_SYSTEM = "Desktop notifications go through the tray on this system."


class NoticeJobs(DeskBase):
    _notifier: DesktopNotifier | None = None

    def notify_desktop(self, title: str, body: str) -> Ticket:
        """Answers `desktop_notified(Ticket, DesktopNotified)`; a click on the
        notification later emits `desktop_notice_clicked(notification_id)`."""

        if self._notifier is None:  # built here, on the GUI thread: never two of them
            self._notifier = DesktopNotifier(self.desktop_notice_clicked.emit, self.notice_bus)
        notifier = self._notifier

        def job() -> DesktopNotified:
            if sys.platform != "linux":
                return DesktopNotified(None, NOT_ON_THIS_SYSTEM)
            try:
                return DesktopNotified(notifier.notify(title, body))
            except NotificationsUnavailable as problem:
                return DesktopNotified(None, str(problem))

        return self._submit(self._reads, Ticket(Job.NOTIFY_DESKTOP, None, self._generation), job)

    def shutdown(self) -> None:
        super().shutdown()
        if self._notifier is not None:
            self._notifier.close()
            self._notifier = None
