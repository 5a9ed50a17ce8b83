"""`OrdersView`: the orders table, its select-all, and how wide its columns are.

The columns a reseller reads first (date to status) fit a 1024-pixel window and the rest
follow to the right; Service and Link take the room the window has to give. Every column
keeps an interactive header (the user widens or narrows any of them, and the layout is
remembered): when the view's width changes, only Service and Link are re-fitted, keeping
the proportion the user gave them, so they grow with a wide window and shrink first in
a narrow one. A long text in any cell elides; its tooltip has it whole.

Signals:
    all_selected()   the user asked for every order (Ctrl+A, the corner button, Edit ▸
                     Select all), not only the rows loaded so far
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStyle, QTableView, QWidget

from smmdesk.api import OrderState
from smmdesk.ui.common.format import format_count, format_money
from smmdesk.ui.orders.order_cells import BADGES
from smmdesk.ui.orders.orders_model import OrderColumn
from smmdesk.ui.orders.wording import state_word, translate

STRETCHED = (OrderColumn.SERVICE, OrderColumn.LINK)
LAST_ESSENTIAL = OrderColumn.STATUS  # the columns up to here fit a 1024-pixel window
SERVICE_SHARE = 0.55  # of the room Service and Link share, at first
_CHARS = {  # columns of free text: this many average characters wide
    OrderColumn.PANEL: 14,
    OrderColumn.CUSTOMER: 14,
    OrderColumn.NOTE: 18,
    OrderColumn.DETAILS: 24,
}
PREFERRED_CHARS = 80  # Service and Link together, when the window cannot show every column
LEAST_CHARS = 10  # Service or Link, however narrow the window


def stretched_widths(
    widths: Sequence[int], viewport: int, share: float, preferred: int, least: int
) -> tuple[int, int]:
    """The widths of Service and Link, given every column's width (0: hidden) and
    Service's `share` of the room the two have.

    When every column fits, they take what the others leave. When not, the columns up to
    Status still fit: Service and Link get what those leave, up to `preferred` together
    (the rest of the columns then follow, reached by scrolling), never below `least`
    each."""
    service, link = (widths[column] for column in STRETCHED)
    others = sum(widths) - service - link
    first_others = sum(widths[: LAST_ESSENTIAL + 1]) - service - link
    room = max(viewport - others, min(viewport - first_others, preferred), 2 * least)
    first = min(max(round(room * share), least), room - least)
    return first, room - first


class OrdersView(QTableView):
    all_selected = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service_share = SERVICE_SHARE  # of the room Service and Link share
        self._fitting = False  # Service and Link are being resized here, not by the user
        self.horizontalHeader().sectionResized.connect(self.on_header_sectionResized)

    @Slot()
    def selectAll(self) -> None:
        super().selectAll()
        self.all_selected.emit()

    def set_default_widths(self) -> None:
        """Each column as wide as its title and a typical value; Service and Link share
        the rest (`fit_columns`). Call once the model is set."""
        metrics, header = self.fontMetrics(), self.horizontalHeader()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        for column in OrderColumn:
            if column in STRETCHED:
                continue
            if column in _CHARS:
                content = metrics.averageCharWidth() * _CHARS[column]
            else:
                content = max((metrics.horizontalAdvance(t) for t in _samples(column)), default=0)
            header.resizeSection(column, max(content + padding, header.sectionSizeHint(column)))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Service and Link re-fitted to the view's width (see `stretched_widths`)."""
        header = self.horizontalHeader()
        if header.count() != len(OrderColumn):
            return
        widths = [
            0 if header.isSectionHidden(c) else header.sectionSize(c) for c in range(header.count())
        ]
        average = self.fontMetrics().averageCharWidth()
        service, link = stretched_widths(
            widths,
            self.viewport().width(),
            self._service_share,
            average * PREFERRED_CHARS,
            average * LEAST_CHARS,
        )
        self._fitting = True
        try:
            header.resizeSection(OrderColumn.SERVICE, service)
            header.resizeSection(OrderColumn.LINK, link)
        finally:
            self._fitting = False

    def keep_share(self) -> None:
        """From now on Service and Link split their room as they do now (the user set
        it, or a restored layout did)."""
        header = self.horizontalHeader()
        service, link = (header.sectionSize(column) for column in STRETCHED)
        if service + link:
            self._service_share = service / (service + link)

    @Slot(int, int, int)
    def on_header_sectionResized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column in STRETCHED:
            self.keep_share()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The viewport's size changed (a window resize, a scroll bar shown or hidden)."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()


def _samples(column: OrderColumn) -> list[str]:
    """Typical texts of a column's cells, in the user's language and number format."""
    money = format_money(Decimal("1234.5678"))
    samples = {
        OrderColumn.DATE: ["2099-12-31 23:59"],
        OrderColumn.ORDER_ID: ["123456789"],
        OrderColumn.QUANTITY: [format_count(1_000_000)],
        OrderColumn.CHARGE: [money],
        OrderColumn.SELL: [money],
        OrderColumn.PROFIT: [money],
        OrderColumn.REMAINS: [format_count(100_000)],
        OrderColumn.START_COUNT: [format_count(1_000_000)],
        OrderColumn.STATUS: [
            *(translate("OrderStatus", str(badge)) for badge in BADGES.values()),
            *(state_word(state) for state in OrderState),
        ],
        OrderColumn.CURRENCY: ["USDT"],
    }
    return samples.get(column, [])
