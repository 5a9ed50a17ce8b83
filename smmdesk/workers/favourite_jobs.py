"""`Desk`'s favourites jobs: star and unstar services, read a panel's favourites and the
services of its latest orders.

Every answer is the panel's whole `PanelFavourites` as it now is, on one signal, so
whoever shows favourites follows one kind of answer whether it came from a read or a
star. Reading runs on the read pool: the recents walk the orders index, 0.4 ms at
100,000 orders over 50 services but 29 ms over 3,000, too long for the GUI thread.
Starring is a write, so it waits its turn on the write pool (behind an order being
sent, say); the UI shows the star at once and takes the answer as the truth.
"""

from __future__ import annotations

from smmdesk.api import Service
from smmdesk.store import PanelFavourites

from .desk_base import DeskBase
from .jobs import Job, Ticket


class FavouriteJobs(DeskBase):
    def load_favourites(self, panel_id: int) -> Ticket | None:
        """Answers `favourites_loaded(Ticket, PanelFavourites)`; None when the same read
        is already running (its answer serves this request too)."""

        def job() -> PanelFavourites:
            return self._store.panel_favourites(panel_id)

        return self._read(Job.LOAD_FAVOURITES, panel_id, job)

    def star_service(self, panel_id: int, service: Service) -> Ticket:
        """Make `service` a favourite of the panel; answers `favourites_loaded`."""

        def job() -> PanelFavourites:
            self._store.star_service(panel_id, service)
            return self._store.panel_favourites(panel_id)

        return self._write(Job.STAR_SERVICE, panel_id, job)

    def unstar_service(self, panel_id: int, service_id: str) -> Ticket:
        """Take the service off the panel's favourites (listed or gone from the panel);
        answers `favourites_loaded`."""

        def job() -> PanelFavourites:
            self._store.unstar_service(panel_id, service_id)
            return self._store.panel_favourites(panel_id)

        return self._write(Job.UNSTAR_SERVICE, panel_id, job)
