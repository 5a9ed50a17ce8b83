"""`ClientPool` against the real demo panel: a leased client is never closed under a running
request, retired clients close when their last lease ends, and nothing is left open. Each
client gets its panel's proxy with the password joined back from the keyring, and its
requests-per-minute limit."""

from __future__ import annotations

import logging
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

import pytest

from smmdesk.api import ConnectionFailed, OrderStatus, RetryPolicy
from smmdesk.api.client import PanelClient
from smmdesk.api.proxies import InvalidProxyUrl
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.store import Panel, Store
from smmdesk.workers import ClientPool, NetworkSettings, NoKeyStored, UnknownPanel
from tests.conftest import TEST_KEY

WAIT_S = 10.0  # generous: the suite must pass on a loaded 2-core machine
SLOW_MS = 500


class RecordingPool(ClientPool):
    """A pool that remembers every client it built, to check that none is left open."""

    def __init__(self, store: Store, keys: KeyStore, network: NetworkSettings) -> None:
        super().__init__(store, keys, network)
        self.built: list[PanelClient] = []
        self.proxies: list[str | None] = []  # the proxy URL each build was given
        self._built_lock = threading.Lock()

    def build_for(
        self,
        url: str,
        key: str,
        proxy: str | None,
        allow_insecure: bool,
        requests_per_minute: int | None = None,
    ) -> PanelClient:
        client = super().build_for(url, key, proxy, allow_insecure, requests_per_minute)
        with self._built_lock:
            self.built.append(client)
            self.proxies.append(proxy)
        return client


class GatedKeyStore(KeyStore):
    """A keyring whose reads wait at a gate: builds overlap exactly where a test wants."""

    def __init__(self, parties: int) -> None:
        super().__init__()
        self.gate = threading.Barrier(parties, timeout=WAIT_S)

    def load(self, panel_id: int) -> str | None:
        self.gate.wait()
        return super().load(panel_id)


def is_closed(client: PanelClient) -> bool:
    return client._http.is_closed


