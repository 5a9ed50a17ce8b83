"""Typed, frozen results of API v2 calls.

IDs (services, orders, refills) are opaque strings end to end; money is `Decimal`.
Each result keeps the panel's own words (`status_text`, `raw_type`) next to the
normalised value, and unknown fields in `extra`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Any

_EMPTY: MappingProxyType[str, Any] = MappingProxyType({})


def _empty_extras() -> MappingProxyType[str, Any]:
    return _EMPTY


class ServiceType(StrEnum):
    """The service types of API v2; the value is the canonical display name."""

    DEFAULT = "Default"
    PACKAGE = "Package"
    SEO = "SEO"
    CUSTOM_COMMENTS = "Custom Comments"
    CUSTOM_COMMENTS_PACKAGE = "Custom Comments Package"
    MENTIONS = "Mentions"
    MENTIONS_WITH_HASHTAGS = "Mentions with Hashtags"
    MENTIONS_CUSTOM_LIST = "Mentions Custom List"
    MENTIONS_HASHTAG = "Mentions Hashtag"
    MENTIONS_USER_FOLLOWERS = "Mentions User Followers"
    MENTIONS_MEDIA_LIKERS = "Mentions Media Likers"
    COMMENT_LIKES = "Comment Likes"
    COMMENT_REPLIES = "Comment Replies"
    POLL = "Poll"
    INVITES_FROM_GROUPS = "Invites from Groups"
    SUBSCRIPTIONS = "Subscriptions"

    @classmethod
    def parse(cls, word: str) -> ServiceType | None:
        """Match `Custom Comments`, `custom_comments`, `CustomComments`…; None if unknown."""
        return _service_type(word)


def squash(word: str) -> str:
    """Lower-case and drop spaces, underscores and dashes: the key dialects agree on."""
    return re.sub(r"[\s_\-]+", "", word).lower()


@lru_cache(maxsize=512)
def status_key(word: str) -> str:
    """`squash`, after keeping only the last part of an untranslated key such as
    `tasks.status.completed` (some panels send those instead of words). Cached: a
    refresh of thousands of orders meets the same few words."""
    if "." in word:
        word = word.strip(". ").rsplit(".", 1)[-1]
    return squash(word)


_SERVICE_TYPES_BY_KEY = {squash(t.value): t for t in ServiceType}


@lru_cache(maxsize=256)
def _service_type(word: str) -> ServiceType | None:
    """Cached: a catalogue has a handful of type words, and checking a 10,000-line mass
    order asks for a line's type about 13 times (a regex each, uncached)."""
    return _SERVICE_TYPES_BY_KEY.get(squash(word))


