"""Where SMMDesk keeps its files, per platform, without Qt.

Qt's `QStandardPaths` would do, but the store, the log set-up and the test-suite must
know these folders without a `QApplication`. `SMMDESK_DATA_DIR` (set by the app's
`--data-dir` flag, and by the tests) puts all three folders under one root, so a portable
install or a test run never touches the user's real data.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "SMMDesk"
APP_SLUG = "smmdesk"
ENV_DATA_DIR = "SMMDESK_DATA_DIR"
DATABASE_NAME = "smmdesk.db"


@dataclass(frozen=True, slots=True)
class AppDirs:
    data: Path
    config: Path
    log: Path


def platform_dirs(platform: str, env: Mapping[str, str], home: Path) -> AppDirs:
    """The folders for `platform` (a `sys.platform` value) given an environment and home."""
    override = env.get(ENV_DATA_DIR)
    if override:
        root = Path(override).expanduser()
        return AppDirs(root / "data", root / "config", root / "log")
    if platform.startswith("win"):
        roaming = Path(env.get("APPDATA") or home / "AppData" / "Roaming") / APP_NAME
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local") / APP_NAME
        return AppDirs(roaming, roaming, local / "log")
    if platform == "darwin":
        support = home / "Library" / "Application Support" / APP_NAME
        return AppDirs(support, support, home / "Library" / "Logs" / APP_NAME)
    return AppDirs(
        _xdg(env, "XDG_DATA_HOME", home / ".local" / "share") / APP_SLUG,
        _xdg(env, "XDG_CONFIG_HOME", home / ".config") / APP_SLUG,
        _xdg(env, "XDG_STATE_HOME", home / ".local" / "state") / APP_SLUG / "log",
    )


def _xdg(env: Mapping[str, str], name: str, default: Path) -> Path:
    """An XDG base directory; relative values are invalid per the spec and ignored."""
    value = env.get(name, "")
    return Path(value) if value and Path(value).is_absolute() else default


def app_dirs() -> AppDirs:
    return platform_dirs(sys.platform, os.environ, Path.home())


def data_dir() -> Path:
    return app_dirs().data


def config_dir() -> Path:
    return app_dirs().config


def log_dir() -> Path:
    return app_dirs().log


def database_path() -> Path:
    """The store's file: `<data_dir>/smmdesk.db` (the folder is created by `Store.open`)."""
    return data_dir() / DATABASE_NAME
