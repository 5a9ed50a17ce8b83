"""`ServiceScoreBox`: one service's scorecard in a few plain lines, read-only, for the
services details (the catalogue pane hosts it: `show_service(panel_id, service_id)`).

The panel's scorecard is asked of `Desk` once and kept until orders are refreshed (then
asked again if a service is shown), so moving through the catalogue costs no query. Emits
no signals.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from smmdesk.services.scorecard import STUCK_AFTER_S, Scorecard
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.insight.scorecard_model import score_lines
from smmdesk.workers import Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
NOT_ORDERED = str(
    QT_TRANSLATE_NOOP("Scorecard", "You have not ordered this service yet: no figures of your own.")
)


class ServiceScoreBox(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceScoreBox")
        self._context = context
        self._cards: dict[int, Scorecard] = {}
        self._asked: dict[int, int] = {}  # ticket serial -> panel
        self._shown: tuple[int, str] | None = None
        self.text: QLabel = plain_label(self, "serviceScoreText", wrap=True, selectable=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        context.desk.scorecard_loaded.connect(self.on_desk_scorecard_loaded)
        for changed in (
            context.desk.orders_refreshed,
            context.desk.order_placed,
            context.desk.orders_updated,
            context.desk.refills_refreshed,
        ):
            changed.connect(self.on_desk_orders_refreshed)

    def show_service(self, panel_id: int, service_id: str) -> None:
        self.show()
        self._shown = (panel_id, service_id)
        card = self._cards.get(panel_id)
        if card is not None:
            self._show(card)
        else:
            self._ask(panel_id)
            self.text.setText(translate("Scorecard", "Reading your orders of this service…"))

    def _ask(self, panel_id: int) -> None:
        if panel_id not in self._asked.values():
            ticket = self._context.desk.load_scorecard(STUCK_AFTER_S / 3600, panel_id)
            self._asked[ticket.serial] = panel_id

    def clear(self) -> None:
        """No service selected (or one the panel no longer lists): nothing to say."""
        self._shown = None
        self.text.clear()
        self.hide()

    @Slot(object, object)
    def on_desk_scorecard_loaded(self, ticket: Ticket, card: Scorecard) -> None:
        panel_id = self._asked.pop(ticket.serial, None)
        if panel_id is None:
            return
        self._cards[panel_id] = card
        if self._shown is not None and self._shown[0] == panel_id:
            self._show(card)

    @Slot()
    def on_desk_orders_refreshed(self, *_: object) -> None:
        """Figures kept or on their way are from before the refresh: the service shown is
        read again, the text kept until its new figures come."""
        self._cards.clear()
        self._asked.clear()
        if self._shown is not None and self.isVisible():
            self._ask(self._shown[0])

    def showEvent(self, event: QShowEvent) -> None:
        """Figures dropped while hidden are read again for the service still shown."""
        super().showEvent(event)
        if self._shown is not None and self._shown[0] not in self._cards:
            self._ask(self._shown[0])

    def _show(self, card: Scorecard) -> None:
        assert self._shown is not None
        panel_id, service_id = self._shown
        score = next(
            (s for s in card.services if s.panel_id == panel_id and s.service_id == service_id),
            None,
        )
        if score is None:
            self.text.setText(translate("Scorecard", NOT_ORDERED))
        else:
            self.text.setText(score_lines(score))
