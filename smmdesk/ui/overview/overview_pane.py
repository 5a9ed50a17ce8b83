"""`OverviewPane`: every panel at a glance, and what needs the user.

One row per panel — balance (from `BalanceBook`), the low-balance warning (edited in
place, stored in the settings), active, unconfirmed and failed-refill counts, spend today /
7 days / 30 days per currency — and below it the list of what needs attention. Every count
and every line is a link to the orders it counts.

The figures are read by `Desk.load_overview` on a worker: when the pane is shown, and
while it is shown whenever orders changed (`OverviewRefresher` gathers the desk's
signals); a change while hidden waits for the next show. Balances and warnings are
applied as they come, without reading the figures again. With no panel but the demo, a
note says that the demo's money is pretend and offers to add a real panel.

Signals:
    orders_requested(panel_id, tab, record_ids)   show these orders in that Orders tab
    add_panel_requested()                         the user wants to add their own panel
    refreshed()                                   new figures are in the models
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from smmdesk.api import Balance
from smmdesk.settings import Option, low_balance_option
from smmdesk.store import Overview, Panel
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_clock
from smmdesk.ui.common.tones import Tone, tones_for
from smmdesk.ui.overview.attention_model import AttentionModel, attention_lines
from smmdesk.ui.overview.layout import OverviewLayout
from smmdesk.ui.overview.overview_model import LINK_ROLE, PANEL_ROLE, OverviewModel, OverviewProxy
from smmdesk.ui.overview.panel_row import stored_threshold
from smmdesk.ui.overview.refresher import OverviewRefresher
from smmdesk.workers import Job, Ticket

translate = QCoreApplication.translate
_ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class OverviewPane(QWidget):
    orders_requested = Signal(int, str, object)
    add_panel_requested = Signal()
    refreshed = Signal()

    def __init__(
        self, context: AppContext, balances: BalanceBook, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPane")
        self.context = context
        self._balances = balances
        self._loading: int | None = None  # serial of the figures being read
        self._again = False  # figures became due while being read
        self._overview: Overview | None = None
        self.model = OverviewModel(self)
        self.proxy = OverviewProxy(self)
        self.proxy.setSourceModel(self.model)
        self.attention = AttentionModel(self)
        self.refresher = OverviewRefresher(context, self)
        self.ui = OverviewLayout(self, self.proxy, self.attention)
        self.table, self.attention_list = self.ui.table, self.ui.attention_list
        self.field_message: QLabel = self.ui.field_message
        self.add_panel_button: QPushButton = self.ui.add_panel_button
        self.refresh_button: QPushButton = self.ui.refresh_button
        self._apply_palette()
        self.on_context_panels_edited()
        self._connect()

    def _connect(self) -> None:
        context = self.context
        context.desk.overview_loaded.connect(self.on_desk_overview_loaded)
        context.desk.task_failed.connect(self.on_desk_task_failed)
        context.panels_edited.connect(self.on_context_panels_edited)
        context.balance_changed.connect(self.on_context_balance_changed)
        context.settings.changed.connect(self.on_settings_changed)
        self._balances.balance_changed.connect(self.on_balances_balance_changed)
        self.refresher.due.connect(self.on_refresher_due)
        self.model.threshold_edited.connect(self.on_model_threshold_edited)
        self.model.threshold_refused.connect(self.on_model_threshold_refused)
        self.table.clicked.connect(self.on_link_clicked)
        self.attention_list.clicked.connect(self.on_link_clicked)
        self.table.installEventFilter(self)
        self.attention_list.installEventFilter(self)
        self.add_panel_button.clicked.connect(self.add_panel_requested)
        self.refresh_button.clicked.connect(self.on_refresh_button_clicked)

    # -- figures ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Read the figures at once: the worker reads while the window paints."""
        super().showEvent(event)
        self.reload()

    @Slot()
    def reload(self) -> None:
        """Read every panel's figures again, on a worker (once at a time)."""
        if self._loading is not None:
            self._again = True
            return
        self._again = False
        self._loading = self.context.desk.load_overview().serial
        if self._overview is None:
            self.ui.status.setText(translate("Overview", "Reading the figures…"))

    @Slot()
    def on_refresher_due(self) -> None:
        if self.isVisible():
            self.reload()

    @Slot(object, object)
    def on_desk_overview_loaded(self, ticket: Ticket, overview: Overview) -> None:
        if ticket.serial != self._loading:
            return
        self._loading = None
        self.show_overview(overview)
        self.refreshed.emit()
        if self._again and self.isVisible():
            self.reload()

    @property
    def overview(self) -> Overview | None:
        """The figures shown (None until the first answer)."""
        return self._overview

    def show_overview(self, overview: Overview) -> None:
        """Put new figures in the table and the attention list."""
        self._overview = overview
        self.model.set_overview(overview)
        self.attention.set_lines(attention_lines(self._panels_in_order(), overview))
        self.ui.show_attention(bool(self.attention.lines))
        self.ui.status.setText(
            translate("Overview", "Figures of {time}").format(time=format_clock(overview.span.now))
        )

    def _panels_in_order(self) -> list[Panel]:
        return [row.panel for row in self.model.rows]

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.job is Job.BALANCE and ticket.panel_id is not None:
            self.model.set_problem(ticket.panel_id, describe(error))
        elif ticket.serial == self._loading:
            self._loading = None
            problem = describe(error)
            self.ui.status.setText(
                translate("Overview", "The figures could not be read: {problem}").format(
                    problem=problem.one_line
                )
            )

    @Slot()
    def on_refresh_button_clicked(self) -> None:
        """Figures now, and every balance (the active panel's through the context)."""
        self._balances.refresh_all()
        self.context.refresh_balance()
        self.reload()

    # -- panels, balances, warnings -------------------------------------------------------

    @Slot()
    def on_context_panels_edited(self) -> None:
        panels = self.context.panels
        settings = self.context.settings
        thresholds = {
            p.id: stored_threshold(settings.get(low_balance_option(p.id))) for p in panels
        }
        self.model.set_panels(panels, thresholds)
        for panel in panels:
            self.model.set_balance(panel.id, self._balance(panel.id))
        if self._overview is not None:
            self.show_overview(self._overview)
        self.ui.show_demo_note(all(panel.is_demo for panel in panels))
        if self.isVisible():
            self.reload()

    def _balance(self, panel_id: int) -> Balance | None:
        known = self._balances.balance(panel_id)
        if known is None and panel_id == self.context.panel_id:
            return self.context.balance
        return known

    @Slot(int)
    def on_balances_balance_changed(self, panel_id: int) -> None:
        balance = self._balance(panel_id)
        if balance is not None:
            self.model.set_balance(panel_id, balance)

    @Slot(int)
    def on_context_balance_changed(self, panel_id: int) -> None:
        """The active panel's balance (fetched by the context, also before the book was)."""
        self.on_balances_balance_changed(panel_id)

    @Slot(object)
    def on_settings_changed(self, option: Option[Any]) -> None:
        for row in self.model.rows:
            if option == low_balance_option(row.panel.id):
                text = self.context.settings.get(option)
                self.model.set_threshold(row.panel.id, stored_threshold(text))

    @Slot(int, str)
    def on_model_threshold_edited(self, panel_id: int, text: str) -> None:
        self.ui.show_field_message("")
        self.context.settings.set(low_balance_option(panel_id), text)

    @Slot(int, str)
    def on_model_threshold_refused(self, panel_id: int, problem: str) -> None:
        row = self.model.row_of(panel_id)
        name = row.panel.name if row is not None else ""
        self.ui.show_field_message(
            translate("Overview", "Warning for {panel} not changed: {problem}").format(
                panel=name, problem=problem
            )
        )

    # -- links ----------------------------------------------------------------------------

    @Slot(QModelIndex)
    def on_link_clicked(self, index: QModelIndex) -> None:
        self._follow(index)

    def _follow(self, index: QModelIndex) -> bool:
        link = index.data(LINK_ROLE) if index.isValid() else None
        if not link:
            return False
        tab, record_ids = link
        self.orders_requested.emit(int(index.data(PANEL_ROLE)), str(tab), tuple(record_ids))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a link follows it (a double click must not follow it twice, so the
        views' `activated` is not used)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ACTIVATE_KEYS
            and watched in (self.table, self.attention_list)
        ):
            view = self.table if watched is self.table else self.attention_list
            if self._follow(view.currentIndex()):
                return True
        return super().eventFilter(watched, event)

    # -- look -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    def _apply_palette(self) -> None:
        palette = self.palette()
        tones = tones_for(palette)
        link = palette.color(QPalette.ColorRole.Link)
        self.model.set_style(tones, link)
        self.attention.set_link_colour(link)
        self.field_message.setStyleSheet(tones.style(Tone.BAD))
