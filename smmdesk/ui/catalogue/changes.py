"""How a service differs from the previous fetch of the catalogue: new, or re-priced (and
from what), with the highlight each gets in the Services table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from smmdesk.store import CatalogueDiff
from smmdesk.ui.common.format import format_money

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class Change(StrEnum):
    NEW = "New"
    PRICE_UP = "Price ↑"
    PRICE_DOWN = "Price ↓"


# Marked for lupdate; `change_word` says them in the user's language.
_WORDS = {
    Change.NEW: QT_TRANSLATE_NOOP("Services", "New"),
    Change.PRICE_UP: QT_TRANSLATE_NOOP("Services", "Price ↑"),
    Change.PRICE_DOWN: QT_TRANSLATE_NOOP("Services", "Price ↓"),
}
ARROWS = {Change.PRICE_UP: "↑", Change.PRICE_DOWN: "↓"}  # beside a re-priced rate


# Translucent so that the highlight reads on light and dark palettes alike.
CHANGE_COLOURS = {
    Change.NEW: QColor(46, 160, 67, 60),
    Change.PRICE_UP: QColor(218, 54, 51, 60),
    Change.PRICE_DOWN: QColor(31, 111, 235, 60),
}


@dataclass(frozen=True, slots=True)
class ChangeInfo:
    change: Change
    old_rate: Decimal | None = None

    def tooltip(self, new_rate: Decimal, currency: str) -> str:
        if self.change is Change.NEW or self.old_rate is None:
            return translate("Services", "New since the previous fetch of the catalogue")
        return translate("Services", "was {old}, now {new}").format(
            old=format_money(self.old_rate, currency), new=format_money(new_rate, currency)
        )


def change_word(change: Change) -> str:
    """`New`, `Price ↑` or `Price ↓` in the user's language."""
    return translate("Services", str(_WORDS[change]))


def changes_from(diff: CatalogueDiff | None) -> dict[str, ChangeInfo]:
    """What to highlight: nothing on a first fetch, else new and re-priced services."""
    if diff is None or diff.is_first_fetch:
        return {}
    changes = {sid: ChangeInfo(Change.NEW) for sid in diff.added}
    for sid, (old, new) in diff.repriced.items():
        changes[sid] = ChangeInfo(Change.PRICE_UP if new > old else Change.PRICE_DOWN, old)
    return changes
