"""Help ▸ About: what is running (versions a support request needs) and where its files are."""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import smmdesk
from smmdesk import paths

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def version_lines() -> list[str]:
    """The same facts `smmdesk --version` prints: names and versions, kept in English for
    a support request."""
    return [
        f"SMMDesk {smmdesk.__version__}",
        f"Qt {qVersion()} · PySide6 {PySide6.__version__}",
        f"Python {platform.python_version()} on {sys.platform}",
    ]


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("AboutDialog", "About SMMDesk"))
        icon = QLabel(self)
        if parent is not None and not parent.windowIcon().isNull():
            size = self.fontMetrics().height() * 4
            icon.setPixmap(parent.windowIcon().pixmap(size, size))
        first, *rest = version_lines()
        heading = f"<h2>{first}</h2>"  # the product's name and version: nothing to translate
        title = QLabel(heading, self)
        facts = QLabel(
            "\n".join(
                [
                    translate(
                        "AboutDialog", "A desktop for resellers of SMM panel services (API v2)."
                    ),
                    "",
                    *rest,
                    "",
                    translate("AboutDialog", "Data folder: {path}").format(path=paths.data_dir()),
                    translate("AboutDialog", "Log folder: {path}").format(path=paths.log_dir()),
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
