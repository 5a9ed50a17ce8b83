"""`AnnotateOrdersDialog`: the note, customer and sell price of one order or a selection.

For one order the fields show what it has, and what is in them when saved is what it
gets (an empty field clears). For a selection each field is changed only when its box is
ticked, so setting the customer of 300 orders keeps each one's note. The sell price is an
amount or a markup over each order's own charge ("+30%"); one that does not read gets its
message under the field and the dialog stays open. Nothing here is sent to a panel.

Opens with `open()`; `accepted()` means `edit()` holds the change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from smmdesk.services.annotations import AnnotationEdit
from smmdesk.services.profit import MoneyInputError
from smmdesk.store import OrderRecord
from smmdesk.store.annotations import CUSTOMER_MAX, NOTE_MAX
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import counted, format_money
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.field_words import problem_words
from smmdesk.ui.ordering.notes_inputs import customer_completer, read_sell_price, sell_placeholder
from smmdesk.ui.orders.wording import translate

_NOTE_LINES = 4


class AnnotateOrdersDialog(AskDialog):
    def __init__(
        self,
        record: OrderRecord | None,
        count: int,
        customers: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        """`record`: the one order edited (its fields shown); None for `count` orders."""
        many = record is None
        if many:
            message = counted(
                count,
                translate(
                    "AnnotateOrdersDialog",
                    "For the 1 selected order: tick what to change; the rest stays as it is.",
                ),
                translate(
                    "AnnotateOrdersDialog",
                    "For the {count} selected orders: tick what to change; the rest stays as"
                    " each order has it.",
                ),
            )
        else:
            message = translate(
                "AnnotateOrdersDialog", "Kept in SMMDesk for you, never sent to the panel."
            )
        title = translate("AnnotateOrdersDialog", "Note, customer and sell price")
        super().__init__(title, "annotateDialog", message, parent)
        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("annotateCustomer")
        self.customer_edit.setMaxLength(CUSTOMER_MAX)
        self.customer_edit.setCompleter(customer_completer(self, customers))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("annotateNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * _NOTE_LINES + 12)
        self.sell_edit = QLineEdit(self)
        self.sell_edit.setObjectName("annotateSellPrice")
        self.sell_edit.setPlaceholderText(sell_placeholder())
        self.sell_error = QLabel(self)
        self.sell_error.setObjectName("annotateSellPriceError")
        self.sell_error.setTextFormat(Qt.TextFormat.PlainText)
        self.sell_error.setWordWrap(True)
        self.sell_error.setStyleSheet(current_tones().style(Tone.BAD))
        self.sell_error.hide()
        self.boxes: dict[str, QCheckBox] = {}
        for name, label, editor in (
            ("customer", translate("AnnotateOrdersDialog", "Customer"), self.customer_edit),
            ("note", translate("AnnotateOrdersDialog", "Note"), self.note_edit),
            ("sell_price", translate("AnnotateOrdersDialog", "Sell price"), self.sell_edit),
        ):
            self.form.addRow(self._row_label(name, label, editor, many), editor)
        self.form.addRow("", self.sell_error)
        if record is not None:
            self._show(record)
        save = self.add_button(QDialogButtonBox.StandardButton.Save, "annotateSaveButton")
        save.setDefault(True)
        self.add_button(QDialogButtonBox.StandardButton.Cancel, "annotateCancelButton")
        self.sell_edit.textChanged.connect(self.on_sellEdit_textChanged)
        self.resize(520, self.sizeHint().height())

    def edit(self) -> AnnotationEdit:
        """The change as the fields say; `MoneyInputError` for a sell price that is not
        one (`accept` refuses to close then)."""
        price = read_sell_price(self.sell_edit.text()) if self._changes("sell_price") else None
        return AnnotationEdit(
            note=self.note_edit.toPlainText()[:NOTE_MAX] if self._changes("note") else None,
            customer=self.customer_edit.text() if self._changes("customer") else None,
            sell_price=price,
            clear_sell_price=self._changes("sell_price") and price is None,
        )

    def accept(self) -> None:
        try:
            self.edit()
        except MoneyInputError as error:
            self._show_problem(problem_words(str(error)))
            self.sell_edit.setFocus()
            return
        super().accept()

    @Slot(str)
    def on_sellEdit_textChanged(self, _text: str) -> None:
        box = self.boxes.get("sell_price")
        if box is not None:
            box.setChecked(True)
        try:
            read_sell_price(self.sell_edit.text())
        except MoneyInputError as error:
            self._show_problem(problem_words(str(error)))
            return
        self._show_problem("")

    @Slot()
    def on_box_edited(self) -> None:
        sender = self.sender()
        name = next((n for n, editor in self._editors().items() if editor is sender), None)
        if name is not None and name in self.boxes:
            self.boxes[name].setChecked(True)

    def _row_label(self, name: str, text: str, editor: QWidget, many: bool) -> QWidget | str:
        if not many:
            return text
        box = QCheckBox(text, self)
        box.setObjectName(f"annotateChange_{name}")
        box.setToolTip(
            translate(
                "AnnotateOrdersDialog",
                "Tick to give every selected order this value (empty clears it)",
            )
        )
        self.boxes[name] = box
        if isinstance(editor, QLineEdit) and name != "sell_price":
            editor.textEdited.connect(self.on_box_edited)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self.on_box_edited)
        return box

    def _editors(self) -> dict[str, QWidget]:
        return {
            "customer": self.customer_edit,
            "note": self.note_edit,
            "sell_price": self.sell_edit,
        }

    def _changes(self, name: str) -> bool:
        box = self.boxes.get(name)
        return box is None or box.isChecked()

    def _show(self, record: OrderRecord) -> None:
        self.customer_edit.setText(record.customer)
        self.note_edit.setPlainText(record.note)
        if record.sell_price is not None:
            grouped = format_money(record.sell_price)
            self.sell_edit.setText(grouped.replace(QLocale().groupSeparator(), ""))

    def _show_problem(self, message: str) -> None:
        self.sell_error.setText(message)
        self.sell_error.setVisible(bool(message))
