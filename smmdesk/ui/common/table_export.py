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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from smmdesk.services.export import table_text
from smmdesk.ui.common.format import format_count, plural

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
# Marked for lupdate, translated where shown (context "TableExport").
CSV_FILTER = str(QT_TRANSLATE_NOOP("TableExport", "CSV files (*.csv)"))
COPY_TABLE_SHORTCUT = "Ctrl+Shift+C"
COPY_TABLE_TIP = str(
    QT_TRANSLATE_NOOP(
        "TableExport",
        "Copy as tab-separated text with a header row, to paste into a spreadsheet",
    )
)
COPY_HERE_MAX = 2000
# What a copy or an export of each kind of row says, one whole sentence for one row and
# one for more (word order and plurals differ between languages). A noun not listed here
# is said in English.
_COPIED = {
    "order": (
        QT_TRANSLATE_NOOP("TableExport", "Copied 1 order as a table"),
        QT_TRANSLATE_NOOP("TableExport", "Copied {count} orders as a table"),
    ),
    "service": (
        QT_TRANSLATE_NOOP("TableExport", "Copied 1 service as a table"),
        QT_TRANSLATE_NOOP("TableExport", "Copied {count} services as a table"),
    ),
    "refill": (
        QT_TRANSLATE_NOOP("TableExport", "Copied 1 refill as a table"),
        QT_TRANSLATE_NOOP("TableExport", "Copied {count} refills as a table"),
    ),
}
_EXPORTED = {
    "order": (
        QT_TRANSLATE_NOOP("TableExport", "Exported 1 order to {path}"),
        QT_TRANSLATE_NOOP("TableExport", "Exported {count} orders to {path}"),
    ),
    "service": (
        QT_TRANSLATE_NOOP("TableExport", "Exported 1 service to {path}"),
        QT_TRANSLATE_NOOP("TableExport", "Exported {count} services to {path}"),
    ),
    "refill": (
        QT_TRANSLATE_NOOP("TableExport", "Exported 1 refill to {path}"),
        QT_TRANSLATE_NOOP("TableExport", "Exported {count} refills to {path}"),
    ),
}
# The Export… action of a pane whose rows are in memory: its dialog title, its tooltip
# and what its progress bar says.
_EXPORTING = {
    "service": (
        QT_TRANSLATE_NOOP("TableExport", "Export services"),
        QT_TRANSLATE_NOOP("TableExport", "Save the services shown as a CSV file"),
        QT_TRANSLATE_NOOP("TableExport", "Exporting services"),
    ),
    "refill": (
        QT_TRANSLATE_NOOP("TableExport", "Export refills"),
        QT_TRANSLATE_NOOP("TableExport", "Save the refills shown as a CSV file"),
        QT_TRANSLATE_NOOP("TableExport", "Exporting refills"),
    ),
}


def csv_save_dialog(parent: QWidget, title: str, name: str, file_name: str) -> QFileDialog:
    """A save dialog for a CSV file, not yet opened: connect `fileSelected`, then
    `open()` it (window-modal, no nested event loop). Qt's own dialog, since a native one
    can only be run blocking."""
    dialog = QFileDialog(parent, title, str(Path.home() / file_name))
    dialog.setObjectName(name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(_tr(CSV_FILTER))
    dialog.setDefaultSuffix("csv")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    return dialog


def copy_table_action(parent: QWidget, name: str) -> QAction:
    """The "Copy as table" action (Ctrl+Shift+C while focus is in `parent`)."""
    action = QAction(translate("TableExport", "Copy as table"), parent)
    action.setObjectName(name)
    action.setShortcut(QKeySequence(COPY_TABLE_SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(_tr(COPY_TABLE_TIP))
    parent.addAction(action)
    return action


def copy_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Put `header` and `rows` on the clipboard as tab-separated text."""
    QGuiApplication.clipboard().setText(table_text(header, rows))


def copied_text(count: int, noun: str) -> str:
    """`Copied 3 orders as a table`."""
    if noun not in _COPIED:
        return f"Copied {plural(count, noun)} as a table"
    one, many = _COPIED[noun]
    return _tr(str(one if count == 1 else many)).format(count=format_count(count))


def exported_text(count: int, noun: str, path: Path) -> str:
    """`Exported 3,000 orders to /home/me/orders.csv`."""
    if noun not in _EXPORTED:
        return f"Exported {plural(count, noun)} to {path}"
    one, many = _EXPORTED[noun]
    return _tr(str(one if count == 1 else many)).format(count=format_count(count), path=path)


def export_words(noun: str) -> tuple[str, str, str]:
    """The Export… dialog's title, the action's tooltip and what the progress bar says
    while it runs: `Export services`, `Save the services shown as a CSV file`,
    `Exporting services`."""
    if noun not in _EXPORTING:
        return f"Export {noun}s", f"Save the {noun}s shown as a CSV file", f"Exporting {noun}s"
    title, tip, doing = (_tr(str(text)) for text in _EXPORTING[noun])
    return title, tip, doing


def _tr(text: str) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP("TableExport", …) above."""
    return translate("TableExport", text)
