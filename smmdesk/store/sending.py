"""The `sending` row: what the journal commits before an `add` leaves (design.md, "The
order journal"), for a single order (`OrdersRepository.insert_sending_order`) and for a
batch line, whose row is inserted in the transaction that claims the line
(`BatchesRepository.claim_batch_line`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from smmdesk.api import Service
from smmdesk.api.draft import OrderDraft
from smmdesk.api.links import order_link_key

from . import derived, order_view
from .codec import dec_to_db, dt_to_db, utcnow
from .records import JournalState


@dataclass(frozen=True, slots=True)
class SendingRow:
    """What a `sending` row records: the order as it will be sent, and for a batch line
    its batch and line number."""

    panel_id: int
    service: Service
    link: str | None
    quantity: int | None
    runs: int | None
    interval: int | None
    fields: Mapping[str, str]
    charge_estimate: Decimal | None
    currency: str | None
    batch_id: int | None = None
    batch_line: int | None = None

    @classmethod
    def of(cls, panel_id: int, draft: OrderDraft, batch_id: int, batch_line: int) -> SendingRow:
        return cls(
            panel_id, draft.service, draft.link, draft.quantity, draft.runs, draft.interval,
            draft.type_fields, draft.charge_estimate, draft.currency, batch_id, batch_line,
        )  # fmt: skip


def insert_sending_row(conn: sqlite3.Connection, row: SendingRow) -> int:
    """Insert a `sending` row within the caller's transaction; returns its record ID."""
    now = dt_to_db(utcnow())
    service = row.service
    cursor = conn.execute(
        "INSERT INTO orders (panel_id, service_id, service_name, service_type, link,"
        " quantity, runs, interval, fields, charge_estimate, currency, journal_state,"
        " created_at, updated_at, can_refill, can_cancel, tab, search, link_key, batch_id,"
        " batch_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.panel_id, service.id, service.name, service.type, row.link, row.quantity,
            row.runs, row.interval, json.dumps(dict(row.fields), ensure_ascii=False),
            dec_to_db(row.charge_estimate), row.currency, JournalState.SENDING.value, now, now,
            service.refill, service.cancel, order_view.view_tab(JournalState.SENDING, None),
            order_view.search_text(None, row.link, service.name, service.id),
            order_link_key(row.link, row.fields), row.batch_id, row.batch_line,
        ),
    )  # fmt: skip
    assert cursor.lastrowid is not None
    derived.mark(conn, [cursor.lastrowid])
    return cursor.lastrowid
