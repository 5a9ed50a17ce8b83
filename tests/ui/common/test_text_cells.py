"""`TextCellDelegate` paints exactly what `QStyledItemDelegate` paints for the same roles,
pixel for pixel: alignment, elision, backgrounds, text colours, selection, right to left,
and the cells it leaves to the style."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QTableView
from pytestqt.qtbot import QtBot

from smmdesk.ui.common.text_cells import CellLook, TextCellDelegate

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_PINK = QColor(218, 54, 51, 60)
_GREEN = QColor(20, 140, 60)
ROWS: list[CellLook | None] = [
    ("Instagram Followers | Real | Max 10K", 0, None, None),
    ("12.3456789 USD ↑", _RIGHT, _PINK, None),
    ("✓", _CENTRE, None, _GREEN),
    ("", 0, _PINK, None),
    ("A name far too long to fit the narrow column it is shown in, so elided", 0, None, None),
    None,  # painted by the style
    ("Seguidores Promoção · سعر", _RIGHT, None, None),
    ("سعر · Seguidores Promoção", 0, None, None),  # Arabic first, in a left-to-right view
]


class LooksModel(QAbstractTableModel):
    """Two columns of the same looks, answered both ways."""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(ROWS)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        look = ROWS[index.row()] or ("By the style", 0, None, QColor(120, 120, 120))
        text, alignment, background, foreground = look
        answers = {
            Qt.ItemDataRole.DisplayRole: text,
            Qt.ItemDataRole.TextAlignmentRole: alignment or None,
            Qt.ItemDataRole.BackgroundRole: background,
            Qt.ItemDataRole.ForegroundRole: foreground,
        }
        return answers.get(Qt.ItemDataRole(role))

    def cell_look(self, row: int, column: int) -> CellLook | None:
        return ROWS[row]


def _views(qtbot: QtBot) -> tuple[QTableView, QTableView]:
    model = LooksModel()
    views = []
    for fast in (False, True):
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setColumnWidth(0, 260)
        view.setColumnWidth(1, 120)
        view.resize(440, 290)
        if fast:
            view.setItemDelegate(TextCellDelegate(view, model))
        else:
            view.setItemDelegate(QStyledItemDelegate(view))
        view.show()
        views.append(view)
    qtbot.waitUntil(lambda: all(v.isVisible() for v in views))
    return views[0], views[1]


def _differing_pixels(first: QTableView, second: QTableView) -> int:
    images = [view.viewport().grab().toImage() for view in (first, second)]
    style, fast = (image.convertToFormat(QImage.Format.Format_RGB32) for image in images)
    assert style.size() == fast.size()
    if style == fast:
        return 0
    return sum(
        style.pixel(x, y) != fast.pixel(x, y)
        for y in range(style.height())
        for x in range(style.width())
    )


def test_cells_look_as_the_style_paints_them(qtbot: QtBot) -> None:
    style, fast = _views(qtbot)
    assert _differing_pixels(style, fast) == 0


def test_a_selected_row_looks_as_the_style_paints_it(qtbot: QtBot) -> None:
    style, fast = _views(qtbot)
    for view in (style, fast):
        view.selectRow(1)
    assert _differing_pixels(style, fast) == 0


@pytest.mark.parametrize("size", [7, 15])
def test_a_new_font_lays_the_texts_out_again(qtbot: QtBot, size: int) -> None:
    style, fast = _views(qtbot)
    fast.viewport().grab()  # texts laid out in the first font
    for view in (style, fast):
        font = QFont(view.font())
        font.setPointSize(size)
        view.setFont(font)
    assert _differing_pixels(style, fast) == 0


def test_texts_look_the_same_when_first_painted_and_when_painted_again(qtbot: QtBot) -> None:
    style, fast = _views(qtbot)
    for view in (style, fast):  # every text is new in this font
        font = QFont(view.font())
        font.setPointSize(11)
        view.setFont(font)
    assert _differing_pixels(style, fast) == 0  # measured and drawn
    assert _differing_pixels(style, fast) == 0  # laid out once for good


def test_right_to_left_looks_as_the_style_paints_it(qtbot: QtBot) -> None:
    style, fast = _views(qtbot)
    for view in (style, fast):
        view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert _differing_pixels(style, fast) == 0
