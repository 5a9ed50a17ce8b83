"""The Services table's columns: titles, alignment and how each sorts."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from smmdesk.api import Service


class Column(IntEnum):
    """Logical columns. The star is the last one, so the columns before it keep their
    numbers (and a header layout saved by an older SMMDesk its meaning); the table shows
    it first."""

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

    @property
    def title(self) -> str:
        return _TITLES[self]


_TITLES = {
    Column.ID: "ID",
    Column.CATEGORY: "Category",
    Column.NAME: "Name",
    Column.TYPE: "Type",
    Column.RATE: "Rate / 1000",
    Column.MIN: "Min",
    Column.MAX: "Max",
    Column.REFILL: "Refill",
    Column.CANCEL: "Cancel",
    Column.DRIPFEED: "Drip-feed",
    Column.FAVOURITE: "★",
}
HEADER_TOOLTIPS = {Column.FAVOURITE: "Favourites: click a star, or press Ctrl+D"}
HEADER_NAMES = {Column.FAVOURITE: "Favourite"}  # what a screen reader says for a symbol
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
