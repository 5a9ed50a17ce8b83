"""`Desk`'s jobs on panel profiles and their keys: test, save, remove, keep for the
session, find and delete keys. Edits run on the write pool; the keyring is only ever
touched on a worker."""

from __future__ import annotations

import dataclasses

from smmdesk.api import Balance
from smmdesk.services.panels import KeyLocation, KeysToDelete, PanelDraft, PanelsChanged
from smmdesk.store import Panel

from .clients import DEMO_KEY
from .desk_base import DeskBase
from .errors import DeskError
from .jobs import Job, Ticket

NO_KEY_TO_TEST = "Enter the API key to test the connection."


class PanelJobs(DeskBase):
    def test_connection(
        self, draft: PanelDraft, key: str | None, panel_id: int | None = None
    ) -> Ticket:
        """Ask for the balance with what the user typed; without a typed key, with the key
        stored for `panel_id` (read from the keyring on the worker)."""

        def job() -> Balance:
            used = key or self._stored_key(panel_id)
            if not used:
                raise DeskError(NO_KEY_TO_TEST)
            proxy = self._profiles.typed_proxy_url(draft.proxy, panel_id)
            with self._clients.build_for(
                draft.url, used, proxy, draft.allow_insecure_http, draft.requests_per_minute
            ) as client:
                return client.balance()

        return self._submit(
            self._reads, Ticket(Job.TEST_CONNECTION, panel_id, self._generation), job
        )

    def save_panel(self, panel_id: int | None, draft: PanelDraft, key: str | None) -> Ticket:
        """Add (panel_id None) or edit a profile and save its key; the edited panel's
        client is retired, so the next request uses the new URL, proxy and key."""

        def job() -> PanelsChanged:
            before = self._store.panel(panel_id) if panel_id is not None else None
            changed = self._profiles.save(panel_id, draft, key)
            if changed.panel is None or not _reconnects(before, changed.panel, draft, key):
                return changed  # a new name only: the client and the balance stay valid
            self._clients.retire(changed.panel.id)
            return dataclasses.replace(changed, reconnected=True)

        return self._write(Job.SAVE_PANEL, panel_id, job)

    def keep_key_for_session(
        self, panel_id: int, key: str | None, proxy_password: str | None = None
    ) -> Ticket:
        """Keep the key and the proxy password (those given) in memory for this session."""

        def job() -> PanelsChanged:
            changed = self._profiles.keep_for_session(panel_id, key, proxy_password)
            self._clients.retire(panel_id)
            return dataclasses.replace(changed, reconnected=True)

        return self._write(Job.KEEP_KEY_FOR_SESSION, panel_id, job)

    def remove_panel(self, panel_id: int) -> Ticket:
        def job() -> PanelsChanged:
            # Delete first: a read starting in between can then no longer build a client
            # from the old row and key and keep it.
            changed = self._profiles.remove(panel_id)
            self._clients.retire(panel_id)
            return changed

        return self._write(Job.REMOVE_PANEL, panel_id, job)

    def list_keys_to_delete(self) -> Ticket:
        """The removed panels whose key may still be in the keyring. A write-pool job
        although it only reads, so it answers after any removal asked before it."""

        def job() -> KeysToDelete:
            return self._profiles.keys_to_delete()

        return self._write(Job.LIST_KEYS_TO_DELETE, None, job)

    def retry_key_deletions(self) -> Ticket:
        """Delete again the keys of removed panels that the keyring refused to delete."""
        return self._write(Job.RETRY_KEY_DELETIONS, None, self._profiles.retry_key_deletions)

    def locate_key(self, panel_id: int) -> Ticket:
        """Where the panel's key is (keyring, this session, nowhere), for the panel form;
        it reads the keyring, so it runs on a worker. Answers `key_located`."""

        def job() -> KeyLocation:
            return self._profiles.locate_key(panel_id)

        ticket = Ticket(Job.LOCATE_KEY, panel_id, self._generation)
        return self._submit(self._reads, ticket, job)

    def _stored_key(self, panel_id: int | None) -> str | None:
        if panel_id is None:
            return None
        panel = self._store.panel(panel_id)
        if panel is not None and panel.is_demo:
            return DEMO_KEY
        return self._profiles.key_for(panel_id)


def _reconnects(before: Panel | None, after: Panel, draft: PanelDraft, key: str | None) -> bool:
    """Whether a saved profile reaches its panel differently: new, a new key or proxy
    password typed, or another URL, proxy, plain-HTTP consent or pace."""
    if before is None or key or draft.proxy != before.proxy:
        return True
    connection = ("url", "proxy", "allow_insecure_http", "requests_per_minute")
    return any(getattr(before, name) != getattr(after, name) for name in connection)
