"""The Refills pane and its model: rows for accepted and refused refills, search, sort,
status refresh against the demo panel."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from smmdesk.api import RefillState
from smmdesk.demopanel import DemoPanel
from smmdesk.settings import AUTO_REFRESH
from smmdesk.store import RefillRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.refills.refills_model import RECORD_ROLE, RefillColumn, RefillsModel, RefillsProxy
from smmdesk.ui.refills.refills_pane import RefillsPane
from tests.ui.conftest import LOAD_TIMEOUT_MS


def refill(
    record_id: int, refill_id: str | None, state: RefillState | None, error: str | None = None
) -> RefillRecord:
    created = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=record_id)
    return RefillRecord(
        id=record_id,
        panel_id=1,
        order_record_id=record_id,
        order_id=str(100 + record_id),
        refill_id=refill_id,
        error=error,
        status_text=state.label if state else None,
        state=state,
        created_at=created,
        updated_at=created,
    )


RECORDS = [
    refill(1, "9", RefillState.COMPLETED),
    refill(2, "10", RefillState.PENDING),
    refill(3, None, None, "Refill is disabled for this service"),
    refill(4, "100", RefillState.REJECTED),
]


def test_model_tester(qtmodeltester: object) -> None:
    model = RefillsModel()
    model.set_records(RECORDS)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    proxy = RefillsProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]


def test_statuses_sorting_and_search(qtbot: QtBot) -> None:
    model = RefillsModel()
    model.set_records(RECORDS)
    proxy = RefillsProxy()
    proxy.setSourceModel(model)
    statuses = [model.index(r, RefillColumn.STATUS).data() for r in range(4)]
    assert statuses == ["Completed", "Pending", "Refused", "Rejected"]
    refused = model.index(2, RefillColumn.STATUS)
    assert refused.data(Qt.ItemDataRole.ForegroundRole) is not None
    proxy.sort(RefillColumn.REFILL_ID, Qt.SortOrder.AscendingOrder)
    ids = [proxy.index(r, RefillColumn.REFILL_ID).data() for r in range(4)]
    assert ids == ["9", "10", "100", ""]  # numeric order, then IDs that are not numbers
    proxy.setFilterFixedString("disabled")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(RECORD_ROLE).id == 3
    with qtbot.assertNotEmitted(model.modelReset):
        assert model.set_records(RECORDS) is False


def test_a_status_that_moves_a_row_keeps_it_selected(qtbot: QtBot) -> None:
    model = RefillsModel()
    proxy = RefillsProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(RefillColumn.STATUS, Qt.SortOrder.AscendingOrder)
    model.set_records(RECORDS)
    view.selectRow(0)  # Completed: refill 1
    moved = [replace(RECORDS[0], state=RefillState.REJECTED), *RECORDS[1:]]

    with qtbot.assertNotEmitted(model.modelReset):
        assert model.set_records(moved) is False

    statuses = [proxy.index(r, RefillColumn.STATUS).data() for r in range(4)]
    assert statuses == ["Pending", "Refused", "Rejected", "Rejected"]
    selected = view.selectionModel().selectedRows()
    assert [index.data(RECORD_ROLE).id for index in selected] == [1]


def test_the_search_reads_each_refill_as_it_is_now() -> None:
    model = RefillsModel()
    proxy = RefillsProxy()
    proxy.setSourceModel(model)
    model.set_records(RECORDS)
    proxy.set_search("pending")
    assert [proxy.index(r, 0).data(RECORD_ROLE).id for r in range(proxy.rowCount())] == [2]

    model.set_records([RECORDS[0], replace(RECORDS[1], state=RefillState.COMPLETED), *RECORDS[2:]])
    proxy.set_search("pending")
    assert proxy.rowCount() == 0
    proxy.set_search("completed 102")
    assert [proxy.index(r, 0).data(RECORD_ROLE).id for r in range(proxy.rowCount())] == [2]


def test_pane_requests_and_refreshes_refills(
    store: Store, qtbot: QtBot, context: AppContext, demo_panel: DemoPanel
) -> None:
    context.settings.set(AUTO_REFRESH, False)
    pane = RefillsPane(context)
    qtbot.addWidget(pane)
    order_ids = demo_panel.create_orders(2, service_id=_refillable(context))
    records = store.import_orders(context.panel_id, order_ids)
    demo_panel.advance(3600)  # both orders finish, so the panel accepts refills
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS):
        context.desk.refresh_orders(context.panel_id)
    with qtbot.waitSignal(context.desk.refills_requested, timeout=LOAD_TIMEOUT_MS):
        context.desk.request_refills(context.panel_id, [r.id for r in records])
    assert pane.proxy.rowCount() == 2
    assert pane.total_label.text() == "2 refills"
    demo_panel.advance(3600)
    with qtbot.waitSignal(context.desk.refills_refreshed, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(pane.refresh_button, Qt.MouseButton.LeftButton)
    statuses = {pane.proxy.index(r, RefillColumn.STATUS).data() for r in range(2)}
    assert statuses <= {"Completed", "Rejected"}
    assert "2 checked" in pane.refreshed_label.text()
    qtbot.keyClicks(pane.search_edit, order_ids[0])
    assert pane.proxy.rowCount() == 1
    assert pane.total_label.text() == f"1 refill matching “{order_ids[0]}”"
    qtbot.keyClicks(pane.search_edit, "<b>no such refill</b>")
    assert pane.total_label.text() == f"0 refills matching “{order_ids[0]}<b>no such refill</b>”"
    assert pane.total_label.textFormat() == Qt.TextFormat.PlainText
    pane.search_edit.clear()
    assert pane.total_label.text() == "2 refills"


def _refillable(context: AppContext) -> int:
    service = next(
        s for s in context.services if s.refill and s.type == "Default" and s.id.isdigit()
    )
    return int(service.id)
