"""The timer behind a pane's automatic refresh, driven by the user's settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from smmdesk.settings import AUTO_REFRESH, REFRESH_INTERVAL_S, Settings


class AutoRefreshTimer(QTimer):
    """Fires `timeout` at the user's refresh interval, never faster than the allowed
    minimum (panels rate-limit), and only while automatic refresh is on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refreshTimer")

    def apply(self, settings: Settings, has_panel: bool) -> None:
        """(Re)start at the current interval, or stop when off or without a panel."""
        seconds = max(int(settings.get(REFRESH_INTERVAL_S)), REFRESH_INTERVAL_S.minimum)
        self.setInterval(seconds * 1000)
        if settings.get(AUTO_REFRESH) and has_panel:
            self.start()
        else:
            self.stop()
