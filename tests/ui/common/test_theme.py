"""Themes: "system" leaves Qt alone; "dark"/"light" force Fusion; back to "system" undoes it;
the forced themes' texts and check boxes meet WCAG AA contrast, measured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.ui.common.theme import apply_theme

Role = QPalette.ColorRole


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


def luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=["dark", "light"])
def forced_theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, "system")


TEXT_ON = [
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
]


@pytest.mark.parametrize(("text", "ground"), TEXT_ON)
def test_texts_meet_wcag_aa_enabled_and_disabled(
    forced_theme: str, qapp: QApplication, text: QPalette.ColorRole, ground: QPalette.ColorRole
) -> None:
    palette = qapp.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled):
        measured = contrast(palette.color(group, text), palette.color(group, ground))
        assert measured >= 4.5, f"{forced_theme} {group.name} {text.name}/{ground.name}"


def test_a_check_box_edge_is_visible_against_the_window(forced_theme: str, qtbot: QtBot) -> None:
    """Rendered in a window, then measured: the most contrasting colour of the
    indicator's area against the window behind it, for WCAG's 3:1 for a control's edge."""
    window = QWidget()
    qtbot.addWidget(window)
    window.setAutoFillBackground(True)
    box = QCheckBox("Refill", window)
    window.resize(200, 60)
    window.show()
    image = window.grab().toImage()
    behind = QColor(image.pixel(image.width() - 1, image.height() - 1))
    indicator = QStyle.SubElement.SE_CheckBoxIndicator
    area = box.style().subElementRect(indicator, _option(box), box).translated(box.pos())
    colours = {
        QColor(image.pixel(x, y)).rgb()
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    }
    assert max(contrast(QColor.fromRgb(c), behind) for c in colours) >= 3.0


def _option(box: QCheckBox) -> QStyleOptionButton:
    option = QStyleOptionButton()
    option.initFrom(box)
    return option
