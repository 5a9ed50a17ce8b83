"""How SMMDesk writes what users read: money, rates, counts, dates, IDs. One format each.

Numbers follow `QLocale` (the decimal point and digit grouping of the user's language), so
a translation gets local number formats for free. Money never passes through `float`: a
`Decimal` is laid out digit by digit with the locale's symbols, exactly as the panel sent
it (at least two decimals, up to the seven the panel software keeps).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

if TYPE_CHECKING:
    from smmdesk.api import Service

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
MIN_DECIMALS = 2
MAX_DECIMALS = 7
# Marked for lupdate: `basis_text` says them in the user's language.
PER_THOUSAND = str(QT_TRANSLATE_NOOP("Format", "per 1000"))
PER_PACKAGE = str(QT_TRANSLATE_NOOP("Format", "per package"))


def format_money(amount: Decimal | None, currency: str | None = None) -> str:
    """`Decimal("1234.5"), "USD"` -> `1,234.50 USD` (in an English locale); sub-cent
    amounts keep their digits (`0.0125`). Empty for an unknown amount."""
    if amount is None:
        return ""
    text = _decimal_text(amount)
    return f"{text} {currency}" if currency else text


def format_rate(service: Service, currency: str | None = None) -> str:
    """`0.90 USD per 1000`, or `12.00 USD per package` for package types."""
    return priced(format_money(service.rate, currency), _is_package(service))


def rate_basis(service: Service) -> str:
    """What a service's rate buys: a package types' rate is the package price."""
    return basis_text(_is_package(service))


def basis_text(per_package: bool) -> str:
    """`per package` or `per 1000`, in the user's language."""
    return translate("Format", PER_PACKAGE if per_package else PER_THOUSAND)


def priced(rate: str, per_package: bool) -> str:
    """`0.90 USD per 1000`: a formatted rate and what it buys, as one translated text
    (languages put the basis before or after the amount)."""
    if per_package:
        return translate("Format", "{rate} per package").format(rate=rate)
    return translate("Format", "{rate} per 1000").format(rate=rate)


def _is_package(service: Service) -> bool:
    # Imported here: the window frame formats counts before the first paint, and the api
    # package is 80 ms of imports that start-up should not pay.
    from smmdesk.api.forms import is_package

    return is_package(service)


def format_count(value: int | None) -> str:
    """`12345` -> `12,345` (in an English locale); empty for an unknown count."""
    return "" if value is None else QLocale().toString(value)


def counted(count: int, one: str, many: str, **fields: object) -> str:
    """`one` or `many` by `count` (two whole translated sentences, since word order and
    plurals differ between languages), with `{count}` grouped as the locale does and any
    other `fields` filled in."""
    return (one if count == 1 else many).format(count=format_count(count), **fields)


def format_id(value: str | None) -> str:
    """IDs are opaque strings: shown exactly as the panel gave them, never grouped."""
    return value or ""


def format_time(moment: datetime | None) -> str:
    """Local time, minutes precision: what a user compares with the panel's order list."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_clock(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%H:%M:%S")


def format_age(then: datetime, now: datetime) -> str:
    """`just now`, `5 min ago`, `3 h ago`, `1 day ago`, `2 days ago`."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return translate("Format", "just now")
    if seconds < 3600:
        return translate("Format", "{count} min ago").format(count=format_count(seconds // 60))
    if seconds < 86400:
        return translate("Format", "{count} h ago").format(count=format_count(seconds // 3600))
    days = seconds // 86400
    if days == 1:
        return translate("Format", "1 day ago")
    return translate("Format", "{count} days ago").format(count=format_count(days))


def refresh_summary(finished_at: datetime, checked: int, changed: int, errors: int = 0) -> str:
    """`Last refreshed 14:05:09 · 3,000 checked, 12 changed, 1 error`."""
    if not errors:
        text = translate("Format", "Last refreshed {time} · {checked} checked, {changed} changed")
    elif errors == 1:
        text = translate(
            "Format", "Last refreshed {time} · {checked} checked, {changed} changed, 1 error"
        )
    else:
        text = translate(
            "Format",
            "Last refreshed {time} · {checked} checked, {changed} changed, {errors} errors",
        )
    return text.format(
        time=format_clock(finished_at),
        checked=format_count(checked),
        changed=format_count(changed),
        errors=format_count(errors),
    )


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 order`, `2,000 orders`: English words only. A translated text chooses between
    two whole strings by count instead (`"1 order"` / `"{count} orders"`)."""
    return f"{format_count(count)} {word if count == 1 else (many or word + 's')}"


def service_facts(service: Service, currency: str | None = None) -> str:
    """Category and type, rate, limits and what the service allows, on three lines."""
    flags = " · ".join(
        f"{name} {'✓' if allowed else '✗'}"
        for name, allowed in (
            (translate("Format", "Refill"), service.refill),
            (translate("Format", "Cancel"), service.cancel),
            (translate("Format", "Drip-feed"), service.dripfeed),
        )
    )
    kind = (
        service.type
        if service.service_type
        else translate("Format", "{type} (unknown type)").format(type=service.type)
    )
    limits = translate("Format", "Rate {rate} · Min {min}, max {max}").format(
        rate=format_rate(service, currency),
        min=format_count(service.min),
        max=format_count(service.max),
    )
    return f"{service.category} · {kind}\n{limits}\n{flags}"


def _decimal_text(amount: Decimal) -> str:
    """The amount with between MIN and MAX decimals, in the locale's symbols and digits
    (Arabic-Indic digits in Arabic, like the counts `QLocale` formats beside it)."""
    locale = QLocale()
    exponent = amount.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    decimals = min(max(decimals, MIN_DECIMALS), MAX_DECIMALS)
    plain = f"{abs(amount):.{decimals}f}"
    whole, _, fraction = plain.partition(".")
    omit = QLocale.NumberOption.OmitGroupSeparator in locale.numberOptions()
    grouped = whole if omit else _group(whole, locale.groupSeparator())
    sign = locale.negativeSign() if amount < 0 else ""
    text = f"{sign}{grouped}{locale.decimalPoint()}{fraction}"
    zero = locale.zeroDigit()
    return text if zero == "0" else text.translate(_digits_from(zero))


def _digits_from(zero: str) -> dict[int, str]:
    """ASCII digits to the locale's own, which follow its zero in Unicode."""
    return {ord("0") + i: chr(ord(zero) + i) for i in range(10)}


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)
