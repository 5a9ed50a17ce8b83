"""Every user setting, declared once: name, type, default. Stored with `QSettings`.

Widgets and workers read settings through `Settings`; nothing else touches QSettings keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QHeaderView


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    label: str
    minimum: int = 0
    maximum: int = 0


REFRESH_INTERVAL_S = Option(
    "network/refresh_interval_s", 60, "Refresh orders every (seconds)", 15, 3600
)
READ_TIMEOUT_S = Option("network/read_timeout_s", 30, "Answer timeout (seconds)", 5, 300)
CONNECT_TIMEOUT_S = Option("network/connect_timeout_s", 10, "Connect timeout (seconds)", 2, 120)
MAX_IN_FLIGHT = Option("network/max_in_flight", 4, "Requests in flight per panel", 1, 16)
AUTO_REFRESH = Option("orders/auto_refresh", True, "Refresh orders automatically")
THEME = Option("ui/theme", "system", "Theme")
ACTIVE_PANEL = Option("ui/active_panel", 0, "Active panel")
INTEGER_OPTIONS = (REFRESH_INTERVAL_S, READ_TIMEOUT_S, CONNECT_TIMEOUT_S, MAX_IN_FLIGHT)
THEMES = ("system", "light", "dark")


class Settings:
    """Typed access to the application's QSettings (INI format, in the config folder)."""

    def __init__(self, settings: QSettings) -> None:
        self._qsettings = settings

    def get(self, option: Option) -> Any:
        raw = self._qsettings.value(option.key, option.default)
        return _coerce(raw, option.default)

    def set(self, option: Option, value: Any) -> None:
        self._qsettings.setValue(option.key, value)

    def geometry(self, name: str) -> QByteArray | None:
        value = self._qsettings.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, state: QByteArray) -> None:
        self._qsettings.setValue(f"layout/{name}", state)

    def save_header(self, name: str, header: QHeaderView) -> None:
        """Remember a table's column widths, order and sort indicator."""
        self.set_geometry(name, header.saveState())

    def restore_header(self, name: str, header: QHeaderView) -> None:
        state = self.geometry(name)
        if state is not None:
            header.restoreState(state)

    def sync(self) -> None:
        self._qsettings.sync()


def _coerce(raw: Any, default: Any) -> Any:
    """QSettings' INI backend returns strings; bring them back to the default's type."""
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    return raw if isinstance(raw, type(default)) else default
