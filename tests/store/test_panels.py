"""Panel profiles: round trip, update, deletion of everything a panel owns, IDs that are
never given twice, and the keys of removed panels remembered until deleted."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from smmdesk import paths
from smmdesk.api import OrderState, OrderStatus
from smmdesk.store import Panel, Store

from .conftest import make_service
from .test_db import build_v1


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


def test_a_removed_panels_id_is_never_given_again(store: Store, panel: Panel) -> None:
    """The ID names the panel's keyring entry: reusing it would hand the removed panel's
    key to the next panel, and send it to that panel's URL."""
    store.delete_panel(panel.id)
    again = store.add_panel("Another", "https://another.example/api/v2")
    assert again.id > panel.id
    store.delete_panel(again.id)
    third = store.add_panel("Third", "https://third.example/api/v2")
    assert third.id > again.id


def test_a_migrated_database_keeps_its_ids_and_never_reuses_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    build_v1(path)  # panel 1 exists: its key is the keyring entry `panel-1`
    with Store.open(path) as store:
        [old] = store.panels()
        assert old.id == 1
        added = store.add_panel("New", "https://new.example/api/v2")
        store.delete_panel(added.id)
        assert store.add_panel("Newer", "https://newer.example/api/v2").id == added.id + 1


def test_a_removed_panels_key_is_remembered_until_deleted(tmp_path: Path) -> None:
    path = tmp_path / "keys.db"
    with Store.open(path) as store:
        first = store.add_panel("First", "https://first.example/api/v2")
        second = store.add_panel("Second", "https://second.example/api/v2")
        demo = store.add_panel("Demo", "http://127.0.0.1/api/v2", is_demo=True)
        for removed in (first, second, demo):
            store.delete_panel(removed.id)
        store.key_deletion_failed(first.id, "The password store is locked.")
    with Store.open(path) as reopened:  # survives a restart
        pending = reopened.keys_to_delete()
        assert [(k.panel_id, k.panel_name, k.problem) for k in pending] == [
            (first.id, "First", "The password store is locked."),
            (second.id, "Second", None),  # not tried yet: SMMDesk closed first
        ]  # the demo panel has no key to delete
        reopened.key_deleted(first.id)
        assert [k.panel_id for k in reopened.keys_to_delete()] == [second.id]
