"""`TableExporter`: "Copy as table" and "Export…" for a pane whose rows are in memory
(the Services and Refills panes; the Orders pane, paged from the store, has its own in
`BulkActions`).

The pane says what a copy holds (`copy_rows`, in the CSV's values) and how to start the
export job for a chosen file (`export`, a `Desk` call returning its ticket); this object
owns the two actions, the file dialog, the progress bar and the one-line outcome, and
listens to the `Desk` signal that answers the export. Emits no signals of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, SignalInstance, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QWidget

from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.job_progress import JobProgress
from smmdesk.ui.common.table_export import (
    copied_text,
    copy_table,
    copy_table_action,
    csv_save_dialog,
    exported_text,
)
from smmdesk.ui.common.text import excerpt, plain_label
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.workers import Desk, Exported, Ticket

CopyRows = Callable[[], list[list[str]]]
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
        """`copy_rows()` gives what "Copy as table" copies; `export(path)` starts the
        export job (None: nothing to export) whose answer comes on `exported`."""
        super().__init__(pane)
        self._pane, self._name, self._noun, self._header = pane, name, noun, header
        self._copy_rows, self._export = copy_rows, export
        self._serial = 0
        self.copy_action = copy_table_action(pane, f"{name}CopyTableAction")
        self.export_action = QAction("Export…", pane)
        self.export_action.setObjectName(f"{name}ExportAction")
        self.export_action.setToolTip(f"Save the {noun}s shown as a CSV file")
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
        rows = self._copy_rows()
        if rows:
            copy_table(self._header, rows)
            self.show_outcome(copied_text(len(rows), self._noun), Tone.GOOD)

    # -- export ---------------------------------------------------------------------------

    @Slot()
    def on_exportAction_triggered(self) -> None:
        title = f"Export {self._noun}s"
        dialog = csv_save_dialog(
            self._pane, title, f"{self._name}ExportDialog", f"{self._noun}s.csv"
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
        self.progress.follow(ticket, f"Exporting {self._noun}s")
        self.show_outcome(f"Exporting to {path}…", Tone.BUSY)

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
