"""Notes, customers, sell prices and markups in the store; the search finds them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smmdesk.api import PlacedOrder
from smmdesk.store import JournalState, OrderQuery, OrderRecord, Panel, Store, StoreError
from smmdesk.store.annotations import CUSTOMER_MAX, NOTE_MAX

from .conftest import make_service


def placed(
    store: Store, panel: Panel, order_id: str, link: str = "https://x.example/a"
) -> OrderRecord:
    record = store.insert_sending_order(panel.id, make_service(), link=link, quantity=100)
    return store.record_placed(record.id, PlacedOrder(order_id), expect=[JournalState.SENDING])


def found(store: Store, text: str, panel_id: int | None = None) -> list[str | None]:
    query = OrderQuery(panel_id=panel_id, text=text)
    assert store.count_orders(query) == len(store.orders_page(query, 0, 100))
    return [r.order_id for r in store.orders_page(query, 0, 100)]


def test_a_note_and_customer_are_kept_and_found_by_every_word(store: Store, panel: Panel) -> None:
    first, second = placed(store, panel, "1"), placed(store, panel, "2")
    store.annotate_orders([first.id], note="Pedido da Promoção de março", customer="Loja Açaí")

    record = store.order(first.id)
    assert record is not None
    assert (record.note, record.customer) == ("Pedido da Promoção de março", "Loja Açaí")
    assert found(store, "acai promocao") == ["1"]
    assert found(store, "MARÇO loja") == ["1"]
    assert found(store, "acai 2") == []  # every word must match the same order
    assert second.note == "" and found(store, "instagram followers") == ["2", "1"]


def test_editing_a_note_keeps_the_rest_searchable_and_later_writes_keep_the_note(
    store: Store, panel: Panel
) -> None:
    record = store.insert_sending_order(
        panel.id, make_service(), link="https://tiktok.com/@someone", quantity=100
    )
    store.annotate_orders([record.id], note="first words")
    store.annotate_orders([record.id], note="second words")
    assert found(store, "first") == []
    store.set_journal_state(record.id, JournalState.UNCONFIRMED, expect=[JournalState.SENDING])
    store.resolve_order_id(record.id, "77")
    assert found(store, "second tiktok 77") == ["77"]


def test_a_repeated_order_id_stays_searchable_after_a_note(store: Store, panel: Panel) -> None:
    placed(store, panel, "500")
    twin = placed(store, panel, "500", link="https://x.example/b")
    assert twin.order_id is None  # the ID lives in the warning and the search text only
    store.annotate_orders([twin.id], customer="Bob")
    assert {r.id for r in store.orders_page(OrderQuery(text="500 bob"), 0, 10)} == {twin.id}


def test_none_keeps_each_orders_text_and_sell_prices_are_set_or_cleared(
    store: Store, panel: Panel
) -> None:
    a, b = placed(store, panel, "1"), placed(store, panel, "2")
    store.annotate_orders([a.id], note="keep me", customer="Ann")
    assert store.annotate_orders([a.id, b.id], customer="Bea") == 2
    store.annotate_orders([], sell_prices={a.id: Decimal("12.5"), b.id: Decimal(3)})
    store.annotate_orders([], sell_prices={b.id: None})
    after_a, after_b = store.order(a.id), store.order(b.id)
    assert after_a is not None and after_b is not None
    assert (after_a.note, after_a.customer, after_a.sell_price) == (
        "keep me",
        "Bea",
        Decimal("12.5"),
    )
    assert (after_b.note, after_b.customer, after_b.sell_price) == ("", "Bea", None)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"note": "x" * (NOTE_MAX + 1)}, "note"),
        ({"customer": "y" * (CUSTOMER_MAX + 1)}, "customer"),
        ({"sell_prices": {1: Decimal(-1)}}, "negative"),
    ],
)
def test_bad_text_or_prices_change_nothing(
    store: Store, panel: Panel, changes: dict[str, object], words: str
) -> None:
    record = placed(store, panel, "1")
    with pytest.raises(StoreError, match=words):
        store.annotate_orders([record.id], **changes)  # type: ignore[arg-type]
    assert store.order(record.id) == record


def test_markups_are_kept_per_service_and_per_customer(store: Store, panel: Panel) -> None:
    store.set_service_markup(panel.id, "1", Decimal(20))
    store.set_customer_markup("  Loja   AÇAÍ ", Decimal("35.5"))
    assert store.service_markup(panel.id, "1") == Decimal(20)
    assert store.customer_markup("loja acai") == Decimal("35.5")
    assert store.customer_markup("someone else") is None
    assert store.service_markup(panel.id, "2") is None
    store.set_customer_markup("LOJA AÇAÍ", Decimal(40))  # the same customer: replaced
    store.set_service_markup(panel.id, "1", None)
    markups = store.markups()
    assert [(m.customer, m.percent) for m in markups.customers] == [("LOJA AÇAÍ", Decimal(40))]
    assert markups.services == ()
    with pytest.raises(StoreError):
        store.set_customer_markup("   ", Decimal(1))


def test_known_customers_are_the_labels_used_most_recently_first(
    store: Store, panel: Panel
) -> None:
    for order_id, customer in (("1", "Ann"), ("2", "Bob"), ("3", "Ann")):
        store.annotate_orders([placed(store, panel, order_id).id], customer=customer)
    assert store.markups().known_customers == ("Ann", "Bob")


def test_money_facts_follow_the_filter_and_leave_out_what_was_never_placed(
    store: Store, panel: Panel
) -> None:
    other = store.add_panel("Other", "https://other.example/api/v2")
    placed(store, panel, "1", link="https://x.example/cats")
    placed(store, other, "2", link="https://x.example/cats")
    rejected = store.insert_sending_order(
        panel.id, make_service(), link="https://x.example/cats", quantity=1
    )
    store.set_journal_state(rejected.id, JournalState.REJECTED, expect=[JournalState.SENDING])
    assert len(store.money_facts(OrderQuery(text="cats"))) == 2
    assert len(store.money_facts(OrderQuery(panel_id=other.id, text="cats"))) == 1
    assert store.money_facts(OrderQuery(tab="rejected")) == []


def test_matching_ids_follow_the_filter(store: Store, panel: Panel) -> None:
    a = placed(store, panel, "1", link="https://x.example/dogs")
    placed(store, panel, "2", link="https://x.example/cats")
    assert store.matching_ids(OrderQuery(text="dogs")) == [a.id]
