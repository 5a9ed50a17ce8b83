"""`AppContext`: what every pane shares — the facade, the store, settings, the active
panel and what is known about it (its catalogue and balance).

It is the only listener of the facade's catalogue and balance signals, so panes read one
consistent state and react to its signals instead of each re-fetching.

Signals:
    panel_changed(panel_id)       the active panel is another one (0 = none)
    catalogue_changed(panel_id)   `services`, `diff` and `fetched_at` were replaced
    balance_changed(panel_id)     `balance` was updated
    panels_edited()               panels were added, edited or removed
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from smmdesk.api import Balance, Service
from smmdesk.settings import ACTIVE_PANEL, Settings
from smmdesk.store import CatalogueDiff, Panel, ServicesSnapshot, Store
from smmdesk.workers import Desk

CATALOGUE_MAX_AGE = timedelta(hours=6)


class AppContext(QObject):
    panel_changed = Signal(int)
    catalogue_changed = Signal(int)
    balance_changed = Signal(int)
    panels_edited = Signal()

    def __init__(
        self, desk: Desk, store: Store, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.store = store
        self.settings = settings
        self.panel_id = 0
        self.services: list[Service] = []
        self.services_by_id: dict[str, Service] = {}
        self.diff: CatalogueDiff | None = None
        self.fetched_at: datetime | None = None
        self.balance: Balance | None = None
        desk.services_loaded.connect(self.on_desk_services_loaded)
        desk.balance_loaded.connect(self.on_desk_balance_loaded)
        desk.order_placed.connect(self.on_desk_order_placed)
        desk.cancels_requested.connect(self.on_desk_order_placed)

    @property
    def panel(self) -> Panel | None:
        return self.store.panel(self.panel_id) if self.panel_id else None

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

    def notify_panels_edited(self, edited_panel_id: int | None = None) -> None:
        if edited_panel_id is not None:
            self.desk.forget_panel(edited_panel_id)
        self.panels_edited.emit()
        if edited_panel_id == self.panel_id and self.panel_id:
            self.refresh_balance()

    @Slot(int, object, object, bool)
    def on_desk_services_loaded(
        self,
        panel_id: int,
        snapshot: ServicesSnapshot | None,
        diff: CatalogueDiff | None,
        from_network: bool,
    ) -> None:
        if panel_id != self.panel_id:
            return
        if snapshot is not None:
            self._replace_catalogue(snapshot.services, diff, snapshot.fetched_at)
            self.catalogue_changed.emit(panel_id)
        if not from_network and _is_stale(snapshot):
            self.desk.refresh_services(panel_id)

    @Slot(int, object)
    def on_desk_balance_loaded(self, panel_id: int, balance: Balance) -> None:
        if panel_id == self.panel_id:
            self.balance = balance
            self.balance_changed.emit(panel_id)

    @Slot(int, object)
    def on_desk_order_placed(self, panel_id: int, _outcome: Any) -> None:
        if panel_id == self.panel_id:
            self.desk.fetch_balance(panel_id)

    def _replace_catalogue(
        self, services: list[Service], diff: CatalogueDiff | None, fetched_at: datetime | None
    ) -> None:
        self.services = services
        self.services_by_id = {s.id: s for s in services}
        self.diff = diff
        self.fetched_at = fetched_at


def _is_stale(snapshot: ServicesSnapshot | None) -> bool:
    return snapshot is None or datetime.now(UTC) - snapshot.fetched_at > CATALOGUE_MAX_AGE
