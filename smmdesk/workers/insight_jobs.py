"""`Desk`'s jobs that look across panels and through the history: the price board's index
of every cached catalogue, the spending reports, the provider scorecard, the refill
windows and the price watch. Each reads up to every order or service there is, so all
run on the read pool; the answers are ready to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter

from smmdesk.runtime import building_long_lived_data
from smmdesk.services.price_board import PanelCatalogue, PriceIndex, completions_of
from smmdesk.services.reports import (
    Report,
    ReportLine,
    ReportRequest,
    build_report,
    write_file,
    write_report_csv,
)
from smmdesk.services.scorecard import Scorecard, load_scorecard
from smmdesk.store import RefillWindow, WatchedPrice
from smmdesk.store.reports import ReportQueries

from .desk_base import DeskBase
from .jobs import Job, Ticket
from .results import Exported

WATCH_DAYS = 90  # the price watch looks at services ordered in this many days


class InsightJobs(DeskBase):
    def load_price_board(
        self, currency: str, rates: Mapping[str, Decimal], currencies: Mapping[int, str]
    ) -> Ticket:
        """Index every panel's cached catalogue, with the scorecard's completion times;
        `currencies` gives each panel's currency (from its balance) where known. Answers
        `price_board_loaded(Ticket, PriceIndex)`."""
        rates, currencies = dict(rates), dict(currencies)

        def job() -> PriceIndex:
            catalogues = []
            panels = self._store.panels()
            for panel in panels:
                snapshot = self._store.cached_services(panel.id)
                if snapshot is not None:
                    own = currencies.get(panel.id, "")
                    catalogues.append(PanelCatalogue(panel.id, panel.name, own, snapshot.services))
            names = {panel.id: panel.name for panel in panels}
            card = load_scorecard(self._store, datetime.now(UTC), names)
            return PriceIndex(catalogues, currency, rates, completions_of(card))

        ticket = Ticket(Job.LOAD_PRICE_BOARD, None, self._generation)
        return self._submit(self._reads, ticket, job)

    def build_report(self, request: ReportRequest) -> Ticket:
        """Spend (and profit) of the range asked, by period and group.
        Answers `report_built(Ticket, Report)`."""

        def job() -> Report:
            # Long-lived: the tab keeps it, and a year by day and service is 35,000 lines.
            with building_long_lived_data():
                return build_report(ReportQueries(self._store), request)

        return self._submit(self._reads, Ticket(Job.BUILD_REPORT, None, self._generation), job)

    def load_scorecard(self, stuck_after_hours: float, panel_id: int | None = None) -> Ticket:
        """The provider scorecard of every panel (or one), orders without progress for
        `stuck_after_hours` counted as stuck. Answers `scorecard_loaded(Ticket, Scorecard)`."""

        def job() -> Scorecard:
            names = {panel.id: panel.name for panel in self._store.panels()}
            now, stuck_after_s = datetime.now(UTC), stuck_after_hours * 3600.0
            return load_scorecard(self._store, now, names, stuck_after_s, panel_id)

        ticket = Ticket(Job.LOAD_SCORECARD, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    def list_refill_windows(self, within_days: int) -> Ticket:
        """Finished orders whose refill guarantee closes within `within_days`, soonest
        first. Answers `refill_windows_listed(Ticket, list[RefillWindow])`."""

        def job() -> list[RefillWindow]:
            return self._store.refill_windows(datetime.now(UTC), within_days)

        ticket = Ticket(Job.LIST_REFILL_WINDOWS, None, self._generation)
        return self._submit(self._reads, ticket, job)

    def mark_dropped(self, record_ids: Sequence[int], dropped: bool, within_days: int) -> Ticket:
        """Say that these orders' counts dropped (now), or that they did not after all;
        answers the refill windows as they are then (`refill_windows_listed`)."""
        ids = list(record_ids)

        def job() -> list[RefillWindow]:
            now = datetime.now(UTC)
            self._store.mark_dropped(ids, now if dropped else None)
            return self._store.refill_windows(now, within_days)

        return self._write(Job.MARK_DROPPED, None, job)

    def list_watched_prices(self, days: int = WATCH_DAYS) -> Ticket:
        """Services ordered in the last `days` days that a catalogue fetch since then
        re-priced or dropped, newest first.
        Answers `watched_prices_listed(Ticket, list[WatchedPrice])`."""

        def job() -> list[WatchedPrice]:
            since = datetime.now(UTC) - timedelta(days=days)
            return self._store.watched_prices(ordered_since=since)

        ticket = Ticket(Job.LIST_WATCHED_PRICES, None, self._generation)
        return self._submit(self._reads, ticket, job)

    def export_report(self, lines: Sequence[ReportLine], path: Path) -> Ticket:
        """The report's lines to a CSV file. Answers `report_exported(Ticket, Exported)`."""
        wanted = list(lines)

        def job() -> Exported:
            return Exported(path, write_report_csv(path, wanted))

        return self._submit(self._reads, Ticket(Job.EXPORT_REPORT, None, self._generation), job)

    def export_chart(self, image: QImage, path: Path) -> Ticket:
        """The chart, as grabbed on the GUI thread, encoded as PNG and written here (a
        QImage may be used on any thread). Answers `report_exported(Ticket, Exported)`."""

        def job() -> Exported:
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            QImageWriter(buffer, QByteArray(b"png")).write(image)
            buffer.close()
            write_file(path, bytes(data.data()))
            return Exported(path, 1)

        return self._submit(self._reads, Ticket(Job.EXPORT_CHART, None, self._generation), job)
