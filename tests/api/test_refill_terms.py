from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmdesk.api import Service
from smmdesk.api.refill_terms import (
    LIFETIME,
    NO_REFILL,
    UNKNOWN,
    RefillTerms,
    read_refill_terms,
    refill_terms,
)

# Service names and descriptions as panels write them.
CASES = [
    ("Instagram Followers | Max 100K | 30 Days Refill ♻️", RefillTerms(30)),
    ("Instagram Likes [R30]", RefillTerms(30)),
    ("TikTok Views - R60", RefillTerms(60)),
    ("YouTube Subscribers [Refill 60D]", RefillTerms(60)),
    ("Facebook Page Likes | Refill: 90 Days", RefillTerms(90)),
    ("Instagram Followers ♻️ 30D Refill", RefillTerms(30)),
    ("Twitter Followers | 7 Days Auto Refill", RefillTerms(7)),
    ("Instagram Followers | Auto-Refill 45 days", RefillTerms(45)),
    ("Spotify Plays | 1 Year Refill", RefillTerms(365)),
    ("Telegram Members | Refill 2 Months", RefillTerms(60)),
    ("Instagram Followers | 30 Days Guarantee", RefillTerms(30)),
    ("Instagram Followers | Guarantee: 1 month", RefillTerms(30)),
    ("Seguidores Instagram | Garantia 30 dias", RefillTerms(30)),
    ("Seguidores Brasileiros | Reposição 60 dias", RefillTerms(60)),
    ("Seguidores | Sem reposição", NO_REFILL),
    ("Seguidores Latinos | Reposición 2 meses", RefillTerms(60)),
    ("Seguidores | Sin garantía", NO_REFILL),
    ("Instagram Followers | Lifetime Refill ♻️", LIFETIME),
    ("Instagram Followers [LifeTime Guaranteed]", LIFETIME),
    ("YouTube Views | Refill: Lifetime", LIFETIME),
    ("Instagram Followers | R∞", LIFETIME),
    ("Instagram Likes | No Refill", NO_REFILL),
    ("Instagram Likes | Non Drop - No Refill", NO_REFILL),
    ("TikTok Likes [NR]", NO_REFILL),
    ("Instagram Views | Refill: No", NO_REFILL),
    ("Instagram Followers | 0 Days Refill", NO_REFILL),
    ("Instagram Followers | Max 10K | Day 5K", UNKNOWN),
    ("Instagram Followers | Real 30K", UNKNOWN),  # a quantity, not a guarantee
    ("Instagram Reels Views | R2 Server", RefillTerms(2)),
    ("Followers 100K/day [Refill 30D] 🔥", RefillTerms(30)),
    ("", UNKNOWN),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_guarantees_are_read_as_panels_write_them(text: str, expected: RefillTerms) -> None:
    assert read_refill_terms(text) == expected


def service(name: str, category: str = "", description: str = "") -> Service:
    return Service(
        "1", name, "Default", category, Decimal(1), 10, 1000, False, False, False, description
    )


def test_the_name_decides_before_the_category_and_the_description() -> None:
    stated = service("Likes | No Refill", "Likes [Refill 30D]", "Refill: 30 days")
    assert refill_terms(stated) == NO_REFILL


def test_the_category_or_description_speaks_when_the_name_is_silent() -> None:
    assert refill_terms(service("Likes", "Likes [Refill 30D]")) == RefillTerms(30)
    assert refill_terms(
        service("Likes", "Likes", "Start: instant\nRefill: 60 days")
    ) == RefillTerms(60)
    assert refill_terms(service("Likes", "Likes", "Start: instant")) == UNKNOWN


def test_none_and_lifetime_read_as_such() -> None:
    assert NO_REFILL.none and NO_REFILL.known and not NO_REFILL.lifetime
    assert LIFETIME.lifetime and not LIFETIME.none
    assert not UNKNOWN.known


@given(st.text(max_size=300))
def test_any_text_gives_terms_within_bounds(text: str) -> None:
    terms = read_refill_terms(text)
    assert terms.days is None or 0 <= terms.days <= 3650
