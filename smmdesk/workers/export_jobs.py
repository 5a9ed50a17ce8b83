"""`Desk`'s jobs that get data out: orders, services and refills to CSV, and orders as
a table for the clipboard.

They run on the read pool: they write no store row, and on the one-thread write pool a
100,000-row export would hold back an order for the seconds it takes. Each reports
`progressed` in rows as it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smmdesk.api import Service
from smmdesk.services.bulk import OrderSelection
from smmdesk.services.export import (
    ORDER_HEADER,
    REFILL_HEADER,
    SERVICE_HEADER,
    order_row,
    refill_row,
    service_row,
    table_text,
    write_csv,
    write_orders_csv,
)
from smmdesk.services.order_pages import count_selected, selected_orders
from smmdesk.store import RefillRecord

from .desk_base import DeskBase
from .jobs import Job, Ticket
from .results import Exported, Tabulated
from .task import ProgressReporter


class ExportJobs(DeskBase):
    def export_orders(self, panel_id: int, selection: OrderSelection, path: Path) -> Ticket:
        """Write every selected order to a CSV file, read from the store page by page
        (see `smmdesk.services.export`). Answers `orders_exported(Ticket, Exported)`."""

        def job(report: ProgressReporter) -> Exported:
            total = count_selected(self._store, selection)
            report(0, total)
            orders = selected_orders(self._store, selection)
            return Exported(path, write_orders_csv(path, orders, total, report))

        return self._read_reporting(Job.EXPORT_ORDERS, panel_id, job)

    def export_services(
        self, panel_id: int, services: Sequence[Service], currency: str | None, path: Path
    ) -> Ticket:
        """Write `services` (the catalogue as the user filtered it) to a CSV file, rates
        in `currency`. Answers `services_exported(Ticket, Exported)`."""
        wanted = list(services)

        def job(report: ProgressReporter) -> Exported:
            rows = (service_row(service, currency) for service in wanted)
            return Exported(path, write_csv(path, SERVICE_HEADER, rows, len(wanted), report))

        return self._read_reporting(Job.EXPORT_SERVICES, panel_id, job)

    def export_refills(self, panel_id: int, refills: Sequence[RefillRecord], path: Path) -> Ticket:
        """Write `refills` to a CSV file. Answers `refills_exported(Ticket, Exported)`."""
        wanted = list(refills)

        def job(report: ProgressReporter) -> Exported:
            rows = map(refill_row, wanted)
            return Exported(path, write_csv(path, REFILL_HEADER, rows, len(wanted), report))

        return self._read_reporting(Job.EXPORT_REFILLS, panel_id, job)

    def tabulate_orders(self, panel_id: int, selection: OrderSelection) -> Ticket:
        """Every selected order as tab-separated text (the CSV's columns and values), for
        "Copy as table" on a selection that is not all loaded. Answers
        `orders_tabulated(Ticket, Tabulated)`."""

        def job(report: ProgressReporter) -> Tabulated:
            total = count_selected(self._store, selection)
            report(0, total)
            rows = [order_row(order) for order in selected_orders(self._store, selection)]
            report(len(rows), len(rows))
            return Tabulated(table_text(ORDER_HEADER, rows), len(rows))

        return self._read_reporting(Job.TABULATE_ORDERS, panel_id, job)
