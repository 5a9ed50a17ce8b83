"""The orders journal: rows written around `add`, imported IDs, and the view queries.

Every write also maintains the derived view columns (`order_view`), which is why all
writes to `orders` go through this module (and `sending`, which inserts `sending` rows).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from decimal import Decimal

from smmdesk.api import PlacedOrder, Service
from smmdesk.api.refill_terms import refill_terms

from . import derived, order_view
from .annotations import AnnotationsRepository
from .catalogue import cached_service
from .codec import dec_to_db, dt_from_db, dt_to_db, utcnow
from .db import Database
from .money import MoneyRepository
from .order_reads import OrderViewReads
from .order_rows import COLUMNS, record_from_row
from .records import (
    ActiveOnLink,
    DuplicateOrderId,
    InvalidTransition,
    JournalState,
    OrderRecord,
    OrderResolution,
)
from .sending import SendingRow, insert_sending_row

__all__ = ["COLUMNS", "TWINS_SHOWN", "OrdersRepository", "record_from_row"]
_IN_CHUNK = 500
# The orders the duplicate-link guard counts as active, in the words of the partial index
# `orders_active_by_link` (migration 5), which is what lets SQLite use that index.
_ACTIVE_LINKS = (
    "link_key IS NOT NULL AND tab IN ('pending', 'in_progress', 'sending', 'unconfirmed')"
)
_ACTIVE_ON_LINK = f"link_key = ? AND {_ACTIVE_LINKS}"
TWINS_SHOWN = 20
_NAME_IN_WARNING = 80


class OrdersRepository(AnnotationsRepository, MoneyRepository, OrderViewReads):
    """The journal's rows and reads by ID and link; the orders view's reads come from
    `OrderViewReads`, the user's notes, customers, sell prices and markups from
    `AnnotationsRepository`, the money totals of a filter from `MoneyRepository`."""

    _db: Database

    # -- the journal ---------------------------------------------------------------------------

    def insert_sending_order(
        self,
        panel_id: int,
        service: Service,
        *,
        link: str | None,
        quantity: int | None,
        runs: int | None = None,
        interval: int | None = None,
        fields: Mapping[str, str] | None = None,
        charge_estimate: Decimal | None = None,
        currency: str | None = None,
    ) -> OrderRecord:
        """Write and commit the `sending` row that must exist before `add` leaves."""
        row = SendingRow(
            panel_id, service, link, quantity, runs, interval, fields or {}, charge_estimate,
            currency,
        )  # fmt: skip
        with self._db.transaction() as conn:
            record_id = insert_sending_row(conn, row)
        return self._require(record_id)

    def set_journal_state(
        self,
        record_id: int,
        new_state: JournalState,
        *,
        expect: Sequence[JournalState],
        order_id: str | None = None,
        error: str | None = None,
    ) -> OrderRecord:
        """Move a row between journal states; `InvalidTransition` if it is not in `expect`."""
        with self._db.transaction() as conn:
            record = _expected(conn, record_id, new_state, expect)
            if order_id is not None:
                _check_unique(conn, record.panel_id, order_id)
            conn.execute(
                "UPDATE orders SET journal_state = ?, order_id = ?, error = ?, updated_at = ?,"
                " tab = ?, order_key = ?, search = ? WHERE id = ?",
                (
                    new_state.value, order_id, error, dt_to_db(utcnow()),
                    order_view.view_tab(new_state, record.state),
                    order_view.order_key(order_id),
                    _search_text(record, order_id),
                    record_id,
                ),
            )  # fmt: skip
            derived.mark(conn, [record_id])
        return self._require(record_id)

    def record_placed(
        self, record_id: int, placed: PlacedOrder, *, expect: Sequence[JournalState]
    ) -> OrderRecord:
        """The panel's answer to `add`: the row becomes `placed` with the order ID, and the
        charge and currency when the panel stated them (the real charge, not the estimate).

        An ID this panel's history already holds (a panel that took the order as a repeat
        of an earlier one, or that reuses IDs) is still an answer: the row is placed with
        a warning naming the earlier order, and keeps the ID in the warning, the search
        text and the ID sort key, but not in `order_id`. The unique (panel, order ID) index
        stays whole, so the panel's order is refreshed, refilled and canceled once, through
        the earlier row, and its charge is not counted twice.
        """
        now = dt_to_db(utcnow())
        with self._db.transaction() as conn:
            record = _expected(conn, record_id, JournalState.PLACED, expect)
            holder = _holder(conn, record.panel_id, placed.order_id)
            own_id = None if holder else placed.order_id
            tab = (
                order_view.DUPLICATE_TAB
                if holder
                else order_view.view_tab(JournalState.PLACED, None)
            )
            conn.execute(
                "UPDATE orders SET journal_state = ?, order_id = ?, error = ?,"
                " charge = coalesce(?, charge), currency = coalesce(?, currency),"
                " updated_at = ?, tab = ?, order_key = ?, search = ?, placed_at = ?,"
                " progressed_at = ?, refill_days = ? WHERE id = ?",
                (
                    JournalState.PLACED.value, own_id,
                    _same_id_warning(placed.order_id, holder) if holder else None,
                    dec_to_db(placed.charge), placed.currency, now, tab,
                    order_view.order_key(placed.order_id),
                    _search_text(record, placed.order_id),
                    now, now, _refill_days(conn, record.panel_id, record.service_id),
                    record_id,
                ),
            )  # fmt: skip
            conn.execute(
                "INSERT INTO order_events (order_record_id, at, state) VALUES (?, ?, 'placed')",
                (record_id, now),
            )
            derived.mark(conn, [record_id])
        return self._require(record_id)

    def resolve_order_id(self, record_id: int, order_id: str) -> OrderRecord:
        """Give an unconfirmed order the ID the user found on the panel, or correct an ID
        given that way before. The status columns are emptied (they described another
        order, or none) and every resolution is kept in `order_resolutions`."""
        with self._db.transaction() as conn:
            record = _fetch(conn, record_id)
            earlier = _resolutions(conn, record_id)
            if record is None or not _resolvable(record, bool(earlier)):
                current = "missing" if record is None else record.journal_state.value
                raise InvalidTransition(f"Order #{record_id} cannot be resolved: it is {current}.")
            if order_id != record.order_id:
                _check_unique(conn, record.panel_id, order_id)
            now = dt_to_db(utcnow())
            conn.execute(
                "UPDATE orders SET journal_state = ?, order_id = ?, error = NULL, updated_at = ?,"
                " status_text = NULL, state = NULL, charge = NULL, start_count = NULL,"
                " remains = NULL, posts = NULL, runs_done = NULL, checked_at = NULL,"
                " tab = ?, order_key = ?, search = ? WHERE id = ?",
                (
                    JournalState.PLACED.value, order_id, now,
                    order_view.view_tab(JournalState.PLACED, None),
                    order_view.order_key(order_id),
                    _search_text(record, order_id),
                    record_id,
                ),
            )  # fmt: skip
            conn.execute(
                "INSERT INTO order_resolutions (order_record_id, order_id, previous_order_id,"
                " resolved_at) VALUES (?, ?, ?, ?)",
                (record_id, order_id, record.order_id, now),
            )
            derived.mark(conn, [record_id])
        return self._require(record_id)

    def resolutions(self, record_id: int) -> list[OrderResolution]:
        """The IDs entered by hand for an order, oldest first (empty: never resolved)."""
        return _resolutions(self._db.connection, record_id)

    def sending_to_unconfirmed(self, error: str) -> int:
        """Every `sending` row becomes `unconfirmed`; returns how many did."""
        with self._db.transaction() as conn:
            sending = conn.execute("SELECT id FROM orders WHERE journal_state = 'sending'")
            derived.mark(conn, [row[0] for row in sending])
            cursor = conn.execute(
                "UPDATE orders SET journal_state = ?, error = ?, updated_at = ?, tab = ?"
                " WHERE journal_state = ?",
                (
                    JournalState.UNCONFIRMED.value, error, dt_to_db(utcnow()),
                    order_view.view_tab(JournalState.UNCONFIRMED, None),
                    JournalState.SENDING.value,
                ),
            )  # fmt: skip
        return cursor.rowcount

    def import_orders(
        self, panel_id: int, order_ids: list[str], service_id: str | None = None
    ) -> list[OrderRecord]:
        """Track orders placed elsewhere ("Track existing order IDs").

        IDs already tracked for the panel are skipped. The status API does not say which
        service an order is for, so `service_id` (optional) is looked up in the cached
        catalogue for the name and the refill/cancel flags; unknown services allow both
        and let the panel decide.
        """
        wanted = list(dict.fromkeys(i.strip() for i in order_ids if i.strip()))
        now = dt_to_db(utcnow())
        new_ids: list[int] = []
        with self._db.transaction() as conn:
            service = cached_service(conn, panel_id, service_id) if service_id else None
            for order_id in wanted:
                if _tracked(conn, panel_id, order_id):
                    continue
                new_ids.append(_insert_imported(conn, panel_id, order_id, service_id, service, now))
            derived.mark(conn, new_ids)
        return [self._require(record_id) for record_id in new_ids]

    # -- reads ---------------------------------------------------------------------------------

    def order(self, record_id: int) -> OrderRecord | None:
        return _fetch(self._db.connection, record_id)

    def _require(self, record_id: int) -> OrderRecord:
        record = self.order(record_id)
        assert record is not None, f"order row {record_id} vanished"
        return record

    def orders_by_order_ids(self, panel_id: int, order_ids: list[str]) -> list[OrderRecord]:
        """The tracked orders among `order_ids`, in the order asked; unknown IDs are left out."""
        found: dict[str, OrderRecord] = {}
        for start in range(0, len(order_ids), _IN_CHUNK):
            chunk = order_ids[start : start + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.query(
                f"SELECT {COLUMNS} FROM orders WHERE panel_id = ? AND order_id IN ({marks})",
                (panel_id, *chunk),
            )
            found.update((row["order_id"], record_from_row(row)) for row in rows)
        return [found[i] for i in dict.fromkeys(order_ids) if i in found]

    def orders_by_ids(self, record_ids: Sequence[int]) -> list[OrderRecord]:
        records = (self.order(record_id) for record_id in dict.fromkeys(record_ids))
        return [record for record in records if record is not None]

    def non_final_orders(self, panel_id: int) -> list[OrderRecord]:
        """Placed orders whose status may still change: what a status refresh asks about."""
        marks = ",".join("?" * len(order_view.TRACKED_TABS))
        rows = self._db.query(
            f"SELECT {COLUMNS} FROM orders WHERE tab IN ({marks}) AND panel_id = ? ORDER BY id",
            (*order_view.TRACKED_TABS, panel_id),
        )
        return [record_from_row(row) for row in rows]

    def non_final_order_ids(self, panel_id: int) -> list[str]:
        """The panel's order IDs whose status may still change, oldest first."""
        marks = ",".join("?" * len(order_view.TRACKED_TABS))
        rows = self._db.query(
            f"SELECT order_id FROM orders WHERE tab IN ({marks}) AND panel_id = ?"
            " AND order_id IS NOT NULL ORDER BY id",
            (*order_view.TRACKED_TABS, panel_id),
        )
        return [row[0] for row in rows]

    def active_orders_for_link(self, key: str, limit: int = TWINS_SHOWN) -> list[OrderRecord]:
        """Orders on any panel, newest first, whose link has the key `key` and that may
        still run: pending, in progress, being sent or unconfirmed (`api.links`)."""
        rows = self._db.query(
            f"SELECT {COLUMNS} FROM orders WHERE {_ACTIVE_ON_LINK} ORDER BY id DESC LIMIT ?",
            (key, limit),
        )
        return [record_from_row(row) for row in rows]

    def active_link_keys(self) -> dict[str, ActiveOnLink]:
        """Every link key with an order that may still run, and its newest such order:
        the duplicate-link guard for a whole batch in one walk of the short partial index
        `orders_active_by_link`."""
        rows = self._db.query(
            "SELECT link_key, id, panel_id, order_id, journal_state FROM orders"
            f" WHERE {_ACTIVE_LINKS} ORDER BY id"
        )
        found: dict[str, ActiveOnLink] = {}
        for key, record_id, panel_id, order_id, state in rows:
            earlier = found.get(key)
            count = 1 if earlier is None else earlier.count + 1
            found[key] = ActiveOnLink(record_id, panel_id, order_id, JournalState(state), count)
        return found


