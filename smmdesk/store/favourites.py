"""Favourite services per panel, and the services of the user's latest orders (recents).

A favourite is keyed by panel and service ID, not by a row of the cached catalogue: a
catalogue refresh replaces those rows, and a favourite must outlive it. A service the
panel stops listing stays starred, so the user sees that it went instead of losing it
without a word; its name and category are kept as they were when it was starred, to name
it once the catalogue no longer can.

Recents are read from the orders themselves (the newest order of each service), so they
need no bookkeeping of their own and include every order however it was sent.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from smmdesk.api import Service

from .codec import dt_from_db, dt_to_db, utcnow
from .db import Database

RECENT_LIMIT = 10  # services; a picker's "recently used" group, not a history


@dataclass(frozen=True, slots=True)
class Favourite:
    """A starred service: `name` and `category` as the panel listed them when starred."""

    panel_id: int
    service_id: str
    name: str
    category: str
    starred_at: datetime


@dataclass(frozen=True, slots=True)
class RecentService:
    service_id: str
    last_ordered: datetime


@dataclass(frozen=True, slots=True)
class PanelFavourites:
    """One panel's favourites (oldest star first) and recently ordered services (newest
    first, favourites included: the reader decides how to group them)."""

    panel_id: int
    favourites: tuple[Favourite, ...] = ()
    recents: tuple[RecentService, ...] = ()

    @property
    def starred(self) -> frozenset[str]:
        return frozenset(favourite.service_id for favourite in self.favourites)


_FAVOURITES = (
    "SELECT panel_id, service_id, name, category, starred_at FROM favourites"
    " WHERE panel_id = ? ORDER BY starred_at, service_id"
)
# One step per distinct service of the panel, each two seeks in the covering index
# orders_by_service (panel_id, service_id, created_at): the next service ID, then its
# newest order. At 100,000 orders of one panel over 50 services this takes 0.4 ms (over
# 3,000 services, 29 ms); a GROUP BY walks every order and took 95 ms either way.
_RECENTS = """WITH RECURSIVE seen(sid) AS (
    SELECT min(service_id) FROM orders WHERE panel_id = ?1 AND service_id > ''
    UNION ALL
    SELECT (SELECT min(service_id) FROM orders WHERE panel_id = ?1 AND service_id > sid)
    FROM seen WHERE sid IS NOT NULL)
SELECT sid, (SELECT max(created_at) FROM orders WHERE panel_id = ?1 AND service_id = sid)
    AS last
FROM seen WHERE sid IS NOT NULL ORDER BY last DESC, sid LIMIT ?2"""


class FavouritesRepository:
    _db: Database

    def star_service(
        self, panel_id: int, service: Service, at: datetime | None = None
    ) -> Favourite:
        """Star `service` on the panel. Starring it again keeps the first star's time and
        takes the service's present name and category."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO favourites (panel_id, service_id, name, category, starred_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (panel_id, service_id) DO UPDATE"
                " SET name = excluded.name, category = excluded.category",
                (panel_id, service.id, service.name, service.category, dt_to_db(at or utcnow())),
            )
            row = conn.execute(
                "SELECT panel_id, service_id, name, category, starred_at FROM favourites"
                " WHERE panel_id = ? AND service_id = ?",
                (panel_id, service.id),
            ).fetchone()
        return _favourite(row)

    def unstar_service(self, panel_id: int, service_id: str) -> bool:
        """False when the service was not starred."""
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM favourites WHERE panel_id = ? AND service_id = ?",
                (panel_id, service_id),
            )
            return cursor.rowcount > 0

    def favourites(self, panel_id: int) -> list[Favourite]:
        return [_favourite(row) for row in self._db.query(_FAVOURITES, (panel_id,))]

    def recent_services(self, panel_id: int, limit: int = RECENT_LIMIT) -> list[RecentService]:
        """The services of the panel's latest orders, each once, newest order first."""
        rows = self._db.query(_RECENTS, (panel_id, limit))
        return [RecentService(row[0], dt_from_db(row[1])) for row in rows]

    def panel_favourites(self, panel_id: int, recent_limit: int = RECENT_LIMIT) -> PanelFavourites:
        return PanelFavourites(
            panel_id,
            tuple(self.favourites(panel_id)),
            tuple(self.recent_services(panel_id, recent_limit)),
        )


def _favourite(row: sqlite3.Row) -> Favourite:
    return Favourite(row[0], row[1], row[2], row[3], dt_from_db(row[4]))
