"""The actions on the selected lines of the Mass order pane: Edit line…, Skip, Include,
Send anyway, Hold again, Remove (before placing), Edit and send again… (a rejected line,
after), and Copy results; each offered only when the selection and the phase allow it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication

from smmdesk.services.mass_check import CheckedLine, LineVerdict
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.format import counted
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.mass import cells
from smmdesk.ui.mass.chrome import MassChrome
from smmdesk.ui.mass.dialogs import EditLineDialog
from smmdesk.ui.mass.preview_proxy import PreviewProxy
from smmdesk.ui.mass.session import MassSession, Phase

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class LineActions(QObject):
    """Gives the chrome's line actions their behaviour, through the session."""

    def __init__(self, chrome: MassChrome, session: MassSession, proxy: PreviewProxy) -> None:
        super().__init__(chrome)
        self._chrome = chrome
        self._session = session
        self._proxy = proxy
        self._model = session.model
        chrome.view.selectionModel().selectionChanged.connect(self.update)
        chrome.view.doubleClicked.connect(self.on_view_doubleClicked)
        chrome.copy_button.clicked.connect(self.on_copyAction_triggered)
        chrome.copy_action.triggered.connect(self.on_copyAction_triggered)
        session.resent.connect(self.on_session_resent)
        for action, slot in (
            (chrome.edit_action, self.on_editAction_triggered),
            (chrome.skip_action, self.on_skipAction_triggered),
            (chrome.include_action, self.on_includeAction_triggered),
            (chrome.release_action, self.on_releaseAction_triggered),
            (chrome.hold_action, self.on_holdAction_triggered),
            (chrome.remove_action, self.on_removeAction_triggered),
            (chrome.resend_action, self.on_resendAction_triggered),
        ):
            action.triggered.connect(slot)

    def selected_lines(self) -> list[CheckedLine]:
        rows = self._chrome.view.selectionModel().selectedRows()
        return [self._proxy.line(index.row()) for index in sorted(rows, key=lambda i: i.row())]

    @Slot()
    def update(self) -> None:
        """Offer what the selection and the phase allow."""
        lines = self.selected_lines()
        preview = self._session.phase is Phase.PREVIEW
        numbers = {line.line.number for line in lines}
        self._chrome.edit_action.setEnabled(preview and len(lines) == 1)
        self._chrome.skip_action.setEnabled(
            preview and any(n not in self._session.edits.skipped for n in numbers)
        )
        self._chrome.include_action.setEnabled(
            preview and bool(numbers & self._session.edits.skipped)
        )
        held = any(line.verdict is LineVerdict.HELD for line in lines)
        self._chrome.release_action.setEnabled(preview and held)
        self._chrome.hold_action.setEnabled(preview and any(line.released for line in lines))
        self._chrome.remove_action.setEnabled(preview and bool(lines))
        self._chrome.resend_action.setEnabled(
            len(lines) == 1 and self._session.can_resend(lines[0].line.number)
        )
        self._chrome.copy_action.setEnabled(self._model.rowCount() > 0)
        self._chrome.copy_button.setEnabled(self._model.rowCount() > 0)

    @Slot()
    def on_editAction_triggered(self) -> None:
        lines = self.selected_lines()
        if len(lines) == 1 and self._session.phase is Phase.PREVIEW:
            dialog = EditLineDialog(lines[0], self._chrome)
            dialog.accepted.connect(self.on_editLineDialog_accepted)
            dialog.open()

    @Slot()
    def on_editLineDialog_accepted(self) -> None:
        dialog = self.sender()
        if isinstance(dialog, EditLineDialog) and not dialog.resend:
            number = dialog.checked.line.number
            self._session.edit_line(number, dialog.service_id() or None, dialog.values())
        elif isinstance(dialog, EditLineDialog):
            draft = dialog.draft()
            if draft is not None:
                self._session.resend(dialog.checked.line.number, draft)
                self._chrome.show_message(
                    translate("MassOrder", "Sending line {number} again…").format(
                        number=dialog.checked.line.number
                    ),
                    Tone.BUSY,
                )

    @Slot()
    def on_view_doubleClicked(self) -> None:
        """The Other fields cell (and any cell of a line not editable in place) opens
        the line's editor; a rejected line's opens the editor to send it again."""
        index = self._chrome.view.currentIndex()
        if not index.isValid() or self._proxy.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        if self._session.phase is Phase.PREVIEW:
            self.on_editAction_triggered()
        elif self._chrome.resend_action.isEnabled():
            self.on_resendAction_triggered()

    @Slot()
    def on_skipAction_triggered(self) -> None:
        self._session.set_skipped(self._selected_numbers(), True)

    @Slot()
    def on_includeAction_triggered(self) -> None:
        self._session.set_skipped(self._selected_numbers(), False)

    @Slot()
    def on_releaseAction_triggered(self) -> None:
        self._session.set_released(self._selected_numbers(), True)

    @Slot()
    def on_holdAction_triggered(self) -> None:
        self._session.set_released(self._selected_numbers(), False)

    @Slot()
    def on_removeAction_triggered(self) -> None:
        numbers = self._selected_numbers()
        self._session.remove(numbers)
        if numbers:
            removed = counted(
                len(numbers),
                translate("MassOrder", "1 line removed"),
                translate("MassOrder", "{count} lines removed"),
            )
            self._chrome.show_message(removed, Tone.MUTED)

    @Slot()
    def on_resendAction_triggered(self) -> None:
        lines = self.selected_lines()
        if len(lines) == 1 and self._session.can_resend(lines[0].line.number):
            dialog = EditLineDialog(lines[0], self._chrome, resend=True)
            dialog.accepted.connect(self.on_editLineDialog_accepted)
            dialog.open()

    @Slot(int, object)
    def on_session_resent(self, number: int, record: OrderRecord) -> None:
        placed = record.journal_state is JournalState.PLACED
        text = cells.outcome_text(record, True)
        self._chrome.show_message(
            translate("MassOrder", "Line {number}: {outcome}").format(number=number, outcome=text),
            Tone.GOOD if placed else Tone.WARN,
        )

    @Slot()
    def on_copyAction_triggered(self) -> None:
        """The selected lines, or every line the current tab shows, as a table."""
        lines = (
            self.selected_lines()
            if len(self._chrome.view.selectionModel().selectedRows()) > 1
            else []
        )
        lines = lines or [self._proxy.line(row) for row in range(self._proxy.rowCount())]
        placed = self._model.placed
        rows = (
            cells.result_row(
                line,
                self._model.record(line.line.number),
                in_batch=self._model.in_batch(line.line.number),
                placed=placed,
            )
            for line in lines
        )
        QGuiApplication.clipboard().setText(cells.results_tsv(rows))
        copied = counted(
            len(lines),
            translate("MassOrder", "1 line copied as a table"),
            translate("MassOrder", "{count} lines copied as a table"),
        )
        self._chrome.show_message(copied, Tone.MUTED)

    def _selected_numbers(self) -> list[int]:
        return [line.line.number for line in self.selected_lines()]
