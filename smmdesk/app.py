"""`smmdesk`: command-line flags, QApplication set-up and the start-up sequence.

Start-up is ordered for a fast first paint: only what the window needs is imported and
built before `show()`; choosing the active panel (which may start the demo server, read the
catalogue cache and call the network) waits for the window's `first_painted` signal.
Nothing before it imports PySide's `Qt` namespace, which builds all its 95 enums at the
first import (21 ms): the theme, the crash-recovery notice, the language's layout
direction and the window's shortcuts take it later.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from smmdesk.runtime import favour_gui_thread, freeze_start_up_objects

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from smmdesk.demopanel import DemoPanel
    from smmdesk.instance import InstanceGuard
    from smmdesk.opening import OpenedStore, StoreOpener
    from smmdesk.settings import Settings
    from smmdesk.store import Store
    from smmdesk.ui.common.context import AppContext
    from smmdesk.ui.window.main_window import MainWindow
    from smmdesk.workers import Desk, HistoryOpened, Ticket
    from smmdesk.workers.quiet_collector import QuietCollector

RESOURCES = Path(__file__).parent / "resources"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="smmdesk", description="SMMDesk: panels, services, orders, refills and cancels."
    )
    parser.add_argument("--demo", action="store_true", help="start and select the demo panel")
    parser.add_argument(
        "--selftest", action="store_true", help="run an end-to-end check offscreen and exit"
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--data-dir", type=Path, help="keep data, settings and logs under DIR")
    # For bench/gui_catalogue.py: report the first paint on stdout, then quit.
    parser.add_argument("--exit-after-first-paint", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.version:
        from smmdesk.ui.window.about import version_lines

        print("\n".join(version_lines()))  # noqa: T201 (command-line output)
        return 0
    if arguments.data_dir is not None:
        from smmdesk.paths import ENV_DATA_DIR

        os.environ[ENV_DATA_DIR] = str(arguments.data_dir.expanduser().resolve())
    if arguments.selftest:
        from smmdesk.selftest import run_selftest

        return run_selftest()
    return run_gui(arguments)


def run_gui(arguments: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from smmdesk.paths import data_dir

    favour_gui_thread()
    app = QApplication(sys.argv[:1])
    guard = guard_data_folder(data_dir())
    if guard is None:
        return 1
    if not guard.acquire():
        print(ALREADY_RUNNING, file=sys.stderr)  # noqa: T201 (command-line output)
        return 0
    _identify(app)
    session = Session(app, force_demo=arguments.demo)
    guard.activation_requested.connect(session.window.bring_to_front)
    session.window.first_painted.connect(guard.listen_soon)
    if arguments.exit_after_first_paint:
        session.window.first_painted.connect(_report_first_paint)
    session.window.show()
    try:
        return app.exec()
    finally:
        session.close()
        guard.release()


def guard_data_folder(folder: Path) -> InstanceGuard | None:
    """The folder's instance guard. A folder that cannot be made (a file in the way, no
    permission) is explained, never a traceback, until the user fixes it or quits (None)."""
    from smmdesk.instance import InstanceGuard

    while True:
        try:
            return InstanceGuard(folder)
        except OSError as error:
            from smmdesk.opening import ask_about_folder

            if not ask_about_folder(error, folder):
                return None


ALREADY_RUNNING = (
    "SMMDesk is already running on this data folder; its window was brought to the front. "
    "Use --data-dir to run another SMMDesk on another folder."
)


def _report_first_paint() -> None:
    from PySide6.QtCore import QCoreApplication

    print("painted", flush=True)  # noqa: T201 (read by the bench)
    QCoreApplication.quit()


def _identify(app: QApplication) -> None:
    app.setApplicationName("SMMDesk")
    app.setOrganizationName("SMMDesk")
    app.setDesktopFileName("io.github.smmdesk.SMMDesk")
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """The SVG where Qt's SVG plug-in is present, the rendered PNGs everywhere."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in sorted(RESOURCES.glob("smmdesk*.*")):
        icon.addFile(str(path))
    return icon


