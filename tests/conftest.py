"""Shared fixtures: isolated app folders, an in-memory keyring, the real demo panel on
loopback, and a wired-up application context for GUI tests."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEST_KEY = "sk-TESTKEY-0d9c7b3a5e1f4a2b8c6d"
APP_DIRS_ROOT: Path | None = None


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps secrets in a dict (unit tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(scope="session")
def app_dirs_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every app-data, config and log folder of the run lives under this root, so the
    final key-leak scan can read them all."""
    global APP_DIRS_ROOT
    APP_DIRS_ROOT = tmp_path_factory.mktemp("smmdesk-app-dirs")
    return APP_DIRS_ROOT


@pytest.fixture(autouse=True)
def isolated_app(
    app_dirs_root: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    data_dir = app_dirs_root / request.node.name[:60].replace("/", "_")
    data_dir.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("SMMDESK_DATA_DIR", str(data_dir))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield data_dir
    keyring.set_keyring(previous)


@pytest.fixture
def demo_panel() -> Iterator[object]:
    from smmdesk.demopanel import DemoPanel

    with DemoPanel(key=TEST_KEY, services=120, seed=7, latency_ms=0, speed=1.0) as panel:
        yield panel


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The key-leak scan reads what every other test left behind: it runs last."""
    last = [item for item in items if "test_key_leak" in item.nodeid]
    rest = [item for item in items if "test_key_leak" not in item.nodeid]
    items[:] = rest + last


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Whatever a test does to the garbage collector (pause, freeze) is undone after it."""
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
