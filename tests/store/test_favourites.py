"""Favourites per panel and service (schema 10), and recents read from the orders."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from smmdesk.store import Favourite, Panel, RecentService, Store
from smmdesk.store.migrations import MIGRATIONS

from .conftest import make_service

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def order_at(store: Store, panel: Panel, service_id: str, at: datetime) -> None:
    record = store.insert_sending_order(
        panel.id, make_service(service_id), link="https://x.test/p", quantity=100
    )
    with store._db.transaction() as conn:
        conn.execute("UPDATE orders SET created_at = ? WHERE id = ?", (at.isoformat(), record.id))


def test_a_star_is_kept_with_the_name_it_had(store: Store, panel: Panel) -> None:
    service = make_service("7", name="Instagram Likes | Brasil", category="Instagram 🇧🇷")
    starred = store.star_service(panel.id, service, at=T0)
    assert starred == Favourite(panel.id, "7", "Instagram Likes | Brasil", "Instagram 🇧🇷", T0)
    assert store.favourites(panel.id) == [starred]


def test_starring_again_keeps_the_first_time_and_takes_the_new_name(
    store: Store, panel: Panel
) -> None:
    store.star_service(panel.id, make_service("7", name="Old"), at=T0)
    again = store.star_service(panel.id, make_service("7", name="New"), at=T0 + timedelta(days=1))
    assert (again.name, again.starred_at) == ("New", T0)
    assert len(store.favourites(panel.id)) == 1


def test_unstar(store: Store, panel: Panel) -> None:
    store.star_service(panel.id, make_service("7"))
    assert store.unstar_service(panel.id, "7") is True
    assert store.unstar_service(panel.id, "7") is False
    assert store.favourites(panel.id) == []


def test_favourites_are_per_panel_oldest_star_first(store: Store, panel: Panel) -> None:
    other = store.add_panel("Other", "https://other.example/api/v2")
    store.star_service(panel.id, make_service("2"), at=T0 + timedelta(minutes=1))
    store.star_service(panel.id, make_service("9"), at=T0)
    store.star_service(other.id, make_service("2"), at=T0)
    assert [f.service_id for f in store.favourites(panel.id)] == ["9", "2"]
    assert [f.service_id for f in store.favourites(other.id)] == ["2"]


def test_a_favourite_outlives_a_catalogue_that_drops_it(store: Store, panel: Panel) -> None:
    store.save_services(panel.id, [make_service("1"), make_service("2")], T0)
    store.star_service(panel.id, make_service("2"))
    store.save_services(panel.id, [make_service("1")], T0 + timedelta(hours=1))
    assert [f.service_id for f in store.favourites(panel.id)] == ["2"]
    store.save_services(panel.id, [make_service("1"), make_service("2")], T0 + timedelta(hours=2))
    assert [f.service_id for f in store.favourites(panel.id)] == ["2"]


def test_removing_the_panel_removes_its_favourites(store: Store, panel: Panel) -> None:
    store.star_service(panel.id, make_service("2"))
    store.delete_panel(panel.id)
    assert store.favourites(panel.id) == []


def test_recents_are_the_services_of_the_latest_orders_each_once(
    store: Store, panel: Panel
) -> None:
    other = store.add_panel("Other", "https://other.example/api/v2")
    for minutes, service_id in enumerate(["1", "2", "1", "3", "2", "1"]):
        order_at(store, panel, service_id, T0 + timedelta(minutes=minutes))
    order_at(store, other, "9", T0 + timedelta(hours=1))
    store.import_orders(panel.id, ["555"])  # tracked by ID: its service is not known
    recents = store.recent_services(panel.id)
    assert recents == [
        RecentService("1", T0 + timedelta(minutes=5)),
        RecentService("2", T0 + timedelta(minutes=4)),
        RecentService("3", T0 + timedelta(minutes=3)),
    ]
    assert [r.service_id for r in store.recent_services(panel.id, limit=2)] == ["1", "2"]


def test_panel_favourites_holds_both(store: Store, panel: Panel) -> None:
    store.star_service(panel.id, make_service("4"), at=T0)
    order_at(store, panel, "4", T0)
    both = store.panel_favourites(panel.id)
    assert both.panel_id == panel.id
    assert both.starred == frozenset({"4"})
    assert [r.service_id for r in both.recents] == ["4"]


def test_a_v9_history_gains_an_empty_favourites_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:9]:
            migration(conn)
        conn.execute(
            "INSERT INTO panels (id, name, url, created_at) VALUES (1, 'P', 'https://p', ?)",
            (T0.isoformat(),),
        )
        conn.execute("PRAGMA user_version = 9")
    conn.close()
    with Store.open(path) as store:
        assert store.favourites(1) == []
        assert store.star_service(1, make_service("3"), at=T0).starred_at == T0
