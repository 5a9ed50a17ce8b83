"""`KeptTextDelegate`: a table's cells of one line of plain text, painted from layouts
kept between repaints.

Qt's own delegate lays a cell's text out three times on every paint (to place it, to
elide it and to draw it) and asks the model for seven roles through a Python call-back.
A keystroke repaints the whole page, yet most of its texts were painted a moment before
(a panel's name, a type, limits, flags, and the rows that stay on the page as the user
types on). Here a text is laid out once, as Qt's `QCommonStyle` lays out an item's text
(a `QTextLayout` of the cell's width, aligned and elided the same way, so it paints the
same pixels: the tests compare them, left to right and right to left), and the layout
is kept and drawn again; the text comes from the model directly (`PlainCells`, past
`QVariant`). A repaint of the board's page took about half the CPU time of Qt's own
delegate when its texts had been painted before, and less when none had.

What a cell's paint needs from the view (font, direction, elision, colours) is read once
a repaint, when the viewport's paint event arrives, not once a cell. A cell this does not
paint itself (selected, focused, or text that is not one line) and a view set up
otherwise (wrapping, no elision) go to Qt's own delegate, so they look just as Qt paints
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

KEPT_LAYOUTS = 1_500  # ~5 KB each; the older half is dropped when there are more
_QT_PAINTS = int((QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus).value)
_GROUP_BITS = int((QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Active).value)
_ENABLED = int(QStyle.StateFlag.State_Enabled.value)
_ACTIVE = int(QStyle.StateFlag.State_Active.value)
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c")


class PlainCells(Protocol):
    """What the delegate reads from its model, without going through `QVariant`."""

    def display(self, row: int, column: int) -> str:
        """The cell's text (its DisplayRole)."""
        ...

    def alignment(self, column: int) -> int:
        """The column's `Qt.AlignmentFlag`s as an int: left or right, vertically centred."""
        ...


@dataclass(frozen=True, slots=True)
class _Layout:
    """A text laid out to be drawn in a cell of some width, and where its top goes."""

    text: QTextLayout
    top: int  # from the cell's top: the whole text's height centred, as Qt does


_NOT_ONE_LINE = _Layout(QTextLayout(), 0)  # Qt's own delegate paints such texts


@dataclass(slots=True)
class _Setting:
    """What the view's cells share during one repaint."""

    font: QFont
    metrics: QFontMetrics
    direction: Qt.LayoutDirection
    elide: Qt.TextElideMode
    margin: int
    colours: dict[int, QColor]  # by the state's enabled and active bits
    alignments: list[int]  # by column
    text_options: dict[int, QTextOption]  # by alignment: how Qt lays a cell's text out
    kept: bool  # whether this delegate paints the plain cells itself


class KeptTextDelegate(QStyledItemDelegate):
    def __init__(self, cells: PlainCells, view: QTableView) -> None:
        super().__init__(view)
        self._cells = cells
        self._view = view
        self._setting: _Setting | None = None
        self._layouts: dict[tuple[str, int, int, int], _Layout] = {}
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._take_setting()
        return False

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        setting = self._setting
        state = option.state.value
        if setting is None or not setting.kept or state & _QT_PAINTS:
            super().paint(painter, option, index)
            return
        column = index.column()
        text = self._cells.display(index.row(), column)
        if not text:
            return
        x, y, width, height = cast("tuple[int, int, int, int]", option.rect.getRect())
        key = (text, width, height, setting.alignments[column])
        layout = self._layouts.get(key) or self._lay_out(key, setting)
        if layout is _NOT_ONE_LINE:
            super().paint(painter, option, index)
            return
        painter.setPen(setting.colours[state & _GROUP_BITS])
        layout.text.draw(painter, QPointF(x + setting.margin, y + layout.top))

    def _lay_out(self, key: tuple[str, int, int, int], setting: _Setting) -> _Layout:
        """Lay a text out for a cell (its width, height, alignment) and keep it."""
        if len(self._layouts) >= KEPT_LAYOUTS:
            for older in list(islice(self._layouts, KEPT_LAYOUTS // 2)):
                del self._layouts[older]
        text, width, height, alignment = key
        layout = _cell_layout(text, width - 2 * setting.margin, height, alignment, setting)
        self._layouts[key] = layout
        return layout

    def _take_setting(self) -> None:
        """Read what this repaint's cells share; a new font or direction makes every
        kept layout stale."""
        view = self._view
        font, direction = view.font(), view.layoutDirection()
        before = self._setting
        if before is None or before.font != font or before.direction != direction:
            self._layouts.clear()
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        palette = view.palette()
        colours = {
            bits: palette.color(_colour_group(bits), QPalette.ColorRole.Text)
            for bits in (0, _ENABLED, _ACTIVE, _ENABLED | _ACTIVE)
        }
        elide = view.textElideMode()
        kept = not view.wordWrap() and elide != Qt.TextElideMode.ElideNone
        columns = range(view.model().columnCount())
        alignments = [self._cells.alignment(column) for column in columns]
        options = {alignment: _text_option(alignment, direction) for alignment in alignments}
        self._setting = _Setting(
            font, QFontMetrics(font), direction, elide, margin, colours, alignments, options, kept
        )


def _cell_layout(text: str, width: int, height: int, alignment: int, setting: _Setting) -> _Layout:
    """As `QCommonStylePrivate::viewItemDrawText` lays a cell's text out: one line of the
    cell's width, the text elided when its natural width exceeds it, placed vertically
    by the whole text's height. `_NOT_ONE_LINE` for a text with line breaks."""
    if _LINE_BREAKS.intersection(text):
        return _NOT_ONE_LINE
    text_option = setting.text_options[alignment]
    whole, natural_width, whole_height = _one_line(text, width, text_option, setting.font)
    top = height // 2 - int(whole_height + 0.5) // 2
    if natural_width > width:
        elided = setting.metrics.elidedText(text, setting.elide, width)
        whole = _one_line(elided, width, text_option, setting.font)[0]
    return _Layout(whole, top)


def _text_option(alignment: int, direction: Qt.LayoutDirection) -> QTextOption:
    """One line, no wrapping, in the view's direction, aligned as the cell says (mirrored
    right to left): `QCommonStylePrivate::viewItemDrawText`'s options."""
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    text_option.setTextDirection(direction)
    text_option.setAlignment(QStyle.visualAlignment(direction, Qt.AlignmentFlag(alignment)))
    return text_option


def _one_line(
    text: str, width: int, text_option: QTextOption, font: QFont
) -> tuple[QTextLayout, float, float]:
    """The text laid out on one line of `width`: the layout, its natural width, height."""
    layout = QTextLayout(text, font)
    layout.setTextOption(text_option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(width)
    layout.endLayout()
    return layout, line.naturalTextWidth(), line.height()


def _colour_group(state: int) -> QPalette.ColorGroup:
    """As `QCommonStyle` picks it for an item's text."""
    if not state & _ENABLED:
        return QPalette.ColorGroup.Disabled
    return QPalette.ColorGroup.Normal if state & _ACTIVE else QPalette.ColorGroup.Inactive
