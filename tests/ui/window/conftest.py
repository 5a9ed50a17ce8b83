"""The main window over the test panel, shown, for every test of the window's parts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    built = MainWindow(context)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    yield built
    built.close()
