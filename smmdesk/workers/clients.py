"""One `PanelClient` per panel, built on demand on a worker thread.

Building a client reads the key from the OS keyring, which may block on D-Bus or a
keychain prompt: that is why it happens here, off the GUI thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smmdesk import logs
from smmdesk import settings as options
from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

DEMO_KEY = "demo"  # the built-in demo panel's key: not a secret, never stored


@dataclass(frozen=True)
class NetworkSettings:
    read_timeout: float = 30.0
    connect_timeout: float = 10.0
    max_in_flight: int = 4

    @classmethod
    def from_settings(cls, settings: Settings) -> NetworkSettings:
        return cls(
            read_timeout=float(settings.get(options.READ_TIMEOUT_S)),
            connect_timeout=float(settings.get(options.CONNECT_TIMEOUT_S)),
            max_in_flight=int(settings.get(options.MAX_IN_FLIGHT)),
        )


class NoKeyStored(LookupError):
    """The panel has no key in the keyring (or in this session)."""

    def __init__(self, panel: Panel) -> None:
        super().__init__(
            f"No API key is stored for “{panel.name}”. Open Panels… and enter the key."
        )


class UnknownPanel(LookupError):
    def __init__(self, panel_id: int) -> None:
        super().__init__(f"Panel {panel_id} no longer exists.")


class ClientPool:
    """Thread-safe cache of clients keyed by panel ID; `forget()` after a panel changes."""

    def __init__(self, store: Store, keys: KeyStore, network: NetworkSettings) -> None:
        self._store = store
        self._keys = keys
        self._network = network
        self._clients: dict[int, PanelClient] = {}
        self._lock = threading.Lock()

    def client(self, panel_id: int) -> PanelClient:
        with self._lock:
            existing = self._clients.get(panel_id)
        if existing is not None:
            return existing
        created = self._build(panel_id)
        with self._lock:
            kept = self._clients.setdefault(panel_id, created)
        if kept is not created:
            created.close()
        return kept

    def build_for(self, url: str, key: str, proxy: str | None, allow_insecure: bool) -> PanelClient:
        """A one-off client for a panel being edited (the "Test connection" button)."""
        from smmdesk.api.client import PanelClient  # httpx loads on first use, not at start-up

        logs.redact(key)
        return PanelClient(
            url,
            key,
            timeout=self._network.read_timeout,
            connect_timeout=self._network.connect_timeout,
            proxy=proxy,
            max_in_flight=self._network.max_in_flight,
            allow_insecure_http=allow_insecure,
        )

    def set_network(self, network: NetworkSettings) -> None:
        """New timeouts apply to clients built from now on."""
        self._network = network
        self.forget_all()

    def forget(self, panel_id: int) -> None:
        with self._lock:
            client = self._clients.pop(panel_id, None)
        if client is not None:
            client.close()

    def forget_all(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    def _build(self, panel_id: int) -> PanelClient:
        panel = self._store.panel(panel_id)
        if panel is None:
            raise UnknownPanel(panel_id)
        key = DEMO_KEY if panel.is_demo else self._keys.load(panel_id)
        if not key:
            raise NoKeyStored(panel)
        return self.build_for(panel.url, key, panel.proxy, panel.allow_insecure_http)
