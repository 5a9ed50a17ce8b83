"""What became of each order of a bulk refill or cancel, as a table the user can copy.

Every selected order gets a row: accepted (with the refill ID), refused by the panel (in
its words), failed on the way, or not sent at all and why. `OutcomeModel` shows them;
`as_text` is what "Copy" puts on the clipboard (tab-separated, pastes into a sheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import NamedTuple, overload

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from smmdesk.services.bulk import BulkPlan, NotSent
from smmdesk.store import CancelRecord, RefillRecord
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.orders.wording import capitalized, reason_text, translate
from smmdesk.workers import CancelsRequested, RefillsRequested

AnyIndex = QModelIndex | QPersistentModelIndex
# A row's outcome, in English; shown (and copied) in the user's language.
ACCEPTED = str(QT_TRANSLATE_NOOP("OrderActions", "Accepted"))
REFUSED = str(QT_TRANSLATE_NOOP("OrderActions", "Refused"))
NOT_SENT = str(QT_TRANSLATE_NOOP("OrderActions", "Not sent"))


class OutcomeColumn(IntEnum):
    ORDER_ID = 0
    LINK = 1
    OUTCOME = 2
    DETAILS = 3


HEADERS = {
    OutcomeColumn.ORDER_ID: QT_TRANSLATE_NOOP("OrderActions", "Order ID"),
    OutcomeColumn.LINK: QT_TRANSLATE_NOOP("OrderActions", "Link"),
    OutcomeColumn.OUTCOME: QT_TRANSLATE_NOOP("OrderActions", "Outcome"),
    OutcomeColumn.DETAILS: QT_TRANSLATE_NOOP("OrderActions", "Details"),
}


def _header(column: OutcomeColumn) -> str:
    return translate("OrderActions", str(HEADERS[column]))


_TONES = {ACCEPTED: Tone.GOOD, REFUSED: Tone.BAD, NOT_SENT: Tone.MUTED}


class OutcomeRow(NamedTuple):
    """One order's outcome; a tuple because a bulk action may report 100,000 of them and
    they are built on the GUI thread (bench/orders_selection.py)."""

    order_id: str
    link: str
    outcome: str  # ACCEPTED, REFUSED or NOT_SENT
    details: str

    def cell(self, column: OutcomeColumn) -> str:
        """What the user reads in a column (the outcome in their language)."""
        if column is OutcomeColumn.OUTCOME:
            return translate("OrderActions", self.outcome)
        return self[column]


class OutcomeRows(Sequence[OutcomeRow]):
    """The rows of one bulk action, each built when first asked for: the answer to a
    refill of 50,000 orders arrives on the GUI thread, and building every row there would
    stall it for a quarter of a second (bench/orders_selection.py); the table only asks
    for the rows it paints."""

    def __init__(
        self,
        plan: BulkPlan,
        answers: Sequence[RefillRecord | CancelRecord],
        not_sent: Sequence[NotSent],
    ) -> None:
        self._plan = plan
        self._answers = answers
        self._not_sent = [*not_sent, *plan.not_eligible]
        self._links: dict[int, str] | None = None
        # Translated once, not once a row (a Copy builds 100,000 of them at once).
        self._refill_id = translate("OrderActions", "Refill {id}")
        self._reasons: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._answers) + len(self._not_sent)

    @overload
    def __getitem__(self, index: int) -> OutcomeRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[OutcomeRow]: ...
    def __getitem__(self, index: int | slice) -> OutcomeRow | Sequence[OutcomeRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index < len(self._answers):
            return self._sent_row(self._answers[index])
        held = self._not_sent[index - len(self._answers)]
        order = held.order
        return OutcomeRow(order.order_id or "", order.link or "", NOT_SENT, self._reason(held))

    def _reason(self, held: NotSent) -> str:
        reason = self._reasons.get(held.reason)
        if reason is None:
            reason = self._reasons[held.reason] = capitalized(reason_text(held.reason))
        return reason

    def _sent_row(self, answer: RefillRecord | CancelRecord) -> OutcomeRow:
        if self._links is None:
            self._links = {order.id: order.link or "" for order in self._plan.eligible}
        link = self._links.get(answer.order_record_id, "")
        if isinstance(answer, RefillRecord) and answer.refill_id is not None:
            accepted, details = True, self._refill_id.format(id=answer.refill_id)
        elif isinstance(answer, RefillRecord):
            accepted, details = False, answer.error or ""
        else:
            accepted, details = answer.accepted, answer.error or ""
        return OutcomeRow(answer.order_id, link, ACCEPTED if accepted else REFUSED, details)


def refill_rows(plan: BulkPlan, requested: RefillsRequested) -> OutcomeRows:
    return OutcomeRows(plan, requested.records, requested.not_sent)


def cancel_rows(plan: BulkPlan, requested: CancelsRequested) -> OutcomeRows:
    return OutcomeRows(plan, requested.records, requested.not_sent)


def as_text(rows: Sequence[OutcomeRow]) -> str:
    """Tab-separated, a header line first; tabs and line breaks inside cells become spaces."""
    outcomes = {word: translate("OrderActions", word) for word in _TONES}
    lines = ["\t".join(_header(c) for c in OutcomeColumn)]
    lines += [
        "\t".join(
            (
                " ".join(order_id.split()),
                " ".join(link.split()),
                outcomes[outcome],
                " ".join(details.split()),
            )
        )
        for order_id, link, outcome, details in rows
    ]
    return "\n".join(lines)


class OutcomeModel(QAbstractTableModel):
    """One `OutcomeRow` per order; read-only."""

    def __init__(self, rows: Sequence[OutcomeRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
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
            return _header(OutcomeColumn(section))
        return None
