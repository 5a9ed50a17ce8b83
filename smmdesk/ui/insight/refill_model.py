"""`WindowModel`: orders whose refill guarantee is closing, soonest first, each with a box
the user ticks when its count dropped (`drop_marked` asks for it to be saved: the model
changes when the windows come back)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from smmdesk.api import OrderState
from smmdesk.api.refill_terms import LIFETIME_DAYS
from smmdesk.store import RefillWindow
from smmdesk.ui.common.format import counted, format_age, format_count, format_id, format_time
from smmdesk.ui.insight.rows_model import RowsModel
from smmdesk.ui.insight.wording import days_text

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class WindowColumn(IntEnum):
    CLOSES = 0
    PANEL = 1
    ORDER_ID = 2
    SERVICE = 3
    LINK = 4
    GUARANTEE = 5
    STATUS = 6
    DROPPED = 7


TITLES = {
    WindowColumn.CLOSES: QT_TRANSLATE_NOOP("RefillWindows", "Guarantee ends"),
    WindowColumn.PANEL: QT_TRANSLATE_NOOP("RefillWindows", "Panel"),
    WindowColumn.ORDER_ID: QT_TRANSLATE_NOOP("RefillWindows", "Order ID"),
    WindowColumn.SERVICE: QT_TRANSLATE_NOOP("RefillWindows", "Service"),
    WindowColumn.LINK: QT_TRANSLATE_NOOP("RefillWindows", "Link"),
    WindowColumn.GUARANTEE: QT_TRANSLATE_NOOP("RefillWindows", "Guarantee"),
    WindowColumn.STATUS: QT_TRANSLATE_NOOP("RefillWindows", "Status"),
    WindowColumn.DROPPED: QT_TRANSLATE_NOOP("RefillWindows", "Dropped"),
}
DROPPED_TIP = str(
    QT_TRANSLATE_NOOP(
        "RefillWindows",
        "Tick when the count on the link fell: the panel is not asked about a finished order "
        "again, so only you can see it.",
    )
)
_CHECK_ROLE = Qt.ItemDataRole.CheckStateRole
Index = QModelIndex | QPersistentModelIndex


# An order's state as the Status column names it.
STATE_WORDS = {
    OrderState.PENDING: QT_TRANSLATE_NOOP("RefillWindows", "Pending"),
    OrderState.IN_PROGRESS: QT_TRANSLATE_NOOP("RefillWindows", "In progress"),
    OrderState.COMPLETED: QT_TRANSLATE_NOOP("RefillWindows", "Completed"),
    OrderState.PARTIAL: QT_TRANSLATE_NOOP("RefillWindows", "Partial"),
    OrderState.CANCELED: QT_TRANSLATE_NOOP("RefillWindows", "Canceled"),
    OrderState.REFUNDED: QT_TRANSLATE_NOOP("RefillWindows", "Refunded"),
    OrderState.FAILED: QT_TRANSLATE_NOOP("RefillWindows", "Failed"),
    OrderState.ACTIVE: QT_TRANSLATE_NOOP("RefillWindows", "Active"),
    OrderState.PAUSED: QT_TRANSLATE_NOOP("RefillWindows", "Paused"),
    OrderState.EXPIRED: QT_TRANSLATE_NOOP("RefillWindows", "Expired"),
    OrderState.UNKNOWN: QT_TRANSLATE_NOOP("RefillWindows", "Unknown"),
}
assert set(STATE_WORDS) == set(OrderState)


def closes_text(ends_at: datetime, now: datetime) -> str:
    """`in 3 days (2026-12-04 10:00)`, `in 5 h (…)`."""
    left = (ends_at - now).total_seconds()
    if left < 3600:
        when = translate("RefillWindows", "within the hour")
    elif left < 86400:
        hours = format_count(int(left // 3600))
        when = translate("RefillWindows", "in {count} h").format(count=hours)
    else:
        when = counted(
            int(left // 86400),
            translate("RefillWindows", "in 1 day"),
            translate("RefillWindows", "in {count} days"),
        )
    return translate("RefillWindows", "{when} ({time})").format(
        when=when, time=format_time(ends_at)
    )


def dropped_text(row: RefillWindow, now: datetime) -> str:
    """`3 h ago` when the user said it dropped; `partial` for an order the panel left
    short; empty otherwise."""
    if row.dropped_at is not None:
        return format_age(row.dropped_at, now)
    if row.order.state is OrderState.PARTIAL:
        return translate("RefillWindows", "partial")
    return ""


def guarantee_text(days: int) -> str:
    return translate("RefillWindows", "lifetime") if days >= LIFETIME_DAYS else days_text(days)


def state_text(state: OrderState | None) -> str:
    return "" if state is None else translate("RefillWindows", str(STATE_WORDS[state]))


class WindowModel(RowsModel[RefillWindow]):
    drop_marked = Signal(int, bool)  # an order's record ID, whether its count dropped

    columns = WindowColumn
    context = "RefillWindows"
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
            case WindowColumn.DROPPED:
                return dropped_text(row, self.now)
        return translate("RefillWindows", "{state}, finished {age}").format(
            state=state_text(order.state), age=format_age(order.updated_at, self.now)
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == WindowColumn.DROPPED:
            if role == _CHECK_ROLE:
                dropped = self.rows[index.row()].dropped_at is not None
                return Qt.CheckState.Checked if dropped else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("RefillWindows", DROPPED_TIP)
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == WindowColumn.DROPPED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A tick asks for the drop to be saved; the box shows it once it is."""
        if not index.isValid() or index.column() != WindowColumn.DROPPED or role != _CHECK_ROLE:
            return False
        order = self.rows[index.row()].order
        self.drop_marked.emit(order.id, Qt.CheckState(value) == Qt.CheckState.Checked)
        return False

    def sort_value(self, row: RefillWindow, column: int) -> Any:
        if column == WindowColumn.CLOSES:
            return row.ends_at
        if column == WindowColumn.DROPPED:
            return row.dropped_at
        if column == WindowColumn.GUARANTEE:
            return row.days
        return self.display(row, column).casefold()
