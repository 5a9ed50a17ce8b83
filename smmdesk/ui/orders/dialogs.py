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
from smmdesk.ui.common.format import counted, format_count, format_money, format_time
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.orders.order_cells import quantity_text
from smmdesk.ui.orders.wording import state_word, translate
from smmdesk.workers import Desk, Ticket

HINT_DELAY_MS = 400  # typing pauses this long before the panel is asked


class DismissOrdersDialog(AskDialog):
    """Dismissing says "this order is not on the panel": it deserves a second look."""

    def __init__(self, record_ids: list[int], parent: QWidget | None = None) -> None:
        message = counted(
            len(record_ids),
            translate(
                "OrderDialogs",
                "Dismiss 1 unconfirmed order? Do this only after checking the panel's order "
                "list: a dismissed order is no longer tracked.",
            ),
            translate(
                "OrderDialogs",
                "Dismiss {count} unconfirmed orders? Do this only after checking the panel's "
                "order list: a dismissed order is no longer tracked.",
            ),
        )
        title = translate("OrderDialogs", "Dismiss unconfirmed orders")
        super().__init__(title, "dismissOrdersDialog", message, parent)
        self.record_ids = list(record_ids)
        self.yes_button = self.add_button(
            QDialogButtonBox.StandardButton.Yes,
            "dismissYesButton",
            translate("OrderDialogs", "Dismiss"),
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
        title = (
            translate("OrderDialogs", "Correct the order ID")
            if correcting
            else translate("OrderDialogs", "Resolve unconfirmed order")
        )
        super().__init__(title, "resolveOrderDialog", _resolve_message(record, history), parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.record = record
        self._desk = desk
        self._hint_serial = 0
        self._refused: set[str] = set()
        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("resolveOrderIdEdit")
        self.id_edit.setPlaceholderText(translate("OrderDialogs", "e.g. 23501"))
        self.form.addRow(translate("OrderDialogs", "Panel's order ID"), self.id_edit)
        self.form.addRow(self._side_by_side())
        self.hint_label = plain_label(self, "resolveHint", wrap=True, selectable=True)
        self.form.addRow(self.hint_label)
        self.ok_button = self.add_button(
            QDialogButtonBox.StandardButton.Ok,
            "resolveOkButton",
            (
                translate("OrderDialogs", "Correct the ID")
                if correcting
                else translate("OrderDialogs", "Mark as placed")
            ),
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
        ours = QLabel(translate("OrderDialogs", "This order"), box)
        theirs = QLabel(translate("OrderDialogs", "On the panel"), box)
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
            self.hint_label.setText(translate("OrderDialogs", "Asking the panel…"))

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
            self.hint_label.setText(_could_not_ask(describe(error).one_line))


def _resolve_message(record: OrderRecord, history: Sequence[OrderResolution]) -> str:
    if history and record.journal_state is JournalState.PLACED:
        last = history[-1]
        return translate(
            "OrderDialogs",
            "This order was marked as placed by hand on {time} as order {id}. If that is the "
            "wrong order, enter the right ID: the panel is asked first, and the history keeps "
            "both.",
        ).format(time=format_time(last.resolved_at), id=last.order_id)
    return translate(
        "OrderDialogs",
        "Find this order in the panel's order list (compare the time and link below) and "
        "enter the order ID it shows there. If it is not there, cancel and dismiss the "
        "order instead.",
    )


def _our_side(record: OrderRecord) -> str:
    none = translate("OrderDialogs", "none")
    rows = [
        translate("OrderDialogs", "Sent {time}").format(time=format_time(record.created_at)),
        translate("OrderDialogs", "Service {id} · {name}").format(
            id=record.service_id, name=record.service_name
        ),
        translate("OrderDialogs", "Link {link}").format(link=record.link or none),
        translate("OrderDialogs", "Quantity {quantity}").format(
            quantity=quantity_text(record) or none
        ),
    ]
    if record.charge_estimate is not None:
        estimate = format_money(record.charge_estimate, record.currency)
        rows.append(translate("OrderDialogs", "Charge ≈ {amount}").format(amount=estimate))
    return "\n".join(rows)


def _panel_side(order_id: str, status: OrderStatus) -> str:
    rows = [
        translate("OrderDialogs", "Order {id}").format(id=order_id),
        translate("OrderDialogs", "Status {status} ({panel_word})").format(
            status=state_word(status.state), panel_word=status.status_text
        ),
    ]
    if status.charge is not None:
        charge = format_money(status.charge, status.currency)
        rows.append(translate("OrderDialogs", "Charge {amount}").format(amount=charge))
    if status.start_count is not None:
        start = format_count(status.start_count)
        rows.append(translate("OrderDialogs", "Start count {count}").format(count=start))
    if status.remains is not None:
        remains = format_count(status.remains)
        rows.append(translate("OrderDialogs", "Remains {count}").format(count=remains))
    return "\n".join(rows)


def _could_not_ask(problem: str) -> str:
    return translate("OrderDialogs", "Could not ask the panel: {problem}").format(problem=problem)


def _hint(typed: str, record: OrderRecord, checked: OrderIdsChecked) -> tuple[str, bool]:
    """What to tell the user about the typed ID, and whether it may be confirmed."""
    if typed in checked.refused:
        says = translate("OrderDialogs", "The panel says: {answer}")
        return says.format(answer=checked.refused[typed]), False
    tracked = checked.tracked.get(typed)
    if tracked is not None and tracked != record.id:
        known = translate("OrderDialogs", "Order {id} is already in this panel's history.")
        return known.format(id=typed), False
    if typed in checked.unchecked:
        return _could_not_ask(checked.unchecked[typed]), True
    if typed == record.order_id:
        return translate("OrderDialogs", "This is the ID the order has now."), False
    return (
        translate(
            "OrderDialogs",
            "The panel knows this order: compare it with this one before confirming.",
        ),
        True,
    )
