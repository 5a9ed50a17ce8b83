"""The Mass order pane against the real demo panel: lines are checked before anything is
sent, fixed in place, skipped, removed or released; the confirmation says what leaves;
placing shows each line's outcome and can be paused, stopped, resumed and copied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from smmdesk.api.mass_lines import MAX_LINES
from smmdesk.demopanel import DemoPanel
from smmdesk.services.mass_check import LineVerdict
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.dialogs import ConfirmBatchDialog, EditLineDialog
from smmdesk.ui.mass.mass_pane import MassOrderPane
from smmdesk.ui.mass.session import Phase
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.mass.conftest import (
    check_text,
    confirm,
    lines_text,
    open_confirmation,
    plain_service,
    wait_for_phase,
)

LINES = 30


def verdicts(pane: MassOrderPane) -> list[LineVerdict]:
    return [pane.model.line(row).verdict for row in range(pane.model.rowCount())]


def select_numbers(pane: MassOrderPane, *numbers: int) -> None:
    pane.view.clearSelection()
    for row in range(pane.proxy.rowCount()):
        if pane.proxy.line(row).line.number in numbers:
            pane.view.selectionModel().select(
                pane.proxy.index(row, 0),
                pane.view.selectionModel().SelectionFlag.Select
                | pane.view.selectionModel().SelectionFlag.Rows,
            )


def test_pasted_lines_are_checked_with_totals_and_nothing_is_sent(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    text = lines_text(service, 3) + f"\n{service.id}|https://instagram.com/p/1|{service.min}"
    text += f"\n{service.id}|https://instagram.com/p/x|{service.max + 1}\n# a comment\n"
    check_text(qtbot, pane, text)
    assert pane.session.phase is Phase.PREVIEW
    assert verdicts(pane) == [LineVerdict.READY] * 3 + [LineVerdict.HELD, LineVerdict.INVALID]
    assert pane.counts_label.text() == "5 lines: 3 ready · 1 held · 1 invalid"
    assert pane.place_button.text() == "Place 3 orders…" and pane.place_button.isEnabled()
    qtbot.waitUntil(lambda: "balance 1,000" in pane.totals_label.text())
    assert pane.totals_label.text().startswith("Test panel: 3 orders · ")
    assert "Line 1 has the same link" in str(
        pane.model.data(pane.model.index(3, PreviewColumn.CHECK))
    )
    assert demo_panel.requests["add"] == 0


def test_the_confirmation_says_what_is_sent_and_back_sends_nothing(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    text = lines_text(service, 4) + f"\n{service.id}|https://instagram.com/p/1|{service.min}"
    text += "\nnot a line at all"
    check_text(qtbot, pane, text)
    select_numbers(pane, 4)
    pane.skip_action.trigger()
    qtbot.waitUntil(lambda: LineVerdict.SKIPPED in verdicts(pane))
    dialog = open_confirmation(qtbot, pane)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Place 3 orders?" in labels
    assert any(t.startswith("3 orders · ") and "USD" in t for t in labels)
    assert dialog.findChild(QLabel, "notSentLabel").text() == "1 held, 1 invalid, 1 skipped"
    assert dialog.no_button.isDefault()
    dialog.buttons.button(QDialogButtonBox.StandardButton.No).click()
    qtbot.wait(200)
    assert demo_panel.requests["add"] == 0 and pane.session.phase is Phase.PREVIEW


def test_placing_shows_each_lines_order_id_and_copies_results(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    check_text(qtbot, pane, lines_text(service, 6) + "\n999999|https://x.example/a|10")
    confirm(open_confirmation(qtbot, pane))
    wait_for_phase(qtbot, pane, Phase.DONE)
    assert demo_panel.requests["add"] == 6
    results = [pane.model.data(pane.model.index(r, PreviewColumn.RESULT)) for r in range(7)]
    assert all(str(text).startswith("Order ") for text in results[:6]) and results[6] == ""
    assert pane.progress.label.text() == "Done: 6 placed"
    assert pane.progress.bar.value() == 6
    pane.view.clearSelection()
    pane.copy_action.trigger()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].startswith("Line\tPanel\tService")
    assert len(copied) == 8 and copied[1].split("\t")[6].startswith("Order ")
    assert "Not sent (✕ Invalid" in copied[7]


def test_a_line_fixed_in_place_is_checked_again(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext
) -> None:
    service = plain_service(context)
    check_text(qtbot, pane, f"{service.id}|https://instagram.com/p/q|1e9")
    assert verdicts(pane) == [LineVerdict.INVALID]
    index = pane.proxy.index(0, PreviewColumn.QUANTITY)
    assert pane.proxy.setData(index, str(service.min))
    qtbot.waitUntil(lambda: verdicts(pane) == [LineVerdict.READY], timeout=LOAD_TIMEOUT_MS)
    assert pane.place_button.text() == "Place 1 order…"


def test_edit_dialog_fixes_a_line_and_remove_drops_one(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext
) -> None:
    service = plain_service(context)
    check_text(
        qtbot, pane, f"999999|https://instagram.com/p/e|{service.min}\n" + lines_text(service, 1)
    )
    select_numbers(pane, 1)
    pane.edit_action.trigger()
    dialog = pane.findChild(EditLineDialog)
    assert isinstance(dialog, EditLineDialog)
    dialog.service_edit.setText(service.id)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: verdicts(pane)[0] is LineVerdict.READY, timeout=LOAD_TIMEOUT_MS)
    select_numbers(pane, 2)
    pane.remove_action.trigger()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)


def test_a_held_line_is_sent_only_once_released(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    link = f"{service.id}|https://instagram.com/p/same|{service.min}"
    check_text(qtbot, pane, f"{link}\n{link}")
    assert verdicts(pane) == [LineVerdict.READY, LineVerdict.HELD]
    select_numbers(pane, 2)
    pane.release_action.trigger()
    qtbot.waitUntil(lambda: pane.model.line(1).released, timeout=LOAD_TIMEOUT_MS)
    assert pane.place_button.text() == "Place 2 orders…"
    confirm(open_confirmation(qtbot, pane))
    wait_for_phase(qtbot, pane, Phase.DONE)
    assert demo_panel.requests["add"] == 2


def test_pause_stop_and_resume_send_every_line_once(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    check_text(qtbot, pane, lines_text(service, LINES, "ps"))
    demo_panel.latency_ms = 100  # 2 in flight: about 1.5 s for the whole batch
    confirm(open_confirmation(qtbot, pane))
    qtbot.waitUntil(lambda: pane.session.counts()["placed"] >= 2, timeout=LOAD_TIMEOUT_MS)
    pane.progress.pause_button.click()
    assert pane.session.phase is Phase.PAUSED
    qtbot.wait(400)  # lines in flight finish, no other starts
    paused_at = demo_panel.requests["add"]
    qtbot.wait(400)
    assert demo_panel.requests["add"] == paused_at < LINES
    pane.progress.resume_button.click()
    qtbot.waitUntil(
        lambda: pane.session.counts()["placed"] >= paused_at + 2, timeout=LOAD_TIMEOUT_MS
    )
    pane.progress.stop_button.click()
    wait_for_phase(qtbot, pane, Phase.STOPPED)
    never_sent = pane.session.counts()["unsent"]
    assert never_sent > 0 and demo_panel.requests["add"] == LINES - never_sent
    assert pane.progress.resume_button.isVisible()
    pane.progress.resume_button.click()
    dialog = pane.findChild(ConfirmBatchDialog)
    assert isinstance(dialog, ConfirmBatchDialog) and dialog.count == never_sent
    confirm(dialog)
    wait_for_phase(qtbot, pane, Phase.DONE)
    links = sorted(order.link for order in demo_panel.orders.values())
    assert links == sorted(f"https://instagram.com/ps/{n}" for n in range(1, LINES + 1))


def test_a_rejected_line_is_sent_again_only_when_asked(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    check_text(qtbot, pane, lines_text(service, 2, "rj"))
    demo_panel.inject("add", "error200", count=1)
    confirm(open_confirmation(qtbot, pane))
    wait_for_phase(qtbot, pane, Phase.DONE)
    assert pane.session.counts() == {"placed": 1, "rejected": 1}
    assert demo_panel.requests["add"] == 2
    rejected = next(n for n, r in pane.model.outcomes.items() if r and r.order_id is None)
    select_numbers(pane, rejected)
    assert pane.resend_action.isEnabled()
    pane.resend_action.trigger()
    dialog = pane.findChild(EditLineDialog)
    assert isinstance(dialog, EditLineDialog) and dialog.resend
    dialog.editors["quantity"].setText(str(service.min + 1))  # type: ignore[union-attr]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: pane.session.counts() == {"placed": 2}, timeout=LOAD_TIMEOUT_MS)
    assert demo_panel.requests["add"] == 3
    assert "Order " in pane.message_label.text()


def test_a_50_mb_paste_is_refused_and_changes_nothing(pane: MassOrderPane) -> None:
    pane.input.text_edit.setPlainText("kept")
    huge = QMimeData()
    huge.setText("x" * (50 * 1024 * 1024))
    pane.input.text_edit.insertFromMimeData(huge)
    assert pane.input.text == "kept"
    assert pane.message_label.text().startswith("Nothing was pasted: the text has 52,428,800")


def test_a_50_mb_file_gets_one_message_and_nothing_is_read(
    qtbot: QtBot, pane: MassOrderPane, tmp_path: Path, demo_panel: DemoPanel
) -> None:
    big = tmp_path / "orders.csv"
    with big.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: the size is what is refused
    pane.input.file_chosen.emit(big)
    qtbot.waitUntil(lambda: pane.problem_label.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert pane.problem_label.text().startswith("The file is 50.0 MB")
    assert pane.model.rowCount() == 0 and demo_panel.requests["add"] == 0


def test_a_paste_larger_than_a_batch_is_refused_and_changes_nothing(pane: MassOrderPane) -> None:
    pane.input.text_edit.setPlainText("kept")
    huge = QMimeData()
    huge.setText("1|https://x.example|10\n" * (MAX_LINES + 1))
    pane.input.text_edit.insertFromMimeData(huge)
    assert pane.input.text == "kept"
    assert pane.message_label.text().startswith("Nothing was pasted: the text has 50,002 lines")


def test_a_file_that_is_not_text_gets_one_message_and_no_lines(
    qtbot: QtBot, pane: MassOrderPane, tmp_path: Path, demo_panel: DemoPanel
) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 64)
    pane.input.file_chosen.emit(binary)
    qtbot.waitUntil(lambda: pane.problem_label.isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert "not text" in pane.problem_label.text()
    assert pane.model.rowCount() == 0 and not pane.place_button.isEnabled()
    assert demo_panel.requests["add"] == 0
    assert pane.input.source_label.text() == "photo.csv"


def test_a_file_that_cannot_be_read_says_why(
    qtbot: QtBot, pane: MassOrderPane, tmp_path: Path
) -> None:
    pane.input.file_chosen.emit(tmp_path / "gone.csv")
    qtbot.waitUntil(
        lambda: "Cannot read “gone.csv”" in pane.message_label.text(), timeout=LOAD_TIMEOUT_MS
    )
    assert pane.session.phase is Phase.EMPTY


def test_a_csv_with_unknown_columns_and_a_link_with_a_newline_is_read_line_by_line(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, tmp_path: Path, demo_panel: DemoPanel
) -> None:
    service = plain_service(context)
    csv_file = tmp_path / "orders.csv"
    csv_file.write_text(
        f'service,link,quantity\n{service.id},"https://x.example/a\nb",{service.min}\n'
        f"{service.id},https://x.example/c,{service.min}\n",
        encoding="utf-8-sig",
    )
    pane.input.file_chosen.emit(csv_file)
    qtbot.waitUntil(lambda: pane.session.phase is Phase.PREVIEW, timeout=LOAD_TIMEOUT_MS)
    assert verdicts(pane) == [LineVerdict.INVALID, LineVerdict.READY]
    assert "single line" in str(pane.model.data(pane.model.index(0, PreviewColumn.CHECK)))
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("service,lnk,quantity\n1,https://x.example,10\n", encoding="utf-8")
    pane.input.file_chosen.emit(unknown)
    qtbot.waitUntil(
        lambda: "lnk" in pane.problem_label.text() or "lnk" in _checks(pane),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert not pane.place_button.isEnabled() and demo_panel.requests["add"] == 0


def _checks(pane: MassOrderPane) -> str:
    return " ".join(
        str(pane.model.data(pane.model.index(r, PreviewColumn.CHECK)))
        for r in range(pane.model.rowCount())
    )


def test_panel_text_in_cells_and_labels_stays_plain(pane: MassOrderPane) -> None:
    for label in pane.findChildren(QLabel):
        if label.objectName().startswith("mass"):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_the_batch_panel_follows_the_active_panel_until_lines_are_checked(
    qtbot: QtBot, pane: MassOrderPane, context: AppContext, store: Store
) -> None:
    first = context.panel_id
    other = store.add_panel("Other panel", "http://127.0.0.1:9/api/v2")
    context.set_panels(store.panels())
    assert pane.input.panel_id() == first
    context.set_active_panel(other.id)
    assert pane.input.panel_id() == other.id
    context.set_active_panel(first)
    qtbot.waitUntil(lambda: bool(context.services), timeout=LOAD_TIMEOUT_MS)
    check_text(qtbot, pane, lines_text(plain_service(context), 1))
    context.set_active_panel(other.id)
    assert pane.input.panel_id() == first  # the checked batch keeps its panel
