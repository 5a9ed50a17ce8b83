"""`ServicesView`: the catalogue table, its columns' order and widths.

The columns a reseller compares services by (the star, ID, name, rate, min, max and the
three flags) come first and fit a 1024-pixel window beside the details; the category and
the type follow. Every column keeps an interactive header whose layout is remembered,
except that Name is re-fitted whenever the view's width changes: it takes the room the
other columns leave (so a wide window widens the names, not an arbitrary column), and in
a narrow window what the first columns leave, so that they stay in sight.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from smmdesk.ui.catalogue.columns import ESSENTIAL, SHOWN_ORDER, Column
from smmdesk.ui.catalogue.favourite_cells import STAR
from smmdesk.ui.catalogue.services_model import ServicesModel
from smmdesk.ui.common.format import format_count, format_money
from smmdesk.ui.common.text_cells import TextCellDelegate

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
PREFERRED_NAME_CHARS = 50  # Name, when the window cannot show every column
LEAST_NAME_CHARS = 14  # Name, however narrow the window
_CHARS = {Column.CATEGORY: 24, Column.TYPE: 12}  # columns of free text, in average characters


def name_width(
    widths: Sequence[int], name_at: int, first: int, viewport: int, preferred: int, least: int
) -> int:
    """Name's width, given every column's width in the order shown (0: hidden), Name's
    place among them and how many of them are the essential ones' span (`first`).

    When every column fits, Name takes what the others leave. When not, the first
    columns still fit: Name gets what those leave, up to `preferred` (the rest follow,
    reached by scrolling), never below `least`."""
    others = [0 if at == name_at else width for at, width in enumerate(widths)]
    room_after_first = viewport - sum(others[:first])
    return max(viewport - sum(others), min(room_after_first, preferred), least)


class ServicesView(QTableView):
    def __init__(self, model: ServicesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("servicesTable")
        self.setModel(model)
        self.setItemDelegate(TextCellDelegate(self, model))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._set_default_layout()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        header.sectionMoved.connect(self.on_header_sectionMoved)

    def _set_default_layout(self) -> None:
        """The columns in `SHOWN_ORDER`, each as wide as its title and a typical value."""
        header = self.horizontalHeader()
        for place, column in enumerate(SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), place)
        metrics = self.fontMetrics()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        for column in Column:
            if column in _CHARS:
                content = metrics.averageCharWidth() * _CHARS[column]
            else:
                content = max((metrics.horizontalAdvance(t) for t in _samples(column)), default=0)
            header.resizeSection(column, max(content + padding, header.sectionSizeHint(column)))
        self.place_star_column()
        self.fit_name()

    def place_star_column(self) -> None:
        """First, narrow and fixed, whatever a saved layout says (a layout saved before
        the column existed would put it last and wide)."""
        header = self.horizontalHeader()
        header.moveSection(header.visualIndex(Column.FAVOURITE), 0)
        header.setSectionResizeMode(Column.FAVOURITE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.FAVOURITE, header.fontMetrics().horizontalAdvance(STAR) * 3)

    def fit_name(self) -> None:
        """Name re-fitted to the view's width (see `name_width`)."""
        header = self.horizontalHeader()
        if header.count() != len(Column):
            return
        order = [header.logicalIndex(place) for place in range(header.count())]
        widths = [0 if header.isSectionHidden(c) else header.sectionSize(c) for c in order]
        average = self.fontMetrics().averageCharWidth()
        width = name_width(
            widths,
            order.index(Column.NAME),
            1 + max(order.index(column) for column in ESSENTIAL),
            self.viewport().width(),
            average * PREFERRED_NAME_CHARS,
            average * LEAST_NAME_CHARS,
        )
        header.resizeSection(Column.NAME, width)

    @Slot(int, int, int)
    def on_header_sectionMoved(self, _logical: int, _old: int, _new: int) -> None:
        self.fit_name()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The viewport's size changed (a window resize, a scroll bar shown or hidden)."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_name()


def _samples(column: Column) -> list[str]:
    """Typical texts of a column's cells, in the user's language and number format."""
    samples = {
        Column.ID: ["123456"],
        Column.RATE: [
            f"{format_money(Decimal('12.34567'), 'USDT')} ↑",
            translate("Format", "{rate} per package").format(
                rate=format_money(Decimal("25.28"), "USD")
            ),
        ],
        Column.MIN: [format_count(10_000)],
        Column.MAX: [format_count(10_000_000)],
    }
    return samples.get(column, [])
