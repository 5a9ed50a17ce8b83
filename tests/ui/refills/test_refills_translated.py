"""Every word the Refills pane shows goes through Qt's translation system: with a
pseudo-translation installed (each "Refills" text wrapped in « »), its controls, column
headers, statuses and counts come out wrapped; the refills' own data does not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk.ui.common.context import AppContext
from smmdesk.ui.refills.refills_model import RefillColumn
from smmdesk.ui.refills.refills_pane import RefillsPane
from tests.ui.pseudo import pseudo_translation, wrapped
from tests.ui.refills.test_refills_pane import RECORDS


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    with pseudo_translation(qapp, {"Refills"}):
        yield


def test_the_pane_s_words_are_translated(qtbot: QtBot, context: AppContext, pseudo: None) -> None:
    pane = RefillsPane(context)
    qtbot.addWidget(pane)
    for text in (
        pane.search_edit.placeholderText(),
        pane.all_panels_check.text(),
        pane.all_panels_check.toolTip(),
        pane.refresh_button.text(),
        pane.total_label.text(),
    ):
        assert wrapped(text)
    assert pane.total_label.text() == "«0 refills»"

    model = pane.model
    model.set_records(RECORDS)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in RefillColumn]
    assert all(map(wrapped, titles))
    statuses = [model.index(row, RefillColumn.STATUS).data() for row in range(len(RECORDS))]
    assert statuses == ["«Rejected»", "«Refused»", "«Pending»", "«Completed»"]  # newest first
    assert model.index(3, RefillColumn.ORDER_ID).data() == "101"  # an ID: not words
    assert model.panel_name(404) == "«Panel 404»"
