"""`QuietCollector`: the garbage that catalogue loads froze is collected while the user
works in another window.

A catalogue is built with the collector paused and is then frozen
(`runtime.building_long_lived_data`), so that no later collection walks its 20,000
services while the user waits. Whatever cyclic garbage was frozen with it stays until a
full collection of everything, which holds the GIL for as long as it walks the heap
(95 to 110 ms over 74,000 objects with a 20,000-service catalogue, measured). That is
done here, when nobody is looking: the app has stopped being the active one for a moment
and no Desk task is running.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication

from smmdesk.runtime import frozen_since_reclaim, reclaim_frozen_garbage

AWAY_MS = 2_000  # inactive this long before collecting: a quick switch back costs nothing


class QuietCollector(QObject):
    def __init__(
        self, busy: Callable[[], int], parent: QObject | None = None, away_ms: int = AWAY_MS
    ) -> None:
        super().__init__(parent)
        self._busy = busy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(away_ms)
        self._timer.timeout.connect(self.on_timer_timeout)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self._app = app
        app.applicationStateChanged.connect(self.on_app_applicationStateChanged)

    def stop(self) -> None:
        """Collect nothing more: the session that owned the data is closing."""
        self._timer.stop()
        self._app.applicationStateChanged.disconnect(self.on_app_applicationStateChanged)

    @Slot(Qt.ApplicationState)
    def on_app_applicationStateChanged(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._timer.stop()
        elif frozen_since_reclaim():
            self._timer.start()

    @Slot()
    def on_timer_timeout(self) -> None:
        """Collect now, or, while a task runs, look again after the same wait."""
        if not frozen_since_reclaim():
            return
        if self._busy():
            self._timer.start()
            return
        reclaim_frozen_garbage()
