"""The status bar says how far a refresh of many orders is."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.store import Panel
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.status_bar import StatusBar

ORDERS = 3000


def test_a_refresh_of_thousands_of_orders_says_how_many_are_done(
    qtbot: QtBot, context: AppContext, demo_panel: DemoPanel, test_panel: Panel
) -> None:
    bar = StatusBar(context)
    qtbot.addWidget(bar)
    messages: list[str] = []
    bar.messageChanged.connect(messages.append)
    with qtbot.waitSignal(context.desk.orders_updated, timeout=30_000):
        context.desk.track_orders(test_panel.id, demo_panel.create_orders(ORDERS))
    demo_panel.latency_ms = 20  # a refresh that takes long enough to be seen
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=30_000):
        context.desk.refresh_orders(test_panel.id)
    counting = [m for m in messages if m.startswith("Refreshing")]
    assert counting, messages
    assert all(re.fullmatch(r"Refreshing [\d,]+ of 3,000 orders…", m) for m in counting)
    assert messages[-1] == ""  # cleared when done
