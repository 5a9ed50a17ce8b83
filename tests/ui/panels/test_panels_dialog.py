"""The panels dialog against the demo panel: keys go to the keyring only, test connection
shows the balance or a described error, http:// needs consent, the demo row is fixed, the
form says where each key really is, a new panel never inherits a removed panel's key, and
a key the keyring refused to delete stays listed, with a retry, across reopenings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import keyring
import keyring.errors
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import RetryPolicy
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.panels import panels_dialog
from smmdesk.ui.panels.panels_dialog import PanelsDialog
from smmdesk.workers import NetworkSettings
from tests.conftest import TEST_KEY, MemoryKeyring
from tests.ui.conftest import LOAD_TIMEOUT_MS

W = TypeVar("W", bound=QWidget)
ATTEMPTS = RetryPolicy().max_attempts  # balance is a read: faults must outlast retries


class Questions:
    """Stands in for `panels_dialog.ask`: records each question, answers as told."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = True

    def __call__(self, _parent: object, title: str, text: str, _yes: str) -> bool:
        self.asked.append(f"{title}: {text}")
        return self.answer


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    answering = Questions()
    monkeypatch.setattr(panels_dialog, "ask", answering)
    return answering


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext, questions: Questions) -> Iterator[PanelsDialog]:
    built = PanelsDialog(context)
    qtbot.addWidget(built)
    built.show()
    yield built
    built.close()


def child(dialog: PanelsDialog, kind: type[W], name: str) -> W:
    found = dialog.findChild(kind, name)
    assert isinstance(found, kind), name
    return found


def fill(qtbot: QtBot, dialog: PanelsDialog, name: str, url: str, key: str) -> None:
    qtbot.mouseClick(child(dialog, QPushButton, "addPanelButton"), Qt.MouseButton.LeftButton)
    child(dialog, QLineEdit, "nameEdit").setText(name)
    child(dialog, QLineEdit, "urlEdit").setText(url)
    qtbot.keyClicks(child(dialog, QLineEdit, "keyEdit"), key)


def run_connection_test(qtbot: QtBot, dialog: PanelsDialog) -> str:
    label = child(dialog, QLabel, "testResultLabel")
    with qtbot.waitSignal(dialog.test_button.clicked):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=LOAD_TIMEOUT_MS)
    return str(label.text())


def test_add_panel_saves_the_key_in_the_keyring_only(
    store: Store,
    keys: KeyStore,
    qtbot: QtBot,
    dialog: PanelsDialog,
    context: AppContext,
    demo_panel: DemoPanel,
) -> None:
    fill(qtbot, dialog, "My panel", demo_panel.url, TEST_KEY)
    key_edit = child(dialog, QLineEdit, "keyEdit")
    assert key_edit.echoMode() == QLineEdit.EchoMode.Password
    with qtbot.waitSignal(context.panels_edited):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    added = next(p for p in store.panels() if p.name == "My panel")
    assert keys.load(added.id) == TEST_KEY
    assert keyring.get_password("smmdesk", f"panel-{added.id}") == TEST_KEY
    store.close()
    assert TEST_KEY.encode() not in store.path.read_bytes()


def test_test_connection_shows_the_balance(
    qtbot: QtBot, dialog: PanelsDialog, demo_panel: DemoPanel
) -> None:
    fill(qtbot, dialog, "My panel", demo_panel.url, TEST_KEY)
    assert run_connection_test(qtbot, dialog) == "Connected. Balance: 1,000.00 USD"


def test_saved_panel_tests_with_its_stored_key(
    qtbot: QtBot, dialog: PanelsDialog, test_panel: Panel
) -> None:
    dialog.list_view.setCurrentIndex(dialog.panels.index(dialog.panels.row_of(test_panel.id)))
    assert child(dialog, QLineEdit, "keyEdit").text() == ""
    assert run_connection_test(qtbot, dialog) == "Connected. Balance: 1,000.00 USD"


def test_wrong_key_shows_the_panels_words(
    qtbot: QtBot, dialog: PanelsDialog, demo_panel: DemoPanel
) -> None:
    fill(qtbot, dialog, "My panel", demo_panel.url, "not-the-key")
    assert "Invalid API key" in run_connection_test(qtbot, dialog)


