"""While an order is being sent: that SMMDesk waits for the panel, and until when.

`add` is sent once and never again, so a slow panel leaves the user looking at a form that
seems stuck. The note says the order is waiting, when the wait ends (the read timeout of
Settings, counted from the moment it was sent) and what happens then, and counts the
seconds down once a second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from smmdesk.ui.common.format import format_clock, format_count

translate = QCoreApplication.translate


def waiting_text(service: str, gives_up_at: datetime, now: datetime) -> str:
    """ "Waiting for the panel's answer… (service) — it gives up at 14:02:31, in 25 s"."""
    left = max(0, round((gives_up_at - now).total_seconds()))
    text = translate(
        "OrderForm",
        "Waiting for the panel's answer… ({service}): it gives up at {time}, in {seconds} s;"
        " an unclear answer is kept as unconfirmed, never sent again",
    )
    return text.format(service=service, time=format_clock(gives_up_at), seconds=format_count(left))


class SendingNote(QObject):
    """Shows `waiting_text` through `show` now and every second until `stop`."""

    def __init__(self, show: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._service = ""
        self._gives_up_at: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.on_timer_timeout)

    def start(self, service: str, timeout_s: float) -> None:
        self._service = service
        self._gives_up_at = datetime.now().astimezone() + timedelta(seconds=timeout_s)
        self._timer.start()
        self.on_timer_timeout()

    def stop(self) -> None:
        self._timer.stop()
        self._gives_up_at = None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def on_timer_timeout(self) -> None:
        if self._gives_up_at is not None:
            now = datetime.now().astimezone()
            self._show(waiting_text(self._service, self._gives_up_at, now))
