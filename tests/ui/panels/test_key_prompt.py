"""No keyring, no dead end: after a "restart" on a machine whose keyring cannot be used,
the first request that needs the active panel's key asks for it, once, and the key kept
for this session makes the panel work."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.panels.key_prompt import KeyPromptDialog, KeyPrompter
from smmdesk.workers import Desk
from tests.conftest import TEST_KEY
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def restarted(desk: Desk, settings: Settings, store: Store, test_panel: Panel) -> AppContext:
    """The app after a restart: the panel exists, and no keyring can be used now."""
    keyring.set_keyring(fail.Keyring())
    return AppContext(desk, settings, store.panels())


@pytest.fixture
def prompter(restarted: AppContext, host: QWidget) -> Iterator[KeyPrompter]:
    built = KeyPrompter(restarted, host)
    yield built
    if built.dialog is not None:
        built.dialog.close()


def prompt_for(qtbot: QtBot, prompter: KeyPrompter) -> KeyPromptDialog:
    qtbot.waitUntil(lambda: prompter.dialog is not None, timeout=LOAD_TIMEOUT_MS)
    assert prompter.dialog is not None
    return prompter.dialog


def button(dialog: KeyPromptDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert isinstance(found, QPushButton), name
    return found


def test_the_active_panels_key_is_asked_for_and_kept_for_the_session(
    qtbot: QtBot,
    restarted: AppContext,
    prompter: KeyPrompter,
    keys: KeyStore,
    test_panel: Panel,
) -> None:
    restarted.set_active_panel(test_panel.id)  # the balance and the catalogue need the key
    dialog = prompt_for(qtbot, prompter)
    assert dialog.objectName() == "keyPromptDialog" and dialog.isVisible()
    assert "“Test panel”" in dialog.message.text()
    assert "no secure password store" in dialog.message.text()
    assert "this session" in dialog.message.text()
    key_edit = dialog.findChild(QLineEdit, "promptKeyEdit")
    assert isinstance(key_edit, QLineEdit)
    assert key_edit.echoMode() == QLineEdit.EchoMode.Password
    use = button(dialog, "useKeyButton")
    assert not use.isEnabled()  # nothing typed yet
    qtbot.keyClicks(key_edit, TEST_KEY)
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: restarted.balance is not None, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: bool(restarted.services), timeout=LOAD_TIMEOUT_MS)
    assert keys.session_only and keys.load(test_panel.id) == TEST_KEY
    assert prompter.dialog is None  # both failed requests led to one question


def test_not_now_is_respected_until_the_panel_is_picked_again(
    qtbot: QtBot, restarted: AppContext, prompter: KeyPrompter, desk: Desk, test_panel: Panel
) -> None:
    restarted.set_active_panel(test_panel.id)
    qtbot.mouseClick(button(prompt_for(qtbot, prompter), "notNowButton"), Qt.MouseButton.LeftButton)
    assert prompter.dialog is None
    with qtbot.waitSignal(desk.task_failed, timeout=LOAD_TIMEOUT_MS):
        restarted.refresh_balance()
    assert prompter.dialog is None  # a background refresh does not nag
    restarted.set_active_panel(0)
    restarted.set_active_panel(test_panel.id)
    assert prompt_for(qtbot, prompter).panel.id == test_panel.id


def test_a_working_keyring_without_the_key_asks_nothing(
    qtbot: QtBot,
    store: Store,
    desk: Desk,
    settings: Settings,
    host: QWidget,
    test_panel: Panel,
) -> None:
    keyless = store.add_panel("Keyless", test_panel.url)  # the memory keyring works
    context = AppContext(desk, settings, store.panels())
    prompter = KeyPrompter(context, host)
    with qtbot.waitSignal(desk.task_failed, timeout=LOAD_TIMEOUT_MS):
        context.set_active_panel(keyless.id)
    assert prompter.dialog is None  # the panels dialog is the place to enter that key
