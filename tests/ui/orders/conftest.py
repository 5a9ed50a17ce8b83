"""The Orders pane on the test panel, automatic refresh off (tests refresh on purpose)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.settings import AUTO_REFRESH
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.orders_pane import OrdersPane


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> OrdersPane:
    context.settings.set(AUTO_REFRESH, False)
    widget = OrdersPane(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget
