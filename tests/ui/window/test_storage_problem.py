"""The start-up dialog for a database that cannot be opened, driven for real: problems
from a real `Store.open` on broken files, the ways out that apply to each, plain text, and
the choice reported on `chosen`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from smmdesk.store import (
    CannotOpen,
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFull,
    ReadOnlyStorage,
    Store,
    StoreError,
)
from smmdesk.store.backups import newest_sound_backup
from smmdesk.ui.window.storage_problem import Recovery, StorageProblemDialog, recoveries
from tests.store.disks import (
    Impatient,
    PageCapped,
    ReadOnlyHandle,
    locked_by_another_program,
    overwrite_header,
    page_count,
)
from tests.store.test_db import build_v1

TAKEN = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)
R = Recovery


def problem_of(opening: Callable[[], object]) -> StoreError:
    """The error a real open raised."""
    with pytest.raises(StoreError) as raised:
        opening()
    return raised.value


def damaged_with_backup(folder: Path) -> Path:
    path = folder / "smmdesk.db"
    build_v1(path)
    Store.open(path).close()  # migrated: the v1 backup is beside it
    overwrite_header(path)
    return path


def test_each_problem_offers_the_ways_out_that_can_work(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    Store.open(path).close()
    full = problem_of(lambda: Store.on(PageCapped(tmp_path / "new.db", pages=1)))
    read_only = problem_of(lambda: Store.on(ReadOnlyHandle(path)))
    with locked_by_another_program(path):
        locked = problem_of(lambda: Store.on(Impatient(path)))
    overwrite_header(path)
    damaged = problem_of(lambda: Store.open(path))
    cannot = problem_of(lambda: Store.open(tmp_path))
    assert isinstance(full, DiskFull) and isinstance(read_only, ReadOnlyStorage)
    assert isinstance(locked, DatabaseLocked) and isinstance(damaged, DatabaseCorrupt)
    assert isinstance(cannot, CannotOpen)
    assert recoveries(damaged, TAKEN, True) == [R.RESTORE, R.QUIT]
    assert recoveries(damaged, None, True) == [R.QUIT]
    for browsable in (full, read_only, locked):
        assert recoveries(browsable, None, True) == [R.READ_ONLY, R.RETRY, R.QUIT]
        assert recoveries(browsable, None, False) == [R.RETRY, R.QUIT]
    assert recoveries(cannot, None, True) == [R.RETRY, R.QUIT]
    assert recoveries(StoreError("written by a newer SMMDesk"), None, True) == [R.QUIT]


def open_dialog(qtbot: QtBot, problem: StoreError, taken: datetime | None) -> StorageProblemDialog:
    dialog = StorageProblemDialog(problem, taken, history_exists=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def label(dialog: StorageProblemDialog, name: str) -> QLabel:
    found = dialog.findChild(QLabel, name)
    assert isinstance(found, QLabel)
    assert found.textFormat() is Qt.TextFormat.PlainText
    return found


def test_a_damaged_database_offers_its_backup_by_date(qtbot: QtBot, tmp_path: Path) -> None:
    path = damaged_with_backup(tmp_path)
    backup = newest_sound_backup(path)
    assert backup is not None
    dialog = open_dialog(qtbot, problem_of(lambda: Store.open(path)), backup.taken_at)
    assert label(dialog, "problemTitle").text() == "The database is damaged"
    assert str(path) in label(dialog, "problemText").text()
    assert "--data-dir" in label(dialog, "dataDirHint").text()
    restore = dialog.findChild(QPushButton, "restoreButton")
    assert isinstance(restore, QPushButton)
    assert (
        restore.text() == f"Restore the backup from {backup.taken_at.astimezone():%Y-%m-%d %H:%M}"
    )
    assert dialog.findChild(QPushButton, "readOnlyButton") is None
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert chosen.args == [Recovery.RESTORE] and not dialog.isVisible()


def test_a_read_only_folder_offers_the_history_read_only(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    Store.open(path).close()
    dialog = open_dialog(qtbot, problem_of(lambda: Store.on(ReadOnlyHandle(path))), None)
    assert label(dialog, "problemTitle").text() == "Cannot write to the data folder"
    assert str(tmp_path) in label(dialog, "problemText").text()
    read_only = dialog.findChild(QPushButton, "readOnlyButton")
    assert isinstance(read_only, QPushButton)
    assert read_only.text() == "Open the history read-only"
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(read_only, Qt.MouseButton.LeftButton)
    assert chosen.args == [Recovery.READ_ONLY]


def test_a_full_disk_can_be_tried_again(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    problem = problem_of(lambda: Store.on(PageCapped(path, pages=page_count(path))))
    dialog = open_dialog(qtbot, problem, None)
    assert label(dialog, "problemTitle").text() == "The disk is full"
    retry = dialog.findChild(QPushButton, "retryButton")
    assert isinstance(retry, QPushButton)
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert chosen.args == [Recovery.RETRY]


def test_closing_the_dialog_is_quit(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, problem_of(lambda: Store.open(tmp_path)), None)
    assert isinstance(dialog.findChild(QPushButton, "quitButton"), QPushButton)
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert chosen.args == [Recovery.QUIT] and dialog.choice is Recovery.QUIT
