"""Dialogs of the Orders pane: resolve an unconfirmed order, confirm a dismissal, track
order IDs placed elsewhere.

They are opened with `open()` (window-modal, no nested event loop) and report through
the standard `accepted()` / `rejected()` signals; the pane reads the answer in its slot.
Every dialog and its buttons carry object names so tests and accessibility tools find them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from smmdesk.store import OrderRecord
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import plural

_ID_SEPARATORS = re.compile(r"[\s,;]+")


def parse_order_ids(text: str) -> list[str]:
    """IDs separated by commas, semicolons, spaces or lines; duplicates dropped, order kept."""
    return list(dict.fromkeys(part for part in _ID_SEPARATORS.split(text) if part))


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
    """Asks for the ID the panel shows for an order whose `add` answer never arrived."""

    def __init__(self, record: OrderRecord, parent: QWidget | None = None) -> None:
        message = (
            f"Find this order in the panel's order list ({record.service_name}, "
            f"{record.link or 'no link'}) and enter the order ID it shows there. If it is not "
            "there, cancel and dismiss the order instead."
        )
        super().__init__("Resolve unconfirmed order", "resolveOrderDialog", message, parent)
        self.record = record
        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("resolveOrderIdEdit")
        self.id_edit.setPlaceholderText("e.g. 23501")
        self.form.addRow("Panel's order ID", self.id_edit)
        self.ok_button = self.add_button(
            QDialogButtonBox.StandardButton.Ok, "resolveOkButton", "Mark as placed"
        )
        self.add_button(QDialogButtonBox.StandardButton.Cancel, "resolveCancelButton")
        self.id_edit.textChanged.connect(self.on_id_edit_textChanged)
        self.on_id_edit_textChanged("")

    def order_id(self) -> str:
        return self.id_edit.text().strip()

    @Slot(str)
    def on_id_edit_textChanged(self, _text: str) -> None:
        self.ok_button.setEnabled(bool(self.order_id()))


class TrackOrdersDialog(AskDialog):
    """Paste order IDs placed elsewhere (the panel's website, another tool) to track them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        message = (
            "Paste the IDs of orders placed on this panel outside SMMDesk, separated by "
            "commas, spaces or new lines. Their status is fetched right away."
        )
        super().__init__("Track existing order IDs", "trackOrdersDialog", message, parent)
        self.ids_edit = QPlainTextEdit(self)
        self.ids_edit.setObjectName("trackOrderIdsEdit")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("trackOrderIdsCount")
        self.form.addRow(self.ids_edit)
        self.form.addRow(self.count_label)
        self.ok_button = self.add_button(
            QDialogButtonBox.StandardButton.Ok, "trackOkButton", "Track"
        )
        self.add_button(QDialogButtonBox.StandardButton.Cancel, "trackCancelButton")
        self.ids_edit.textChanged.connect(self.on_ids_edit_textChanged)
        self.on_ids_edit_textChanged()

    def order_ids(self) -> list[str]:
        return parse_order_ids(self.ids_edit.toPlainText())

    @Slot()
    def on_ids_edit_textChanged(self) -> None:
        count = len(self.order_ids())
        self.count_label.setText(plural(count, "order ID"))
        self.ok_button.setEnabled(count > 0)
