"""How the insight tabs put durations, shares, counts and per-currency amounts into words,
in the user's language.

Numbers go through `smmdesk.ui.common.format` (the user's locale); this module only
chooses the unit: "45 min", "5 h", "1 h 30 min", "3 days 4 h", "12 days". A count with
its noun is one whole translated text for one and one for more (`format.counted`), as word
order and plurals differ between languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from smmdesk.services.scorecard import Spread
from smmdesk.ui.common.format import counted, format_count, format_money

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
_MINUTE, _HOUR, _DAY = 60, 3600, 86400
_WHOLE_P90 = 11  # orders: below, the 90th percentile (rank int(n * 0.9)) is the slowest


def orders_text(count: int) -> str:
    """`1 order`, `12 orders`."""
    return counted(count, translate("Insight", "1 order"), translate("Insight", "{count} orders"))


def days_text(count: int) -> str:
    """`1 day`, `30 days`."""
    return counted(count, translate("Insight", "1 day"), translate("Insight", "{count} days"))


def format_duration(seconds: float | None) -> str:
    """A duration as a person says it, to the minute under an hour, to the hour under
    ten days; empty for an unknown one."""
    if seconds is None:
        return ""
    whole = max(0, round(seconds))
    if whole < _MINUTE:
        return translate("Insight", "under a minute")
    if whole < _HOUR:
        return translate("Insight", "{count} min").format(count=format_count(whole // _MINUTE))
    if whole < _DAY:
        hours, minutes = divmod(whole // _MINUTE, 60)
        if hours < 10 and minutes:
            return translate("Insight", "{hours} h {minutes} min").format(
                hours=format_count(hours), minutes=format_count(minutes)
            )
        return translate("Insight", "{count} h").format(count=format_count(round(whole / _HOUR)))
    days, hours = divmod(round(whole / _HOUR), 24)
    if days < 10 and hours:
        return counted(
            days,
            translate("Insight", "1 day {hours} h"),
            translate("Insight", "{count} days {hours} h"),
            hours=format_count(hours),
        )
    return days_text(round(whole / _DAY))


def spread_text(spread: Spread) -> str:
    """`median 5 h (12 orders)`, or `no timed order yet`."""
    if spread.median is None:
        return translate("Insight", "no timed order yet")
    return translate("Insight", "median {duration} ({orders})").format(
        duration=format_duration(spread.median), orders=orders_text(spread.orders)
    )


def spread_sentence(spread: Spread) -> str:
    """`median 5 h, 90% within 9 h (12 orders)`, `median 5 h, slowest 7 h (3 orders)`:
    the tooltip and the details."""
    if spread.median is None or spread.orders < 2:
        return spread_text(spread)
    return translate("Insight", "median {duration}, {p90} ({orders})").format(
        duration=format_duration(spread.median),
        p90=p90_text(spread),
        orders=orders_text(spread.orders),
    )


def p90_text(spread: Spread, headed: bool = False) -> str:
    """`90% within 9 h` (`9 h` under a heading that says "90% within"); up to ten
    orders the 90th percentile is the slowest of them, and is called so (`slowest 7 h`);
    empty under two."""
    if spread.orders < 2 or spread.p90 is None:
        return ""
    duration = format_duration(spread.p90)
    if spread.orders < _WHOLE_P90:
        return translate("Insight", "slowest {duration}").format(duration=duration)
    if headed:
        return duration
    return translate("Insight", "90% within {duration}").format(duration=duration)


def share_text(count: int, of: int) -> str:
    """`12% (6 of 50)`; empty when nothing to count."""
    if not of:
        return ""
    return translate("Insight", "{percent}% ({count} of {total})").format(
        percent=QLocale().toString(100.0 * count / of, "f", 0),
        count=format_count(count),
        total=format_count(of),
    )


def amounts_text(amounts: Mapping[str, Decimal]) -> str:
    """`12.50 USD · 3.00 EUR`: one amount per currency, never added together."""
    return " · ".join(
        format_money(amount, currency or "?")
        for currency, amount in sorted(amounts.items(), key=lambda item: -item[1])
    )


def format_day(day: date) -> str:
    """`2026-03-05`: the date part of `format_time`, so days read alike everywhere."""
    return day.isoformat()


def format_month_day(day: date) -> str:
    """`Mar 05`: a day on a chart's axis within one year, the month named in the user's
    language (the order of month and day is the translation's)."""
    locale = QLocale()
    month = locale.monthName(day.month, QLocale.FormatType.ShortFormat)
    number = locale.toString(QDate(day.year, day.month, day.day), "dd")
    return translate("Insight", "{month} {day}", "a day on a chart's axis: Mar 05").format(
        month=month, day=number
    )
