"""`Desk`'s jobs that look across panels: the price board's index of every cached
catalogue. Building it reads up to hundreds of thousands of services from SQLite and
sorts them, so it runs on the read pool; the answer is ready to search."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from smmdesk.services.price_board import PanelCatalogue, PriceIndex

from .desk_base import DeskBase
from .jobs import Job, Ticket


class InsightJobs(DeskBase):
    def load_price_board(
        self, currency: str, rates: Mapping[str, Decimal], currencies: Mapping[int, str]
    ) -> Ticket:
        """Index every panel's cached catalogue; `currencies` gives each panel's currency
        (from its balance) where known. Answers `price_board_loaded(Ticket, PriceIndex)`."""
        rates, currencies = dict(rates), dict(currencies)

        def job() -> PriceIndex:
            catalogues = []
            for panel in self._store.panels():
                snapshot = self._store.cached_services(panel.id)
                if snapshot is not None:
                    own = currencies.get(panel.id, "")
                    catalogues.append(PanelCatalogue(panel.id, panel.name, own, snapshot.services))
            return PriceIndex(catalogues, currency, rates)

        ticket = Ticket(Job.LOAD_PRICE_BOARD, None, self._generation)
        return self._submit(self._reads, ticket, job)
