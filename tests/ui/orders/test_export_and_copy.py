"""Getting orders out of the Orders pane, against the real demo panel's store: Export
honours the selection, else the tab and the search, writes UTF-8 with a BOM through a
worker with progress, and leaves nothing behind on a disk that refuses; "Copy as table"
puts the same values on the clipboard as tab-separated text."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from smmdesk.services.export import ORDER_HEADER, order_row
from smmdesk.store import OrderRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.orders_model import RECORD_ROLE
from smmdesk.ui.orders.orders_pane import SEARCH_DELAY_MS, OrdersPane
from smmdesk.workers import Progress, Ticket
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.order_helpers import import_history
from tests.ui.orders.helpers import ids_shown, select_rows, tab_index, visible_dialog

MANY = 3000


def loaded_records(pane: OrdersPane) -> list[OrderRecord]:
    return [pane.model.index(r, 0).data(RECORD_ROLE) for r in range(pane.model.rowCount())]


def export_to(qtbot: QtBot, context: AppContext, pane: OrdersPane, target: Path) -> None:
    """Export… then choose `target` in the file dialog; waits for the answer or failure."""
    answers: list[object] = []
    context.desk.orders_exported.connect(lambda _ticket, exported: answers.append(exported))
    context.desk.task_failed.connect(lambda _ticket, error: answers.append(error))
    pane.export_action.trigger()
    chooser = visible_dialog(qtbot, pane, "exportOrdersDialog")
    assert isinstance(chooser, QFileDialog)
    chooser.selectFile(str(target))
    chooser.accept()
    qtbot.waitUntil(lambda: bool(answers), timeout=LOAD_TIMEOUT_MS)


def read_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def search(qtbot: QtBot, pane: OrdersPane, text: str) -> None:
    pane.search_edit.setText(text)
    qtbot.waitUntil(
        lambda: pane.model.query.text == text, timeout=SEARCH_DELAY_MS + LOAD_TIMEOUT_MS
    )


def test_export_with_nothing_selected_writes_the_tab_and_search_shown(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, tmp_path: Path
) -> None:
    import_history(store, context.panel_id, 60)
    pane.reload()
    pane.status_tabs.setCurrentIndex(tab_index(pane, "completed"))
    search(qtbot, pane, "10")
    shown = loaded_records(pane)
    assert 0 < len(shown) < 60 and pane.selection.count == 0
    assert pane.export_action.isEnabled() and not pane.copy_table_action.isEnabled()
    target = tmp_path / "completed.csv"
    export_to(qtbot, context, pane, target)
    header, *rows = read_rows(target)
    assert tuple(header) == ORDER_HEADER
    assert rows == [order_row(r) for r in shown]  # the view's order, every column
    assert {row[3] for row in rows} == {"completed"}
    assert pane.outcome_label.text() == f"Exported {len(shown)} orders to {target}"


def test_export_of_a_selection_writes_only_it(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, tmp_path: Path
) -> None:
    import_history(store, context.panel_id, 20)
    pane.reload()
    select_rows(pane, [3, 0, 7])
    records = pane.selected_records()
    target = tmp_path / "picked.csv"
    export_to(qtbot, context, pane, target)
    assert read_rows(target)[1:] == [order_row(r) for r in records]
    assert [p.name for p in tmp_path.iterdir()] == ["picked.csv"]


def test_export_of_a_select_all_shows_progress_then_hides_it(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, tmp_path: Path
) -> None:
    import_history(store, context.panel_id, MANY)
    pane.reload()
    pane.view.selectAll()
    assert pane.selection.is_all and pane.selection.count == MANY
    reports: list[Progress] = []

    def on_progress(ticket: Ticket, progress: Progress) -> None:
        if pane.bulk.progress.following is not None:
            assert ticket.serial == pane.bulk.progress.following.serial
            assert pane.bulk.progress.isVisible()
        reports.append(progress)

    context.desk.progressed.connect(on_progress)
    target = tmp_path / "all.csv"
    export_to(qtbot, context, pane, target)
    assert len(read_rows(target)) == MANY + 1
    assert reports[0] == Progress(0, MANY) and reports[-1] == Progress(MANY, MANY)
    assert not pane.bulk.progress.isVisible()


def test_a_disk_that_refuses_shows_why_and_writes_nothing(
    qtbot: QtBot,
    store: Store,
    context: AppContext,
    pane: OrdersPane,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_history(store, context.panel_id, 500)
    pane.reload()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the disk fills as the file is finished
    target = tmp_path / "orders.csv"
    export_to(qtbot, context, pane, target)
    assert pane.outcome_label.text() == (
        f"Not saved: Could not write {target}: the disk is full. Free some space or choose "
        "another folder."
    )
    assert list(tmp_path.iterdir()) == [], "no half file, no temporary file"
    assert not pane.bulk.progress.isVisible()


def test_copy_as_table_of_loaded_rows_is_tsv_with_the_csv_values(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, 5)
    pane.reload()
    select_rows(pane, [0, 2])
    records = pane.selected_records()
    pane.view.setFocus()
    QTest.keyClick(
        pane.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = QApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t") == list(ORDER_HEADER)
    assert [line.split("\t") for line in lines[1:]] == [order_row(r) for r in records]
    assert pane.outcome_label.text() == "Copied 2 orders as a table"


def test_copy_as_table_of_a_select_all_reads_every_order_first(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane
) -> None:
    import_history(store, context.panel_id, MANY)
    pane.reload()
    pane.view.selectAll()
    assert not pane.selection.is_loaded
    with qtbot.waitSignal(context.desk.orders_tabulated, timeout=LOAD_TIMEOUT_MS):
        pane.copy_table_action.trigger()
    rows = list(csv.reader(io.StringIO(QApplication.clipboard().text()), dialect="excel-tab"))
    assert len(rows) == MANY + 1 and tuple(rows[0]) == ORDER_HEADER
    assert {row[1] for row in rows[1:]} == {str(1000 + i) for i in range(MANY)}
    assert rows[1][1] == ids_shown(pane)[0]  # in the view's order
    assert pane.outcome_label.text() == "Copied 3,000 orders as a table"
