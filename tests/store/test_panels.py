"""Panel profiles: round trip, update, and deletion of everything a panel owns."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from smmdesk import paths
from smmdesk.api import OrderState, OrderStatus
from smmdesk.store import Panel, Store

from .conftest import make_service


def test_a_panel_round_trips(store: Store) -> None:
    added = store.add_panel(
        "Demo", "http://127.0.0.1:1/api/v2", proxy="socks5://p:1", allow_insecure_http=True,
        is_demo=True,
    )  # fmt: skip
    assert store.panel(added.id) == added
    assert store.panels() == [added]
    assert added.created_at.tzinfo is not None


def test_update_changes_the_profile_but_not_its_identity(store: Store, panel: Panel) -> None:
    store.update_panel(replace(panel, name="Renamed", proxy="http://proxy:3128"))
    updated = store.panel(panel.id)
    assert updated is not None
    assert (updated.name, updated.proxy, updated.created_at) == (
        "Renamed", "http://proxy:3128", panel.created_at,
    )  # fmt: skip


def test_the_panels_table_has_no_place_for_a_key(store: Store) -> None:
    conn = sqlite3.connect(paths.database_path())
    columns = [row[1] for row in conn.execute("PRAGMA table_info(panels)")]
    conn.close()
    assert not [c for c in columns if "key" in c or "secret" in c or "token" in c]


def test_deleting_a_panel_deletes_its_data_and_only_its_data(store: Store, panel: Panel) -> None:
    other = store.add_panel("Other", "https://other.example/api/v2")
    for owner in (panel, other):
        store.save_services(owner.id, [make_service("1")])
        store.save_services(owner.id, [make_service("1", rate="2")])
        [order] = store.import_orders(owner.id, ["100"])
        store.record_order_statuses(
            owner.id, {"100": OrderStatus("100", "Completed", OrderState.COMPLETED)}, {},
            order.created_at,
        )  # fmt: skip
        store.add_refills([(order, "9", None)])
        store.add_cancels([(order, "Cancel is disabled for this service")])

    store.delete_panel(panel.id)

    assert store.panel(panel.id) is None
    assert store.cached_services(panel.id) is None
    assert store.price_history(panel.id, "1") == []
    assert store.tab_counts(panel.id)["all"] == 0
    assert store.refills(panel.id) == [] and store.cancels(panel.id) == []
    assert store.tab_counts(other.id)["all"] == 1
    assert len(store.price_history(other.id, "1")) == 1
    assert len(store.refills()) == 1 and len(store.cancels(None)) == 1
