"""Checking a mass order before anything is sent: a verdict for every line, totals per panel.

Each line is checked as the New order form checks one order, with the same functions
(`api.forms` through `mass_rules`): `validate_order` on the fields as written,
`add_arguments` for what is sent, `estimate_charge` of that (the charge the panel takes),
an `OrderDraft` of it, and the duplicate-link guard by `api.links.order_link_key`, within
the batch and against the history's active orders on any panel.

`BatchChecker.load` reads what checking needs once (panels, the catalogues of the panels
involved, the active link keys); `check` is pure Python. It remembers each line's checked
facts, so re-checking a 10,000-line batch after one edit redoes that one line and the
batch-wide pass (duplicates, totals), not the 10,000 validations (bench/mass_parse.py).
"""

from __future__ import annotations

import threading
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from smmdesk.api import Service
from smmdesk.api.draft import REQUEST_FIELDS, OrderDraft
from smmdesk.api.mass_lines import MassLine
from smmdesk.store import ActiveOnLink, OrderRecord, Panel, Store

from .mass_context import (
    Catalogue,
    CheckContext,
    LineFacts,
    Target,
    line_facts,
    same_currency,
    services_named,
    targets,
)
from .mass_context import LineVerdict as LineVerdict  # where the pane and workers read it
from .mass_summary import CheckFacts, facts_of
from .mass_words import active_words, same_line_words


class CheckedLine(NamedTuple):
    """A line and its verdict. `draft` (with the estimate and currency) is set for READY
    and HELD lines; `problems` say why a line is INVALID or HELD, and stay on a HELD line
    the user released (`released`, then READY). A tuple: a check makes one a line, and a
    frozen dataclass of ten fields took four times as long to make."""

    line: MassLine
    verdict: LineVerdict
    panel_id: int | None
    panel_name: str | None
    service: Service | None
    draft: OrderDraft | None
    charge: Decimal | None
    currency: str | None
    problems: tuple[str, ...]
    released: bool = False


@dataclass(frozen=True, slots=True)
class PanelTotal:
    """The READY lines of one panel (released HELD ones included) against its balance;
    `short_by` is what the balance lacks, None when it covers the charge or is unknown."""

    panel_id: int
    panel_name: str
    lines: int
    charge: Decimal
    currency: str | None
    balance: Decimal | None
    short_by: Decimal | None


@dataclass(frozen=True, slots=True)
class BatchCheck:
    """The checked lines, the totals per panel, and `facts` (counts, lines to send…)
    gathered from them where the check ran."""

    lines: tuple[CheckedLine, ...]
    totals: tuple[PanelTotal, ...]
    facts: CheckFacts

    @property
    def ready_count(self) -> int:
        return self.facts.counts[LineVerdict.READY.value]

    @property
    def held_count(self) -> int:
        return self.facts.counts[LineVerdict.HELD.value]

    @property
    def invalid_count(self) -> int:
        return self.facts.counts[LineVerdict.INVALID.value]

    @property
    def skipped_count(self) -> int:
        return self.facts.counts[LineVerdict.SKIPPED.value]

    def to_send(self) -> list[tuple[int, int, OrderDraft]]:
        """(line number, panel ID, draft) of each READY line: what `Store.create_batch` takes."""
        return [
            (checked.line.number, checked.panel_id, checked.draft)
            for checked in self.lines
            if checked.verdict is LineVerdict.READY
            and checked.panel_id is not None
            and checked.draft is not None
        ]


