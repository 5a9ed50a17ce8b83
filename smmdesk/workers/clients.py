"""One `PanelClient` per panel, built on demand on a worker thread and leased to tasks.

Building a client reads the key (and the proxy's password) from the OS keyring, which may
block on D-Bus or a keychain prompt: that is why it happens here, off the GUI thread. The
store holds the proxy URL without its password; the two are joined only here, for the
client, and the password is registered with the log scrubber before any request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk import logs
from smmdesk import settings as options
from smmdesk.api import proxies
from smmdesk.api.proxies import InvalidProxyUrl
from smmdesk.secrets import KeyringUnavailable, KeyStore
from smmdesk.services.panels import PanelProfiles
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store

from .errors import DeskError

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
DEMO_KEY = "demo"  # the built-in demo panel's key: not a secret, never stored
SESSION_ONLY_NO_KEY = str(  # translated when raised
    QT_TRANSLATE_NOOP(
        "Desk", "Keys are kept for this session only, and none was entered for this panel yet."
    )
)


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


class NoKeyStored(DeskError):
    """The panel has no key in the keyring (or in this session).

    `keyring_problem` says why no keyring could give one (it cannot be read, or keys are
    kept for this session only); None when the keyring works and simply holds none. With
    a problem, the only way on is to ask the user for the key for this session.
    """

    def __init__(self, panel: Panel, keyring_problem: str | None = None) -> None:
        if keyring_problem is None:
            text = translate(
                "Desk", "No API key is stored for “{panel}”. Open Panels… and enter the key."
            )
        else:
            text = translate("Desk", "SMMDesk cannot read the API key of “{panel}”. {problem}")
        super().__init__(text.format(panel=panel.name, problem=keyring_problem))
        self.panel = panel
        self.keyring_problem = keyring_problem


class UnknownPanel(DeskError):
    def __init__(self, panel_id: int) -> None:
        super().__init__(translate("Desk", "Panel {id} no longer exists.").format(id=panel_id))


class ClientPool:
    """Thread-safe cache of clients keyed by panel ID, where no client closes while in use.

    Worker tasks borrow a client with `lease()`. Changing a panel or the network settings
    `retire()`s its client instead of closing it: closing an `httpx.Client` under a running
    request would turn an `add` the panel accepted into `unconfirmed`, or kill a refresh
    with "client has been closed". A retired client closes when its last lease ends.
    """

    def __init__(self, store: Store, keys: KeyStore, network: NetworkSettings) -> None:
        self._store = store
        self._keys = keys
        self._profiles = PanelProfiles(store, keys)
        self._network = network
        self._lock = threading.Lock()
        # Everything below is guarded by _lock.
        self._current: dict[int, PanelClient] = {}  # what a new lease of the panel gets
        self._leases: dict[PanelClient, int] = {}  # clients in use, with their lease count
        self._retired: set[PanelClient] = set()  # leased clients to close on their last release
        self._generation: dict[int, int] = {}  # bumped by retire(panel_id)
        self._epoch = 0  # bumped by retire_all(), set_network() and close_all()
        self._closed = False
        self._urls: dict[int, str] = {}  # runtime URL overrides (the demo server)

    @contextmanager
    def lease(self, panel_id: int) -> Iterator[PanelClient]:
        """Borrow the panel's client for the `with` block; it stays open until the block ends.

        The client is built on first use (the keyring read may block, so it runs outside
        the lock). Raises `UnknownPanel` or `NoKeyStored` when it cannot be built.
        """
        client = self._acquire(panel_id)
        try:
            yield client
        finally:
            self._release(client)

    def retire(self, panel_id: int) -> None:
        """The panel changed: new leases get a freshly built client, and the old one closes
        when its last lease ends (at once if it has none)."""
        with self._lock:
            self._generation[panel_id] = self._generation.get(panel_id, 0) + 1
            unused = self._retire_locked([panel_id])
        _close(unused)

    def retire_all(self) -> None:
        """`retire()` every panel's client."""
        with self._lock:
            self._epoch += 1
            unused = self._retire_locked(list(self._current))
        _close(unused)

    def set_url(self, panel_id: int, url: str) -> None:
        """Reach the panel at `url` instead of its stored URL (the demo server's port
        differs every run: a runtime fact, not data to write down), retiring its client."""
        with self._lock:
            self._urls[panel_id] = url
        self.retire(panel_id)

    def set_network(self, network: NetworkSettings) -> None:
        """New timeouts apply to every lease from now on; running requests keep theirs."""
        with self._lock:
            self._network = network
            self._epoch += 1
            unused = self._retire_locked(list(self._current))
        _close(unused)

    def close_all(self) -> None:
        """At shutdown: close every client not leased now; leased ones close as their last
        lease ends. A lease taken after this still works, with a client of its own that
        closes when the lease ends, so nothing is left open by a late task."""
        with self._lock:
            self._closed = True
            self._epoch += 1
            unused = self._retire_locked(list(self._current))
        _close(unused)

    def build_for(
        self,
        url: str,
        key: str,
        proxy: str | None,
        allow_insecure: bool,
        requests_per_minute: int | None = None,
    ) -> PanelClient:
        """A client for `url`; used as is for a panel being edited (the "Test connection"
        button). `proxy` is the full proxy URL, password included; `InvalidProxyUrl` when
        no client could use it (httpx's own error would quote the URL, password and all).
        """
        from smmdesk.api.client import PanelClient  # httpx loads on first use, not at start-up

        logs.redact(key)
        if proxy is not None:
            password = proxies.parse(proxy).password
            for form in proxies.password_forms(password) if password else ():
                logs.redact(form)
        network = self._network
        return PanelClient(
            url,
            key,
            timeout=network.read_timeout,
            connect_timeout=network.connect_timeout,
            proxy=proxy,
            max_in_flight=network.max_in_flight,
            allow_insecure_http=allow_insecure,
            requests_per_minute=requests_per_minute,
        )

    # -- internals -----------------------------------------------------------------------

    def _acquire(self, panel_id: int) -> PanelClient:
        with self._lock:
            current = self._current.get(panel_id)
            if current is not None:
                return self._lease_locked(current)
            stamp = (self._epoch, self._generation.get(panel_id, 0))
        built = self._build(panel_id)
        with self._lock:
            current = self._current.get(panel_id)
            if current is not None:  # another thread built one first: use theirs
                client, loser = self._lease_locked(current), built
            else:
                # A retire during the build means `built` may hold the old key or network
                # settings: this lease may use it, but it must not become the current one.
                still_valid = stamp == (self._epoch, self._generation.get(panel_id, 0))
                if still_valid and not self._closed:
                    self._current[panel_id] = built
                else:
                    self._retired.add(built)
                client, loser = self._lease_locked(built), None
        if loser is not None:
            loser.close()
        return client

    def _lease_locked(self, client: PanelClient) -> PanelClient:
        self._leases[client] = self._leases.get(client, 0) + 1
        return client

    def _release(self, client: PanelClient) -> None:
        with self._lock:
            remaining = self._leases[client] - 1
            if remaining:
                self._leases[client] = remaining
                return
            del self._leases[client]
            if client not in self._retired:
                return  # still current: kept for the next lease
            self._retired.discard(client)
        client.close()

    def _retire_locked(self, panel_ids: list[int]) -> list[PanelClient]:
        """Drop the panels' current clients; returns the unleased ones, for the caller to
        close once the lock is released (closing may wait on the network)."""
        unused: list[PanelClient] = []
        for panel_id in panel_ids:
            client = self._current.pop(panel_id, None)
            if client is None:
                continue
            if client in self._leases:
                self._retired.add(client)
            else:
                unused.append(client)
        return unused

    def _build(self, panel_id: int) -> PanelClient:
        panel = self._store.panel(panel_id)
        if panel is None:
            raise UnknownPanel(panel_id)
        key = DEMO_KEY if panel.is_demo else self._key_of(panel)
        url = self._urls.get(panel_id, panel.url)
        proxy = self._profiles.proxy_url(panel)
        try:
            return self.build_for(
                url, key, proxy, panel.allow_insecure_http, panel.requests_per_minute
            )
        except InvalidProxyUrl as error:
            text = translate(
                "Desk", "The proxy of “{panel}” cannot be used. {problem} Correct it in Panels…"
            )
            raise InvalidProxyUrl(text.format(panel=panel.name, problem=error)) from None

    def _key_of(self, panel: Panel) -> str:
        try:
            key = self._keys.load(panel.id)
        except KeyringUnavailable as error:
            raise NoKeyStored(panel, str(error)) from None
        if not key:
            problem = translate("Desk", SESSION_ONLY_NO_KEY) if self._keys.session_only else None
            raise NoKeyStored(panel, problem)
        return key


def _close(clients: list[PanelClient]) -> None:
    for client in clients:
        client.close()
