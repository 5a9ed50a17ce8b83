"""What the Orders, Services and Refills panes share to get data out: the CSV file dialog,
"Copy as table" on the clipboard, and the words that report either.

The values are those of `smmdesk.services.export` (ISO dates, plain decimals, formulas
defused) in both, so a file and a paste read the same. Writing a file is a `Desk` job;
a copy of rows already in memory is made here, on the GUI thread, only up to
`COPY_HERE_MAX` rows (about 30 ms; more go through a `Desk` job where one exists).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from smmdesk.services.export import table_text
from smmdesk.ui.common.format import plural

CSV_FILTER = "CSV files (*.csv)"
COPY_TABLE_SHORTCUT = "Ctrl+Shift+C"
COPY_TABLE_TIP = "Copy as tab-separated text with a header row, to paste into a spreadsheet"
COPY_HERE_MAX = 2000


def csv_save_dialog(parent: QWidget, title: str, name: str, file_name: str) -> QFileDialog:
    """A save dialog for a CSV file, not yet opened: connect `fileSelected`, then
    `open()` it (window-modal, no nested event loop). Qt's own dialog, since a native one
    can only be run blocking."""
    dialog = QFileDialog(parent, title, str(Path.home() / file_name))
    dialog.setObjectName(name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(CSV_FILTER)
    dialog.setDefaultSuffix("csv")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    return dialog


def copy_table_action(parent: QWidget, name: str) -> QAction:
    """The "Copy as table" action (Ctrl+Shift+C while focus is in `parent`)."""
    action = QAction("Copy as table", parent)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(COPY_TABLE_SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(COPY_TABLE_TIP)
    parent.addAction(action)
    return action


def copy_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Put `header` and `rows` on the clipboard as tab-separated text."""
    QGuiApplication.clipboard().setText(table_text(header, rows))


def copied_text(count: int, noun: str) -> str:
    """`Copied 3 orders as a table`."""
    return f"Copied {plural(count, noun)} as a table"


def exported_text(count: int, noun: str, path: Path) -> str:
    """`Exported 3,000 orders to /home/me/orders.csv`."""
    return f"Exported {plural(count, noun)} to {path}"
