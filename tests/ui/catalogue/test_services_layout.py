"""The Services tab in the real main window: at 1024x640 the columns a reseller compares
services by are on screen without scrolling sideways, beside the details; at 1920 px the
names take the room; the catalogue's count and age are always in sight, and long texts
never widen the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from smmdesk.demopanel import DemoPanel
from smmdesk.ui.catalogue.columns import ESSENTIAL, Column
from smmdesk.ui.catalogue.services_view import name_width
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.main_window import MainWindow
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    """The main window of a new user (no saved layout) on the Services tab."""
    built = MainWindow(context)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    built.tabs.setCurrentWidget(built.services_pane)
    yield built
    built.close()


def shown_at(qtbot: QtBot, window: MainWindow, width: int, height: int) -> QHeaderView:
    window.resize(width, height)
    table = window.services_pane.table
    qtbot.waitUntil(lambda: window.width() == width, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: table.verticalScrollBar().isVisible(), timeout=LOAD_TIMEOUT_MS)
    return table.horizontalHeader()


def assert_in_sight(window: MainWindow, columns: frozenset[Column]) -> None:
    table = window.services_pane.table
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().value() == 0
    right_edge = table.viewport().width()
    for column in columns:
        left = header.sectionViewportPosition(column)
        assert left >= 0, column.name
        assert left + header.sectionSize(column) <= right_edge, column.name


def test_the_columns_that_matter_fit_a_1024_window(qtbot: QtBot, window: MainWindow) -> None:
    header = shown_at(qtbot, window, 1024, 640)
    assert header.logicalIndex(0) == Column.FAVOURITE
    assert_in_sight(window, ESSENTIAL)
    assert header.sectionSize(Column.NAME) >= 200  # room to read a name
    pane = window.services_pane
    assert pane.details.width() >= 200  # the details beside it keep their share
    assert pane.table.width() > 2 * pane.details.width()


def test_names_take_the_room_of_a_wide_window(qtbot: QtBot, window: MainWindow) -> None:
    header = shown_at(qtbot, window, 1920, 1080)
    table = window.services_pane.table
    widths = {column: header.sectionSize(column) for column in Column}
    assert max(widths, key=widths.__getitem__) is Column.NAME
    assert widths[Column.NAME] > sum(w for c, w in widths.items() if c is not Column.NAME) / 2
    assert sum(widths.values()) == table.viewport().width()  # every column, no scrolling
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(), timeout=LOAD_TIMEOUT_MS)
    assert header.sectionSize(Column.FAVOURITE) < header.sectionSize(Column.ID)


def test_a_layout_saved_in_a_wide_window_still_fits_a_small_one(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    shown_at(qtbot, window, 1920, 1080)
    window.close()  # the layout is saved
    again = MainWindow(context)
    qtbot.addWidget(again)
    again.show()
    again.tabs.setCurrentWidget(again.services_pane)
    shown_at(qtbot, again, 1024, 640)
    assert_in_sight(again, ESSENTIAL)


def test_the_catalogue_s_count_and_age_are_always_in_sight(
    qtbot: QtBot, window: MainWindow
) -> None:
    shown_at(qtbot, window, 1024, 640)
    label = window.services_pane.age_label
    assert label.isVisible()
    assert label.text().startswith("120 services · ") and label.text().endswith("just now")
    assert not label.is_elided()


def test_long_texts_never_widen_the_window(
    qtbot: QtBot, window: MainWindow, context: AppContext, demo_panel: DemoPanel
) -> None:
    """A name without a space to wrap at, and many entries the panel sent broken."""
    shown_at(qtbot, window, 1024, 640)
    long_name = "Instagram_Followers_" * 150
    demo_panel.serve_entry(int(context.services[0].id), name=long_name)
    for service in context.services[1:6]:
        demo_panel.serve_entry(int(service.id), rate="not a number " * 40)
    pane = window.services_pane
    with qtbot.waitSignal(context.catalogue_changed, timeout=LOAD_TIMEOUT_MS):
        pane.refresh_button.click()
    pane.search.setText(long_name[:40])
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=LOAD_TIMEOUT_MS)
    pane.table.selectRow(0)
    assert len(pane.details.title.text()) > 500  # as much as the API keeps of a name
    assert "5 services were skipped" in pane.age_label.text()
    assert pane.age_label.is_elided()
    assert "5 services were skipped" in pane.age_label.toolTip()
    qtbot.wait(50)  # let the layouts settle
    assert window.width() == 1024
    assert window.minimumSizeHint().width() <= 1024
    assert_in_sight(window, ESSENTIAL)


@pytest.mark.parametrize(
    ("viewport", "expected"),
    [
        (1500, 800),  # every column fits: Name takes the rest
        (1000, 300),  # not every column: the first ones fit, up to the preferred
        (700, 200),  # a narrow window: what the first columns leave
        (300, 80),  # narrower still: never below the least
    ],
)
def test_name_width(viewport: int, expected: int) -> None:
    # The star, ID, Name, then four columns of 100 (the first columns end with the
    # fourth), then two more of 100.
    widths = [50, 50, 1, 100, 100, 100, 100, 100, 100]
    assert name_width(widths, 2, 7, viewport, preferred=300, least=80) == expected
