"""`TableExporter` and `JobProgress` on their own: a large copy is built a slice per turn
of the event loop and lands whole; an export shows its progress and hides it after."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.services.export import SERVICE_HEADER, service_row
from smmdesk.store import Panel
from smmdesk.ui.common.table_exporter import COPY_SLICE, TableExporter
from smmdesk.workers import Desk, Progress, Ticket
from tests.ui.conftest import LOAD_TIMEOUT_MS

ROWS = COPY_SLICE * 2 + 500
SERVICES = [
    Service(str(n), f"Views {n}", "Default", "-Video", Decimal("0.5"), 10, 1000)
    for n in range(ROWS)
]


def exporter_on(qtbot: QtBot, desk: Desk, panel: Panel) -> tuple[QWidget, TableExporter]:
    pane = QWidget()
    qtbot.addWidget(pane)

    def rows() -> Iterator[list[str]]:
        return (service_row(service, "USD") for service in SERVICES)

    def export(path: Path) -> Ticket:
        return desk.export_services(panel.id, SERVICES, "USD", path)

    exporter = TableExporter(
        desk, pane, "test", "service", SERVICE_HEADER, desk.services_exported, rows, export
    )
    return pane, exporter


def test_a_large_copy_is_built_in_slices_and_copied_whole(
    qtbot: QtBot, desk: Desk, test_panel: Panel
) -> None:
    _pane, exporter = exporter_on(qtbot, desk, test_panel)
    QApplication.clipboard().setText("before")
    exporter.copy_action.trigger()
    assert QApplication.clipboard().text() == "before", "the rest comes in later turns"
    qtbot.waitUntil(lambda: exporter.outcome_label.text() != "", timeout=LOAD_TIMEOUT_MS)
    lines = QApplication.clipboard().text().splitlines()
    assert len(lines) == ROWS + 1 and lines[0].split("\t") == list(SERVICE_HEADER)
    assert lines[-1].split("\t") == service_row(SERVICES[-1], "USD")
    assert exporter.outcome_label.text() == "Copied 2,500 services as a table"


def test_an_export_shows_progress_then_the_outcome(
    qtbot: QtBot, desk: Desk, test_panel: Panel, tmp_path: Path
) -> None:
    pane, exporter = exporter_on(qtbot, desk, test_panel)
    seen: list[tuple[bool, Progress]] = []
    desk.progressed.connect(
        lambda _ticket, progress: seen.append((exporter.progress.isVisibleTo(pane), progress))
    )
    target = tmp_path / "services.csv"
    with qtbot.waitSignal(desk.services_exported, timeout=LOAD_TIMEOUT_MS):
        exporter.export_to(target)
        assert exporter.progress.isVisibleTo(pane)
    assert seen and all(shown for shown, _ in seen) and seen[-1][1] == Progress(ROWS, ROWS)
    assert not exporter.progress.isVisibleTo(pane)
    assert exporter.outcome_label.text() == f"Exported 2,500 services to {target}"
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == ROWS + 1