class BatchChecker:
    """Everything checking needs, loaded once off the GUI thread (catalogues of the panels
    involved, active link keys), then checks in pure Python fast enough to re-check a whole
    10,000-line batch after one edit. Safe to use from several threads. A checker from
    `load` reads what an edited line names that was not loaded (a new service ID, another
    panel) from the store when it checks it: check on a worker thread."""

    def __init__(
        self,
        default_panel_id: int,
        panels: Sequence[Panel],
        catalogues: Mapping[int, Mapping[str, Service] | None],
        active: Mapping[str, ActiveOnLink],
        looked_up: Mapping[int, frozenset[str]] | None = None,
        store: Store | None = None,
    ) -> None:
        """`catalogues` by panel ID: every service (None: never fetched), or with
        `looked_up` for a panel, only those among the IDs it names that the panel has;
        `store`, when given, looks up what edited lines name that was not loaded."""
        wrapped = {
            panel_id: Catalogue(found, (looked_up or {}).get(panel_id))
            for panel_id, found in catalogues.items()
        }
        self._context = CheckContext(default_panel_id, tuple(panels), wrapped, active)
        self._store = store
        self._facts: dict[int, tuple[MassLine, LineFacts]] = {}  # by id(line)
        self._facts_lock = threading.Lock()
        self._loading = threading.Lock()

    @classmethod
    def load(
        cls,
        store: Store,
        default_panel_id: int,
        lines: Sequence[MassLine],
        *,
        catalogues: Mapping[int, Sequence[Service]] | None = None,
    ) -> BatchChecker:
        """What checking `lines` needs: the services they name on each panel involved
        (a whole catalogue from `catalogues` where given, such as the one the window
        holds, else only those read from the cache: 20,000 services take 0.4 s to read,
        the dozen a batch names a millisecond), and every active link key."""
        panels = store.panels()
        wanted = services_named(CheckContext(default_panel_id, panels, {}, {}), lines)
        given = catalogues or {}
        found: dict[int, Mapping[str, Service] | None] = {}
        looked_up: dict[int, frozenset[str]] = {}
        for panel_id, service_ids in wanted.items():
            if panel_id in given:
                found[panel_id] = {service.id: service for service in given[panel_id]}
            else:
                found[panel_id] = store.batch_services(panel_id, service_ids)
                looked_up[panel_id] = frozenset(service_ids)
        active = store.active_link_keys()
        return cls(default_panel_id, panels, found, active, looked_up, store)

    def covers(self, lines: Sequence[MassLine]) -> bool:
        """Whether the panels and services the lines name were loaded (else load again)."""
        context = self._context
        for panel_named, service_id in targets(lines):
            panel = context.panel(panel_named)
            if panel is None:
                continue
            catalogue = context.catalogues.get(panel.id)
            if catalogue is None or not catalogue.has_looked_up(service_id):
                return False
        return True

    def check(
        self,
        lines: Sequence[MassLine],
        *,
        released: Container[int] = (),
        skipped: Container[int] = (),
        balances: Mapping[int, Decimal] | None = None,
        currencies: Mapping[int, str] | None = None,
    ) -> BatchCheck:
        """Verdicts for `lines` (`released` and `skipped` hold `MassLine.number`s) and the
        totals per panel against `balances`; `currencies` (by panel ID) fills each draft's
        currency, as the form does from the panel's balance."""
        if self._store is not None and not self.covers(lines):
            self._look_up(lines, self._store)
        facts = self._facts_of(lines, currencies or {})
        checked = _Verdicts(self._context, released, skipped).judge(lines, facts)
        totals = _totals(checked, self._context, balances or {}, currencies or {})
        return BatchCheck(tuple(checked), totals, facts_of(checked))

    def _look_up(self, lines: Sequence[MassLine], store: Store) -> None:
        """Read the services edited lines name that were not loaded yet (a few primary-key
        reads: this runs on the worker thread that checks)."""
        with self._loading:
            context = self._context
            for panel_id, service_ids in services_named(context, lines).items():
                catalogue = context.catalogues.get(panel_id)
                if catalogue is None:
                    found = store.batch_services(panel_id, service_ids)
                    context.catalogues[panel_id] = Catalogue(found, frozenset(service_ids))
                    continue
                missing = {sid for sid in service_ids if not catalogue.has_looked_up(sid)}
                if missing:
                    found = store.batch_services(panel_id, missing)
                    context.catalogues[panel_id] = catalogue.with_more(found, missing)

    def _facts_of(
        self, lines: Sequence[MassLine], currencies: Mapping[int, str]
    ) -> list[LineFacts]:
        """Each line's facts: remembered from the last check for a line that is still the
        same object (an unchanged line), else found now."""
        with self._facts_lock:
            known = self._facts
        kept: dict[int, tuple[MassLine, LineFacts]] = {}
        targets: dict[tuple[str | None, str | None], Target] = {}
        result = []
        for line in lines:
            line_id = id(line)
            remembered = known.get(line_id)
            if remembered is not None and remembered[0] is line:
                facts = remembered[1]
                if not same_currency(facts, currencies):
                    facts = line_facts(line, self._context, currencies, targets)
            else:
                facts = line_facts(line, self._context, currencies, targets)
            if facts.loaded:
                kept[line_id] = (line, facts)
            result.append(facts)
        with self._facts_lock:
            self._facts = kept
        return result


# -- the batch -----------------------------------------------------------------------------


