"""Issue 12: a refresh that completes 1,000 orders raises a few notifications, not 1,000 —
over D-Bus, in the window when no notification service runs, and when every panel is
refreshed at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.store import Panel, Store
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.notify.centre import GATHER_MS, NoticeCentre
from tests.conftest import TEST_KEY
from tests.notification_service import NotificationService, needs_dbus

pytestmark = needs_dbus
A_MONTH_S = 30 * 24 * 3600
MOST_NOTICES = 3  # the bound for a refresh that completes 1,000 orders
REFRESH_TIMEOUT_MS = 30_000


def track_orders_that_will_complete(
    qtbot: QtBot, context: AppContext, demo: DemoPanel, panel: Panel, count: int
) -> None:
    """`count` orders tracked while pending, every one of them bound to end Completed."""
    demo.speed = 0  # nothing moves until the clock is advanced
    order_ids = demo.create_orders(count)
    for order_id in order_ids:
        order = demo.orders[order_id]
        order.fate = dataclasses.replace(order.fate, final_remains=0)  # no Partial endings
    with qtbot.waitSignal(context.desk.orders_updated, timeout=REFRESH_TIMEOUT_MS):
        context.desk.track_orders(panel.id, order_ids)


def refresh_once(qtbot: QtBot, context: AppContext, panels: list[Panel]) -> None:
    """One refresh of `panels` (the Orders tab's All panels asks each panel at once)."""
    refreshed: list[int] = []
    context.desk.orders_refreshed.connect(lambda ticket, _report: refreshed.append(ticket))
    for panel in panels:
        context.desk.refresh_orders(panel.id)
    qtbot.waitUntil(lambda: len(refreshed) == len(panels), timeout=REFRESH_TIMEOUT_MS)


def told_after(qtbot: QtBot, told: list[object]) -> None:
    """Wait for the first notification, then long enough for any other to follow."""
    qtbot.waitUntil(lambda: bool(told), timeout=GATHER_MS + 10_000)
    qtbot.wait(GATHER_MS + 500)


def test_a_thousand_orders_completing_in_one_refresh_make_one_notification(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    demo_panel: DemoPanel,
    test_panel: Panel,
) -> None:
    track_orders_that_will_complete(qtbot, context, demo_panel, test_panel, 1000)
    demo_panel.advance(A_MONTH_S)
    refresh_once(qtbot, context, [test_panel])
    told_after(qtbot, service.received)

    shown = [(body[3], body[4]) for body in service.received]
    assert len(shown) <= MOST_NOTICES
    ((summary, text),) = shown
    assert summary == "1,000 orders completed on Test panel"
    assert text.startswith("Orders ") and text.endswith(" and 995 more")


def test_without_a_notification_service_the_window_gets_one_line(
    qtbot: QtBot, bus: str, context: AppContext, demo_panel: DemoPanel, test_panel: Panel
) -> None:
    context.desk.notice_bus = bus  # a bus, but nothing on it shows notifications
    centre = NoticeCentre(context, BalanceBook(context))
    lines: list[str] = []
    centre.shown_in_window.connect(lines.append)
    track_orders_that_will_complete(qtbot, context, demo_panel, test_panel, 1000)
    demo_panel.advance(A_MONTH_S)
    refresh_once(qtbot, context, [test_panel])
    told_after(qtbot, lines)

    assert len(lines) <= MOST_NOTICES
    (line,) = lines
    assert line.startswith("1,000 orders completed on Test panel. Orders ")


@pytest.fixture
def second_demo() -> Iterator[DemoPanel]:
    with DemoPanel(key=TEST_KEY, services=50, seed=11) as panel:
        yield panel


def test_orders_completing_on_two_panels_refreshed_together_make_one_notification(
    qtbot: QtBot,
    service: NotificationService,
    centre: NoticeCentre,
    context: AppContext,
    store: Store,
    keys: KeyStore,
    demo_panel: DemoPanel,
    second_demo: DemoPanel,
    test_panel: Panel,
) -> None:
    other = store.add_panel("Second panel", second_demo.url)
    keys.save(other.id, TEST_KEY)
    track_orders_that_will_complete(qtbot, context, demo_panel, test_panel, 600)
    track_orders_that_will_complete(qtbot, context, second_demo, other, 400)
    demo_panel.advance(A_MONTH_S)
    second_demo.advance(A_MONTH_S)
    refresh_once(qtbot, context, [test_panel, other])
    told_after(qtbot, service.received)

    assert [body[3] for body in service.received] == ["1,000 orders completed on 2 panels"]
    with qtbot.waitSignal(centre.notice_clicked) as clicked:
        service.click(1)
    assert len(clicked.args[0].record_ids) == 1000
