"""The desktop notifier against a real session bus: a private `dbus-daemon` and a small
`org.freedesktop.Notifications` service on it that records what arrives."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from smmdesk.desktop_notify import PATH, SERVICE, DesktopNotifier, NotificationsUnavailable

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (Debian package dbus)"
)


@pytest.fixture
def bus() -> Iterator[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(5)


@dataclass
class NotificationService:
    """What a desktop's notification daemon does, as far as SMMDesk needs: takes
    `Notify`, answers an ID, and can send `ActionInvoked` for a click."""

    address: str
    received: list[tuple[Any, ...]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self._connection = open_dbus_connection(bus=self.address)
        self._connection.send_and_get_reply(message_bus.RequestName(SERVICE))
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        from jeepney import MessageType, new_method_return

        while not self._stop.is_set():
            try:
                message = self._connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            if message.header.message_type is MessageType.method_call:
                self.received.append(message.body)
                self._connection.send(new_method_return(message, "u", (len(self.received),)))

    def click(self, notification_id: int) -> None:
        from jeepney import DBusAddress, new_signal

        emitter = DBusAddress(PATH, interface=SERVICE)
        signal = new_signal(emitter, "ActionInvoked", "us", (notification_id, "default"))
        self._connection.send(signal)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._connection.close()


@pytest.fixture
def service(bus: str) -> Iterator[NotificationService]:
    running = NotificationService(bus)
    running.start()
    yield running
    running.stop()


def test_a_notification_arrives_as_plain_text_and_a_click_comes_back(
    bus: str, service: NotificationService
) -> None:
    clicked: list[int] = []
    notifier = DesktopNotifier(clicked.append, bus=bus)
    try:
        first = notifier.notify("50 orders completed on Panel <A>", "Orders 1, 2 & 3 and 47 more")
        second = notifier.notify("Refill rejected", "For order 7")
        service.click(first)
        deadline = time.monotonic() + 5
        while not clicked and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        notifier.close()

    assert (first, second) == (1, 2)
    app, replaces, _icon, summary, body, actions, _hints, _timeout = service.received[0]
    assert (app, replaces) == ("SMMDesk", 0)
    assert summary == "50 orders completed on Panel &lt;A&gt;"
    assert body == "Orders 1, 2 &amp; 3 and 47 more"
    assert actions == ["default", "Open"]
    assert clicked == [first]


def test_a_bus_without_a_notification_service_is_reported_not_raised_raw(bus: str) -> None:
    notifier = DesktopNotifier(lambda _id: None, bus=bus)
    with pytest.raises(NotificationsUnavailable, match="No notification service"):
        notifier.notify("Hello", "there")
    notifier.close()


def test_no_bus_at_all_is_reported(tmp_path: Any) -> None:
    notifier = DesktopNotifier(lambda _id: None, bus=f"unix:path={tmp_path}/missing")
    with pytest.raises(NotificationsUnavailable, match="no desktop session bus"):
        notifier.notify("Hello", "there")
    notifier.close()


def test_long_text_is_bounded(bus: str, service: NotificationService) -> None:
    notifier = DesktopNotifier(lambda _id: None, bus=bus)
    try:
        notifier.notify("x" * 1000, "y" * 10_000)
    finally:
        notifier.close()
    _app, _replaces, _icon, summary, body, *_ = service.received[0]
    assert len(summary) == 120 and summary.endswith("…")
    assert len(body) == 600
