"""`WindowModel`: orders whose refill guarantee is closing, soonest first."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject

from smmdesk.api.refill_terms import LIFETIME_DAYS
from smmdesk.store import RefillWindow
from smmdesk.ui.common.format import format_age, format_count, format_id, format_time, plural
from smmdesk.ui.insight.rows_model import RowsModel


class WindowColumn(IntEnum):
    CLOSES = 0
    PANEL = 1
    ORDER_ID = 2
    SERVICE = 3
    LINK = 4
    GUARANTEE = 5
    STATUS = 6


TITLES = {
    WindowColumn.CLOSES: "Guarantee ends",
    WindowColumn.PANEL: "Panel",
    WindowColumn.ORDER_ID: "Order ID",
    WindowColumn.SERVICE: "Service",
    WindowColumn.LINK: "Link",
    WindowColumn.GUARANTEE: "Guarantee",
    WindowColumn.STATUS: "Status",
}


def closes_text(ends_at: datetime, now: datetime) -> str:
    """`in 3 days (2026-12-04 10:00)`, `in 5 h (…)`."""
    left = (ends_at - now).total_seconds()
    if left < 3600:
        when = "within the hour"
    elif left < 86400:
        when = f"in {format_count(int(left // 3600))} h"
    else:
        when = f"in {plural(int(left // 86400), 'day')}"
    return f"{when} ({format_time(ends_at)})"


def guarantee_text(days: int) -> str:
    return "lifetime" if days >= LIFETIME_DAYS else plural(days, "day")


class WindowModel(RowsModel[RefillWindow]):
    columns = WindowColumn
    titles = TITLES
    tooltip_columns = frozenset({WindowColumn.SERVICE, WindowColumn.LINK})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel_names: dict[int, str] = {}
        self.now = datetime.now(UTC)

    def display(self, row: RefillWindow, column: int) -> str:
        order = row.order
        match column:
            case WindowColumn.CLOSES:
                return closes_text(row.ends_at, self.now)
            case WindowColumn.PANEL:
                return self.panel_names.get(order.panel_id, "")
            case WindowColumn.ORDER_ID:
                return format_id(order.order_id)
            case WindowColumn.SERVICE:
                return order.service_name
            case WindowColumn.LINK:
                return order.link or ""
            case WindowColumn.GUARANTEE:
                return guarantee_text(row.days)
        finished = f", finished {format_age(order.updated_at, self.now)}"
        return (order.state.value.replace("_", " ").capitalize() if order.state else "") + finished

    def sort_value(self, row: RefillWindow, column: int) -> Any:
        if column == WindowColumn.CLOSES:
            return row.ends_at
        if column == WindowColumn.GUARANTEE:
            return row.days
        return self.display(row, column).casefold()
