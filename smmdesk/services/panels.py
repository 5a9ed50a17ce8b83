"""Panel profiles and their secrets, edited together: the row in the store, the key and
the proxy's password in the OS keyring (or, when the user chose so, in memory for this
session). The store keeps the proxy URL without its password; `proxy_url` joins them again
for a client.

Qt-free and meant for a worker thread: a keyring call may block on D-Bus or a keychain
prompt, and a store write may wait on `busy_timeout` behind another writer.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from smmdesk.api import proxies
from smmdesk.api.proxies import PASSWORD_MASK, ProxyAddress
from smmdesk.secrets import KeyPlace, KeyringUnavailable, KeyStore
from smmdesk.store import Panel, Store, StoreError
from smmdesk.store.records import KeyToDelete

log = logging.getLogger("smmdesk.services")
DEMO_PANEL_NAME = "Demo panel"
DEMO_PLACEHOLDER_URL = "http://127.0.0.1/api/v2"  # the demo server's port differs each run
MIN_REQUESTS_PER_MINUTE = 10  # slower than any panel asks for: surely a typo
MAX_REQUESTS_PER_MINUTE = 6000  # 100 a second: faster is no limit at all
REQUESTS_PER_MINUTE_RULE = (
    f"Requests per minute: a whole number from {MIN_REQUESTS_PER_MINUTE} to "
    f"{MAX_REQUESTS_PER_MINUTE}, or empty for no limit."
)
SESSION_ONLY_NO_PROXY_PASSWORD = (
    "Passwords are kept for this session only, and none was entered for this proxy yet."
)


@dataclass(frozen=True, slots=True)
class PanelDraft:
    """A profile as the user typed it in the panels dialog.

    `proxy` is the address as typed: with its password, or with `PASSWORD_MASK` in the
    password's place to keep the saved one (it is kept out of `repr`).
    `requests_per_minute` is None for no limit.
    """

    name: str
    url: str
    proxy: str | None = field(repr=False)
    allow_insecure_http: bool
    requests_per_minute: int | None = None


def parse_requests_per_minute(text: str) -> int | None:
    """The limit the user typed: None when empty (no limit); `ValueError` with
    `REQUESTS_PER_MINUTE_RULE` for anything else out of range."""
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 6):
        raise ValueError(REQUESTS_PER_MINUTE_RULE)
    value = int(text)
    if not MIN_REQUESTS_PER_MINUTE <= value <= MAX_REQUESTS_PER_MINUTE:
        raise ValueError(REQUESTS_PER_MINUTE_RULE)
    return value


@dataclass(frozen=True, slots=True)
class PanelsChanged:
    """The panels after an edit. `panel` is the one saved (None after a removal);
    `key_problem` says why a key could not be saved or deleted (None: all went well);
    `keys_to_delete` lists every removed panel whose key may still be in the keyring;
    `reconnected` says whether requests to `panel` now go out differently."""

    panels: list[Panel]
    panel: Panel | None = None
    key_problem: str | None = None
    key_kept_for_session: bool = False
    keys_to_delete: tuple[KeyToDelete, ...] = ()
    reconnected: bool = False  # the panel is now reached another way (URL, proxy, key…)


@dataclass(frozen=True, slots=True)
class KeysToDelete:
    """The removed panels whose key may still be in the keyring; `problem` says why the
    last retry failed (None: it went well, or none was made)."""

    entries: tuple[KeyToDelete, ...]
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class KeyLocation:
    """Where a panel's key is: `place`, or None with `problem` when the keyring cannot
    be read. `session_only` is True once keys live in memory for this session."""

    panel_id: int
    place: KeyPlace | None
    problem: str | None = None
    session_only: bool = False


class PanelProfiles:
    def __init__(self, store: Store, keys: KeyStore) -> None:
        self._store = store
        self._keys = keys

    def ensure_demo(self) -> Panel:
        """The demo row exists on every launch (it is what a first launch offers)."""
        existing = next((panel for panel in self._store.panels() if panel.is_demo), None)
        if existing is not None:
            return existing
        return self._store.add_panel(DEMO_PANEL_NAME, DEMO_PLACEHOLDER_URL, is_demo=True)

    def save(self, panel_id: int | None, draft: PanelDraft, key: str | None) -> PanelsChanged:
        """Add (panel_id None) or update a profile, then save `key` if one was typed, and
        the proxy's password: the typed one, or none when the address has none (the mask
        keeps the saved one).

        The row (with the proxy URL minus its password) is saved even when the secrets
        cannot be: `key_problem` says why, so the UI can offer to keep them for this
        session instead. Raises `InvalidProxyUrl` or `StoreError` for a bad draft.
        """
        proxy = proxies.parse(draft.proxy) if draft.proxy else None
        limit = draft.requests_per_minute
        if limit is not None and not MIN_REQUESTS_PER_MINUTE <= limit <= MAX_REQUESTS_PER_MINUTE:
            raise StoreError(REQUESTS_PER_MINUTE_RULE)
        before = self._store.panel(panel_id) if panel_id is not None else None
        panel = self._write(panel_id, draft, proxy.url if proxy else None)
        problem = None
        try:
            if key:
                self._keys.save(panel.id, key)
            self._save_proxy_password(panel.id, proxy, before)
        except KeyringUnavailable as error:
            problem = str(error)
        return self._current(panel, problem)

    def keep_for_session(
        self, panel_id: int, key: str | None, proxy_password: str | None = None
    ) -> PanelsChanged:
        """No keyring can hold secrets: from now on they live in memory until SMMDesk
        quits. Saves the key and the proxy password that were given."""
        self._keys.session_only = True
        if key:
            self._keys.save(panel_id, key)
        if proxy_password and proxy_password != PASSWORD_MASK:
            self._keys.save_proxy_password(panel_id, proxy_password)
        changed = self._current(self._store.panel(panel_id))
        return dataclasses.replace(changed, key_kept_for_session=True)

    def proxy_url(self, panel: Panel) -> str | None:
        """The panel's proxy URL with its password back in it, for a client. Raises
        `KeyringUnavailable` when the address names a user and no password can be read."""
        if panel.proxy is None or not proxies.has_user(panel.proxy):
            return panel.proxy
        password, problem = self._saved_proxy_password(panel.id)
        if password is None and problem is not None:
            raise KeyringUnavailable(
                f"SMMDesk cannot read the proxy password of “{panel.name}”. {problem} "
                "Open Panels… and type the proxy address with its password."
            )
        return proxies.with_password(panel.proxy, password)

    def typed_proxy_url(self, typed: str | None, panel_id: int | None) -> str | None:
        """A proxy address from the form, for a client: the mask stands for the password
        saved for `panel_id`."""
        if typed is None:
            return None
        address = proxies.parse(typed)
        if address.password != PASSWORD_MASK:
            return address.full
        saved = self._saved_proxy_password(panel_id)[0] if panel_id is not None else None
        return proxies.with_password(address.url, saved)

    def move_proxy_passwords(self) -> int:
        """Move the proxy passwords an older SMMDesk kept in the database into the
        keyring, then wipe them from the file and its backups; returns how many moved.

        The migration that took them out of `panels` cannot reach the keyring (see
        migration v6 in `store.migrations`): this start-up job does. What the keyring
        refuses stays for the next start (`proxy_url` still finds it meanwhile); in
        session-only mode nothing moves, since memory would lose it at exit, and a
        read-only database cannot let go of it.
        """
        if self._keys.session_only or self._store.read_only:
            return 0
        waiting = self._store.proxy_passwords_to_move()
        moved = 0
        for panel_id, password in waiting.items():
            try:
                self._keys.save_proxy_password(panel_id, password)
                self._store.forget_proxy_password_to_move(panel_id)
            except (KeyringUnavailable, StoreError) as error:  # start-up goes on regardless
                log.warning("proxy passwords stay in the database for now: %s", error)
                return moved
            moved += 1
        if moved:
            self._store.wipe_moved_proxy_passwords()
            log.info("%d proxy password(s) moved to the keyring", moved)
        return moved

    def remove(self, panel_id: int) -> PanelsChanged:
        """Delete the profile with its local history, then its key. The store remembers
        the key as one to delete first, so a key that cannot be deleted now (a locked
        keyring) is shown and can be retried, even after a restart."""
        self._store.delete_panel(panel_id)
        log.info("panel %d removed", panel_id)
        return self._current(None, self._delete_key(panel_id, self._keys.delete))

    def retry_key_deletions(self) -> KeysToDelete:
        """Try again to delete every removed panel's key still in the keyring; this asks
        the keyring even when keys are kept for this session only."""
        problems = [
            self._delete_key(pending.panel_id, self._keys.delete_saved)
            for pending in self._store.keys_to_delete()
        ]
        return KeysToDelete(self.keys_to_delete().entries, next((p for p in problems if p), None))

    def keys_to_delete(self) -> KeysToDelete:
        return KeysToDelete(tuple(self._store.keys_to_delete()))

    def _current(self, panel: Panel | None = None, key_problem: str | None = None) -> PanelsChanged:
        """The panels and the keys still to delete, as they are now."""
        return PanelsChanged(
            self._store.panels(),
            panel,
            key_problem,
            keys_to_delete=self.keys_to_delete().entries,
        )

    def locate_key(self, panel_id: int) -> KeyLocation:
        """Where the key is, for the panel form to say (it may read the keyring)."""
        session_only = self._keys.session_only
        try:
            return KeyLocation(panel_id, self._keys.where(panel_id), session_only=session_only)
        except KeyringUnavailable as error:
            return KeyLocation(panel_id, None, str(error), session_only)

    def key_for(self, panel_id: int) -> str | None:
        return self._keys.load(panel_id)

    def _delete_key(self, panel_id: int, delete: Callable[[int], None]) -> str | None:
        """Delete a removed panel's key; the problem when the keyring refused (it then
        stays in `keys_to_delete` with that problem)."""
        try:
            delete(panel_id)
        except KeyringUnavailable as error:
            self._store.key_deletion_failed(panel_id, str(error))
            log.warning("the key of removed panel %d could not be deleted", panel_id)
            return f"The key could not be deleted from the keyring: {error}"
        self._store.key_deleted(panel_id)
        return None

    def _saved_proxy_password(self, panel_id: int) -> tuple[str | None, str | None]:
        """The saved proxy password (the keyring's, else one still waiting to move there),
        and why the keyring could not give one (None: it was asked and holds none)."""
        problem = SESSION_ONLY_NO_PROXY_PASSWORD if self._keys.session_only else None
        try:
            password = self._keys.load_proxy_password(panel_id)
        except KeyringUnavailable as error:
            password, problem = None, str(error)
        return password or self._store.proxy_password_to_move(panel_id), problem

    def _save_proxy_password(
        self, panel_id: int, proxy: ProxyAddress | None, before: Panel | None
    ) -> None:
        """Save the typed password, or delete the saved one when the address has none
        now; the keyring is not asked when there was none and is none."""
        password = proxy.password if proxy else None
        if password == PASSWORD_MASK:
            return
        if password:
            self._keys.save_proxy_password(panel_id, password)
        elif before is not None and before.proxy and proxies.has_user(before.proxy):
            self._keys.delete_proxy_password(panel_id)
        if self._store.proxy_password_to_move(panel_id) is not None:
            self._store.forget_proxy_password_to_move(panel_id)

    def _write(self, panel_id: int | None, draft: PanelDraft, proxy: str | None) -> Panel:
        if panel_id is None:
            panel = self._store.add_panel(
                draft.name,
                draft.url,
                proxy=proxy,
                allow_insecure_http=draft.allow_insecure_http,
                requests_per_minute=draft.requests_per_minute,
            )
            log.info("panel %d added", panel.id)
            return panel
        existing = self._store.panel(panel_id)
        if existing is None or existing.is_demo:
            raise StoreError("This panel no longer exists or cannot be edited.")
        panel = dataclasses.replace(
            existing,
            name=draft.name,
            url=draft.url,
            proxy=proxy,
            allow_insecure_http=draft.allow_insecure_http,
            requests_per_minute=draft.requests_per_minute,
        )
        self._store.update_panel(panel)
        log.info("panel %d edited", panel.id)
        return panel
