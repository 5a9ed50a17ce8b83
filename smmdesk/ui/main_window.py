"""The main window: it composes the panes, menus, toolbar and status bar and wires their
signals together. Everything else lives in the panes, dialogs and the `AppContext`.

Only the first tab (Services) is built before the window is first painted; the New order,
Orders and Refills panes (and their imports, ~45 ms) are built right after that paint, or
earlier if something asks for them. Dialogs are imported when opened.

Signals:
    first_painted()   the window has been painted once (start-up defers network work to it)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QTabWidget, QToolBar, QWidget

from smmdesk import paths
from smmdesk.store import OrderRecord
from smmdesk.ui.context import AppContext
from smmdesk.ui.panel_switcher import PanelSwitcher
from smmdesk.ui.services_pane import ServicesPane
from smmdesk.ui.status_bar import StatusBar

if TYPE_CHECKING:
    from smmdesk.ui.order_form import NewOrderPane
    from smmdesk.ui.orders_pane import OrdersPane
    from smmdesk.ui.refills_pane import RefillsPane

GEOMETRY = "window/geometry"
STATE = "window/state"
Shortcut = QKeySequence | QKeySequence.StandardKey | str
TAB_TITLES = ("&Services", "&New order", "&Orders", "&Refills")


class MainWindow(QMainWindow):
    first_painted = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("SMMDesk")
        self.context = context
        self._painted = False
        self._later_panes: tuple[NewOrderPane, OrdersPane, RefillsPane] | None = None
        self.services_pane = ServicesPane(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.services_pane, TAB_TITLES[0].replace("&", ""))
        for title in TAB_TITLES[1:]:
            self.tabs.addTab(QWidget(self), title.replace("&", ""))
        self.setCentralWidget(self.tabs)
        self.status = StatusBar(context, self)
        self.setStatusBar(self.status)
        self.switcher = PanelSwitcher(context, self)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.services_pane.order_requested.connect(self.on_services_pane_order_requested)
        self._restore_layout()

    # -- the panes built after the first paint --------------------------------------------

    @property
    def order_pane(self) -> NewOrderPane:
        return self._build_later_panes()[0]

    @property
    def orders_pane(self) -> OrdersPane:
        return self._build_later_panes()[1]

    @property
    def refills_pane(self) -> RefillsPane:
        return self._build_later_panes()[2]

    def _build_later_panes(self) -> tuple[NewOrderPane, OrdersPane, RefillsPane]:
        """Build the New order, Orders and Refills panes once, in place of their tabs'
        stand-in tabs, keeping the current tab."""
        if self._later_panes is not None:
            return self._later_panes
        from smmdesk.ui.order_form import NewOrderPane
        from smmdesk.ui.orders_pane import OrdersPane
        from smmdesk.ui.refills_pane import RefillsPane

        panes = (
            NewOrderPane(self.context, self),
            OrdersPane(self.context, self),
            RefillsPane(self.context, self),
        )
        self._later_panes = panes
        current = self.tabs.currentIndex()
        for index, pane in enumerate(panes, start=1):
            stand_in = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, pane, TAB_TITLES[index].replace("&", ""))
            if stand_in is not None:
                stand_in.deleteLater()
        self.tabs.setCurrentIndex(current)
        panes[1].order_again_requested.connect(self.on_orders_pane_order_again_requested)
        panes[1].restore_layout()
        panes[2].restore_layout()
        return panes

    # -- building -------------------------------------------------------------------------

    def _action(self, name: str, text: str, shortcut: Shortcut | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.panels_action = self._action("panelsAction", "&Panels…")
        self.panels_action.triggered.connect(self.on_panels_action_triggered)
        self.settings_action = self._action(
            "settingsAction", "&Settings…", QKeySequence.StandardKey.Preferences
        )
        self.settings_action.triggered.connect(self.on_settings_action_triggered)
        self.quit_action = self._action("quitAction", "&Quit", QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.refresh_action = self._action("refreshAction", "&Refresh", "F5")
        self.refresh_action.triggered.connect(self.on_refresh_action_triggered)
        self.search_action = self._action("searchAction", "&Find", "Ctrl+F")
        self.search_action.triggered.connect(self.on_search_action_triggered)
        self.new_order_action = self._action("newOrderAction", "&New order", "Ctrl+N")
        self.new_order_action.triggered.connect(self.on_new_order_action_triggered)
        self.tab_actions = []
        for number, title in enumerate(TAB_TITLES, start=1):
            action = self._action(f"tab{number}Action", title, f"Ctrl+{number}")
            action.setData(number - 1)
            action.triggered.connect(self.on_tab_action_triggered)
            self.tab_actions.append(action)
        self.about_action = self._action("aboutAction", "&About SMMDesk")
        self.about_action.triggered.connect(self.on_about_action_triggered)
        self.log_folder_action = self._action("logFolderAction", "Open &log folder")
        self.log_folder_action.triggered.connect(self.on_log_folder_action_triggered)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Panel", self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.switcher)
        manage = QAction("Manage panels…", self)
        manage.setObjectName("managePanelsAction")
        manage.triggered.connect(self.on_panels_action_triggered)
        toolbar.addAction(manage)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.panels_action, self.settings_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.search_action)
        view_menu.addSeparator()
        view_menu.addActions(self.tab_actions)
        order_menu = bar.addMenu("&Orders")
        order_menu.addAction(self.new_order_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.about_action, self.log_folder_action])

    # -- layout persistence ---------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = self.context.settings
        geometry = settings.geometry(GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            em = self.fontMetrics().horizontalAdvance("M")
            self.resize(em * 100, self.fontMetrics().height() * 45)
        state = settings.geometry(STATE)
        if state is not None:
            self.restoreState(state)
        self.services_pane.restore_layout()

    def save_layout(self) -> None:
        settings = self.context.settings
        settings.set_geometry(GEOMETRY, self.saveGeometry())
        settings.set_geometry(STATE, self.saveState())
        self.services_pane.save_layout()
        if self._later_panes is not None:
            self._later_panes[1].save_layout()
            self._later_panes[2].save_layout()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.first_painted.emit()
            self._build_later_panes()
        return handled

    # -- slots ----------------------------------------------------------------------------

    def current_pane(self) -> QObject:
        self._build_later_panes()
        return self.tabs.currentWidget()

    @Slot(str)
    def on_services_pane_order_requested(self, service_id: str) -> None:
        self.tabs.setCurrentWidget(self.order_pane)
        self.order_pane.select_service(service_id)

    @Slot(object)
    def on_orders_pane_order_again_requested(self, record: OrderRecord) -> None:
        self.tabs.setCurrentWidget(self.order_pane)
        self.order_pane.prefill(record)

    @Slot()
    def on_refresh_action_triggered(self) -> None:
        refresh = getattr(self.current_pane(), "refresh_now", None)
        if callable(refresh):
            refresh()
        self.context.refresh_balance()

    @Slot()
    def on_search_action_triggered(self) -> None:
        focus = getattr(self.current_pane(), "focus_search", None)
        if callable(focus):
            focus()

    @Slot()
    def on_new_order_action_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.order_pane)

    @Slot()
    def on_tab_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self._build_later_panes()
            self.tabs.setCurrentIndex(int(action.data()))

    @Slot()
    def on_panels_action_triggered(self) -> None:
        from smmdesk.ui.panels_dialog import PanelsDialog

        _open(PanelsDialog(self.context, self))

    @Slot()
    def on_settings_action_triggered(self) -> None:
        from smmdesk.ui.settings_dialog import SettingsDialog

        _open(SettingsDialog(self.context, self))

    @Slot()
    def on_about_action_triggered(self) -> None:
        from smmdesk.ui.about import AboutDialog

        _open(AboutDialog(self))

    @Slot()
    def on_log_folder_action_triggered(self) -> None:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _open(dialog: QDialog) -> None:
    """Window-modal and non-blocking; the dialog deletes itself when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
