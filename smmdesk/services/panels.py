"""Panel profiles and their keys, edited together: the row in the store, the key in the
OS keyring (or, when the user chose so, in memory for this session).

Qt-free and meant for a worker thread: a keyring call may block on D-Bus or a keychain
prompt, and a store write may wait on `busy_timeout` behind another writer.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from smmdesk.secrets import KeyringUnavailable, KeyStore
from smmdesk.store import Panel, Store, StoreError

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
    `key_problem` says why a key could not be saved or deleted (None: all went well)."""

    panels: list[Panel]
    panel: Panel | None = None
    key_problem: str | None = None
    key_kept_for_session: bool = False


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
        return PanelsChanged(self._store.panels(), panel, problem)

    def keep_for_session(self, panel_id: int, key: str) -> PanelsChanged:
        """No keyring can hold keys: from now on keys live in memory until SMMDesk quits."""
        self._keys.session_only = True
        self._keys.save(panel_id, key)
        return PanelsChanged(
            self._store.panels(), self._store.panel(panel_id), key_kept_for_session=True
        )

    def remove(self, panel_id: int) -> PanelsChanged:
        """Delete the profile with its local history, then its key."""
        self._store.delete_panel(panel_id)
        log.info("panel %d removed", panel_id)
        problem = None
        try:
            self._keys.delete(panel_id)
        except KeyringUnavailable as error:
            problem = f"The key could not be deleted from the keyring: {error}"
        return PanelsChanged(self._store.panels(), None, problem)

    def key_for(self, panel_id: int) -> str | None:
        return self._keys.load(panel_id)

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
