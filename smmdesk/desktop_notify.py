"""Desktop notifications through the freedesktop notification service, over D-Bus.

Linux desktops (GNOME, KDE, XFCE…) show notifications for whoever calls `Notify` on
`org.freedesktop.Notifications`; clicking one sends `ActionInvoked` back. This module
speaks that with `jeepney` (pure-Python D-Bus, installed with `keyring` on Linux), so no
Qt D-Bus module has to ship. It is Qt-free and blocking: call it off the GUI thread (a
bus that hangs would otherwise freeze the window). Where there is no session bus or no
notification service, `NotificationsUnavailable` says so and the app shows its messages
in the window instead.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

log = logging.getLogger("smmdesk.notify")

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
DEFAULT_ACTION = "default"  # what a click on the notification's body invokes
CALL_TIMEOUT_S = 2.0
MAX_SUMMARY_CHARS = 120
MAX_BODY_CHARS = 600


class NotificationsUnavailable(RuntimeError):
    """No session bus, or nothing on it shows notifications."""


class DesktopNotifier:
    """One connection to the session bus: `notify()` shows a notification and returns
    its ID; `on_clicked(id)` is called (from a listener thread) when the user clicks one.

    `bus` is "SESSION" or a D-Bus address (tests run a private bus).
    """

    def __init__(self, on_clicked: Callable[[int], None], bus: str = "SESSION") -> None:
        self._on_clicked = on_clicked
        self._bus = bus
        self._lock = threading.Lock()
        self._stack: ExitStack | None = None
        self._router: Any = None
        self._listener: threading.Thread | None = None
        self._closed = threading.Event()

    def notify(self, summary: str, body: str, replaces: int = 0) -> int:
        """Show (or replace) a notification; its ID. Text is plain: markup characters are
        escaped, since some services render a subset of HTML in the body."""
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        router = self._connected()
        address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        arguments: tuple[object, ...] = (
            "SMMDesk",
            replaces,
            "",
            _plain(summary, MAX_SUMMARY_CHARS),
            _plain(body, MAX_BODY_CHARS),
            [DEFAULT_ACTION, "Open"],
            {},
            -1,
        )
        message = new_method_call(address, "Notify", "susssasa{sv}i", arguments)
        try:
            reply = router.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
            (notification_id,) = unwrap_msg(reply)
        except (OSError, TimeoutError) as error:
            raise NotificationsUnavailable(
                f"The notification service did not answer: {error}"
            ) from error
        except DBusErrorResponse as error:
            raise NotificationsUnavailable(
                f"No notification service is running: {error.name}"
            ) from error
        return int(notification_id)

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            stack, self._stack, self._router = self._stack, None, None
        if stack is not None:
            stack.close()
        if self._listener is not None:
            self._listener.join(timeout=1)

    def _connected(self) -> Any:
        with self._lock:
            if self._router is None:
                self._open()
            return self._router

    def _open(self) -> None:
        from jeepney import MatchRule, message_bus
        from jeepney.io.threading import Proxy, open_dbus_router

        stack = ExitStack()
        try:
            router = stack.enter_context(open_dbus_router(bus=self._bus))
            rule = MatchRule(type="signal", interface=SERVICE, member="ActionInvoked", path=PATH)
            Proxy(message_bus, router, timeout=CALL_TIMEOUT_S).AddMatch(rule)
            clicks = stack.enter_context(router.filter(rule, bufsize=64))
        except Exception as error:  # any failure to reach a bus means: no notifications
            stack.close()
            raise NotificationsUnavailable(f"There is no desktop session bus: {error}") from error
        self._stack, self._router = stack, router
        self._listener = threading.Thread(
            target=self._listen, args=(clicks,), name="smmdesk-notify", daemon=True
        )
        self._listener.start()

    def _listen(self, clicks: queue.Queue[Any]) -> None:
        while not self._closed.is_set():
            try:
                signal = clicks.get(timeout=0.2)
            except queue.Empty:
                continue
            notification_id, action = signal.body
            if action == DEFAULT_ACTION:
                try:
                    self._on_clicked(int(notification_id))
                except Exception:  # a bad handler must not end the listener
                    log.exception("handling a notification click failed")


def _plain(text: str, limit: int) -> str:
    shortened = text if len(text) <= limit else text[: limit - 1] + "…"
    return shortened.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
