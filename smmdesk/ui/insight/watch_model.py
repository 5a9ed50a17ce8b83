"""`WatchModel`: services the user ordered lately that a catalogue fetch re-priced or
dropped, newest first."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject

from smmdesk.store import WatchedPrice
from smmdesk.ui.common.format import format_id, format_money, format_time
from smmdesk.ui.insight.rows_model import RowsModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
VANISHED = str(QT_TRANSLATE_NOOP("PriceWatch", "no longer listed"))


class WatchColumn(IntEnum):
    WHEN = 0
    PANEL = 1
    SERVICE_ID = 2
    SERVICE = 3
    OLD_RATE = 4
    NEW_RATE = 5
    CHANGE = 6


TITLES = {
    WatchColumn.WHEN: QT_TRANSLATE_NOOP("PriceWatch", "Seen"),
    WatchColumn.PANEL: QT_TRANSLATE_NOOP("PriceWatch", "Panel"),
    WatchColumn.SERVICE_ID: QT_TRANSLATE_NOOP("PriceWatch", "ID"),
    WatchColumn.SERVICE: QT_TRANSLATE_NOOP("PriceWatch", "Service"),
    WatchColumn.OLD_RATE: QT_TRANSLATE_NOOP("PriceWatch", "Old rate"),
    WatchColumn.NEW_RATE: QT_TRANSLATE_NOOP("PriceWatch", "New rate"),
    WatchColumn.CHANGE: QT_TRANSLATE_NOOP("PriceWatch", "Change"),
}


def change(price: WatchedPrice) -> Decimal | None:
    """The change in percent; None when the service vanished or had no old rate."""
    if price.new_rate is None or not price.old_rate:
        return None
    return (price.new_rate - price.old_rate) * 100 / price.old_rate


def change_text(price: WatchedPrice) -> str:
    """`+20%`, `-5.5%`, or `gone`: one decimal, none when it is zero."""
    if price.new_rate is None:
        return translate("PriceWatch", "gone")
    percent = change(price)
    if percent is None:
        return ""
    locale = QLocale()
    text = locale.toString(float(percent), "f", 1).removesuffix(
        locale.decimalPoint() + locale.zeroDigit()
    )
    sign = locale.positiveSign() if percent > 0 else ""
    return translate("PriceWatch", "{change}%").format(change=sign + text)


class WatchModel(RowsModel[WatchedPrice]):
    columns = WatchColumn
    context = "PriceWatch"
    titles = TITLES
    numeric = frozenset({WatchColumn.OLD_RATE, WatchColumn.NEW_RATE, WatchColumn.CHANGE})
    tooltip_columns = frozenset({WatchColumn.SERVICE})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel_names: dict[int, str] = {}

    def display(self, row: WatchedPrice, column: int) -> str:
        match column:
            case WatchColumn.WHEN:
                return format_time(row.changed_at)
            case WatchColumn.PANEL:
                return self.panel_names.get(row.panel_id, "")
            case WatchColumn.SERVICE_ID:
                return format_id(row.service_id)
            case WatchColumn.SERVICE:
                return row.service_name
            case WatchColumn.OLD_RATE:
                return format_money(row.old_rate)
            case WatchColumn.NEW_RATE:
                if row.new_rate is None:
                    return translate("PriceWatch", VANISHED)
                return format_money(row.new_rate)
        return change_text(row)

    def sort_value(self, row: WatchedPrice, column: int) -> Any:
        values: dict[int, Decimal | datetime | None] = {
            WatchColumn.WHEN: row.changed_at,
            WatchColumn.OLD_RATE: row.old_rate,
            WatchColumn.NEW_RATE: row.new_rate,
            WatchColumn.CHANGE: change(row),
        }
        if column in values:
            return values[column]
        return self.display(row, column).casefold()
