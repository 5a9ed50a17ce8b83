"""The words for a `ChargeEstimate`: its charge, its quantity and the balance after it.

The form and the confirmation both read an order's cost from here, so they say the same
thing in the same words: "per post" and the posts asked for a subscription, "per post,
open-ended" when no number of posts is given, runs times one run for a drip-feed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from smmdesk.api import Balance, Service
from smmdesk.api.forms import ChargeBasis, ChargeEstimate, quantity_from_lines
from smmdesk.ui.common.format import format_count, format_money

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
UNKNOWN = "\N{EM DASH}"


@dataclass(frozen=True, slots=True)
class BalanceAfter:
    """The balance once the order is placed, and whether it cannot pay for it."""

    text: str
    short: bool = False


def charge_text(estimate: ChargeEstimate | None, currency: str | None) -> str:
    """`0.29211 USD (7 posts x 0.04173 USD per post)`, `0.04173 USD per post, open-ended`
    (with a multiplication sign for the x)."""
    if estimate is None:
        return UNKNOWN
    unit = format_money(estimate.unit, currency)
    if estimate.basis is ChargeBasis.OPEN_ENDED:
        return translate(
            "OrderEstimate", "{unit} per post, open-ended (charged as each post appears)"
        ).format(unit=unit)
    total = format_money(estimate.total, currency)
    units = estimate.units or 1
    if estimate.basis is ChargeBasis.POSTS:
        text = (
            translate("OrderEstimate", "{total} (1 post \u00d7 {unit} per post)")
            if units == 1
            else translate("OrderEstimate", "{total} ({count} posts \u00d7 {unit} per post)")
        )
    elif estimate.basis is ChargeBasis.RUNS:
        text = (
            translate("OrderEstimate", "{total} (1 run \u00d7 {unit})")
            if units == 1
            else translate("OrderEstimate", "{total} ({count} runs \u00d7 {unit})")
        )
    else:
        return total
    return text.format(total=total, count=format_count(units), unit=unit)


def quantity_text(service: Service, estimate: ChargeEstimate | None) -> str:
    """`1,000`, `12 lines`, `3 runs x 1,000 = 3,000`, `100-200 per post x 7 posts` (with a
    multiplication sign and an en dash)."""
    if estimate is None:
        return UNKNOWN
    if estimate.basis is ChargeBasis.PACKAGE:
        return translate("OrderEstimate", "1 package")
    quantity = estimate.quantity or 0
    if estimate.basis in (ChargeBasis.POSTS, ChargeBasis.OPEN_ENDED):
        return _per_post(estimate, quantity)
    if estimate.basis is ChargeBasis.RUNS:
        units = estimate.units or 1
        text = (
            translate("OrderEstimate", "1 run \u00d7 {each} = {total}")
            if units == 1
            else translate("OrderEstimate", "{count} runs \u00d7 {each} = {total}")
        )
        each, total = format_count(quantity), format_count(units * quantity)
        return text.format(count=format_count(units), each=each, total=total)
    return lines_text(quantity) if quantity_from_lines(service) else format_count(quantity)


def lines_text(count: int) -> str:
    """`1 line`, `12 lines`: a list field's count."""
    if count == 1:
        return translate("OrderEstimate", "1 line")
    return translate("OrderEstimate", "{count} lines").format(count=format_count(count))


def _per_post(estimate: ChargeEstimate, high: int) -> str:
    least = estimate.least
    if least is None:
        span = translate("OrderEstimate", "up to {count}").format(count=format_count(high))
    else:
        span = _span(least, high)
    if estimate.units is None:
        return translate("OrderEstimate", "{span} per post, open-ended").format(span=span)
    text = (
        translate("OrderEstimate", "{span} per post \u00d7 1 post")
        if estimate.units == 1
        else translate("OrderEstimate", "{span} per post \u00d7 {count} posts")
    )
    return text.format(span=span, count=format_count(estimate.units))


def _span(low: int, high: int) -> str:
    if low == high:
        return format_count(high)
    return f"{format_count(low)}\N{EN DASH}{format_count(high)}"


def balance_after(estimate: ChargeEstimate | None, balance: Balance | None) -> BalanceAfter:
    """What is left once the order is placed; for an open-ended subscription nothing is
    taken up front, so the balance must cover one post at least."""
    if balance is None or estimate is None:
        return BalanceAfter("")
    if estimate.total is None:
        short = balance.amount < estimate.unit
        text = (
            translate("OrderEstimate", "{balance} \u2014 not enough funds for one post")
            if short
            else translate("OrderEstimate", "{balance} \u2014 charged post by post")
        )
        return BalanceAfter(
            text.format(balance=format_money(balance.amount, balance.currency)), short
        )
    after = balance.amount - estimate.total
    money = format_money(after, balance.currency)
    if after >= 0:
        return BalanceAfter(money)
    text = translate("OrderEstimate", "{balance} \u2014 not enough funds")
    return BalanceAfter(text.format(balance=money), True)
