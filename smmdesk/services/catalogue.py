"""Fetching a panel's catalogue into the cache, with what changed since the last fetch."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from smmdesk.store import CatalogueDiff, ServicesSnapshot, Store
from smmdesk.store.codec import utcnow

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")


class CatalogueService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def refresh(self, client: PanelClient, panel_id: int) -> tuple[ServicesSnapshot, CatalogueDiff]:
        """Fetch `services`, cache them and record the diff. `ApiError` propagates: a
        failed fetch leaves the previous cache untouched."""
        services = client.services()
        fetched_at = utcnow()
        diff = self._store.save_services(panel_id, services, fetched_at)
        log.info(
            "panel %d: %d services (+%d -%d, %d re-priced)",
            panel_id, len(services), len(diff.added), len(diff.removed), len(diff.repriced),
        )  # fmt: skip
        return ServicesSnapshot(services, fetched_at), diff
