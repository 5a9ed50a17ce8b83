"""The desktop notifier against a real session bus: a private `dbus-daemon` and a small
`org.freedesktop.Notifications` service on it that records what arrives."""

from __future__ import annotations

import time
from typing import Any

import pytest

from smmdesk.desktop_notify import DesktopNotifier, NotificationsUnavailable
from tests.notification_service import NotificationService, bus, needs_dbus, service

pytestmark = needs_dbus
__all__ = ["bus", "service"]  # fixtures


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
