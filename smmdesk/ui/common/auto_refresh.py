"""The timer behind a pane's automatic refresh, driven by the user's settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

from smmdesk.settings import AUTO_REFRESH, REFRESH_INTERVAL_S, REFRESH_OPTIONS, Option, Settings


class AutoRefreshTimer(QTimer):
    """Fires `timeout` at the user's refresh interval, never faster than the allowed
    minimum (panels rate-limit), and only while automatic refresh is on and a panel is
    active. It follows `Settings.changed` itself, so a pane only says which panel it shows.
    """

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refreshTimer")
        self._settings = settings
        self._has_panel = False
        settings.changed.connect(self.on_settings_changed)

    def follow_panel(self, has_panel: bool) -> None:
        """(Re)start at the current interval, or stop without a panel."""
        self._has_panel = has_panel
        self._apply()

    @Slot(object)
    def on_settings_changed(self, option: Option[Any]) -> None:
        if option in REFRESH_OPTIONS:
            self._apply()

    def _apply(self) -> None:
        seconds = max(self._settings.get(REFRESH_INTERVAL_S), REFRESH_INTERVAL_S.minimum)
        self.setInterval(seconds * 1000)
        if self._settings.get(AUTO_REFRESH) and self._has_panel:
            self.start()
        else:
            self.stop()
