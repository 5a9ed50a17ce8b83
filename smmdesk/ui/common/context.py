"""`AppContext`: what every pane shares — the facade, settings, the panels, the active
panel and what is known about it (its catalogue and balance).

It is the only listener of the facade's catalogue, balance and panel signals, so panes
read one consistent state and react to its signals instead of each re-fetching. It also
applies the network settings to the facade the moment they change.

Signals:
    panel_changed(panel_id)       the active panel is another one (0 = none)
    catalogue_changed(panel_id)   `services`, `diff` and `fetched_at` were replaced
    balance_changed(panel_id)     `balance` was updated
    panels_edited()               `panels` was replaced (added, edited or removed)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from smmdesk.api import Balance, Service
from smmdesk.search import SearchTexts
from smmdesk.services.panels import PanelsChanged
from smmdesk.settings import ACTIVE_PANEL, NETWORK_OPTIONS, Option, Settings
from smmdesk.store import CatalogueDiff, OrderRecord, Panel
from smmdesk.workers import (
    CancelsRequested,
    CatalogueLoaded,
    Desk,
    LocalReads,
    NetworkSettings,
    Ticket,
)

CATALOGUE_MAX_AGE = timedelta(hours=6)


class AppContext(QObject):
    panel_changed = Signal(int)
    catalogue_changed = Signal(int)
    balance_changed = Signal(int)
    panels_edited = Signal()

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        panels: list[Panel] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.settings = settings
        self.reads: LocalReads = desk.reads
        self.panels: list[Panel] = list(panels or [])
        self.panel_id = 0
        self.services: list[Service] = []
        self.search_texts: SearchTexts | None = None  # per service, what a search looks in
        self.diff: CatalogueDiff | None = None
        self.fetched_at: datetime | None = None
        self.balance: Balance | None = None
        desk.services_loaded.connect(self.on_desk_services_loaded)
        desk.balance_loaded.connect(self.on_desk_balance_loaded)
        desk.order_placed.connect(self.on_desk_order_placed)
        desk.cancels_requested.connect(self.on_desk_cancels_requested)
        desk.panels_changed.connect(self.on_desk_panels_changed)
        settings.changed.connect(self.on_settings_changed)

    def panel(self, panel_id: int) -> Panel | None:
        return next((panel for panel in self.panels if panel.id == panel_id), None)

    @property
    def demo_panel_id(self) -> int:
        return next((panel.id for panel in self.panels if panel.is_demo), 0)

    def set_panels(self, panels: list[Panel]) -> None:
        self.panels = list(panels)
        self.panels_edited.emit()

    def set_active_panel(self, panel_id: int) -> None:
        """Switch panel: clear what belonged to the old one, then load the new one's cache
        (instant) and its balance; the catalogue is fetched when the cache is stale."""
        if panel_id == self.panel_id:
            return
        self.panel_id = panel_id
        self.settings.set(ACTIVE_PANEL, panel_id)
        self._replace_catalogue([], None, None)
        self.balance = None
        self.panel_changed.emit(panel_id)
        self.catalogue_changed.emit(panel_id)
        self.balance_changed.emit(panel_id)
        if panel_id:
            self.desk.load_cached_services(panel_id)
            self.desk.fetch_balance(panel_id)

    def refresh_catalogue(self) -> None:
        if self.panel_id:
            self.desk.refresh_services(self.panel_id)

    def refresh_balance(self) -> None:
        if self.panel_id:
            self.desk.fetch_balance(self.panel_id)

    @Slot(object, object)
    def on_desk_services_loaded(self, ticket: Ticket, loaded: CatalogueLoaded) -> None:
        if ticket.panel_id != self.panel_id:
            return
        snapshot = loaded.snapshot
        if snapshot is not None:
            self._replace_catalogue(
                snapshot.services, loaded.diff, snapshot.fetched_at, loaded.search_texts
            )
            self.catalogue_changed.emit(self.panel_id)
        if not loaded.from_network and _is_stale(snapshot.fetched_at if snapshot else None):
            self.desk.refresh_services(self.panel_id)

    @Slot(object, object)
    def on_desk_balance_loaded(self, ticket: Ticket, balance: Balance) -> None:
        if ticket.panel_id == self.panel_id:
            self.balance = balance
            self.balance_changed.emit(self.panel_id)

    @Slot(object, object)
    def on_desk_order_placed(self, ticket: Ticket, _record: OrderRecord) -> None:
        if ticket.panel_id == self.panel_id:
            self.refresh_balance()

    @Slot(object, object)
    def on_desk_cancels_requested(self, ticket: Ticket, _cancels: CancelsRequested) -> None:
        if ticket.panel_id == self.panel_id:
            self.refresh_balance()

    @Slot(object, object)
    def on_desk_panels_changed(self, ticket: Ticket, changed: PanelsChanged) -> None:
        """Follow an edit: a removed active panel gives way to the demo panel; an active
        panel now reached another way (URL, proxy, key) has its balance fetched again."""
        self.set_panels(changed.panels)
        if self.panel(self.panel_id) is None:
            self.set_active_panel(self.demo_panel_id)
        elif changed.reconnected and ticket.panel_id == self.panel_id:
            self.refresh_balance()

    @Slot(object)
    def on_settings_changed(self, option: Option[Any]) -> None:
        if option in NETWORK_OPTIONS:
            self.desk.set_network(NetworkSettings.from_settings(self.settings))

    def _replace_catalogue(
        self,
        services: list[Service],
        diff: CatalogueDiff | None,
        fetched_at: datetime | None,
        search_texts: SearchTexts | None = None,
    ) -> None:
        self.services = services
        self.diff = diff
        self.fetched_at = fetched_at
        self.search_texts = search_texts


def _is_stale(fetched_at: datetime | None) -> bool:
    return fetched_at is None or datetime.now(UTC) - fetched_at > CATALOGUE_MAX_AGE
