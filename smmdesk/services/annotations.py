"""Writing the user's own side of orders: notes, customers and sell prices, by the New
order form (`annotate_new`) and by an edit of one order or a selection (`annotate`), and
the money totals of what the Orders tab shows (`totals`).

Nothing here reaches a panel. A new order is placed by the journal from its `OrderDraft`
alone; its notes are written on the journal row afterwards, in the same write job, so
they can never be among the `add` fields. A crash between the two loses the note, never
the order (and the order's outcome is shown either way).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from smmdesk.services.bulk import OrderSelection
from smmdesk.store import JournalState, OrderQuery, OrderRecord, Store, StoreError
from smmdesk.store.money import MoneySums

from .profit import SellPriceInput, Totals, chosen_markup, marked_up, order_money, totals

log = logging.getLogger("smmdesk.services")
_CHUNK = 2000  # orders read at once to price a selection by markup


@dataclass(frozen=True, slots=True)
class OrderNotes:
    """What the New order form adds to an order. `sell_price` None: filled in from the
    customer's markup, else the service's, when there is one."""

    note: str = ""
    customer: str = ""
    sell_price: SellPriceInput | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.note.strip() or self.customer.strip() or self.sell_price)


@dataclass(frozen=True, slots=True)
class AnnotationEdit:
    """A change to orders: each of `note` and `customer` None keeps every order's own;
    `sell_price` sets an amount or a markup over each order's charge; `clear_sell_price`
    removes it."""

    note: str | None = None
    customer: str | None = None
    sell_price: SellPriceInput | None = None
    clear_sell_price: bool = False

    @property
    def changes_prices(self) -> bool:
        return self.sell_price is not None or self.clear_sell_price


@dataclass(frozen=True, slots=True)
class OrdersAnnotated:
    """How many orders an edit changed, and how many of them a markup could not price
    (no charge known yet)."""

    count: int
    unpriced: int = 0


@dataclass(frozen=True, slots=True)
class OrderTotals:
    """The money of every order `query` matches, per currency (`profit.totals`)."""

    query: OrderQuery
    by_currency: tuple[Totals, ...]


class Annotator:
    """Safe to call from worker threads (each write is one store transaction)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def annotate_new(self, record: OrderRecord, notes: OrderNotes) -> OrderRecord:
        """Write a just-placed order's notes and its sell price (typed, or from a
        markup); an order the panel refused gets its notes but no price. A store that
        cannot write them is logged and the order returned as it is: its outcome
        matters more than its note."""
        price = None
        if record.journal_state is not JournalState.REJECTED:
            price = self._new_price(record, notes)
        if notes.is_empty and price is None:
            return record
        try:
            self._store.annotate_orders(
                [record.id],
                note=notes.note,
                customer=notes.customer,
                sell_prices={record.id: price} if price is not None else None,
            )
        except StoreError as error:
            log.warning("order #%d: its note and sell price were not saved: %s", record.id, error)
            return record
        return self._store.order(record.id) or record

    def annotate(self, selection: OrderSelection, edit: AnnotationEdit) -> OrdersAnnotated:
        """Apply `edit` to every order of `selection`, in one transaction."""
        ids = self._ids(selection)
        prices: dict[int, Decimal | None] = {}
        unpriced = 0
        if edit.clear_sell_price:
            prices = dict.fromkeys(ids)
        elif edit.sell_price is not None and edit.sell_price.amount is not None:
            prices = dict.fromkeys(ids, edit.sell_price.amount)
        elif edit.sell_price is not None:
            prices, unpriced = self._marked_up(ids, edit.sell_price)
        count = self._store.annotate_orders(
            ids, note=edit.note, customer=edit.customer, sell_prices=prices or None
        )
        return OrdersAnnotated(count, unpriced)

    def totals(self, query: OrderQuery) -> OrderTotals:
        """Added up by SQLite where it can do so exactly (`store.money`), the rest by the
        Python rules; per currency, in currency order."""
        try:
            sums, rest = self._store.money_sums(query)
        except OverflowError:
            sums, rest = [], self._store.money_facts(query)
        merged = {s.currency: _from_units(s) for s in sums}
        for currency, more in totals(rest).items():
            merged[currency] = _add(merged[currency], more) if currency in merged else more
        return OrderTotals(query, tuple(merged[c] for c in sorted(merged)))

    def _new_price(self, record: OrderRecord, notes: OrderNotes) -> Decimal | None:
        cost = record.charge if record.charge is not None else record.charge_estimate
        if notes.sell_price is not None:
            return notes.sell_price.price_for(cost)
        percent = chosen_markup(
            self._store.customer_markup(notes.customer),
            self._store.service_markup(record.panel_id, record.service_id),
        )
        return None if percent is None or cost is None else marked_up(cost, percent)

    def _ids(self, selection: OrderSelection) -> list[int]:
        if selection.query is None:
            return list(selection.record_ids)
        return self._store.matching_ids(selection.query)

    def _marked_up(
        self, ids: list[int], price: SellPriceInput
    ) -> tuple[dict[int, Decimal | None], int]:
        """Each order's sell price from its own whole charge (or estimate); orders with
        no money side (never placed) or no charge are left as they are."""
        prices: dict[int, Decimal | None] = {}
        for start in range(0, len(ids), _CHUNK):
            for record in self._store.orders_by_ids(ids[start : start + _CHUNK]):
                money = order_money(record)
                cost = record.charge if record.charge is not None else record.charge_estimate
                value = price.price_for(cost) if money is not None else None
                if value is not None:
                    prices[record.id] = value
        return prices, len(ids) - len(prices)


def _from_units(sums: MoneySums) -> Totals:
    return Totals(
        sums.currency, sums.orders, _money(sums.spend_units), sums.sold,
        _money(sums.sell_units), _money(sums.profit_units),
    )  # fmt: skip


def _money(units: int) -> Decimal:
    return Decimal(units).scaleb(-7)


def _add(a: Totals, b: Totals) -> Totals:
    return Totals(
        a.currency, a.orders + b.orders, a.spend + b.spend, a.sold + b.sold, a.sell + b.sell,
        a.profit + b.profit,
    )  # fmt: skip
