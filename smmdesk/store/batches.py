"""Mass-order batches: their lines, stored before anything is sent, and which journal row
sent each line.

A line is claimed in the transaction that inserts its `sending` row (`BEGIN IMMEDIATE`
holds the write lock from the check to the commit), so of two claims, from two threads or
from a process resuming after a crash, exactly one gets the line: the other sees it taken.
Nothing ever makes a claimed line unsent again; only a line whose latest attempt the panel
rejected can be claimed anew, by the user's explicit action (`claim_rejected_batch_line`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from decimal import Decimal
from types import MappingProxyType

from smmdesk.api import Service
from smmdesk.api.draft import OrderDraft

from .catalogue import cached_service
from .codec import dec_from_db, dec_to_db, dt_from_db, dt_to_db, utcnow
from .db import Database
from .orders import COLUMNS, record_from_row
from .records import (
    BatchLineRecord,
    BatchRecord,
    InvalidTransition,
    JournalState,
    OrderRecord,
    StoreError,
)
from .sending import SendingRow, insert_sending_row

MAX_TITLE = 200
_ORDER_COLUMNS = ", ".join(f"o.{name.strip()}" for name in COLUMNS.split(","))
_LINE_COLUMNS = (
    "l.batch_id AS line_batch, l.number AS line_number, l.panel_id AS line_panel,"
    " l.service AS line_service, l.fields AS line_fields, l.charge_estimate AS line_charge,"
    " l.currency AS line_currency"
)
_BATCH_SUMMARY = """
    SELECT b.id, b.title, b.created_at, b.stopped, count(l.number) AS total,
        coalesce(sum(o.journal_state = 'placed'), 0) AS placed,
        coalesce(sum(o.journal_state = 'rejected'), 0) AS rejected,
        coalesce(sum(o.journal_state = 'unconfirmed'), 0) AS unconfirmed,
        coalesce(sum(o.journal_state = 'sending'), 0) AS sending,
        coalesce(sum(o.journal_state = 'dismissed'), 0) AS dismissed,
        coalesce(sum(l.number IS NOT NULL AND l.order_record_id IS NULL), 0) AS unsent
    FROM batches b
    LEFT JOIN batch_lines l ON l.batch_id = b.id
    LEFT JOIN orders o ON o.id = l.order_record_id
