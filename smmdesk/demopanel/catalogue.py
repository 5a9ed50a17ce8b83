"""A generated, deterministic services catalogue that looks like a real panel's.

Real catalogues are large, messy and inconsistent: emoji and flags in names, numbers sent
as strings by some panels and as integers by others, booleans as ``1``/``0``, optional keys
left out. The generator reproduces that mess on purpose (deterministically, from the seed)
so that the client's dialect tolerance is exercised by every test and by Demo mode.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

DEFAULT = "Default"
PACKAGE = "Package"
SUBSCRIPTIONS = "Subscriptions"

#: Every service type of API v2 with its share of a generated catalogue (weights).
TYPE_WEIGHTS: dict[str, int] = {
    DEFAULT: 60,
    PACKAGE: 6,
    "Custom Comments": 5,
    "Custom Comments Package": 2,
    "Mentions": 2,
    "Mentions with Hashtags": 1,
    "Mentions Custom List": 1,
    "Mentions Hashtag": 1,
    "Mentions User Followers": 1,
    "Mentions Media Likers": 1,
    "Poll": 2,
    "SEO": 2,
    "Comment Likes": 3,
    "Comment Replies": 2,
    "Invites from Groups": 2,
    SUBSCRIPTIONS: 4,
}
ALL_TYPES: tuple[str, ...] = tuple(TYPE_WEIGHTS)

#: Platform → the products a panel sells there with the Default (or Package) type.
DEFAULT_PRODUCTS: dict[str, tuple[str, ...]] = {
    "Instagram": ("Followers", "Likes", "Views", "Reels Views", "Story Views", "Saves"),
    "TikTok": ("Followers", "Likes", "Views", "Shares", "Live Stream Views"),
    "YouTube": ("Subscribers", "Views", "Likes", "Watch Time Hours", "Shorts Views"),
    "Telegram": ("Channel Members", "Post Views", "Reactions"),
    "Facebook": ("Page Likes", "Followers", "Post Likes", "Video Views"),
    "Twitter/X": ("Followers", "Likes", "Retweets", "Impressions"),
    "Spotify": ("Plays", "Followers", "Monthly Listeners"),
    "Twitch": ("Followers", "Live Viewers", "Channel Views"),
    "Discord": ("Server Members", "Online Members"),
    "Website Traffic": ("Visitors Worldwide", "Visitors from USA 🇺🇸", "Mobile Traffic"),
}

#: Non-default types → the (platform, product) pairs that carry them.
TYPED_PRODUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Custom Comments": (
        ("Instagram", "Custom Comments"),
        ("TikTok", "Custom Comments"),
        ("YouTube", "Custom Comments"),
        ("Facebook", "Custom Comments"),
    ),
    "Custom Comments Package": (("Instagram", "Custom Comments Package"),),
    "Mentions": (("Instagram", "Mentions"),),
    "Mentions with Hashtags": (("Instagram", "Mentions + Hashtags"),),
    "Mentions Custom List": (("Instagram", "Mentions [Custom List]"),),
    "Mentions Hashtag": (("Instagram", "Mentions [Hashtag]"),),
    "Mentions User Followers": (("Instagram", "Mentions [User Followers]"),),
    "Mentions Media Likers": (("Instagram", "Mentions [Media Likers]"),),
    "Poll": (("Telegram", "Poll Votes"), ("Twitter/X", "Poll Votes"), ("Instagram", "Poll")),
    "SEO": (("Website Traffic", "SEO Traffic | Keywords"),),
    "Comment Likes": (("Instagram", "Comment Likes"), ("YouTube", "Comment Likes")),
    "Comment Replies": (("YouTube", "Comment Replies"), ("Instagram", "Comment Replies")),
    "Invites from Groups": (("Telegram", "Members from Groups"), ("Discord", "Group Invites")),
    SUBSCRIPTIONS: (("Instagram", "Auto Likes"), ("TikTok", "Auto Views")),
}

QUALITIES = (
    "Real Mixed",
    "HQ",
    "Real Active 🇺🇸",
    "Bots",
    "Non Drop",
    "Arab 🇸🇦",
    "Brazil 🇧🇷",
    "Instant ⚡",
    "Low Drop",
    "Premium ⭐",
    "Cheapest",
    "Türkiye 🇹🇷",
)
REFILL_DAYS = (0, 0, 30, 30, 60, 365)
MINIMUMS = (10, 20, 50, 100, 100, 500, 1000)
MAXIMUMS = (5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 10_000_000)
LIST_MINIMUMS = (1, 5, 10)
LIST_MAXIMUMS = (100, 500, 1_000)
#: Types whose quantity is the number of lines in a list field (comments, usernames).
LIST_TYPES = frozenset(
    {"Custom Comments", "Mentions Custom List", "Comment Replies", "Custom Comments Package"}
)
PRICED_PER_ORDER = frozenset({PACKAGE, "Custom Comments Package"})


@dataclass(frozen=True, slots=True)
class Service:
    """One catalogue entry as the panel itself understands it (typed, clean values)."""

    id: int
    name: str
    type: str
    category: str
    rate: Decimal
    min: int
    max: int
    refill: bool
    cancel: bool
    dripfeed: bool
    desc: str | None

    def to_wire(self) -> dict[str, Any]:
        """Render the service the way a real panel would, dialect quirks included.

        Every third service sends min/max as strings; every seventh sends booleans as
        ``1``/``0``; every eleventh omits ``dripfeed`` when it is false (missing = false).
        """
        wire: dict[str, Any] = {
            "service": self.id,
            "name": self.name,
            "type": self.type,
            "category": self.category,
            "rate": _format_rate(self.rate, self.id),
        }
        as_strings = self.id % 3 == 0
        wire["min"] = str(self.min) if as_strings else self.min
        wire["max"] = str(self.max) if as_strings else self.max
        as_ints = self.id % 7 == 0
        for key, flag in (("refill", self.refill), ("cancel", self.cancel)):
            wire[key] = int(flag) if as_ints else flag
        if self.dripfeed or self.id % 11 != 0:
            wire["dripfeed"] = int(self.dripfeed) if as_ints else self.dripfeed
        if self.desc is not None:
            wire["desc"] = self.desc
        return wire


def _format_rate(rate: Decimal, service_id: int) -> str:
    """Rates travel as strings with up to 5 decimals, padded or not depending on panel."""
    style = service_id % 3
    if style == 0:
        return f"{rate:.5f}"
    if style == 1:
        return f"{rate.normalize():f}"
    return f"{rate:.2f}" if rate == rate.quantize(Decimal("0.01")) else f"{rate:f}"


def generate_catalogue(count: int, seed: int) -> list[Service]:
    """Build ``count`` services with IDs 1..count, identical for identical seeds.

    When the catalogue is at least as long as the list of types, every type is placed at
    evenly spread positions so that small demo catalogues still cover the whole protocol.
    """
    rng = random.Random(seed)
    forced = _forced_type_positions(count)
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    services = []
    for service_id in range(1, count + 1):
        service_type = forced.get(service_id) or rng.choices(types, weights)[0]
        services.append(_make_service(rng, service_id, service_type))
    return services


def _forced_type_positions(count: int) -> dict[int, str]:
    if count < len(ALL_TYPES):
        return {}
    step = count // len(ALL_TYPES)
    return {1 + index * step: service_type for index, service_type in enumerate(ALL_TYPES)}


def _make_service(rng: random.Random, service_id: int, service_type: str) -> Service:
    platform, product = _pick_product(rng, service_type)
    minimum, maximum = _pick_limits(rng, service_type)
    refill_days = rng.choice(REFILL_DAYS) if service_type != SUBSCRIPTIONS else 0
    quality = rng.choice(QUALITIES)
    refill_text = f"{refill_days} Days Refill ♻️" if refill_days else "No Refill"
    if refill_days == 365:
        refill_text = "Lifetime Refill ♻️"
    name = (
        f"{platform} {product} | {quality} | Max {_human(maximum)} "
        f"| Day {_human(rng.choice(MAXIMUMS[:4]))} | {refill_text}"
    )
    if service_type in PRICED_PER_ORDER:
        name = f"{platform} {product} | {_human(rng.choice(LIST_MAXIMUMS))} per package"
    refill_label = f"Refill {refill_days}D" if refill_days else "No Refill"
    category = f"{platform} {product} [{refill_label}]"
    return Service(
        id=service_id,
        name=name,
        type=service_type,
        category=category,
        rate=_pick_rate(rng, service_type),
        min=minimum,
        max=maximum,
        refill=refill_days > 0,
        cancel=rng.random() < 0.4,
        dripfeed=service_type == DEFAULT and rng.random() < 0.3,
        desc=_describe(rng, platform, refill_days) if rng.random() < 0.6 else None,
    )


def _pick_product(rng: random.Random, service_type: str) -> tuple[str, str]:
    if service_type in TYPED_PRODUCTS:
        return rng.choice(TYPED_PRODUCTS[service_type])
    platform = rng.choice(tuple(DEFAULT_PRODUCTS))
    product = rng.choice(DEFAULT_PRODUCTS[platform])
    return platform, product + " Package" if service_type == PACKAGE else product


def _pick_limits(rng: random.Random, service_type: str) -> tuple[int, int]:
    if service_type in PRICED_PER_ORDER:
        return 1, 1
    if service_type in LIST_TYPES:
        return rng.choice(LIST_MINIMUMS), rng.choice(LIST_MAXIMUMS)
    if service_type == SUBSCRIPTIONS:  # min/max are per post: small numbers
        return rng.choice(MINIMUMS[:4]), rng.choice(MAXIMUMS[:2])
    minimum = rng.choice(MINIMUMS)
    maximum = max(rng.choice(MAXIMUMS), minimum * 10)
    return minimum, maximum


def _pick_rate(rng: random.Random, service_type: str) -> Decimal:
    """A positive price with at most 5 decimals; packages cost whole dollars and cents."""
    if service_type in PRICED_PER_ORDER:
        return Decimal(rng.randint(100, 5_000)) / 100
    scale = rng.choice((100, 1_000, 100_000))
    return Decimal(rng.randint(1, 30 * scale)) / scale


def _human(number: int) -> str:
    if number >= 1_000_000 and number % 1_000_000 == 0:
        return f"{number // 1_000_000}M"
    if number >= 1_000 and number % 1_000 == 0:
        return f"{number // 1_000}K"
    return str(number)


def _describe(rng: random.Random, platform: str, refill_days: int) -> str:
    lines = [
        f"Start: {rng.choice(('0-1 hour', 'Instant', '0-6 hours', '24 hours'))}",
        f"Speed: {_human(rng.choice(MAXIMUMS[:4]))}/day",
        f"Refill: {refill_days} days" if refill_days else "Refill: no refill, no refund on drop",
        f"Link: the public {platform} profile or post link",
        "⚠️ Do not place a second order for the same link until the first one completes.",
    ]
    return "\n".join(lines[: rng.randint(2, len(lines))])
