"""What the Reports tab says about a report: the one-line summary, and the plain
explanation shown instead of a chart that would be empty, misleading or unreadable.

Pure functions of the report and the choices made, so each case is tested on its own.
"""

from __future__ import annotations

from datetime import date

from smmdesk.services.reports import MAX_CHART_PERIODS, ChartData, Measure, Report, ReportRequest
from smmdesk.ui.common.format import format_money, plural
from smmdesk.ui.insight.wording import format_day

NO_ORDERS = (
    "No orders yet. Spending reports add up the orders you place from SMMDesk (or track "
    "by ID): place one from New order or Mass order and it appears here."
)
BACKWARDS = "The start date is after the end date: pick a start on or before the end."
NO_ANNOTATIONS = (
    "Profit needs the sell price of each order, which this history does not record yet. "
    "Spend is shown instead."
)


def range_problem(request: ReportRequest) -> str | None:
    """Why this range cannot be reported, before anything is asked of the desk."""
    return BACKWARDS if request.last_day < request.first_day else None


def summary(report: Report) -> str:
    """`1,234 orders from 3 Mar to 1 Apr: 512.30 USD · 40.00 EUR spent.` plus profit."""
    request = report.request
    head = (
        f"{plural(report.orders, 'order')} from {format_day(request.first_day)} "
        f"to {format_day(request.last_day)}"
    )
    if not report.orders:
        return head + "."
    spent = " · ".join(format_money(report.total(c), c or "?") for c in report.currencies)
    text = f"{head}: {spent} spent."
    if report.priced:
        profit = " · ".join(
            format_money(total, c or "?")
            for c in report.currencies
            if (total := report.total(c, Measure.PROFIT)) is not None
        )
        text += f" Profit {profit} on the {plural(report.priced, 'order')} with a sell price."
    return text


def chart_problem(report: Report, measure: Measure, today: date) -> str | None:
    """Why the chart is not drawn, in plain words; None when it is worth drawing."""
    request = report.request
    if not report.span.orders:
        return NO_ORDERS
    if not report.orders:
        return _none_in_range(report, today)
    count = request.period_count()
    if count > MAX_CHART_PERIODS:
        return (
            f"{plural(count, request.bucket.value)} are too many bars for one chart: choose "
            f"{_coarser(request)} or a shorter range. The table below lists every line."
        )
    if measure is Measure.PROFIT and not report.annotated:
        return NO_ANNOTATIONS
    if measure is Measure.PROFIT and not report.priced:
        return (
            f"None of these {plural(report.orders, 'order')} has a sell price, so there is "
            "no profit to show. Set sell prices in the Orders tab, or show Spend."
        )
    return None


def currency_note(report: Report, shown: str) -> str:
    """Several currencies are never added together: which one the chart shows."""
    if len(report.currencies) < 2:
        return ""
    names = ", ".join(c or "unknown" for c in report.currencies)
    return (
        f"Amounts in {names} are kept apart, never added together. The chart shows "
        f"{shown or 'unknown'}; pick another currency above. The table lists them all."
    )


def empty_chart_note(data: ChartData) -> str | None:
    if data.is_empty:
        if data.measure is Measure.SPEND:
            return (
                "Nothing was spent in this currency and range: its orders were canceled, "
                "refunded or failed, and the panels gave the money back."
            )
        return "Profit is zero on every order with a sell price in this range."
    return None


def _none_in_range(report: Report, today: date) -> str:
    request, span = report.request, report.span
    text = (
        f"No orders were placed from {format_day(request.first_day)} "
        f"to {format_day(request.last_day)}."
    )
    if request.first_day > today:
        text += " That range is in the future."
    if span.first is not None and span.last is not None:
        first, last = span.first.astimezone().date(), span.last.astimezone().date()
        if span.orders == 1:
            text += f" Your one order was placed on {format_day(first)}."
        else:
            text += (
                f" Your {plural(span.orders, 'order')} were placed from {format_day(first)} "
                f"to {format_day(last)}."
            )
    return text


def _coarser(request: ReportRequest) -> str:
    return "months" if request.bucket.value != "month" else "fewer years"
