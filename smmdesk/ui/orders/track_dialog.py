""" "Track existing order IDs": thousands of IDs pasted or taken from a CSV column, checked
with the panel in multi-status batches, with progress, Cancel and a copyable summary.

The IDs are counted as the user types or pastes (debounced): how many, how many
repeated, and — asked of the history through `Desk.find_tracked` — how many are already
tracked. "Track" hands the rest to `Desk.track_orders`, which records only IDs the panel
confirms; the dialog stays open to show progress and then what was tracked and what the
panel refused, in its own words. Closing it while the panel is asked does not stop
tracking: the Orders pane reports the outcome (it follows the ticket `tracking_started`
carries). A CSV file is read on the GUI thread: it is at most `id_import.MAX_FILE_BYTES`
(5 MB, read and sniffed in tens of milliseconds).

Signals:
    tracking_started(Ticket, int)   the panel is being asked about this many IDs
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QMimeData, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from smmdesk.services.id_import import (
    BadIdInput,
    IdList,
    IdTable,
    likely_id_column,
    read_id_file,
    split_ids,
)
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.common.job_progress import JobProgress
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.orders.orders_actions import track_report
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import Desk, OrdersUpdated, Ticket

COUNT_DELAY_MS = 250
MAX_PASTE_CHARS = 4_000_000  # ~250,000 IDs; a larger paste would freeze the text box
# Marked for lupdate, translated where shown.
FILE_FILTER = QT_TRANSLATE_NOOP(
    "TrackOrdersDialog", "CSV or text files (*.csv *.tsv *.txt);;All files (*)"
)
MESSAGE = QT_TRANSLATE_NOOP(
    "TrackOrdersDialog",
    "Paste the IDs of orders placed on this panel outside SMMDesk — separated by new "
    "lines, commas, spaces or tabs — or open a CSV file and pick its ID column. The panel "
    "is asked about each; only the IDs it confirms are added, with their status.",
)


class IdsEdit(QPlainTextEdit):
    """The ID box; a paste too large to be IDs is refused (`paste_refused(str)`)."""

    paste_refused = Signal(str)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if len(text) > MAX_PASTE_CHARS:
            refused = translate(
                "TrackOrdersDialog",
                "Nothing was pasted: {count} characters is more than a list of order IDs. "
                "Paste the ID column only, or open the file.",
            )
            self.paste_refused.emit(refused.format(count=format_count(len(text))))
            return
        super().insertFromMimeData(source)


class TrackOrdersDialog(AskDialog):
    tracking_started = Signal(object, int)

    def __init__(self, desk: Desk, panel_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("TrackOrdersDialog", "Track existing order IDs"),
            "trackOrdersDialog",
            translate("TrackOrdersDialog", str(MESSAGE)),
            parent,
        )
        self._desk, self._panel_id = desk, panel_id
        self._ids = IdList()
        self._table: IdTable | None = None
        self._file_name = ""
        self._find_serial = 0
        self._ticket: Ticket | None = None
        self._build()
        self._connect()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.on_countTimer_timeout()

    def order_ids(self) -> list[str]:
        """The IDs in the box, each once, in the order given."""
        return list(self._ids.unique)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.ids_edit = IdsEdit(self)
        self.ids_edit.setObjectName("trackOrderIdsEdit")
        self.ids_edit.setPlaceholderText("23501\n23502, 23503\n…")
        self.open_button = QPushButton(translate("TrackOrdersDialog", "Open CSV file…"), self)
        self.open_button.setObjectName("trackOpenFileButton")
        self.column_combo = QComboBox(self)
        self.column_combo.setObjectName("trackColumnCombo")
        self.column_combo.setToolTip(
            translate("TrackOrdersDialog", "The column of the file that holds the order IDs")
        )
        self.column_combo.hide()
        self.source_label = plain_label(self, "trackSource")
        source_row = QHBoxLayout()
        source_row.addWidget(self.open_button)
        source_row.addWidget(self.column_combo)
        source_row.addWidget(self.source_label, 1)
        self.count_label = plain_label(self, "trackOrderIdsCount", wrap=True)
        self.progress = JobProgress(self._desk, "trackProgress", cancellable=True, parent=self)
        self.summary_label = plain_label(self, "trackSummaryLabel", wrap=True, selectable=True)
        self.summary_text = QPlainTextEdit(self)
        self.summary_text.setObjectName("trackSummaryText")
        self.summary_text.setReadOnly(True)
        self.summary_text.hide()
        for row in (self.ids_edit, source_row, self.count_label, self.progress):
            self.form.addRow(row)
        self.form.addRow(self.summary_label)
        self.form.addRow(self.summary_text)
        self.ok_button = self.buttons.addButton(
            translate("TrackOrdersDialog", "Track"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.ok_button.setObjectName("trackOkButton")
        self.ok_button.setDefault(True)
        self.copy_button = self.buttons.addButton(
            translate("TrackOrdersDialog", "Copy summary"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("trackCopyButton")
        self.copy_button.hide()
        self.close_button = self.add_button(
            QDialogButtonBox.StandardButton.Close, "trackCancelButton"
        )
        self.count_timer = QTimer(self)
        self.count_timer.setObjectName("trackCountTimer")
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(COUNT_DELAY_MS)

    def _connect(self) -> None:
        self.ids_edit.textChanged.connect(self.on_ids_edit_textChanged)
        self.ids_edit.paste_refused.connect(self.on_ids_edit_paste_refused)
        self.count_timer.timeout.connect(self.on_countTimer_timeout)
        self.open_button.clicked.connect(self.on_openButton_clicked)
        self.column_combo.activated.connect(self.on_columnCombo_activated)
        self.ok_button.clicked.connect(self.on_okButton_clicked)
        self.copy_button.clicked.connect(self.on_copyButton_clicked)
        self._desk.tracked_found.connect(self.on_desk_tracked_found)
        self._desk.orders_updated.connect(self.on_desk_orders_updated)
        self._desk.task_failed.connect(self.on_desk_task_failed)

    # -- counting -------------------------------------------------------------------------

    @Slot()
    def on_ids_edit_textChanged(self) -> None:
        self.ok_button.setEnabled(False)
        self.count_timer.start()

    @Slot(str)
    def on_ids_edit_paste_refused(self, why: str) -> None:
        self.count_label.setText(why)

    @Slot()
    def on_countTimer_timeout(self) -> None:
        self._find_serial = 0
        try:
            self._ids = IdList.of(split_ids(self.ids_edit.toPlainText()))
        except BadIdInput as bad:
            self._ids = IdList()
            self.count_label.setText(str(bad))
            self.ok_button.setEnabled(False)
            return
        self.count_label.setText(self._count_text())
        self.ok_button.setEnabled(bool(self._ids.unique) and self._ticket is None)
        if self._ids.unique:
            ticket = self._desk.find_tracked(self._panel_id, self._ids.unique)
            self._find_serial = ticket.serial

    def _count_text(self, tracked: int | None = None) -> str:
        """`3,000 IDs, 12 repeated, 40 already tracked`."""
        parts = [
            counted(
                len(self._ids.unique),
                translate("TrackOrdersDialog", "1 ID"),
                translate("TrackOrdersDialog", "{count} IDs"),
            )
        ]
        if self._ids.repeated:
            repeated = translate("TrackOrdersDialog", "{count} repeated")
            parts.append(repeated.format(count=format_count(self._ids.repeated)))
        if tracked:
            already = translate("TrackOrdersDialog", "{count} already tracked")
            parts.append(already.format(count=format_count(tracked)))
        return ", ".join(parts)

    @Slot(object, object)
    def on_desk_tracked_found(self, ticket: Ticket, found: frozenset[str]) -> None:
        if ticket.serial == self._find_serial:
            self.count_label.setText(self._count_text(len(found)))

    # -- a CSV file -----------------------------------------------------------------------

    @Slot()
    def on_openButton_clicked(self) -> None:
        title = translate("TrackOrdersDialog", "Open a file of order IDs")
        dialog = QFileDialog(self, title, str(Path.home()))
        dialog.setObjectName("trackOpenDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(translate("TrackOrdersDialog", str(FILE_FILTER)))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # open() without blocking
        dialog.fileSelected.connect(self.on_openDialog_fileSelected)
        dialog.open()

    @Slot(str)
    def on_openDialog_fileSelected(self, path: str) -> None:
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        """Read `path` as a table and fill the box with the column most likely to hold IDs."""
        try:
            self._table = read_id_file(path)
        except BadIdInput as bad:
            self.source_label.setText(f"{path.name}: {bad}")
            return
        self._file_name = path.name
        self.column_combo.clear()
        self.column_combo.addItems(self._table.column_names())
        self.column_combo.setCurrentIndex(likely_id_column(self._table))
        self.column_combo.setVisible(self._table.width > 1)
        self._fill_from_column()

    @Slot(int)
    def on_columnCombo_activated(self, _index: int) -> None:
        self._fill_from_column()

    def _fill_from_column(self) -> None:
        if self._table is None:
            return
        ids = self._table.column(max(self.column_combo.currentIndex(), 0))
        self.ids_edit.setPlainText("\n".join(ids))
        column, name = self.column_combo.currentText(), self._file_name
        if self._table.width > 1:
            name = translate("TrackOrdersDialog", "{file} · column “{column}”").format(
                file=name, column=column
            )
        self.source_label.setText(name)

    # -- tracking -------------------------------------------------------------------------

    @Slot()
    def on_okButton_clicked(self) -> None:
        if not self._ids.unique or self._ticket is not None:
            return
        self._ticket = self._desk.track_orders(self._panel_id, self._ids.unique)
        self._set_running(True)
        self.progress.follow(self._ticket, translate("TrackOrdersDialog", "Asking the panel"))
        self.tracking_started.emit(self._ticket, len(self._ids.unique))

    def _set_running(self, running: bool) -> None:
        for widget in (self.ids_edit, self.open_button, self.column_combo):
            widget.setEnabled(not running)
        self.ok_button.setEnabled(not running and bool(self._ids.unique))
        self.summary_label.clear()
        self.summary_text.hide()
        self.copy_button.hide()

    @Slot(object, object)
    def on_desk_orders_updated(self, ticket: Ticket, updated: OrdersUpdated) -> None:
        if self._ticket is None or ticket.serial != self._ticket.serial:
            return
        self._ticket = None
        self.progress.finish()
        headline, details = track_report(updated)
        self.summary_label.setText(headline)
        self.summary_text.setPlainText(details)
        self.summary_text.setVisible(bool(details))
        self.copy_button.show()
        self.ok_button.hide()
        self.ids_edit.setEnabled(False)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._ticket is not None and ticket.serial == self._ticket.serial:
            self._ticket = None
            self.progress.finish()
            self._set_running(False)
            nothing = translate("TrackOrdersDialog", "Nothing more was tracked: {problem}")
            self.summary_label.setText(nothing.format(problem=describe(error).one_line))
        elif ticket.serial == self._find_serial:
            self._find_serial = 0  # the count stays without "already tracked"

    @Slot()
    def on_copyButton_clicked(self) -> None:
        text = "\n".join(
            t for t in (self.summary_label.text(), self.summary_text.toPlainText()) if t
        )
        QGuiApplication.clipboard().setText(text)
