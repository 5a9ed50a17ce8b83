"""KeyStore against in-memory keyring backends: no real keyring is touched here."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from smmdesk.secrets import KeyPlace, KeyringUnavailable, KeyStore

KEY = "sk-live-4f1d9a0c77e2"


class RecordingKeyring(KeyringBackend):
    """Keeps secrets in a dict and counts calls, to prove session-only never calls it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.secrets[(service, username)]


class LockedKeyring(RecordingKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked(f"locked while reading {username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"denied: {password}")


class PlaintextKeyring(RecordingKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (same module name)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


def install(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def memory() -> Iterator[KeyringBackend]:
    yield from install(RecordingKeyring())


def test_a_key_is_saved_loaded_and_deleted(memory: RecordingKeyring) -> None:
    store = KeyStore()
    store.save(3, KEY)
    assert memory.secrets == {("smmdesk", "panel-3"): KEY}
    assert KeyStore().load(3) == KEY
    assert store.load(4) is None
    store.delete(3)
    assert store.load(3) is None


def test_deleting_a_missing_key_is_fine(memory: RecordingKeyring) -> None:
    KeyStore().delete(42)


def test_session_only_keeps_keys_in_memory_and_never_calls_the_backend(
    memory: RecordingKeyring,
) -> None:
    store = KeyStore(session_only=True)
    store.save(1, KEY)
    assert store.load(1) == KEY
    assert KEY not in repr(store)
    store.delete(1)
    assert store.load(1) is None
    assert memory.calls == 0 and memory.secrets == {}
    assert KeyStore(session_only=True).load(1) is None


@pytest.mark.parametrize("backend", [fail.Keyring(), PlaintextKeyring()])
def test_no_secure_backend_means_unavailable(backend: KeyringBackend) -> None:
    for _ in install(backend):
        assert not KeyStore.backend_available()
        with pytest.raises(KeyringUnavailable, match="no secure password store"):
            KeyStore().save(1, KEY)
        with pytest.raises(KeyringUnavailable):
            KeyStore().load(1)
    assert not getattr(backend, "secrets", {}), "nothing may reach an insecure backend"


def test_a_memory_backend_is_available(memory: RecordingKeyring) -> None:
    assert KeyStore.backend_available()


@pytest.mark.parametrize(
    ("operation", "words"),
    [("save", "refused access"), ("load", "locked")],
)
def test_backend_errors_become_plain_messages_without_the_key(
    operation: str, words: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for _ in install(LockedKeyring()):
        store = KeyStore()
        with pytest.raises(KeyringUnavailable) as raised:
            if operation == "save":
                store.save(1, KEY)
            else:
                store.load(1)
    message = str(raised.value)
    assert words in message
    assert KEY not in message and "panel-1" not in message
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert KEY not in caplog.text


def test_where_says_keyring_or_nowhere(memory: RecordingKeyring) -> None:
    store = KeyStore()
    assert store.where(5) is KeyPlace.NOWHERE
    store.save(5, KEY)
    assert store.where(5) is KeyPlace.KEYRING


def test_where_in_session_only_mode_never_asks_the_backend(memory: RecordingKeyring) -> None:
    memory.secrets[("smmdesk", "panel-5")] = KEY  # saved in an earlier session
    store = KeyStore(session_only=True)
    assert store.where(5) is KeyPlace.NOWHERE  # not usable now: the keyring is not in use
    store.save(5, KEY)
    assert store.where(5) is KeyPlace.SESSION
    assert memory.calls == 0


def test_where_raises_when_the_keyring_cannot_be_read() -> None:
    for _ in install(LockedKeyring()):
        with pytest.raises(KeyringUnavailable, match="locked"):
            KeyStore().where(5)


def test_delete_saved_reaches_the_keyring_even_in_session_only_mode(
    memory: RecordingKeyring,
) -> None:
    memory.secrets[("smmdesk", "panel-5")] = KEY
    store = KeyStore(session_only=True)
    store.delete(5)
    assert ("smmdesk", "panel-5") in memory.secrets  # session-only: the keyring untouched
    store.delete_saved(5)
    assert memory.secrets == {}
    store.delete_saved(5)  # already gone: still no error


PROXY_PASSWORD = "pr0xy-pass-8c1e"


def test_a_proxy_password_has_its_own_entry_beside_the_key(memory: RecordingKeyring) -> None:
    store = KeyStore()
    store.save(3, KEY)
    store.save_proxy_password(3, PROXY_PASSWORD)
    assert memory.secrets == {
        ("smmdesk", "panel-3"): KEY,
        ("smmdesk", "panel-3-proxy"): PROXY_PASSWORD,
    }
    assert KeyStore().load_proxy_password(3) == PROXY_PASSWORD
    assert KeyStore().load(3) == KEY
    store.delete_proxy_password(3)
    assert memory.secrets == {("smmdesk", "panel-3"): KEY}
    store.delete_proxy_password(3)  # already gone: no error


def test_deleting_a_panels_secrets_deletes_both_entries(memory: RecordingKeyring) -> None:
    store = KeyStore()
    store.save(4, KEY)
    store.save_proxy_password(4, PROXY_PASSWORD)
    store.delete(4)
    assert memory.secrets == {}
    memory.secrets[("smmdesk", "panel-5-proxy")] = PROXY_PASSWORD  # left by a failed removal
    KeyStore(session_only=True).delete_saved(5)
    assert memory.secrets == {}


def test_session_only_keeps_proxy_passwords_in_memory(memory: RecordingKeyring) -> None:
    store = KeyStore(session_only=True)
    store.save(1, KEY)
    store.save_proxy_password(1, PROXY_PASSWORD)
    assert store.load_proxy_password(1) == PROXY_PASSWORD and store.load(1) == KEY
    assert PROXY_PASSWORD not in repr(store) and KEY not in repr(store)
    store.delete_proxy_password(1)
    assert store.load_proxy_password(1) is None and store.load(1) == KEY
    assert memory.calls == 0


def test_a_locked_keyring_refuses_a_proxy_password_without_echoing_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    for _ in install(LockedKeyring()):
        with pytest.raises(KeyringUnavailable) as raised:
            KeyStore().save_proxy_password(1, PROXY_PASSWORD)
        with pytest.raises(KeyringUnavailable, match="locked"):
            KeyStore().load_proxy_password(1)
    assert PROXY_PASSWORD not in str(raised.value) and PROXY_PASSWORD not in caplog.text
