"""`RatesDialog`: the conversion rates the price board uses, typed by the user.

One line a currency, `EUR=1.08`: one euro is worth 1.08 of the board's currency. SMMDesk
never looks rates up online (a panel's prices are compared as the user decides).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QWidget

from smmdesk.services.price_board import rates_text
from smmdesk.settings import BOARD_CURRENCY, CURRENCY_RATES, Settings
from smmdesk.ui.common.ask_dialog import AskDialog

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class RatesDialog(AskDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        board = settings.get(BOARD_CURRENCY)
        message = translate(
            "RatesDialog",
            "One currency a line, as CODE=value: what one unit is worth in {board}. "
            "For example EUR=1.08 or INR=0.012. Lines that do not read so are left out.",
        ).format(board=board)
        title = translate("RatesDialog", "Conversion rates")
        super().__init__(title, "ratesDialog", message, parent)
        self._settings = settings
        self.rates_edit = QPlainTextEdit(self)
        self.rates_edit.setObjectName("ratesEdit")
        self.rates_edit.setPlainText(settings.get(CURRENCY_RATES))
        self.rates_edit.setAccessibleName(title)
        self.form.addRow(self.rates_edit)
        self.add_button(QDialogButtonBox.StandardButton.Save, "saveRatesButton")
        self.add_button(QDialogButtonBox.StandardButton.Cancel, "cancelRatesButton")
        self.accepted.connect(self.on_self_accepted)

    @Slot()
    def on_self_accepted(self) -> None:
        self._settings.set(CURRENCY_RATES, rates_text(self.rates_edit.toPlainText()))
