"""Platform folders, and the SMMDESK_DATA_DIR override the app's --data-dir sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from smmdesk import paths

HOME = Path("/home/ana")


def test_the_override_puts_all_three_folders_under_one_root(tmp_path: Path) -> None:
    dirs = paths.platform_dirs("win32", {"SMMDESK_DATA_DIR": str(tmp_path)}, HOME)
    assert (dirs.data, dirs.config, dirs.log) == (
        tmp_path / "data", tmp_path / "config", tmp_path / "log",
    )  # fmt: skip


def test_the_public_functions_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMMDESK_DATA_DIR", str(tmp_path))
    assert paths.data_dir() == tmp_path / "data"
    assert paths.config_dir() == tmp_path / "config"
    assert paths.log_dir() == tmp_path / "log"
    assert paths.database_path() == tmp_path / "data" / "smmdesk.db"


def test_windows_uses_appdata() -> None:
    env = {"APPDATA": r"C:\Users\ana\AppData\Roaming", "LOCALAPPDATA": r"C:\Users\ana\Local"}
    dirs = paths.platform_dirs("win32", env, HOME)
    assert dirs.data == Path(env["APPDATA"]) / "SMMDesk"
    assert dirs.config == dirs.data
    assert dirs.log == Path(env["LOCALAPPDATA"]) / "SMMDesk" / "log"


def test_macos_uses_application_support() -> None:
    dirs = paths.platform_dirs("darwin", {}, HOME)
    assert dirs.data == HOME / "Library" / "Application Support" / "SMMDesk"
    assert dirs.config == dirs.data
    assert dirs.log == HOME / "Library" / "Logs" / "SMMDesk"


def test_linux_follows_xdg() -> None:
    env = {"XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s"}
    dirs = paths.platform_dirs("linux", env, HOME)
    assert (dirs.data, dirs.config, dirs.log) == (
        Path("/d/smmdesk"), Path("/c/smmdesk"), Path("/s/smmdesk/log"),
    )  # fmt: skip


def test_linux_defaults_and_ignores_relative_xdg_values() -> None:
    dirs = paths.platform_dirs("linux", {"XDG_DATA_HOME": "relative/dir"}, HOME)
    assert dirs.data == HOME / ".local" / "share" / "smmdesk"
    assert dirs.config == HOME / ".config" / "smmdesk"
    assert dirs.log == HOME / ".local" / "state" / "smmdesk" / "log"
