"""What became of each order of a bulk refill or cancel, as a table the user can copy.

Every selected order gets a row: accepted (with the refill ID), refused by the panel (in
its words), failed on the way, or not sent at all and why. `OutcomeModel` shows them;
`as_text` is what "Copy" puts on the clipboard (tab-separated, pastes into a sheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from smmdesk.services.bulk import BulkPlan, NotSent
from smmdesk.store import CancelRecord, OrderRecord, RefillRecord
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.workers import CancelsRequested, RefillsRequested

AnyIndex = QModelIndex | QPersistentModelIndex
ACCEPTED = "Accepted"
REFUSED = "Refused"
NOT_SENT = "Not sent"


class OutcomeColumn(IntEnum):
    ORDER_ID = 0
    LINK = 1
    OUTCOME = 2
    DETAILS = 3


HEADERS = {
    OutcomeColumn.ORDER_ID: "Order ID",
    OutcomeColumn.LINK: "Link",
    OutcomeColumn.OUTCOME: "Outcome",
    OutcomeColumn.DETAILS: "Details",
}
_TONES = {ACCEPTED: Tone.GOOD, REFUSED: Tone.BAD, NOT_SENT: Tone.MUTED}


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    order_id: str
    link: str
    outcome: str
    details: str

    def cell(self, column: OutcomeColumn) -> str:
        return (self.order_id, self.link, self.outcome, self.details)[column]


def refill_rows(plan: BulkPlan, requested: RefillsRequested) -> list[OutcomeRow]:
    orders = _by_record_id(plan)
    sent = [
        _sent_row(orders, r, r.refill_id is not None, _refill_details(r)) for r in requested.records
    ]
    return sent + _not_sent_rows([*requested.not_sent, *plan.not_eligible])


def cancel_rows(plan: BulkPlan, requested: CancelsRequested) -> list[OutcomeRow]:
    orders = _by_record_id(plan)
    sent = [_sent_row(orders, c, c.accepted, c.error or "") for c in requested.records]
    return sent + _not_sent_rows([*requested.not_sent, *plan.not_eligible])


def as_text(rows: Sequence[OutcomeRow]) -> str:
    """Tab-separated, a header line first; tabs and line breaks inside cells become spaces."""
    lines = ["\t".join(HEADERS[c] for c in OutcomeColumn)]
    lines += ["\t".join(" ".join(row.cell(c).split()) for c in OutcomeColumn) for row in rows]
    return "\n".join(lines)


def _by_record_id(plan: BulkPlan) -> dict[int, OrderRecord]:
    return {order.id: order for order in plan.eligible}


def _sent_row(
    orders: dict[int, OrderRecord],
    answer: RefillRecord | CancelRecord,
    accepted: bool,
    details: str,
) -> OutcomeRow:
    order = orders.get(answer.order_record_id)
    link = (order.link if order else None) or ""
    return OutcomeRow(answer.order_id, link, ACCEPTED if accepted else REFUSED, details)


def _refill_details(refill: RefillRecord) -> str:
    return f"Refill {refill.refill_id}" if refill.refill_id is not None else refill.error or ""


def _not_sent_rows(not_sent: Sequence[NotSent]) -> list[OutcomeRow]:
    return [
        OutcomeRow(n.order.order_id or "", n.order.link or "", NOT_SENT, n.reason.capitalize())
        for n in not_sent
    ]


class OutcomeModel(QAbstractTableModel):
    """One `OutcomeRow` per order; read-only."""

    def __init__(self, rows: Sequence[OutcomeRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self._tones = current_tones()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OutcomeColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], OutcomeColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cell(column)
        if role == Qt.ItemDataRole.ForegroundRole and column is OutcomeColumn.OUTCOME:
            return self._tones.text(_TONES[row.outcome])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(OutcomeColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[OutcomeColumn(section)]
        return None
