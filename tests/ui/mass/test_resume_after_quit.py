"""A batch interrupted by a quit reopens at the next start with what was placed and what
was never sent, and Resume sends each never-sent line once and no line twice."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.settings import Settings
from smmdesk.store import Panel, Store
from smmdesk.ui.common.context import AppContext
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
