"""`ReportModel`: a spending report's lines, one per period, group and currency."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.services.reports import ReportLine
from smmdesk.store.reports import Bucket
from smmdesk.ui.common.format import format_count, format_money
from smmdesk.ui.insight.report_words import currency_name
from smmdesk.ui.insight.rows_model import RowsModel
from smmdesk.ui.insight.wording import format_day

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class ReportColumn(IntEnum):
    PERIOD = 0
    GROUP = 1
    CURRENCY = 2
    ORDERS = 3
    SPEND = 4
    PRICED = 5
    PROFIT = 6


TITLES = {
    ReportColumn.PERIOD: QT_TRANSLATE_NOOP("Reports", "Period"),
    ReportColumn.GROUP: QT_TRANSLATE_NOOP("Reports", "Group"),
    ReportColumn.CURRENCY: QT_TRANSLATE_NOOP("Reports", "Currency"),
    ReportColumn.ORDERS: QT_TRANSLATE_NOOP("Reports", "Orders"),
    ReportColumn.SPEND: QT_TRANSLATE_NOOP("Reports", "Spend"),
    ReportColumn.PRICED: QT_TRANSLATE_NOOP("Reports", "With sell price"),
    ReportColumn.PROFIT: QT_TRANSLATE_NOOP("Reports", "Profit"),
}


def period_text(line: ReportLine, bucket: Bucket) -> str:
    if bucket is Bucket.MONTH:
        return line.period.strftime("%Y-%m")
    text = format_day(line.period)
    if bucket is Bucket.WEEK:
        return translate("Reports", "week of {day}").format(day=text)
    return text


# Amounts sort by their units: the lines shown are one report's, which share an exponent.
_SORT_FIELDS: dict[int, str] = {
    ReportColumn.PERIOD: "period",
    ReportColumn.ORDERS: "orders",
    ReportColumn.SPEND: "spend_units",
    ReportColumn.PRICED: "priced",
    ReportColumn.PROFIT: "profit_units",
}
_TEXT_FIELDS: dict[int, str] = {ReportColumn.GROUP: "group", ReportColumn.CURRENCY: "currency"}


class ReportModel(RowsModel[ReportLine]):
    columns = ReportColumn
    context = "Reports"
    titles = TITLES
    numeric = frozenset({ReportColumn.ORDERS, ReportColumn.SPEND, ReportColumn.PRICED,
                         ReportColumn.PROFIT})  # fmt: skip
    tooltip_columns = frozenset({ReportColumn.GROUP})
    bucket = Bucket.DAY

    def display(self, row: ReportLine, column: int) -> str:
        match column:
            case ReportColumn.PERIOD:
                return period_text(row, self.bucket)
            case ReportColumn.GROUP:
                return row.group or translate("Reports", "(none)")
            case ReportColumn.CURRENCY:
                return currency_name(row.currency)
            case ReportColumn.ORDERS:
                return format_count(row.orders)
            case ReportColumn.SPEND:
                return format_money(row.spend)
            case ReportColumn.PRICED:
                return format_count(row.priced)
        return format_money(row.profit)

    def sort_key(self, column: int) -> Callable[[ReportLine], Any]:
        """The line's own field where a column shows one (for the 35,000 lines of a year
        by day and service, 1.6 ms instead of 15 for a `match` per line); a text column's
        folded text worked out once per group or currency, not once per line."""
        field = _SORT_FIELDS.get(column)
        if field is not None:
            return attrgetter(field)
        read = attrgetter(_TEXT_FIELDS[column])
        folded: dict[str, str] = {}

        def text(row: ReportLine) -> str:
            value = read(row)
            known = folded.get(value)
            if known is None:
                known = folded[value] = self.display(row, column).casefold()
            return known

        return text
