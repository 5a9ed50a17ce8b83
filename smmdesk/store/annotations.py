"""The user's own side of orders: a note, a customer label and a sell price per order,
markups per service and per customer, and the money facts the profit totals add up.

None of it is ever sent to a panel: the journal's `add` is built from the `OrderDraft`
alone, and these columns are written only here, after the row exists. Changing a note or
a customer rewrites the row's search text (`order_view.annotated_search`), so the orders
search finds them like any other field.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from decimal import Decimal

from smmdesk.search import fold

from . import derived, order_view
from .codec import dec_to_db
from .db import Database
from .records import (
    CustomerMarkup,
    Markups,
    OrderQuery,
    ServiceMarkup,
    StoreError,
)

NOTE_MAX = 1000  # characters: a note is a reminder, not a document
CUSTOMER_MAX = 80
KNOWN_CUSTOMERS = 200  # labels offered for completion, most recently used first
_IN_CHUNK = 500
_MONEY_COLUMNS = (
    "journal_state, state, quantity, runs, remains, charge, charge_estimate, sell_price, currency"
)


def customer_key(customer: str) -> str:
    """What makes two labels one customer: no case, no accents, single spaces."""
    return " ".join(fold(customer).split())


def clean_customer(customer: str) -> str:
    """The label as stored: single spaces, at most `CUSTOMER_MAX` characters (else
    `StoreError`)."""
    label = " ".join(customer.split())
    if len(label) > CUSTOMER_MAX:
        raise StoreError(f"A customer label is at most {CUSTOMER_MAX} characters long.")
    return label


def clean_note(note: str) -> str:
    """The note as stored: trimmed, at most `NOTE_MAX` characters (else `StoreError`)."""
    text = note.strip()
    if len(text) > NOTE_MAX:
        raise StoreError(f"A note is at most {NOTE_MAX:,} characters long.")
    return text


class AnnotationsRepository:
    _db: Database

    def annotate_orders(
        self,
        record_ids: Sequence[int],
        *,
        note: str | None = None,
        customer: str | None = None,
        sell_prices: Mapping[int, Decimal | None] | None = None,
    ) -> int:
        """Set the note and/or customer of every order in `record_ids` (None: keep each
        order's) and the sell prices in `sell_prices` (a None price clears it), in one
        transaction; returns how many orders exist of those named. Text too long raises
        `StoreError` before anything is written."""
        new_note = None if note is None else clean_note(note)
        new_customer = None if customer is None else clean_customer(customer)
        prices = dict(sell_prices or {})
        if any(price is not None and price < 0 for price in prices.values()):
            raise StoreError("A sell price cannot be negative.")
        named = set(record_ids)
        wanted = list(dict.fromkeys([*record_ids, *prices]))
        with self._db.transaction() as conn:
            rows = _annotation_rows(conn, wanted)
            if new_note is not None or new_customer is not None:
                texts = [_texts(row, new_note, new_customer) for row in rows if row[0] in named]
                conn.executemany(
                    "UPDATE orders SET note = ?, customer = ?, search = ? WHERE id = ?", texts
                )
                if new_customer is not None:
                    derived.mark(conn, (text[-1] for text in texts))
            known = {row[0] for row in rows}
            priced = [(dec_to_db(p), i) for i, p in prices.items() if i in known]
            conn.executemany("UPDATE orders SET sell_price = ? WHERE id = ?", priced)
            derived.mark(conn, (record_id for _, record_id in priced))
        return len(rows)

    def set_service_markup(self, panel_id: int, service_id: str, percent: Decimal | None) -> None:
        """The markup of a service on a panel; None removes it."""
        with self._db.transaction() as conn:
            if percent is None:
                conn.execute(
                    "DELETE FROM service_markups WHERE panel_id = ? AND service_id = ?",
                    (panel_id, service_id),
                )
                return
            conn.execute(
                "INSERT INTO service_markups (panel_id, service_id, percent) VALUES (?, ?, ?)"
                " ON CONFLICT (panel_id, service_id) DO UPDATE SET percent = excluded.percent",
                (panel_id, service_id, dec_to_db(percent)),
            )

    def set_customer_markup(self, customer: str, percent: Decimal | None) -> None:
        """The markup of a customer (matched without case or accents); None removes it."""
        label = clean_customer(customer)
        key = customer_key(label)
        if not key:
            raise StoreError("Name the customer the markup is for.")
        with self._db.transaction() as conn:
            if percent is None:
                conn.execute("DELETE FROM customer_markups WHERE customer_key = ?", (key,))
                return
            conn.execute(
                "INSERT INTO customer_markups (customer_key, customer, percent) VALUES (?, ?, ?)"
                " ON CONFLICT (customer_key) DO UPDATE SET customer = excluded.customer,"
                " percent = excluded.percent",
                (key, label, dec_to_db(percent)),
            )

    def markups(self) -> Markups:
        services = self._db.query(
            "SELECT panel_id, service_id, percent FROM service_markups"
            " ORDER BY panel_id, service_id"
        )
        customers = self._db.query(
            "SELECT customer, percent FROM customer_markups ORDER BY customer_key"
        )
        known = self._db.query(
            "SELECT customer FROM orders WHERE customer != '' GROUP BY customer"
            " ORDER BY max(id) DESC LIMIT ?",
            (KNOWN_CUSTOMERS,),
        )
        return Markups(
            tuple(ServiceMarkup(r[0], r[1], Decimal(r[2])) for r in services),
            tuple(CustomerMarkup(r[0], Decimal(r[1])) for r in customers),
            tuple(dict.fromkeys(r[0] for r in known)),
        )

    def customer_markup(self, customer: str) -> Decimal | None:
        """The markup of a customer, matched without case or accents; None: none."""
        key = customer_key(customer)
        if not key:
            return None
        row = self._db.query_one(
            "SELECT percent FROM customer_markups WHERE customer_key = ?", (key,)
        )
        return None if row is None else Decimal(row[0])

    def service_markup(self, panel_id: int, service_id: str) -> Decimal | None:
        row = self._db.query_one(
            "SELECT percent FROM service_markups WHERE panel_id = ? AND service_id = ?",
            (panel_id, service_id),
        )
        return None if row is None else Decimal(row[0])

    def matching_ids(self, query: OrderQuery) -> list[int]:
        """The record IDs of every order the query matches (its tab, panel and search)."""
        where, params = order_view.where_clause(query)
        return [row[0] for row in self._db.query(f"SELECT id FROM orders{where}", params)]


def _annotation_rows(conn: sqlite3.Connection, record_ids: list[int]) -> list[sqlite3.Row]:
    found: list[sqlite3.Row] = []
    for start in range(0, len(record_ids), _IN_CHUNK):
        chunk = record_ids[start : start + _IN_CHUNK]
        marks = ",".join("?" * len(chunk))
        found += conn.execute(
            f"SELECT id, note, customer, search FROM orders WHERE id IN ({marks})", chunk
        ).fetchall()
    return found


def _texts(row: sqlite3.Row, note: str | None, customer: str | None) -> tuple[str, str, str, int]:
    new_note = row["note"] if note is None else note
    new_customer = row["customer"] if customer is None else customer
    search = order_view.annotated_search(row["search"], new_customer, new_note)
    return new_note, new_customer, search, row["id"]
