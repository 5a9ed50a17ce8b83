"""A panel's text is data, never markup: every label, tooltip and message that can show a
panel's words shows the markup characters literally, and only an excerpt of a huge text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from smmdesk.api import PanelError
from smmdesk.demopanel import DemoPanel
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.text import LABEL_LIMIT, plain_tooltip
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.window.main_window import MainWindow
from smmdesk.workers import Job, Ticket
from tests.ui.conftest import LOAD_TIMEOUT_MS

MARKUP = '<b style="font-size:64pt">Order 12345 placed</b><img src="file:///etc/passwd">'


def shown_as_markup(widget: QWidget) -> list[str]:
    """Labels under `widget` that hold markup and would render it."""
    return [
        label.objectName() or label.text()[:40]
        for label in widget.findChildren(QLabel)
        if "<b" in label.text() and label.textFormat() is not Qt.TextFormat.PlainText
    ]


def rendered(tooltip: str) -> str:
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_panel_text_everywhere_is_plain(
    qtbot: QtBot, window: MainWindow, context: AppContext, demo_panel: DemoPanel
) -> None:
    first = int(context.services[0].id)
    demo_panel.serve_entry(first, name=MARKUP, category=MARKUP, desc=MARKUP)
    with qtbot.waitSignal(context.catalogue_changed, timeout=LOAD_TIMEOUT_MS):
        context.refresh_catalogue()
    hostile = next(s for s in context.services if s.id == str(first))
    assert hostile.name == MARKUP
    pane = window.services_pane
    row = next(r for r in range(pane.model.rowCount()) if pane.model.service(r) is hostile)
    pane.table.selectRow(row)
    assert pane.details.title.text() == MARKUP
    window.on_services_pane_order_requested(hostile.id)
    assert window.order_pane.service == hostile
    failure = PanelError(MARKUP)
    window.status.on_desk_task_failed(Ticket(Job.BALANCE, context.panel_id, 0), failure)
    window.orders_pane.show_outcome(MARKUP, Tone.BAD)
    assert MARKUP in window.status.currentMessage()
    assert shown_as_markup(window) == []


def test_tooltips_escape_panel_text(qapp: QApplication) -> None:
    assert rendered(plain_tooltip(MARKUP)) == MARKUP


def test_a_huge_panel_text_shows_an_excerpt(
    qtbot: QtBot, window: MainWindow, context: AppContext, demo_panel: DemoPanel
) -> None:
    huge = "x" * 1_000_000
    window.status.show_message(huge)
    assert len(window.status.currentMessage()) < 1_000
    window.orders_pane.show_outcome(huge, Tone.BAD)
    assert len(window.orders_pane.outcome_label.text()) <= LABEL_LIMIT + 100
