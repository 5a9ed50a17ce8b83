"""Writing what a status refresh learnt about orders, in one transaction.

One transaction for the whole refresh keeps the orders view consistent (it never shows
half a refresh) and costs one commit instead of thousands.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime

from smmdesk.api import OrderState, OrderStatus

from . import derived, order_view
from .codec import dec_to_db, dt_to_db
from .db import Database
from .records import JournalState, OrderChange

_IN_CHUNK = 500

_STATUS_FIELDS = (
    "status_text", "state", "charge", "start_count", "remains", "posts", "runs_done", "currency"
)  # fmt: skip
# A rewritten row sets only the columns that changed: SQLite rewrites every index that
# reads a column a statement sets, even to the same value, and a dozen indexes read `tab`
# alone (bench/status_refresh.py, the store's part).
_UPDATE = "UPDATE orders SET {changed} error = NULL, checked_at = ?, updated_at = ? WHERE id = ?"
_EVENT = (
    "INSERT INTO order_events (order_record_id, at, state, start_count, remains)"
    " VALUES (?, ?, ?, ?, ?)"
)
_STARTED = frozenset({OrderState.IN_PROGRESS, OrderState.PARTIAL, OrderState.COMPLETED})
_TOUCH = "UPDATE orders SET error = NULL, checked_at = ? WHERE id = ?"


class OrderStatusRepository:
    _db: Database

    def record_order_statuses(
        self,
        panel_id: int,
        statuses: Mapping[str, OrderStatus],
        errors: Mapping[str, str],
        checked_at: datetime,
    ) -> list[OrderChange]:
        """Store fresh statuses (and per-order refusals such as "Incorrect order ID").

        Returns an `OrderChange` for each order whose state changed, for notifications.
        Orders not tracked for the panel are ignored. Only the status columns are read
        and compared, and only rows whose status really changed are rewritten, so a
        refresh of 10,000 orders costs a fraction of its network time. The status history
        gets a step only where the state, start count or remains moved, in the same
        transaction; the milestones (started, finished, last progress) follow it.
        """
        stamp = dt_to_db(checked_at)
        changes: list[OrderChange] = []
        with self._db.transaction() as conn:
            known = _status_rows(conn, panel_id, [*statuses, *errors])
            rewritten: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
            touched, events, to_settle = [], [], []
            for order_id, status in statuses.items():
                row = known.get(order_id)
                if row is None:
                    continue
                values = _status_values(status, row["currency"])
                if values == tuple(row[column] for column in _STATUS_FIELDS):
                    touched.append((stamp, row["id"]))
                    continue
                step = (status.state.value, status.start_count, status.remains)
                moved = step != (row["state"], row["start_count"], row["remains"])
                if moved:
                    events.append((row["id"], stamp, *step))
                names, changed = _changes(row, status, values, stamp, moved)
                rewritten.setdefault(names, []).append((*changed, stamp, stamp, row["id"]))
                if derived.READ_BY_RULES.intersection(names):
                    to_settle.append(row["id"])
                before = OrderState(row["state"]) if row["state"] else None
                if before is not status.state:
                    changes.append(OrderChange(row["id"], order_id, before, status.state))
            for names, rows in rewritten.items():
                changed_sql = "".join(f"{name} = ?, " for name in names)
                conn.executemany(_UPDATE.format(changed=changed_sql), rows)
            derived.mark(conn, to_settle)
            conn.executemany(_EVENT, events)
            conn.executemany(_TOUCH, touched)
            conn.executemany(
                "UPDATE orders SET error = ?, checked_at = ? WHERE id = ?",
                [(msg, stamp, known[oid]["id"]) for oid, msg in errors.items() if oid in known],
            )
        return changes


def _status_rows(
    conn: sqlite3.Connection, panel_id: int, order_ids: list[str]
) -> dict[str, sqlite3.Row]:
    found: dict[str, sqlite3.Row] = {}
    columns = ", ".join(_READ)
    for start in range(0, len(order_ids), _IN_CHUNK):
        chunk = order_ids[start : start + _IN_CHUNK]
        rows = conn.execute(
            f"SELECT {columns} FROM orders WHERE panel_id = ? AND journal_state = ?"
            f" AND order_id IN ({','.join('?' * len(chunk))})",
            (panel_id, JournalState.PLACED.value, *chunk),
        )
        found.update((row["order_id"], row) for row in rows)
    return found


_MILESTONE_FIELDS = ("started_at", "finished_at", "progressed_at")
_REWRITTEN = (*_STATUS_FIELDS, "tab", *_MILESTONE_FIELDS)
_READ = ("id", "order_id", "journal_state", *_REWRITTEN)
_FIRST_REWRITTEN = _READ.index(_REWRITTEN[0])


def _changes(
    row: sqlite3.Row, status: OrderStatus, values: tuple[object, ...], stamp: str, moved: bool
) -> tuple[tuple[str, ...], tuple[object, ...]]:
    """The columns a fresh status moves (its own, the tab, the milestones), and their
    new values."""
    tab = order_view.view_tab(JournalState(row["journal_state"]), status.state)
    new = (*values, tab, *_milestones(row, status, stamp, moved))
    old = tuple(row)[_FIRST_REWRITTEN:]  # by position: a `Row` looks names up one by one
    changed = [at for at, value in enumerate(new) if value != old[at]]
    return tuple(_REWRITTEN[at] for at in changed), tuple(new[at] for at in changed)


def _milestones(
    row: sqlite3.Row, status: OrderStatus, stamp: str, moved: bool
) -> tuple[str | None, str | None, str | None]:
    """(started, finished, last progress): the first time the panel showed the order
    started and final, kept once known; progress is the last step."""
    started = row["started_at"]
    if started is None and status.state in _STARTED:
        started = stamp
    finished = row["finished_at"]
    if finished is None and status.state.is_final:
        finished = stamp
    return started, finished, stamp if moved else row["progressed_at"]


def _status_values(status: OrderStatus, known_currency: str | None) -> tuple[object, ...]:
    """The status columns as stored, in `_STATUS_FIELDS` order."""
    return (
        status.status_text, status.state.value, dec_to_db(status.charge), status.start_count,
        status.remains, status.posts, status.runs, status.currency or known_currency,
    )  # fmt: skip
