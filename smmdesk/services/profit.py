"""Sell prices, markups and profit: the reseller's side of an order, never sent to a panel.

An order's profit is its sell price minus what the panel charged, both counted at what
was delivered:

* Completed and running orders count in full.
* A Partial or Canceled order counts the delivered share, (quantity - remains) / quantity
  (for drip-feed, of quantity x runs). Refunded and Failed orders delivered nothing and
  count zero. Without a quantity or a sensible `remains` (packages, subscriptions, a
  panel that answers `remains: "Unknown"`) the share is unknown and the order counts in
  full: nothing is invented.
* The sell price is scaled by that share: the customer pays for what they got.
* The charge is scaled only when the panel reported the full one. api-v2.md shows a
  Partial status with its `charge` and `remains` but does not say whether that charge
  was reduced, and panels differ: the common panel software pays the undelivered share
  back to the balance and keeps the order's charge as placed (the demo panel does the
  same), while others report the reduced charge. So the rule compares the reported
  charge with the estimate made when ordering: when it is nearer the delivered share of
  the estimate than the whole estimate, the panel already reduced it and it is taken as
  it is; otherwise (or with no estimate, as for orders tracked by ID) it is the full
  charge and is scaled. Counting a reduced charge twice would overstate profit; counting
  a full one as reduced would hide a loss, and the estimate tells the two apart.
* Before the panel states a charge, the estimate stands in (the panel charges when it
  takes the order). Orders the panel never took (rejected, dismissed) or that may not
  exist (sending, unconfirmed) have no money side.

Amounts are `Decimal`, scaled amounts rounded to the seven decimals the panel software
keeps. Totals are per currency: panels bill in their own, and nothing here converts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Protocol

from smmdesk.api import OrderState
from smmdesk.store import JournalState

MONEY_PLACES = Decimal("0.0000001")  # the panel software keeps money to 7 decimals
MAX_AMOUNT = Decimal(10) ** 12
MIN_MARKUP = Decimal(-100)  # a markup of -100 % sells for nothing; below makes no sense
MAX_MARKUP = Decimal(100_000)
_NOTHING_DELIVERED = frozenset({OrderState.REFUNDED, OrderState.FAILED})
_SHARE_DELIVERED = frozenset({OrderState.PARTIAL, OrderState.CANCELED})
_SELL_HINT = "Type an amount such as 12.50, or a markup such as +30%."


class Priced(Protocol):
    """What the rules read of an order: `OrderRecord` and `store.MoneyFacts` have it."""

    @property
    def journal_state(self) -> JournalState: ...
    @property
    def state(self) -> OrderState | None: ...
    @property
    def quantity(self) -> int | None: ...
    @property
    def runs(self) -> int | None: ...
    @property
    def remains(self) -> int | None: ...
    @property
    def charge(self) -> Decimal | None: ...
    @property
    def charge_estimate(self) -> Decimal | None: ...
    @property
    def sell_price(self) -> Decimal | None: ...
    @property
    def currency(self) -> str | None: ...


class MoneyInputError(ValueError):
    """What the user typed is not an amount or a markup; the message says what is."""


@dataclass(frozen=True, slots=True)
class SellPriceInput:
    """A typed sell price: an amount, or a markup in percent over the charge."""

    amount: Decimal | None = None
    markup: Decimal | None = None

    def price_for(self, cost: Decimal | None) -> Decimal | None:
        """The sell price of an order that costs `cost` (None: a markup of an unknown
        cost is unknown)."""
        if self.amount is not None:
            return self.amount
        if self.markup is None or cost is None:
            return None
        return marked_up(cost, self.markup)


@dataclass(frozen=True, slots=True)
class OrderMoney:
    """An order's money counted at what was delivered; `profit` None without a sell
    price. `share` is the delivered share used (1 for a whole order)."""

    cost: Decimal
    sell: Decimal | None
    share: Decimal
    charge_scaled: bool

    @property
    def profit(self) -> Decimal | None:
        return None if self.sell is None else self.sell - self.cost


@dataclass(frozen=True, slots=True)
class Totals:
    """The money of the orders counted in one currency: `orders` with a cost, `sold` of
    them with a sell price (profit is theirs)."""

    currency: str
    orders: int = 0
    spend: Decimal = Decimal(0)
    sold: int = 0
    sell: Decimal = Decimal(0)
    profit: Decimal = Decimal(0)


# -- reading what the user typed ----------------------------------------------------------


def parse_amount(text: str, decimal_point: str = ".", group_separator: str = ",") -> Decimal:
    """A non-negative amount typed in the user's locale ("1,234.50"; "1.234,50" where the
    comma is the decimal point), or with a plain "." as the decimal point. Raises
    `MoneyInputError`."""
    value = _number(text, decimal_point, group_separator)
    if value is None or value < 0:
        raise MoneyInputError(f"“{_shown(text)}” is not an amount. {_SELL_HINT}")
    if value > MAX_AMOUNT:
        raise MoneyInputError("That amount is too large.")
    if _exponent(value) < _exponent(MONEY_PLACES):
        raise MoneyInputError("An amount has at most 7 decimals.")
    return value


def parse_markup(text: str, decimal_point: str = ".", group_separator: str = ",") -> Decimal | None:
    """A markup in percent ("30", "+30%", "-5 %", "12.5%"); None for an empty text.
    Raises `MoneyInputError`."""
    body = text.strip().removesuffix("%").strip()
    if not body:
        return None
    value = _number(body, decimal_point, group_separator)
    if value is None:
        raise MoneyInputError(f"“{_shown(text)}” is not a markup. Type a percentage, such as 30.")
    if not MIN_MARKUP < value <= MAX_MARKUP:
        raise MoneyInputError("A markup lies between -100% and 100,000%.")
    return value


def parse_sell_price(
    text: str, decimal_point: str = ".", group_separator: str = ","
) -> SellPriceInput | None:
    """What a Sell price field holds: an amount, a markup ending in "%", or nothing
    (None). Raises `MoneyInputError` with the words for the field."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.endswith("%"):
        markup = parse_markup(stripped, decimal_point, group_separator)
        if markup is None:
            raise MoneyInputError("Type the markup before the %, such as +30%.")
        return SellPriceInput(markup=markup)
    return SellPriceInput(amount=parse_amount(stripped, decimal_point, group_separator))


