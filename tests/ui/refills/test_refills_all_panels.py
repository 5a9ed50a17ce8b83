"""The Refills tab across panels: every panel's refills with a Panel column, searched by
every word in any order without case or accents."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from smmdesk.settings import AUTO_REFRESH
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.refills.refills_model import RefillColumn, RefillsModel, RefillsProxy
from smmdesk.ui.refills.refills_pane import RefillsPane


def test_all_panels_lists_every_panels_refills_with_their_panel(
    qtbot: QtBot, store: Store, context: AppContext
) -> None:
    other = store.add_panel("Painel São Paulo", "https://sp.example/api/v2")
    context.set_panels(store.panels())
    [here] = store.import_orders(context.panel_id, ["11"])
    [there] = store.import_orders(other.id, ["22"])
    store.add_refills([(here, "r1", None), (there, None, "Refill is disabled for this service")])
    context.settings.set(AUTO_REFRESH, False)
    pane = RefillsPane(context)
    qtbot.addWidget(pane)
    assert pane.proxy.rowCount() == 1 and pane.view.isColumnHidden(RefillColumn.PANEL)

    pane.all_panels_check.setChecked(True)
    assert pane.proxy.rowCount() == 2 and not pane.view.isColumnHidden(RefillColumn.PANEL)
    panels = {pane.proxy.index(r, RefillColumn.PANEL).data() for r in range(2)}
    assert panels == {"Test panel", "Painel São Paulo"}
    pane.search_edit.setText("DISABLED sao paulo")
    assert pane.proxy.rowCount() == 1
    assert pane.proxy.index(0, RefillColumn.ORDER_ID).data() == "22"
    pane.search_edit.setText("paulo r1")
    assert pane.proxy.rowCount() == 0


def test_the_model_with_panels_passes_the_model_tester(
    qtmodeltester: object, store: Store, context: AppContext
) -> None:
    [order] = store.import_orders(context.panel_id, ["33"])
    model = RefillsModel()
    model.set_records(store.add_refills([(order, "r9", None)]))
    model.set_panel_names({context.panel_id: "Test panel"})
    proxy = RefillsProxy()
    proxy.setSourceModel(model)
    proxy.set_search("test r9")
    assert proxy.rowCount() == 1
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
