"""The panels dialog against the demo panel: keys go to the keyring only, test connection
shows the balance or a described error, http:// needs consent, the demo row is fixed, the
form says where each key really is, a new panel never inherits a removed panel's key, a
key the keyring refused to delete stays listed, with a retry, across reopenings, a proxy's
password goes where the key goes and is shown masked, and the requests-per-minute limit
is checked and saved."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
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


PROXY_PASSWORD = "Ui-proxy-pass-3e8b"
NO_SCHEME = (
    "Start the proxy address with http://, https://, socks5:// or socks5h://, "
    "e.g. socks5://host:1080."
)


def save_and_wait(qtbot: QtBot, dialog: PanelsDialog, context: AppContext) -> None:
    with qtbot.waitSignal(context.panels_edited, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("proxy", "words"),
    [
        ("proxy.example:1080", NO_SCHEME),
        (f"me:{PROXY_PASSWORD}@proxy.example:1080", NO_SCHEME),
        (f"socks4://me:{PROXY_PASSWORD}@proxy.example:1080", "SMMDesk cannot use socks4://"),
        ("http://proxy.example:99999", "The proxy port must be a number from 1 to 65535."),
    ],
)
def test_an_unusable_proxy_is_refused_in_words_before_saving_or_testing(
    store: Store, qtbot: QtBot, dialog: PanelsDialog, demo_panel: DemoPanel, proxy: str, words: str
) -> None:
    fill(qtbot, dialog, "Proxied", demo_panel.url, TEST_KEY)
    child(dialog, QLineEdit, "proxyEdit").setText(proxy)
    error = child(dialog, QLabel, "formErrorLabel")
    for button in (dialog.save_button, dialog.test_button):
        error.clear()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert words in error.text() and PROXY_PASSWORD not in error.text()
    assert dialog.save_button.isEnabled() and dialog.test_button.isEnabled()  # nothing started
    assert child(dialog, QLabel, "testResultLabel").text() == ""
    assert not any(p.name == "Proxied" for p in store.panels())


def test_a_proxy_password_goes_to_the_keyring_and_is_shown_masked(
    store: Store,
    keys: KeyStore,
    qtbot: QtBot,
    dialog: PanelsDialog,
    context: AppContext,
    demo_panel: DemoPanel,
) -> None:
    fill(qtbot, dialog, "Proxied", demo_panel.url, TEST_KEY)
    proxy_edit = child(dialog, QLineEdit, "proxyEdit")
    proxy_edit.setText(f"socks5://me:{PROXY_PASSWORD}@proxy.example:1080")
    save_and_wait(qtbot, dialog, context)
    added = next(p for p in store.panels() if p.name == "Proxied")
    assert added.proxy == "socks5://me@proxy.example:1080"
    assert keys.load_proxy_password(added.id) == PROXY_PASSWORD
    assert proxy_edit.text() == "socks5://me:••••@proxy.example:1080"

    child(dialog, QLineEdit, "nameEdit").setText("Renamed")  # the mask left as it is
    save_and_wait(qtbot, dialog, context)
    assert keys.load_proxy_password(added.id) == PROXY_PASSWORD
    proxy_edit.setText("socks5://proxy.example:1080")  # no user, no password any more
    save_and_wait(qtbot, dialog, context)
    assert keys.load_proxy_password(added.id) is None
    store.close()
    assert PROXY_PASSWORD.encode() not in store.path.read_bytes()


def test_the_requests_per_minute_limit_is_checked_saved_and_shown(
    store: Store, qtbot: QtBot, dialog: PanelsDialog, context: AppContext, demo_panel: DemoPanel
) -> None:
    fill(qtbot, dialog, "Paced", demo_panel.url, TEST_KEY)
    limit_edit = child(dialog, QLineEdit, "requestsPerMinuteEdit")
    assert limit_edit.placeholderText() == "no limit"
    limit_edit.setText("5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = child(dialog, QLabel, "formErrorLabel").text()
    assert error == "Requests per minute: a whole number from 10 to 6000, or empty for no limit."
    assert not any(p.name == "Paced" for p in store.panels())
    limit_edit.setText("120")
    save_and_wait(qtbot, dialog, context)
    paced = next(p for p in store.panels() if p.name == "Paced")
    assert paced.requests_per_minute == 120 and limit_edit.text() == "120"
    limit_edit.clear()
    save_and_wait(qtbot, dialog, context)
    assert store.panel(paced.id) == replace(paced, requests_per_minute=None)


def test_the_demo_panels_limit_and_proxy_cannot_be_edited(
    store: Store, dialog: PanelsDialog, context: AppContext
) -> None:
    demo = store.add_panel("Demo panel", "http://127.0.0.1/api/v2", is_demo=True)
    context.set_panels(store.panels())
    dialog._reload(store.panels(), select_id=demo.id)
    for name in ("proxyEdit", "requestsPerMinuteEdit"):
        assert not child(dialog, QLineEdit, name).isEnabled()


def test_a_proxy_password_no_keyring_takes_can_be_kept_for_the_session(
    keys: KeyStore,
    qtbot: QtBot,
    dialog: PanelsDialog,
    questions: Questions,
    test_panel: Panel,
) -> None:
    keyring.set_keyring(fail.Keyring())
    select(dialog, test_panel)
    child(dialog, QLineEdit, "proxyEdit").setText(f"http://me:{PROXY_PASSWORD}@proxy.example:3128")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: keys.session_only, timeout=LOAD_TIMEOUT_MS)
    assert questions.asked[-1].startswith("The proxy password cannot be saved: ")
    assert PROXY_PASSWORD not in questions.asked[-1]
    qtbot.waitUntil(
        lambda: keys.load_proxy_password(test_panel.id) == PROXY_PASSWORD, timeout=LOAD_TIMEOUT_MS
    )
