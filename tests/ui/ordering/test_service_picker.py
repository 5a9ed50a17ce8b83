"""The order form's service picker: every typed word in any order without accents,
favourites then recent services first, rate, minimum and maximum beside each name, an empty
result that says so, and the keys: type, arrows, Enter picks, Escape goes back."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.api import Service
from smmdesk.search import fold
from smmdesk.store import Store
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.order_form import NewOrderPane
from smmdesk.ui.ordering.picker_model import Group, PickerColumn, PickerModel, entry_text
from smmdesk.ui.ordering.service_picker import ServicePicker
from tests.ui.conftest import LOAD_TIMEOUT_MS

EN_DASH = "\N{EN DASH}"
pytestmark = pytest.mark.usefixtures("qapp")  # the model folds names on a timer


def service(sid: str, name: str, category: str = "Instagram", rate: str = "0.9") -> Service:
    return Service(sid, name, "Default", category, Decimal(rate), 50, 10_000)


CATALOGUE = [
    service("1", "Instagram Followers | Brazil", rate="1.25"),
    service("2", "Seguidores Promoção", category="Instagram 🇧🇷"),
    service("3", "TikTok Views", category="TikTok"),
    service("4", "Instagram Likes"),
    service("5", "YouTube Views", category="YouTube"),
]


def listed(model: PickerModel) -> list[str]:
    return [model.service(row).id for row in range(model.rowCount())]  # type: ignore[union-attr]


# -- the model ----------------------------------------------------------------------------


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = PickerModel()
    model.set_services(CATALOGUE, {"4"}, ["3"])
    qtmodeltester.check(model)
    model.search("views")
    qtmodeltester.check(model)


def test_favourites_then_recent_services_then_the_rest() -> None:
    model = PickerModel()
    model.set_services(CATALOGUE, starred={"5", "2"}, recent=["4", "5", "gone", "1"])
    assert listed(model) == ["2", "5", "4", "1", "3"]
    assert [model.group(row) for row in range(3)] == [
        Group.FAVOURITE,
        Group.FAVOURITE,
        Group.RECENT,
    ]
    assert model.index(0, PickerColumn.MARK).data() == "★"
    assert model.index(2, PickerColumn.MARK).data() == "↺"
    assert model.index(2, PickerColumn.MARK).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Ordered recently"
    )
    model.search("views")
    assert listed(model) == ["5", "3"]  # the groups hold within the matches
    model.set_groups(starred=set(), recent=[])
    assert listed(model) == ["3", "5"]


def test_every_word_in_any_order_without_case_or_accents() -> None:
    model = PickerModel()
    model.set_services(CATALOGUE)
    model.search("brazil FOLLOWERS instagram")
    assert listed(model) == ["1"]
    model.search("promocao seguidores")
    assert listed(model) == ["2"]
    model.search("  ")
    assert len(listed(model)) == 5
    model.search("4 likes")
    assert listed(model) == ["4"]


def test_rate_and_limits_beside_each_name() -> None:
    model = PickerModel()
    model.set_services(CATALOGUE)
    model.set_currency("USD")
    assert model.index(0, PickerColumn.SERVICE).data() == entry_text(CATALOGUE[0])
    assert model.index(0, PickerColumn.RATE).data() == "1.25 USD"
    assert model.index(0, PickerColumn.LIMITS).data() == f"50 {EN_DASH} 10,000"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["insta", "gram", "views", "ão", "X", "1", "br", " "]), max_size=6))
def test_typing_on_finds_what_a_fresh_search_finds(pieces: list[str]) -> None:
    typed = "".join(pieces)
    model = PickerModel()
    model.set_services(CATALOGUE, {"3"}, ["2"])
    for end in range(len(typed) + 1):
        model.search(typed[:end])
    fresh = PickerModel()
    fresh.set_services(CATALOGUE, {"3"}, ["2"])
    fresh.search(typed)
    assert listed(model) == listed(fresh)
    words = fold(typed).split()
    found = [s for s in CATALOGUE if s.id in listed(model)]
    assert all(all(word in fold(entry_text(s)) for word in words) for s in found)


# -- the widget, keys only ----------------------------------------------------------------


@pytest.fixture
def picker(qtbot: QtBot) -> Iterator[ServicePicker]:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(900, 600)
    built = ServicePicker(window)
    built.move(10, 10)
    built.resize(700, built.sizeHint().height())
    window.show()
    qtbot.waitExposed(window)
    built.set_services(CATALOGUE)
    built.search_line.setFocus()
    yield built  # the window lives as long as the test


def test_type_move_and_enter_picks(qtbot: QtBot, picker: ServicePicker) -> None:
    with qtbot.waitSignal(picker.service_chosen) as chosen:
        qtbot.keyClicks(picker.search_line, "views")
        assert picker.popup.isVisible()
        assert picker.popup.status.text().startswith("2 services match")
        qtbot.keyClick(picker.search_line, Qt.Key.Key_Down)
        qtbot.keyClick(picker.search_line, Qt.Key.Key_Return)
    assert chosen.args == [CATALOGUE[4]]
    assert picker.current_service() == CATALOGUE[4]
    assert not picker.popup.isVisible()
    assert picker.search_line.text() == entry_text(CATALOGUE[4])


def test_escape_goes_back_to_the_chosen_service(qtbot: QtBot, picker: ServicePicker) -> None:
    assert picker.select_service("2")
    with qtbot.assertNotEmitted(picker.service_chosen):
        qtbot.keyClicks(picker.search_line, "tik")
        qtbot.keyClick(picker.search_line, Qt.Key.Key_Escape)
    assert not picker.popup.isVisible()
    assert picker.search_line.text() == entry_text(CATALOGUE[1])
    assert picker.current_service() == CATALOGUE[1]


def test_down_opens_the_whole_list_at_the_chosen_service(
    qtbot: QtBot, picker: ServicePicker
) -> None:
    picker.select_service("4")
    qtbot.keyClick(picker.search_line, Qt.Key.Key_Down)
    assert picker.popup.isVisible() and picker.model.rowCount() == 5
    assert picker.model.service(picker.popup.current_row()) == CATALOGUE[3]
    qtbot.keyClick(picker.search_line, Qt.Key.Key_PageDown)
    assert picker.popup.current_row() == 4
    qtbot.keyClick(picker.search_line, Qt.Key.Key_Escape)
    assert not picker.popup.isVisible()


def test_an_empty_result_says_so_and_offers_to_clear(qtbot: QtBot, picker: ServicePicker) -> None:
    qtbot.keyClicks(picker.search_line, "instagram zebra")
    assert picker.model.rowCount() == 0
    assert picker.popup.status.text().startswith("No service matches “instagram zebra”")
    assert picker.popup.clear_button.isVisible() and not picker.popup.view.isVisible()
    qtbot.mouseClick(picker.popup.clear_button, Qt.MouseButton.LeftButton)
    assert picker.search_line.text() == "" and picker.model.rowCount() == 5
    assert picker.search_line.hasFocus()


def test_a_click_picks_and_a_click_elsewhere_closes(qtbot: QtBot, picker: ServicePicker) -> None:
    qtbot.keyClicks(picker.search_line, "likes")
    view = picker.popup.view
    rect = view.visualRect(picker.model.index(0, PickerColumn.SERVICE))
    with qtbot.waitSignal(picker.service_chosen):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.current_service() == CATALOGUE[3]
    qtbot.keyClicks(picker.search_line, "x")
    window = picker.window()
    corner = window.rect().bottomRight() - QPoint(5, 5)
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=corner)
    assert not picker.popup.isVisible()
    assert picker.search_line.text() == entry_text(CATALOGUE[3])


def test_a_new_catalogue_keeps_the_chosen_service(qtbot: QtBot, picker: ServicePicker) -> None:
    picker.select_service("3")
    repriced = service("3", "TikTok Views", category="TikTok", rate="2")
    with qtbot.waitSignal(picker.service_chosen) as chosen:
        picker.set_services([CATALOGUE[0], repriced])
    assert chosen.args == [repriced]
    with qtbot.waitSignal(picker.service_chosen) as chosen:
        picker.set_services([CATALOGUE[0]])
    assert chosen.args == [None] and picker.search_line.text() == ""
    assert not picker.select_service("3")


def test_text_from_the_panel_is_plain(qtbot: QtBot, picker: ServicePicker) -> None:
    hostile = service("9", "<img src=x> <b>Bold</b>", category="<i>cat</i>")
    picker.set_services([hostile])
    qtbot.keyClick(picker.search_line, Qt.Key.Key_Down)
    tip = picker.model.index(0, PickerColumn.SERVICE).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip


# -- in the order form, with favourites and recents from the demo panel -------------------


@pytest.fixture
def form(qtbot: QtBot, context: AppContext) -> NewOrderPane:
    pane = NewOrderPane(context)
    qtbot.addWidget(pane)
    pane.resize(1024, 640)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_favourites_and_recent_orders_come_first_in_the_form(
    qtbot: QtBot, form: NewOrderPane, context: AppContext, store: Store
) -> None:
    favourite, ordered = context.services[40], context.services[70]
    store.insert_sending_order(context.panel_id, ordered, link="https://x.test/r", quantity=10)
    picker = form.picker
    book = picker._book
    assert book is not None
    book.star(favourite)
    qtbot.waitUntil(lambda: not book._unanswered, timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: ordered.id in book.recent_ids, timeout=LOAD_TIMEOUT_MS)
    form.search_edit.setFocus()
    qtbot.keyClick(form.search_edit, Qt.Key.Key_Down)
    assert picker.model.service(0) == favourite and picker.model.service(1) == ordered
    assert picker.popup.geometry().top() >= picker.mapTo(form, picker.rect().bottomLeft()).y()
    with qtbot.waitSignal(picker.service_chosen):
        qtbot.keyClick(form.search_edit, Qt.Key.Key_Down)
        qtbot.keyClick(form.search_edit, Qt.Key.Key_Return)
    assert form.service == ordered
    assert "quantity" in form.fields.inputs or "link" in form.fields.inputs


def test_enter_in_the_list_does_not_reach_the_form(
    qtbot: QtBot, form: NewOrderPane, context: AppContext
) -> None:
    wanted = context.services[3]
    form.search_edit.setFocus()
    qtbot.keyClicks(form.search_edit, wanted.id)
    row = form.picker.model.row_of(wanted.id)
    assert row is not None
    form.picker.popup.set_current_row(row)
    with qtbot.assertNotEmitted(context.desk.order_placed):
        qtbot.keyClick(form.search_edit, Qt.Key.Key_Return)
    assert form.service == wanted and form.phase.value == "idle"


def test_the_list_follows_a_resized_window(qtbot: QtBot, picker: ServicePicker) -> None:
    qtbot.keyClick(picker.search_line, Qt.Key.Key_Down)
    window = picker.window()
    window.resize(500, 400)
    qtbot.waitUntil(lambda: picker.popup.geometry().right() < 500)
    assert picker.popup.isVisible()


def test_a_click_in_the_line_selects_the_chosen_entry(qtbot: QtBot, picker: ServicePicker) -> None:
    picker.select_service("1")
    picker.list_button.setFocus()  # elsewhere (it takes no focus: the window keeps none)
    picker.search_line.clearFocus()
    qtbot.mouseClick(picker.search_line, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.search_line.selectedText() == entry_text(CATALOGUE[0]))
    qtbot.keyClicks(picker.search_line, "tiktok")
    assert picker.search_line.text() == "tiktok" and picker.model.rowCount() == 1


def test_ctrl_d_stars_the_highlighted_service_and_keeps_it_highlighted(
    qtbot: QtBot, form: NewOrderPane, context: AppContext, store: Store
) -> None:
    wanted = context.services[30]
    picker = form.picker
    form.search_edit.setFocus()
    qtbot.keyClick(form.search_edit, Qt.Key.Key_Down)
    picker.popup.set_current_row(30)
    qtbot.keyClick(form.search_edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert picker.model.service(0) == wanted  # a favourite now: first
    assert picker.model.service(picker.popup.current_row()) == wanted
    qtbot.waitUntil(
        lambda: {f.service_id for f in store.favourites(context.panel_id)} == {wanted.id}
    )