def _search_text(record: OrderRecord, order_id: str | None) -> str:
    return order_view.search_text(
        order_id, record.link, record.service_name, record.service_id, record.customer,
        record.note,
    )  # fmt: skip


def _fetch(conn: sqlite3.Connection, record_id: int) -> OrderRecord | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM orders WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else record_from_row(row)


def _expected(
    conn: sqlite3.Connection,
    record_id: int,
    new_state: JournalState,
    expect: Sequence[JournalState],
) -> OrderRecord:
    """The row, if it is in one of the `expect` states; else `InvalidTransition`."""
    record = _fetch(conn, record_id)
    if record is None or record.journal_state not in expect:
        current = "missing" if record is None else record.journal_state.value
        raise InvalidTransition(
            f"Order #{record_id} cannot become {new_state.value}: it is {current}."
        )
    return record


def _holder(conn: sqlite3.Connection, panel_id: int, order_id: str) -> OrderRecord | None:
    """The row that holds `order_id` for the panel, if any."""
    row = conn.execute(
        f"SELECT {COLUMNS} FROM orders WHERE panel_id = ? AND order_id = ?", (panel_id, order_id)
    ).fetchone()
    return None if row is None else record_from_row(row)


def _same_id_warning(order_id: str, holder: OrderRecord) -> str:
    """What the row of a repeated order ID says, naming the earlier order as a user
    knows it: its service and when it was added (local time)."""
    name = holder.service_name[:_NAME_IN_WARNING]
    what = f"{name} order" if name else "order"
    when = holder.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f"Placed, but the panel answered with order ID {order_id}, which your {what} of"
        f" {when} already has: the panel may have taken this order as a repeat of that one,"
        " or it reuses IDs. Check the panel's order list. SMMDesk follows order"
        f" {order_id} on the earlier row."
    )


