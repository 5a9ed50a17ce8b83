"""The Orders pane: the order history with status tabs, search, sorting, background status
refresh and the actions a reseller takes on a selection.

The table is `OrdersModel` (paged from the store, sorted by SQLite). A selection can mean
every order matching the filter (`OrdersSelection`), so refill, cancel, copy and export
act on all of them (`BulkActions`), not on the rows loaded so far. Refreshing statuses,
resolving, dismissing and tracking go through `Desk`; their results come back as signals
and the pane re-reads the rows it shows, keeping the selection and scroll position.

"All panels" shows every panel's orders (a Panel column appears) with the same tabs,
search and actions; each action goes to each order's own panel. The Unconfirmed tab
always covers every panel: an order whose fate is unclear needs the user wherever it
was sent, and the crash-recovery notice leads there. Notes, customers, sell prices,
markups and the money totals are `NotesActions`'.

Signals:
    order_again_requested(OrderRecord)   the user wants the New order form filled like it
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

from smmdesk.services import RefreshReport
from smmdesk.services.bulk import BulkAction
from smmdesk.store import OrderQuery, OrderRecord
from smmdesk.ui.common.auto_refresh import AutoRefreshTimer
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import refresh_summary
from smmdesk.ui.common.text_cells import TextCellDelegate
from smmdesk.ui.common.tones import current_tones
from smmdesk.ui.orders import orders_actions as rules
from smmdesk.ui.orders.bulk_actions import BulkActions
from smmdesk.ui.orders.empty_result import EmptyResult
from smmdesk.ui.orders.journal_actions import JournalActions
from smmdesk.ui.orders.notes_actions import NotesActions
from smmdesk.ui.orders.orders_chrome import OrdersChrome
from smmdesk.ui.orders.orders_model import (
    SORT_COLUMNS,
    OrderColumn,
    OrdersModel,
)
from smmdesk.ui.orders.selection import OrdersSelection
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import (
    CancelsRequested,
    Job,
    OrdersUpdated,
    Ticket,
)

SEARCH_DELAY_MS = 200
TRACKED = ("pending", "in_progress")  # tabs of orders a refresh asks about


# The columns in reading order, Service and Link fitted to the window: an older layout
# (other columns, or in another order) is not restored.
HEADER_LAYOUT = "orders/header-v3"
UNCONFIRMED_TAB = "unconfirmed"


class OrdersPane(OrdersChrome):
    """The history of the active panel's orders and what can be done with them.

    Emits `order_again_requested(OrderRecord)`; listens to `Desk.orders_refreshed`,
    `order_placed`, `refills_requested`, `cancels_requested`, `orders_updated`,
    `task_failed`, to the context's `panel_changed` and to the refresh settings.
    `BulkActions` listens to the answers of bulk actions.
    """

    order_again_requested = Signal(object)
    order_again_in_bulk_requested = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPane")
        self.context = context
        self.model = OrdersModel(context.reads, self._base_query(), self)
        self.model.set_panel_names(self._panel_names())
        self._setup_view()
        self.selection = OrdersSelection(self.view, self.model)
        self.empty_result = EmptyResult(self.view, self.search_edit, self.status_tabs)
        self.bulk = BulkActions(context, self.selection, self)
        self.resolver = JournalActions(context, self)
        self.notes = NotesActions(context, self.selection, self, self.reload)
        self._setup_timers()
        self._connect()
        self._after_reload()
        self.refresh_timer.follow_panel(bool(self.context.panel_id))

    # -- the contract ---------------------------------------------------------------------

    def save_layout(self) -> None:
        self.context.settings.save_header(HEADER_LAYOUT, self.view.horizontalHeader())

    def restore_layout(self) -> None:
        """The widths, order and sort the user left; Service and Link keep their
        proportion and are fitted to the view's width (now, or once it is shown)."""
        state = self.context.settings.geometry(HEADER_LAYOUT)
        if state is None or not self.view.horizontalHeader().restoreState(state):
            return
        self.view.setColumnHidden(OrderColumn.PANEL, self.model.query.panel_id is not None)
        self.view.keep_share()
        if self.view.isVisible():
            self.view.fit_columns()

    @property
    def covers_all(self) -> bool:
        """The view shows every panel's orders (All panels ticked)."""
        return self.all_panels_check.isChecked()

    def focus_search(self) -> None:
        """Ctrl+F: the search field, its text selected to type over."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh_now(self) -> None:
        """Ask the panel (with All panels: each panel with open orders) about every
        non-final order now; a panel's refresh already running is not asked twice."""
        panels = self._panels_to_refresh()
        for panel_id in panels:
            self.context.desk.refresh_orders(panel_id)
        if panels:
            self.refreshed_label.setText(translate("Orders", "Refreshing statuses…"))

    def selected_records(self) -> list[OrderRecord]:
        """The selected rows loaded in the view (after a select-all, maybe not all of the
        selected orders: actions on the whole selection go through `BulkActions`)."""
        return self.selection.records()

    # -- set-up ---------------------------------------------------------------------------

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setItemDelegate(TextCellDelegate(view, self.model))
        header = view.horizontalHeader()
        header.setSortIndicator(OrderColumn.DATE, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions(self.selection_actions())
        view.setColumnHidden(OrderColumn.PANEL, self.model.query.panel_id is not None)
        view.set_default_widths()

    def _setup_timers(self) -> None:
        self.refresh_timer = AutoRefreshTimer(self.context.settings, self)
        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("searchTimer")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)

    def _connect(self) -> None:
        desk = self.context.desk
        self.status_tabs.currentChanged.connect(self.on_statusTabs_currentChanged)
        self.search_edit.textChanged.connect(self.on_searchEdit_textChanged)
        self.search_timer.timeout.connect(self.on_searchTimer_timeout)
        self.all_panels_check.toggled.connect(self.on_allPanelsCheck_toggled)
        self.context.panels_edited.connect(self.on_context_panels_edited)
        self.refresh_timer.timeout.connect(self.on_refreshTimer_timeout)
        self.refresh_button.clicked.connect(self.on_refreshOrdersButton_clicked)
        self.selection.changed.connect(self.on_selection_changed)
        self.view.horizontalHeader().sortIndicatorChanged.connect(
            self.on_header_sortIndicatorChanged
        )
        for action, slot in self._action_slots().items():
            action.triggered.connect(slot)
        desk.orders_refreshed.connect(self.on_desk_orders_refreshed)
        desk.order_placed.connect(self.on_desk_order_placed)
        desk.cancels_requested.connect(self.on_desk_cancels_requested)
        desk.orders_updated.connect(self.on_desk_orders_updated)
        desk.task_failed.connect(self.on_desk_task_failed)
        self.context.panel_changed.connect(self.on_context_panel_changed)

    def _action_slots(self) -> dict[QAction, Callable[[], None]]:
        return {
            self.refill_action: self.on_refillAction_triggered,
            self.cancel_action: self.on_cancelAction_triggered,
            self.copy_link_action: self.on_copyLinkAction_triggered,
            self.copy_id_action: self.on_copyIdAction_triggered,
            self.copy_table_action: self.on_copyTableAction_triggered,
            self.export_action: self.on_exportAction_triggered,
            self.open_link_action: self.on_openLinkAction_triggered,
            self.order_again_action: self.on_orderAgainAction_triggered,
            self.order_again_bulk_action: self.on_orderAgainBulkAction_triggered,
            self.resolve_action: self.on_resolveAction_triggered,
            self.dismiss_action: self.on_dismissAction_triggered,
            self.track_action: self.on_trackAction_triggered,
            self.annotate_action: self.notes.annotate,
            self.markups_action: self.notes.open_markups,
        }

    def _base_query(self) -> OrderQuery:
        return OrderQuery(panel_id=self.context.panel_id)

    def _panel_for(self, tab: str) -> int | None:
        """The panel a tab shows: None (every panel) with All panels, and always for
        Unconfirmed."""
        return None if self.covers_all or tab == UNCONFIRMED_TAB else self.context.panel_id

    def _set_scope(self, tab: str | None = None) -> None:
        """Show `tab` (None: the same) on the panel it shows now."""
        tab = self.model.query.tab if tab is None else tab
        self.model.set_query(replace(self.model.query, tab=tab, panel_id=self._panel_for(tab)))
        self._show_panel_column(self.model.query.panel_id is None)
        self.bulk.across_panels = self.model.query.panel_id is None

    def _show_panel_column(self, shown: bool) -> None:
        if self.view.isColumnHidden(OrderColumn.PANEL) == shown:
            self.view.setColumnHidden(OrderColumn.PANEL, not shown)
            self.view.fit_columns()

    def _shows(self, panel_id: int | None) -> bool:
        """Whether an answer about `panel_id` may change the rows shown."""
        shown = self.model.query.panel_id
        return shown is None or panel_id == shown

    def _panel_names(self) -> dict[int, str]:
        return {panel.id: panel.name for panel in self.context.panels}

    def _panels_to_refresh(self) -> list[int]:
        if not self.covers_all:
            return [self.context.panel_id] if self.context.panel_id else []
        reads = self.context.reads
        return [
            panel.id
            for panel in self.context.panels
            if any(reads.count_orders(OrderQuery(panel.id, tab)) for tab in TRACKED)
        ]

    # -- the query ------------------------------------------------------------------------

    @Slot(int)
    def on_statusTabs_currentChanged(self, index: int) -> None:
        tab = str(self.status_tabs.tabData(index) or "all")
        self._set_scope(tab)
        self._after_reload()

    @Slot(bool)
    def on_allPanelsCheck_toggled(self, _checked: bool) -> None:
        self._set_scope()
        self._after_reload()
        self.refreshed_label.setText("")

    @Slot()
    def on_context_panels_edited(self) -> None:
        self.model.set_panel_names(self._panel_names())

    @Slot(str)
    def on_searchEdit_textChanged(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def on_searchTimer_timeout(self) -> None:
        text = self.search_edit.text().strip()
        if text != self.model.query.text:
            self.model.set_query(replace(self.model.query, text=text))
            self._after_reload()

    @Slot(int, Qt.SortOrder)
    def on_header_sortIndicatorChanged(self, column: int, _order: Qt.SortOrder) -> None:
        """Currency cannot be sorted by the store: put the indicator back where it was."""
        if column not in SORT_COLUMNS:
            query = self.model.query
            current = next(c for c, key in SORT_COLUMNS.items() if key == query.sort_column)
            order = (
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            )
            self.view.horizontalHeader().setSortIndicator(current, order)

    @Slot(int)
    def on_context_panel_changed(self, panel_id: int) -> None:
        """Show the new panel's history and, with automatic refresh on, ask about its
        open orders at once rather than an interval later."""
        query = self.model.query
        self.model.set_query(replace(query, panel_id=self._panel_for(query.tab)))
        self._after_reload()
        self.refreshed_label.setText("")
        self.refresh_timer.follow_panel(bool(self.context.panel_id))
        if self.refresh_timer.isActive():
            self.refresh_now()

    # -- refreshing -----------------------------------------------------------------------

    @Slot()
    def on_refreshOrdersButton_clicked(self) -> None:
        self.refresh_now()

    @Slot()
    def on_refreshTimer_timeout(self) -> None:
        self.refresh_now()

    @Slot(object, object)
    def on_desk_orders_refreshed(self, ticket: Ticket, report: RefreshReport) -> None:
        if not self._shows(ticket.panel_id):
            return
        self.reload()
        summary = refresh_summary(
            report.finished_at, report.checked, len(report.changed), len(report.errors)
        )
        if self.model.query.panel_id is None:
            summary = self._on_panel(ticket.panel_id, summary)
        self.refreshed_label.setText(summary)

    @Slot(object, object)
    def on_desk_order_placed(self, ticket: Ticket, _record: OrderRecord) -> None:
        if self._shows(ticket.panel_id):
            self.reload()

    def reload(self) -> None:
        """Re-read the visible rows, keeping the selection (by record ID) and the scroll."""
        selected = {record.id for record in self.selected_records()}
        scroll = self.view.verticalScrollBar().value()
        first = max(self.view.rowAt(0), 0)
        last = self.view.rowAt(self.view.viewport().height() - 1)
        if self.model.reload(first, last if last >= 0 else self.model.rowCount() - 1):
            self.selection.restore(selected)
            self.view.verticalScrollBar().setValue(scroll)
        self._after_reload()

    def _after_reload(self) -> None:
        reads = self.context.reads
        counts = reads.tab_counts(None if self.covers_all else self.context.panel_id)
        if not self.covers_all:  # the Unconfirmed tab covers every panel
            counts[UNCONFIRMED_TAB] = reads.count_orders(OrderQuery(tab=UNCONFIRMED_TAB))
        self.set_tab_counts(counts)
        self.set_total(self.model.total, self.model.query.text)
        self.empty_result.update(self.model.total, self.model.query.text)
        self.notes.request_totals(self.model.query)
        self.on_selection_changed()

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def on_selection_changed(self) -> None:
        """Offer what makes sense for the selection. After a select-all, refill, cancel,
        copy and export are offered for all matching orders (the confirmation or the
        summary says what applied); one-order actions need every selected row loaded."""
        everything, panel_id = self.selection.is_all, self.context.panel_id
        judged_by = None if self.model.query.panel_id is None else panel_id
        records = self.selected_records() if self.selection.is_loaded else []
        self.set_selected(self.selection.count, everything)
        self.refill_action.setEnabled(everything or rules.can_refill(records, judged_by))
        self.cancel_action.setEnabled(everything or rules.can_cancel(records, judged_by))
        self.copy_link_action.setEnabled(everything or bool(rules.links(records)))
        self.copy_id_action.setEnabled(everything or bool(rules.order_ids(records)))
        self.copy_table_action.setEnabled(self.selection.count > 0)
        self.export_action.setEnabled(self.selection.count > 0 or self.model.total > 0)
        self.open_link_action.setEnabled(bool(rules.links(records)))
        self.order_again_action.setEnabled(rules.can_order_again(records))
        self.order_again_bulk_action.setEnabled(rules.can_order_again_in_bulk(records))
        self.resolve_action.setEnabled(
            rules.can_resolve(records, self.resolver.resolved_before(records))
        )
        self.dismiss_action.setEnabled(rules.can_dismiss(records))
        self.track_action.setEnabled(bool(panel_id))
        self.annotate_action.setEnabled(self.selection.count > 0)

    @Slot()
    def on_refillAction_triggered(self) -> None:
        self.bulk.run(BulkAction.REFILL)

    @Slot()
    def on_cancelAction_triggered(self) -> None:
        self.bulk.run(BulkAction.CANCEL)

    @Slot()
    def on_copyLinkAction_triggered(self) -> None:
        self.bulk.run(BulkAction.COPY_LINKS)

    @Slot()
    def on_copyIdAction_triggered(self) -> None:
        self.bulk.run(BulkAction.COPY_IDS)

    @Slot()
    def on_copyTableAction_triggered(self) -> None:
        self.bulk.copy_table()

    @Slot()
    def on_exportAction_triggered(self) -> None:
        self.bulk.export()

    @Slot()
    def on_openLinkAction_triggered(self) -> None:
        for link in rules.links(self.selected_records())[: rules.MAX_LINKS_OPENED]:
            QDesktopServices.openUrl(QUrl.fromUserInput(link))

    @Slot()
    def on_orderAgainAction_triggered(self) -> None:
        """An order of another panel is ordered again there: that panel becomes active."""
        records = self.selected_records()
        if rules.can_order_again(records):
            self.context.set_active_panel(records[0].panel_id)
            self.order_again_requested.emit(records[0])

    @Slot()
    def on_orderAgainBulkAction_triggered(self) -> None:
        """The selected orders (loaded rows) become the lines of a mass order."""
        records = self.selected_records()
        if rules.can_order_again_in_bulk(records):
            self.order_again_in_bulk_requested.emit(records)

    @Slot()
    def on_resolveAction_triggered(self) -> None:
        self.resolver.resolve(self.selected_records() if self.selection.is_loaded else [])

    @Slot()
    def on_dismissAction_triggered(self) -> None:
        self.resolver.dismiss(self.selected_records() if self.selection.is_loaded else [])

    @Slot()
    def on_trackAction_triggered(self) -> None:
        self.resolver.track()

    # -- outcomes of requests -------------------------------------------------------------

    @Slot(object, object)
    def on_desk_cancels_requested(self, ticket: Ticket, _requested: CancelsRequested) -> None:
        """A cancel accepted is a request, not a canceled order: watch the status."""
        if ticket.panel_id is not None and self._shows(ticket.panel_id):
            self.context.desk.refresh_orders(ticket.panel_id)

    @Slot(object, object)
    def on_desk_orders_updated(self, ticket: Ticket, _updated: OrdersUpdated) -> None:
        if self._shows(ticket.panel_id):
            self.reload()  # resolved and tracked orders arrive with the panel's status

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.job is Job.REFRESH_ORDERS and self._shows(ticket.panel_id):
            text = translate("Orders", "Refresh failed — {problem}").format(
                problem=describe(error).one_line
            )
            self.refreshed_label.setText(
                self._on_panel(ticket.panel_id, text) if self.covers_all else text
            )

    def _on_panel(self, panel_id: int | None, text: str) -> str:
        """`Demo panel: …`: what happened on which panel, when the view shows them all."""
        return translate("Orders", "{panel}: {text}").format(
            panel=self.model.panel_name(panel_id or 0), text=text
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.model.set_tones(current_tones())
        super().changeEvent(event)
