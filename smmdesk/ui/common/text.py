"""Text from a panel is data, never markup, and never unbounded.

A panel can put `<img src=file:///…>`, a 64-pt "Order placed" or a megabyte of text into a
service name or an error message. Qt renders a label's or tooltip's text as rich text when
it merely looks like HTML (`Qt.AutoText`), and lays out a megabyte for seconds (a 1 MB
refusal stalled the GUI 3.85 s). Every widget that can show panel text goes through here:
plain text only, cut to an excerpt with the full length said.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

from smmdesk.ui.common.format import format_count

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
LABEL_LIMIT = 2_000  # characters: what a label shows of one panel text
TOOLTIP_LIMIT = 1_000


def excerpt(text: str, limit: int = LABEL_LIMIT) -> str:
    """`text`, or its first `limit` characters and how long the whole is."""
    if len(text) <= limit:
        return text
    return translate("Text", "{start}… ({count} characters in all)").format(
        start=text[:limit], count=format_count(len(text))
    )


def plain_label(
    parent: QWidget, name: str, wrap: bool = False, selectable: bool = False, text: str = ""
) -> QLabel:
    """A label that shows its text literally, whatever the text looks like."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_plain(*labels: QLabel) -> None:
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally: tooltips have no text-format switch, so the
    text is escaped into rich text that displays exactly these characters."""
    if not text:
        return ""
    return GuiQt.convertFromPlainText(
        excerpt(text, TOOLTIP_LIMIT), Qt.WhiteSpaceMode.WhiteSpaceNormal
    )
