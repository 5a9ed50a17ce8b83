"""What the Services table shows for favourites: the star cell of every row, and the rows
of favourites the panel no longer lists (greyed, "no longer listed", never dropped).

The words are translated once, into a `StarWords` the model keeps: a star cell is painted
for every visible row, and a translation look-up per paint would cost the repaint."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from smmdesk.store import Favourite
from smmdesk.ui.catalogue.columns import ALIGNMENTS, Column
from smmdesk.ui.common.format import format_time
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, Tones

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
STAR = "★"
NO_STAR = "☆"
FAVOURITE_SHORTCUT = "Ctrl+D"
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole


@dataclass(frozen=True, slots=True)
class StarWords:
    """The star cells' texts in the user's language, indexed by starred (0 or 1)."""

    tips: tuple[str, str]
    names: tuple[str, str]
    gone_name: str  # "No longer listed · {name}"

    @classmethod
    def now(cls) -> StarWords:
        """Translated with the translations installed now."""
        shortcut = FAVOURITE_SHORTCUT
        return cls(
            tips=(
                translate("Favourites", "Add to favourites ({shortcut})").format(shortcut=shortcut),
                translate("Favourites", "Remove from favourites ({shortcut})").format(
                    shortcut=shortcut
                ),
            ),
            names=(
                translate("Favourites", "Not a favourite"),
                translate("Favourites", "Favourite"),
            ),
            gone_name=translate("Favourites", "No longer listed · {name}"),
        )


@cache
def _colour(tones: Tones, tone: Tone) -> QColor:
    """Made once: a star cell is painted for every visible row."""
    return tones.text(tone)


def star_value(starred: bool, role: int, tones: Tones, words: StarWords) -> Any:
    """The star cell: a filled star for a favourite, an empty one to click for the rest."""
    if role == _DISPLAY:
        return STAR if starred else NO_STAR
    if role == _FOREGROUND:
        return _colour(tones, Tone.WARN if starred else Tone.MUTED)
    if role == _TOOLTIP:
        return words.tips[starred]
    if role == _ACCESSIBLE:
        return words.names[starred]
    if role == _ALIGNMENT:
        return ALIGNMENTS[Column.FAVOURITE]
    return None


def gone_value(favourite: Favourite, column: int, role: int, tones: Tones, words: StarWords) -> Any:
    """A favourite the panel no longer lists: its ID, category and name as starred,
    greyed, with what happened in words (never by colour alone)."""
    if column == Column.FAVOURITE and role in (_DISPLAY, _ACCESSIBLE, _ALIGNMENT):
        return star_value(True, role, tones, words)
    if role == _DISPLAY:
        return gone_text(favourite, column, words)
    if role == _FOREGROUND:
        return _colour(tones, Tone.MUTED)
    if role == _TOOLTIP:
        return plain_tooltip(f"{favourite.name}\n\n{gone_tooltip(favourite)}")
    if role == _ALIGNMENT:
        return ALIGNMENTS[column]
    return None


def gone_text(favourite: Favourite, column: int, words: StarWords) -> str:
    if column == Column.ID:
        return favourite.service_id
    if column == Column.CATEGORY:
        return favourite.category
    if column == Column.NAME:  # first, as "New · " is: a long name would hide it
        return words.gone_name.format(name=favourite.name)
    return ""


def gone_tooltip(favourite: Favourite) -> str:
    return translate(
        "Favourites",
        "The panel no longer lists this service (starred {time})."
        " Remove its star to take it off your favourites.",
    ).format(time=format_time(favourite.starred_at))


def favourite_action_text(starred: bool) -> str:
    """The action that stars the selected service, as the context menu says it."""
    if starred:
        return translate("Favourites", "Remove from favourites")
    return translate("Favourites", "Add to favourites")


def favourite_button_text(starred: bool) -> str:
    """The details' button: the star it gives or takes, and what it does."""
    if starred:
        return translate("Favourites", "{star} Remove from favourites").format(star=STAR)
    return translate("Favourites", "{star} Add to favourites").format(star=NO_STAR)


def no_favourites_note() -> str:
    """What the table says among favourites when there are none."""
    return translate(
        "Favourites",
        "No favourites yet. Star a service in the {star} column, or select it and press"
        " {shortcut}.",
    ).format(star=STAR, shortcut=FAVOURITE_SHORTCUT)