def _tracked(conn: sqlite3.Connection, panel_id: int, order_id: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM orders WHERE panel_id = ? AND order_id = ?", (panel_id, order_id)
    ).fetchone()
    return row is not None


def _check_unique(conn: sqlite3.Connection, panel_id: int, order_id: str) -> None:
    if _tracked(conn, panel_id, order_id):
        raise DuplicateOrderId(f"Order {order_id} is already in the history of this panel.")


def _resolutions(conn: sqlite3.Connection, record_id: int) -> list[OrderResolution]:
    rows = conn.execute(
        "SELECT id, order_record_id, order_id, previous_order_id, resolved_at"
        " FROM order_resolutions WHERE order_record_id = ? ORDER BY id",
        (record_id,),
    ).fetchall()
    return [OrderResolution(row[0], row[1], row[2], row[3], dt_from_db(row[4])) for row in rows]


def _resolvable(record: OrderRecord, resolved_before: bool) -> bool:
    """Unconfirmed, or placed through an earlier resolution (the user may have typed the
    wrong ID); never an order whose ID the panel's own `add` answer gave."""
    if record.journal_state is JournalState.UNCONFIRMED:
        return True
    return record.journal_state is JournalState.PLACED and resolved_before


def _insert_imported(
    conn: sqlite3.Connection,
    panel_id: int,
    order_id: str,
    service_id: str | None,
    service: Service | None,
    now: str,
) -> int:
    name = service.name if service else ""
    sid = service_id or ""
    cursor = conn.execute(
        "INSERT INTO orders (panel_id, service_id, service_name, service_type, journal_state,"
        " order_id, created_at, updated_at, can_refill, can_cancel, tab, order_key, search,"
        " refill_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            panel_id, sid, name, service.type if service else "", JournalState.PLACED.value,
            order_id, now, now, service.refill if service else True,
            service.cancel if service else True,
            order_view.view_tab(JournalState.PLACED, None), order_view.order_key(order_id),
            order_view.search_text(order_id, None, name, sid),
            refill_terms(service).days if service else None,
        ),
    )  # fmt: skip
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _refill_days(conn: sqlite3.Connection, panel_id: int, service_id: str) -> int | None:
    """The refill guarantee the service's texts promise, as cached when it was ordered."""
    service = cached_service(conn, panel_id, service_id)
    return refill_terms(service).days if service else None
