"""`PriceWatchTab`: services ordered in the last 90 days that a catalogue refresh
re-priced (old → new) or no longer lists, newest first. It reloads after every catalogue
fetch; the notice of a change is the notification centre's (`NoticeKind.PRICE_CHANGED`).

Signals:
    service_requested(panel_id, service_id)   a row was double-clicked
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from smmdesk.store import WatchedPrice
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.insight.rows_model import ROW_ROLE, SortProxy
from smmdesk.ui.insight.tables import fit_columns, insight_table
from smmdesk.ui.insight.watch_model import WatchColumn, WatchModel
from smmdesk.workers import CatalogueLoaded, Ticket
from smmdesk.workers.insight_jobs import WATCH_DAYS

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def nothing_moved() -> str:
    return translate(
        "PriceWatch",
        "No service you ordered in the last {days} days changed its price or left a "
        "panel's catalogue. Changes are seen when a catalogue is refreshed (Services tab).",
    ).format(days=format_count(WATCH_DAYS))


def moved(changed: int, gone: int) -> str:
    """`3 price changes and 1 service no longer listed among the services…`."""
    what = counted(
        changed,
        translate("PriceWatch", "1 price change"),
        translate("PriceWatch", "{count} price changes"),
    )
    if gone:
        what = translate("PriceWatch", "{changes} and {gone}").format(
            changes=what,
            gone=counted(
                gone,
                translate("PriceWatch", "1 service no longer listed"),
                translate("PriceWatch", "{count} services no longer listed"),
            ),
        )
    return translate(
        "PriceWatch",
        "{what} among the services you ordered in the last {days} days, newest first. "
        "Rates are per 1000 (per package for packages), in each panel's currency.",
    ).format(what=what, days=format_count(WATCH_DAYS))


class PriceWatchTab(QWidget):
    service_requested = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceWatchTab")
        self._context = context
        self._asked: int | None = None
        self._stale = True
        self.model = WatchModel(self)
        self.proxy = SortProxy(self.model, self)
        self.summary = plain_label(self, "priceWatchSummary", wrap=True)
        self.table = insight_table(self, "priceWatchTable", self.proxy, WatchColumn.SERVICE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        desk = context.desk
        desk.watched_prices_listed.connect(self.on_desk_watched_prices_listed)
        desk.services_loaded.connect(self.on_desk_services_loaded)
        desk.task_failed.connect(self.on_desk_task_failed)
        context.panels_edited.connect(self.on_data_changed)
        self.table.doubleClicked.connect(self.on_table_doubleClicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self.reload)

    @Slot()
    def reload(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self._asked = self._context.desk.list_watched_prices().serial

    @Slot()
    def on_data_changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self.reload)

    @Slot(object, object)
    def on_desk_services_loaded(self, _ticket: Ticket, loaded: CatalogueLoaded) -> None:
        if loaded.from_network:
            self.on_data_changed()

    @Slot(object, object)
    def on_desk_watched_prices_listed(self, ticket: Ticket, prices: list[WatchedPrice]) -> None:
        if ticket.serial != self._asked:
            return
        self._asked = None
        self.model.panel_names = {panel.id: panel.name for panel in self._context.panels}
        self.model.set_rows(prices)
        fit_columns(self.table, {WatchColumn.PANEL: 10, WatchColumn.SERVICE_ID: 8})
        if not prices:
            self.summary.setText(nothing_moved())
            return
        gone = sum(1 for price in prices if price.new_rate is None)
        self.summary.setText(moved(len(prices) - gone, gone))

    @Slot(QModelIndex)
    def on_table_doubleClicked(self, index: QModelIndex) -> None:
        price = index.data(ROW_ROLE)
        if isinstance(price, WatchedPrice):
            self.service_requested.emit(price.panel_id, price.service_id)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self._asked:
            self._asked = None
            self.summary.setText(describe(error).one_line)
