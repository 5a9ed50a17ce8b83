"""The mass-order setting: orders sent at once, 1 to 8, 2 unless the user chose another."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QSpinBox
from pytestqt.qtbot import QtBot

from smmdesk.settings import MASS_IN_FLIGHT, Settings
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.settings_dialog import SettingsDialog


def test_default_is_two(settings: Settings) -> None:
    assert settings.get(MASS_IN_FLIGHT) == 2


def test_the_dialog_offers_one_to_eight_and_saves_it(qtbot: QtBot, context: AppContext) -> None:
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    spin = dialog.findChild(QSpinBox, MASS_IN_FLIGHT.key.replace("/", "_"))
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 8, 2)
    assert "at once" in spin.toolTip()
    spin.setValue(5)
    buttons = dialog.findChild(QDialogButtonBox)
    assert isinstance(buttons, QDialogButtonBox)
    with qtbot.waitSignal(context.settings.changed):
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert context.settings.get(MASS_IN_FLIGHT) == 5
