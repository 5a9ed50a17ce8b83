"""The Overview's widgets and how they are laid out (the pane wires them).

The table and the attention list are as tall as their rows (up to `VISIBLE_ROWS` and
`VISIBLE_LINES`, then they scroll), so both fit at 1024x640 and a large screen shows no
empty boxes. Columns fit their contents (measured once per change), the panel's name takes the
spare width.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smmdesk.ui.common.text import plain_label
from smmdesk.ui.overview.columns import Column

translate = QCoreApplication.translate
VISIBLE_ROWS = 12
VISIBLE_LINES = 15


def _refit_on_row_changes(view: QAbstractItemView, model: QAbstractItemModel) -> None:
    """Ask the layout again when the number of rows may have changed."""
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
        signal.connect(view.updateGeometry)


class OverviewTable(QTableView):
    """A table whose preferred height is its rows', up to `VISIBLE_ROWS` of them."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = min(max(self.model().rowCount(), 1), VISIBLE_ROWS)
        height = self.horizontalHeader().sizeHint().height()
        height += rows * self.verticalHeader().defaultSectionSize()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().sizeHint().height()
        hint.setHeight(height + 2 * self.frameWidth())
        return hint

    def minimumSizeHint(self) -> QSize:
        """No taller than its rows (a scroll area asks for some 70 pixels otherwise)."""
        hint = super().minimumSizeHint()
        hint.setHeight(min(hint.height(), self.sizeHint().height()))
        return hint


class AttentionList(QListView):
    """A list whose preferred height is its lines', up to `VISIBLE_LINES` of them."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        lines = min(max(self.model().rowCount(), 1), VISIBLE_LINES)
        row = max(self.sizeHintForRow(0), self.fontMetrics().height()) + 2 * self.spacing()
        hint.setHeight(lines * row + 2 * self.frameWidth() + 4)
        return hint


class OverviewLayout:
    def __init__(
        self, pane: QWidget, table_model: QAbstractItemModel, attention_model: QAbstractItemModel
    ) -> None:
        self.demo_note = self._demo_note(pane)
        self.status = plain_label(pane, "overviewStatus")
        self.refresh_button = QPushButton(translate("Overview", "&Refresh"), pane)
        self.refresh_button.setObjectName("overviewRefresh")
        self.refresh_button.setToolTip(
            translate("Overview", "Read the figures again and fetch every panel's balance")
        )
        self.table = self._table(pane, table_model)
        self._fit = QTimer(pane)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)  # once per turn of the event loop, however many changes
        self._fit.timeout.connect(self.fit_columns)
        for signal in (table_model.dataChanged, table_model.modelReset):
            signal.connect(self._fit.start)
        self.field_message = plain_label(pane, "overviewFieldMessage", wrap=True)
        self.field_message.hide()
        heading = QLabel(translate("Overview", "Needs attention"), pane)
        heading.setObjectName("attentionHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.attention_list = self._list(pane, attention_model)
        heading.setBuddy(self.attention_list)
        self.nothing = plain_label(
            pane, "attentionNone", text=translate("Overview", "Nothing needs your attention.")
        )
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        column = QVBoxLayout(pane)
        column.addWidget(self.demo_note)
        column.addLayout(top)
        column.addWidget(self.table)
        column.addWidget(self.field_message)
        column.addWidget(heading)
        column.addWidget(self.attention_list)
        column.addWidget(self.nothing)
        column.addStretch(1)
        self.show_attention(False)

    def _demo_note(self, pane: QWidget) -> QFrame:
        note = QFrame(pane)
        note.setObjectName("overviewDemoNote")
        note.setFrameShape(QFrame.Shape.StyledPanel)
        self.demo_text = plain_label(
            note,
            "overviewDemoText",
            wrap=True,
            text=translate(
                "Overview",
                "The Demo panel's balance is pretend money: orders placed there are simulated "
                "and cost nothing. Add your own panel to see its balance, its orders and what "
                "you spend here, next to every other panel you use.",
            ),
        )
        self.add_panel_button = QPushButton(translate("Overview", "&Add your panel…"), note)
        self.add_panel_button.setObjectName("overviewAddPanel")
        row = QHBoxLayout(note)
        row.addWidget(self.demo_text, 1)
        row.addWidget(self.add_panel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        note.hide()
        return note

    def _table(self, pane: QWidget, model: QAbstractItemModel) -> QTableView:
        table = OverviewTable(pane)
        table.setObjectName("overviewTable")
        table.setModel(model)
        _refit_on_row_changes(table, model)
        table.horizontalScrollBar().rangeChanged.connect(table.updateGeometry)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the panels' own order first
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.PANEL, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("M") * 5)
        return table

    def _list(self, pane: QWidget, model: QAbstractItemModel) -> AttentionList:
        view = AttentionList(pane)
        view.setObjectName("attentionList")
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        view.setSpacing(2)
        view.setModel(model)
        _refit_on_row_changes(view, model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setUniformItemSizes(True)
        view.setMouseTracking(True)
        return view

    def show_attention(self, anything: bool) -> None:
        self.attention_list.setVisible(anything)
        self.nothing.setVisible(not anything)

    def show_demo_note(self, only_demo: bool) -> None:
        self.demo_note.setVisible(only_demo)

    def fit_columns(self) -> None:
        """Every column but the panel's to its texts, once per change: measured here from
        the display texts (90 cells), not by `resizeColumnToContents`, which asks every
        cell for every role through Python (15 ms at ten panels)."""
        table, model = self.table, self.table.model()
        metrics = table.fontMetrics()
        header = table.horizontalHeader()
        padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        for column in Column:
            if column == Column.PANEL:
                continue
            texts = (str(model.index(row, column).data() or "") for row in range(model.rowCount()))
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            header.resizeSection(column, max(widest + padding, header.sectionSizeHint(column)))

    def show_field_message(self, text: str) -> None:
        self.field_message.setText(text)
        self.field_message.setVisible(bool(text))
