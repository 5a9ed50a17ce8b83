from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from smmdesk.api import Service
from smmdesk.demopanel.catalogue import generate_catalogue
from smmdesk.search import find_all, fold, query_words
from smmdesk.services.price_board import PanelCatalogue, PriceIndex, parse_rates
from smmdesk.services.scorecard import Spread


def service(sid: str, name: str, rate: str, kind: str = "Default") -> Service:
    return Service(sid, name, kind, "Instagram", Decimal(rate), 10, 1000)


CATALOGUES = [
    PanelCatalogue(
        1,
        "Cheap USD",
        "USD",
        [service("1", "Instagram Followers | Brazil | 30 Days Refill", "2.00")],
    ),
    PanelCatalogue(2, "Euro", "eur", [service("7", "Instagram Followers Brazil", "1.50")]),
    PanelCatalogue(3, "Rupees", "INR", [service("9", "Instagram Followers | Brazil", "100")]),
    PanelCatalogue(
        4, "Packages", "USD", [service("5", "Instagram Followers Brazil 1K", "0.50", "Package")]
    ),
]


def test_rates_are_compared_in_one_currency_cheapest_first_packages_apart() -> None:
    index = PriceIndex(CATALOGUES, "usd", {"EUR": Decimal("1.10")})
    board = [(row.panel_name, row.rate) for row in index.rows]
    assert board == [
        ("Euro", Decimal("1.6500")),
        ("Cheap USD", Decimal("2.00")),
        ("Rupees", None),  # no rate for INR: shown, not compared
        ("Packages", Decimal("0.50")),  # per package: never against per-1000 rates
    ]


def test_completion_times_move_without_building_the_index_again() -> None:
    fast, slow = Spread(3600.0, 7200.0, 4), Spread(9000.0, 9000.0, 1)
    index = PriceIndex(CATALOGUES, "USD", {}, {(1, "1"): fast, (9, "nowhere"): slow})
    cheap = next(at for at, row in enumerate(index.rows) if row.panel_id == 1)
    rupees = next(at for at, row in enumerate(index.rows) if row.panel_id == 3)
    assert index.rows[cheap].completion == fast

    assert index.set_completions({(1, "1"): fast, (3, "9"): slow}) == [rupees]
    assert index.rows[rupees].completion == slow
    assert index.set_completions({(3, "9"): slow}) == [cheap]  # its orders are gone
    assert index.rows[cheap].completion is None
    assert index.set_completions({(3, "9"): slow}) == []


def test_search_matches_every_word_in_any_order_across_panels() -> None:
    index = PriceIndex(CATALOGUES, "USD", {})
    assert len(index.search("brazil followers")) == 4
    assert [index.rows[at].panel_name for at in index.search("brazil refill 30")] == ["Cheap USD"]
    assert [index.rows[at].panel_name for at in index.search("rupees")] == ["Rupees"]
    assert len(index.search("")) == 4  # deleting widens again


def test_rates_typed_in_settings() -> None:
    assert parse_rates("EUR=1.08; inr = 0.012\nGBP=x, TRY=-1,RUB=0.011") == {
        "EUR": Decimal("1.08"),
        "INR": Decimal("0.012"),
        "RUB": Decimal("0.011"),
    }
    # A decimal comma, as es, pt_BR, tr and id write it.
    assert parse_rates("EUR=1,08, INR=0,012") == {"EUR": Decimal("1.08"), "INR": Decimal("0.012")}


@given(st.lists(st.sampled_from(["brazil", "bra", "followers", "fol", "1k", "x", ""]), max_size=6))
def test_typing_and_deleting_finds_what_a_fresh_search_finds(queries: list[str]) -> None:
    index = PriceIndex(CATALOGUES, "USD", {})
    for query in queries:
        assert index.search(query) == PriceIndex(CATALOGUES, "USD", {}).search(query)


def demo_catalogue(seed: int, count: int) -> list[Service]:
    return [
        Service(str(s.id), s.name, s.type, s.category, s.rate, s.min, s.max)
        for s in generate_catalogue(count, seed)
    ]


BIG = [
    PanelCatalogue(1, "Alpha Panel", "USD", demo_catalogue(1, 300)),
    PanelCatalogue(2, "Beta Panel", "EUR", demo_catalogue(2, 300)),
    PanelCatalogue(3, "Gamma", "", demo_catalogue(3, 300)),
]


@given(
    st.lists(
        st.sampled_from(["insta", "alpha", "followers", "refill 30d", "12", "1", "ü", "gam"]),
        max_size=3,
    )
)
def test_search_finds_what_reading_every_service_finds(words: list[str]) -> None:
    """900 services in price order, far from their panels' order: a search finds in each
    service's name, category and ID and its panel's name, as reading them all does."""
    index = PriceIndex(BIG, "USD", {"EUR": Decimal("1.1")})
    texts = [
        fold(f"{row.service.name}\n{row.service.category}\n{row.service.id}\n{row.panel_name}")
        for row in index.rows
    ]
    query = " ".join(words)
    assert index.search(query) == find_all(texts, query_words(query))