def test_html_answer_is_described(
    qtbot: QtBot, dialog: PanelsDialog, demo_panel: DemoPanel
) -> None:
    fill(qtbot, dialog, "My panel", demo_panel.url, TEST_KEY)
    demo_panel.inject("balance", "html", count=ATTEMPTS)
    result = run_connection_test(qtbot, dialog)
    assert result.startswith("Unexpected answer from the panel")
    assert "503" in result


def test_timeout_is_described(
    qtbot: QtBot, dialog: PanelsDialog, context: AppContext, demo_panel: DemoPanel
) -> None:
    context.desk.set_network(NetworkSettings(read_timeout=0.5, connect_timeout=2))
    demo_panel.timeout_fault_seconds = 1.0
    demo_panel.inject("balance", "timeout", count=ATTEMPTS)
    fill(qtbot, dialog, "My panel", demo_panel.url, TEST_KEY)
    assert run_connection_test(qtbot, dialog).startswith("No answer from the panel")


def test_plain_http_to_a_remote_host_needs_consent(
    store: Store, qtbot: QtBot, dialog: PanelsDialog, context: AppContext, questions: Questions
) -> None:
    questions.answer = False
    fill(qtbot, dialog, "Remote", "http://panel.example/api/v2", "some-key")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "unencrypted" in questions.asked[-1]
    assert not any(p.name == "Remote" for p in store.panels())
    questions.answer = True
    with qtbot.waitSignal(context.panels_edited, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    remote = next(p for p in store.panels() if p.name == "Remote")
    assert remote.allow_insecure_http


def test_loopback_http_needs_no_consent(
    qtbot: QtBot, dialog: PanelsDialog, questions: Questions, demo_panel: DemoPanel
) -> None:
    fill(qtbot, dialog, "Local", demo_panel.url, TEST_KEY)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert questions.asked == []


def test_show_key_toggle(qtbot: QtBot, dialog: PanelsDialog) -> None:
    key_edit = child(dialog, QLineEdit, "keyEdit")
    dialog.show_key_button.setChecked(True)
    assert key_edit.echoMode() == QLineEdit.EchoMode.Normal
    dialog.show_key_button.setChecked(False)
    assert key_edit.echoMode() == QLineEdit.EchoMode.Password


def test_remove_panel_deletes_its_key(
    store: Store,
    keys: KeyStore,
    qtbot: QtBot,
    dialog: PanelsDialog,
    context: AppContext,
    test_panel: Panel,
) -> None:
    dialog.list_view.setCurrentIndex(dialog.panels.index(dialog.panels.row_of(test_panel.id)))
    with qtbot.waitSignal(context.panels_edited, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert store.panel(test_panel.id) is None
    assert keys.load(test_panel.id) is None
    assert context.panel_id == 0


def test_demo_panel_cannot_be_edited_or_removed(
    store: Store, qtbot: QtBot, dialog: PanelsDialog, context: AppContext
) -> None:
    demo = store.add_panel("Demo panel", "http://127.0.0.1/api/v2", is_demo=True)
    context.set_panels(store.panels())
    dialog._reload(store.panels(), select_id=demo.id)
    assert not dialog.remove_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert not child(dialog, QLineEdit, "nameEdit").isEnabled()
    assert "cannot be edited" in child(dialog, QLabel, "panelNoteLabel").text()


def test_no_keyring_offers_a_session_only_key(
    store: Store,
    keys: KeyStore,
    qtbot: QtBot,
    dialog: PanelsDialog,
    questions: Questions,
    demo_panel: DemoPanel,
) -> None:
    keyring.set_keyring(fail.Keyring())
    fill(qtbot, dialog, "Sessional", demo_panel.url, TEST_KEY)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: keys.session_only, timeout=LOAD_TIMEOUT_MS)
    assert "no secure password store" in questions.asked[-1]
    added = next(p for p in store.panels() if p.name == "Sessional")
    qtbot.waitUntil(lambda: keys.load(added.id) == TEST_KEY, timeout=LOAD_TIMEOUT_MS)


class RefusingKeyring(MemoryKeyring):
    """Reads keys but refuses to save or delete them, like a keyring that denies access."""

    refusing = True

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refusing:
            raise keyring.errors.PasswordSetError("denied")
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        if self.refusing:
            raise keyring.errors.PasswordDeleteError("denied")
        super().delete_password(service, username)


@pytest.fixture
def refusing(test_panel: Panel) -> Iterator[RefusingKeyring]:
    """The test panel's key, in a keyring that from now on refuses changes."""
    backend = RefusingKeyring()
    backend.secrets[("smmdesk", f"panel-{test_panel.id}")] = TEST_KEY
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def select(dialog: PanelsDialog, panel: Panel) -> None:
    dialog.list_view.clearSelection()  # so that selecting the shown panel shows it anew
    dialog.list_view.setCurrentIndex(dialog.panels.index(dialog.panels.row_of(panel.id)))


def key_place_after(qtbot: QtBot, dialog: PanelsDialog) -> str:
    label = child(dialog, QLabel, "keyPlaceLabel")
    qtbot.waitUntil(lambda: "checking" not in label.text(), timeout=LOAD_TIMEOUT_MS)
    return str(label.text())


def remove(qtbot: QtBot, dialog: PanelsDialog, context: AppContext, panel: Panel) -> None:
    select(dialog, panel)
    with qtbot.waitSignal(context.panels_edited, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)


def test_the_form_says_where_the_key_is(
    store: Store, qtbot: QtBot, context: AppContext, test_panel: Panel
) -> None:
    keyless = store.add_panel("Keyless", "https://keyless.example/api/v2")
    context.set_panels(store.panels())
    dialog = PanelsDialog(context)
    qtbot.addWidget(dialog)
    select(dialog, test_panel)
    assert key_place_after(qtbot, dialog) == "Key: saved in the system keyring."
    select(dialog, keyless)
    assert key_place_after(qtbot, dialog) == "Key: no key saved."
    with qtbot.waitSignal(context.desk.panels_changed, timeout=LOAD_TIMEOUT_MS):
        context.desk.keep_key_for_session(test_panel.id, TEST_KEY)
    select(dialog, test_panel)
    assert key_place_after(qtbot, dialog).startswith("Key: kept for this session only")
    select(dialog, keyless)
    assert "the system keyring is not in use" in key_place_after(qtbot, dialog)


def test_the_form_says_when_the_keyring_cannot_be_read(
    qtbot: QtBot, dialog: PanelsDialog, test_panel: Panel
) -> None:
    keyring.set_keyring(fail.Keyring())
    select(dialog, test_panel)
    assert key_place_after(qtbot, dialog).startswith("Key: the system keyring cannot be read.")
    assert "no secure password store" in key_place_after(qtbot, dialog)


def test_a_new_panel_never_inherits_a_removed_panels_key(
    store: Store,
    keys: KeyStore,
    qtbot: QtBot,
    dialog: PanelsDialog,
    context: AppContext,
    questions: Questions,
    test_panel: Panel,
    refusing: RefusingKeyring,
) -> None:
    remove(qtbot, dialog, context, test_panel)  # the keyring refuses: the key stays
    questions.answer = False  # no session-only key either: saved without one
    fill(qtbot, dialog, "Another panel", "https://another.example/api/v2", "another-key")
    with qtbot.waitSignal(context.panels_edited, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    added = next(p for p in store.panels() if p.name == "Another panel")
    assert added.id != test_panel.id
    assert keys.load(added.id) is None  # the removed panel's key is not its key
    assert key_place_after(qtbot, dialog) == "Key: no key saved."


def test_a_key_the_keyring_refused_to_delete_can_be_retried_after_reopening(
    qtbot: QtBot,
    dialog: PanelsDialog,
    context: AppContext,
    test_panel: Panel,
    refusing: RefusingKeyring,
) -> None:
    remove(qtbot, dialog, context, test_panel)
    listed = child(dialog, QLabel, "keysToDeleteLabel")
    assert listed.isVisibleTo(dialog)
    assert "“Test panel” could not be deleted" in listed.text()
    assert "refused access" in listed.text()
    dialog.close()

    reopened = PanelsDialog(context)
    qtbot.addWidget(reopened)
    reopened.show()
    listed = child(reopened, QLabel, "keysToDeleteLabel")
    retry = child(reopened, QPushButton, "retryKeyDeletionButton")
    qtbot.waitUntil(lambda: listed.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert "“Test panel”" in listed.text() and retry.text() == "Retry deleting the key"

    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)  # still refused: still listed
    qtbot.waitUntil(lambda: retry.isEnabled(), timeout=LOAD_TIMEOUT_MS)
    assert listed.isVisible() and ("smmdesk", f"panel-{test_panel.id}") in refusing.secrets

    refusing.refusing = False
    with qtbot.waitSignal(context.desk.keys_to_delete_listed, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    assert not listed.isVisible() and not retry.isVisible()
    assert refusing.secrets == {}
    reopened.close()
