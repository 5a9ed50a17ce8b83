"""Opening the database at start-up, and what happens when the disk or the file is broken.

`Store.open` raises a typed `StoreError` with words for the user; here that becomes the
start-up dialog (`StorageProblemDialog`) instead of a traceback, and the way out the user
picks is carried out: restore the newest sound backup, open the history read-only, try
again, or quit. This sits beside `app.py` because it joins the store and a dialog, which
no layer below the application may do.

Signals:
    opened(OpenedStore)   the store is open; how, and what the user should be told
    gave_up()             the user chose Quit
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from smmdesk.paths import DATABASE_NAME
from smmdesk.store import DatabaseCorrupt, Store, StoreError, failures
from smmdesk.store.backups import Backup, newest_sound_backup, restore
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_time
from smmdesk.ui.window.storage_problem import Recovery, StorageProblemDialog
from smmdesk.workers import HistoryOpened

log = logging.getLogger("smmdesk.app")


@dataclass(frozen=True)
class OpenedStore:
    """`history` is already read when the store is read-only: the desk's start-up job
    writes (recovering interrupted orders, adding the demo row), so it cannot run."""

    store: Store
    history: HistoryOpened | None = None
    notice: str = ""


class StoreOpener(QObject):
    opened = Signal(object)
    gave_up = Signal()

    def __init__(self, path: Path, window: QWidget) -> None:
        super().__init__(window)
        self._path = path
        self._window = window
        self._backup: Backup | None = None
        self._notice = ""

    def start(self) -> None:
        self._attempt(read_only=False)

    def _attempt(self, read_only: bool) -> None:
        store: Store | None = None
        try:
            store = Store.open(self._path, read_only=read_only)
            history = as_it_is(store) if read_only else None
        except StoreError as problem:
            if store is not None:
                store.close()
            self._ask(problem)
            return
        if read_only:
            self._notice = read_only_notice(self._path)
        self.opened.emit(OpenedStore(store, history, self._notice))

    def _ask(self, problem: StoreError) -> None:
        log.warning("cannot open %s: %s", self._path, problem)
        corrupt = isinstance(problem, DatabaseCorrupt)
        self._backup = newest_sound_backup(self._path) if corrupt else None
        taken = self._backup.taken_at if self._backup is not None else None
        dialog = StorageProblemDialog(problem, taken, _exists(self._path), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self.on_dialog_chosen)
        dialog.open()

    @Slot(object)
    def on_dialog_chosen(self, recovery: Recovery) -> None:
        if recovery is Recovery.RESTORE:
            self._restore()
        elif recovery is Recovery.QUIT:
            self.gave_up.emit()
        else:
            self._attempt(read_only=recovery is Recovery.READ_ONLY)

    def _restore(self) -> None:
        backup = self._backup
        assert backup is not None, "Restore is offered only with a backup"
        try:
            aside = restore(self._path, backup)
        except StoreError as problem:
            self._ask(problem)
            return
        kept = f" The damaged file was kept as {aside}." if aside is not None else ""
        self._notice = f"Restored the backup from {format_time(backup.taken_at)}.{kept}"
        self._attempt(read_only=False)


def ask_about_folder(error: OSError, folder: Path) -> bool:
    """The data folder itself cannot be made: say why, on stderr and in the start-up
    dialog (before the main window exists); True when the user wants to try again."""
    problem = failures.from_os(error, folder / DATABASE_NAME)
    print(describe(problem).one_line, file=sys.stderr)  # noqa: T201 (command-line output)
    dialog = StorageProblemDialog(problem, None, history_exists=False)
    dialog.exec()
    dialog.deleteLater()
    return dialog.choice is Recovery.RETRY


def start_logging(log_dir: Path) -> None:
    """The log file, unless its folder cannot be written: that must not stop the app
    (the store's own problem is what the user is told about), so warnings go to stderr."""
    from smmdesk import logs

    try:
        logs.configure(log_dir)
    except OSError as error:
        logging.basicConfig(level=logging.WARNING)
        log.warning("no log file in %s: %s", log_dir, error)


def as_it_is(store: Store) -> HistoryOpened:
    """The history without the start-up writes: interrupted orders stay as they are."""
    panels = store.panels()
    demo = next((panel.id for panel in panels if panel.is_demo), 0)
    return HistoryOpened(0, demo, panels)


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder that may not be searched: no history to offer
        return False


def read_only_notice(path: Path) -> str:
    return (
        f"Read-only: the history is shown, but nothing new is saved while {path.parent} "
        "cannot be written. Restart SMMDesk once it can (or with --data-dir)."
    )
