"""Themes: "system" leaves Qt alone; "dark"/"light" force Fusion; back to "system" undoes it."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from smmdesk.ui.common.theme import apply_theme


def test_forcing_a_theme_and_returning_to_the_system_one(qapp: QApplication) -> None:
    native = qapp.style().name()
    apply_theme(qapp, "system")
    assert qapp.style().name() == native
    apply_theme(qapp, "dark")
    assert qapp.style().name().lower() == "fusion"
    window = qapp.palette().color(QPalette.ColorRole.Window)
    assert window.lightness() < 80
    apply_theme(qapp, "light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    apply_theme(qapp, "system")
    assert qapp.style().name() == native
