"""Settings…: every option of `smmdesk.settings`, saved when the user presses OK.

Everything takes effect at once, through `Settings.changed`: network options reach the
desk (new requests use them, running ones finish as they started), refresh options the
Orders and Refills panes, the theme the main window, notification switches the notice
centre, the currency and conversion rates the price board (also set from its Rates…).
The language applies at the next start (texts are read once, as windows are built).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smmdesk import settings as options
from smmdesk.i18n import LANGUAGES
from smmdesk.services.price_board import currency_code, rates_text
from smmdesk.settings import Option
from smmdesk.ui.common.context import AppContext

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
}
TOOLTIPS = {
    options.MASS_IN_FLIGHT.key: QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "How many orders of a mass order are sent at once. A batch being placed keeps"
        " its number; the next one started or resumed uses the new one.",
    ),
}


def label(option: Option[Any]) -> str:
    """An option's label in the user's language (marked in `smmdesk.settings`)."""
    return translate("Settings", option.label)


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self._context = context
        settings = context.settings
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for option in options.INTEGER_OPTIONS:
            spin = self._spin(option, int(settings.get(option)))
            self.spins[option.key] = spin
            form.addRow(label(option), spin)
        self.auto_refresh = self._check(options.AUTO_REFRESH, "autoRefreshCheck")
        form.addRow("", self.auto_refresh)
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeCombo")
        for value in options.THEMES:
            self.theme.addItem(translate("SettingsDialog", str(THEME_LABELS[value])), value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get(options.THEME))))
        form.addRow(label(options.THEME), self.theme)
        self.language = self._language_combo(settings.get(options.LANGUAGE))
        form.addRow(label(options.LANGUAGE), self.language)
        self.close_to_tray = self._check(options.CLOSE_TO_TRAY, "closeToTrayCheck")
        form.addRow("", self.close_to_tray)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        boxes = QVBoxLayout()  # beside the form: the dialog fits a 640-pixel-high screen
        boxes.addWidget(self._notifications_box())
        boxes.addWidget(self._prices_box())
        boxes.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(form)
        columns.addLayout(boxes)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

    def _spin(self, option: Option[int], value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(option.key.replace("/", "_"))
        spin.setRange(option.minimum, option.maximum)
        spin.setValue(value)
        tip = TOOLTIPS.get(option.key)
        spin.setToolTip(translate("SettingsDialog", str(tip)) if tip else "")
        spin.setAccessibleName(label(option))
        return spin

    def _check(self, option: Option[bool], name: str) -> QCheckBox:
        box = QCheckBox(label(option), self)
        box.setObjectName(name)
        box.setChecked(bool(self._context.settings.get(option)))
        return box

    def _language_combo(self, current: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("languageCombo")
        combo.setAccessibleName(label(options.LANGUAGE))
        for code, name in LANGUAGES.items():
            shown = translate("SettingsDialog", "Follow the system") if not code else name
            combo.addItem(shown, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setToolTip(translate("SettingsDialog", "Takes effect the next time SMMDesk starts."))
        return combo

    def _notifications_box(self) -> QGroupBox:
        box = QGroupBox(translate("SettingsDialog", "Notify me when"), self)
        box.setObjectName("notificationsBox")
        column = QVBoxLayout(box)
        self.notify_checks: dict[str, QCheckBox] = {}
        for kind, option in options.NOTIFY_OPTIONS.items():
            check = self._check(option, f"notify_{kind}")
            self.notify_checks[kind] = check
            column.addWidget(check)
        return box

    def _prices_box(self) -> QGroupBox:
        box = QGroupBox(translate("SettingsDialog", "Price board"), self)
        box.setObjectName("pricesBox")
        form = QFormLayout(box)
        settings = self._context.settings
        self.board_currency = QLineEdit(settings.get(options.BOARD_CURRENCY), box)
        self.board_currency.setObjectName("boardCurrencyEdit")
        self.board_currency.setInputMask(">AAA")  # three letters, upper case
        self.board_currency.setAccessibleName(label(options.BOARD_CURRENCY))
        form.addRow(label(options.BOARD_CURRENCY), self.board_currency)
        self.rates = QPlainTextEdit(settings.get(options.CURRENCY_RATES), box)
        self.rates.setObjectName("currencyRatesEdit")
        self.rates.setAccessibleName(label(options.CURRENCY_RATES))
        self.rates.setToolTip(
            translate(
                "SettingsDialog",
                "One currency a line, as CODE=value: what one unit is worth in the currency "
                "prices are compared in, for example EUR=1.08. Never looked up online.",
            )
        )
        self.rates.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(label(options.CURRENCY_RATES), self.rates)
        return box

    def accept(self) -> None:
        """Save, then close. The settings announce what changed: the desk, the panes and
        the window apply it from their own listeners."""
        values: dict[Option[Any], object] = {
            option: self.spins[option.key].value() for option in options.INTEGER_OPTIONS
        }
        values[options.AUTO_REFRESH] = self.auto_refresh.isChecked()
        values[options.THEME] = str(self.theme.currentData())
        values[options.LANGUAGE] = str(self.language.currentData())
        values[options.CLOSE_TO_TRAY] = self.close_to_tray.isChecked()
        for kind, option in options.NOTIFY_OPTIONS.items():
            values[option] = self.notify_checks[kind].isChecked()
        code = currency_code(self.board_currency.text())
        if code is not None:  # a half-typed code keeps the one saved
            values[options.BOARD_CURRENCY] = code
        values[options.CURRENCY_RATES] = rates_text(self.rates.toPlainText())
        settings = self._context.settings
        settings.update(values)
        settings.sync()
        super().accept()
