"""The lines of a mass order as the user has them now, before anything is sent (edited
fields, removed lines, skipped and released ones). Plain Python: `MassSession` asks for a
re-check whenever something here changed (what a check says will be sent is
`services.mass_summary`'s).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from smmdesk.api.mass_lines import MassLine
from smmdesk.services.mass_check import BatchCheck, LineVerdict


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
        changed = line._replace(service_id=service_id, fields=dict(fields), problem=None)
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


def whole_problem(lines: Sequence[MassLine]) -> str:
    """Why the text or file as a whole could not be read (too large, not text): one
    line with no source and a problem says so; "" otherwise."""
    if len(lines) == 1 and not lines[0].source and lines[0].problem:
        return lines[0].problem
    return ""
