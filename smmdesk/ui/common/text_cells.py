"""`TextCellDelegate`: the cells of a large table painted from a cache of laid-out texts.

`QStyledItemDelegate` asks the model for nine roles a cell (one call-back into Python) and
lays the cell's text out anew at every paint (shaping, then eliding it): most of a
repaint. This delegate asks the model once per cell for its `CellLook` and draws a
`QStaticText` laid out once per text and width. A repaint of the Services table (20,000
services, 1200 x 700): 34.1 -> 14.2 ms of CPU, median (`bench/catalogue_repaint.py`).

A text seen for the first time is only measured and drawn with `drawText`; it is laid out
as a `QStaticText` when it is painted again. A keystroke in a search shows mostly new rows,
and a demo-panel service name cost 85 µs to measure, prepare and draw, 52 to measure and
draw (a prepared one draws in 17). The price board's keystroke p95, 5 runs by turns:
median 19.0 -> 16.6 ms (`bench/price_board.py`'s first pass of keys).

It draws what the style draws for a cell of plain text: the selection's or the model's
background, the text in the model's colour (the palette's highlighted text when selected),
aligned and elided as the view elides within the style's margins, on one line (for views
that do not wrap words), right-to-left when the view is. A cell that is more than that
(the focus frame, a cell the model answers `None` for) is left to `QStyledItemDelegate`,
as is every size hint.
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPalette,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Paint = QBrush | QColor
CellLook = tuple[str, int, Paint | None, Paint | None]
"""A cell's display text, alignment (`Qt.AlignmentFlag` as an int), background and text
colour (None: the view's own), as `data()` answers them for the display, text alignment,
background and foreground roles."""

CACHE_LIMIT = 4096  # laid-out texts kept: about 14 screens of a 1200 x 700 table
# Flags as ints: a PySide6 enum operation costs about 1.3 us, ten a cell were 3 ms a repaint.
_RIGHT = Qt.AlignmentFlag.AlignRight.value
_CENTRE = Qt.AlignmentFlag.AlignHCenter.value
_SELECTED = QStyle.StateFlag.State_Selected.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_NORMAL = QPalette.ColorGroup.Normal.value
_INACTIVE = QPalette.ColorGroup.Inactive.value
_DISABLED = QPalette.ColorGroup.Disabled.value
_RESET_ON = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.ApplicationFontChange,
        QEvent.Type.ScreenChangeInternal,
    }
)
_Laid = tuple[QStaticText | str, float, int]  # the text (a str until seen twice), width, height
_Colours = tuple[QBrush, QColor, QColor]  # highlight, highlighted text, text
_Rect = tuple[int, int, int, int]  # x, y, width, height


class CellLooks(Protocol):
    """A model that answers a cell's look in one call (None: paint it the usual way)."""

    def cell_look(self, row: int, column: int) -> CellLook | None: ...


class TextCellDelegate(QStyledItemDelegate):
    """Paints `view`'s cells from `looks` (the view's model, no proxy in between)."""

    def __init__(self, view: QAbstractItemView, looks: CellLooks) -> None:
        super().__init__(view)
        self._view = view
        self._looks = looks
        self._laid: dict[tuple[str, int], _Laid] = {}
        self._colours: dict[int, _Colours] = {}
        self._margin = 0
        self._right_to_left = False
        self._reset()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A new font, style, palette, screen or direction: lay every text out again.
        (The base class filters its editors' events: the view is not one.)"""
        if watched is not self._view:
            return super().eventFilter(watched, event)
        if event.type() in _RESET_ON:
            self._reset()
        return False

    def _reset(self) -> None:
        view = self._view
        self._laid.clear()
        self._colours.clear()
        style = view.style()  # the margin either side of the text, as QCommonStyle takes it
        self._margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._direction = view.layoutDirection()
        self._right_to_left = self._direction == Qt.LayoutDirection.RightToLeft
        self._metrics = QFontMetricsF(view.font())
        self._ascent = self._metrics.ascent()  # a static text's top to its baseline
        self._line_height = view.fontMetrics().height()
        self._text_option = QTextOption()
        self._text_option.setTextDirection(view.layoutDirection())
        self._text_option.setWrapMode(QTextOption.WrapMode.NoWrap)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state = option.state.value
        look = None if state & _FOCUS else self._looks.cell_look(index.row(), index.column())
        if look is None:
            super().paint(painter, option, index)
            return
        text, alignment, background, foreground = look
        rect = option.rect
        highlight, highlighted_text, plain_text = self._colours_for(state)
        if state & _SELECTED:
            painter.fillRect(rect, highlight)
            painter.setPen(highlighted_text)
        else:
            if background is not None:
                painter.fillRect(rect, background)
            if foreground is None:
                painter.setPen(plain_text)
            else:
                painter.setPen(foreground if isinstance(foreground, QColor) else foreground.color())
        if text:
            self._draw_text(painter, cast(_Rect, rect.getRect()), text, alignment)

    def _colours_for(self, state: int) -> _Colours:
        group = _colour_group(state)
        colours = self._colours.get(group)
        if colours is None:
            palette = self._view.palette()
            colour_group = QPalette.ColorGroup(group)
            colours = self._colours[group] = (
                palette.brush(colour_group, QPalette.ColorRole.Highlight),
                palette.color(colour_group, QPalette.ColorRole.HighlightedText),
                palette.color(colour_group, QPalette.ColorRole.Text),
            )
        return colours

    def _draw_text(
        self,
        painter: QPainter,
        rect: _Rect,
        text: str,
        alignment: int,
    ) -> None:
        x, y, width, height = rect
        margin = self._margin
        room = width - 2 * margin
        key = (text, room)
        laid = self._laid.get(key)
        first_time = laid is None
        if laid is None:
            laid = self._measure(key)
        static, text_width, text_height = laid
        if alignment & _CENTRE:  # as QTextLayout aligns a line, to a fraction of a pixel
            left = x + margin + (room - text_width) / 2
        elif bool(alignment & _RIGHT) != self._right_to_left:
            left = x + width - margin - text_width
        else:
            left = x + margin
        top = y + (height - text_height) // 2
        if first_time:
            painter.setLayoutDirection(self._direction)  # a painter's own is "Auto"
            painter.drawText(QPointF(left, top + self._ascent), cast(str, static))
            return
        if isinstance(static, str):
            static = self._prepare(key, laid)
        painter.drawStaticText(QPointF(left, top), static)

    def _measure(self, key: tuple[str, int]) -> _Laid:
        """The text as shown (elided only when it does not fit, as `elidedText` decides)
        and its width; the view's font metrics are kept until `_reset`."""
        text, room = key
        width = self._metrics.horizontalAdvance(text)
        shown = text
        if width > room:
            view = self._view
            shown = view.fontMetrics().elidedText(text, view.textElideMode(), max(room, 0))
            width = self._metrics.horizontalAdvance(shown)
        if len(self._laid) >= CACHE_LIMIT:
            self._laid.clear()
        laid = self._laid[key] = (shown, width, self._line_height)
        return laid

    def _prepare(self, key: tuple[str, int], laid: _Laid) -> QStaticText:
        """The shown text laid out once for good, in the view's font and text option."""
        static = QStaticText(laid[0])
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setTextOption(self._text_option)
        static.prepare(font=self._view.font())
        self._laid[key] = (static, *laid[1:])
        return static


def _colour_group(state: int) -> int:
    """As `QCommonStyle` picks the palette's group for an item view's cell."""
    if not state & _ENABLED:
        return _DISABLED
    return _NORMAL if state & _ACTIVE else _INACTIVE
