"""`ElidedLabel`: one line of plain text that never widens its window.

A `QLabel` asks for the width of its whole text, so a long message (a panel's error, the
entries a catalogue skipped) would widen the window and keep it from being made smaller
again. This one asks for that width but settles for a few characters: what does not fit
ends in "…", and its owner puts the whole text in the tooltip. `text()` is the whole text.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

LEAST_CHARS = 12  # the narrowest it lets a layout make it, in average characters


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget, name: str, least_chars: int = LEAST_CHARS) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._least_chars = least_chars

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().averageCharWidth() * self._least_chars
        return QSize(min(hint.width(), least), hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """As a `QLabel` paints: placed by the window's direction (the right side in an
        Arabic window), the text read in its own (English in an Arabic window reads left
        to right), its end elided."""
        rect = self.contentsRect()
        text = self.text()
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        placed = QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        painter = QPainter(self)
        painter.setLayoutDirection(text_direction(text, self.layoutDirection()))
        self.style().drawItemText(
            painter,
            rect,
            int((placed | Qt.AlignmentFlag.AlignAbsolute).value),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


def text_direction(text: str, otherwise: Qt.LayoutDirection) -> Qt.LayoutDirection:
    """The direction of the text's first strong character (`otherwise` without one)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return otherwise
