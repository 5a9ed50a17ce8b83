"""Orders, services and refills to CSV (for a spreadsheet or another tool) and to TSV (for
the clipboard: "Copy as table").

Values are machine-readable, not localised: amounts as the exact decimal the panel sent
(`0.0125`, never through float), times in ISO 8601 UTC to the second, IDs as given, yes/no flags as
`yes`/`no`. The file is UTF-8 with a byte-order mark so spreadsheet programs read non-ASCII
links and names right. Text that came from a panel or a user and starts like a formula
(`=`, `+`, `-`, `@`) is prefixed with `'`, so opening the file never runs it.

A file is written to a temporary file beside the target (a rename within one folder is
atomic) and renamed over it only once complete and flushed to disk: a disk that refuses
half-way leaves no half file under the chosen name. Which orders a selection means,
read page by page, is `smmdesk.services.order_pages`.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import itertools
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from smmdesk.api import Service
from smmdesk.services.export_cells import selection_cells
from smmdesk.services.order_pages import SelectedOrders
from smmdesk.services.profit import order_money
from smmdesk.store import OrderRecord, RefillRecord, StoreError

if TYPE_CHECKING:
    from _csv import Writer as CsvWriter

# (done, total): how many rows are written; called often, the caller throttles.
ReportRows = Callable[[int, int], None]

HEADER = (
    "created_at", "order_id", "journal_state", "status", "panel_status", "service_id",
    "service_name", "link", "quantity", "runs", "interval", "charge", "charge_estimate",
    "currency", "start_count", "remains", "error", "customer", "note", "sell_price", "profit",
)  # fmt: skip
ORDER_HEADER = HEADER
SERVICE_HEADER = (
    "service_id", "category", "name", "type", "rate", "currency", "min", "max", "refill",
    "cancel", "dripfeed",
)  # fmt: skip
REFILL_HEADER = (
    "requested_at", "refill_id", "order_id", "status", "panel_status", "updated_at", "error",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPORT_EVERY = 1000  # rows between two calls of the progress callback


class ExportFailed(StoreError):
    """The file could not be written; the message says why and what to do."""


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    total: int,
    report: ReportRows | None = None,
) -> int:
    """Write `header` and `rows` to `path` (replacing it) through a temporary file in the
    same folder; returns how many rows were written. `report(done, total)` is called
    every `REPORT_EVERY` rows and at the end. A disk that refuses raises `ExportFailed`
    and leaves `path` as it was."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with temporary.open("x", encoding="utf-8-sig", newline="") as out:
            count = _write_rows(out, header, rows, total, report)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        raise _failed(path, error) from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return count


def write_orders_csv(
    path: Path, orders: Iterable[OrderRecord], total: int = 0, report: ReportRows | None = None
) -> int:
    """Write `orders` to `path`; returns how many rows were written. A selection read from
    the store (`order_pages.SelectedOrders`) is written from its cells, never built into
    records (see `order_pages` for the measured reason, `export_cells` for the cells)."""
    rows: Iterable[Sequence[object]]
    rows = selection_cells(orders) if isinstance(orders, SelectedOrders) else map(order_row, orders)
    return write_csv(path, ORDER_HEADER, rows, total, report)


def table_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Tab-separated text, header first, for the clipboard: a spreadsheet pastes it into
    columns. A value holding a tab, a line break or a quote is quoted, as spreadsheets
    expect."""
    out = io.StringIO()
    writer = table_writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def table_writer(out: TextIO) -> CsvWriter:
    """A writer of `table_text`'s format, for text built a slice at a time."""
    return csv.writer(out, dialect="excel-tab", lineterminator="\n")


def iso_time(moment: datetime) -> str:
    """`2026-03-01T14:05:09+00:00`: ISO 8601 in UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def order_row(order: OrderRecord) -> list[str]:
    """The panel's side of the order, then the user's own: customer, note, sell price and
    the profit as `profit.order_money` counts it."""
    money = order_money(order)
    return [
        iso_time(order.created_at),
        _text(order.order_id),
        order.journal_state.value,
        order.state.value if order.state else "",
        _text(order.status_text),
        _text(order.service_id),
        _text(order.service_name),
        _text(order.link),
        _number(order.quantity),
        _number(order.runs),
        _number(order.interval),
        _money(order.charge),
        _money(order.charge_estimate),
        _text(order.currency),
        _number(order.start_count),
        _number(order.remains),
        _text(order.error),
        _text(order.customer),
        _text(order.note),
        _money(order.sell_price),
        _money(None if money is None else money.profit),
    ]


def service_row(service: Service, currency: str | None = None) -> list[str]:
    return [
        _text(service.id),
        _text(service.category),
        _text(service.name),
        _text(service.type),
        _money(service.rate),
        _text(currency),
        str(service.min),
        str(service.max),
        _flag(service.refill),
        _flag(service.cancel),
        _flag(service.dripfeed),
    ]


def refill_row(refill: RefillRecord) -> list[str]:
    return [
        iso_time(refill.created_at),
        _text(refill.refill_id),
        _text(refill.order_id),
        refill.state.value if refill.state else "",
        _text(refill.status_text),
        iso_time(refill.updated_at),
        _text(refill.error),
    ]


def _write_rows(
    out: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    total: int,
    report: ReportRows | None,
) -> int:
    writer = csv.writer(out)
    writer.writerow(header)
    count = 0
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, REPORT_EVERY)):
        writer.writerows(chunk)
        count += len(chunk)
        if report is not None and len(chunk) == REPORT_EVERY:
            report(count, max(total, count))
    if report is not None:
        report(count, count)
    return count


def _failed(path: Path, error: OSError) -> ExportFailed:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        why = "the disk is full. Free some space or choose another folder"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "that folder cannot be written (read-only, or no permission). Choose another"
    elif error.errno == errno.ENOENT:
        why = "that folder does not exist (removed, or a disk unplugged?). Choose another"
    else:
        why = f"{error.strerror or error}. Choose another folder or try again"
    return ExportFailed(f"Could not write {path}: {why}.")


def _text(value: str | None) -> str:
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _flag(value: bool) -> str:
    return "yes" if value else "no"
