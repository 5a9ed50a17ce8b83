"""API keys and proxy passwords in the OS keyring, never anywhere else.

Per panel, one keyring entry for its key (service `smmdesk`, user `panel-<id>`) and one
for its proxy's password, when it has one (`panel-<id>-proxy`); the store never gives a
panel ID twice, so an entry cannot outlive its panel into another one. When no secure
keyring is usable, `KeyringUnavailable` says so in plain words and nothing is stored: a
plaintext fallback (keyrings.alt) would leave the key in a file, which is exactly what the
keyring is for avoiding. A session-only `KeyStore` keeps keys in memory for users who
cannot or will not use the keyring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger("smmdesk.secrets")
T = TypeVar("T")

NO_BACKEND = (
    "SMMDesk found no secure password store on this computer (such as Windows Credential "
    "Manager, the macOS Keychain, GNOME Keyring or KWallet), so the API key cannot be "
    "saved. You can use the key for this session only."
)
LOCKED = (
    "The password store is locked. Unlock it (on Linux, usually by logging in again or "
    "opening the Passwords and Keys app) and try again."
)
DENIED = (
    "The password store refused access to the API key (access may have been denied). "
    "Allow SMMDesk when asked, or use the key for this session only."
)
UNOPENED = (
    "SMMDesk could not open the password store (it may have no default keyring yet, or "
    "access was refused). Try again after logging in, or use the key for this session only."
)
BROKEN = (
    "The password store could not be used ({kind}). Try again, or use the key for this "
    "session only."
)


def _keyring() -> ModuleType:
    """`keyring`, imported on first use: discovering its backends costs ~20 ms, which
    start-up (the first painted window) should not pay."""
    import keyring

    return keyring


class KeyringUnavailable(Exception):
    """The OS keyring cannot store or read keys now; the message is for the user."""


class KeyPlace(Enum):
    """Where a panel's key is now; the value is what the panel form says."""

    KEYRING = "saved in the system keyring"
    SESSION = "kept for this session only"
    NOWHERE = "no key saved"


class KeyStore:
    """Saves, loads and deletes each panel's API key and proxy password."""

    SERVICE_NAME = "smmdesk"

    def __init__(self, *, session_only: bool = False) -> None:
        self.session_only = session_only
        self._session: dict[str, str] = {}  # by keyring user name: panel-<id>[-proxy]

    def __repr__(self) -> str:
        return f"KeyStore(session_only={self.session_only}, entries={sorted(self._session)})"

    def save(self, panel_id: int, key: str) -> None:
        self._save(_user(panel_id), key)

    def load(self, panel_id: int) -> str | None:
        """The key, or None when none is saved for this panel."""
        return self._load(_user(panel_id))

    def save_proxy_password(self, panel_id: int, password: str) -> None:
        self._save(_proxy_user(panel_id), password)

    def load_proxy_password(self, panel_id: int) -> str | None:
        """The password of the panel's proxy, or None when none is saved."""
        return self._load(_proxy_user(panel_id))

    def delete_proxy_password(self, panel_id: int) -> None:
        """Forget the proxy password (the proxy changed); a missing one is not an error."""
        self._forget(_proxy_user(panel_id))

    def delete(self, panel_id: int) -> None:
        """Forget the key and the proxy password; deleting what is not there is not an
        error."""
        self._forget(_user(panel_id))
        self._forget(_proxy_user(panel_id))

    def delete_saved(self, panel_id: int) -> None:
        """Delete the keyring entries even in session-only mode: a removed panel's key that
        the user asks to delete again must really be gone, not just forgotten here."""
        for user in (_user(panel_id), _proxy_user(panel_id)):
            self._delete_saved(user)

    def where(self, panel_id: int) -> KeyPlace:
        """Where the panel's key is. Session-only never asks the keyring (it may be the
        very thing that does not work); otherwise this reads it and may raise
        `KeyringUnavailable`, like `load`."""
        if _user(panel_id) in self._session:
            return KeyPlace.SESSION
        if self.session_only:
            return KeyPlace.NOWHERE
        return KeyPlace.NOWHERE if self.load(panel_id) is None else KeyPlace.KEYRING

    def _save(self, user: str, secret: str) -> None:
        if self.session_only:
            self._session[user] = secret
            return
        self._call("save", _keyring().set_password, self.SERVICE_NAME, user, secret)

    def _load(self, user: str) -> str | None:
        if self.session_only:
            return self._session.get(user)
        return self._saved(user)

    def _forget(self, user: str) -> None:
        self._session.pop(user, None)
        if not self.session_only:
            self._delete_saved(user)

    def _delete_saved(self, user: str) -> None:
        if self._saved(user) is None:
            return
        self._call("delete", _keyring().delete_password, self.SERVICE_NAME, user)

    def _saved(self, user: str) -> str | None:
        secret: str | None = self._call("load", _keyring().get_password, self.SERVICE_NAME, user)
        return secret

    @staticmethod
    def backend_available() -> bool:
        """Whether the current keyring backend stores keys securely."""
        return _is_secure(_keyring().get_keyring())

    def _call(self, operation: str, call: Callable[..., T], *args: Any) -> T:
        if not self.backend_available():
            log.warning("keyring %s: no secure backend (%s)", operation, _backend_name())
            raise KeyringUnavailable(NO_BACKEND)
        try:
            return call(*args)
        except Exception as error:  # any backend failure means "cannot use the keyring"
            # The type only: a backend's message could in theory echo what it was given.
            log.warning("keyring %s failed: %s", operation, type(error).__name__)
            raise KeyringUnavailable(_message(error)) from None


def _user(panel_id: int) -> str:
    return f"panel-{panel_id}"


def _proxy_user(panel_id: int) -> str:
    return f"{_user(panel_id)}-proxy"


def _is_secure(backend: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(backend, chainer.ChainerBackend):
        return any(_is_secure(inner) for inner in backend.backends)
    if isinstance(backend, fail.Keyring) or type(backend).__module__ == "keyring.backends.null":
        return False
    # keyrings.alt: files on disk (plaintext, or encrypted with a console prompt).
    return not type(backend).__module__.startswith("keyrings.alt")


def _backend_name() -> str:
    backend = _keyring().get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _message(error: Exception) -> str:
    import keyring.errors

    if isinstance(error, keyring.errors.KeyringLocked):
        return LOCKED
    if isinstance(error, keyring.errors.NoKeyringError):
        return NO_BACKEND
    if isinstance(error, keyring.errors.InitError):
        return UNOPENED
    if isinstance(error, keyring.errors.PasswordSetError | keyring.errors.PasswordDeleteError):
        return DENIED
    return BROKEN.format(kind=type(error).__name__)
