"""A batch interrupted by a quit reopens at the next start with what was placed and what
was never sent, and Resume sends each never-sent line once and no line twice."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.dialogs import ConfirmBatchDialog
from smmdesk.ui.mass.mass_pane import MassOrderPane
from smmdesk.ui.mass.session import Phase
from smmdesk.workers import Desk
from tests.ui.conftest import LOAD_TIMEOUT_MS
from tests.ui.mass.conftest import check_text, confirm, lines_text, open_confirmation, plain_service

LINES = 16


def start(qtbot: QtBot, store: Store, keys: KeyStore, panel: Panel, ini: str) -> MassOrderPane:
    """What the app builds at start-up: a desk, a context on the panel, the pane."""
    desk = Desk(store, keys)
    context = AppContext(desk, Settings(QSettings(ini, QSettings.Format.IniFormat)), store.panels())
    context.set_active_panel(panel.id)
    qtbot.waitUntil(lambda: bool(context.services), timeout=LOAD_TIMEOUT_MS)
    pane = MassOrderPane(context)
    qtbot.addWidget(pane)
    pane.show()
    return pane


def test_resume_after_a_quit_sends_only_the_lines_never_sent(
    qtbot: QtBot, store: Store, keys: KeyStore, test_panel: Panel, demo_panel: DemoPanel, tmp_path
) -> None:
    ini = str(tmp_path / "smmdesk.ini")
    first = start(qtbot, store, keys, test_panel, ini)
    check_text(qtbot, first, lines_text(plain_service(first.context), LINES, "quit"))
    demo_panel.latency_ms = 100
    confirm(open_confirmation(qtbot, first))
    qtbot.waitUntil(lambda: first.session.counts()["placed"] >= 4, timeout=LOAD_TIMEOUT_MS)
    first.context.desk.shutdown()  # the user quits: lines in flight finish, no other starts
    first.close()
    sent_before = demo_panel.requests["add"]
    assert 4 <= sent_before < LINES

    again = start(qtbot, store, keys, test_panel, ini)
    try:
        again.context.desk.open_history()
        qtbot.waitUntil(lambda: again.session.phase is Phase.STOPPED, timeout=LOAD_TIMEOUT_MS)
        qtbot.waitUntil(lambda: again.notice.isVisible(), timeout=LOAD_TIMEOUT_MS)
        counts = again.session.counts()
        assert counts["placed"] == sent_before and counts["unsent"] == LINES - sent_before
        assert "was not finished" in again.notice.text and "never sent" in again.notice.text
        assert again.model.rowCount() == LINES
        again.progress.resume_button.click()
        dialog = again.findChild(ConfirmBatchDialog)
        assert isinstance(dialog, ConfirmBatchDialog) and dialog.count == LINES - sent_before
        confirm(dialog)
        qtbot.waitUntil(lambda: again.session.phase is Phase.DONE, timeout=LOAD_TIMEOUT_MS)
        assert again.session.counts() == {"placed": LINES}
        assert not again.notice.isVisible()
    finally:
        again.context.desk.shutdown()
    links = Counter(order.link for order in demo_panel.orders.values())
    assert links == Counter(f"https://instagram.com/quit/{n}" for n in range(1, LINES + 1))


def test_after_a_crash_the_line_in_flight_is_unconfirmed_and_never_sent_again(
    qtbot: QtBot, store: Store, keys: KeyStore, test_panel: Panel, demo_panel: DemoPanel, tmp_path
) -> None:
    """The pane may list unfinished batches before start-up has recovered the journal:
    once `history_opened` comes, the line a crash left `sending` reads unconfirmed."""
    pane = start(qtbot, store, keys, test_panel, str(tmp_path / "smmdesk.ini"))
    try:
        service = plain_service(pane.context)
        lines = [
            (
                n,
                test_panel.id,
                OrderDraft.of(service, f"https://instagram.com/crash/{n}", service.min),
            )
            for n in range(1, 5)
        ]
        batch = store.create_batch("Crashed", lines)
        assert store.claim_batch_line(batch.id, 2) is not None  # in flight when it crashed
        pane.session.look_for_unfinished()
        # The pane's own look at start-up may answer first, read before the claim (seen
        # once in 4 full runs: 4 unsent): wait for the answer that saw the claim.
        qtbot.waitUntil(
            lambda: pane.session.phase is Phase.STOPPED and "sending" in pane.session.counts(),
            timeout=LOAD_TIMEOUT_MS,
        )
        assert pane.session.counts() == {"unsent": 3, "sending": 1}
        pane.context.desk.open_history()
        qtbot.waitUntil(lambda: pane.session.counts()["unconfirmed"] == 1, timeout=LOAD_TIMEOUT_MS)
        result = str(pane.model.data(pane.model.index(1, PreviewColumn.RESULT)))
        assert result.startswith("⚠ Unconfirmed") and "Orders ▸ Unconfirmed" in pane.notice.text
        pane.progress.resume_button.click()
        dialog = pane.findChild(ConfirmBatchDialog)
        assert isinstance(dialog, ConfirmBatchDialog) and dialog.count == 3
        confirm(dialog)
        qtbot.waitUntil(lambda: pane.session.phase is Phase.DONE, timeout=LOAD_TIMEOUT_MS)
        assert pane.session.counts() == {"placed": 3, "unconfirmed": 1}
    finally:
        pane.context.desk.shutdown()
    links = sorted(order.link for order in demo_panel.orders.values())
    assert links == [f"https://instagram.com/crash/{n}" for n in (1, 3, 4)]
