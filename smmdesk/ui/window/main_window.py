"""The main window: it composes the panes, menus, toolbar and status bar and wires their
signals together. Everything else lives in the panes, dialogs and the `AppContext`.

Start-up paints first: `MainWindow(settings=…)` builds only the frame (menus, toolbar,
tabs) from the settings, which needs none of the data layer; the application attaches
the `AppContext` right after the first paint (`attach`), which builds the panel switcher,
the Services pane and the status bar, then the New order, Mass order, Orders and Refills
panes. `MainWindow(context)` does both at once. Dialogs are imported when opened.

The `RecoveryNotice` above the tabs says which orders a crash left unconfirmed until the
user dismisses it; a `KeyPrompter` asks for the keys no keyring can give.

Signals:
    first_painted()   the window has been painted once (start-up defers network work to it)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from smmdesk import paths
from smmdesk.settings import THEME, Option
from smmdesk.ui.common.theme import apply_theme

if TYPE_CHECKING:
    from smmdesk.settings import Settings
    from smmdesk.store import OrderRecord
    from smmdesk.ui.catalogue.services_pane import ServicesPane
    from smmdesk.ui.common.context import AppContext
    from smmdesk.ui.insight.insight_pane import InsightPane
    from smmdesk.ui.mass.mass_pane import MassOrderPane
    from smmdesk.ui.ordering.order_form import NewOrderPane
    from smmdesk.ui.orders.orders_pane import OrdersPane
    from smmdesk.ui.overview.overview_pane import OverviewPane
    from smmdesk.ui.panels.key_prompt import KeyPrompter
    from smmdesk.ui.panels.panel_switcher import PanelSwitcher
    from smmdesk.ui.prices.board_pane import PriceBoardPane
    from smmdesk.ui.refills.refills_pane import RefillsPane
    from smmdesk.ui.window.companions import WindowCompanions
    from smmdesk.ui.window.recovery_notice import RecoveryNotice
    from smmdesk.ui.window.status_bar import StatusBar
    from smmdesk.ui.window.window_links import WindowLinks

LaterPanes = tuple[
    "NewOrderPane", "MassOrderPane", "OrdersPane", "RefillsPane", "PriceBoardPane", "InsightPane"
]
GEOMETRY = "window/geometry"
STATE = "window/state"
Shortcut = QKeySequence | QKeySequence.StandardKey | str
TAB_TITLES = (
    QT_TRANSLATE_NOOP("MainWindow", "O&verview"),
    QT_TRANSLATE_NOOP("MainWindow", "&Services"),
    QT_TRANSLATE_NOOP("MainWindow", "&New order"),
    QT_TRANSLATE_NOOP("MainWindow", "&Mass order"),
    QT_TRANSLATE_NOOP("MainWindow", "&Orders"),
    QT_TRANSLATE_NOOP("MainWindow", "&Refills"),
    QT_TRANSLATE_NOOP("MainWindow", "&Prices"),
    QT_TRANSLATE_NOOP("MainWindow", "&Insight"),
)
# Ctrl+<number> per tab: tabs that came later take the next free number, so the shortcuts
# users learnt (Ctrl+1 Services, Ctrl+3 Orders, Ctrl+4 Refills) keep their meaning.
TAB_SHORTCUTS = (0, 1, 2, 5, 3, 4, 6, 7)
SERVICES_TAB = 1
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def tab_title(marked: object) -> str:
    """A tab's title in the user's language, without its mnemonic (tabs show none)."""
    return translate("MainWindow", str(marked)).replace("&", "")


LATER_TABS_START = 2
UNCONFIRMED_TAB = "unconfirmed"  # the Orders pane's tab for `unconfirmed` journal rows


class MainWindow(QMainWindow):
    first_painted = Signal()
    overview_pane: OverviewPane
    companions: WindowCompanions
    links: WindowLinks
    services_pane: ServicesPane
    status: StatusBar
    switcher: PanelSwitcher
    key_prompter: KeyPrompter
    recovery_notice: RecoveryNotice

    def __init__(
        self,
        context: AppContext | None = None,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(translate("MainWindow", "SMMDesk"))
        self._settings = _settings_of(context, settings)
        self._context: AppContext | None = None
        self._painted = False
        self._later_panes: LaterPanes | None = None
        self.quitting = False
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        for title in TAB_TITLES:
            self.tabs.addTab(QWidget(self), tab_title(title))
        central = QWidget(self)
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._restore_geometry()
        self._settings.changed.connect(self.on_settings_changed)
        if context is not None:
            self.attach(context)

    @property
    def context(self) -> AppContext:
        if self._context is None:
            raise RuntimeError("the window has no context yet: call attach() first")
        return self._context

    def attach(self, context: AppContext) -> None:
        """Build what shows the data: switcher, Services pane, status bar, then (once the
        window has been painted) the other panes. Emits nothing."""
        from smmdesk.ui.catalogue.services_pane import ServicesPane
        from smmdesk.ui.overview.overview_pane import OverviewPane
        from smmdesk.ui.panels.key_prompt import KeyPrompter
        from smmdesk.ui.panels.panel_switcher import PanelSwitcher
        from smmdesk.ui.window.companions import WindowCompanions
        from smmdesk.ui.window.recovery_notice import RecoveryNotice
        from smmdesk.ui.window.status_bar import StatusBar

        self._context = context
        self.bind_shortcuts()
        self.recovery_notice = RecoveryNotice(self)  # above the tabs
        self.recovery_notice.action_clicked.connect(self.on_recovery_notice_action_clicked)
        self._column.insertWidget(0, self.recovery_notice)
        self.companions = WindowCompanions(context, self.windowIcon(), self)
        self.overview_pane = OverviewPane(context, self.companions.balances, self)
        self._replace_tab(0, self.overview_pane)
        self.services_pane = ServicesPane(context, self)
        self._replace_tab(SERVICES_TAB, self.services_pane)
        self.services_pane.order_requested.connect(self.on_services_pane_order_requested)
        self.services_pane.restore_layout()
        self.status = StatusBar(context, self)
        self.setStatusBar(self.status)
        self.switcher = PanelSwitcher(context, self)
        self.toolbar.insertWidget(self.toolbar.actions()[0], self.switcher)
        self.key_prompter = KeyPrompter(context, self)
        from smmdesk.ui.window.window_links import WindowLinks

        self.links = WindowLinks(self)
        self.palette_action.triggered.connect(self.links.open_command_palette)
        for action in self._data_actions:
            action.setEnabled(True)
        if self._painted:
            self._build_later_panes()

    def _replace_tab(self, index: int, pane: QWidget) -> None:
        stand_in = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, pane, tab_title(TAB_TITLES[index]))
        if stand_in is not None:
            stand_in.deleteLater()
        self.tabs.setCurrentIndex(current)

    def show_unconfirmed_orders(self) -> None:
        pane = self.orders_pane
        self.tabs.setCurrentWidget(pane)
        tabs = pane.status_tabs
        index = next((i for i in range(tabs.count()) if tabs.tabData(i) == UNCONFIRMED_TAB), 0)
        tabs.setCurrentIndex(index)

    # -- the panes built after the first paint --------------------------------------------

    @property
    def order_pane(self) -> NewOrderPane:
        return self._build_later_panes()[0]

    @property
    def mass_pane(self) -> MassOrderPane:
        return self._build_later_panes()[1]

    @property
    def orders_pane(self) -> OrdersPane:
        return self._build_later_panes()[2]

    @property
    def refills_pane(self) -> RefillsPane:
        return self._build_later_panes()[3]

    @property
    def price_board_pane(self) -> PriceBoardPane:
        return self._build_later_panes()[4]

    @property
    def insight_pane(self) -> InsightPane:
        return self._build_later_panes()[5]

    def _build_later_panes(self) -> LaterPanes:
        """Build the New order, Mass order, Orders, Refills, Prices and Insight panes once,
        in place of their tabs' stand-ins, keeping the current tab."""
        if self._later_panes is not None:
            return self._later_panes
        from smmdesk.ui.insight.insight_pane import InsightPane
        from smmdesk.ui.mass.mass_pane import MassOrderPane
        from smmdesk.ui.ordering.order_form import NewOrderPane
        from smmdesk.ui.orders.orders_pane import OrdersPane
        from smmdesk.ui.prices.board_pane import PriceBoardPane
        from smmdesk.ui.refills.refills_pane import RefillsPane

        context = self.context
        panes = (
            NewOrderPane(context, self),
            MassOrderPane(context, self),
            OrdersPane(context, self),
            RefillsPane(context, self),
            PriceBoardPane(context, self.companions.balances, self),
            InsightPane(context, self),
        )
        self._later_panes = panes
        for index, pane in enumerate(panes, start=LATER_TABS_START):
            self._replace_tab(index, pane)
        panes[2].order_again_requested.connect(self.on_orders_pane_order_again_requested)
        self.links.follow_later_panes(panes)
        for laid_out in panes[1:4]:
            laid_out.restore_layout()
        return panes

    # -- building -------------------------------------------------------------------------

    def _action(self, name: str, text: str, shortcut: Shortcut | None = None) -> QAction:
        """An action of the window; its shortcut is bound by `bind_shortcuts`."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        self.addAction(action)
        return action

    @Slot()
    def bind_shortcuts(self) -> None:
        """Give the actions their shortcuts, once: after the first paint (or when the data
        is attached, if sooner). The first `setShortcut` makes PySide build every enum of
        the `Qt` namespace, 21 ms the first paint need not wait for."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    def _build_actions(self) -> None:
        self._shortcuts: list[tuple[QAction, Shortcut]] = []
        self.panels_action = self._action("panelsAction", translate("MainWindow", "&Panels…"))
        self.panels_action.triggered.connect(self.on_panels_action_triggered)
        self.settings_action = self._action(
            "settingsAction",
            translate("MainWindow", "&Settings…"),
            QKeySequence.StandardKey.Preferences,
        )
        self.settings_action.triggered.connect(self.on_settings_action_triggered)
        self.quit_action = self._action(
            "quitAction", translate("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit
        )
        self.quit_action.triggered.connect(self.close)
        self.refresh_action = self._action(
            "refreshAction", translate("MainWindow", "&Refresh"), "F5"
        )
        self.refresh_action.triggered.connect(self.on_refresh_action_triggered)
        self.search_action = self._action(
            "searchAction", translate("MainWindow", "&Find"), "Ctrl+F"
        )
        self.search_action.triggered.connect(self.on_search_action_triggered)
        self.palette_action = self._action(
            "paletteAction", translate("MainWindow", "&Command palette…"), "Ctrl+K"
        )
        self.new_order_action = self._action(
            "newOrderAction", translate("MainWindow", "&New order"), "Ctrl+N"
        )
        self.new_order_action.triggered.connect(self.on_new_order_action_triggered)
        self.tab_actions = []
        for index, (title, number) in enumerate(zip(TAB_TITLES, TAB_SHORTCUTS, strict=True)):
            text = translate("MainWindow", str(title))
            action = self._action(f"tab{number}Action", text, f"Ctrl+{number}")
            action.setData(index)
            action.triggered.connect(self.on_tab_action_triggered)
            self.tab_actions.append(action)
        self._data_actions = [
            self.panels_action,
            self.settings_action,
            self.refresh_action,
            self.search_action,
            self.new_order_action,
            self.palette_action,
            *self.tab_actions[LATER_TABS_START:],
        ]
        for data_action in self._data_actions:
            data_action.setEnabled(False)  # until attach() brings the data
        self.about_action = self._action("aboutAction", translate("MainWindow", "&About SMMDesk"))
        self.about_action.triggered.connect(self.on_about_action_triggered)
        self.log_folder_action = self._action(
            "logFolderAction", translate("MainWindow", "Open &log folder")
        )
        self.log_folder_action.triggered.connect(self.on_log_folder_action_triggered)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(translate("MainWindow", "Panel"), self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        self.toolbar = toolbar
        manage = QAction(translate("MainWindow", "Manage panels…"), self)
        manage.setObjectName("managePanelsAction")
        manage.triggered.connect(self.on_panels_action_triggered)
        manage.setEnabled(False)
        self._data_actions.append(manage)
        toolbar.addAction(manage)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(translate("MainWindow", "&File"))
        file_menu.addActions([self.panels_action, self.settings_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(translate("MainWindow", "&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.palette_action)
        view_menu.addSeparator()
        view_menu.addActions(self.tab_actions)
        order_menu = bar.addMenu(translate("MainWindow", "&Orders"))
        order_menu.addAction(self.new_order_action)
        help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        help_menu.addActions([self.about_action, self.log_folder_action])

    # -- layout persistence ---------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = self._settings
        geometry = settings.geometry(GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            em = self.fontMetrics().horizontalAdvance("M")
            self.resize(em * 100, self.fontMetrics().height() * 45)
        state = settings.geometry(STATE)
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        settings = self._settings
        settings.set_geometry(GEOMETRY, self.saveGeometry())
        settings.set_geometry(STATE, self.saveState())
        if self._context is not None:
            self.services_pane.save_layout()
        if self._later_panes is not None:
            for pane in self._later_panes[1:4]:
                pane.save_layout()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if not self.quitting and self._context is not None:
            if self.companions.keeps_running_in_tray():
                self.hide()  # tracking goes on; the tray's Quit quits
                event.ignore()
                return
            self.companions.close()
        super().closeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.bind_shortcuts)  # once the window is on screen
            self.first_painted.emit()
            if self._context is not None:
                self._build_later_panes()
        return handled

    # -- slots ----------------------------------------------------------------------------

    def current_pane(self) -> QObject:
        if self._context is not None:
            self._build_later_panes()
        return self.tabs.currentWidget()

    @Slot()
    def bring_to_front(self) -> None:
        """Another launch on this data folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot(object)
    def on_settings_changed(self, option: Option[Any]) -> None:
        app = QApplication.instance()
        if option is THEME and isinstance(app, QApplication):
            apply_theme(app, self._settings.get(THEME))

    @Slot()
    def on_recovery_notice_action_clicked(self) -> None:
        self.show_unconfirmed_orders()

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
        """Ctrl+N: the form, for the service highlighted in Services when that is the tab."""
        services = self.services_pane
        highlighted = services.selected_service() if self.current_pane() is services else None
        self.tabs.setCurrentWidget(self.order_pane)
        self.order_pane.begin_order(highlighted.id if highlighted else None)

    @Slot()
    def on_tab_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            if self._context is not None:
                self._build_later_panes()
            self.tabs.setCurrentIndex(int(action.data()))

    @Slot()
    def on_panels_action_triggered(self) -> None:
        from smmdesk.ui.panels.panels_dialog import PanelsDialog

        _open(PanelsDialog(self.context, self))

    @Slot()
    def on_settings_action_triggered(self) -> None:
        from smmdesk.ui.window.settings_dialog import SettingsDialog

        _open(SettingsDialog(self.context, self))

    @Slot()
    def on_about_action_triggered(self) -> None:
        from smmdesk.ui.window.about import AboutDialog

        _open(AboutDialog(self))

    @Slot()
    def on_log_folder_action_triggered(self) -> None:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _settings_of(context: AppContext | None, settings: Settings | None) -> Settings:
    if settings is not None:
        return settings
    if context is None:
        raise ValueError("MainWindow needs a context or settings")
    return context.settings


def _open(dialog: QDialog) -> None:
    """Window-modal and non-blocking; the dialog deletes itself when closed."""
    from PySide6.QtCore import Qt  # not before the first paint (see smmdesk.app)

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
