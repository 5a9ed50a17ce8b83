"""A write job that fails for a storage reason arrives on `task_failed` as the typed
`StorageProblem`, in words; and the journal's sending-row-first rule holds on a full disk:
an order whose `sending` row cannot be written never reaches the panel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.api.client import PanelClient
from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.secrets import KeyStore
from smmdesk.store import DiskFull, JournalState, OrderQuery, OrderRecord, Store
from smmdesk.ui.common.errors import describe
from smmdesk.workers import Desk, Ticket
from tests.conftest import TEST_KEY
from tests.store.disks import PageCapped, page_count

TIMEOUT_MS = 30_000
COMMENTS = 80  # a real Custom Comments order: more text than one database page holds


@pytest.fixture
def full_disk_store(isolated_app: Path, demo_panel: DemoPanel) -> Iterator[Store]:
    """The history with the demo server as a panel, on a disk that is now full."""
    path = isolated_app / "full.db"
    with Store.open(path) as store:
        panel = store.add_panel("Test panel", demo_panel.url)
        KeyStore().save(panel.id, TEST_KEY)
    with Store.on(PageCapped(path, pages=page_count(path))) as capped:
        yield capped


def comments_service(demo_panel: DemoPanel) -> Service:
    with PanelClient(demo_panel.url, TEST_KEY, timeout=10) as client:
        return next(s for s in client.services() if s.type == "Custom Comments")


def place(qtbot: QtBot, store: Store, draft: OrderDraft) -> tuple[Ticket, object]:
    """Place `draft` through a `Desk` on `store`; the ticket and what answered it."""
    desk = Desk(store, KeyStore())
    answers: list[tuple[Ticket, object]] = []
    desk.order_placed.connect(lambda ticket, record: answers.append((ticket, record)))
    desk.task_failed.connect(lambda ticket, error: answers.append((ticket, error)))
    try:
        ticket = desk.place_order(store.panels()[0].id, draft)
        qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    finally:
        desk.shutdown()
    (answered, outcome), *_ = answers
    assert answered.serial == ticket.serial
    return ticket, outcome


def test_a_full_disk_during_place_order_sends_nothing_and_says_so(
    qtbot: QtBot, demo_panel: DemoPanel, full_disk_store: Store
) -> None:
    service = comments_service(demo_panel)
    comments = "\n".join(
        f"Love this post, comment number {n} from SMMDesk" for n in range(COMMENTS)
    )
    draft = OrderDraft.of(service, "https://instagram.com/p/full", fields={"comments": comments})
    _, error = place(qtbot, full_disk_store, draft)
    assert isinstance(error, DiskFull)
    described = describe(error)
    assert described.title == "The disk is full"
    assert str(full_disk_store.path.parent) in described.text
    assert "Free some space" in described.text
    assert demo_panel.orders == {}, "an order without its journal row must not be sent"
    assert full_disk_store.count_orders(OrderQuery()) == 0
    with Store.open(full_disk_store.path) as freed:  # space freed: the same order goes
        _, record = place(qtbot, freed, draft)
    assert isinstance(record, OrderRecord) and record.journal_state is JournalState.PLACED
    assert list(demo_panel.orders) == [record.order_id]