class OrderState(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    PARTIAL = "partial"
    CANCELED = "canceled"
    REFUNDED = "refunded"
    FAILED = "failed"
    ACTIVE = "active"
    PAUSED = "paused"
    EXPIRED = "expired"
    UNKNOWN = "unknown"

    @property
    def is_final(self) -> bool:
        return self in _FINAL_ORDER_STATES

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def parse(cls, word: str) -> OrderState:
        """Normalise a panel's status word; an unknown word is UNKNOWN, never PENDING."""
        return _ORDER_STATE_WORDS.get(status_key(word), cls.UNKNOWN)


_FINAL_ORDER_STATES = frozenset(
    {
        OrderState.COMPLETED,
        OrderState.PARTIAL,
        OrderState.CANCELED,
        OrderState.REFUNDED,
        OrderState.FAILED,
        OrderState.EXPIRED,
    }
)

_ORDER_STATE_WORDS = {
    "pending": OrderState.PENDING,
    "awaiting": OrderState.PENDING,
    "creating": OrderState.PENDING,
    "inqueue": OrderState.PENDING,
    "queued": OrderState.PENDING,
    "inprogress": OrderState.IN_PROGRESS,
    "processing": OrderState.IN_PROGRESS,
    "progress": OrderState.IN_PROGRESS,
    "completed": OrderState.COMPLETED,
    "complete": OrderState.COMPLETED,
    "success": OrderState.COMPLETED,
    "partial": OrderState.PARTIAL,
    "partiallycompleted": OrderState.PARTIAL,
    "partiallycomplete": OrderState.PARTIAL,
    "canceled": OrderState.CANCELED,
    "cancelled": OrderState.CANCELED,
    "ordercanceled": OrderState.CANCELED,
    "ordercancelled": OrderState.CANCELED,
    "refunded": OrderState.REFUNDED,
    "fail": OrderState.FAILED,
    "failed": OrderState.FAILED,
    "error": OrderState.FAILED,
    "active": OrderState.ACTIVE,
    "paused": OrderState.PAUSED,
    "expired": OrderState.EXPIRED,
}


class RefillState(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REJECTED = "rejected"
    FAILED = "failed"
    UNKNOWN = "unknown"

    @property
    def is_final(self) -> bool:
        return self in (RefillState.COMPLETED, RefillState.REJECTED, RefillState.FAILED)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def parse(cls, word: str) -> RefillState:
        return _REFILL_STATE_WORDS.get(status_key(word), cls.UNKNOWN)


_REFILL_STATE_WORDS = {
    "pending": RefillState.PENDING,
    "awaiting": RefillState.PENDING,
    "creating": RefillState.PENDING,
    "inprogress": RefillState.IN_PROGRESS,
    "processing": RefillState.IN_PROGRESS,
    "completed": RefillState.COMPLETED,
    "complete": RefillState.COMPLETED,
    "processed": RefillState.COMPLETED,
    "success": RefillState.COMPLETED,
    "rejected": RefillState.REJECTED,
    "error": RefillState.FAILED,
    "fail": RefillState.FAILED,
    "failed": RefillState.FAILED,
}


@dataclass(frozen=True, slots=True)
class Service:
    """One entry of a panel's catalogue. `rate` is the price per 1000 (per package for
    Package services)."""

    id: str
    name: str
    type: str
    category: str
    rate: Decimal
    min: int
    max: int
    refill: bool = False
    cancel: bool = False
    dripfeed: bool = False
    description: str = ""
    extra: MappingProxyType[str, Any] = field(default_factory=_empty_extras, compare=False)

    @property
    def service_type(self) -> ServiceType | None:
        """The known type, or None: an unknown type gets the Default form plus extras."""
        return _service_type(self.type)  # asked a dozen times to check one order


@dataclass(frozen=True, slots=True)
class OrderStatus:
    """What the panel says about one order. `remains` is None when the panel gave a word
    such as "Unknown" (kept in `extra["remains"]`); it may be negative.

    Only what the panel said is filled in: a drip-feed's status often has `runs` and the
    child `orders` but no charge or remains, a subscription's `posts` and `expiry` (the
    panel's own text); the rest stays None, never guessed."""

    order_id: str
    status_text: str
    state: OrderState
    charge: Decimal | None = None
    start_count: int | None = None
    remains: int | None = None
    currency: str | None = None
    posts: int | None = None
    runs: int | None = None
    orders: tuple[str, ...] = ()
    expiry: str | None = None
    extra: MappingProxyType[str, Any] = field(default_factory=_empty_extras, compare=False)

    @property
    def is_final(self) -> bool:
        return self.state.is_final


@dataclass(frozen=True, slots=True)
class RefillStatus:
    refill_id: str
    status_text: str
    state: RefillState

    @property
    def is_final(self) -> bool:
        return self.state.is_final


@dataclass(frozen=True, slots=True)
class Balance:
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PlacedOrder:
    """The answer to `add`: the order's ID and, when the panel says so, the real charge
    (which may differ from SMMDesk's estimate) and its currency."""

    order_id: str
    charge: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class SkippedItem:
    """An entry of a panel's answer that could not be read: which one (position in the
    answer, ID when it had a readable one), which field, and why. Shown, never hidden."""

    index: int
    item_id: str | None
    field: str
    reason: str

    def describe(self) -> str:
        which = f"service {self.item_id}" if self.item_id else f"entry {self.index + 1}"
        return f"{which}: invalid {self.field} ({self.reason})"


class ServiceList(list[Service]):
    """A panel's catalogue: a plain list of the services that could be read, so callers
    that want a list get one, plus `skipped`, the entries that could not (one malformed
    service must not hide the other thousand, nor vanish without a word)."""

    __slots__ = ("skipped",)

    def __init__(
        self, services: Iterable[Service] = (), skipped: Iterable[SkippedItem] = ()
    ) -> None:
        super().__init__(services)
        self.skipped: tuple[SkippedItem, ...] = tuple(skipped)
