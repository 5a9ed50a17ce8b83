from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.ui.window.command_palette import CommandPalette, action_name


def actions(owner: QWidget) -> list[QAction]:
    made = []
    for text, shortcut in (("&Refresh", "F5"), ("&New order", "Ctrl+N"), ("&Settings…", ""),
                           ("Open &log folder", ""), ("Disabled", "")):  # fmt: skip
        action = QAction(text, owner)
        if shortcut:
            action.setShortcut(shortcut)
        made.append(action)
    made[-1].setEnabled(False)
    return made


def test_typing_words_in_any_order_and_enter_runs_the_action(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    listed = actions(owner)
    palette = CommandPalette(listed, owner)
    palette.show()
    assert palette.model.rowCount() == 4  # the disabled one is not offered
    qtbot.keyClicks(palette.query, "order NEW")
    assert [action_name(palette.model.action(r)) for r in range(palette.model.rowCount())] == [
        "New order"
    ]
    with qtbot.waitSignal(listed[1].triggered):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)


def test_arrows_move_through_the_matches_while_typing(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    listed = actions(owner)
    palette = CommandPalette(listed, owner)
    palette.show()
    qtbot.keyClick(palette.query, Qt.Key.Key_Down)
    qtbot.keyClick(palette.query, Qt.Key.Key_Down)
    with qtbot.waitSignal(listed[2].triggered):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)


def test_the_list_model_is_sound(qtmodeltester: ModelTester, qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    palette = CommandPalette(actions(owner), owner)
    qtmodeltester.check(palette.model)
    assert palette.model.index(0).data() == "Refresh    F5"
