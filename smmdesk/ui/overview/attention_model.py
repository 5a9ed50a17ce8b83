"""`AttentionModel`: what needs the user, one line per kind and panel, each a link.

Unconfirmed orders first (until resolved, nobody knows whether they run or cost money),
then orders the panels refused since yesterday, then partial orders that can still be
refilled. Each line says how many and on which panel; `LINK_ROLE` gives the Orders tab
and the record IDs it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from smmdesk.store import TABS, Overview, Panel, PanelFigures
from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.roles import fill_roles
from smmdesk.ui.overview.overview_model import LINK_ROLE, PANEL_ROLE

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
_R = Qt.ItemDataRole


class Attention(Enum):
    """A kind of line: the Orders tab it opens, the orders it counts, its words (one
    whole sentence for one order and one for more: word order and plurals differ between
    languages)."""

    UNCONFIRMED = (
        "unconfirmed",
        QT_TRANSLATE_NOOP(
            "Overview", "1 order unconfirmed on {panel}: look on the panel, then resolve or dismiss"
        ),
        QT_TRANSLATE_NOOP(
            "Overview",
            "{count} orders unconfirmed on {panel}: look on the panel, then resolve or dismiss",
        ),
    )
    REFUSED = (
        "rejected",
        QT_TRANSLATE_NOOP("Overview", "1 order refused on {panel} since yesterday"),
        QT_TRANSLATE_NOOP("Overview", "{count} orders refused on {panel} since yesterday"),
    )
    REFILLABLE = (
        "partial",
        QT_TRANSLATE_NOOP("Overview", "1 order partial on {panel}, refill still possible"),
        QT_TRANSLATE_NOOP("Overview", "{count} orders partial on {panel}, refill still possible"),
    )

    @property
    def tab(self) -> str:
        return str(self.value[0])

    def words(self, count: int, panel: str) -> str:
        template = translate("Overview", str(self.value[1] if count == 1 else self.value[2]))
        return template.format(count=format_count(count), panel=panel)


assert {kind.tab for kind in Attention} <= set(TABS)
_COUNTED: dict[Attention, Callable[[PanelFigures], tuple[int, ...]]] = {
    Attention.UNCONFIRMED: lambda f: f.unconfirmed,
    Attention.REFUSED: lambda f: f.refused,
    Attention.REFILLABLE: lambda f: f.refillable_partial,
}


@dataclass(frozen=True, slots=True)
class AttentionLine:
    kind: Attention
    panel_id: int
    panel_name: str
    record_ids: tuple[int, ...]

    @property
    def text(self) -> str:
        return self.kind.words(len(self.record_ids), self.panel_name)


def attention_lines(panels: Sequence[Panel], overview: Overview) -> list[AttentionLine]:
    """Every kind in turn, then the panels in the order given; nothing for a zero."""
    return [
        AttentionLine(kind, panel.id, panel.name, record_ids)
        for kind, counted in _COUNTED.items()
        for panel in panels
        if (record_ids := counted(overview.of(panel.id)))
    ]


class AttentionModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[AttentionLine] = []
        self._link = QColor("#1565c0")

    def set_lines(self, lines: list[AttentionLine]) -> None:
        if lines == self.lines:
            return
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def set_link_colour(self, colour: QColor) -> None:
        self._link = colour
        if self.lines:
            self.dataChanged.emit(self.index(0), self.index(len(self.lines) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: Index, role: int = _R.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(self.lines[index.row()], role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        if index.isValid():
            fill_roles(roleDataSpan, partial(self._value, self.lines[index.row()]))

    def _value(self, line: AttentionLine, role: int) -> Any:
        if role == _R.DisplayRole:
            return line.text
        if role == _R.ToolTipRole:
            return translate("Overview", "Show these orders in the Orders tab")
        if role == _R.ForegroundRole:
            return self._link
        if role == LINK_ROLE:
            return (line.kind.tab, line.record_ids)
        if role == PANEL_ROLE:
            return line.panel_id
        if role == _R.AccessibleDescriptionRole:
            return translate("Overview", "Link: shows these orders in the Orders tab")
        return None
