"""`TableExporter`: "Copy as table" and "Export…" for a pane whose rows are in memory
(the Services and Refills panes; the Orders pane, paged from the store, has its own in
`BulkActions`).

The pane says what a copy holds (`copy_rows`, in the CSV's values) and how to start the
export job for a chosen file (`export`, a `Desk` call returning its ticket); this object
owns the two actions, the file dialog, the progress bar and the one-line outcome, and
listens to the `Desk` signal that answers the export. Emits no signals of its own.

A copy is built `COPY_SLICE` rows per turn of the event loop: copying 20,000 services in
one go held the GUI thread 95-160 ms on this machine (formatting, then the TSV), in
slices of 1,000 each turn takes under 10 ms.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, SignalInstance, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QWidget

from smmdesk.services.export import table_writer
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.job_progress import JobProgress
from smmdesk.ui.common.table_export import (
    copied_text,
    copy_table_action,
    csv_save_dialog,
    export_words,
    exported_text,
)
from smmdesk.ui.common.text import excerpt, plain_label
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.workers import Desk, Exported, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
CopyRows = Callable[[], Iterator[list[str]]]
COPY_SLICE = 1000
StartExport = Callable[[Path], Ticket | None]


class TableExporter(QObject):
    def __init__(
        self,
        desk: Desk,
        pane: QWidget,
        name: str,
        noun: str,
        header: Sequence[str],
        exported: SignalInstance,
        copy_rows: CopyRows,
        export: StartExport,
    ) -> None:
        """`copy_rows()` gives what "Copy as table" copies, lazily (it is read a slice at
        a time, so it should iterate over a list taken when called); `export(path)`
        starts the export job (None: nothing to export) answered on `exported`."""
        super().__init__(pane)
        self._pane, self._name, self._noun, self._header = pane, name, noun, header
        self._copy_rows, self._export = copy_rows, export
        self._serial = 0
        self._copying: Iterator[list[str]] = iter(())
        self._copied = 0
        self._buffer = io.StringIO()
        self.copy_action = copy_table_action(pane, f"{name}CopyTableAction")
        self._export_title, export_tip, self._exporting = export_words(noun)
        self.export_action = QAction(translate("TableExporter", "Export…"), pane)
        self.export_action.setObjectName(f"{name}ExportAction")
        self.export_action.setToolTip(export_tip)
        self.progress = JobProgress(desk, f"{name}ExportProgress", parent=pane)
        self.outcome_label = plain_label(pane, f"{name}Outcome", wrap=True, selectable=True)
        self.copy_action.triggered.connect(self.on_copyAction_triggered)
        self.export_action.triggered.connect(self.on_exportAction_triggered)
        exported.connect(self.on_desk_exported)
        desk.task_failed.connect(self.on_desk_task_failed)

    def status_row(self) -> QHBoxLayout:
        """The outcome and the progress bar, side by side, for the pane's layout."""
        row = QHBoxLayout()
        row.addWidget(self.outcome_label, 1)
        row.addWidget(self.progress, 1)
        return row

    def show_outcome(self, text: str, tone: Tone) -> None:
        self.outcome_label.setText(excerpt(text))
        self.outcome_label.setStyleSheet(current_tones().style(tone))

    # -- copy -----------------------------------------------------------------------------

    @Slot()
    def on_copyAction_triggered(self) -> None:
        """Start a copy (a copy still being built is dropped for the new one)."""
        self._copying, self._copied = self._copy_rows(), 0
        self._buffer = io.StringIO()
        table_writer(self._buffer).writerow(self._header)
        self.on_copyTimer_timeout()

    @Slot()
    def on_copyTimer_timeout(self) -> None:
        rows = list(islice(self._copying, COPY_SLICE))
        table_writer(self._buffer).writerows(rows)
        self._copied += len(rows)
        if len(rows) == COPY_SLICE:
            QTimer.singleShot(0, self, self.on_copyTimer_timeout)
            return
        if self._copied:
            QGuiApplication.clipboard().setText(self._buffer.getvalue())
            self.show_outcome(copied_text(self._copied, self._noun), Tone.GOOD)
        self._buffer = io.StringIO()

    # -- export ---------------------------------------------------------------------------

    @Slot()
    def on_exportAction_triggered(self) -> None:
        dialog = csv_save_dialog(
            self._pane, self._export_title, f"{self._name}ExportDialog", f"{self._noun}s.csv"
        )
        dialog.fileSelected.connect(self.on_exportDialog_fileSelected)
        dialog.open()

    @Slot(str)
    def on_exportDialog_fileSelected(self, path: str) -> None:
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        ticket = self._export(path)
        if ticket is None:
            return
        self._serial = ticket.serial
        self.progress.follow(ticket, self._exporting)
        self.show_outcome(
            translate("TableExporter", "Exporting to {path}…").format(path=path), Tone.BUSY
        )

    @Slot(object, object)
    def on_desk_exported(self, ticket: Ticket, exported: Exported) -> None:
        if self._answered(ticket):
            self.show_outcome(exported_text(exported.count, self._noun, exported.path), Tone.GOOD)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._answered(ticket):
            self.show_outcome(describe(error).one_line, Tone.BAD)

    def _answered(self, ticket: Ticket) -> bool:
        if not self._serial or ticket.serial != self._serial:
            return False
        self._serial = 0
        self.progress.finish()
        return True
