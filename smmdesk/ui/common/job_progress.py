"""`JobProgress`: a progress bar for one long `Desk` job at a time (an export, tracking
thousands of IDs), with an optional Cancel.

It listens to `Desk.progressed` for the ticket it was told to follow and is hidden when
it follows nothing; whoever started the job calls `finish()` when its answer (or
failure) arrives. Cancel asks `Desk.cancel(ticket)`; the job then answers with what it
did. Emits no signals of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from smmdesk.ui.common.format import format_count
from smmdesk.workers import Desk, Progress, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class JobProgress(QWidget):
    def __init__(
        self, desk: Desk, name: str, cancellable: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._desk = desk
        self._ticket: Ticket | None = None
        self._doing = ""
        self.label = QLabel(self)
        self.label.setObjectName(f"{name}Label")
        self.bar = QProgressBar(self)
        self.bar.setObjectName(f"{name}Bar")
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(translate("JobProgress", "Cancel"), self)
        self.cancel_button.setObjectName(f"{name}Cancel")
        self.cancel_button.setVisible(cancellable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.on_cancelButton_clicked)
        desk.progressed.connect(self.on_desk_progressed)
        self.hide()

    @property
    def following(self) -> Ticket | None:
        return self._ticket

    def follow(self, ticket: Ticket, doing: str) -> None:
        """Show the progress of `ticket`'s job; `doing` reads like "Exporting orders" (in the
        user's language: the caller translates it)."""
        self._ticket, self._doing = ticket, doing
        self.bar.setRange(0, 0)  # busy until the job says how much there is
        self.label.setText(translate("JobProgress", "{doing}…").format(doing=doing))
        self.cancel_button.setEnabled(True)
        self.show()

    def finish(self) -> None:
        self._ticket = None
        self.hide()

    @Slot(object, object)
    def on_desk_progressed(self, ticket: Ticket, progress: Progress) -> None:
        if self._ticket is None or ticket.serial != self._ticket.serial:
            return
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(min(progress.done, progress.total))
        self.label.setText(
            translate("JobProgress", "{doing}: {done} of {total}").format(
                doing=self._doing,
                done=format_count(progress.done),
                total=format_count(progress.total),
            )
        )

    @Slot()
    def on_cancelButton_clicked(self) -> None:
        if self._ticket is not None and self._desk.cancel(self._ticket):
            self.cancel_button.setEnabled(False)
            self.label.setText(
                translate("JobProgress", "{doing}: stopping…").format(doing=self._doing)
            )
