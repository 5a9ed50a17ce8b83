"""One SMMDesk per data folder: a second process on the same folder gives way and asks the
first to come to the front; another folder runs side by side."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk.instance import InstanceGuard

SECOND_LAUNCH = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from smmdesk.instance import InstanceGuard
app = QCoreApplication([])
guard = InstanceGuard(Path(sys.argv[1]))
sys.exit(0 if guard.acquire() else 3)
"""


def second_launch(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, str(folder)])


def test_a_second_process_on_the_folder_gives_way_and_activates_the_first(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    first = InstanceGuard(tmp_path / "data")
    assert first.acquire()
    first.listen()
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=30_000):
            process = second_launch(tmp_path / "data")
            qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
        assert process.returncode == 3
    finally:
        first.release()


def test_another_folder_runs_side_by_side(qapp: QApplication, tmp_path: Path) -> None:
    first = InstanceGuard(tmp_path / "one")
    assert first.acquire()
    try:
        process = second_launch(tmp_path / "two")
        assert process.wait(timeout=30) == 0
    finally:
        first.release()


def test_the_folder_is_free_again_after_release(qapp: QApplication, tmp_path: Path) -> None:
    first = InstanceGuard(tmp_path / "data")
    assert first.acquire()
    first.release()
    assert second_launch(tmp_path / "data").wait(timeout=30) == 0


def test_a_dead_owners_lock_is_taken_over(qapp: QApplication, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path; from smmdesk.instance import "
            "InstanceGuard; guard = InstanceGuard(Path(sys.argv[1])); "
            "assert guard.acquire(); os._exit(9)",
            str(folder),
        ],
        check=False,
        timeout=30,
    )
    assert killed.returncode == 9 and (folder / "smmdesk.lock").exists()
    guard = InstanceGuard(folder)
    assert guard.acquire()
    guard.release()


def test_a_lock_that_cannot_be_written_is_not_another_instance(qapp: QApplication) -> None:
    """A read-only folder must reach the store's own explanation, not 'already running'."""
    folder = Path("/proc/self/fdinfo")  # exists, but no file can be created in it
    guard = InstanceGuard(folder)
    assert guard.acquire()
    guard.release()
