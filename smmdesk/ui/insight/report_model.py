"""`ReportModel`: a spending report's lines, one per period, group and currency."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from smmdesk.services.reports import ReportLine
from smmdesk.store.reports import Bucket
from smmdesk.ui.common.format import format_count, format_money
from smmdesk.ui.insight.rows_model import RowsModel
from smmdesk.ui.insight.wording import format_day


class ReportColumn(IntEnum):
    PERIOD = 0
    GROUP = 1
    CURRENCY = 2
    ORDERS = 3
    SPEND = 4
    PRICED = 5
    PROFIT = 6


TITLES = {
    ReportColumn.PERIOD: "Period",
    ReportColumn.GROUP: "Group",
    ReportColumn.CURRENCY: "Currency",
    ReportColumn.ORDERS: "Orders",
    ReportColumn.SPEND: "Spend",
    ReportColumn.PRICED: "With sell price",
    ReportColumn.PROFIT: "Profit",
}


def period_text(line: ReportLine, bucket: Bucket) -> str:
    if bucket is Bucket.MONTH:
        return line.period.strftime("%Y-%m")
    text = format_day(line.period)
    return f"week of {text}" if bucket is Bucket.WEEK else text


class ReportModel(RowsModel[ReportLine]):
    columns = ReportColumn
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
                return row.group or "(none)"
            case ReportColumn.CURRENCY:
                return row.currency or "unknown"
            case ReportColumn.ORDERS:
                return format_count(row.orders)
            case ReportColumn.SPEND:
                return format_money(row.spend)
            case ReportColumn.PRICED:
                return format_count(row.priced)
        return format_money(row.profit)

    def sort_value(self, row: ReportLine, column: int) -> Any:
        match column:
            case ReportColumn.PERIOD:
                return row.period
            case ReportColumn.ORDERS:
                return row.orders
            case ReportColumn.SPEND:
                return row.spend
            case ReportColumn.PRICED:
                return row.priced
            case ReportColumn.PROFIT:
                return row.profit
        return self.display(row, column).casefold()
