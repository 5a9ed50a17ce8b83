"""`InsightPane`: what no panel shows, from the user's own history: Reports, Scorecard,
Refill windows and Price watch, one sub-tab each. Each tab loads when first shown and
again when its data changed.

The pane costs nothing at start-up: this module imports only Qt, and the tabs (their
modules, their models, the chart library) are built when the pane is first shown (or
`build()` is called), so a window may create it with the others.

Signals:
    service_requested(panel_id, service_id)   a service was double-clicked (Scorecard,
                                              Price watch): the window may show it
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from smmdesk.ui.common.context import AppContext
    from smmdesk.ui.insight.refill_tab import RefillWindowsTab
    from smmdesk.ui.insight.reports_tab import ReportsTab
    from smmdesk.ui.insight.scorecard_tab import ScorecardTab
    from smmdesk.ui.insight.watch_tab import PriceWatchTab

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
# Marked for lupdate, translated when the tabs are added.
TAB_TITLES = (
    QT_TRANSLATE_NOOP("Insight", "&Reports"),
    QT_TRANSLATE_NOOP("Insight", "&Scorecard"),
    QT_TRANSLATE_NOOP("Insight", "Re&fill windows"),
    QT_TRANSLATE_NOOP("Insight", "Price &watch"),
)
PRICE_WATCH_TAB = 3


class InsightPane(QWidget):
    service_requested = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightPane")
        self._context = context
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("insightTabs")
        self.tabs.setDocumentMode(True)
        self._pages = [QWidget(self.tabs) for _ in TAB_TITLES]
        for page, title in zip(self._pages, TAB_TITLES, strict=True):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, translate("Insight", str(title)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reports: ReportsTab | None = None
        self.scorecard: ScorecardTab | None = None
        self.refill_windows: RefillWindowsTab | None = None
        self.price_watch: PriceWatchTab | None = None

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)

    def show_price_watch(self) -> None:
        """Bring Price watch forward (for a click on the price-change notice)."""
        self.build()
        self.tabs.setCurrentIndex(PRICE_WATCH_TAB)

    def build(self) -> None:
        """Build the four tabs, once."""
        if self.reports is not None:
            return
        from smmdesk.ui.insight.refill_tab import RefillWindowsTab
        from smmdesk.ui.insight.reports_tab import ReportsTab
        from smmdesk.ui.insight.scorecard_tab import ScorecardTab
        from smmdesk.ui.insight.watch_tab import PriceWatchTab

        context = self._context
        self.reports = ReportsTab(context)
        self.scorecard = ScorecardTab(context)
        self.refill_windows = RefillWindowsTab(context)
        self.price_watch = PriceWatchTab(context)
        tabs = (self.reports, self.scorecard, self.refill_windows, self.price_watch)
        for page, tab in zip(self._pages, tabs, strict=True):
            layout = page.layout()
            assert layout is not None
            layout.addWidget(tab)
        self.scorecard.service_requested.connect(self.service_requested)
        self.price_watch.service_requested.connect(self.service_requested)
