"""`FavouritesBook`: the active panel's favourite services and recently ordered ones, as the
Services tab and the order form's picker show them.

One book per `AppContext` (`FavouritesBook.of(context)`), so a star given in one place
shows in the other at once. A star is shown before the store has it: the write waits its
turn on the write pool, which an order being sent can hold for its whole timeout. While
stars are unanswered, answers that would undo them are not applied; the last answer is the
truth, and a failed star is undone by reading the truth again.

Signals:
    changed()   favourites or recents were replaced (another panel, a star, an answer)
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal, Slot

from smmdesk.api import Service
from smmdesk.store import Favourite, OrderRecord, PanelFavourites
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import Ticket

BOOK_NAME = "favouritesBook"


class FavouritesBook(QObject):
    changed = Signal()

    @classmethod
    def of(cls, context: AppContext) -> FavouritesBook:
        """The context's book, made on first use."""
        for child in context.children():
            if isinstance(child, FavouritesBook):
                return child
        return cls(context)

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.setObjectName(BOOK_NAME)
        self._context = context
        self.state = PanelFavourites(0)
        self._unanswered: set[int] = set()  # serials of stars and unstars sent
        self._read_again = False  # a reload found a read running that may predate a change
        desk = context.desk
        desk.favourites_loaded.connect(self.on_desk_favourites_loaded)
        desk.task_failed.connect(self.on_desk_task_failed)
        desk.order_placed.connect(self.on_desk_order_placed)
        desk.batch_finished.connect(self.on_desk_batch_finished)
        context.panel_changed.connect(self.on_context_panel_changed)
        self.on_context_panel_changed(context.panel_id)

    # -- reading --------------------------------------------------------------------------

    @property
    def panel_id(self) -> int:
        return self.state.panel_id

    @property
    def favourites(self) -> tuple[Favourite, ...]:
        return self.state.favourites

    @property
    def starred(self) -> frozenset[str]:
        return self.state.starred

    @property
    def recent_ids(self) -> tuple[str, ...]:
        """Service IDs of the latest orders, newest first."""
        return tuple(recent.service_id for recent in self.state.recents)

    def is_starred(self, service_id: str) -> bool:
        return service_id in self.state.starred

    def gone(self, listed: Collection[str]) -> list[Favourite]:
        """Favourites whose service ID the panel no longer lists (`listed`: its IDs)."""
        return [f for f in self.state.favourites if f.service_id not in listed]

    # -- starring -------------------------------------------------------------------------

    def star(self, service: Service) -> None:
        panel_id = self.panel_id
        if not panel_id or self.is_starred(service.id):
            return
        now = datetime.now(UTC)
        added = Favourite(panel_id, service.id, service.name, service.category, now)
        self._show((*self.state.favourites, added))
        self._unanswered.add(self._context.desk.star_service(panel_id, service).serial)

    def unstar(self, service_id: str) -> None:
        panel_id = self.panel_id
        if not panel_id or not self.is_starred(service_id):
            return
        self._show(tuple(f for f in self.state.favourites if f.service_id != service_id))
        self._unanswered.add(self._context.desk.unstar_service(panel_id, service_id).serial)

    def toggle(self, service: Service) -> None:
        if self.is_starred(service.id):
            self.unstar(service.id)
        else:
            self.star(service)

    def _show(self, favourites: tuple[Favourite, ...]) -> None:
        self.state = PanelFavourites(self.state.panel_id, favourites, self.state.recents)
        self.changed.emit()

    # -- slots ----------------------------------------------------------------------------

    @Slot(int)
    def on_context_panel_changed(self, panel_id: int) -> None:
        self.state = PanelFavourites(panel_id)
        self._unanswered.clear()
        self.changed.emit()
        self._reload()

    @Slot(object, object)
    def on_desk_favourites_loaded(self, ticket: Ticket, loaded: PanelFavourites) -> None:
        self._unanswered.discard(ticket.serial)
        if self._read_again and ticket.panel_id == self.panel_id:
            self._read_again = False
            self._reload()
        if ticket.panel_id != self.panel_id or self._unanswered:
            return
        if loaded != self.state:
            self.state = loaded
            self.changed.emit()

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, _error: Exception) -> None:
        if ticket.serial in self._unanswered:
            self._unanswered.discard(ticket.serial)
            self._reload()

    @Slot(object, object)
    def on_desk_order_placed(self, _ticket: Ticket, record: OrderRecord) -> None:
        if record.panel_id == self.panel_id:
            self._reload()  # the recents

    @Slot(object, object)
    def on_desk_batch_finished(self, ticket: Ticket, _progress: object) -> None:
        if ticket.panel_id in (None, self.panel_id):
            self._reload()

    def _reload(self) -> None:
        """Read the panel's favourites; when the same read is already running (the desk
        coalesces reads), read once more after it, since it may have started before the
        change that asks for this one."""
        if self.panel_id and self._context.desk.load_favourites(self.panel_id) is None:
            self._read_again = True
