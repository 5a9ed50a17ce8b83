"""`Desk.notify_desktop` against a real (private) session bus with a notification service
on it, and on a bus without one. The bus is asked for first, so that it outlives the desk
(whose shutdown closes the connection)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from smmdesk.workers import Desk, DesktopNotified, Job
from tests.notification_service import NotificationService, bus, needs_dbus, service

pytestmark = needs_dbus
__all__ = ["bus", "service"]  # fixtures


def test_a_notification_is_shown_off_the_gui_thread_and_its_click_comes_back(
    bus: str, service: NotificationService, qtbot: QtBot, desk: Desk
) -> None:
    desk.notice_bus = bus
    with qtbot.waitSignal(desk.desktop_notified) as shown:
        ticket = desk.notify_desktop("3 orders completed on Demo", "Orders 1, 2, 3")
    answered, result = shown.args
    assert answered == ticket and ticket.job is Job.NOTIFY_DESKTOP
    assert result == DesktopNotified(1)
    assert service.received[0][3:5] == ("3 orders completed on Demo", "Orders 1, 2, 3")

    with qtbot.waitSignal(desk.desktop_notice_clicked) as clicked:
        service.click(1)
    assert clicked.args == [1]


def test_without_a_notification_service_the_answer_says_why(
    bus: str, qtbot: QtBot, desk: Desk
) -> None:
    desk.notice_bus = bus
    with qtbot.waitSignal(desk.desktop_notified) as shown:
        desk.notify_desktop("Hello", "there")
    result = shown.args[1]
    assert result.notification_id is None
    assert "No notification service" in (result.problem or "")
