"""Getting the catalogue out of the Services pane: Export writes the services the filter
shows (rates as plain decimals in the balance's currency, formulas defused) on a worker;
"Copy as table" copies the selected service, else every one shown."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from smmdesk.services.export import SERVICE_HEADER, service_row
from smmdesk.ui.catalogue.services_pane import ServicesPane
from smmdesk.ui.common.context import AppContext
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> ServicesPane:
    built = ServicesPane(context)
    qtbot.addWidget(built)
    built.resize(1000, 600)
    built.show()
    return built


def read_table(text: str, dialect: str = "excel") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), dialect=dialect))


def test_export_writes_the_filtered_catalogue(
    qtbot: QtBot, context: AppContext, pane: ServicesPane, tmp_path: Path
) -> None:
    pane.refill_filter.setChecked(True)
    shown = pane.shown_services()
    assert 0 < len(shown) < 120 and all(s.refill for s in shown)
    pane.export_button.click()
    dialogs = pane.findChildren(QFileDialog, "servicesExportDialog")
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    target = tmp_path / "services.csv"
    with qtbot.waitSignal(context.desk.services_exported, timeout=LOAD_TIMEOUT_MS):
        dialogs[0].selectFile(str(target))
        dialogs[0].accept()
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = read_table(data.decode("utf-8-sig"))
    assert tuple(header) == SERVICE_HEADER
    assert rows == [service_row(s, pane.model.currency) for s in shown]
    assert {row[5] for row in rows} == {pane.model.currency} and pane.model.currency
    assert all("e" not in row[4].lower() and "," not in row[4] for row in rows)
    assert pane.exporter.outcome_label.text() == f"Exported {len(shown)} services to {target}"


def test_copy_as_table_takes_the_selection_else_the_filter(pane: ServicesPane) -> None:
    pane.search.setText("likes")
    shown = pane.shown_services()
    assert shown
    pane.table.clearSelection()
    pane.exporter.copy_action.trigger()
    rows = read_table(QApplication.clipboard().text(), "excel-tab")
    assert tuple(rows[0]) == SERVICE_HEADER
    assert rows[1:] == [service_row(s, pane.model.currency) for s in shown]
    pane.table.selectRow(0)
    pane.exporter.copy_action.trigger()
    rows = read_table(QApplication.clipboard().text(), "excel-tab")
    assert rows[1:] == [service_row(shown[0], pane.model.currency)]
    assert pane.exporter.outcome_label.text() == "Copied 1 service as a table"
