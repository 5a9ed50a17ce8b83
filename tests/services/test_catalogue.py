"""Catalogue refreshes against the demo panel when some entries cannot be read: those are
reported, never taken for removed services, and keep what the cache knew of them."""

from __future__ import annotations

from decimal import Decimal

from smmdesk.api import PanelClient
from smmdesk.demopanel import DemoPanel
from smmdesk.services import CatalogueService
from smmdesk.store import Panel, Store


def test_a_skipped_service_keeps_its_cached_row_in_place_and_is_not_removed(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    catalogue = CatalogueService(store)
    before, _ = catalogue.refresh(client, panel.id)
    broken = before.services[7]
    panel_server.serve_entry(int(broken.id), rate="abc", name="renamed")
    snapshot, diff = catalogue.refresh(client, panel.id)
    assert diff.is_empty and not diff.removed
    assert snapshot.services == before.services  # the cached version, where it was
    [skipped] = snapshot.skipped
    assert (skipped.item_id, skipped.field) == (broken.id, "rate")
    cached = store.cached_services(panel.id)
    assert cached is not None and cached.services == before.services
    assert cached.skipped == ()  # what was skipped is said once, not stored


def test_a_skipped_service_the_cache_never_had_is_reported_not_added(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    broken = panel_server.services_list[3]
    panel_server.serve_entry(int(broken["service"]), min=-5)
    snapshot, diff = CatalogueService(store).refresh(client, panel.id)
    assert diff.is_first_fetch
    assert [s.item_id for s in snapshot.skipped] == [str(broken["service"])]
    assert str(broken["service"]) not in {s.id for s in snapshot.services}
    assert len(snapshot.services) == len(panel_server.services_list) - 1


def test_a_service_readable_again_is_back_with_what_the_panel_says(
    store: Store, client: PanelClient, panel: Panel, panel_server: DemoPanel
) -> None:
    catalogue = CatalogueService(store)
    catalogue.refresh(client, panel.id)
    wire = panel_server.services_list[2]
    panel_server.serve_entry(int(wire["service"]), rate={"bad": 1})
    catalogue.refresh(client, panel.id)
    panel_server.serve_entry(int(wire["service"]), rate="99.5")
    snapshot, diff = catalogue.refresh(client, panel.id)
    assert snapshot.skipped == ()
    assert diff.repriced[str(wire["service"])][1] == Decimal("99.5")