class Session(QObject):
    """Everything one run of the GUI owns, built in start-up order and closed in reverse.

    Paint first: the constructor builds only the window frame from the settings; the data
    layer (log file, database, workers, context, panes) is opened right after the first
    paint, the history is opened on a worker (`Desk.open_history`), and `opened` is emitted
    once the window shows the data.
    """

    opened = Signal()

    def __init__(self, app: QApplication, force_demo: bool) -> None:
        super().__init__()
        from smmdesk.i18n import install_language
        from smmdesk.settings import LANGUAGE, THEME, open_settings
        from smmdesk.ui.common.theme import apply_theme
        from smmdesk.ui.window.main_window import MainWindow

        self.app = app
        self._force_demo = force_demo
        self.settings = open_settings()
        install_language(app, self.settings.get(LANGUAGE))
        apply_theme(app, self.settings.get(THEME))
        self.window: MainWindow = MainWindow(settings=self.settings)
        self.window.first_painted.connect(self.on_window_first_painted)
        self._data: _DataLayer | None = None
        self._opener: StoreOpener | None = None
        self._history: HistoryOpened | None = None
        self._collector: QuietCollector | None = None

    @property
    def is_open(self) -> bool:
        return self._history is not None

    @property
    def store(self) -> Store:
        return self._opened().store

    @property
    def desk(self) -> Desk:
        return self._opened().desk

    @property
    def context(self) -> AppContext:
        return self._opened().context

    @property
    def demo(self) -> DemoServer:
        return self._opened().demo

    @property
    def demo_panel_id(self) -> int:
        return self.context.demo_panel_id

    @Slot()
    def on_window_first_painted(self) -> None:
        """Now that the user sees a window: open the data, pick the panel, start the work."""
        QTimer.singleShot(0, self, self.open)

    def open(self) -> None:
        """Open the database (idempotent): a broken disk or file asks the user what to do
        (`StoreOpener`); the data layer and the history follow, then `opened`."""
        if self._opener is not None:
            return
        import smmdesk  # reading the version loads importlib.metadata: after the first paint
        from smmdesk.opening import StoreOpener, start_logging
        from smmdesk.paths import database_path, log_dir

        self.app.setApplicationVersion(smmdesk.__version__)
        start_logging(log_dir())
        self._opener = StoreOpener(database_path(), self.window)
        self._opener.opened.connect(self.on_opener_opened)
        self._opener.gave_up.connect(self.on_opener_gave_up)
        self._opener.start()

    @Slot(object)
    def on_opener_opened(self, opened: OpenedStore) -> None:
        from smmdesk.workers import Job, Ticket

        data = self._data = _DataLayer(self.settings, opened.store)
        self.window.attach(data.context)
        data.desk.history_opened.connect(self.on_desk_history_opened)
        if opened.notice:
            self.window.status.show_message(opened.notice, 0)
        if opened.history is None:
            data.desk.open_history()
            return
        self.window.setWindowTitle(f"{self.window.windowTitle()} (read-only)")
        self.on_desk_history_opened(Ticket(Job.OPEN_HISTORY, None, 0), opened.history)

    @Slot()
    def on_opener_gave_up(self) -> None:
        self.app.exit(1)

    @Slot(object, object)
    def on_desk_history_opened(self, _ticket: Ticket, history: HistoryOpened) -> None:
        self._history = history
        context = self.context
        context.set_panels(history.panels)
        context.set_active_panel(self.initial_panel_id(history))
        if history.recovered:
            self.window.recovery_notice.announce(history.recovered)
        freeze_start_up_objects()
        from smmdesk.workers.quiet_collector import QuietCollector

        self._collector = QuietCollector(self._tasks_running, self)
        self.opened.emit()

    def _tasks_running(self) -> int:
        """The Desk's running tasks; a closed session counts as busy (nothing to collect)."""
        return self._data.desk.busy if self._data is not None else 1

    def initial_panel_id(self, history: HistoryOpened) -> int:
        from smmdesk.settings import ACTIVE_PANEL

        if self._force_demo:
            return history.demo_panel_id
        remembered = self.settings.get(ACTIVE_PANEL)
        if any(panel.id == remembered for panel in history.panels):
            return remembered
        others = [panel for panel in history.panels if not panel.is_demo]
        return others[0].id if others else history.demo_panel_id

    def close(self) -> None:
        if self._collector is not None:
            self._collector.stop()
            self._collector = None
        if self._data is not None:
            self._data.close()
        self.settings.sync()

    def _opened(self) -> _DataLayer:
        if self._data is None:
            raise RuntimeError("the session's data layer opens after the first paint")
        return self._data


class _DataLayer:
    """Over the opened database: the workers, the context and the demo server."""

    def __init__(self, settings: Settings, store: Store) -> None:
        from smmdesk.secrets import KeyStore
        from smmdesk.ui.common.context import AppContext
        from smmdesk.workers import Desk, NetworkSettings

        self.store = store
        self.desk = Desk(self.store, KeyStore(), NetworkSettings.from_settings(settings))
        self.context = AppContext(self.desk, settings)
        self.demo = DemoServer(self.context)

    def close(self) -> None:
        self.desk.shutdown()
        self.demo.stop()
        self.store.close()


class DemoServer(QObject):
    """Starts the in-process demo panel the first time the demo row becomes active, and
    tells the desk where this run's server listens."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._context = context
        self.panel: DemoPanel | None = None
        context.panel_changed.connect(self.on_context_panel_changed)

    @Slot(int)
    def on_context_panel_changed(self, panel_id: int) -> None:
        # Runs before the context asks for the catalogue and balance, so those requests
        # already go to the running server.
        if panel_id and panel_id == self._context.demo_panel_id and self.panel is None:
            self.start()

    def start(self) -> DemoPanel:
        from smmdesk.demopanel import app_demo
        from smmdesk.workers import DEMO_KEY

        if self.panel is None:
            self.panel = app_demo(DEMO_KEY).start()
            self._context.desk.point_demo(self._context.demo_panel_id, self.panel.url)
        return self.panel

    def stop(self) -> None:
        if self.panel is not None:
            self.panel.stop()
            self.panel = None
