"""What checking a mass-order line needs, and what one line's check finds on its own.

`CheckContext` holds what `BatchChecker.load` read once: the panels (a `panel` cell names
one by name or ID), the services of each panel involved, the active link keys, and the
rules by shape (`mass_rules.OrderShapes`). `line_facts` resolves a line's panel and service
and applies the form's rules to its fields; the batch-wide pass (duplicates, totals) is
`mass_check`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from smmdesk.api import Service
from smmdesk.api.draft import OrderDraft
from smmdesk.api.mass_lines import MassLine
from smmdesk.api.said import Said
from smmdesk.store import ActiveOnLink, Panel

from .mass_rules import OrderShapes
from .mass_words import (
    NEVER_FETCHED,
    NO_BATCH_PANEL,
    NO_PANELS,
    NO_SERVICE_ID,
    NO_SUCH_SERVICE,
    NOT_LOADED,
    PANEL_GONE,
    UNKNOWN_PANEL,
    WORDS,
)


class LineVerdict(StrEnum):
    READY = "ready"  # will be sent
    HELD = "held"  # a duplicate link (in the batch or active): sent only once released
    INVALID = "invalid"  # cannot be sent as it is
    SKIPPED = "skipped"  # the user left it out


class LineFacts(NamedTuple):
    """What one line's check found that does not depend on the other lines (a tuple:
    one is made for every line of a batch)."""

    panel: Panel | None
    service: Service | None
    draft: OrderDraft | None  # None: invalid
    link_key: str | None
    problems: tuple[str, ...]
    loaded: bool = True  # False: the line's service was not loaded (not worth remembering)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A panel's services as far as they were loaded: all of them, or (`looked_up`) the
    ones a batch named."""

    services: Mapping[str, Service] | None  # None: never fetched
    looked_up: frozenset[str] | None = None  # None: the whole catalogue

    def has_looked_up(self, service_id: str | None) -> bool:
        return self.looked_up is None or not service_id or service_id in self.looked_up

    def with_more(self, found: Mapping[str, Service] | None, service_ids: set[str]) -> Catalogue:
        """This catalogue and the services looked up since (`found` among `service_ids`)."""
        looked_up = None if self.looked_up is None else self.looked_up | service_ids
        if self.services is None or found is None:
            return Catalogue(found if self.services is None else self.services, looked_up)
        return Catalogue({**self.services, **found}, looked_up)


@dataclass
class CheckContext:
    default_panel_id: int
    panels: Sequence[Panel]
    catalogues: dict[int, Catalogue]
    active: Mapping[str, ActiveOnLink]
    shapes: OrderShapes = field(default_factory=OrderShapes)
    by_name: dict[str, Panel] = field(default_factory=dict)
    by_id: dict[int, Panel] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {panel.id: panel for panel in self.panels}
        self.by_name = {}
        for panel in self.panels:
            self.by_name.setdefault(panel.name.strip().casefold(), panel)

    def panel(self, named: str | None) -> Panel | None:
        """The panel a `panel` cell names (its name, any case, else its ID), or the batch's."""
        if named is None:
            return self.by_id.get(self.default_panel_id)
        key = named.strip()
        found = self.by_name.get(key.casefold())
        if found is None and key.isascii() and key.isdigit():
            found = self.by_id.get(int(key))
        return found

    def panel_name(self, panel_id: int) -> str:
        panel = self.by_id.get(panel_id)
        return panel.name if panel else Said(WORDS, PANEL_GONE, id=str(panel_id))


def services_named(context: CheckContext, lines: Sequence[MassLine]) -> dict[int, set[str]]:
    """The service IDs the lines name, by the panel each line goes to (the batch's panel
    always among them)."""
    named: dict[int, set[str]] = {context.default_panel_id: set()}
    for panel_named, service_id in targets(lines):
        panel = context.panel(panel_named)
        if panel is not None:
            ids = named.setdefault(panel.id, set())
            if service_id:
                ids.add(service_id)
    return named


def targets(lines: Sequence[MassLine]) -> set[tuple[str | None, str | None]]:
    """The (panel cell, service ID) pairs the lines name: a batch has a handful."""
    return {(line.panel, line.service_id) for line in lines}


def same_currency(facts: LineFacts, currencies: Mapping[int, str]) -> bool:
    if facts.draft is None or facts.panel is None:
        return True
    return facts.draft.currency == currencies.get(facts.panel.id)


# -- one line ------------------------------------------------------------------------------


class Target(NamedTuple):
    """The panel and service a line names, or (`facts`) why they cannot be used."""

    panel: Panel | None
    service: Service | None
    facts: LineFacts | None


def line_facts(
    line: MassLine,
    context: CheckContext,
    currencies: Mapping[int, str],
    targets: dict[tuple[str | None, str | None], Target],
) -> LineFacts:
    """What checking `line` finds on its own; `targets` remembers, for the one check of
    a batch, the panel and service each (panel cell, service ID) pair names."""
    if line.problem is not None:
        return LineFacts(None, None, None, None, (line.problem,))
    pair = (line.panel, line.service_id)
    target = targets.get(pair)
    if target is None:
        target = targets[pair] = _target(line, context)
    panel, service = target.panel, target.service
    if panel is None or service is None:
        assert target.facts is not None
        return target.facts
    problems, draft, key = context.shapes.check(service, line.fields, currencies.get(panel.id))
    if draft is None:
        return LineFacts(panel, service, None, None, problems)
    return _new(LineFacts, (panel, service, draft, key, (), True))  # once a line: in place


_new = tuple.__new__


def _target(line: MassLine, context: CheckContext) -> Target:
    panel = context.panel(line.panel)
    if panel is None:
        problem = _unknown_panel(line.panel, context)
        return Target(None, None, LineFacts(None, None, None, None, (problem,)))
    catalogue = context.catalogues.get(panel.id)
    if catalogue is None or not catalogue.has_looked_up(line.service_id):
        problem = Said(WORDS, NOT_LOADED, panel=panel.name)
        return Target(panel, None, LineFacts(panel, None, None, None, (problem,), loaded=False))
    service, problem = _service(line, panel, catalogue)
    if service is None:
        return Target(panel, None, LineFacts(panel, None, None, None, (problem,)))
    return Target(panel, service, None)


def _unknown_panel(named: str | None, context: CheckContext) -> str:
    if named is None:
        return Said(WORDS, NO_BATCH_PANEL)
    names = ", ".join(panel.name for panel in context.panels[:10])
    if not names:
        return Said(WORDS, NO_PANELS, name=named[:80])
    return Said(WORDS, UNKNOWN_PANEL, name=named[:80], names=names)


def _service(line: MassLine, panel: Panel, catalogue: Catalogue) -> tuple[Service | None, str]:
    if not line.service_id:
        return None, NO_SERVICE_ID
    if catalogue.services is None:
        return None, Said(WORDS, NEVER_FETCHED, panel=panel.name)
    service = catalogue.services.get(line.service_id)
    if service is None:
        return None, Said(WORDS, NO_SUCH_SERVICE, panel=panel.name, service=line.service_id[:40])
    return service, ""
