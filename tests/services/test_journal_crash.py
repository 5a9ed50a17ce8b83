"""Killing the app while an order is in flight leaves a row start-up turns `unconfirmed`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.store import JournalState, OrderQuery, Panel, Store
from tests.conftest import TEST_KEY

REPO = Path(__file__).resolve().parents[2]
# The child: what the app does when the user clicks "Place order". The panel stalls the
# `add`, so the child is stuck between "row written" and "answer received" when killed.
CHILD = """
import sys
from pathlib import Path
from smmdesk.api import PanelClient
from smmdesk.api.draft import OrderDraft
from smmdesk.services import OrderJournal
from smmdesk.store import Store

db, url, key, panel_id = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store.open(Path(db))
with PanelClient(url, key, timeout=60) as client:
    service = next(s for s in client.services() if s.type == "Default" and not s.dripfeed)
    request = OrderDraft.of(service, "https://instagram.com/p/crash", service.min)
    OrderJournal(store).place(client, panel_id, request)
print("the add returned: the stall did not happen", flush=True)
"""


def wait_for_sending_row(store: Store, child: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = store.orders_page(OrderQuery(), 0, 10)
        if [r.journal_state for r in rows] == [JournalState.SENDING]:
            return
        assert child.poll() is None, "the child ended before its order was in flight"
        time.sleep(0.02)
    raise AssertionError("the child never wrote its sending row")


def test_a_killed_app_leaves_an_unconfirmed_order(
    store: Store, panel: Panel, panel_server: DemoPanel
) -> None:
    panel_server.timeout_fault_seconds = 30.0
    panel_server.inject("add", "timeout", count=1)
    args = [str(store.path), panel_server.url, TEST_KEY, str(panel.id)]
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], cwd=REPO)
    try:
        wait_for_sending_row(store, child, timeout=20)
        deadline = time.monotonic() + 10
        while panel_server.requests["add"] == 0 and time.monotonic() < deadline:
            time.sleep(0.02)  # killed while the request is at the panel, not before
    finally:
        child.kill()  # SIGKILL on POSIX: no cleanup code runs in the child
        child.wait(timeout=10)
    assert child.returncode != 0

    with Store.open(store.path) as restarted:
        assert OrderJournal(restarted).recover_interrupted() == 1
        [row] = restarted.orders_page(OrderQuery(), 0, 10)
        assert row.journal_state is JournalState.UNCONFIRMED
        assert row.error is not None and "stopped while this order was being sent" in row.error
        assert OrderJournal(restarted).recover_interrupted() == 0
    assert panel_server.requests["add"] == 1
