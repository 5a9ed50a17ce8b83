"""`EmptyNote`: what an empty table says instead of a blank space: why it is empty and
one button out of it (clear the search and filters, or show every service).

It lies over the table's viewport and follows its size; it is shown only while the
table has no rows, so it never stands in the way of a click on one.

Signals:
    clear_requested()   the user pressed the note's button
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QVBoxLayout, QWidget

from smmdesk.ui.common.text import plain_label


class EmptyNote(QWidget):
    clear_requested = Signal()

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("emptyNote")
        self.label = plain_label(self, "emptyNoteLabel", wrap=True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self)
        self.button.setObjectName("emptyNoteButton")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.button.clicked.connect(self.on_button_clicked)
        view.viewport().installEventFilter(self)
        self.hide()

    def show_note(self, text: str, button_text: str) -> None:
        self.label.setText(text)
        self.button.setText(button_text)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if watched is parent and event.type() == QEvent.Type.Resize and parent is not None:
            self.setGeometry(parent.rect())
        return False

    @Slot()
    def on_button_clicked(self) -> None:
        self.clear_requested.emit()
