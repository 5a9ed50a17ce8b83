"""Getting refills out of the Refills pane: Export writes what the search shows to CSV
(BOM, ISO dates, the panel's words guarded) on a worker; "Copy as table" puts the
selection, else what is shown, on the clipboard as TSV; a refusing disk writes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from smmdesk.services.export import REFILL_HEADER, refill_row
from smmdesk.settings import AUTO_REFRESH
from smmdesk.store import RefillRecord, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.refills.refills_pane import RefillsPane
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.order_helpers import import_history


def refills_pane(qtbot: QtBot, store: Store, context: AppContext) -> RefillsPane:
    """The pane over five refills: three accepted, two refused with the panel's words."""
    context.settings.set(AUTO_REFRESH, False)
    import_history(store, context.panel_id, 5)
    orders = store.orders_by_order_ids(context.panel_id, [str(1000 + n) for n in range(5)])
    store.add_refills(
        [
            (orders[0], "71", None),
            (orders[1], "72", None),
            (orders[2], None, "=Refill is disabled"),
            (orders[3], "74", None),
            (orders[4], None, "Order is too old"),
        ]
    )
    pane = RefillsPane(context)
    qtbot.addWidget(pane)
    pane.show()
    return pane


def choose_file(qtbot: QtBot, pane: RefillsPane, target: Path) -> None:
    pane.exporter.export_action.trigger()
    found = pane.findChildren(QFileDialog, "refillsExportDialog")
    assert len(found) == 1 and found[0].isVisible()
    found[0].selectFile(str(target))
    found[0].accept()


def test_export_writes_what_the_search_shows(
    qtbot: QtBot, store: Store, context: AppContext, tmp_path: Path
) -> None:
    pane = refills_pane(qtbot, store, context)
    pane.search_edit.setText("disabled")
    shown: list[RefillRecord] = pane.shown_refills()
    assert len(shown) == 1
    target = tmp_path / "refills.csv"
    with qtbot.waitSignal(context.desk.refills_exported, timeout=LOAD_TIMEOUT_MS):
        choose_file(qtbot, pane, target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(header) == REFILL_HEADER
    assert rows == [refill_row(r) for r in shown]
    assert rows[0][-1] == "'=Refill is disabled" and rows[0][1] == ""
    assert pane.exporter.outcome_label.text() == f"Exported 1 refill to {target}"
    assert not pane.exporter.progress.isVisible()


def test_copy_as_table_takes_the_selection_else_what_is_shown(
    qtbot: QtBot, store: Store, context: AppContext
) -> None:
    pane = refills_pane(qtbot, store, context)
    pane.exporter.copy_action.trigger()
    rows = list(csv.reader(io.StringIO(QApplication.clipboard().text()), dialect="excel-tab"))
    assert tuple(rows[0]) == REFILL_HEADER and len(rows) == 6
    assert "'=Refill is disabled" in {row[-1] for row in rows}
    pane.view.selectRow(1)
    pane.exporter.copy_action.trigger()
    [_header, row] = [line.split("\t") for line in QApplication.clipboard().text().splitlines()]
    assert row == refill_row(pane.selected_refills()[0])
    assert pane.exporter.outcome_label.text() == "Copied 1 refill as a table"


def test_a_folder_that_is_gone_gets_a_message_and_no_file(
    qtbot: QtBot, store: Store, context: AppContext, tmp_path: Path
) -> None:
    pane = refills_pane(qtbot, store, context)
    gone = tmp_path / "unplugged"
    with qtbot.waitSignal(context.desk.task_failed, timeout=LOAD_TIMEOUT_MS):
        pane.exporter.export_to(gone / "refills.csv")
    assert pane.exporter.outcome_label.text() == (
        f"Not saved: Could not write {gone / 'refills.csv'}: that folder does not exist "
        "(removed, or a disk unplugged?). Choose another."
    )
    assert list(tmp_path.iterdir()) == []