class _Verdicts:
    """The batch-wide pass: skipped lines, duplicates within the batch, active orders."""

    def __init__(
        self, context: CheckContext, released: Container[int], skipped: Container[int]
    ) -> None:
        self._context = context
        self._released = released
        self._skipped = skipped
        self._first_with_key: dict[str, MassLine] = {}

    def judge(self, lines: Sequence[MassLine], facts: Sequence[LineFacts]) -> list[CheckedLine]:
        """The verdicts in order. Most lines are plainly ready (a draft, not skipped, a
        key no earlier line nor active order has) and are judged here inline, their
        `CheckedLine` made in place (a call less a line)."""
        skipped, first_with_key, active = self._skipped, self._first_with_key, self._context.active
        ready, new = LineVerdict.READY, tuple.__new__
        judged = []
        for line, found in zip(lines, facts, strict=True):
            key, draft = found.link_key, found.draft
            plainly_ready = (
                draft is not None
                and line.number not in skipped
                and (key is None or (first_with_key.setdefault(key, line) is line
                                     and key not in active))
            )  # fmt: skip
            if plainly_ready and draft is not None and found.panel is not None:
                panel = found.panel
                judged.append(new(CheckedLine, (
                    line, ready, panel.id, panel.name, found.service, draft,
                    draft.charge_estimate, draft.currency, (), False,
                )))  # fmt: skip
            else:
                judged.append(self._judge(line, found))
        return judged

    def _judge(self, line: MassLine, facts: LineFacts) -> CheckedLine:
        draft = facts.draft
        if line.number in self._skipped:
            return _checked(line, LineVerdict.SKIPPED, facts, None, facts.problems)
        if draft is None:
            return _checked(line, LineVerdict.INVALID, facts, None, facts.problems)
        held = self._held(line, facts)
        if not held:
            return _checked(line, LineVerdict.READY, facts, draft, ())
        released = line.number in self._released
        verdict = LineVerdict.READY if released else LineVerdict.HELD
        return _checked(line, verdict, facts, draft, held, released)

    def _held(self, line: MassLine, facts: LineFacts) -> tuple[str, ...]:
        key = facts.link_key
        if key is None:
            return ()
        link = facts.draft is not None and bool(facts.draft.link)  # else the account followed
        reasons: list[str] = []
        first = self._first_with_key.setdefault(key, line)
        if first is not line:
            reasons.append(same_line_words(first.number, link))
        active = self._context.active.get(key)
        if active is not None:
            panel = self._context.panel_name(active.panel_id)
            reasons.append(active_words(active, link, panel))
        return tuple(reasons)


def _checked(
    line: MassLine,
    verdict: LineVerdict,
    facts: LineFacts,
    draft: OrderDraft | None,
    problems: tuple[str, ...],
    released: bool = False,
) -> CheckedLine:
    panel = facts.panel
    if panel is None:
        return CheckedLine(line, verdict, None, None, facts.service, None, None, None, problems)
    if draft is None:
        return CheckedLine(line, verdict, panel.id, panel.name, facts.service, None, None, None,
                           problems, released)  # fmt: skip
    return CheckedLine(line, verdict, panel.id, panel.name, facts.service, draft,
                       draft.charge_estimate, draft.currency, problems, released)  # fmt: skip


def _totals(
    checked: Sequence[CheckedLine],
    context: CheckContext,
    balances: Mapping[int, Decimal],
    currencies: Mapping[int, str],
) -> tuple[PanelTotal, ...]:
    """Per panel with READY or HELD lines (in the order first met): the READY lines and
    their charges, summed at the end in one C-level pass."""
    ready, held = LineVerdict.READY, LineVerdict.HELD
    charges: dict[int, list[Decimal]] = {}
    counts: dict[int, int] = {}
    for line in checked:
        panel_id, verdict = line.panel_id, line.verdict
        if panel_id is None or (verdict is not ready and verdict is not held):
            continue
        if panel_id not in counts:
            counts[panel_id], charges[panel_id] = 0, []
        if verdict is ready:
            counts[panel_id] += 1
            if line.charge is not None:
                charges[panel_id].append(line.charge)
    summed = {panel_id: sum(amounts, Decimal(0)) for panel_id, amounts in charges.items()}
    return tuple(
        _panel_total(panel_id, count, summed[panel_id], context, balances, currencies)
        for panel_id, count in counts.items()
    )


def _panel_total(
    panel_id: int,
    lines: int,
    charge: Decimal,
    context: CheckContext,
    balances: Mapping[int, Decimal],
    currencies: Mapping[int, str],
) -> PanelTotal:
    balance = balances.get(panel_id)
    short = charge - balance if balance is not None and charge > balance else None
    return PanelTotal(
        panel_id, context.panel_name(panel_id), lines, charge, currencies.get(panel_id),
        balance, short,
    )  # fmt: skip


# -- order again in bulk ---------------------------------------------------------------------


def lines_from_orders(orders: Sequence[OrderRecord]) -> list[MassLine]:
    """ "Order again in bulk": each order as a line of its own panel (the `panel` cell holds
    its ID), with its service, link, quantity and the fields of its type."""
    return [_line_from_order(number, order) for number, order in enumerate(orders, 1)]


def _line_from_order(number: int, order: OrderRecord) -> MassLine:
    fields = {name: value for name, value in order.fields.items() if value}
    for name in REQUEST_FIELDS:
        value = getattr(order, name)
        if value is not None and str(value):
            fields[name] = str(value)
    source = "|".join((order.service_id, order.link or "", _text(order.quantity)))
    return MassLine(
        number, source, order.service_id or None, MappingProxyType(fields), str(order.panel_id)
    )


def _text(value: int | None) -> str:
    return "" if value is None else str(value)
