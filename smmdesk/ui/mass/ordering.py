"""How the mass-order preview sorts: a key per column, applied by `PreviewModel.sort` in
one Python sort (see `preview_model` for why not by the proxy). Numbers sort as numbers,
text case-blind, verdicts and outcomes by how much they need the user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import Qt

from smmdesk.api.forms import whole_number
from smmdesk.services.mass_check import CheckedLine, LineVerdict
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.mass.columns import PreviewColumn


class SortedModel(Protocol):
    """What the keys read from the model: the outcomes and the text of a cell."""

    @property
    def outcomes(self) -> Mapping[int, OrderRecord | None]: ...

    def cell_text(self, checked: CheckedLine, column: PreviewColumn) -> str: ...


_VERDICT_ORDER = {
    LineVerdict.INVALID: 0,
    LineVerdict.HELD: 1,
    LineVerdict.READY: 2,
    LineVerdict.SKIPPED: 3,
}
_STATE_ORDER = {
    JournalState.REJECTED: 0,
    JournalState.UNCONFIRMED: 1,
    JournalState.SENDING: 2,
    JournalState.PLACED: 4,
    JournalState.DISMISSED: 5,
}


def descending(order: Qt.SortOrder) -> bool:
    return order == Qt.SortOrder.DescendingOrder


def by_number(checked: CheckedLine) -> int:
    return checked.line.number


def sort_key(column: int, model: SortedModel) -> Callable[[CheckedLine], Any]:
    """The key of `column`; verdicts and outcomes that need the user first (invalid,
    rejected)."""
    which = PreviewColumn(column)
    if which is PreviewColumn.LINE:
        return by_number
    if which is PreviewColumn.QUANTITY:
        return lambda c: (whole_number(c.line.fields.get("quantity")) or -1, c.line.number)
    if which is PreviewColumn.CHARGE:
        return lambda c: (c.charge if c.charge is not None else Decimal(-1), c.line.number)
    if which is PreviewColumn.CHECK:
        return lambda c: (_VERDICT_ORDER[c.verdict], c.released, c.line.number)
    if which is PreviewColumn.RESULT:
        return lambda c: _result_rank(model, c.line.number)
    return lambda c: model.cell_text(c, which).casefold()


def _result_rank(model: SortedModel, number: int) -> tuple[int, int]:
    if number not in model.outcomes:
        return (6, number)
    record = model.outcomes[number]
    return (3 if record is None else _STATE_ORDER[record.journal_state], number)
