"""Refill and cancel requests: every outcome is kept, accepted or refused.

A refused refill or cancel is history the user needs ("Refill is disabled for this
service"), so refusals get rows too, with the panel's words in `error`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime

from smmdesk.api import RefillState, RefillStatus

from .codec import dt_from_db, dt_to_db, utcnow
from .db import Database
from .records import CancelRecord, OrderRecord, RefillChange, RefillRecord

_REFILL_COLUMNS = (
    "id, panel_id, order_record_id, order_id, refill_id, error, status_text, state,"
    " created_at, updated_at"
)
_CANCEL_COLUMNS = "id, panel_id, order_record_id, order_id, accepted, error, created_at"


class RefillsRepository:
    _db: Database

    def add_refills(
        self, outcomes: Sequence[tuple[OrderRecord, str | None, str | None]]
    ) -> list[RefillRecord]:
        """One row per order: `(order, refill ID or None, error or None)`."""
        now = dt_to_db(utcnow())
        ids: list[int] = []
        with self._db.transaction() as conn:
            for order, refill_id, error in outcomes:
                cursor = conn.execute(
                    f"INSERT INTO refills ({_REFILL_COLUMNS.removeprefix('id, ')})"
                    " VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                    (order.panel_id, order.id, order.order_id or "", refill_id, error, now, now),
                )
                assert cursor.lastrowid is not None
                ids.append(cursor.lastrowid)
        return self._refills_where(f"id IN ({','.join('?' * len(ids))})", ids)

    def add_cancels(self, outcomes: Sequence[tuple[OrderRecord, str | None]]) -> list[CancelRecord]:
        """One row per order: `(order, error or None)`; no error means accepted."""
        now = dt_to_db(utcnow())
        ids: list[int] = []
        with self._db.transaction() as conn:
            for order, error in outcomes:
                cursor = conn.execute(
                    f"INSERT INTO cancels ({_CANCEL_COLUMNS.removeprefix('id, ')})"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (order.panel_id, order.id, order.order_id or "", error is None, error, now),
                )
                assert cursor.lastrowid is not None
                ids.append(cursor.lastrowid)
        rows = self._db.query(
            f"SELECT {_CANCEL_COLUMNS} FROM cancels WHERE id IN ({','.join('?' * len(ids))})"
            " ORDER BY id",
            ids,
        )
        return [_cancel(row) for row in rows]

    def refills(self, panel_id: int | None = None) -> list[RefillRecord]:
        if panel_id is None:
            return self._refills_where("1", [])
        return self._refills_where("panel_id = ?", [panel_id])

    def cancels(self, panel_id: int | None = None) -> list[CancelRecord]:
        where, params = ("WHERE panel_id = ?", [panel_id]) if panel_id is not None else ("", [])
        rows = self._db.query(f"SELECT {_CANCEL_COLUMNS} FROM cancels {where} ORDER BY id", params)
        return [_cancel(row) for row in rows]

    def non_final_refills(self, panel_id: int) -> list[RefillRecord]:
        """Accepted refills whose status may still change."""
        return [r for r in self.refills(panel_id) if r.is_tracked]

    def record_refill_statuses(
        self,
        panel_id: int,
        statuses: Mapping[str, RefillStatus],
        errors: Mapping[str, str],
        checked_at: datetime,
    ) -> list[RefillChange]:
        """Store fresh refill statuses in one transaction; returns the state changes."""
        stamp = dt_to_db(checked_at)
        changes: list[RefillChange] = []
        with self._db.transaction():
            current = {r.refill_id: r for r in self.non_final_refills(panel_id)}
            for refill_id, status in statuses.items():
                record = current.get(refill_id)
                if record is None:
                    continue
                self._db.connection.execute(
                    "UPDATE refills SET status_text = ?, state = ?, error = NULL,"
                    " updated_at = ? WHERE id = ?",
                    (status.status_text, status.state.value, stamp, record.id),
                )
                if status.state != record.state:
                    changes.append(
                        RefillChange(self._refill(record.id), record.state, status.state)
                    )
            for refill_id, message in errors.items():
                if refill_id in current:
                    self._db.connection.execute(
                        "UPDATE refills SET error = ?, updated_at = ? WHERE id = ?",
                        (message, stamp, current[refill_id].id),
                    )
        return changes

    def _refill(self, record_id: int) -> RefillRecord:
        return self._refills_where("id = ?", [record_id])[0]

    def _refills_where(self, where: str, params: Sequence[object]) -> list[RefillRecord]:
        rows = self._db.query(
            f"SELECT {_REFILL_COLUMNS} FROM refills WHERE {where} ORDER BY id", params
        )
        return [_refill(row) for row in rows]


def _refill(row: sqlite3.Row) -> RefillRecord:
    state = row["state"]
    return RefillRecord(
        id=row["id"],
        panel_id=row["panel_id"],
        order_record_id=row["order_record_id"],
        order_id=row["order_id"],
        refill_id=row["refill_id"],
        error=row["error"],
        status_text=row["status_text"],
        state=None if state is None else RefillState(state),
        created_at=dt_from_db(row["created_at"]),
        updated_at=dt_from_db(row["updated_at"]),
    )


def _cancel(row: sqlite3.Row) -> CancelRecord:
    return CancelRecord(
        id=row["id"],
        panel_id=row["panel_id"],
        order_record_id=row["order_record_id"],
        order_id=row["order_id"],
        accepted=bool(row["accepted"]),
        error=row["error"],
        created_at=dt_from_db(row["created_at"]),
    )
