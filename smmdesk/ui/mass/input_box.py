"""Where a mass order comes in: a text area to paste into, "Open file…", the batch's
panel and what formats are read.

A paste is refused before it reaches the text area when it is larger than a batch can
be (`api.mass_lines` limits): laying out 10 MB in a QPlainTextEdit took 1.9 s here, a
50 MB paste would freeze the window for ten, and the lines would be refused anyway.

Signals:
    check_requested()          the user asked to check the text (button or Ctrl+Return)
    file_chosen(Path)          the user picked a file to read
    paste_refused(str)         a paste was too large; the text says why (nothing changed)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smmdesk.api.mass_lines import MAX_CHARS, MAX_LINES
from smmdesk.store import Panel
from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.panels.panel_switcher import PANEL_ID_ROLE, PanelListModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class PasteEdit(QPlainTextEdit):
    """A plain-text area that refuses a paste larger than a batch may be."""

    paste_refused = Signal(str)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        refusal = paste_refusal(text)
        if refusal:
            self.paste_refused.emit(refusal)
            return
        super().insertFromMimeData(source)


def paste_refusal(text: str) -> str:
    """Why `text` cannot be pasted as a batch, or "" when it can."""
    if len(text) > MAX_CHARS:
        return translate(
            "MassOrder",
            "Nothing was pasted: the text has {count} characters, and a batch is at most"
            " {limit}. Split it into smaller batches.",
        ).format(count=format_count(len(text)), limit=format_count(MAX_CHARS))
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return translate(
            "MassOrder",
            "Nothing was pasted: the text has {count} lines, and a batch is at most {limit}."
            " Split it into smaller batches.",
        ).format(count=format_count(lines), limit=format_count(MAX_LINES))
    return ""


class MassInput(QWidget):
    """The text area, the batch's panel, Open file…, Check lines and Clear."""

    check_requested = Signal()
    file_chosen = Signal(object)
    paste_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_edit = PasteEdit(self)
        self.text_edit.setObjectName("massText")
        self.text_edit.setPlaceholderText(
            translate(
                "MassOrder",
                "Paste orders here, one a line, for example:\n"
                "    1234|https://instagram.com/p/Cx1yZ|1000\n"
                "or a CSV/TSV whose first line names the columns:\n"
                "    service,link,quantity,runs,interval,comments,username\n"
                "Then Check lines (Ctrl+Return): nothing is sent before you confirm.",
            )
        )
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text_edit.setTabChangesFocus(True)  # a tab separator is pasted, not typed
        self.text_edit.paste_refused.connect(self.paste_refused)
        self.panels = PanelListModel(self)
        self.panel_combo = QComboBox(self)
        self.panel_combo.setObjectName("massPanelCombo")
        self.panel_combo.setModel(self.panels)
        self.panel_combo.setToolTip(
            translate(
                "MassOrder", "The panel every line goes to, unless its panel column names another"
            )
        )
        self.open_button = self._button(
            "massOpenButton",
            translate("MassOrder", "Open file…"),
            translate("MassOrder", "Read a CSV, TSV or text file"),
        )
        self.check_button = self._button(
            "massCheckButton",
            translate("MassOrder", "Check lines"),
            translate("MassOrder", "Read and check every line (Ctrl+Return)"),
        )
        self.check_button.setDefault(True)
        self.clear_button = self._button(
            "massClearButton",
            translate("MassOrder", "Clear"),
            translate("MassOrder", "Start a new batch"),
        )
        self.hint = QLabel(self._hint_text(), self)
        self.hint.setObjectName("massHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet(current_tones().style(Tone.MUTED))
        self.source_label = QLabel(self)
        self.source_label.setObjectName("massSource")
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.check_requested)
        self.open_button.clicked.connect(self.on_openButton_clicked)
        self.check_button.clicked.connect(self.check_requested)
        self._lay_out()

    @staticmethod
    def _hint_text() -> str:
        return translate(
            "MassOrder",
            "Formats: service ID|link|quantity (; , or a tab also separate), or CSV/TSV with a"
            " header naming order fields: service, link, quantity, runs, interval, comments,"
            " usernames, username, min, max, posts, delay, answer_number… A list field takes one"
            " entry per line of a quoted cell, or | between entries; a panel column sends a line"
            " to another panel; # starts a comment.",
        )

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        label = QLabel(translate("MassOrder", "&Panel:"), self)
        label.setBuddy(self.panel_combo)
        bar.addWidget(label)
        bar.addWidget(self.panel_combo)
        bar.addWidget(self.open_button)
        bar.addWidget(self.source_label, 1)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.hint)

    # -- the contract ---------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.text_edit.toPlainText()

    def panel_id(self) -> int:
        return int(self.panel_combo.currentData(PANEL_ID_ROLE) or 0)

    def set_panels(self, panels: list[Panel], current: int) -> None:
        chosen = self.panel_id() or current
        self.panels.reload(panels)
        self.panel_combo.setCurrentIndex(max(0, self.panels.row_of(chosen)))

    def choose_panel(self, panel_id: int) -> None:
        row = self.panels.row_of(panel_id)
        if row >= 0:
            self.panel_combo.setCurrentIndex(row)

    def set_source(self, text: str) -> None:
        """What the preview shows: `orders.csv`, `Pasted lines`…"""
        self.source_label.setText(text)

    def set_editable(self, editable: bool) -> None:
        """While a batch is placed, nothing here may start another check."""
        for widget in (self.text_edit, self.panel_combo, self.open_button, self.check_button):
            widget.setEnabled(editable)

    def clear(self) -> None:
        self.text_edit.clear()
        self.source_label.clear()

    @Slot()
    def on_openButton_clicked(self) -> None:
        dialog = QFileDialog(self, translate("MassOrder", "Open a mass order"), str(Path.home()))
        dialog.setObjectName("massOpenDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(translate("MassOrder", "Orders (*.csv *.tsv *.txt);;All files (*)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # open() without blocking
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.on_openDialog_fileSelected)
        dialog.open()

    @Slot(str)
    def on_openDialog_fileSelected(self, path: str) -> None:
        if path:
            self.file_chosen.emit(Path(path))