"""


class BatchesRepository:
    _db: Database

    def create_batch(self, title: str, lines: Sequence[tuple[int, int, OrderDraft]]) -> BatchRecord:
        """Store a batch of (line number, panel ID, draft) before any of it is sent."""
        _check_lines(lines)
        with self._db.transaction() as conn:
            _check_panels(conn, {panel_id for _, panel_id, _ in lines})
            cursor = conn.execute(
                "INSERT INTO batches (title, created_at) VALUES (?, ?)",
                (title.strip()[:MAX_TITLE], dt_to_db(utcnow())),
            )
            batch_id = cursor.lastrowid
            assert batch_id is not None
            conn.executemany(
                "INSERT INTO batch_lines (batch_id, number, panel_id, service, fields,"
                " charge_estimate, currency) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [_line_row(batch_id, number, panel_id, draft) for number, panel_id, draft in lines],
            )
        batch = self.batch(batch_id)
        assert batch is not None
        return batch

    def batch(self, batch_id: int) -> BatchRecord | None:
        row = self._db.query_one(f"{_BATCH_SUMMARY} WHERE b.id = ? GROUP BY b.id", (batch_id,))
        return None if row is None else _batch(row)

    def batches(self, unfinished_only: bool = False) -> list[BatchRecord]:
        """Newest first; `unfinished_only`: those with lines unsent or being sent."""
        having = " HAVING unsent > 0 OR sending > 0" if unfinished_only else ""
        rows = self._db.query(f"{_BATCH_SUMMARY} GROUP BY b.id{having} ORDER BY b.id DESC")
        return [_batch(row) for row in rows]

    def batch_lines(self, batch_id: int) -> list[BatchLineRecord]:
        """The batch's lines in line order, each with its latest attempt."""
        rows = self._db.query(
            f"SELECT {_LINE_COLUMNS}, {_ORDER_COLUMNS} FROM batch_lines l"
            " LEFT JOIN orders o ON o.id = l.order_record_id"
            " WHERE l.batch_id = ? ORDER BY l.number",
            (batch_id,),
        )
        services = _Services()
        return [_line(row, services) for row in rows]

    def batch_line(self, batch_id: int, number: int) -> BatchLineRecord | None:
        row = self._db.query_one(
            f"SELECT {_LINE_COLUMNS}, {_ORDER_COLUMNS} FROM batch_lines l"
            " LEFT JOIN orders o ON o.id = l.order_record_id"
            " WHERE l.batch_id = ? AND l.number = ?",
            (batch_id, number),
        )
        return None if row is None else _line(row, _Services())

    def batch_services(
        self, panel_id: int, service_ids: Iterable[str]
    ) -> dict[str, Service] | None:
        """The panel's cached services among `service_ids`, by ID (a batch names a dozen of
        a catalogue's thousands); None when the panel's catalogue was never fetched."""
        conn = self._db.connection
        fetched = conn.execute(
            "SELECT 1 FROM catalogue_fetches WHERE panel_id = ? LIMIT 1", (panel_id,)
        ).fetchone()
        if fetched is None:
            return None
        found = (cached_service(conn, panel_id, service_id) for service_id in set(service_ids))
        return {service.id: service for service in found if service is not None}

    def set_batch_stopped(self, batch_id: int, stopped: bool) -> None:
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE batches SET stopped = ? WHERE id = ?", (int(stopped), batch_id)
            )
            if cursor.rowcount == 0:
                raise StoreError(_missing_batch(batch_id))

    def claim_batch_line(self, batch_id: int, number: int) -> tuple[OrderRecord, OrderDraft] | None:
        """Claim a never-sent line: its `sending` row is inserted and linked to it in one
        transaction, and returned with the draft to send. None: the line was sent already."""
        with self._db.transaction() as conn:
            row = _line_row_for_update(conn, batch_id, number)
            if row["order_record_id"] is not None:
                return None
            draft = _line(row, _Services()).draft
            record_id = _insert_attempt(conn, row, draft)
        return _require(conn, record_id), draft

    def claim_rejected_batch_line(
        self, batch_id: int, number: int, draft: OrderDraft
    ) -> OrderRecord:
        """The user sends a line the panel rejected again, as `draft` (edited or not): the
        line keeps the new draft and its new `sending` row, in one transaction.
        `InvalidTransition` unless the line's latest attempt was rejected."""
        with self._db.transaction() as conn:
            row = _line_row_for_update(conn, batch_id, number)
            latest = _latest_state(conn, row["order_record_id"])
            if latest is not JournalState.REJECTED:
                what = "never sent: resume the batch" if latest is None else latest.value
                raise InvalidTransition(f"Line {number:,} cannot be sent again: it is {what}.")
            conn.execute(
                "UPDATE batch_lines SET service = ?, fields = ?, charge_estimate = ?,"
                " currency = ? WHERE batch_id = ? AND number = ?",
                (*_draft_columns(draft), batch_id, number),
            )
            record_id = _insert_attempt(conn, row, draft)
        return _require(conn, record_id)


def _check_lines(lines: Sequence[tuple[int, int, OrderDraft]]) -> None:
    if not lines:
        raise StoreError("A batch needs at least one line to send.")
    numbers = [number for number, _, _ in lines]
    if len(set(numbers)) != len(numbers):
        raise StoreError("Two lines of the batch have the same number.")


def _check_panels(conn: sqlite3.Connection, panel_ids: set[int]) -> None:
    for panel_id in panel_ids:
        if conn.execute("SELECT 1 FROM panels WHERE id = ?", (panel_id,)).fetchone() is None:
            raise StoreError(f"Panel {panel_id} no longer exists: check the batch again.")


