"""Settings…: every option of `smmdesk.settings`, saved when the user presses OK.

Everything takes effect at once, through `Settings.changed`: network options reach the
desk (new requests use them, running ones finish as they started), refresh options the
Orders and Refills panes, the theme the main window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smmdesk import settings as options
from smmdesk.settings import Option
from smmdesk.ui.common.context import AppContext

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
TOOLTIPS = {
    options.MASS_IN_FLIGHT.key: (
        "How many orders of a mass order are sent at once. A batch being placed keeps"
        " its number; the next one started or resumed uses the new one."
    ),
}


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self._context = context
        settings = context.settings
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for option in options.INTEGER_OPTIONS:
            spin = self._spin(option, int(settings.get(option)))
            self.spins[option.key] = spin
            form.addRow(option.label, spin)
        self.auto_refresh = QCheckBox(options.AUTO_REFRESH.label, self)
        self.auto_refresh.setObjectName("autoRefreshCheck")
        self.auto_refresh.setChecked(bool(settings.get(options.AUTO_REFRESH)))
        form.addRow("", self.auto_refresh)
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeCombo")
        for value in options.THEMES:
            self.theme.addItem(THEME_LABELS[value], value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get(options.THEME))))
        form.addRow(options.THEME.label, self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _spin(self, option: Option[int], value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(option.key.replace("/", "_"))
        spin.setRange(option.minimum, option.maximum)
        spin.setValue(value)
        spin.setToolTip(TOOLTIPS.get(option.key, ""))
        return spin

    def accept(self) -> None:
        """Save, then close. The settings announce what changed: the desk, the panes and
        the window apply it from their own listeners."""
        values: dict[Option[Any], object] = {
            option: self.spins[option.key].value() for option in options.INTEGER_OPTIONS
        }
        values[options.AUTO_REFRESH] = self.auto_refresh.isChecked()
        values[options.THEME] = str(self.theme.currentData())
        settings = self._context.settings
        settings.update(values)
        settings.sync()
        super().accept()
