"""Every user setting, declared once: name, type, default. Stored with `QSettings`.

Widgets and workers read settings through `Settings`; nothing else touches QSettings keys.
Settings announce their changes (`changed(Option)`): whoever depends on one listens,
nobody polls and nobody has to be told by the dialog that changed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QObject, QSettings, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QHeaderView

T = TypeVar("T", int, bool, str)

# Labels are marked for lupdate (context "Settings") and translated where they are shown.


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    label: str
    minimum: int = 0
    maximum: int = 0


REFRESH_INTERVAL_S = Option[int](
    "network/refresh_interval_s",
    60,
    str(QT_TRANSLATE_NOOP("Settings", "Refresh orders every (seconds)")),
    15,
    3600,
)
READ_TIMEOUT_S = Option[int](
    "network/read_timeout_s",
    30,
    str(QT_TRANSLATE_NOOP("Settings", "Answer timeout (seconds)")),
    5,
    300,
)
CONNECT_TIMEOUT_S = Option[int](
    "network/connect_timeout_s",
    10,
    str(QT_TRANSLATE_NOOP("Settings", "Connect timeout (seconds)")),
    2,
    120,
)
MAX_IN_FLIGHT = Option[int](
    "network/max_in_flight",
    4,
    str(QT_TRANSLATE_NOOP("Settings", "Requests in flight per panel")),
    1,
    16,
)
# Orders of a mass order sent at once; each also waits for a place among the panel's
# requests in flight, and for the panel's pace (requests a minute) when it has one.
MASS_IN_FLIGHT = Option[int](
    "orders/mass_in_flight",
    2,
    str(QT_TRANSLATE_NOOP("Settings", "Mass order: orders sent at once")),
    1,
    8,
)
AUTO_REFRESH = Option[bool](
    "orders/auto_refresh", True, str(QT_TRANSLATE_NOOP("Settings", "Refresh orders automatically"))
)
THEME = Option[str]("ui/theme", "system", str(QT_TRANSLATE_NOOP("Settings", "Theme")))
# "" follows the system; else a code of `smmdesk.i18n.LANGUAGES` (applies at the next start).
LANGUAGE = Option[str]("ui/language", "", str(QT_TRANSLATE_NOOP("Settings", "Language")))
CLOSE_TO_TRAY = Option[bool](
    "ui/close_to_tray",
    False,
    str(QT_TRANSLATE_NOOP("Settings", "Closing the window keeps SMMDesk tracking in the tray")),
)
# One switch per kind of notification (the keys are `services.notices.NoticeKind` values).
NOTIFY_OPTIONS = {
    kind: Option[bool](f"notify/{kind}", True, label)
    for kind, label in (
        ("completed", str(QT_TRANSLATE_NOOP("Settings", "Orders completed"))),
        ("partial", str(QT_TRANSLATE_NOOP("Settings", "Orders gone partial"))),
        ("canceled", str(QT_TRANSLATE_NOOP("Settings", "Orders canceled"))),
        ("refunded", str(QT_TRANSLATE_NOOP("Settings", "Orders refunded"))),
        ("refill_completed", str(QT_TRANSLATE_NOOP("Settings", "Refills completed"))),
        ("refill_rejected", str(QT_TRANSLATE_NOOP("Settings", "Refills rejected or failed"))),
        ("unconfirmed", str(QT_TRANSLATE_NOOP("Settings", "Orders that became unconfirmed"))),
        ("low_balance", str(QT_TRANSLATE_NOOP("Settings", "A balance below its warning"))),
        (
            "price_changed",
            str(QT_TRANSLATE_NOOP("Settings", "Prices of services ordered lately changed")),
        ),
    )
}
ACTIVE_PANEL = Option[int]("ui/active_panel", 0, str(QT_TRANSLATE_NOOP("Settings", "Active panel")))
INTEGER_OPTIONS = (
    REFRESH_INTERVAL_S,
    READ_TIMEOUT_S,
    CONNECT_TIMEOUT_S,
    MAX_IN_FLIGHT,
    MASS_IN_FLIGHT,
)
NETWORK_OPTIONS = frozenset({READ_TIMEOUT_S, CONNECT_TIMEOUT_S, MAX_IN_FLIGHT})
REFRESH_OPTIONS = frozenset({REFRESH_INTERVAL_S, AUTO_REFRESH})
# The price board compares every panel's rates in this currency; other currencies are
# converted with the rates the user typed ("EUR=1.08; INR=0.012"), never looked up online.
BOARD_CURRENCY = Option[str](
    "prices/currency", "USD", str(QT_TRANSLATE_NOOP("Settings", "Compare prices in"))
)
CURRENCY_RATES = Option[str](
    "prices/rates", "", str(QT_TRANSLATE_NOOP("Settings", "Conversion rates"))
)
THEMES = ("system", "light", "dark")


def low_balance_option(panel_id: int) -> Option[str]:
    """The balance below which a panel is flagged and announced; "" when none is set.
    A decimal kept as text, so that 0.10 stays exactly 0.10."""
    return Option[str](f"panels/{panel_id}/low_balance", "", "Warn when the balance is below")


class Settings(QObject):
    """Typed access to the application's QSettings (INI format, in the config folder).

    Signals:
        changed(Option)   a stored value changed (emitted once per option that did)
    """

    changed = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qsettings = settings

    def get(self, option: Option[T]) -> T:
        raw = self._qsettings.value(option.key, option.default)
        return _coerce(raw, option.default)

    def set(self, option: Option[T], value: T) -> None:
        self.update({option: value})

    def update(self, values: Mapping[Option[Any], object]) -> None:
        """Store several values, then announce each one that changed."""
        changed = [option for option, value in values.items() if self.get(option) != value]
        for option in changed:
            self._qsettings.setValue(option.key, values[option])
        for option in changed:
            self.changed.emit(option)

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


def _coerce(raw: object, default: T) -> T:
    """QSettings' INI backend returns strings; bring them back to the default's type."""
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if isinstance(default, int):
        try:
            return int(str(raw))
        except ValueError:
            return default
    return raw if isinstance(raw, str) else default


def open_settings() -> Settings:
    """The user's settings file, `smmdesk.ini` in the config folder."""
    from smmdesk.paths import config_dir

    path = config_dir() / "smmdesk.ini"
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))
