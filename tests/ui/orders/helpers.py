"""Driving the Orders pane in tests: selecting rows, finding its dialogs, clicking."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from smmdesk.ui.orders.orders_model import RECORD_ROLE, OrderColumn
from smmdesk.ui.orders.orders_pane import OrdersPane
from tests.ui.conftest import LOAD_TIMEOUT_MS


def ids_shown(pane: OrdersPane) -> list[str]:
    return [
        pane.model.index(row, OrderColumn.ORDER_ID).data() for row in range(pane.model.rowCount())
    ]


def select_rows(pane: OrdersPane, rows: list[int]) -> None:
    selection = pane.view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(pane.model.index(row, 0), flags)


def select_record(pane: OrdersPane, record_id: int) -> None:
    rows = [
        row
        for row in range(pane.model.rowCount())
        if pane.model.index(row, 0).data(RECORD_ROLE).id == record_id
    ]
    select_rows(pane, rows)


def visible_dialog(qtbot: QtBot, pane: OrdersPane, name: str) -> QDialog:
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [d for d in pane.findChildren(QDialog, name) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=LOAD_TIMEOUT_MS)
    return found[0]


def click(qtbot: QtBot, dialog: QDialog, button_name: str) -> None:
    button = dialog.findChild(QPushButton, button_name)
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tab_index(pane: OrdersPane, key: str) -> int:
    tabs = pane.status_tabs
    return next(i for i in range(tabs.count()) if tabs.tabData(i) == key)
