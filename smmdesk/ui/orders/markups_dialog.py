"""`MarkupsDialog`: the markups that fill in a new order's sell price, per customer and
per service (a customer's wins), listed, set and removed.

Opened from the Orders tab (the selected order's service and customer offered) and from
the New order form (its service and customer). Every change is a `Desk` job; the list
follows `markups_loaded`, whoever asked. A markup that does not read gets its message and
nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import IntEnum
from typing import NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from smmdesk.services.profit import MoneyInputError
from smmdesk.store.records import Markups
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.field_words import problem_words
from smmdesk.ui.ordering.notes_inputs import percent_text, read_markup
from smmdesk.ui.orders.wording import translate
from smmdesk.workers import Desk, Ticket

AnyIndex = QModelIndex | QPersistentModelIndex


class MarkupColumn(IntEnum):
    KIND = 0
    APPLIES_TO = 1
    MARKUP = 2


HEADERS = {
    MarkupColumn.KIND: QT_TRANSLATE_NOOP("MarkupsDialog", "For"),
    MarkupColumn.APPLIES_TO: QT_TRANSLATE_NOOP("MarkupsDialog", "Who"),
    MarkupColumn.MARKUP: QT_TRANSLATE_NOOP("MarkupsDialog", "Markup"),
}


class MarkupRow(NamedTuple):
    """One markup; `panel_id` and `service_id` set for a service's, `customer` for a
    customer's."""

    kind: str
    applies_to: str
    percent: Decimal
    panel_id: int = 0
    service_id: str = ""
    customer: str = ""


def markup_rows(
    markups: Markups, panel_names: Mapping[int, str], service_names: Mapping[str, str]
) -> list[MarkupRow]:
    """Customers first (they win), then services by panel; a service is named when the
    active catalogue knows it."""
    customer = translate("MarkupsDialog", "Customer")
    rows = [
        MarkupRow(customer, m.customer, m.percent, customer=m.customer) for m in markups.customers
    ]
    for m in markups.services:
        panel = panel_names.get(m.panel_id)
        if panel is None:
            panel = translate("MarkupsDialog", "Panel {id}").format(id=m.panel_id)
        name = service_names.get(m.service_id) if m.panel_id in panel_names else None
        service = f"{m.service_id} · {name}" if name else _service(m.service_id)
        applies_to = translate("MarkupsDialog", "{service} ({panel})").format(
            service=service, panel=panel
        )
        kind = translate("MarkupsDialog", "Service")
        rows.append(MarkupRow(kind, applies_to, m.percent, m.panel_id, m.service_id))
    return rows


def _service(service_id: str) -> str:
    return translate("MarkupsDialog", "Service {id}").format(id=service_id)


class MarkupsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MarkupRow] = []

    def set_rows(self, rows: list[MarkupRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MarkupColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], MarkupColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = {
                MarkupColumn.KIND: row.kind,
                MarkupColumn.APPLIES_TO: row.applies_to,
                MarkupColumn.MARKUP: percent_text(row.percent),
            }[column]
            return text if role == Qt.ItemDataRole.DisplayRole else plain_tooltip(text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is MarkupColumn.MARKUP:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(MarkupColumn):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return translate("MarkupsDialog", str(HEADERS[MarkupColumn(section)]))


class MarkupsDialog(AskDialog):
    """Listens to `Desk.markups_loaded` and `task_failed`; emits no signals of its own."""

    def __init__(
        self,
        desk: Desk,
        names: tuple[Mapping[int, str], Mapping[str, str]],
        service: tuple[int, str, str] | None,
        customer: str,
        parent: QWidget | None = None,
    ) -> None:
        """`names`: panel names and the active catalogue's service names; `service`:
        (panel ID, service ID, its name) offered for a service markup."""
        super().__init__(
            translate("MarkupsDialog", "Markups"),
            "markupsDialog",
            translate(
                "MarkupsDialog",
                "A new order's sell price is its charge plus its customer's markup, else its"
                " service's. Orders placed before keep their price.",
            ),
            parent,
        )
        self._desk, self._names, self._service = desk, names, service
        self._tickets: set[int] = set()
        self.model = MarkupsModel(self)
        self.table = self._make_table()
        self.customer_combo = QComboBox(self)
        self.customer_combo.setObjectName("markupCustomer")
        self.customer_combo.setEditable(True)
        self.customer_combo.setEditText(customer)
        self.customer_percent = self._percent_edit("markupCustomerPercent")
        self.service_percent = self._percent_edit("markupServicePercent")
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("markupProblem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(current_tones().style(Tone.BAD))
        self.form.addRow(self.table)
        self.form.addRow(self._editors())
        self.form.addRow(self.problem_label)
        self.add_button(QDialogButtonBox.StandardButton.Close, "markupsCloseButton")
        desk.markups_loaded.connect(self.on_desk_markups_loaded)
        desk.task_failed.connect(self.on_desk_task_failed)
        desk.load_markups()
        self.resize(640, 460)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("markupsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(MarkupColumn.APPLIES_TO, 340)
        return table

    def _editors(self) -> QGridLayout:
        grid = QGridLayout()
        grid.addWidget(QLabel(translate("MarkupsDialog", "Customer"), self), 0, 0)
        grid.addWidget(self.customer_combo, 0, 1)
        grid.addWidget(self.customer_percent, 0, 2)
        grid.addWidget(self._button("setCustomerMarkupButton", self.on_setCustomer_clicked), 0, 3)
        if self._service is not None:
            _, service_id, name = self._service
            label = QLabel(
                (
                    translate("MarkupsDialog", "Service {id} · {name}").format(
                        id=service_id, name=name
                    )
                    if name
                    else _service(service_id)
                ),
                self,
            )
            label.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(label, 1, 0, 1, 2)
            grid.addWidget(self.service_percent, 1, 2)
            grid.addWidget(self._button("setServiceMarkupButton", self.on_setService_clicked), 1, 3)
        remove = self._button(
            "removeMarkupButton",
            self.on_remove_clicked,
            translate("MarkupsDialog", "Remove selected"),
        )
        grid.addWidget(remove, 2, 3)
        grid.setColumnStretch(1, 1)
        return grid

    def _percent_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        placeholder = translate("MarkupsDialog", "e.g. 30%")
        edit.setPlaceholderText(placeholder)
        metrics = edit.fontMetrics()
        text = max(metrics.horizontalAdvance(t) for t in (placeholder, "+100.5%"))
        edit.setFixedWidth(text + 32)
        return edit

    def _button(self, name: str, slot: Callable[[], None], text: str = "") -> QPushButton:
        """A button of the editors: `Set` unless `text` says otherwise."""
        button = QPushButton(text or translate("MarkupsDialog", "Set"), self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- slots ----------------------------------------------------------------------------

    @Slot()
    def on_setCustomer_clicked(self) -> None:
        customer = self.customer_combo.currentText().strip()
        percent = self._read(self.customer_percent)
        if not customer:
            self._say(translate("MarkupsDialog", "Name the customer first."))
        elif percent is not None:
            self._ask(self._desk.save_customer_markup(customer, percent))

    @Slot()
    def on_setService_clicked(self) -> None:
        percent = self._read(self.service_percent)
        if self._service is not None and percent is not None:
            panel_id, service_id, _ = self._service
            self._ask(self._desk.save_service_markup(panel_id, service_id, percent))

    @Slot()
    def on_remove_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._say(translate("MarkupsDialog", "Select the markup to remove."))
            return
        row = self.model.rows[rows[0].row()]
        if row.customer:
            self._ask(self._desk.save_customer_markup(row.customer, None))
        else:
            self._ask(self._desk.save_service_markup(row.panel_id, row.service_id, None))

    @Slot(object, object)
    def on_desk_markups_loaded(self, ticket: Ticket, markups: Markups) -> None:
        self._tickets.discard(ticket.serial)
        self.model.set_rows(markup_rows(markups, *self._names))
        current = self.customer_combo.currentText()
        self.customer_combo.clear()
        self.customer_combo.addItems(list(markups.known_customers))
        self.customer_combo.setEditText(current)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial in self._tickets:
            self._tickets.discard(ticket.serial)
            self._say(describe(error).one_line)

    def _read(self, edit: QLineEdit) -> Decimal | None:
        try:
            percent = read_markup(edit.text())
        except MoneyInputError as error:
            self._say(problem_words(str(error)))
            edit.setFocus()
            return None
        if percent is None:
            self._say(translate("MarkupsDialog", "Type the markup, such as 30%."))
            edit.setFocus()
        return percent

    def _ask(self, ticket: Ticket) -> None:
        self._tickets.add(ticket.serial)
        self._say("")

    def _say(self, message: str) -> None:
        self.problem_label.setText(message)
