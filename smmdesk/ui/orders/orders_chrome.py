"""The widgets around the orders table: toolbar actions, status tabs, search box, refresh
button and the labels that report what happened.

Kept apart from `OrdersPane` so the pane reads as behaviour (what happens when) and this
module as layout (what is where). It emits no signals of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from smmdesk.services.profit import Totals
from smmdesk.store import TABS
from smmdesk.ui.common.format import counted, format_count, format_money
from smmdesk.ui.common.table_export import copy_table_action
from smmdesk.ui.common.text import excerpt
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.orders.orders_view import OrdersView
from smmdesk.ui.orders.wording import translate

TAB_LABELS = {
    "all": QT_TRANSLATE_NOOP("OrderStatus", "All"),
    "pending": QT_TRANSLATE_NOOP("OrderStatus", "Pending"),
    "in_progress": QT_TRANSLATE_NOOP("OrderStatus", "In progress"),
    "completed": QT_TRANSLATE_NOOP("OrderStatus", "Completed"),
    "partial": QT_TRANSLATE_NOOP("OrderStatus", "Partial"),
    "canceled": QT_TRANSLATE_NOOP("OrderStatus", "Canceled"),
    "unconfirmed": QT_TRANSLATE_NOOP("OrderStatus", "Unconfirmed"),
    "rejected": QT_TRANSLATE_NOOP("OrderStatus", "Rejected"),
}


def tab_label(tab: str) -> str:
    return translate("OrderStatus", str(TAB_LABELS[tab]))


def money_summary(by_currency: Sequence[Totals]) -> str:
    """`Spend 120.50 USD · Sell 150.00 USD · Profit 29.50 USD (12 of 14 sold)`, one part
    per currency."""
    return "   ".join(_money_part(totals) for totals in by_currency)


def _money_part(totals: Totals) -> str:
    currency = totals.currency or None
    if not totals.sold:
        text = translate("Orders", "Spend {spend}")
    elif totals.sold == totals.orders:
        text = translate("Orders", "Spend {spend} · Sell {sell} · Profit {profit}")
    else:
        text = translate(
            "Orders", "Spend {spend} · Sell {sell} · Profit {profit} ({sold} of {orders} sold)"
        )
    return text.format(
        spend=format_money(totals.spend, currency),
        sell=format_money(totals.sell, currency),
        profit=format_money(totals.profit, currency),
        sold=format_count(totals.sold),
        orders=format_count(totals.orders),
    )


class OrdersChrome(QWidget):
    """Builds the pane's widgets and actions; `OrdersPane` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_actions()
        self.status_tabs = self._make_tabs()
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("ordersSearch")
        self.search_edit.setPlaceholderText(
            translate("Orders", "Search ID, link, service, customer, note…")
        )
        self.search_edit.setToolTip(
            translate(
                "Orders",
                "Every word, in any order, without case or accents: “ana promocao” finds"
                " “Promoção” orders for customer Ana",
            )
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.search_edit.fontMetrics().averageCharWidth() * 32)
        self.all_panels_check = QCheckBox(translate("Orders", "All panels"), self)
        self.all_panels_check.setObjectName("allPanelsCheck")
        self.all_panels_check.setToolTip(
            translate(
                "Orders",
                "Every panel's orders in one list, with a Panel column; actions go to each"
                " order's own panel",
            )
        )
        self.refresh_button = QPushButton(translate("Orders", "Refresh now"), self)
        self.refresh_button.setObjectName("refreshOrdersButton")
        self.refreshed_label = self._label("ordersLastRefreshed")
        self.outcome_label = self._label("ordersOutcome")
        self.outcome_label.setWordWrap(True)
        self.total_label = self._label("ordersTotal")
        self.selected_label = self._label("ordersSelected")
        self.money_label = self._label("ordersMoney")
        self.money_label.setToolTip(
            translate(
                "Orders",
                "What the orders shown cost and sold for, per currency: orders the panel took,"
                " partial ones counted at what was delivered; profit counts the orders with a"
                " sell price",
            )
        )
        self.view = self._make_view()
        self._lay_out()

    def selection_actions(self) -> list[QAction]:
        return [
            self.refill_action,
            self.cancel_action,
            self.copy_link_action,
            self.copy_id_action,
            self.copy_table_action,
            self.export_action,
            self.open_link_action,
            self.order_again_action,
            self.order_again_bulk_action,
            self.resolve_action,
            self.dismiss_action,
            self.annotate_action,
        ]

    def set_tab_counts(self, counts: dict[str, int]) -> None:
        for index in range(self.status_tabs.count()):
            tab = str(self.status_tabs.tabData(index))
            count = format_count(counts.get(tab, 0))
            text = translate("Orders", "{tab} ({count})").format(tab=tab_label(tab), count=count)
            self.status_tabs.setTabText(index, text)

    def set_total(self, total: int, search: str) -> None:
        if search:
            text = counted(
                total,
                translate("Orders", "1 order matching “{search}”"),
                translate("Orders", "{count} orders matching “{search}”"),
                search=search,
            )
        else:
            text = counted(
                total, translate("Orders", "1 order"), translate("Orders", "{count} orders")
            )
        self.total_label.setText(text)

    def set_money(self, by_currency: Sequence[Totals] | None) -> None:
        """Spend, sell and profit of what the tab and search show; None: being added up."""
        if by_currency is None:
            if not self.money_label.text():
                self.money_label.setText(translate("Orders", "Adding up…"))
            return
        self.money_label.setText(money_summary(by_currency))

    def set_selected(self, count: int, everything: bool) -> None:
        """`All 3,000 orders selected` after a select-all, else how many rows are."""
        if everything:
            text = counted(
                count,
                translate("Orders", "All 1 order selected"),
                translate("Orders", "All {count} orders selected"),
            )
        elif count > 1:
            text = translate("Orders", "{count} selected").format(count=format_count(count))
        else:
            text = ""
        self.selected_label.setText(text)

    def show_outcome(self, text: str, tone: Tone) -> None:
        self.outcome_label.setText(excerpt(text))
        self.outcome_label.setStyleSheet(current_tones().style(tone))

    def _make_actions(self) -> None:
        self.refill_action = self._action(
            "refillAction",
            translate("OrderActions", "Refill"),
            translate("OrderActions", "Ask for a refill"),
        )
        self.cancel_action = self._action(
            "cancelAction",
            translate("OrderActions", "Cancel order"),
            translate("OrderActions", "Ask to cancel"),
        )
        self.copy_link_action = self._action(
            "copyLinkAction", translate("OrderActions", "Copy links"), ""
        )
        self.copy_id_action = self._action(
            "copyIdAction", translate("OrderActions", "Copy order IDs"), ""
        )
        self.copy_id_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_table_action = copy_table_action(self, "copyTableAction")
        self.export_action = self._action(
            "exportAction",
            translate("OrderActions", "Export…"),
            translate(
                "OrderActions",
                "Save the selected orders as a CSV file (with none selected: every order the "
                "tab and the search show)",
            ),
        )
        self.open_link_action = self._action(
            "openLinkAction",
            translate("OrderActions", "Open link"),
            translate("OrderActions", "In the browser"),
        )
        self.order_again_action = self._action(
            "orderAgainAction", translate("OrderActions", "Order again"), ""
        )
        self.order_again_bulk_action = self._action(
            "orderAgainBulkAction",
            translate("OrderActions", "Order again in bulk…"),
            translate(
                "OrderActions",
                "A mass order of the selected orders: their service, link and quantity, each "
                "on its own panel, checked before anything is sent",
            ),
        )
        self.resolve_action = self._action(
            "resolveAction",
            translate("OrderActions", "Resolve…"),
            translate("OrderActions", "The order is on the panel: enter its ID"),
        )
        self.dismiss_action = self._action(
            "dismissAction",
            translate("OrderActions", "Dismiss"),
            translate("OrderActions", "The order is not on the panel: stop tracking it"),
        )
        self.track_action = self._action(
            "trackAction",
            translate("OrderActions", "Track existing order IDs…"),
            translate("OrderActions", "Track orders placed outside SMMDesk"),
        )
        self.annotate_action = self._action(
            "annotateAction",
            translate("OrderActions", "Note && price…"),
            translate(
                "OrderActions",
                "The note, customer and sell price of the selected orders (kept here, never "
                "sent to a panel)",
            ),
        )
        self.annotate_action.setShortcut(QKeySequence("Ctrl+E"))
        self.markups_action = self._action(
            "markupsAction",
            translate("OrderActions", "Markups…"),
            translate("OrderActions", "Markups per customer and per service"),
        )

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        self.addAction(action)
        return action

    def _make_tabs(self) -> QTabBar:
        tabs = QTabBar(self)
        tabs.setObjectName("statusTabs")
        tabs.setExpanding(False)
        tabs.setDrawBase(False)
        for tab in TABS:
            tabs.setTabData(tabs.addTab(tab_label(tab)), tab)
        return tabs

    def _make_view(self) -> OrdersView:
        view = OrdersView(self)
        view.setObjectName("ordersView")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        return view

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # outcomes quote the panel's words
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _lay_out(self) -> None:
        toolbar = QToolBar(self)
        toolbar.setObjectName("ordersToolbar")
        toolbar.addWidget(self.all_panels_check)  # first: never folded away on a narrow window
        toolbar.addSeparator()
        toolbar.addActions(self.selection_actions())
        toolbar.addSeparator()
        toolbar.addAction(self.track_action)
        toolbar.addAction(self.markups_action)
        top = QHBoxLayout()
        top.addWidget(self.status_tabs, 1)
        top.addWidget(self.search_edit)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label)
        bottom.addWidget(self.selected_label)
        bottom.addWidget(self.money_label, 1)
        bottom.addWidget(self.refreshed_label)
        self.outcome_row = QHBoxLayout()  # `BulkActions` adds its progress bar here
        self.outcome_row.addWidget(self.outcome_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(toolbar)
        layout.addLayout(top)
        layout.addLayout(self.outcome_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
