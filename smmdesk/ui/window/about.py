"""Help ▸ About: what is running (versions a support request needs) and where its files are."""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import smmdesk
from smmdesk import paths


def version_lines() -> list[str]:
    """The same facts `smmdesk --version` prints."""
    return [
        f"SMMDesk {smmdesk.__version__}",
        f"Qt {qVersion()} · PySide6 {PySide6.__version__}",
        f"Python {platform.python_version()} on {sys.platform}",
    ]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About SMMDesk")
        icon = QLabel(self)
        if parent is not None and not parent.windowIcon().isNull():
            size = self.fontMetrics().height() * 4
            icon.setPixmap(parent.windowIcon().pixmap(size, size))
        first, *rest = version_lines()
        title = QLabel(f"<h2>{first}</h2>", self)
        facts = QLabel(
            "\n".join(
                [
                    "A desktop for resellers of SMM panel services (API v2).",
                    "",
                    *rest,
                    "",
                    f"Data folder: {paths.data_dir()}",
                    f"Log folder: {paths.log_dir()}",
                ]
            ),
            self,
        )
        facts.setObjectName("aboutFacts")
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (icon, title, facts, buttons):
            layout.addWidget(widget)
