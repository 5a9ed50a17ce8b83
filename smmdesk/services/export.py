"""Orders to CSV, for a spreadsheet or another tool.

Values are machine-readable, not localised: amounts as the exact decimal the panel sent
(`0.0125`, never through float), times in ISO 8601 UTC, IDs as given. The file is UTF-8
with a byte-order mark so spreadsheet programs read non-ASCII links and names right. Text
that came from a panel or a user and starts like a formula (`=`, `+`, `-`, `@`) is prefixed
with `'`, so opening the file never runs it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from smmdesk.store import OrderRecord, StoreError

HEADER = (
    "created_at", "order_id", "journal_state", "status", "panel_status", "service_id",
    "service_name", "link", "quantity", "runs", "interval", "charge", "charge_estimate",
    "currency", "start_count", "remains", "error",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_orders_csv(path: Path, orders: Iterable[OrderRecord]) -> int:
    """Write `orders` to `path` (replacing it); returns how many rows were written.
    A disk that refuses (full, read-only, no permission) raises `StoreError` saying so."""
    count = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADER)
            for order in orders:
                writer.writerow(_row(order))
                count += 1
    except OSError as error:
        raise StoreError(f"Could not write {path}: {error.strerror or error}") from error
    return count


def _row(order: OrderRecord) -> list[str]:
    numbers = (order.quantity, order.runs, order.interval)
    return [
        order.created_at.isoformat(),
        _text(order.order_id),
        order.journal_state.value,
        order.state.value if order.state else "",
        _text(order.status_text),
        _text(order.service_id),
        _text(order.service_name),
        _text(order.link),
        *("" if n is None else str(n) for n in numbers),
        "" if order.charge is None else f"{order.charge:f}",
        "" if order.charge_estimate is None else f"{order.charge_estimate:f}",
        _text(order.currency),
        "" if order.start_count is None else str(order.start_count),
        "" if order.remains is None else str(order.remains),
        _text(order.error),
    ]


def _text(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
