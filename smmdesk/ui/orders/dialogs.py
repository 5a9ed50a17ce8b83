"""Dialogs of the Orders pane: resolve an unconfirmed order (or correct a resolved one)
with the panel's answer beside it, confirm a dismissal ("Track existing order IDs" is
`track_dialog`).

They are opened with `open()` (window-modal, no nested event loop) and report through
the standard `accepted()` / `rejected()` signals; the pane reads the answer in its slot.
Every dialog and its buttons carry object names so tests and accessibility tools find them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from smmdesk.api import OrderStatus
from smmdesk.services.order_ids import OrderIdsChecked
from smmdesk.store import JournalState, OrderRecord, OrderResolution
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_count, format_money, format_time, plural
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.orders.order_cells import quantity_text
from smmdesk.workers import Desk, Ticket

HINT_DELAY_MS = 400  # typing pauses this long before the panel is asked


class DismissOrdersDialog(AskDialog):
    """Dismissing says "this order is not on the panel": it deserves a second look."""

    def __init__(self, record_ids: list[int], parent: QWidget | None = None) -> None:
        message = (
            f"Dismiss {plural(len(record_ids), 'unconfirmed order')}? Do this only after "
            "checking the panel's order list: a dismissed order is no longer tracked."
        )
        super().__init__("Dismiss unconfirmed orders", "dismissOrdersDialog", message, parent)
        self.record_ids = list(record_ids)
        self.yes_button = self.add_button(
            QDialogButtonBox.StandardButton.Yes, "dismissYesButton", "Dismiss"
        )
        self.no_button = self.add_button(QDialogButtonBox.StandardButton.No, "dismissNoButton")
        self.no_button.setDefault(True)


class ResolveOrderDialog(AskDialog):
    """Asks for the ID the panel shows for an order whose `add` answer never arrived (or
    the right ID, when one entered before was wrong).

    While the user types, the panel is asked (debounced, through `Desk`) and its answer
    is shown beside what SMMDesk knows of the order (sent at, link, quantity, estimate), so
    the two can be compared before anything is recorded. An ID the panel refuses cannot
    be confirmed; the final Resolve asks the panel again anyway.
    """

    def __init__(
        self,
        record: OrderRecord,
        desk: Desk,
        history: Sequence[OrderResolution] = (),
        parent: QWidget | None = None,
    ) -> None:
        correcting = bool(history) and record.journal_state is JournalState.PLACED
        title = "Correct the order ID" if correcting else "Resolve unconfirmed order"
        super().__init__(title, "resolveOrderDialog", _resolve_message(record, history), parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.record = record
        self._desk = desk
        self._hint_serial = 0
        self._refused: set[str] = set()
        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("resolveOrderIdEdit")
        self.id_edit.setPlaceholderText("e.g. 23501")
        self.form.addRow("Panel's order ID", self.id_edit)
        self.form.addRow(self._side_by_side())
        self.hint_label = plain_label(self, "resolveHint", wrap=True, selectable=True)
        self.form.addRow(self.hint_label)
        self.ok_button = self.add_button(
            QDialogButtonBox.StandardButton.Ok,
            "resolveOkButton",
            "Correct the ID" if correcting else "Mark as placed",
        )
        self.add_button(QDialogButtonBox.StandardButton.Cancel, "resolveCancelButton")
        self.hint_timer = QTimer(self)
        self.hint_timer.setObjectName("resolveHintTimer")
        self.hint_timer.setSingleShot(True)
        self.hint_timer.setInterval(HINT_DELAY_MS)
        self.hint_timer.timeout.connect(self.on_hintTimer_timeout)
        self.id_edit.textChanged.connect(self.on_id_edit_textChanged)
        desk.order_ids_checked.connect(self.on_desk_order_ids_checked)
        desk.task_failed.connect(self.on_desk_task_failed)
        self.on_id_edit_textChanged("")

    def order_id(self) -> str:
        return self.id_edit.text().strip()

    def _side_by_side(self) -> QWidget:
        """This order as SMMDesk knows it, and the typed ID as the panel knows it."""
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        ours, theirs = QLabel("This order", box), QLabel("On the panel", box)
        for column, label in enumerate((ours, theirs)):
            label.setStyleSheet("font-weight: bold")
            grid.addWidget(label, 0, column)
        self.ours_label = plain_label(box, "resolveOurs", wrap=True, selectable=True)
        self.ours_label.setText(_our_side(self.record))
        self.panel_label = plain_label(box, "resolvePanelSide", wrap=True, selectable=True)
        grid.addWidget(self.ours_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.panel_label, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return box

    @Slot(str)
    def on_id_edit_textChanged(self, _text: str) -> None:
        self.panel_label.setText("")
        self.hint_label.setText("")
        self._hint_serial = 0
        typed = self.order_id()
        self.ok_button.setEnabled(bool(typed) and typed not in self._refused)
        if typed:
            self.hint_timer.start()
        else:
            self.hint_timer.stop()

    @Slot()
    def on_hintTimer_timeout(self) -> None:
        if self.order_id():
            ticket = self._desk.check_order_ids(self.record.panel_id, [self.order_id()])
            self._hint_serial = ticket.serial
            self.hint_label.setText("Asking the panel…")

    @Slot(object, object)
    def on_desk_order_ids_checked(self, ticket: Ticket, checked: OrderIdsChecked) -> None:
        if ticket.serial != self._hint_serial:
            return
        typed = self.order_id()
        hint, usable = _hint(typed, self.record, checked)
        status = checked.known.get(typed)
        self.panel_label.setText(_panel_side(typed, status) if status else "")
        self.hint_label.setText(hint)
        if not usable:
            self._refused.add(typed)
        self.ok_button.setEnabled(usable)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self._hint_serial:
            self.hint_label.setText(f"Could not ask the panel: {describe(error).one_line}")


def _resolve_message(record: OrderRecord, history: Sequence[OrderResolution]) -> str:
    if history and record.journal_state is JournalState.PLACED:
        last = history[-1]
        return (
            f"This order was marked as placed by hand on {format_time(last.resolved_at)} as "
            f"order {last.order_id}. If that is the wrong order, enter the right ID: the "
            "panel is asked first, and the history keeps both."
        )
    return (
        "Find this order in the panel's order list (compare the time and link below) and "
        "enter the order ID it shows there. If it is not there, cancel and dismiss the "
        "order instead."
    )


def _our_side(record: OrderRecord) -> str:
    rows = [
        f"Sent {format_time(record.created_at)}",
        f"Service {record.service_id} · {record.service_name}",
        f"Link {record.link or 'none'}",
        f"Quantity {quantity_text(record) or 'none'}",
    ]
    if record.charge_estimate is not None:
        rows.append(f"Charge ≈ {format_money(record.charge_estimate, record.currency)}")
    return "\n".join(rows)


def _panel_side(order_id: str, status: OrderStatus) -> str:
    rows = [f"Order {order_id}", f"Status {status.state.label} ({status.status_text})"]
    if status.charge is not None:
        rows.append(f"Charge {format_money(status.charge, status.currency)}")
    if status.start_count is not None:
        rows.append(f"Start count {format_count(status.start_count)}")
    if status.remains is not None:
        rows.append(f"Remains {format_count(status.remains)}")
    return "\n".join(rows)


def _hint(typed: str, record: OrderRecord, checked: OrderIdsChecked) -> tuple[str, bool]:
    """What to tell the user about the typed ID, and whether it may be confirmed."""
    if typed in checked.refused:
        return f"The panel says: {checked.refused[typed]}", False
    tracked = checked.tracked.get(typed)
    if tracked is not None and tracked != record.id:
        return f"Order {typed} is already in this panel's history.", False
    if typed in checked.unchecked:
        return f"Could not ask the panel: {checked.unchecked[typed]}", True
    if typed == record.order_id:
        return "This is the ID the order has now.", False
    return "The panel knows this order: compare it with this one before confirming.", True
