"""The garbage frozen with a catalogue is collected once the user has been in another
window for a moment and no task runs, and not while they are back or a task runs."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk.runtime import building_long_lived_data, frozen_since_reclaim
from smmdesk.workers.quiet_collector import QuietCollector

AWAY_MS = 20
ACTIVE = Qt.ApplicationState.ApplicationActive
INACTIVE = Qt.ApplicationState.ApplicationInactive


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only a collection frees it


pytestmark = pytest.mark.usefixtures("collector_restored")


def frozen_garbage() -> weakref.ref[Node]:
    """A catalogue load that froze one piece of cyclic garbage with it."""
    with building_long_lived_data():
        garbage = Node()
        watch = weakref.ref(garbage)
        del garbage
    return watch


def test_the_frozen_garbage_is_collected_when_the_user_is_elsewhere(
    qapp: QApplication, qtbot: QtBot
) -> None:
    _collector = QuietCollector(lambda: 0, away_ms=AWAY_MS)
    watch = frozen_garbage()
    gc.collect()
    assert watch() is not None  # frozen: an ordinary collection leaves it

    qapp.applicationStateChanged.emit(INACTIVE)

    qtbot.waitUntil(lambda: watch() is None, timeout=2000)
    assert not frozen_since_reclaim()


def test_coming_back_before_the_wait_ends_collects_nothing(
    qapp: QApplication, qtbot: QtBot
) -> None:
    _collector = QuietCollector(lambda: 0, away_ms=AWAY_MS)
    watch = frozen_garbage()

    qapp.applicationStateChanged.emit(INACTIVE)
    qapp.applicationStateChanged.emit(ACTIVE)
    qtbot.wait(AWAY_MS * 5)

    assert watch() is not None
    assert frozen_since_reclaim()


def test_a_running_task_puts_the_collection_off_until_it_ends(
    qapp: QApplication, qtbot: QtBot
) -> None:
    running = [1]
    _collector = QuietCollector(lambda: running[0], away_ms=AWAY_MS)
    watch = frozen_garbage()

    qapp.applicationStateChanged.emit(INACTIVE)
    qtbot.wait(AWAY_MS * 5)
    assert watch() is not None

    running[0] = 0
    qtbot.waitUntil(lambda: watch() is None, timeout=2000)


def test_a_stopped_collector_collects_nothing(qapp: QApplication, qtbot: QtBot) -> None:
    collector = QuietCollector(lambda: 0, away_ms=AWAY_MS)
    watch = frozen_garbage()

    collector.stop()
    qapp.applicationStateChanged.emit(INACTIVE)
    qtbot.wait(AWAY_MS * 5)

    assert watch() is not None
