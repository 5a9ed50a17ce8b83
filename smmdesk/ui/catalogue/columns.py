"""The Services table's columns: titles, alignment, how each sorts and the order the
table shows them in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from smmdesk.api import Service

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class Column(IntEnum):
    """Logical columns. The star is the last one, so the columns before it keep their
    numbers (and a header layout saved by an older SMMDesk its meaning); the table shows
    them in `SHOWN_ORDER`."""

    ID = 0
    CATEGORY = 1
    NAME = 2
    TYPE = 3
    RATE = 4
    MIN = 5
    MAX = 6
    REFILL = 7
    CANCEL = 8
    DRIPFEED = 9
    FAVOURITE = 10


# The columns a reseller compares services by come first, so that they fit a 1024-pixel
# window beside the details; the category (also the filter's choice) and the type follow.
SHOWN_ORDER = (
    Column.FAVOURITE,
    Column.ID,
    Column.NAME,
    Column.RATE,
    Column.MIN,
    Column.MAX,
    Column.REFILL,
    Column.CANCEL,
    Column.DRIPFEED,
    Column.CATEGORY,
    Column.TYPE,
)
ESSENTIAL = frozenset(SHOWN_ORDER[: SHOWN_ORDER.index(Column.DRIPFEED) + 1])
STAR_TITLE = "★"
# Marked for lupdate; `HeaderWords.now()` says them in the user's language.
_TITLES = {
    Column.ID: QT_TRANSLATE_NOOP("Services", "ID"),
    Column.CATEGORY: QT_TRANSLATE_NOOP("Services", "Category"),
    Column.NAME: QT_TRANSLATE_NOOP("Services", "Name"),
    Column.TYPE: QT_TRANSLATE_NOOP("Services", "Type"),
    Column.RATE: QT_TRANSLATE_NOOP("Services", "Rate / 1000"),
    Column.MIN: QT_TRANSLATE_NOOP("Services", "Min"),
    Column.MAX: QT_TRANSLATE_NOOP("Services", "Max"),
    Column.REFILL: QT_TRANSLATE_NOOP("Services", "Refill"),
    Column.CANCEL: QT_TRANSLATE_NOOP("Services", "Cancel"),
    Column.DRIPFEED: QT_TRANSLATE_NOOP("Services", "Drip-feed"),
}
_TOOLTIPS = {
    Column.ID: QT_TRANSLATE_NOOP("Services", "The panel's ID of the service"),
    Column.TYPE: QT_TRANSLATE_NOOP(
        "Services", "What the order form asks for this service (Default, Package, …)"
    ),
    Column.RATE: QT_TRANSLATE_NOOP(
        "Services", "The panel's price per 1000, or per package for package services"
    ),
    Column.MIN: QT_TRANSLATE_NOOP("Services", "The smallest quantity the panel accepts"),
    Column.MAX: QT_TRANSLATE_NOOP("Services", "The largest quantity the panel accepts"),
    Column.REFILL: QT_TRANSLATE_NOOP("Services", "✓: you can ask the panel for a refill"),
    Column.CANCEL: QT_TRANSLATE_NOOP("Services", "✓: you can ask the panel to cancel the order"),
    Column.DRIPFEED: QT_TRANSLATE_NOOP(
        "Services", "✓: the order can be delivered in runs (drip-feed)"
    ),
    Column.FAVOURITE: QT_TRANSLATE_NOOP("Services", "Favourites: click a star, or press Ctrl+D"),
}
# What a screen reader says for a title that is a symbol or an abbreviation.
_NAMES = {
    Column.RATE: QT_TRANSLATE_NOOP("Services", "Rate per 1000"),
    Column.MIN: QT_TRANSLATE_NOOP("Services", "Minimum quantity"),
    Column.MAX: QT_TRANSLATE_NOOP("Services", "Maximum quantity"),
    Column.FAVOURITE: QT_TRANSLATE_NOOP("Services", "Favourite"),
}


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """Each column's title, tooltip and spoken name in the user's language (by logical
    column), translated once when the model is made."""

    titles: tuple[str, ...]
    tooltips: tuple[str | None, ...]
    names: tuple[str, ...]

    @classmethod
    def now(cls) -> HeaderWords:
        """Translated with the translations installed now."""
        titles = tuple(_said(_TITLES.get(c)) or STAR_TITLE for c in Column)
        tooltips = tuple(_said(_TOOLTIPS.get(c)) for c in Column)
        names = tuple(_said(_NAMES.get(c)) or titles[c] for c in Column)
        return cls(titles, tooltips, names)


def _said(marked: object) -> str | None:
    return None if marked is None else translate("Services", str(marked))


NUMERIC = frozenset({Column.ID, Column.RATE, Column.MIN, Column.MAX})
FLAGS = frozenset({Column.REFILL, Column.CANCEL, Column.DRIPFEED})
CENTRED = FLAGS | {Column.FAVOURITE}
FLAG_ATTRIBUTES = {Column.REFILL: "refill", Column.CANCEL: "cancel", Column.DRIPFEED: "dripfeed"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGNMENTS = tuple(
    Qt.AlignmentFlag.AlignCenter.value if c in CENTRED else _RIGHT.value if c in NUMERIC else None
    for c in Column
)


def _id_key(service_id: str) -> tuple[int, int | str]:
    """IDs are opaque: numeric ones sort as numbers, before any others."""
    return (0, int(service_id)) if service_id.isdigit() else (1, service_id.lower())


# The star column has no key of its own: it sorts by the model's favourites.
SORT_KEYS: dict[Column, Callable[[Service], Any]] = {
    Column.ID: lambda s: _id_key(s.id),
    Column.CATEGORY: lambda s: s.category.casefold(),
    Column.NAME: lambda s: s.name.casefold(),
    Column.TYPE: lambda s: s.type.casefold(),
    Column.RATE: lambda s: s.rate,
    Column.MIN: lambda s: s.min,
    Column.MAX: lambda s: s.max,
    Column.REFILL: lambda s: s.refill,
    Column.CANCEL: lambda s: s.cancel,
    Column.DRIPFEED: lambda s: s.dripfeed,
}
