"""Panel profiles and their keys, edited together: the row in the store, the key in the
OS keyring (or, when the user chose so, in memory for this session).

Qt-free and meant for a worker thread: a keyring call may block on D-Bus or a keychain
prompt, and a store write may wait on `busy_timeout` behind another writer.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from smmdesk.secrets import KeyPlace, KeyringUnavailable, KeyStore
from smmdesk.store import Panel, Store, StoreError
from smmdesk.store.records import KeyToDelete

log = logging.getLogger("smmdesk.services")
DEMO_PANEL_NAME = "Demo panel"
DEMO_PLACEHOLDER_URL = "http://127.0.0.1/api/v2"  # the demo server's port differs each run


@dataclass(frozen=True, slots=True)
class PanelDraft:
    """A profile as the user typed it in the panels dialog."""

    name: str
    url: str
    proxy: str | None
    allow_insecure_http: bool


@dataclass(frozen=True, slots=True)
class PanelsChanged:
    """The panels after an edit. `panel` is the one saved (None after a removal);
    `key_problem` says why a key could not be saved or deleted (None: all went well);
    `keys_to_delete` lists every removed panel whose key may still be in the keyring."""

    panels: list[Panel]
    panel: Panel | None = None
    key_problem: str | None = None
    key_kept_for_session: bool = False
    keys_to_delete: tuple[KeyToDelete, ...] = ()


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
        """Add (panel_id None) or update a profile, then save `key` if one was typed.

        The row is saved even when the key cannot be: `key_problem` says why, so the UI
        can offer to keep the key for this session instead.
        """
        panel = self._write(panel_id, draft)
        problem = None
        if key:
            try:
                self._keys.save(panel.id, key)
            except KeyringUnavailable as error:
                problem = str(error)
        return self._current(panel, problem)

    def keep_for_session(self, panel_id: int, key: str) -> PanelsChanged:
        """No keyring can hold keys: from now on keys live in memory until SMMDesk quits."""
        self._keys.session_only = True
        self._keys.save(panel_id, key)
        changed = self._current(self._store.panel(panel_id))
        return dataclasses.replace(changed, key_kept_for_session=True)

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

    def _write(self, panel_id: int | None, draft: PanelDraft) -> Panel:
        if panel_id is None:
            panel = self._store.add_panel(
                draft.name,
                draft.url,
                proxy=draft.proxy,
                allow_insecure_http=draft.allow_insecure_http,
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
            proxy=draft.proxy,
            allow_insecure_http=draft.allow_insecure_http,
        )
        self._store.update_panel(panel)
        log.info("panel %d edited", panel.id)
        return panel
