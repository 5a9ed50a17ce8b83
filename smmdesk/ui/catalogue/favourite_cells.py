"""What the Services table shows for favourites: the star cell of every row, and the rows
of favourites the panel no longer lists (greyed, "no longer listed", never dropped)."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from smmdesk.store import Favourite
from smmdesk.ui.catalogue.columns import ALIGNMENTS, Column
from smmdesk.ui.common.format import format_time
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, Tones

STAR = "★"
NO_STAR = "☆"
NO_LONGER_LISTED = "No longer listed"
STAR_TIPS = (
    "Add to favourites (Ctrl+D)",
    "Remove from favourites (Ctrl+D)",
)
STAR_NAMES = ("Not a favourite", "Favourite")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole


@cache
def _colour(tones: Tones, tone: Tone) -> QColor:
    """Made once: a star cell is painted for every visible row."""
    return tones.text(tone)


def star_value(starred: bool, role: int, tones: Tones) -> Any:
    """The star cell: a filled star for a favourite, an empty one to click for the rest."""
    if role == _DISPLAY:
        return STAR if starred else NO_STAR
    if role == _FOREGROUND:
        return _colour(tones, Tone.WARN if starred else Tone.MUTED)
    if role == _TOOLTIP:
        return STAR_TIPS[starred]
    if role == _ACCESSIBLE:
        return STAR_NAMES[starred]
    if role == _ALIGNMENT:
        return ALIGNMENTS[Column.FAVOURITE]
    return None


def gone_value(favourite: Favourite, column: int, role: int, tones: Tones) -> Any:
    """A favourite the panel no longer lists: its ID, category and name as starred,
    greyed, with what happened in words (never by colour alone)."""
    if column == Column.FAVOURITE and role in (_DISPLAY, _ACCESSIBLE, _ALIGNMENT):
        return star_value(True, role, tones)
    if role == _DISPLAY:
        return gone_text(favourite, column)
    if role == _FOREGROUND:
        return _colour(tones, Tone.MUTED)
    if role == _TOOLTIP:
        return plain_tooltip(f"{favourite.name}\n\n{gone_tooltip(favourite)}")
    if role == _ALIGNMENT:
        return ALIGNMENTS[column]
    return None


def gone_text(favourite: Favourite, column: int) -> str:
    if column == Column.ID:
        return favourite.service_id
    if column == Column.CATEGORY:
        return favourite.category
    if column == Column.NAME:  # first, as "New · " is: a long name would hide it
        return f"{NO_LONGER_LISTED} · {favourite.name}"
    return ""


def gone_tooltip(favourite: Favourite) -> str:
    return (
        f"The panel no longer lists this service (starred {format_time(favourite.starred_at)})."
        " Remove its star to take it off your favourites."
    )
