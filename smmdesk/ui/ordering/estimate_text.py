"""The words for a `ChargeEstimate`: its charge, its quantity and the balance after it.

The form and the confirmation both read an order's cost from here, so they say the same
thing in the same words: "per post" and the posts asked for a subscription, "per post,
open-ended" when no number of posts is given, runs times one run for a drip-feed.
"""

from __future__ import annotations

from dataclasses import dataclass

from smmdesk.api import Balance, Service
from smmdesk.api.forms import ChargeBasis, ChargeEstimate, quantity_from_lines
from smmdesk.ui.common.format import format_count, format_money, plural

UNKNOWN = "—"
TIMES = "\N{MULTIPLICATION SIGN}"
RANGE = "\N{EN DASH}"


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
        return f"{unit} per post, open-ended (charged as each post appears)"
    total = format_money(estimate.total, currency)
    units = estimate.units or 1
    if estimate.basis is ChargeBasis.POSTS:
        return f"{total} ({plural(units, 'post')} {TIMES} {unit} per post)"
    if estimate.basis is ChargeBasis.RUNS:
        return f"{total} ({plural(units, 'run')} {TIMES} {unit})"
    return total


def quantity_text(service: Service, estimate: ChargeEstimate | None) -> str:
    """`1,000`, `12 lines`, `3 runs x 1,000 = 3,000`, `100-200 per post x 7 posts` (with a
    multiplication sign and an en dash)."""
    if estimate is None:
        return UNKNOWN
    if estimate.basis is ChargeBasis.PACKAGE:
        return "1 package"
    quantity = estimate.quantity or 0
    if estimate.basis in (ChargeBasis.POSTS, ChargeBasis.OPEN_ENDED):
        return _per_post(estimate, quantity)
    if estimate.basis is ChargeBasis.RUNS:
        units = estimate.units or 1
        each = format_count(quantity)
        return f"{plural(units, 'run')} {TIMES} {each} = {format_count(units * quantity)}"
    return plural(quantity, "line") if quantity_from_lines(service) else format_count(quantity)


def _per_post(estimate: ChargeEstimate, high: int) -> str:
    least = estimate.least
    span = f"up to {format_count(high)}" if least is None else _span(least, high)
    if estimate.units is None:
        return f"{span} per post, open-ended"
    return f"{span} per post {TIMES} {plural(estimate.units, 'post')}"


def _span(low: int, high: int) -> str:
    return format_count(high) if low == high else f"{format_count(low)}{RANGE}{format_count(high)}"


def balance_after(estimate: ChargeEstimate | None, balance: Balance | None) -> BalanceAfter:
    """What is left once the order is placed; for an open-ended subscription nothing is
    taken up front, so the balance must cover one post at least."""
    if balance is None or estimate is None:
        return BalanceAfter("")
    if estimate.total is None:
        short = balance.amount < estimate.unit
        words = "not enough funds for one post" if short else "charged post by post"
        return BalanceAfter(f"{format_money(balance.amount, balance.currency)} — {words}", short)
    after = balance.amount - estimate.total
    words = format_money(after, balance.currency)
    return BalanceAfter(f"{words} — not enough funds" if after < 0 else words, after < 0)
