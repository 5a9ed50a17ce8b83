"""`InsightPane`: what no panel shows, from the user's own history: Reports, Scorecard,
Refill windows and Price watch, one sub-tab each. Each tab loads when first shown and
again when its data changed; the chart library is imported when Reports is first shown.

Signals:
    service_requested(panel_id, service_id)   a service was double-clicked (Scorecard,
                                              Price watch): the window may show it
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from smmdesk.ui.common.context import AppContext
from smmdesk.ui.insight.refill_tab import RefillWindowsTab
from smmdesk.ui.insight.reports_tab import ReportsTab
from smmdesk.ui.insight.scorecard_tab import ScorecardTab
from smmdesk.ui.insight.watch_tab import PriceWatchTab


class InsightPane(QWidget):
    service_requested = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightPane")
        self.reports = ReportsTab(context)
        self.scorecard = ScorecardTab(context)
        self.refill_windows = RefillWindowsTab(context)
        self.price_watch = PriceWatchTab(context)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("insightTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.reports, "&Reports")
        self.tabs.addTab(self.scorecard, "&Scorecard")
        self.tabs.addTab(self.refill_windows, "Re&fill windows")
        self.tabs.addTab(self.price_watch, "Price &watch")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.scorecard.service_requested.connect(self.service_requested)
        self.price_watch.service_requested.connect(self.service_requested)