def wait_until(condition: Callable[[], bool], timeout_s: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def default_service(panel: DemoPanel) -> dict[str, object]:
    return next(s for s in panel.services_list if s["type"] == "Default")


@pytest.fixture
def pool(store: Store, keys: KeyStore) -> Iterator[RecordingPool]:
    created = RecordingPool(store, keys, NetworkSettings(read_timeout=20.0))
    yield created
    created.close_all()


@pytest.fixture
def second_panel(store: Store, keys: KeyStore, demo_panel: DemoPanel) -> Panel:
    panel = store.add_panel("Second panel", demo_panel.url)
    keys.save(panel.id, TEST_KEY)
    return panel


def test_leases_share_one_client_that_stays_open_between_them(
    pool: RecordingPool, test_panel: Panel
) -> None:
    with pool.lease(test_panel.id) as first:
        assert first.balance().amount >= 0
    with pool.lease(test_panel.id) as second, pool.lease(test_panel.id) as nested:
        assert second is first and nested is first
    assert not is_closed(first)
    assert pool.built == [first]


def test_lease_held_across_retire_keeps_working_then_closes(
    pool: RecordingPool, test_panel: Panel
) -> None:
    with pool.lease(test_panel.id) as old:
        pool.retire(test_panel.id)
        assert old.balance().amount >= 0  # retired, not closed: still usable
        with pool.lease(test_panel.id) as new:
            assert new is not old
        with pool.lease(test_panel.id) as again:
            assert again is new
        assert not is_closed(old)
    assert is_closed(old)
    assert not is_closed(new)  # the current client outlives its leases


def test_retire_closes_an_unleased_client_at_once(pool: RecordingPool, test_panel: Panel) -> None:
    with pool.lease(test_panel.id) as client:
        pass
    pool.retire(test_panel.id)
    assert is_closed(client)
    pool.retire(test_panel.id)  # nothing cached: a no-op
    pool.retire_all()


def test_retire_affects_only_that_panel(
    pool: RecordingPool, test_panel: Panel, second_panel: Panel
) -> None:
    with pool.lease(test_panel.id) as first, pool.lease(second_panel.id) as second:
        assert first is not second
    pool.retire(second_panel.id)
    assert is_closed(second) and not is_closed(first)
    with pool.lease(test_panel.id) as again:
        assert again is first


def test_add_in_flight_survives_set_network(
    pool: RecordingPool, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    """Settings ▸ OK during an order: the accepted order still comes back with its ID."""
    service = default_service(demo_panel)
    demo_panel.latency_ms = SLOW_MS

    def place() -> tuple[str, PanelClient]:
        with pool.lease(test_panel.id) as client:
            order_id = client.add(str(service["service"]), "https://x.com/p/lease", 100)
            return order_id, client

    with ThreadPoolExecutor(1) as worker:
        placing = worker.submit(place)
        wait_until(lambda: demo_panel.requests["add"] == 1)
        pool.set_network(NetworkSettings(read_timeout=5.0, connect_timeout=2.0))
        order_id, client = placing.result(timeout=WAIT_S)

    assert order_id in demo_panel.orders
    assert is_closed(client)  # its lease ended after the retire
    assert demo_panel.requests["add"] == 1  # never resent


def test_status_refresh_in_flight_survives_set_network(
    store: Store, keys: KeyStore, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    """Three batches sent one after the other: set_network lands between them."""
    pool = RecordingPool(store, keys, NetworkSettings(max_in_flight=1))
    ids = demo_panel.create_orders(250)
    demo_panel.latency_ms = SLOW_MS

    def refresh() -> dict[str, object]:
        with pool.lease(test_panel.id) as client:
            return dict(client.statuses(ids))

    with ThreadPoolExecutor(1) as worker:
        refreshing = worker.submit(refresh)
        wait_until(lambda: demo_panel.requests["status"] == 1)
        pool.set_network(NetworkSettings(read_timeout=5.0))
        results = refreshing.result(timeout=WAIT_S)

    assert demo_panel.requests["status"] == 3
    assert set(results) == set(ids)
    assert all(isinstance(status, OrderStatus) for status in results.values())
    pool.close_all()
    assert all(is_closed(client) for client in pool.built)


def test_new_lease_after_set_network_gets_a_client_with_the_new_settings(
    pool: RecordingPool, test_panel: Panel
) -> None:
    with pool.lease(test_panel.id) as old:
        assert old._http.timeout.read == 20.0
        pool.set_network(NetworkSettings(read_timeout=7.0, connect_timeout=3.0, max_in_flight=2))
        with pool.lease(test_panel.id) as new:
            assert new is not old
            assert new._http.timeout.read == 7.0
            assert new._http.timeout.connect == 3.0
            assert new.max_in_flight == 2
            assert new.balance().amount >= 0
        assert old._http.timeout.read == 20.0  # a running lease keeps its settings
    assert is_closed(old) and not is_closed(new)


def test_racing_builds_keep_one_client_and_close_the_other(store: Store, test_panel: Panel) -> None:
    keys = GatedKeyStore(parties=2)  # both threads are inside the build before either ends
    keys.save(test_panel.id, TEST_KEY)
    pool = RecordingPool(store, keys, NetworkSettings())
    leased: list[PanelClient] = []
    finish = threading.Event()

    def take() -> None:
        with pool.lease(test_panel.id) as client:
            leased.append(client)
            finish.wait(WAIT_S)

    with ThreadPoolExecutor(2) as workers:
        futures = [workers.submit(take) for _ in range(2)]
        wait_until(lambda: len(leased) == 2)
        finish.set()
        for future in futures:
            future.result(timeout=WAIT_S)

    assert len(pool.built) == 2
    assert leased[0] is leased[1]
    loser = next(client for client in pool.built if client is not leased[0])
    assert is_closed(loser) and not is_closed(leased[0])
    pool.close_all()
    assert is_closed(leased[0])


def test_a_client_built_across_a_retire_serves_its_lease_but_is_not_kept(
    store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    """The panel was edited while its client was being built: that client holds the old
    profile, so it serves the lease that built it and the next lease builds afresh."""
    keys = GatedKeyStore(parties=2)  # the worker and this test meet inside the build
    keys.save(test_panel.id, TEST_KEY)
    pool = RecordingPool(store, keys, NetworkSettings())
    edited_url = demo_panel.url.replace("/api/v2", "/api")

    def take() -> PanelClient:
        with pool.lease(test_panel.id) as client:
            assert client.balance().amount >= 0
            return client

    with ThreadPoolExecutor(1) as worker:
        taking: Future[PanelClient] = worker.submit(take)
        wait_until(lambda: keys.gate.n_waiting == 1)  # the profile is read, the key is next
        store.update_panel(replace(test_panel, url=edited_url))
        pool.retire(test_panel.id)
        keys.gate.wait()
        stale = taking.result(timeout=WAIT_S)

    assert stale.url == demo_panel.url
    assert is_closed(stale)
    keys.gate = threading.Barrier(1)
    with pool.lease(test_panel.id) as fresh:
        assert fresh is not stale and fresh.url == edited_url
    pool.close_all()
    assert all(is_closed(client) for client in pool.built)


def test_close_all_closes_idle_clients_now_and_leased_ones_on_release(
    pool: RecordingPool, test_panel: Panel, second_panel: Panel
) -> None:
    with pool.lease(second_panel.id) as idle:
        pass
    with pool.lease(test_panel.id) as busy:
        pool.close_all()
        assert is_closed(idle) and not is_closed(busy)
        assert busy.balance().amount >= 0
    assert is_closed(busy)


def test_a_lease_after_close_all_works_and_leaves_nothing_open(
    pool: RecordingPool, test_panel: Panel
) -> None:
    pool.close_all()
    with pool.lease(test_panel.id) as late:
        assert late.balance().amount >= 0
    assert is_closed(late)
    assert all(is_closed(client) for client in pool.built)


def test_a_failed_build_raises_from_lease_and_leases_nothing(
    pool: RecordingPool, store: Store, keys: KeyStore, demo_panel: DemoPanel
) -> None:
    with pytest.raises(UnknownPanel), pool.lease(9999):
        pass
    keyless = store.add_panel("No key", demo_panel.url)
    with pytest.raises(NoKeyStored), pool.lease(keyless.id):
        pass
    assert pool.built == []


def test_random_leases_and_retires_never_close_a_leased_client_nor_leak_one(
    pool: RecordingPool, test_panel: Panel, second_panel: Panel, demo_panel: DemoPanel
) -> None:
    panel_ids = [test_panel.id, second_panel.id]
    threads, operations = 6, 40  # a build costs ~50 ms (TLS context): keep them few
    done: list[None] = []  # one entry per finished operation (list.append is atomic)
    problems: list[str] = []

    def use(client: PanelClient, rng: random.Random) -> None:
        if is_closed(client):
            problems.append(f"leased {client!r} was closed on arrival")
        if rng.random() < 0.2:
            client.balance()  # a real request on the leased client
        else:
            time.sleep(rng.random() / 500)
        if is_closed(client):
            problems.append(f"leased {client!r} was closed during its lease")

    def work(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(operations):
            panel_id, roll = rng.choice(panel_ids), rng.random()
            if roll < 0.75:
                with pool.lease(panel_id) as client:
                    use(client, rng)
            elif roll < 0.85:
                with pool.lease(panel_id) as outer, pool.lease(rng.choice(panel_ids)) as inner:
                    use(outer, rng)
                    use(inner, rng)
            elif roll < 0.93:
                pool.retire(panel_id)
            elif roll < 0.97:
                pool.retire_all()
            else:
                pool.set_network(NetworkSettings(read_timeout=rng.choice([5.0, 10.0, 20.0])))
            done.append(None)

    with ThreadPoolExecutor(threads) as workers:
        futures = [workers.submit(work, seed) for seed in range(threads)]
        wait_until(  # shut down while the workers are still busy
            lambda: len(done) >= threads * operations * 9 // 10 or any(f.done() for f in futures),
            timeout_s=60,
        )
        pool.close_all()
        for future in futures:
            future.result(timeout=60)

    assert problems == []
    assert len(pool.built) > len(panel_ids)  # retires did force rebuilds
    leaked = [client for client in pool.built if not is_closed(client)]
    assert leaked == []


PROXY_PASSWORD = "Pr0xy-pool-9b3f"


def proxied_panel(store: Store, keys: KeyStore, url: str, proxy: str) -> Panel:
    """A panel saved as the panels dialog saves it: URL in the store, password in the keyring."""
    panel = store.add_panel("Proxied", url, proxy=proxy)
    keys.save(panel.id, TEST_KEY)
    keys.save_proxy_password(panel.id, PROXY_PASSWORD)
    return panel


@pytest.mark.parametrize(
    ("stored", "full"),
    [
        ("socks5://me@127.0.0.1:9", f"socks5://me:{PROXY_PASSWORD}@127.0.0.1:9"),
        ("http://me@127.0.0.1:9", f"http://me:{PROXY_PASSWORD}@127.0.0.1:9"),
    ],
)
def test_the_client_gets_the_proxy_url_with_the_password_from_the_keyring(
    pool: RecordingPool, store: Store, keys: KeyStore, stored: str, full: str
) -> None:
    panel = proxied_panel(store, keys, "https://panel.example/api/v2", stored)
    with pool.lease(panel.id) as client:
        proxy = client._http._transport._pool  # type: ignore[attr-defined]
    assert pool.proxies == [full]
    if stored.startswith("socks5"):
        assert proxy._proxy_auth == (b"me", PROXY_PASSWORD.encode())
    else:
        assert any(name == b"Proxy-Authorization" for name, _ in proxy._proxy_headers)
    assert PROXY_PASSWORD not in repr(client)


def test_a_dead_proxy_fails_in_words_without_its_password(
    pool: RecordingPool,
    store: Store,
    keys: KeyStore,
    demo_panel: DemoPanel,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    panel = proxied_panel(store, keys, demo_panel.url, f"socks5://me@127.0.0.1:{closed_port()}")
    with pool.lease(panel.id) as client, pytest.raises(ConnectionFailed) as raised:
        client.retry = RetryPolicy(max_attempts=1)
        client.balance()
    assert "Could not connect" in str(raised.value)
    assert PROXY_PASSWORD not in str(raised.value) and PROXY_PASSWORD not in caplog.text
    assert demo_panel.requests["balance"] == 0


def test_a_stored_proxy_without_a_scheme_is_refused_in_words(
    pool: RecordingPool, store: Store, keys: KeyStore
) -> None:
    """What an older SMMDesk let through: httpx would have quoted the address back."""
    panel = proxied_panel(store, keys, "https://panel.example/api/v2", "me@proxy.example:1080")
    with pytest.raises(InvalidProxyUrl) as raised, pool.lease(panel.id):
        pass
    message = str(raised.value)
    assert "“Proxied”" in message and "Start the proxy address with http://" in message
    assert PROXY_PASSWORD not in message and pool.built == []


def test_the_requests_per_minute_limit_reaches_the_client(
    pool: RecordingPool, store: Store, keys: KeyStore, test_panel: Panel
) -> None:
    limited = store.add_panel("Limited", "https://panel.example/api/v2", requests_per_minute=120)
    keys.save(limited.id, TEST_KEY)
    with pool.lease(limited.id) as client, pool.lease(test_panel.id) as unlimited:
        bucket = client._bucket
        assert bucket is not None and bucket.burst + round(bucket.rate * 60) == 120
        assert unlimited._bucket is None


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class RefusingSocksProxy(threading.Thread):
    """A SOCKS5 server on loopback that asks for a user name and password and refuses
    them: far enough for httpcore to log the credentials it sent (at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.server.getsockname()[1]
        self.offered = b""

    def run(self) -> None:
        with self.server:
            conn, _ = self.server.accept()
            with conn:
                conn.recv(16)  # the greeting: version, methods
                conn.sendall(b"\x05\x02")  # username/password, please
                self.offered = conn.recv(1024)
                conn.sendall(b"\x01\x01")  # refused


def test_socks_credentials_reach_the_proxy_but_no_log_line_or_error(
    pool: RecordingPool, store: Store, keys: KeyStore, caplog: pytest.LogCaptureFixture
) -> None:
    password = "Pr0xy-pöol%40s"  # an escaped @, and "ö": repr prints it as \xc3\xb6
    sent = password.replace("%40", "@")
    proxy = RefusingSocksProxy()
    proxy.start()
    caplog.set_level(logging.DEBUG)
    panel = store.add_panel(
        "Socks", "https://panel.example/api/v2", proxy=f"socks5://me@127.0.0.1:{proxy.port}"
    )
    keys.save(panel.id, TEST_KEY)
    keys.save_proxy_password(panel.id, password)
    with pool.lease(panel.id) as client, pytest.raises(ConnectionFailed) as raised:
        client.retry = RetryPolicy(max_attempts=1)  # one refusal says it all
        client.balance()
    proxy.join(WAIT_S)
    assert sent.encode() in proxy.offered  # the proxy did get the password
    assert "setup_socks5_connection" in caplog.text  # where httpcore prints the credentials
    for form in (password, sent, "ol@s", "ol%40s", r"\xc3\xb6ol"):
        assert form not in caplog.text and form not in str(raised.value)
