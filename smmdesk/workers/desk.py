"""`Desk`: the UI's one door to the network, the disk and the keyring.

Every call returns a `Ticket` at once; the work runs in a `QThreadPool` and the outcome
comes back as a signal on the GUI thread carrying that ticket and a typed result. Reads
share a bounded pool; writes — orders, refills, cancels, journal edits, panel and key
edits — go through a one-thread pool, so they run one at a time in the order asked.
The only thing the GUI thread reads itself is `reads` (see `LocalReads`).

The jobs live in one module per area (`order_jobs`, `export_jobs`, `panel_jobs`,
`notice_jobs`, `insight_jobs`, `favourite_jobs`, `batches` for mass orders); the signals
and the plumbing in `desk_base`. Long jobs report `progressed` and may be asked to stop with
`cancel(ticket)`.

Signals (the ticket says which job and which panel):
    history_opened(Ticket, HistoryOpened)
    services_loaded(Ticket, CatalogueLoaded)
    balance_loaded(Ticket, Balance)
    order_placed(Ticket, OrderRecord)          placed, rejected or unconfirmed
    orders_refreshed(Ticket, RefreshReport)
    refills_refreshed(Ticket, RefillRefreshReport)
    refills_requested(Ticket, RefillsRequested)
    cancels_requested(Ticket, CancelsRequested)
    orders_updated(Ticket, OrdersUpdated)      resolved, dismissed or newly tracked
    orders_planned(Ticket, BulkPlan)           a selection split into eligible and not
    order_ids_checked(Ticket, OrderIdsChecked) what the panel says of typed order IDs
    tracked_found(Ticket, frozenset[str])      which typed IDs the history already has
    orders_exported(Ticket, Exported)
    services_exported(Ticket, Exported)
    refills_exported(Ticket, Exported)
    orders_tabulated(Ticket, Tabulated)        a selection as text for the clipboard
    connection_tested(Ticket, Balance)
    panels_changed(Ticket, PanelsChanged)
    keys_to_delete_listed(Ticket, KeysToDelete)
    key_located(Ticket, KeyLocation)
    desktop_notified(Ticket, DesktopNotified)  a desktop notification shown, or why not
    desktop_notice_clicked(int)                 the user clicked that notification
    price_board_loaded(Ticket, PriceIndex)     every panel's cached services, in price order
    favourites_loaded(Ticket, PanelFavourites) a panel's favourites and recents, as now
    orders_annotated(Ticket, OrdersAnnotated)  notes, customers or sell prices edited
    markups_loaded(Ticket, Markups)            the markups, after a read or a change
    orders_totalled(Ticket, OrderTotals)       spend, sell and profit of a filter
    overview_loaded(Ticket, Overview)          every panel's figures for the Overview
    report_built(Ticket, Report)               spend and profit by period and group
    scorecard_loaded(Ticket, Scorecard)        what each service and panel delivered
    refill_windows_listed(Ticket, list)        orders whose refill guarantee closes soon
                                               (also after orders were said to drop)
    watched_prices_listed(Ticket, list)        re-priced or dropped services ordered lately
    report_exported(Ticket, Exported)          a report's table as CSV or its chart as PNG
    batch_checked(Ticket, BatchChecked)        mass-order lines read and (re-)checked
    batch_started(Ticket, BatchRecord)         a batch is stored (or resumed): sending starts
    batch_progressed(Ticket, BatchProgress)    lines of a running batch got their outcome
    batch_finished(Ticket, BatchProgress)      the batch ran to its end, or stopped
    batches_listed(Ticket, BatchesListed)      the stored (unfinished) batches
    batch_opened(Ticket, BatchOpened)          one stored batch with its lines' outcomes
    batch_line_resent(Ticket, OrderRecord)     a rejected line sent again
    progressed(Ticket, Progress)               how far a long job is (≤ ~10 a second)
    task_failed(Ticket, Exception)             the one door for errors to the UI
    busy_changed(int)                          number of jobs in flight
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from smmdesk.api import Balance
from smmdesk.runtime import building_long_lived_data
from smmdesk.services.catalogue import search_texts

from .annotation_jobs import AnnotationJobs
from .batches import BatchJobs
from .clients import NetworkSettings
from .export_jobs import ExportJobs
from .favourite_jobs import FavouriteJobs
from .insight_jobs import InsightJobs
from .jobs import Job, Ticket
from .notice_jobs import NoticeJobs
from .order_jobs import OrderJobs
from .overview_jobs import OverviewJobs
from .panel_jobs import NO_KEY_TO_TEST, PanelJobs
from .results import CatalogueLoaded, HistoryOpened
from .task import ProgressReporter

__all__ = ["NO_KEY_TO_TEST", "PRICE_WATCH_DAYS", "Desk"]
PRICE_WATCH_DAYS = 90


# BatchJobs first: it declares signals of its own, and PySide builds Desk's meta-object
# from its first base (from a later one, the signals would be added out of order).
class Desk(
    BatchJobs,
    OrderJobs,
    ExportJobs,
    PanelJobs,
    NoticeJobs,
    InsightJobs,
    FavouriteJobs,
    AnnotationJobs,
    OverviewJobs,
):
    # -- start-up -------------------------------------------------------------------------

    def open_history(self) -> Ticket:
        """Mark orders a killed app left `sending` as unconfirmed; make sure the demo row
        exists; move proxy passwords an older SMMDesk kept in the database to the keyring
        (a migration cannot reach it). Answers `history_opened`."""

        def job() -> HistoryOpened:
            recovered = self._journal.recover_interrupted()
            demo = self._profiles.ensure_demo()
            self._profiles.move_proxy_passwords()
            return HistoryOpened(recovered, demo.id, self._store.panels())

        return self._write(Job.OPEN_HISTORY, None, job)

    # -- reads ----------------------------------------------------------------------------

    def load_cached_services(self, panel_id: int) -> Ticket | None:
        def job() -> CatalogueLoaded:
            with building_long_lived_data():
                snapshot = self._store.cached_services(panel_id)
                texts = search_texts(snapshot.services if snapshot else [])
            return CatalogueLoaded(snapshot, self._store.latest_diff(panel_id), False, (), texts)

        return self._read(Job.CACHED_SERVICES, panel_id, job)

    def refresh_services(self, panel_id: int) -> Ticket | None:
        """Fetch the catalogue; the answer also names the services ordered in the last
        `PRICE_WATCH_DAYS` that this fetch re-priced or no longer lists."""

        def job() -> CatalogueLoaded:
            with building_long_lived_data(), self._clients.lease(panel_id) as client:
                snapshot, diff = self._catalogue.refresh(client, panel_id)
                texts = search_texts(snapshot.services)
            since = datetime.now(UTC) - timedelta(days=PRICE_WATCH_DAYS)
            watched = self._store.watched_prices(ordered_since=since, panel_id=panel_id)
            return CatalogueLoaded(snapshot, diff, True, tuple(watched), texts)

        return self._read(Job.REFRESH_SERVICES, panel_id, job)

    def fetch_balance(self, panel_id: int) -> Ticket | None:
        def job() -> Balance:
            with self._clients.lease(panel_id) as client:
                return client.balance()

        return self._read(Job.BALANCE, panel_id, job)

    def refresh_orders(self, panel_id: int) -> Ticket | None:
        """Ask the panel about its orders that may still change; reports `progressed` in
        orders answered. None when a refresh of the panel is already running."""

        def job(progress: ProgressReporter) -> Any:
            with self._clients.lease(panel_id) as client:
                return self._tracker.refresh_orders(client, panel_id, progress)

        return self._read_reporting_once(Job.REFRESH_ORDERS, panel_id, job)

    def refresh_refills(self, panel_id: int) -> Ticket | None:
        def job() -> Any:
            with self._clients.lease(panel_id) as client:
                return self._tracker.refresh_refills(client, panel_id)

        return self._read(Job.REFRESH_REFILLS, panel_id, job)

    # -- configuration --------------------------------------------------------------------

    def set_network(self, network: NetworkSettings) -> None:
        """New timeouts and in-flight limits for every request from now on; requests
        already running finish on the client they started with."""
        self._clients.set_network(network)

    def point_demo(self, panel_id: int, url: str) -> None:
        """The demo server of this run listens at `url` (its port changes every run)."""
        self._clients.set_url(panel_id, url)
