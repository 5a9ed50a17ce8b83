"""The price board: one search across every panel's cached catalogue, cheapest first.

Rates are compared in one currency. A panel whose catalogue is priced in another
currency is converted with the rates the user typed in Settings (never looked up on the
network); without a rate for its currency it is listed but not compared. Rates per 1000
and rates per package are different things: each is compared only with its own kind.

The index is built once, off the GUI thread, whenever catalogues or rates change, already
in price order (refill terms are read only for the rows shown), with an index of the
words in the services' names, categories and IDs and the panels' names (`WordIndex`). A
search then only filters it (every word, any order, no accents), from that index rather
than by reading every service: a keystroke over 5 panels of 20,000 services is a few
operations on bit sets, never a scan or a sort.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from smmdesk.api import Service
from smmdesk.api.forms import is_package
from smmdesk.search import WordIndex, fold, query_words
from smmdesk.services.scorecard import Scorecard, Spread


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
    currency has no conversion rate, so it is shown but not compared), and how long the
    user's own orders of it took from placed to completed (None: never completed one)."""

    panel_id: int
    panel_name: str
    service: Service
    currency: str
    rate: Decimal | None
    per_package: bool
    completion: Spread | None = None


def parse_rates(text: str) -> dict[str, Decimal]:
    """Conversion rates as typed in Settings, one `CODE=value` a line or separated by `;`
    or `,` ("EUR=1.08; INR=0.012": one unit of the currency in the board's currency); a
    decimal comma reads as a point ("EUR=1,08"). What does not read so is left out."""
    rates: dict[str, Decimal] = {}
    for code, value in _RATE.findall(text):
        try:
            amount = Decimal(value.replace(",", "."))
        except InvalidOperation:
            continue
        if amount.is_finite() and amount > 0:
            rates[code.upper()] = amount
    return rates


# `EUR=1.08`, `eur = 1,08` (a decimal comma, as most of the app's languages write it).
_RATE = re.compile(r"\b([A-Za-z]{3})\s*=\s*(\d+(?:[.,]\d+)?)(?![\d.])")


def rates_text(text: str) -> str:
    """Rates as typed, kept as `parse_rates` reads them: one `CODE=value` a line, by
    code, the lines that do not read so left out."""
    rates = parse_rates(text)
    return "\n".join(f"{code}={value}" for code, value in sorted(rates.items()))


def currency_code(text: str) -> str | None:
    """A currency code as typed (`eur ` -> `EUR`); None if it is not three letters."""
    code = text.strip().upper()
    return code if len(code) == 3 and code.isalpha() else None


class PriceIndex:
    """Every panel's services in board order: per-1000 before per-package, compared rows
    cheapest first, then the rows that cannot be compared."""

    def __init__(
        self,
        catalogues: Sequence[PanelCatalogue],
        currency: str,
        rates: Mapping[str, Decimal],
        completions: Mapping[tuple[int, str], Spread] | None = None,
    ) -> None:
        """`completions`: by panel and service ID, the scorecard's placed -> completed."""
        self.currency = currency.upper()
        rows: list[PriceRow] = []
        for catalogue in catalogues:
            rows += _rows(catalogue, self.currency, rates, completions or {})
        self.rows = _in_board_order(rows)
        self._words = WordIndex.of_parts(len(rows), _search_parts(self.rows))
        # Where each panel's service stands (a cached catalogue holds an ID once: its
        # primary key). By panel, then ID: strings and ints only, which the garbage
        # collector does not track; 100,000 (panel, ID) tuples made every keystroke's
        # collections longer (p95 11.9 -> 14.3 ms, bench/price_board.py by turns).
        self._at: dict[int, dict[str, int]] = defaultdict(dict)
        for at, row in enumerate(self.rows):
            self._at[row.panel_id][row.service.id] = at
        self._completed = {key for key in completions or {} if self._position(key) is not None}

    def set_completions(self, completions: Mapping[tuple[int, str], Spread]) -> list[int]:
        """Each row's completion time as the scorecard gives it now, without building
        the index again (seconds of a worker, and the table reset under the user);
        returns the positions of the rows that changed. A few hundred look-ups."""
        changed = []
        for key in completions.keys() | self._completed:
            spread, at = completions.get(key), self._position(key)
            if at is not None and self.rows[at].completion != spread:
                self.rows[at] = replace(self.rows[at], completion=spread)
                changed.append(at)
        self._completed = {key for key in completions if self._position(key) is not None}
        return changed

    def _position(self, key: tuple[int, str]) -> int | None:
        panel_id, service_id = key
        return self._at.get(panel_id, {}).get(service_id)

    def search(self, query: str) -> list[int]:
        """Positions in `rows` of the services matching every word of `query` (in its
        name, category or ID, or its panel's name). Call from one thread only."""
        return self._words.find(query_words(query))


def completions_of(card: Scorecard) -> dict[tuple[int, str], Spread]:
    """Placed -> completed of each service the user had an order of completed."""
    return {
        (score.panel_id, score.service_id): score.to_finish
        for score in card.services
        if score.service_id is not None and score.to_finish.median is not None
    }


def _rows(
    catalogue: PanelCatalogue,
    currency: str,
    rates: Mapping[str, Decimal],
    completions: Mapping[tuple[int, str], Spread],
) -> list[PriceRow]:
    own = catalogue.currency.upper()
    factor = Decimal(1) if own == currency else rates.get(own)
    packages: dict[str, bool] = {}  # by type: a catalogue has a handful of types
    rows = []
    for service in catalogue.services:
        package = packages.get(service.type)
        if package is None:
            package = packages[service.type] = is_package(service)
        rate = service.rate * factor if factor is not None and own else None
        completion = completions.get((catalogue.panel_id, service.id))
        rows.append(
            PriceRow(
                catalogue.panel_id, catalogue.panel_name, service, own, rate, package, completion
            )
        )
    return rows


def _in_board_order(rows: list[PriceRow]) -> list[PriceRow]:
    """Per-1000 rates, then per-package ones; in each, compared rows cheapest first and
    then those that cannot be compared, in their panels' order."""
    ordered: list[PriceRow] = []
    for per_package in (False, True):
        kind = [row for row in rows if row.per_package == per_package]
        ordered += sorted((row for row in kind if row.rate is not None), key=_rate)
        ordered += [row for row in kind if row.rate is None]
    return ordered


def _rate(row: PriceRow) -> Decimal:
    assert row.rate is not None
    return row.rate


def _search_parts(rows: Sequence[PriceRow]) -> dict[str, list[int]]:
    """The texts a search looks in, each folded once however many rows share it (names
    and categories repeat across panels, a panel's name over all its rows)."""
    holders: defaultdict[str, list[int]] = defaultdict(list)
    for at, row in enumerate(rows):
        service = row.service
        holders[service.name].append(at)
        holders[service.category].append(at)
        holders[service.id].append(at)
        holders[row.panel_name].append(at)
    folded: defaultdict[str, list[int]] = defaultdict(list)
    for text, holding in holders.items():
        folded[fold(text)] += holding
    return folded
