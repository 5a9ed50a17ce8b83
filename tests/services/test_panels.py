"""`PanelProfiles` and proxy passwords: typed ones go to the keyring (or this session), the
database keeps the URL without them, the mask keeps the saved one, `proxy_url` joins them
for a client, and passwords an older SMMDesk stored move to the keyring at start-up."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest

from smmdesk.api.proxies import PASSWORD_MASK, InvalidProxyUrl
from smmdesk.secrets import KeyringUnavailable, KeyStore
from smmdesk.services.panels import PanelDraft, PanelProfiles, parse_requests_per_minute
from smmdesk.store import Panel, Store, StoreError
from smmdesk.store.migrations import MIGRATIONS
from tests.conftest import TEST_KEY, MemoryKeyring
from tests.store.disks import Impatient, locked_by_another_program

PASSWORD = "Pr0xy-Secret-71c4"
PROXY = f"socks5://me:{PASSWORD}@proxy.example:1080"
URL = "https://panel.example/api/v2"


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture
def memory() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)  # installed by tests/conftest.py
    return backend


@pytest.fixture
def locked() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def profiles(store: Store) -> PanelProfiles:
    return PanelProfiles(store, KeyStore())


def draft(proxy: str | None, limit: int | None = None) -> PanelDraft:
    return PanelDraft("Proxied", URL, proxy, False, limit)


def saved(profiles: PanelProfiles, proxy: str | None, panel_id: int | None = None) -> Panel:
    changed = profiles.save(panel_id, draft(proxy), TEST_KEY if panel_id is None else None)
    assert changed.panel is not None and changed.key_problem is None
    return changed.panel


def files_bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db_path.parent.glob(f"{db_path.name}*") if p.is_file())


def test_a_typed_proxy_password_goes_to_the_keyring_and_the_url_to_the_store(
    store: Store, profiles: PanelProfiles, memory: MemoryKeyring
) -> None:
    panel = saved(profiles, PROXY)
    assert panel.proxy == "socks5://me@proxy.example:1080"
    assert store.panel(panel.id) == panel
    assert memory.secrets[("smmdesk", f"panel-{panel.id}-proxy")] == PASSWORD
    assert profiles.proxy_url(panel) == PROXY
    assert PASSWORD not in repr(draft(PROXY))
    assert PASSWORD.encode() not in files_bytes(store.path)


def test_the_mask_keeps_the_saved_password_and_a_new_one_replaces_it(
    profiles: PanelProfiles, memory: MemoryKeyring
) -> None:
    panel = saved(profiles, PROXY)
    entry = ("smmdesk", f"panel-{panel.id}-proxy")
    moved = saved(profiles, f"socks5://me:{PASSWORD_MASK}@other.example:1080", panel.id)
    assert profiles.proxy_url(moved) == f"socks5://me:{PASSWORD}@other.example:1080"
    saved(profiles, "socks5://me:N3w-pass@other.example:1080", panel.id)
    assert memory.secrets[entry] == "N3w-pass"


@pytest.mark.parametrize("proxy", ["socks5://me@proxy.example:1080", "http://h:3128", None])
def test_an_address_without_a_password_deletes_the_saved_one(
    profiles: PanelProfiles, memory: MemoryKeyring, proxy: str | None
) -> None:
    panel = saved(profiles, PROXY)
    updated = saved(profiles, proxy, panel.id)
    assert ("smmdesk", f"panel-{panel.id}-proxy") not in memory.secrets
    assert profiles.proxy_url(updated) == proxy


def test_a_bad_draft_is_refused_before_anything_is_saved(
    store: Store, profiles: PanelProfiles
) -> None:
    with pytest.raises(InvalidProxyUrl, match="Start the proxy address with"):
        profiles.save(None, draft(f"me:{PASSWORD}@proxy.example:1080"), TEST_KEY)
    with pytest.raises(StoreError, match="from 10 to 6000"):
        profiles.save(None, draft(None, limit=5), TEST_KEY)
    assert store.panels() == []


def test_the_requests_per_minute_limit_is_saved_with_the_panel(
    store: Store, profiles: PanelProfiles
) -> None:
    changed = profiles.save(None, draft(None, limit=120), TEST_KEY)
    assert changed.panel is not None and changed.panel.requests_per_minute == 120
    assert store.panel(changed.panel.id) == changed.panel


@pytest.mark.parametrize(
    ("text", "limit"), [("", None), ("  ", None), ("10", 10), (" 600 ", 600), ("6000", 6000)]
)
def test_the_typed_limit_is_parsed(text: str, limit: int | None) -> None:
    assert parse_requests_per_minute(text) == limit


@pytest.mark.parametrize("text", ["9", "6001", "0", "-60", "60.5", "sixty", "٦٠", "1e3"])
def test_a_limit_out_of_range_says_the_rule(text: str) -> None:
    with pytest.raises(ValueError, match="from 10 to 6000, or empty for no limit"):
        parse_requests_per_minute(text)


def test_a_locked_keyring_saves_the_row_and_the_password_can_stay_for_the_session(
    store: Store, profiles: PanelProfiles, locked: None
) -> None:
    changed = profiles.save(None, draft(PROXY), None)
    assert changed.panel is not None and changed.key_problem is not None
    assert changed.panel.proxy == "socks5://me@proxy.example:1080"
    with pytest.raises(KeyringUnavailable, match="proxy password") as raised:
        profiles.proxy_url(changed.panel)
    assert PASSWORD not in str(raised.value)
    profiles.keep_for_session(changed.panel.id, None, PASSWORD)
    assert profiles.proxy_url(changed.panel) == PROXY
    assert PASSWORD.encode() not in files_bytes(store.path)


def test_the_typed_proxy_of_a_connection_test_uses_the_saved_password_for_the_mask(
    profiles: PanelProfiles,
) -> None:
    panel = saved(profiles, PROXY)
    masked = f"socks5://me:{PASSWORD_MASK}@proxy.example:1080"
    assert profiles.typed_proxy_url(masked, panel.id) == PROXY
    assert profiles.typed_proxy_url(masked, None) == "socks5://me@proxy.example:1080"
    assert profiles.typed_proxy_url("http://u:typed@h:3128", panel.id) == "http://u:typed@h:3128"
    assert profiles.typed_proxy_url(None, panel.id) is None


def old_database(path: Path) -> None:
    """A schema-5 database as an older SMMDesk left it: the password inside the URL.
    Built by the first five migrations, so later ones never have to be undone here."""
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:5]:
            migration(conn)
        conn.execute(
            "INSERT INTO panels (id, name, url, proxy, created_at) VALUES (?, ?, ?, ?, ?)",
            (7, "Old", URL, PROXY, "2024-01-02T03:04:05.000000+00:00"),
        )
        conn.execute("PRAGMA user_version = 5")
    conn.close()


def test_a_password_an_older_version_stored_moves_to_the_keyring_at_start_up(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    with Store.open(path) as store:
        profiles = PanelProfiles(store, KeyStore())
        panel = store.panel(7)
        assert panel is not None and panel.proxy == "socks5://me@proxy.example:1080"
        assert profiles.proxy_url(panel) == PROXY  # usable before it moved
        assert profiles.move_proxy_passwords() == 1
        assert memory.secrets[("smmdesk", "panel-7-proxy")] == PASSWORD
        assert profiles.proxy_url(panel) == PROXY
        assert profiles.move_proxy_passwords() == 0
    assert list(tmp_path.glob("old.db.v5.bak"))
    assert PASSWORD.encode() not in files_bytes(path)


def test_a_password_the_keyring_refuses_waits_for_the_next_start(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    with Store.open(path) as store:
        previous = keyring.get_keyring()
        keyring.set_keyring(LockedKeyring())
        try:
            assert PanelProfiles(store, KeyStore()).move_proxy_passwords() == 0
            assert PanelProfiles(store, KeyStore(session_only=True)).move_proxy_passwords() == 0
        finally:
            keyring.set_keyring(previous)
        profiles = PanelProfiles(store, KeyStore())
        assert store.proxy_passwords_to_move() == {7: PASSWORD}
        assert profiles.move_proxy_passwords() == 1  # the keyring works again
    assert PASSWORD.encode() not in files_bytes(path)


def test_a_locked_database_delays_the_move_without_failing_start_up(
    tmp_path: Path, memory: MemoryKeyring
) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    with Store.on(Impatient(path)) as store:
        profiles = PanelProfiles(store, KeyStore())
        with locked_by_another_program(path):
            assert profiles.move_proxy_passwords() == 0
        assert store.proxy_passwords_to_move() == {7: PASSWORD}  # nothing lost
        assert profiles.move_proxy_passwords() == 1
    assert memory.secrets[("smmdesk", "panel-7-proxy")] == PASSWORD
    assert PASSWORD.encode() not in files_bytes(path)
