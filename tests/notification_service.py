"""A private session bus and a small `org.freedesktop.Notifications` service on it that
records what arrives: what a desktop's notification daemon does, as far as SMMDesk needs."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from smmdesk.desktop_notify import PATH, SERVICE

needs_dbus = pytest.mark.skipif(
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
