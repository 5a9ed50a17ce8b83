"""The price board's delegate paints exactly what Qt's own delegate paints: the same
pixels, left to right and right to left, with texts elided, a selected row, a focused
cell, right-aligned numbers and text in several scripts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.services.price_board import PanelCatalogue, PriceIndex
from smmdesk.ui.common.kept_text_delegate import KeptTextDelegate
from smmdesk.ui.prices.board_model import Column, PriceBoardModel

NAMES = (
    "Instagram Followers | HQ | Max 10K | 30 Days Refill ♻️ | a name far too long to fit",
    "TikTok Views (fast) [R30]",
    "Seguidores Promoção 🇧🇷 متابعين عرب",
    "YouTube Likes | Lifetime",
    "Telegram Post Views\nsecond line",
    "",
)


def board() -> PriceBoardModel:
    services = [
        Service(str(number), name, kind, "Cat", Decimal(rate), 10, 1_000_000, refill, cancel)
        for number, (name, kind, rate, refill, cancel) in enumerate(
            zip(
                NAMES,
                ("Default", "Package", "Custom Comments", "Default", "Default", "Default"),
                ("0.0123", "12", "3.5", "1234.5", "0.9", "1"),
                (True, False, True, False, True, False),
                (False, True, False, True, False, True),
                strict=True,
            )
        )
    ]
    catalogues = [
        PanelCatalogue(1, "Panel Ünïcode", "USD", services[:3]),
        PanelCatalogue(2, "لوحة", "TRY", services[3:]),
    ]
    model = PriceBoardModel()
    model.set_index(PriceIndex(catalogues, "USD", {}))
    return model


def painted(
    qtbot: QtBot,
    kept: bool,
    direction: Qt.LayoutDirection,
    active: bool = True,
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    wrap: bool = False,
) -> QImage:
    model = board()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    if kept:
        view.setItemDelegate(KeptTextDelegate(model, view))
    view.setWordWrap(wrap)
    view.setTextElideMode(elide)
    view.setAlternatingRowColors(True)
    view.setLayoutDirection(direction)
    view.resize(900, 240)
    for column, width in enumerate((70, 180, 60, 90, 70, 40, 80, 60, 30)):
        view.setColumnWidth(column, width)
    view.selectRow(2)
    view.setCurrentIndex(model.index(1, Column.RATE))
    view.show()
    if active:
        view.setFocus()
    qtbot.waitExposed(view)
    return view.viewport().grab().toImage()


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
@pytest.mark.parametrize("active", [True, False])
def test_cells_look_as_qt_paints_them(
    qtbot: QtBot, direction: Qt.LayoutDirection, active: bool
) -> None:
    ours = painted(qtbot, True, direction, active)
    qts = painted(qtbot, False, direction, active)
    assert ours == qts


@pytest.mark.parametrize(
    ("elide", "wrap"),
    [
        (Qt.TextElideMode.ElideMiddle, False),
        (Qt.TextElideMode.ElideNone, False),
        (Qt.TextElideMode.ElideRight, True),
    ],
)
def test_other_view_settings_look_as_qt_paints_them(
    qtbot: QtBot, elide: Qt.TextElideMode, wrap: bool
) -> None:
    left_to_right = Qt.LayoutDirection.LeftToRight
    ours = painted(qtbot, True, left_to_right, elide=elide, wrap=wrap)
    assert ours == painted(qtbot, False, left_to_right, elide=elide, wrap=wrap)
