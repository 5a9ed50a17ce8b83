"""`NoticeBanner`: a message that stays until the user dismisses it.

A status-bar message times out, and the next one overwrites it: fine for "Updated 14:02",
wrong for news the user must act on (orders left unconfirmed by a crash). The banner sits
above the content with an optional action and a Dismiss button.

Signals:
    action_clicked()   the user clicked the action (the banner stays)
    dismissed()        the user closed the banner
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from smmdesk.ui.common.tones import Tone, current_tones

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class NoticeBanner(QFrame):
    action_clicked = Signal()
    dismissed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName(f"{name}Action")
        self.action_button.clicked.connect(self.on_action_button_clicked)
        self.dismiss_button = QPushButton(translate("NoticeBanner", "Dismiss"), self)
        self.dismiss_button.setObjectName(f"{name}Dismiss")
        self.dismiss_button.clicked.connect(self.on_dismiss_button_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.dismiss_button)
        self._apply_tone()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text()

    def show_notice(self, text: str, action: str = "") -> None:
        """Show `text` (plain text) with an action button labelled `action`, if any."""
        self.label.setText(text)
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action))
        self.show()

    @Slot()
    def on_action_button_clicked(self) -> None:
        self.action_clicked.emit()

    @Slot()
    def on_dismiss_button_clicked(self) -> None:
        self.hide()
        self.dismissed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_tone()
        super().changeEvent(event)

    def _apply_tone(self) -> None:
        """A warning tint that reads in light and dark themes (see `tones`)."""
        tones = current_tones()
        background = tones.background(Tone.WARN)
        palette = self.palette()
        if background is not None and palette.color(QPalette.ColorRole.Window) != background:
            palette.setColor(QPalette.ColorRole.Window, background)
            self.setPalette(palette)  # a palette change: guarded so it cannot loop
        self.label.setStyleSheet(tones.style(Tone.WARN))
