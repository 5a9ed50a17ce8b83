"""Notifications end to end: orders on the real demo panel move, the desk refreshes them,
and what reaches the desktop's notification service (on a private session bus) is a few
grouped notices, not one per order."""

from __future__ import annotations

from collections import Counter

from pytestqt.qtbot import QtBot

from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.services.notices import Notice, NoticeKind
from smmdesk.settings import NOTIFY_OPTIONS, Settings, low_balance_option
from smmdesk.store import Panel
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.notify.centre import GATHER_MS, NoticeCentre
from tests.notification_service import NotificationService, needs_dbus

pytestmark = needs_dbus
A_MONTH_S = 30 * 24 * 3600
ORDERS = 300


def finish_orders(qtbot: QtBot, context: AppContext, demo_panel: DemoPanel, panel: Panel) -> None:
    order_ids = demo_panel.create_orders(ORDERS)
    with qtbot.waitSignal(context.desk.orders_updated, timeout=20_000):
        context.desk.track_orders(panel.id, order_ids)
    demo_panel.advance(A_MONTH_S)
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=20_000):
        context.desk.refresh_orders(panel.id)


def test_hundreds_of_finished_orders_make_one_notification_per_kind(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    demo_panel: DemoPanel,
    test_panel: Panel,
) -> None:
    finish_orders(qtbot, context, demo_panel, test_panel)
    qtbot.waitUntil(lambda: len(service.received) >= 1, timeout=5000)
    qtbot.wait(200)

    summaries = [body[3] for body in service.received]
    assert 1 <= len(summaries) <= 4, summaries  # completed, partial, canceled, refunded
    completed = next(s for s in summaries if "completed" in s)
    assert completed.endswith("orders completed on Test panel"), completed
    counted = sum(int(s.split()[0].replace(",", "")) for s in summaries if s[0].isdigit())
    assert counted <= ORDERS


def test_a_kind_switched_off_is_not_shown(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    settings: Settings,
    demo_panel: DemoPanel,
    test_panel: Panel,
) -> None:
    settings.set(NOTIFY_OPTIONS[NoticeKind.COMPLETED.value], False)
    finish_orders(qtbot, context, demo_panel, test_panel)
    qtbot.wait(GATHER_MS + 500)
    assert not any("completed" in body[3] for body in service.received)


def test_clicking_a_notification_names_the_orders_it_was_about(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    demo_panel: DemoPanel,
    test_panel: Panel,
) -> None:
    finish_orders(qtbot, context, demo_panel, test_panel)
    qtbot.waitUntil(lambda: len(service.received) >= 1, timeout=5000)
    with qtbot.waitSignal(centre.notice_clicked) as clicked:
        service.click(1)
    notice: Notice = clicked.args[0]
    assert notice.panel_id == test_panel.id
    assert len(notice.record_ids) == notice.count > 0


def test_without_a_notification_service_notices_go_to_the_window(
    qtbot: QtBot, bus: str, context: AppContext, demo_panel: DemoPanel, test_panel: Panel
) -> None:
    context.desk.notice_bus = bus  # a bus, but nothing on it shows notifications
    centre = NoticeCentre(context, BalanceBook(context))
    lines: list[str] = []
    centre.shown_in_window.connect(lines.append)
    finish_orders(qtbot, context, demo_panel, test_panel)
    qtbot.waitUntil(lambda: bool(lines), timeout=5000)
    assert any("on Test panel" in line for line in lines)


def test_a_low_balance_is_announced_once_per_fall(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    settings: Settings,
    test_panel: Panel,
) -> None:
    assert context.balance is not None
    settings.set(low_balance_option(test_panel.id), f"{context.balance.amount + 1}")
    for _ in range(2):
        with qtbot.waitSignal(context.desk.balance_loaded):
            context.desk.fetch_balance(test_panel.id)
    qtbot.waitUntil(lambda: bool(service.received), timeout=5000)
    qtbot.wait(300)
    assert Counter(body[3] for body in service.received) == {"Balance on Test panel is low": 1}


def test_a_catalogue_refresh_that_reprices_an_ordered_service_is_announced(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    demo_panel: DemoPanel,
    test_panel: Panel,
) -> None:
    ordered = context.services[0]
    draft = OrderDraft.of(ordered, link="https://instagram.com/p/watch", quantity=ordered.min)
    with qtbot.waitSignal(context.desk.order_placed, timeout=10_000):
        context.desk.place_order(test_panel.id, draft)
    demo_panel.serve_entry(int(ordered.id), rate=str(ordered.rate * 2))
    with qtbot.waitSignal(context.desk.services_loaded, timeout=10_000):
        context.desk.refresh_services(test_panel.id)
    qtbot.waitUntil(lambda: bool(service.received), timeout=5000)
    summary, body = service.received[-1][3:5]
    assert summary == "A service you ordered changed on Test panel"
    assert body.startswith(f"{ordered.name}: ") and " → " in body
