"""The service picker's list of matches, shown under its search line.

It is a child of the window laid over the form, not a window of its own: no window
manager, grab or activation is involved, so the keyboard focus never leaves the search
line (the list takes no focus; the picker moves its current row) and it behaves the same
under X11, Wayland, Windows, macOS and the tests' offscreen platform. It fits inside the
window: below the line, or above it when there is more room there.

Signals:
    row_clicked(int)      the user clicked a match
    clear_requested()     the user pressed "Clear search" under an empty list
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.text import excerpt, plain_label
from smmdesk.ui.ordering.picker_model import PickerColumn, PickerModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
VISIBLE_ROWS = 12  # each painted row is a share of a keystroke's cost
WIDEST = 110  # ems: wider, a rate sits too far from its name to be read with it
MIN_ROWS = 4
QUERY_SHOWN = 60  # characters of the typed text repeated in "No service matches …"
MARGIN = 6  # pixels kept free between the list and the window's edge


class PickerPopup(QFrame):
    row_clicked = Signal(int)
    clear_requested = Signal()

    def __init__(self, model: PickerModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("servicePickerPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.model = model
        self.view = _matches_view(model, self)
        # One line that never asks for more room: a new count each keystroke then
        # repaints the line, not the whole list laid out again.
        self.status = plain_label(self, "servicePickerStatus")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.clear_button = QPushButton(translate("ServicePicker", "Clear search"), self)
        self.clear_button.setObjectName("servicePickerClear")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self.view.clicked.connect(self.on_view_clicked)
        self.clear_button.clicked.connect(self.clear_requested)
        self.hide()

    # -- the current row ------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = max(0, min(row, count - 1))
        self.view.setCurrentIndex(self.model.index(row, PickerColumn.SERVICE))
        self.view.scrollTo(self.view.currentIndex())

    def page_rows(self) -> int:
        return max(1, self.view.viewport().height() // max(1, self._row_height()) - 1)

    # -- showing --------------------------------------------------------------------------

    def show_under(self, anchor: QWidget) -> None:
        """Say how many match (or that none does), and lie under (or over) `anchor`."""
        count = self.model.rowCount()
        empty = count == 0
        self.view.setVisible(not empty)
        self.clear_button.setVisible(empty and bool(self.model.query))
        self.status.setText(self._status_text(count))
        host = self.parentWidget()
        if self.isWindow() or host is None:
            rows = min(max(count, 1), VISIBLE_ROWS)
            corner = anchor.mapToGlobal(QPoint(0, anchor.height()))
            place = QRect(corner, QSize(anchor.width(), self._height_for(rows)))
        else:
            place = self._place(anchor, host, count)
        if place != self.geometry():
            self.setGeometry(place)
        if not self.isVisible():
            self.show()
            if not self.isWindow():
                self.raise_()  # over the form's widgets

    def _status_text(self, count: int) -> str:
        typed = " ".join(self.model.query)
        if not count and typed:
            return translate(
                "ServicePicker", "No service matches “{typed}”. Esc goes back."
            ).format(typed=excerpt(typed, QUERY_SHOWN))
        if not count:
            return translate("ServicePicker", "This panel lists no services yet.")
        return _found_text(count, bool(typed)).format(count=format_count(count))

    def _place(self, anchor: QWidget, host: QWidget, count: int) -> QRect:
        """Below `anchor` when the list (or at least a few rows) fits there, else where
        there is more room; never past the window's edge."""
        corner = anchor.mapTo(host, QPoint(0, 0))
        below = host.height() - (corner.y() + anchor.height()) - MARGIN
        above = corner.y() - MARGIN
        wanted = self._height_for(min(max(count, 1), VISIBLE_ROWS))
        widest = self.fontMetrics().horizontalAdvance("M") * WIDEST
        width = min(anchor.width(), host.width() - corner.x() - MARGIN, widest)
        if below >= min(wanted, self._height_for(MIN_ROWS)) or below >= above:
            return QRect(corner.x(), corner.y() + anchor.height(), width, min(wanted, below))
        height = min(wanted, above)
        return QRect(corner.x(), corner.y() - height, width, height)

    def _height_for(self, rows: int) -> int:
        view_height = 0
        if self.view.isVisibleTo(self):
            header = self.view.horizontalHeader().sizeHint().height()
            view_height = rows * self._row_height() + header + 4
        footer = max(self.status.sizeHint().height(), self.clear_button.sizeHint().height())
        return view_height + footer + 12

    def _row_height(self) -> int:
        return row_height(self.view)

    @Slot(QModelIndex)
    def on_view_clicked(self, index: QModelIndex) -> None:
        self.row_clicked.emit(index.row())


def _matches_view(model: PickerModel, parent: QWidget) -> QTableView:
    """A table without row headers or grid: it never asks about every one of 20,000 rows
    (a QTreeView lays out all rows on each change, 300,000 model call-backs for 120 keys:
    30 ms a keystroke), rows are one fixed height and columns fixed widths."""
    view = QTableView(parent)
    view.setObjectName("servicePickerList")
    view.setModel(model)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(row_height(view))
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsMovable(False)
    header.setStretchLastSection(False)
    em = view.fontMetrics().horizontalAdvance("M")
    widths = {PickerColumn.MARK: 2, PickerColumn.RATE: 14, PickerColumn.LIMITS: 13}
    for column, ems in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, em * ems)
    header.setSectionResizeMode(PickerColumn.SERVICE, QHeaderView.ResizeMode.Stretch)
    return view


def _found_text(count: int, typed: bool) -> str:
    """How many services the list shows, and the keys that move in it."""
    if typed and count == 1:
        return translate(
            "ServicePicker", "1 service matches · ↑ ↓ to move, Enter to choose, Esc to go back"
        )
    if typed:
        return translate(
            "ServicePicker", "{count} services match · ↑ ↓ to move, Enter to choose, Esc to go back"
        )
    if count == 1:
        return translate(
            "ServicePicker", "1 service · ↑ ↓ to move, Enter to choose, Esc to go back"
        )
    return translate(
        "ServicePicker", "{count} services · ↑ ↓ to move, Enter to choose, Esc to go back"
    )


def row_height(view: QWidget) -> int:
    return view.fontMetrics().height() + 6
