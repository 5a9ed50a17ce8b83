"""Fixtures shared by every GUI test: a real store, keyring, worker facade and application
context wired to the demo panel on loopback.

The panel row is an ordinary (non-demo) profile whose key `tests.conftest.TEST_KEY` is
saved with `KeyStore`, so every GUI test goes through the keyring path a user's panel does.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import Desk
from tests.conftest import TEST_KEY

# The offscreen platform plug-in warns about a feature it lacks whenever a top-level
# window's size constraints change; that is the test platform talking, not SMMDesk.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"  # no window manager
LOAD_TIMEOUT_MS = 30_000  # generous: the suite must pass on a loaded 2-core machine
TEST_PANEL_NAME = "Test panel"


@pytest.fixture(autouse=True)
def english_numbers() -> Iterator[None]:
    """Formatted numbers follow QLocale: the GUI tests read them in US English."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def windows_freed_between_tests(qapp: QApplication, qtbot: QtBot) -> Iterator[None]:
    """Every widget a test gives `qtbot.addWidget` lives until the test's teardown, where
    pytest-qt closes it and it is deleted here, at a quiet point.

    pytest-qt keeps only a weak reference, so a window held by a test's local variable
    became cyclic garbage when the test returned, and the collector freed it (its C++
    widgets deleted) whenever it next ran: once in the middle of that window's own
    Overview `fit_columns`, fired by a timer while pytest-qt processed the events after
    the call (a segmentation fault, or "Internal C++ object already deleted", in
    tests/ui/catalogue/test_services_layout.py one run in two or three)."""
    held: list[QWidget] = []
    register = qtbot.addWidget

    def register_and_hold(widget: QWidget, **options: Any) -> None:
        held.append(widget)
        register(widget, **options)

    qtbot.addWidget = register_and_hold  # type: ignore[method-assign]
    yield
    deferred = QEvent.Type.DeferredDelete.value
    QApplication.sendPostedEvents(None, deferred)  # deleteLater() of the closed widgets
    held.clear()
    gc.unfreeze()  # a catalogue load froze what was alive (`runtime.building_long_lived_data`)
    gc.collect()
    QApplication.sendPostedEvents(None, deferred)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def store(isolated_app: Path) -> Iterator[Store]:
    opened = Store.open(isolated_app / "smmdesk.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def keys() -> KeyStore:
    return KeyStore()


@pytest.fixture
def settings(isolated_app: Path) -> Iterator[Settings]:
    qsettings = QSettings(str(isolated_app / "smmdesk.ini"), QSettings.Format.IniFormat)
    yield Settings(qsettings)
    qsettings.sync()


@pytest.fixture
def desk(qapp: QApplication, store: Store, keys: KeyStore) -> Iterator[Desk]:
    facade = Desk(store, keys)
    yield facade
    facade.shutdown()


@pytest.fixture
def test_panel(store: Store, keys: KeyStore, demo_panel: DemoPanel) -> Panel:
    """The demo server registered as an ordinary panel, its key in the (memory) keyring."""
    panel = store.add_panel(TEST_PANEL_NAME, demo_panel.url)
    keys.save(panel.id, TEST_KEY)
    return panel


@pytest.fixture
def context(
    qtbot: QtBot, desk: Desk, store: Store, settings: Settings, test_panel: Panel
) -> AppContext:
    """An `AppContext` with the test panel active, its catalogue and balance loaded."""
    ctx = AppContext(desk, settings, store.panels())
    ctx.set_active_panel(test_panel.id)
    qtbot.waitUntil(lambda: bool(ctx.services), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: ctx.balance is not None, timeout=LOAD_TIMEOUT_MS)
    return ctx
