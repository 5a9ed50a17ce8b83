"""A notice centre whose desktop notifications go to the test's own session bus."""

from __future__ import annotations

import pytest

from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.notify.centre import NoticeCentre
from tests.notification_service import bus, service

__all__ = ["bus", "service"]  # fixtures


@pytest.fixture
def centre(bus: str, context: AppContext) -> NoticeCentre:
    context.desk.notice_bus = bus
    return NoticeCentre(context, BalanceBook(context))
