"""`WindowLinks`: how the main window follows a link from one pane into another — a
notice or an overview count into the Orders tab with its orders selected, a price board
or scorecard row into the New order form on that row's panel, the tray's commands, the
command palette.

Kept apart from `MainWindow` so that the window's own file stays about building.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from smmdesk.services.mass_check import lines_from_orders
from smmdesk.services.notices import Notice, NoticeKind
from smmdesk.store import OrderRecord

if TYPE_CHECKING:
    from smmdesk.ui.window.main_window import LaterPanes, MainWindow

# The Orders tab that shows what a notice is about.
NOTICE_TABS = {
    NoticeKind.COMPLETED: "completed",
    NoticeKind.PARTIAL: "partial",
    NoticeKind.CANCELED: "all",
    NoticeKind.REFUNDED: "all",
    NoticeKind.UNCONFIRMED: "unconfirmed",
}
_ROWS = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class WindowLinks(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pending_order: tuple[int, str] | None = None
        companions = window.companions
        companions.show_window_requested.connect(window.bring_to_front)
        companions.new_order_requested.connect(window.on_new_order_action_triggered)
        companions.refresh_requested.connect(window.on_refresh_action_triggered)
        companions.quit_requested.connect(self.quit_for_real)
        companions.notice_clicked.connect(self.show_notice)
        companions.message_for_window.connect(window.status.show_message)
        window.overview_pane.orders_requested.connect(self.show_orders)
        window.overview_pane.add_panel_requested.connect(window.on_panels_action_triggered)
        window.context.catalogue_changed.connect(self.on_context_catalogue_changed)

    def follow_later_panes(self, panes: LaterPanes) -> None:
        """The price board's and the scorecard's "order this" open the form."""
        panes[2].order_again_in_bulk_requested.connect(self.order_again_in_bulk)
        panes[4].order_requested.connect(self.order_on_panel)
        panes[5].service_requested.connect(self.order_on_panel)

    @Slot(int, str, object)
    def show_orders(self, panel_id: int | None, tab: str, record_ids: tuple[int, ...]) -> None:
        """The Orders tab on `tab` (across every panel unless the link is about the active
        one), with `record_ids` selected where they are shown."""
        window = self._window
        pane = window.orders_pane
        window.tabs.setCurrentWidget(pane)
        if panel_id is None or panel_id != window.context.panel_id:
            pane.all_panels_check.setChecked(True)
        tabs = pane.status_tabs
        index = next((i for i in range(tabs.count()) if tabs.tabData(i) == tab), 0)
        tabs.setCurrentIndex(index)
        QTimer.singleShot(0, self, lambda: self._select_records(record_ids))

    @Slot(object)
    def order_again_in_bulk(self, records: list[OrderRecord]) -> None:
        """Orders from the Orders tab become a mass order, checked before anything is
        sent; each line keeps its own panel."""
        window = self._window
        pane = window.mass_pane
        window.tabs.setCurrentWidget(pane)
        title = window.orders_pane.order_again_bulk_action.text().rstrip("…")
        pane.session.check_lines(lines_from_orders(records), window.context.panel_id, title)

    @Slot(object)
    def show_notice(self, notice: Notice) -> None:
        """A clicked notification: its orders, the Refills tab or the price watch."""
        window = self._window
        window.bring_to_front()
        if notice.kind in NOTICE_TABS:
            self.show_orders(None, NOTICE_TABS[notice.kind], notice.record_ids)
        elif notice.kind in (NoticeKind.REFILL_COMPLETED, NoticeKind.REFILL_REJECTED):
            window.tabs.setCurrentWidget(window.refills_pane)
        elif notice.kind is NoticeKind.PRICE_CHANGED:
            window.tabs.setCurrentWidget(window.insight_pane)
            window.insight_pane.show_price_watch()
        else:
            window.tabs.setCurrentIndex(0)

    @Slot(int, str)
    def order_on_panel(self, panel_id: int, service_id: str) -> None:
        """The New order form for a service of any panel: that panel becomes the active
        one, and the service is chosen once its catalogue is there."""
        window = self._window
        window.tabs.setCurrentWidget(window.order_pane)
        if panel_id == window.context.panel_id and window.context.services:
            window.order_pane.select_service(service_id)
            return
        self._pending_order = (panel_id, service_id)
        window.context.set_active_panel(panel_id)

    @Slot(int)
    def on_context_catalogue_changed(self, panel_id: int) -> None:
        pending = self._pending_order
        if pending is not None and pending[0] == panel_id and self._window.context.services:
            self._pending_order = None
            self._window.order_pane.select_service(pending[1])

    @Slot()
    def open_command_palette(self) -> None:
        from smmdesk.ui.window.command_palette import CommandPalette

        CommandPalette(self._window.actions(), self._window).open()

    @Slot()
    def quit_for_real(self) -> None:
        """The tray's Quit: close even with "close to tray" on."""
        self._window.quitting = True
        self._window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _select_records(self, record_ids: tuple[int, ...]) -> None:
        pane = self._window.orders_pane
        model = pane.model
        rows = [r for r in (model.row_of(record_id) for record_id in record_ids) if r is not None]
        if not rows:
            return
        selection = QItemSelection()
        last = model.columnCount() - 1
        for row in rows:
            selection.select(model.index(row, 0), model.index(row, last))
        pane.view.selectionModel().select(selection, _ROWS)
        pane.view.scrollTo(model.index(rows[0], 0))
