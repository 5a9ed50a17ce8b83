"""What the Reports tab says about a report: the one-line summary, and the plain
explanation shown instead of a chart that would be empty, misleading or unreadable.

Pure functions of the report and the choices made, so each case is tested on its own.
Every text is translated (context "Reports") when it is asked for.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.services.reports import MAX_CHART_PERIODS, ChartData, Measure, Report, ReportRequest
from smmdesk.store.reports import Bucket
from smmdesk.ui.common.format import counted, format_count, format_money
from smmdesk.ui.insight.wording import format_day

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
# Marked for lupdate, translated where shown (`tr`).
NO_ORDERS = str(
    QT_TRANSLATE_NOOP(
        "Reports",
        "No orders yet. Spending reports add up the orders you place from SMMDesk (or track "
        "by ID): place one from New order or Mass order and it appears here.",
    )
)
BACKWARDS = str(
    QT_TRANSLATE_NOOP(
        "Reports", "The start date is after the end date: pick a start on or before the end."
    )
)
NO_ANNOTATIONS = str(
    QT_TRANSLATE_NOOP(
        "Reports",
        "Profit needs the sell price of each order, which this history does not record yet. "
        "Spend is shown instead.",
    )
)
# Too many periods for one chart, by the bucket chosen: which coarser one to pick.
_TOO_MANY_BARS = {
    Bucket.DAY: QT_TRANSLATE_NOOP(
        "Reports",
        "{count} days are too many bars for one chart: choose months or a shorter range. "
        "The table below lists every line.",
    ),
    Bucket.WEEK: QT_TRANSLATE_NOOP(
        "Reports",
        "{count} weeks are too many bars for one chart: choose months or a shorter range. "
        "The table below lists every line.",
    ),
    Bucket.MONTH: QT_TRANSLATE_NOOP(
        "Reports",
        "{count} months are too many bars for one chart: choose fewer years or a shorter "
        "range. The table below lists every line.",
    ),
}


def tr(text: object) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP("Reports", …)."""
    return translate("Reports", str(text))


def currency_name(currency: str) -> str:
    """The currency's code, or "unknown" for lines whose panel gave none."""
    return currency or translate("Reports", "unknown")


def range_problem(request: ReportRequest) -> str | None:
    """Why this range cannot be reported, before anything is asked of the desk."""
    return tr(BACKWARDS) if request.last_day < request.first_day else None


def summary(report: Report) -> str:
    """`1,234 orders from 3 Mar to 1 Apr: 512.30 USD · 40.00 EUR spent.` plus profit."""
    request = report.request
    days = {"first": format_day(request.first_day), "last": format_day(request.last_day)}
    if not report.orders:
        return translate("Reports", "{count} orders from {first} to {last}.").format(
            count=format_count(0), **days
        )
    spent = " · ".join(format_money(report.total(c), c or "?") for c in report.currencies)
    text = counted(
        report.orders,
        translate("Reports", "1 order from {first} to {last}: {spent} spent."),
        translate("Reports", "{count} orders from {first} to {last}: {spent} spent."),
        spent=spent,
        **days,
    )
    if report.priced:
        profit = " · ".join(
            format_money(total, c or "?")
            for c in report.currencies
            if (total := report.total(c, Measure.PROFIT)) is not None
        )
        text += " " + counted(
            report.priced,
            translate("Reports", "Profit {profit} on the 1 order with a sell price."),
            translate("Reports", "Profit {profit} on the {count} orders with a sell price."),
            profit=profit,
        )
    return text


def chart_problem(report: Report, measure: Measure, today: date) -> str | None:
    """Why the chart is not drawn, in plain words; None when it is worth drawing."""
    request = report.request
    if not report.span.orders:
        return tr(NO_ORDERS)
    if not report.orders:
        return _none_in_range(report, today)
    count = request.period_count()
    if count > MAX_CHART_PERIODS:
        return tr(_TOO_MANY_BARS[request.bucket]).format(count=format_count(count))
    if measure is Measure.PROFIT and not report.annotated:
        return tr(NO_ANNOTATIONS)
    if measure is Measure.PROFIT and not report.priced:
        return counted(
            report.orders,
            translate(
                "Reports",
                "This order has no sell price, so there is no profit to show. "
                "Set sell prices in the Orders tab, or show Spend.",
            ),
            translate(
                "Reports",
                "None of these {count} orders has a sell price, so there is no profit to "
                "show. Set sell prices in the Orders tab, or show Spend.",
            ),
        )
    return None


def currency_note(report: Report, shown: str) -> str:
    """Several currencies are never added together: which one the chart shows."""
    if len(report.currencies) < 2:
        return ""
    return translate(
        "Reports",
        "Amounts in {currencies} are kept apart, never added together. The chart shows "
        "{shown}; pick another currency above. The table lists them all.",
    ).format(
        currencies=", ".join(currency_name(c) for c in report.currencies),
        shown=currency_name(shown),
    )


def empty_chart_note(data: ChartData) -> str | None:
    if data.is_empty:
        if data.measure is Measure.SPEND:
            return translate(
                "Reports",
                "Nothing was spent in this currency and range: its orders were canceled, "
                "refunded or failed, and the panels gave the money back.",
            )
        return translate(
            "Reports", "Profit is zero on every order with a sell price in this range."
        )
    return None


def _none_in_range(report: Report, today: date) -> str:
    request, span = report.request, report.span
    sentences = [
        translate("Reports", "No orders were placed from {first} to {last}.").format(
            first=format_day(request.first_day), last=format_day(request.last_day)
        )
    ]
    if request.first_day > today:
        sentences.append(translate("Reports", "That range is in the future."))
    if span.first is not None and span.last is not None:
        first, last = span.first.astimezone().date(), span.last.astimezone().date()
        sentences.append(
            counted(
                span.orders,
                translate("Reports", "Your one order was placed on {first}."),
                translate("Reports", "Your {count} orders were placed from {first} to {last}."),
                first=format_day(first),
                last=format_day(last),
            )
        )
    return " ".join(sentences)