def _line_row(batch_id: int, number: int, panel_id: int, draft: OrderDraft) -> tuple[object, ...]:
    return (batch_id, number, panel_id, *_draft_columns(draft))


def _draft_columns(draft: OrderDraft) -> tuple[object, ...]:
    return (
        _service_json(draft.service),
        json.dumps(dict(draft.fields), ensure_ascii=False),
        dec_to_db(draft.charge_estimate),
        draft.currency,
    )


def _service_json(service: Service) -> str:
    """What sending needs of the service as confirmed (its description and extras are
    left out: a 10,000-line batch would hold them 10,000 times)."""
    s = service
    return json.dumps(
        [s.id, s.name, s.type, s.category, str(s.rate), s.min, s.max, s.refill, s.cancel,
         s.dripfeed],
        ensure_ascii=False,
    )  # fmt: skip


class _Services:
    """Services read back from their JSON, each distinct one parsed once per read."""

    def __init__(self) -> None:
        self._parsed: dict[str, Service] = {}

    def get(self, text: str) -> Service:
        service = self._parsed.get(text)
        if service is None:
            sid, name, kind, category, rate, low, high, refill, cancel, drip = json.loads(text)
            service = Service(sid, name, kind, category, Decimal(rate), low, high,
                              refill, cancel, drip)  # fmt: skip
            self._parsed[text] = service
        return service


def _line(row: sqlite3.Row, services: _Services) -> BatchLineRecord:
    service = services.get(row["line_service"])
    return BatchLineRecord(
        batch_id=row["line_batch"],
        number=row["line_number"],
        panel_id=row["line_panel"],
        draft_fields=MappingProxyType(json.loads(row["line_fields"])),
        service_id=service.id,
        charge_estimate=dec_from_db(row["line_charge"]),
        currency=row["line_currency"],
        order=None if row["id"] is None else record_from_row(row),
        service=service,
    )


def _line_row_for_update(conn: sqlite3.Connection, batch_id: int, number: int) -> sqlite3.Row:
    row: sqlite3.Row | None = conn.execute(
        f"SELECT {_LINE_COLUMNS}, l.order_record_id, {_ORDER_COLUMNS} FROM batch_lines l"
        " LEFT JOIN orders o ON o.id = l.order_record_id"
        " WHERE l.batch_id = ? AND l.number = ?",
        (batch_id, number),
    ).fetchone()
    if row is None:
        raise StoreError(f"Line {number:,} of batch {batch_id} is not in the history.")
    return row


def _insert_attempt(conn: sqlite3.Connection, line: sqlite3.Row, draft: OrderDraft) -> int:
    batch_id, number = line["line_batch"], line["line_number"]
    record_id = insert_sending_row(conn, SendingRow.of(line["line_panel"], draft, batch_id, number))
    conn.execute(
        "UPDATE batch_lines SET order_record_id = ? WHERE batch_id = ? AND number = ?",
        (record_id, batch_id, number),
    )
    return record_id


def _latest_state(conn: sqlite3.Connection, record_id: int | None) -> JournalState | None:
    if record_id is None:
        return None
    row = conn.execute("SELECT journal_state FROM orders WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else JournalState(row[0])


def _require(conn: sqlite3.Connection, record_id: int) -> OrderRecord:
    row = conn.execute(f"SELECT {COLUMNS} FROM orders WHERE id = ?", (record_id,)).fetchone()
    assert row is not None, f"order row {record_id} vanished"
    return record_from_row(row)


def _batch(row: sqlite3.Row) -> BatchRecord:
    return BatchRecord(
        id=row["id"],
        created_at=dt_from_db(row["created_at"]),
        title=row["title"],
        total=row["total"],
        placed=row["placed"],
        rejected=row["rejected"],
        unconfirmed=row["unconfirmed"],
        sending=row["sending"],
        unsent=row["unsent"],
        stopped=bool(row["stopped"]),
        dismissed=row["dismissed"],
    )


def _missing_batch(batch_id: int) -> str:
    return f"Batch {batch_id} is no longer in the history."
