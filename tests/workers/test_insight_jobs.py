"""The insight jobs answer on their own signals, off the GUI thread, and fail through
`task_failed` with words for the user."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from smmdesk.services.reports import Report, ReportRequest
from smmdesk.services.scorecard import Scorecard
from smmdesk.store import Panel, Store
from smmdesk.store.reports import Bucket, Grouping, ReportQueries
from smmdesk.workers import Desk, Exported, Job
from tests.insight_orders import order

TODAY = date.today()


def test_a_report_and_its_csv(qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel,
                              tmp_path: Path) -> None:  # fmt: skip
    order(store, test_panel, TODAY, "2.5")
    request = ReportRequest(TODAY, TODAY, Bucket.MONTH, Grouping.SERVICE)

    with qtbot.waitSignal(desk.report_built, timeout=10_000) as built:
        ticket = desk.build_report(request)
    answer, report = built.args
    assert answer == ticket and ticket.job is Job.BUILD_REPORT
    assert isinstance(report, Report) and report.total("USD") == 2.5

    with qtbot.waitSignal(desk.report_exported, timeout=10_000) as exported:
        desk.export_report(report.lines, tmp_path / "r.csv")
    assert exported.args[1] == Exported(tmp_path / "r.csv", 1)


def test_a_report_is_built_with_the_collector_paused(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report is long-lived data (the tab keeps it): no collection walks it while it is
    made, so none holds the GIL the GUI thread waits for (bench/reports.py)."""
    from smmdesk.services import reports
    from smmdesk.workers import insight_jobs

    collecting: list[bool] = []

    def build(queries: ReportQueries, request: ReportRequest) -> Report:
        collecting.append(gc.isenabled())
        return reports.build_report(queries, request)

    monkeypatch.setattr(insight_jobs, "build_report", build)
    with qtbot.waitSignal(desk.report_built, timeout=10_000):
        desk.build_report(ReportRequest(TODAY, TODAY))
    assert collecting == [False] and gc.isenabled()


def test_the_scorecard_of_every_panel_or_one(qtbot: QtBot, desk: Desk, store: Store,
                                             test_panel: Panel) -> None:  # fmt: skip
    order(store, test_panel, TODAY, "1")
    with qtbot.waitSignal(desk.scorecard_loaded, timeout=10_000) as loaded:
        desk.load_scorecard(24, panel_id=test_panel.id)
    card = loaded.args[1]
    assert isinstance(card, Scorecard) and [s.orders for s in card.panels] == [1]
    assert loaded.args[0].panel_id == test_panel.id


def test_windows_and_watched_prices_answer_even_when_empty(qtbot: QtBot, desk: Desk) -> None:
    with qtbot.waitSignal(desk.refill_windows_listed, timeout=10_000) as windows:
        desk.list_refill_windows(7)
    with qtbot.waitSignal(desk.watched_prices_listed, timeout=10_000) as prices:
        desk.list_watched_prices()
    assert windows.args[1] == [] and prices.args[1] == []


def test_a_chart_is_written_as_png_and_a_bad_folder_fails_plainly(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    image = QImage(40, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("steelblue"))

    with qtbot.waitSignal(desk.report_exported, timeout=10_000) as saved:
        desk.export_chart(image, tmp_path / "c.png")
    assert saved.args[1].path.read_bytes().startswith(b"\x89PNG")
    assert QImage(str(tmp_path / "c.png")).size() == image.size()

    with qtbot.waitSignal(desk.task_failed, timeout=10_000) as failed:
        desk.export_chart(image, tmp_path / "missing" / "c.png")
    assert "Could not write" in str(failed.args[1])
    assert list(tmp_path.iterdir()) == [tmp_path / "c.png"]  # no part file left
