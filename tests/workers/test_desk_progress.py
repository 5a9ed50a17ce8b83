"""Long `Desk` jobs report `progressed(Ticket, Progress)`, throttled, and stop when
cancelled: exports of orders, services and refills, copying orders as a table, and
tracking thousands of order IDs against the demo panel."""

from __future__ import annotations

import csv
import time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.demopanel import DemoPanel
from smmdesk.services.bulk import OrderSelection
from smmdesk.services.export import REFILL_HEADER, SERVICE_HEADER
from smmdesk.store import OrderQuery, Panel, Store
from smmdesk.workers import (
    Desk,
    Exported,
    Job,
    OrdersUpdated,
    Progress,
    ProgressReporter,
    Tabulated,
    Ticket,
)
from tests.workers.test_desk_selection import answered

ORDERS = 5000


class _Sink(QObject):
    reported = Signal(object, object)


def test_the_reporter_sends_the_first_and_last_report_and_ten_a_second_between(
    qtbot: QtBot,
) -> None:
    sink, got = _Sink(), []
    sink.reported.connect(lambda _ticket, progress: got.append(progress))
    report = ProgressReporter(Ticket(Job.EXPORT_ORDERS, None, 0), sink.reported, interval=0.1)
    started = time.monotonic()
    done = 0
    while time.monotonic() - started < 0.35:
        done += 1
        report(done, 10**9)
    report(10**9, 10**9, failed=3)
    assert got[0] == Progress(1, 10**9)
    assert got[-1] == Progress(10**9, 10**9, 3) and got[-1].fraction == 1.0
    assert 3 <= len(got) <= 6


def test_export_orders_reports_progress_and_writes_every_matching_order(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, tmp_path: Path
) -> None:
    store.import_orders(test_panel.id, [str(i) for i in range(ORDERS)])
    progress: list[Progress] = []
    desk.progressed.connect(lambda _ticket, p: progress.append(p))
    target = tmp_path / "orders.csv"
    selection = OrderSelection.matching(OrderQuery(panel_id=test_panel.id, text="99"))
    _, exported = answered(
        qtbot, desk.orders_exported, lambda: desk.export_orders(test_panel.id, selection, target)
    )
    matching = [str(i) for i in range(ORDERS) if "99" in str(i)]
    assert exported == Exported(target, len(matching))
    assert progress[0] == Progress(0, len(matching)) and progress[-1].done == len(matching)
    with target.open(encoding="utf-8-sig", newline="") as written:
        ids = [row[1] for row in csv.reader(written)][1:]
    assert sorted(ids) == sorted(matching)
    assert [p.name for p in tmp_path.iterdir()] == ["orders.csv"]


def test_export_services_and_refills_and_tabulate_orders(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, tmp_path: Path
) -> None:
    services = [Service("7", "=cmd", "Default", "Likes", Decimal("0.0125"), 10, 500, True)]
    target = tmp_path / "services.csv"
    _, exported = answered(
        qtbot,
        desk.services_exported,
        lambda: desk.export_services(test_panel.id, services, "USD", target),
    )
    assert exported == Exported(target, 1)
    with target.open(encoding="utf-8-sig", newline="") as written:
        header, row = list(csv.reader(written))
    assert tuple(header) == SERVICE_HEADER
    assert row == [
        "7", "Likes", "'=cmd", "Default", "0.0125", "USD", "10", "500", "yes", "no", "no",
    ]  # fmt: skip

    target = tmp_path / "refills.csv"
    _, exported = answered(
        qtbot, desk.refills_exported, lambda: desk.export_refills(test_panel.id, [], target)
    )
    assert exported == Exported(target, 0)
    assert target.read_bytes() == ("\ufeff" + ",".join(REFILL_HEADER) + "\r\n").encode()

    records = store.import_orders(test_panel.id, ["11", "12"])
    selection = OrderSelection.of([r.id for r in records])
    _, table = answered(
        qtbot, desk.orders_tabulated, lambda: desk.tabulate_orders(test_panel.id, selection)
    )
    assert isinstance(table, Tabulated) and table.count == 2
    assert [line.split("\t")[1] for line in table.text.splitlines()] == ["order_id", "11", "12"]


def test_tracking_thousands_of_ids_reports_progress_and_records_only_known_ones(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    known = demo_panel.create_orders(1200)
    store.import_orders(test_panel.id, known[:50])
    progress: list[Progress] = []
    desk.progressed.connect(lambda _ticket, p: progress.append(p))
    _, found = answered(
        qtbot, desk.tracked_found, lambda: desk.find_tracked(test_panel.id, [*known, "x1"])
    )
    assert found == frozenset(known[:50])
    wanted = [*known, "x1", "x2"]
    _, updated = answered(
        qtbot, desk.orders_updated, lambda: desk.track_orders(test_panel.id, wanted)
    )
    assert isinstance(updated, OrdersUpdated) and updated.asked == len(wanted)
    assert sorted(r.order_id or "" for r in updated.records) == sorted(known[50:])
    assert set(updated.refused) == {"x1", "x2"} and updated.unasked == []
    assert progress[0] == Progress(50, len(wanted)) and progress[-1].done == len(wanted)
    assert progress[-1].failed == 2
    assert store.orders_by_order_ids(test_panel.id, ["x1", "x2"]) == []


def test_cancelled_tracking_stops_between_chunks_and_says_what_it_never_asked(
    qtbot: QtBot, desk: Desk, store: Store, test_panel: Panel, demo_panel: DemoPanel
) -> None:
    known = demo_panel.create_orders(2000)
    demo_panel.latency_ms = 100  # five chunks of 400 IDs: time to cancel after the first
    sent: list[Ticket] = []

    def cancel_at_first_chunk(ticket: Ticket, progress: Progress) -> None:
        if sent and ticket.serial == sent[0].serial and progress.done > 0:
            desk.cancel(ticket)

    desk.progressed.connect(cancel_at_first_chunk)

    def start() -> Ticket:
        sent.append(desk.track_orders(test_panel.id, known))
        return sent[0]

    _, updated = answered(qtbot, desk.orders_updated, start)
    assert isinstance(updated, OrdersUpdated)
    assert updated.unasked, "a cancelled job leaves the rest unasked"
    assert len(updated.records) + len(updated.unasked) == len(known)
    tracked = store.orders_by_order_ids(test_panel.id, known)
    assert {r.order_id for r in tracked} == {r.order_id for r in updated.records}
    assert not desk.cancel(sent[0]), "an answered job cannot be cancelled"
