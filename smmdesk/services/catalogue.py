"""Fetching a panel's catalogue into the cache, with what changed since the last fetch."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from smmdesk.api import Service, ServiceList
from smmdesk.search import SearchTexts, fold
from smmdesk.store import CatalogueDiff, ServicesSnapshot, Store
from smmdesk.store.codec import utcnow

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")


def search_texts(services: Sequence[Service]) -> SearchTexts:
    """Per service, the folded text a catalogue search looks in (ID, category, name).

    Built where the catalogue is read, on a worker: folding 20,000 names costs 40-90 ms,
    which on the GUI thread was the worst stall of a catalogue load."""
    return SearchTexts([fold(f"{s.id}\n{s.category}\n{s.name}") for s in services])


class CatalogueService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def refresh(self, client: PanelClient, panel_id: int) -> tuple[ServicesSnapshot, CatalogueDiff]:
        """Fetch `services`, cache them and record the diff. `ApiError` propagates: a
        failed fetch leaves the previous cache untouched.

        An entry the panel sent but SMMDesk could not read (`ServiceList.skipped`) is not
        a removed service: its cached row, when there is one, stays as it was, in the
        entry's place, and the snapshot lists the skipped entries for the user.
        """
        fetched = client.services()
        services = self._with_cached_skipped(panel_id, fetched)
        fetched_at = utcnow()
        diff = self._store.save_services(panel_id, services, fetched_at)
        log.info(
            "panel %d: %d services (+%d -%d, %d re-priced, %d skipped)",
            panel_id, len(services), len(diff.added), len(diff.removed), len(diff.repriced),
            len(fetched.skipped),
        )  # fmt: skip
        return ServicesSnapshot(services, fetched_at, fetched.skipped), diff

    def _with_cached_skipped(self, panel_id: int, fetched: ServiceList) -> list[Service]:
        """The fetched services, with the cached version of each skipped entry that has a
        readable ID put back at the entry's position in the panel's answer."""
        services = list(fetched)
        read = {service.id for service in services}
        for item in sorted(fetched.skipped, key=lambda skipped: skipped.index):
            if item.item_id is None or item.item_id in read:
                continue
            cached = self._store.cached_service(panel_id, item.item_id)
            if cached is not None:
                services.insert(min(item.index, len(services)), cached)
                read.add(cached.id)
        return services
