"""The Mass order pane on the test panel (the real demo panel on loopback), and helpers
that drive it the way a user does: paste, check, confirm, wait for the outcome."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.mass.dialogs import ConfirmBatchDialog
from smmdesk.ui.mass.mass_pane import MassOrderPane
from smmdesk.ui.mass.session import Phase
from tests.ui.conftest import LOAD_TIMEOUT_MS


@pytest.fixture
def pane(qtbot: QtBot, context: AppContext) -> Iterator[MassOrderPane]:
    widget = MassOrderPane(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    widget.session.stop()


def plain_service(context: AppContext) -> Service:
    """A Default service without drip-feed: link and quantity are all it needs."""
    return next(s for s in context.services if s.type == "Default" and not s.dripfeed)


def lines_text(service: Service, count: int, tag: str = "p") -> str:
    return "\n".join(
        f"{service.id}|https://instagram.com/{tag}/{n}|{service.min}" for n in range(1, count + 1)
    )


def check_text(qtbot: QtBot, pane: MassOrderPane, text: str) -> None:
    pane.input.text_edit.setPlainText(text)
    pane.input.check_button.click()
    qtbot.waitUntil(lambda: pane.session.phase is not Phase.CHECKING, timeout=LOAD_TIMEOUT_MS)


def open_confirmation(qtbot: QtBot, pane: MassOrderPane) -> ConfirmBatchDialog:
    pane.place_button.click()
    dialog = pane.findChild(ConfirmBatchDialog)
    assert isinstance(dialog, ConfirmBatchDialog)
    qtbot.waitExposed(dialog)
    return dialog


def confirm(dialog: ConfirmBatchDialog) -> None:
    yes = dialog.buttons.button(QDialogButtonBox.StandardButton.Yes)
    assert yes is not None and yes.isEnabled()
    yes.click()


def wait_for_phase(
    qtbot: QtBot, pane: MassOrderPane, *phases: Phase, timeout: int = LOAD_TIMEOUT_MS
) -> None:
    qtbot.waitUntil(lambda: pane.session.phase in phases, timeout=timeout)
