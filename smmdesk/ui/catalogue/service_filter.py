"""What the Services table lets through: a `ServiceFilter` the pane builds from its search
box and check boxes, and the checks it turns into for the model's bulk filtering."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from smmdesk.api import Service
from smmdesk.search import fold, narrows, query_words
from smmdesk.store import Favourite


@dataclass(frozen=True, slots=True)
class ServiceFilter:
    """What the user asked to see; empty fields filter nothing."""

    text: str = ""
    category: str = ""
    refill: bool = False
    cancel: bool = False
    dripfeed: bool = False
    changes_only: bool = False
    favourites_only: bool = False

    @property
    def is_open(self) -> bool:
        """Whether it lets every service through."""
        return self == ServiceFilter()

    def admits_gone(self, favourite: Favourite, words: tuple[str, ...]) -> bool:
        """Whether a favourite the panel no longer lists is shown: only among favourites,
        and only when no filter asks what such a service allows or how it changed."""
        if not self.favourites_only or self.refill or self.cancel or self.dripfeed:
            return False
        if self.changes_only or self.category not in ("", favourite.category):
            return False
        haystack = fold(f"{favourite.service_id}\n{favourite.category}\n{favourite.name}")
        return all(word in haystack for word in words)


def filter_narrows(before: ServiceFilter, after: ServiceFilter) -> bool:
    """Whether `after` lets through only services `before` let through: the same choices,
    and the user typed on."""
    same_choices = replace(before, text="") == replace(after, text="")
    return same_choices and narrows(query_words(before.text), query_words(after.text))


def service_checks(
    wanted: ServiceFilter, changed: Collection[str], starred: Collection[str]
) -> list[Callable[[Service], bool]]:
    """One test a choice, for the services the words of the search let through."""
    checks: list[Callable[[Service], bool]] = []
    if wanted.category:
        checks.append(lambda s: s.category == wanted.category)
    if wanted.refill:
        checks.append(lambda s: s.refill)
    if wanted.cancel:
        checks.append(lambda s: s.cancel)
    if wanted.dripfeed:
        checks.append(lambda s: s.dripfeed)
    if wanted.changes_only:
        checks.append(lambda s: s.id in changed)
    if wanted.favourites_only:
        checks.append(lambda s: s.id in starred)
    return checks
