"""`Desk`'s favourites jobs: star and unstar on the write pool, read on the read pool, each
answered with the panel's favourites and recents as they now are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.store import Panel, PanelFavourites, Store
from smmdesk.workers import Desk, Job, Ticket
from tests.store.conftest import make_service


@pytest.fixture
def panel(store: Store) -> Panel:
    return store.add_panel("Main panel", "https://panel.example/api/v2")


def answer(
    qtbot: QtBot, desk: Desk, ask: Callable[[], Ticket | None]
) -> tuple[Ticket, PanelFavourites]:
    with qtbot.waitSignal(desk.favourites_loaded) as loaded:
        ticket = ask()
    assert ticket is not None and loaded.args[0] == ticket
    return ticket, loaded.args[1]


def test_star_and_unstar_answer_with_the_panel_s_favourites(
    qtbot: QtBot, desk: Desk, store: Store, panel: Panel
) -> None:
    service = make_service("42", name="TikTok Views")
    ticket, starred = answer(qtbot, desk, lambda: desk.star_service(panel.id, service))
    assert ticket.job is Job.STAR_SERVICE and ticket.panel_id == panel.id
    assert starred.panel_id == panel.id
    assert [(f.service_id, f.name) for f in starred.favourites] == [("42", "TikTok Views")]
    assert store.favourites(panel.id) == list(starred.favourites)

    ticket, unstarred = answer(qtbot, desk, lambda: desk.unstar_service(panel.id, "42"))
    assert ticket.job is Job.UNSTAR_SERVICE
    assert unstarred.favourites == () and store.favourites(panel.id) == []


def test_loading_reads_favourites_and_recent_orders(
    qtbot: QtBot, desk: Desk, store: Store, panel: Panel
) -> None:
    store.star_service(panel.id, make_service("1"))
    store.insert_sending_order(panel.id, make_service("7"), link="https://x.test/a", quantity=10)
    ticket, loaded = answer(qtbot, desk, lambda: desk.load_favourites(panel.id))
    assert ticket.job is Job.LOAD_FAVOURITES
    assert loaded.starred == frozenset({"1"})
    assert [recent.service_id for recent in loaded.recents] == ["7"]


def test_a_load_already_running_is_not_asked_twice(qtbot: QtBot, desk: Desk, panel: Panel) -> None:
    with qtbot.waitSignal(desk.favourites_loaded):
        first = desk.load_favourites(panel.id)
        second = desk.load_favourites(panel.id)
    assert first is not None and second is None
