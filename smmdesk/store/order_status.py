"""Writing what a status refresh learnt about orders, in one transaction.

One transaction for the whole refresh keeps the orders view consistent (it never shows
half a refresh) and costs one commit instead of thousands.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from smmdesk.api import OrderState, OrderStatus

from . import order_view
from .codec import dec_to_db, dt_to_db
from .db import Database
from .orders import COLUMNS, record_from_row
from .records import JournalState, OrderRecord

_IN_CHUNK = 500
StateChange = tuple[OrderRecord, OrderState | None, OrderState]

_UPDATE = (
    "UPDATE orders SET status_text = ?, state = ?, charge = ?, start_count = ?, remains = ?,"
    " posts = ?, runs_done = ?, currency = ?, error = NULL, checked_at = ?, updated_at = ?,"
    " tab = ? WHERE id = ?"
)


class OrderStatusRepository:
    _db: Database

    def record_order_statuses(
        self,
        panel_id: int,
        statuses: Mapping[str, OrderStatus],
        errors: Mapping[str, str],
        checked_at: datetime,
    ) -> list[StateChange]:
        """Store fresh statuses (and per-order refusals such as "Incorrect order ID").

        Returns `(record after, state before, state after)` for each order whose state
        changed, for notifications. Orders not tracked for the panel are ignored.
        """
        stamp = dt_to_db(checked_at)
        changes: list[StateChange] = []
        with self._db.transaction() as conn:
            records = _placed_by_order_id(conn, panel_id, [*statuses, *errors])
            updates = []
            for order_id, status in statuses.items():
                record = records.get(order_id)
                if record is None:
                    continue
                updated = _with_status(record, status, checked_at)
                updates.append(_update_row(updated, stamp))
                if updated.state != record.state and updated.state is not None:
                    changes.append((updated, record.state, updated.state))
            conn.executemany(_UPDATE, updates)
            conn.executemany(
                "UPDATE orders SET error = ?, checked_at = ? WHERE id = ?",
                [(msg, stamp, records[oid].id) for oid, msg in errors.items() if oid in records],
            )
        return changes


def _placed_by_order_id(
    conn: sqlite3.Connection, panel_id: int, order_ids: list[str]
) -> dict[str, OrderRecord]:
    found: dict[str, OrderRecord] = {}
    for start in range(0, len(order_ids), _IN_CHUNK):
        chunk = order_ids[start : start + _IN_CHUNK]
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM orders WHERE panel_id = ? AND journal_state = ?"
            f" AND order_id IN ({','.join('?' * len(chunk))})",
            (panel_id, JournalState.PLACED.value, *chunk),
        )
        found.update((row["order_id"], record_from_row(row)) for row in rows)
    return found


def _with_status(record: OrderRecord, status: OrderStatus, checked_at: datetime) -> OrderRecord:
    updated = replace(
        record,
        status_text=status.status_text,
        state=status.state,
        charge=status.charge,
        start_count=status.start_count,
        remains=status.remains,
        posts=status.posts,
        runs_done=status.runs,
        currency=status.currency or record.currency,
        error=None,
        checked_at=checked_at,
    )
    if updated == replace(record, checked_at=checked_at):
        return updated  # nothing new: `updated_at` keeps saying when something last changed
    return replace(updated, updated_at=checked_at)


def _update_row(record: OrderRecord, stamp: str) -> tuple[object, ...]:
    return (
        record.status_text, record.state.value if record.state else None,
        dec_to_db(record.charge), record.start_count, record.remains, record.posts,
        record.runs_done, record.currency, stamp, dt_to_db(record.updated_at),
        order_view.view_tab(record.journal_state, record.state), record.id,
    )  # fmt: skip
