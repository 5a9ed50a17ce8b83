"""The crash-recovery notice stays above the tabs until dismissed (the next status-bar
message does not overwrite it) and leads to the Unconfirmed tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smmdesk.ui.window.main_window import MainWindow


def test_the_notice_is_hidden_until_orders_were_recovered(window: MainWindow) -> None:
    assert not window.recovery_notice.isVisible()


def test_the_notice_outlives_other_messages_until_dismissed(
    qtbot: QtBot, window: MainWindow
) -> None:
    notice = window.recovery_notice
    notice.announce(3)
    assert notice.isVisible()
    assert notice.text.startswith("3 orders were being sent when SMMDesk last closed.")
    window.status.show_message("Updated", 1)
    qtbot.waitUntil(lambda: window.status.currentMessage() == "", timeout=5_000)
    assert notice.isVisible()
    with qtbot.waitSignal(notice.dismissed):
        qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()


def test_one_order_reads_in_the_singular(window: MainWindow) -> None:
    window.recovery_notice.announce(1)
    assert window.recovery_notice.text.startswith("1 order was being sent")


def test_the_notice_leads_to_the_unconfirmed_tab(qtbot: QtBot, window: MainWindow) -> None:
    notice = window.recovery_notice
    notice.announce(2)
    assert notice.action_button.text() == "Show unconfirmed orders"
    qtbot.mouseClick(notice.action_button, Qt.MouseButton.LeftButton)
    pane = window.orders_pane
    assert window.tabs.currentWidget() is pane
    assert pane.status_tabs.tabData(pane.status_tabs.currentIndex()) == "unconfirmed"
    assert pane.model.query.tab == "unconfirmed"
    assert notice.isVisible()  # read, not dismissed: it stays for the way back
