"""The price board: one search across every panel's cached catalogue, cheapest first.

Rates are compared in one currency. A panel whose catalogue is priced in another
currency is converted with the rates the user typed in Settings (never looked up on the
network); without a rate for its currency it is listed but not compared. Rates per 1000
and rates per package are different things: each is compared only with its own kind.

The index is built once, off the GUI thread, whenever catalogues or rates change, already
in price order (refill terms are read only for the rows shown). A search then only
filters it (every word, any order, no accents, and only among the previous matches while
the user types on): a keystroke over 5 panels of 20,000 services is a filter, never a sort.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from smmdesk.api import Service
from smmdesk.api.forms import is_package
from smmdesk.search import find_all, fold, narrows, query_words


@dataclass(frozen=True, slots=True)
class PanelCatalogue:
    """One panel's cached services and the currency its rates are in ("" when unknown)."""

    panel_id: int
    panel_name: str
    currency: str
    services: Sequence[Service]


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One service of one panel, with its rate in the board's currency (None: its
    currency has no conversion rate, so it is shown but not compared)."""

    panel_id: int
    panel_name: str
    service: Service
    currency: str
    rate: Decimal | None
    per_package: bool


def parse_rates(text: str) -> dict[str, Decimal]:
    """Conversion rates as typed in Settings, one `CODE=value` a line or separated by `;`
    or `,` ("EUR=1.08; INR=0.012": one unit of the currency in the board's currency).
    Lines that do not read as such are left out."""
    rates: dict[str, Decimal] = {}
    for part in text.replace(";", "\n").replace(",", "\n").splitlines():
        code, _, value = part.partition("=")
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            continue
        if code.strip() and amount.is_finite() and amount > 0:
            rates[code.strip().upper()] = amount
    return rates


class PriceIndex:
    """Every panel's services in board order: per-1000 before per-package, compared rows
    cheapest first, then the rows that cannot be compared."""

    def __init__(
        self, catalogues: Sequence[PanelCatalogue], currency: str, rates: Mapping[str, Decimal]
    ) -> None:
        self.currency = currency.upper()
        rows = [
            _row(catalogue, service, self.currency, rates)
            for catalogue in catalogues
            for service in catalogue.services
        ]
        rows.sort(key=_board_order)
        self.rows: list[PriceRow] = rows
        self._haystacks = [
            fold(f"{row.service.name}\n{row.service.category}\n{row.panel_name}\n{row.service.id}")
            for row in rows
        ]
        self._last_words: tuple[str, ...] = ()
        self._last_matches: list[int] = list(range(len(rows)))

    def search(self, query: str) -> list[int]:
        """Positions in `rows` of the services matching every word of `query`."""
        words = query_words(query)
        among = self._last_matches if narrows(self._last_words, words) else None
        matches = find_all(self._haystacks, words, among)
        self._last_words, self._last_matches = words, matches
        return matches


def _row(
    catalogue: PanelCatalogue, service: Service, currency: str, rates: Mapping[str, Decimal]
) -> PriceRow:
    own = catalogue.currency.upper()
    factor = Decimal(1) if own == currency else rates.get(own)
    rate = service.rate * factor if factor is not None and own else None
    return PriceRow(
        catalogue.panel_id,
        catalogue.panel_name,
        service,
        own,
        rate,
        is_package(service),
    )


def _board_order(row: PriceRow) -> tuple[bool, bool, Decimal]:
    return (row.per_package, row.rate is None, row.rate if row.rate is not None else Decimal(0))
