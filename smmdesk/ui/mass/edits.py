"""The lines of a mass order as the user has them now, before anything is sent (edited
fields, removed lines, skipped and released ones), and what a check of them says will be
sent. Plain Python: `MassSession` asks for a re-check whenever something here changed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from smmdesk.api.mass_lines import MassLine
from smmdesk.services.mass_check import BatchCheck, CheckedLine, LineVerdict

READY = LineVerdict.READY
OWN_FIELDS = frozenset({"link", "quantity"})  # the fields with columns of their own


class LineEdits:
    """`lines` in text order; `released` and `skipped` hold line numbers."""

    def __init__(self) -> None:
        self.lines: list[MassLine] = []
        self.released: set[int] = set()
        self.skipped: set[int] = set()

    def reset(self, lines: Sequence[MassLine]) -> None:
        self.lines = list(lines)
        self.released.clear()
        self.skipped.clear()

    def line(self, number: int) -> MassLine | None:
        return next((line for line in self.lines if line.number == number), None)

    def edit(
        self, number: int, service_id: str | None, fields: Mapping[str, str]
    ) -> MassLine | None:
        """Line N now says this (its reading problem, if any, is gone); the new line."""
        line = self.line(number)
        if line is None:
            return None
        changed = dataclasses.replace(
            line, service_id=service_id, fields=dict(fields), problem=None
        )
        self.lines = [changed if item.number == number else item for item in self.lines]
        return changed

    def edit_field(self, number: int, name: str, value: str) -> MassLine | None:
        """One field typed anew; an empty value removes the field."""
        line = self.line(number)
        if line is None:
            return None
        fields = {k: v for k, v in line.fields.items() if k != name}
        if value:
            fields[name] = value
        return self.edit(number, line.service_id, fields)

    def remove(self, numbers: Iterable[int]) -> bool:
        gone = set(numbers)
        before = len(self.lines)
        self.lines = [line for line in self.lines if line.number not in gone]
        self.released -= gone
        self.skipped -= gone
        return len(self.lines) != before

    def set_skipped(self, numbers: Iterable[int], skipped: bool) -> bool:
        return _toggle(self.skipped, set(numbers), skipped)

    def set_released(
        self, numbers: Iterable[int], released: bool, check: BatchCheck | None
    ) -> bool:
        """Send held lines anyway, or hold released ones again; other lines are left."""
        wanted = set(numbers)
        which = {
            checked.line.number
            for checked in (check.lines if check is not None else ())
            if checked.line.number in wanted
            and (checked.verdict is LineVerdict.HELD or checked.released)
        }
        return _toggle(self.released, which, released)


def _toggle(which: set[int], numbers: set[int], on: bool) -> bool:
    before = set(which)
    if on:
        which.update(numbers)
    else:
        which.difference_update(numbers)
    return which != before


@dataclass(frozen=True, slots=True)
class CheckFacts:
    """What the pane reads of checked lines, gathered in one pass: at 10,000 lines each
    pass costs milliseconds of the GUI thread, and the pane asks after every re-check.

    `counts` by verdict (`ready`, `held`, `invalid`, `skipped`), plus `released` (held
    lines sent anyway, counted as ready) and `send` (lines to send); `to_send` are the
    READY lines with a draft and a panel."""

    counts: Counter[str] = field(default_factory=Counter)
    to_send: tuple[CheckedLine, ...] = ()
    panel_ids: frozenset[int] = frozenset()
    named_panels: bool = False  # a line chose its panel (a panel column)
    other_fields: bool = False  # a line has fields besides link and quantity


def facts_of(lines: Sequence[CheckedLine]) -> CheckFacts:
    counts: Counter[str] = Counter()
    sending: list[CheckedLine] = []
    panels: set[int] = set()
    named = other = False
    for line in lines:
        verdict = line.verdict
        counts[verdict.value] += 1
        if line.released:
            counts["released"] += 1
        if verdict is READY and line.draft is not None and line.panel_id:
            sending.append(line)
        if line.panel_id is not None:
            panels.add(line.panel_id)
        named = named or line.line.panel is not None
        other = other or not OWN_FIELDS.issuperset(line.line.fields)
    counts["send"] = len(sending)
    return CheckFacts(counts, tuple(sending), frozenset(panels), named, other)


def whole_problem(lines: Sequence[MassLine]) -> str:
    """Why the text or file as a whole could not be read (too large, not text): one
    line with no source and a problem says so; "" otherwise."""
    if len(lines) == 1 and not lines[0].source and lines[0].problem:
        return lines[0].problem
    return ""
