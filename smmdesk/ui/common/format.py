"""How money, counts and times read in the order panes: one format everywhere."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from smmdesk.api import Service
from smmdesk.api.forms import is_package

_MIN_DECIMALS = 2
_MAX_DECIMALS = 5


def format_money(amount: Decimal | None, currency: str | None = None) -> str:
    """`1,234.5` -> `1,234.50 USD`; up to five decimals for sub-cent rates, never fewer
    than two. Empty for an unknown amount."""
    if amount is None:
        return ""
    exponent = amount.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    decimals = min(max(decimals, _MIN_DECIMALS), _MAX_DECIMALS)
    text = f"{amount:,.{decimals}f}"
    return f"{text} {currency}" if currency else text


def format_count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def format_time(moment: datetime | None) -> str:
    """Local time, minutes precision: what a user compares with the panel's order list."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_clock(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%H:%M:%S")


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def service_facts(service: Service) -> str:
    """Category and type, rate, limits and what the service allows, on three lines."""
    per = "per package" if is_package(service) else "per 1000"
    flags = " · ".join(
        f"{name} {'✓' if allowed else '✗'}"
        for name, allowed in (
            ("Refill", service.refill),
            ("Cancel", service.cancel),
            ("Drip-feed", service.dripfeed),
        )
    )
    kind = service.type if service.service_type else f"{service.type} (unknown type)"
    return (
        f"{service.category} · {kind}\n"
        f"Rate {format_money(service.rate)} {per} · Min {service.min:,}, max {service.max:,}\n"
        f"{flags}"
    )
