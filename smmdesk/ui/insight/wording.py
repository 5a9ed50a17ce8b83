"""How the insight tabs put durations, shares and per-currency amounts into words.

Numbers go through `smmdesk.ui.common.format` (the user's locale); this module only
chooses the unit: "45 min", "5 h", "1 h 30 min", "3 days 4 h", "12 days".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QLocale

from smmdesk.services.scorecard import Spread
from smmdesk.ui.common.format import format_count, format_money, plural

_MINUTE, _HOUR, _DAY = 60, 3600, 86400


def format_duration(seconds: float | None) -> str:
    """A duration as a person says it, to the minute under an hour, to the hour under
    ten days; empty for an unknown one."""
    if seconds is None:
        return ""
    whole = max(0, round(seconds))
    if whole < _MINUTE:
        return "under a minute"
    if whole < _HOUR:
        return f"{format_count(whole // _MINUTE)} min"
    if whole < _DAY:
        hours, minutes = divmod(whole // _MINUTE, 60)
        if hours < 10 and minutes:
            return f"{format_count(hours)} h {format_count(minutes)} min"
        return f"{format_count(round(whole / _HOUR))} h"
    days, hours = divmod(round(whole / _HOUR), 24)
    if days < 10 and hours:
        return f"{plural(days, 'day')} {format_count(hours)} h"
    return plural(round(whole / _DAY), "day")


def spread_text(spread: Spread) -> str:
    """`median 5 h (12 orders)`, or `no timed order yet`."""
    if spread.median is None:
        return "no timed order yet"
    return f"median {format_duration(spread.median)} ({plural(spread.orders, 'order')})"


def spread_sentence(spread: Spread) -> str:
    """`median 5 h, 90% within 9 h (12 orders)`: the tooltip and the details."""
    if spread.median is None or spread.orders < 2:
        return spread_text(spread)
    return (
        f"median {format_duration(spread.median)}, 90% within {format_duration(spread.p90)} "
        f"({plural(spread.orders, 'order')})"
    )


def share_text(count: int, of: int) -> str:
    """`12% (6 of 50)`; empty when nothing to count."""
    if not of:
        return ""
    percent = QLocale().toString(100.0 * count / of, "f", 0)
    return f"{percent}% ({format_count(count)} of {format_count(of)})"


def amounts_text(amounts: Mapping[str, Decimal]) -> str:
    """`12.50 USD · 3.00 EUR`: one amount per currency, never added together."""
    return " · ".join(
        format_money(amount, currency or "?")
        for currency, amount in sorted(amounts.items(), key=lambda item: -item[1])
    )


def format_day(day: date) -> str:
    """`2026-03-05`: the date part of `format_time`, so days read alike everywhere."""
    return day.isoformat()
