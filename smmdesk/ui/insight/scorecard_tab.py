"""`ScorecardTab`: what each service and each panel really delivered, from the user's own
orders, as a sortable table; orders without progress for the hours set count as stuck.

Signals:
    service_requested(panel_id, service_id)   a service row was double-clicked
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from smmdesk.services.scorecard import STUCK_AFTER_S, Score, Scorecard
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.insight.rows_model import ROW_ROLE, SortProxy
from smmdesk.ui.insight.scorecard_model import ScoreColumn, ScoreModel
from smmdesk.ui.insight.tables import fit_columns, insight_table
from smmdesk.ui.insight.wording import orders_text
from smmdesk.workers import Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
NO_ORDERS = str(
    QT_TRANSLATE_NOOP(
        "Scorecard",
        "No orders yet. The scorecard is worked out from your own orders: how fast each "
        "service started and completed, how often it ended partial, canceled or refunded. "
        "Place orders and it fills in as they progress.",
    )
)


class ScorecardTab(QWidget):
    service_requested = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorecardTab")
        self._context = context
        self._asked: int | None = None
        self._stale = True
        self.scorecard: Scorecard | None = None
        self.model = ScoreModel(self)
        self.proxy = SortProxy(self.model, self)
        self.view = QComboBox(self)
        self.view.setObjectName("scorecardView")
        self.view.addItems(
            [translate("Scorecard", "Per service"), translate("Scorecard", "Per panel")]
        )
        self.stuck_hours = QSpinBox(self)
        self.stuck_hours.setObjectName("stuckHours")
        self.stuck_hours.setRange(1, 24 * 30)
        self.stuck_hours.setValue(round(STUCK_AFTER_S / 3600))
        self.stuck_hours.setSuffix(translate("Scorecard", " h"))
        self.stuck_hours.setToolTip(
            translate("Scorecard", "An order not final with no progress for this long is stuck")
        )
        stuck_label = QLabel(translate("Scorecard", "&Stuck after no progress for"), self)
        stuck_label.setBuddy(self.stuck_hours)
        self.summary = plain_label(self, "scorecardSummary", wrap=True)
        self.table = insight_table(self, "scorecardTable", self.proxy)
        top = QHBoxLayout()
        top.addWidget(self.view)
        top.addStretch(1)
        top.addWidget(stuck_label)
        top.addWidget(self.stuck_hours)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        desk = context.desk
        desk.scorecard_loaded.connect(self.on_desk_scorecard_loaded)
        desk.task_failed.connect(self.on_desk_task_failed)
        desk.orders_refreshed.connect(self.on_data_changed)
        desk.orders_updated.connect(self.on_data_changed)
        context.panels_edited.connect(self.on_data_changed)
        self.view.currentIndexChanged.connect(self.on_view_currentIndexChanged)
        self.stuck_hours.valueChanged.connect(self.on_data_changed)
        self.table.doubleClicked.connect(self.on_table_doubleClicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self.reload)

    @Slot()
    def reload(self) -> None:
        self._stale = not self.isVisible()
        if self._stale:
            return
        self._asked = self._context.desk.load_scorecard(self.stuck_hours.value()).serial
        self.summary.setText(translate("Scorecard", "Working out the scorecard from your orders…"))

    @Slot()
    def on_data_changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self.reload)

    @Slot(object, object)
    def on_desk_scorecard_loaded(self, ticket: Ticket, card: Scorecard) -> None:
        if ticket.serial != self._asked:
            return
        self._asked = None
        self.scorecard = card
        self.model.panel_names = {score.panel_id: score.name for score in card.panels}
        self._show()

    @Slot(int)
    def on_view_currentIndexChanged(self, _index: int) -> None:
        if self.scorecard is not None:
            self._show()

    def _show(self) -> None:
        card = self.scorecard
        assert card is not None
        per_panel = self.view.currentIndex() == 1
        self.model.set_rows(card.panels if per_panel else card.services)
        self.table.setColumnHidden(ScoreColumn.SERVICE, per_panel)
        fit_columns(self.table, {ScoreColumn.PANEL: 10, ScoreColumn.SERVICE: 20})
        self.summary.setText(_summary(card, self.stuck_hours.value()))

    def selected_score(self) -> Score | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    @Slot(QModelIndex)
    def on_table_doubleClicked(self, index: QModelIndex) -> None:
        score = index.data(ROW_ROLE)
        if isinstance(score, Score) and score.service_id is not None:
            self.service_requested.emit(score.panel_id, score.service_id)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self._asked:
            self._asked = None
            self.summary.setText(describe(error).one_line)


def _summary(card: Scorecard, stuck_hours: int) -> str:
    orders = sum(score.orders for score in card.panels)
    if not orders:
        return translate("Scorecard", NO_ORDERS)
    stuck = sum(score.stuck for score in card.panels)
    panels, services = len(card.panels), len(card.services)
    sentences = [
        translate(
            "Scorecard",
            "From your {orders} on {panels}, {services}. Times run from placing to the first "
            "refresh that saw the order started or completed; each figure says how many "
            "orders it rests on.",
        ).format(
            orders=orders_text(orders),
            panels=counted(
                panels, translate("Scorecard", "1 panel"), translate("Scorecard", "{count} panels")
            ),
            services=counted(
                services,
                translate("Scorecard", "1 service"),
                translate("Scorecard", "{count} services"),
            ),
        )
    ]
    if orders == 1:
        sentences.append(translate("Scorecard", "One order is too few to judge a provider by."))
    if stuck:
        sentences.append(
            counted(
                stuck,
                translate("Scorecard", "1 order had no progress for {hours} h or more."),
                translate("Scorecard", "{count} orders had no progress for {hours} h or more."),
                hours=format_count(stuck_hours),
            )
        )
    return " ".join(sentences)
