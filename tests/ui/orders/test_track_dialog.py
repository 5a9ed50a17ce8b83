""" "Track existing order IDs" against the real demo panel: a thousand and more IDs pasted
with any separators or taken from a CSV column, counted before anything is asked, checked
in multi-status batches with a progress bar and Cancel, and only the IDs the panel
confirms recorded; the summary quotes the panel and can be copied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.orders.orders_pane import OrdersPane
from smmdesk.ui.orders.track_dialog import TrackOrdersDialog
from smmdesk.workers import Progress
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.orders.helpers import click, visible_dialog

UNKNOWN = ["x1", "x2", "999999999"]


def open_dialog(qtbot: QtBot, pane: OrdersPane) -> TrackOrdersDialog:
    pane.track_action.trigger()
    dialog = visible_dialog(qtbot, pane, "trackOrdersDialog")
    assert isinstance(dialog, TrackOrdersDialog)
    return dialog


def counted(qtbot: QtBot, dialog: TrackOrdersDialog, text: str) -> None:
    count = dialog.count_label
    qtbot.waitUntil(lambda: count.text() == text, timeout=LOAD_TIMEOUT_MS)


def test_thousands_of_pasted_ids_are_counted_tracked_with_progress_and_only_known_recorded(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    known = demo_panel.create_orders(1200)
    store.import_orders(context.panel_id, known[:40])
    demo_panel.latency_ms = 30  # a few batches in flight take a moment: progress shows
    separators = ["\n", ", ", " ", "\t", ";"]
    pasted = "".join(f"{order_id}{separators[n % 5]}" for n, order_id in enumerate(known))
    pasted += "\n".join([*UNKNOWN, known[0], known[5], UNKNOWN[0]])
    dialog = open_dialog(qtbot, pane)
    dialog.ids_edit.setPlainText(pasted)
    counted(qtbot, dialog, "1,203 IDs, 3 repeated, 40 already tracked")

    reports: list[Progress] = []
    context.desk.progressed.connect(lambda _ticket, progress: reports.append(progress))
    bar_shown: list[bool] = []
    context.desk.progressed.connect(lambda *_: bar_shown.append(dialog.progress.isVisible()))
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "trackOkButton")
        assert not dialog.ok_button.isEnabled()
    assert reports[0] == Progress(40, 1203) and reports[-1] == Progress(1203, 1203, 3)
    assert len(reports) >= 3 and all(bar_shown)
    assert not dialog.progress.isVisible()

    tracked = store.orders_by_order_ids(context.panel_id, [*known, *UNKNOWN])
    assert sorted(r.order_id or "" for r in tracked) == sorted(known)
    headline = dialog.summary_label.text()
    assert headline == (
        "1,160 orders added to tracking; 40 already tracked; 3 not confirmed by the panel."
    )
    details = dialog.summary_text.toPlainText()
    assert details.startswith(
        "Not recorded — the panel did not confirm them:\n"
        "x1 — Incorrect order ID\nx2 — Incorrect order ID\n999999999 — Incorrect order ID\n"
    )
    assert f"{known[40]} — " in details and f"{known[0]} — " not in details
    click(qtbot, dialog, "trackCopyButton")
    assert QApplication.clipboard().text() == f"{headline}\n{details}"
    assert pane.outcome_label.text().startswith(
        "1,160 orders added to tracking (40 already tracked); not recorded, the panel did not "
        "confirm: x1 — Incorrect order ID"
    )


def test_cancel_stops_between_batches_and_lists_what_was_never_asked(
    qtbot: QtBot, store: Store, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel
) -> None:
    known = demo_panel.create_orders(2000)
    demo_panel.latency_ms = 150
    dialog = open_dialog(qtbot, pane)
    dialog.ids_edit.setPlainText("\n".join(known))
    counted(qtbot, dialog, "2,000 IDs")
    bar = dialog.progress.bar
    with qtbot.waitSignal(context.desk.orders_updated, timeout=LOAD_TIMEOUT_MS):
        click(qtbot, dialog, "trackOkButton")
        qtbot.waitUntil(lambda: bar.value() > 0, timeout=LOAD_TIMEOUT_MS)
        click(qtbot, dialog, "trackProgressCancel")
    headline = dialog.summary_label.text()
    assert "not asked (cancelled)" in headline
    details = dialog.summary_text.toPlainText()
    never_asked = details.split("Never asked — tracking was cancelled:\n")[1].split("\n\n")[0]
    unasked = never_asked.splitlines()
    tracked = store.orders_by_order_ids(context.panel_id, known)
    assert unasked and len(tracked) + len(unasked) == len(known)
    assert not set(unasked) & {r.order_id for r in tracked}


def test_a_csv_column_is_picked_with_the_sniffed_dialect(
    qtbot: QtBot, context: AppContext, pane: OrdersPane, demo_panel: DemoPanel, tmp_path: Path
) -> None:
    known = demo_panel.create_orders(3)
    path = tmp_path / "panel-export.csv"
    lines = ["Date;Order ID;Link;Quantity"]
    lines += [
        f"2026-01-0{n + 1};{order_id};https://x.test/{n};100" for n, order_id in enumerate(known)
    ]
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    dialog = open_dialog(qtbot, pane)
    dialog.open_file(path)
    combo = dialog.column_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Date", "Order ID", "Link", "Quantity",
    ]  # fmt: skip
    assert combo.currentText() == "Order ID" and combo.isVisible()
    edit = dialog.ids_edit
    assert edit.toPlainText().splitlines() == known
    assert dialog.source_label.text() == "panel-export.csv · column “Order ID”"
    combo.setCurrentIndex(3)
    combo.activated.emit(3)
    assert edit.toPlainText().splitlines() == ["100"] * 3
    counted(qtbot, dialog, "1 ID, 2 repeated")


def test_a_file_that_is_not_text_changes_nothing(
    qtbot: QtBot, pane: OrdersPane, tmp_path: Path
) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    dialog = open_dialog(qtbot, pane)
    dialog.ids_edit.setPlainText("123")
    dialog.open_file(path)
    assert dialog.source_label.text().startswith(
        "photo.csv: This file is not text SMMDesk can read"
    )
    assert dialog.ids_edit.toPlainText() == "123"
