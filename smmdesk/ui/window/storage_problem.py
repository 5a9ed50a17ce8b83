"""The start-up dialog for a database SMMDesk cannot open: the problem in words and the
ways out that apply, instead of a traceback.

Which ways apply follows from the problem: a damaged file can be swapped for the newest
sound backup; when the folder cannot be written (read-only, full, locked by another
program) the history can still be browsed read-only; what may pass (space freed, the other
program closed) can be tried again; Quit is always there, with the hint that `--data-dir`
starts SMMDesk on another folder.

Signals:
    chosen(Recovery)   the user picked a way out; closing the dialog is Quit
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from smmdesk.store import (
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFull,
    ReadOnlyStorage,
    StorageProblem,
    StoreError,
)
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_time
from smmdesk.ui.common.text import plain_label

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class Recovery(Enum):
    RESTORE = "restore"
    READ_ONLY = "read_only"
    RETRY = "retry"
    QUIT = "quit"


_BROWSABLE = (ReadOnlyStorage, DiskFull, DatabaseLocked)


def recoveries(
    problem: StoreError, backup_taken: datetime | None, history_exists: bool
) -> list[Recovery]:
    """The ways out that can work for `problem`, in the order they are offered."""
    offered = []
    if isinstance(problem, DatabaseCorrupt) and backup_taken is not None:
        offered.append(Recovery.RESTORE)
    if isinstance(problem, _BROWSABLE) and history_exists:
        offered.append(Recovery.READ_ONLY)
    if isinstance(problem, StorageProblem) and not isinstance(problem, DatabaseCorrupt):
        offered.append(Recovery.RETRY)
    offered.append(Recovery.QUIT)
    return offered


class StorageProblemDialog(QDialog):
    chosen = Signal(object)

    def __init__(
        self,
        problem: StoreError,
        backup_taken: datetime | None,
        history_exists: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("storageProblemDialog")
        self.setWindowTitle(translate("StorageProblemDialog", "SMMDesk cannot open its data"))
        self.setModal(True)
        self.choice: Recovery | None = None
        self._backup_taken = backup_taken
        self._group = QButtonGroup(self)
        self._group.idClicked.connect(self.on_group_id_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(self._words(problem))
        layout.addLayout(self._buttons(recoveries(problem, backup_taken, history_exists)))

    def button(self, recovery: Recovery) -> QPushButton | None:
        found = self._group.button(list(Recovery).index(recovery))
        return found if isinstance(found, QPushButton) else None

    def _words(self, problem: StoreError) -> QHBoxLayout:
        described = describe(problem)
        icon = QLabel(self)
        size = self.fontMetrics().height() * 3
        critical = QStyle.StandardPixmap.SP_MessageBoxCritical
        icon.setPixmap(self.style().standardIcon(critical).pixmap(size, size))
        title = plain_label(self, "problemTitle", wrap=True, selectable=True, text=described.title)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(
            plain_label(self, "problemText", wrap=True, selectable=True, text=described.text)
        )
        hint = translate(
            "StorageProblemDialog",
            "To keep SMMDesk's data in another folder, start it with --data-dir, for example: "
            "smmdesk --data-dir D:\\SMMDesk",
        )
        words.addWidget(plain_label(self, "dataDirHint", wrap=True, selectable=True, text=hint))
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        return row

    def _buttons(self, offered: list[Recovery]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for recovery in offered:
            button = QPushButton(self._caption(recovery), self)
            button.setObjectName(f"{_camel(recovery.value)}Button")
            self._group.addButton(button, list(Recovery).index(recovery))
            row.addWidget(button)
        first = self._group.buttons()[0]
        if isinstance(first, QPushButton):
            first.setDefault(True)
        return row

    def _caption(self, recovery: Recovery) -> str:
        if recovery is Recovery.RESTORE:
            restore = translate("StorageProblemDialog", "Restore the backup from {time}")
            return restore.format(time=format_time(self._backup_taken))
        captions = {
            Recovery.READ_ONLY: translate("StorageProblemDialog", "Open the history read-only"),
            Recovery.RETRY: translate("StorageProblemDialog", "Try again"),
            Recovery.QUIT: translate("StorageProblemDialog", "Quit"),
        }
        return captions[recovery]

    @Slot(int)
    def on_group_id_clicked(self, index: int) -> None:
        self._choose(list(Recovery)[index])

    def reject(self) -> None:
        """Escape or the window's close button: Quit."""
        self._choose(Recovery.QUIT)

    def _choose(self, recovery: Recovery) -> None:
        self.choice = recovery
        self.done(QDialog.DialogCode.Accepted.value)
        self.chosen.emit(recovery)


def _camel(snake: str) -> str:
    first, *rest = snake.split("_")
    return first + "".join(word.title() for word in rest)
