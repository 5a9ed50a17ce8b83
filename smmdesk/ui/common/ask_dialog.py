"""`AskDialog`: a short question with a message, optional form rows and a button box.

Opened with `open()` (window-modal, no nested event loop); it reports through the standard
`accepted()` / `rejected()` signals. Every dialog and button carries an object name so tests
and accessibility tools find them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class AskDialog(QDialog):
    """A short question with a message, optional form rows and a button box."""

    def __init__(self, title: str, name: str, message: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = QLabel(message, self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may quote a panel or a user
        self.message.setWordWrap(True)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_button(
        self, which: QDialogButtonBox.StandardButton, name: str, text: str = ""
    ) -> QPushButton:
        button = self.buttons.addButton(which)
        button.setObjectName(name)
        if text:
            button.setText(text)
        return button