def _number(text: str, decimal_point: str, group_separator: str) -> Decimal | None:
    """The locale's way first, then the plain one ("12.50" reads the same anywhere a
    "." cannot be a digit group there); None when neither reads it."""
    stripped = "".join(text.split())
    for point, group in ((decimal_point, group_separator), (".", ",")):
        value = _in_format(stripped, point, group)
        if value is not None:
            return value
    return None


def _in_format(text: str, point: str, group: str) -> Decimal | None:
    whole, found, fraction = text.partition(point)
    sign = whole[:1] if whole[:1] in "+-" else ""
    whole = whole[len(sign) :]
    if group and group != point and group in whole:
        if not re.fullmatch(rf"\d{{1,3}}({re.escape(group)}\d{{3}})+", whole):
            return None
        whole = whole.replace(group, "")
    if not (whole or fraction) or not _digits(whole) or not _digits(fraction):
        return None
    if fraction and not found:
        return None
    try:
        return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")
    except InvalidOperation:
        return None


def _digits(text: str) -> bool:
    return text == "" or (text.isascii() and text.isdigit())


def _exponent(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 24 else text[:23] + "…"


# -- the rules ----------------------------------------------------------------------------


def marked_up(cost: Decimal, percent: Decimal) -> Decimal:
    """`cost` plus `percent` of it, to the panel's seven decimals."""
    return _round(cost * (100 + percent) / 100)


def chosen_markup(customer: Decimal | None, service: Decimal | None) -> Decimal | None:
    """A customer's markup wins over a service's."""
    return customer if customer is not None else service


def delivered(order: Priced) -> tuple[int, int]:
    """How much of the order the panel delivered, as (delivered, total): (1, 1) when it
    counts whole (or the share is not known), (0, 1) when nothing was delivered."""
    if order.state in _NOTHING_DELIVERED:
        return 0, 1
    if order.state not in _SHARE_DELIVERED:
        return 1, 1
    total = (order.quantity or 0) * (order.runs or 1)
    remains = order.remains
    if total <= 0 or remains is None or not 0 <= remains <= total:
        return (0, 1) if order.state is OrderState.CANCELED and remains is None else (1, 1)
    return total - remains, total


def delivered_share(order: Priced) -> Decimal:
    """How much of the order the panel delivered, 0 to 1 (1 when not known)."""
    done, total = delivered(order)
    return Decimal(done) / Decimal(total)


def order_money(order: Priced) -> OrderMoney | None:
    """The order's cost, sell price and profit as counted (module doc); None for an
    order with no money side. `store.money` adds these up in SQL by the same rules."""
    if order.journal_state is not JournalState.PLACED:
        return None
    charge = order.charge if order.charge is not None else order.charge_estimate
    if charge is None:
        return None
    done, total = delivered(order)
    whole = done == total
    scale = not whole and not _already_reduced(charge, order.charge_estimate, done, total)
    cost = _round(charge * done / total) if scale else charge
    sell = order.sell_price
    if sell is not None and not whole:
        sell = _round(sell * done / total)
    return OrderMoney(cost, sell, Decimal(done) / Decimal(total), scale)


def _already_reduced(charge: Decimal, estimate: Decimal | None, done: int, total: int) -> bool:
    """The charge is nearer the delivered share of the estimate than the whole of it
    (compared multiplied out by `total`, so exactly)."""
    if estimate is None:
        return False
    return abs(charge * total - estimate * done) < abs(charge - estimate) * total


def totals(orders: Iterable[Priced]) -> dict[str, Totals]:
    """Spend, sell and profit per currency ("" when unknown) of the orders with a money
    side; the currencies in the order of their first order."""
    sums: dict[str, _Sums] = {}
    for order in orders:
        money = order_money(order)
        if money is not None:
            sums.setdefault(order.currency or "", _Sums()).add(money)
    return {currency: sums[currency].totals(currency) for currency in sums}


class _Sums:
    __slots__ = ("orders", "profit", "sell", "sold", "spend")

    def __init__(self) -> None:
        self.orders = self.sold = 0
        self.spend = self.sell = self.profit = Decimal(0)

    def add(self, money: OrderMoney) -> None:
        self.orders += 1
        self.spend += money.cost
        if money.sell is not None:
            self.sold += 1
            self.sell += money.sell
            self.profit += money.sell - money.cost

    def totals(self, currency: str) -> Totals:
        return Totals(currency, self.orders, self.spend, self.sold, self.sell, self.profit)


def _round(value: Decimal) -> Decimal:
    return value.quantize(MONEY_PLACES, rounding=ROUND_HALF_EVEN)
