"""`ElidedLabel`: one line of plain text that never widens its window.

A `QLabel` asks for the width of its whole text, so a long message (a panel's error, the
entries a catalogue skipped) would widen the window and keep it from being made smaller
again. This one asks for that width but settles for a few characters: what does not fit
ends in "…", and its owner puts the whole text in the tooltip. `text()` is the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

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
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment().value),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
