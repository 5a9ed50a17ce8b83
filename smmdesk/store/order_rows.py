"""An order row as the store reads it: the columns every order query selects, and the
frozen `OrderRecord` built from them (shared by the journal, the view's reads, the
history and the batches)."""

from __future__ import annotations

import json
import sqlite3
from types import MappingProxyType

from smmdesk.api import OrderState

from .codec import dec_from_db, dt_from_db, opt_dt_from_db
from .records import JournalState, OrderRecord

COLUMNS = (
    "id, panel_id, service_id, service_name, service_type, link, quantity, runs, interval,"
    " fields, charge_estimate, currency, journal_state, order_id, error, status_text, state,"
    " charge, start_count, remains, posts, runs_done, created_at, updated_at, checked_at,"
    " can_refill, can_cancel, batch_id, batch_line, note, customer, sell_price"
)


def record_from_row(row: sqlite3.Row) -> OrderRecord:
    state = row["state"]
    return OrderRecord(
        id=row["id"],
        panel_id=row["panel_id"],
        service_id=row["service_id"],
        service_name=row["service_name"],
        service_type=row["service_type"],
        link=row["link"],
        quantity=row["quantity"],
        runs=row["runs"],
        interval=row["interval"],
        fields=MappingProxyType(json.loads(row["fields"])),
        charge_estimate=dec_from_db(row["charge_estimate"]),
        currency=row["currency"],
        journal_state=JournalState(row["journal_state"]),
        order_id=row["order_id"],
        error=row["error"],
        status_text=row["status_text"],
        state=None if state is None else OrderState(state),
        charge=dec_from_db(row["charge"]),
        start_count=row["start_count"],
        remains=row["remains"],
        posts=row["posts"],
        runs_done=row["runs_done"],
        created_at=dt_from_db(row["created_at"]),
        updated_at=dt_from_db(row["updated_at"]),
        checked_at=opt_dt_from_db(row["checked_at"]),
        can_refill=bool(row["can_refill"]),
        can_cancel=bool(row["can_cancel"]),
        batch_id=row["batch_id"],
        batch_line=row["batch_line"],
        note=row["note"],
        customer=row["customer"],
        sell_price=dec_from_db(row["sell_price"]),
    )
