"""KeyStore against the REAL Secret Service (gnome-keyring under dbus-run-session in CI).

The autouse fixture of tests/conftest.py installs an in-memory keyring; this test swaps in
the real SecretService backend and restores the in-memory one afterwards. With
SMMDESK_REQUIRE_SECRET_SERVICE=1 (CI) a missing Secret Service fails the test instead of
skipping it, so CI cannot go green without having exercised a real keyring.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import closing

import keyring
import pytest
from keyring.backend import KeyringBackend

from smmdesk.secrets import KeyStore

pytestmark = pytest.mark.secret_service


def _unavailable(reason: str) -> None:
    if os.environ.get("SMMDESK_REQUIRE_SECRET_SERVICE") == "1":
        pytest.fail(f"SMMDESK_REQUIRE_SECRET_SERVICE=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def secret_service() -> Iterator[KeyringBackend]:
    try:
        from keyring.backends import SecretService
    except ImportError as error:  # secretstorage missing from the environment
        _unavailable(f"the SecretService backend cannot be imported ({error})")
    try:
        SecretService.Keyring.priority  # noqa: B018 - raises when no Secret Service answers
    except Exception as error:
        _unavailable(f"no Secret Service is reachable ({error})")
    backend = SecretService.Keyring()
    if not _has_default_collection():
        # gnome-keyring unlocked with an EMPTY password creates no "login" keyring, and a
        # new one cannot be created without a prompter; its always-present in-memory
        # "session" collection is still the real daemon over D-Bus, so the test uses it.
        import secretstorage

        backend.preferred_collection = secretstorage.collection.SESSION_COLLECTION
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _has_default_collection() -> bool:
    import secretstorage

    with closing(secretstorage.dbus_init()) as bus:
        try:
            secretstorage.Collection(bus, secretstorage.collection.DEFAULT_COLLECTION)
        except secretstorage.exceptions.ItemNotFoundException:
            return False
    return True


def test_a_key_survives_in_the_real_keyring_and_is_deleted(secret_service: KeyringBackend) -> None:
    assert KeyStore.backend_available()
    panel_id = 900_000 + uuid.uuid4().int % 100_000  # never a real user's panel
    key = f"real-keyring-test-{uuid.uuid4().hex}"
    KeyStore().save(panel_id, key)
    try:
        assert KeyStore().load(panel_id) == key  # a fresh KeyStore reads it back
        assert secret_service.get_password(KeyStore.SERVICE_NAME, f"panel-{panel_id}") == key
    finally:
        KeyStore().delete(panel_id)
    assert KeyStore().load(panel_id) is None
    KeyStore().delete(panel_id)  # absent: still no error


def test_a_proxy_password_survives_in_the_real_keyring_beside_the_key(
    secret_service: KeyringBackend,
) -> None:
    panel_id = 900_000 + uuid.uuid4().int % 100_000
    key, password = f"real-key-{uuid.uuid4().hex}", f"real-proxy-{uuid.uuid4().hex}"
    KeyStore().save(panel_id, key)
    KeyStore().save_proxy_password(panel_id, password)
    try:
        assert KeyStore().load_proxy_password(panel_id) == password
        user = f"panel-{panel_id}-proxy"
        assert secret_service.get_password(KeyStore.SERVICE_NAME, user) == password
        assert KeyStore().load(panel_id) == key
    finally:
        KeyStore().delete(panel_id)
    assert KeyStore().load_proxy_password(panel_id) is None
    assert KeyStore().load(panel_id) is None
