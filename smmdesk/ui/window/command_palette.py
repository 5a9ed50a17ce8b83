"""`CommandPalette` (Ctrl+K): run any of the window's actions by typing part of its name.

It lists the actions it is given that are enabled and have a name, matches every typed
word in any order (accents and case aside, `smmdesk.search`), and runs the chosen one
with Enter or a double click. Arrow keys move in the list while typing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit, QListView, QVBoxLayout, QWidget

from smmdesk.search import find_all, fold, query_words

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
Index = QModelIndex | QPersistentModelIndex
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}


def action_name(action: QAction) -> str:
    """The action's text as a user reads it: no mnemonic ampersand, no trailing dots."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


class ActionListModel(QAbstractListModel):
    """The actions matching the query, in the order given; each shows its shortcut."""

    def __init__(self, actions: Sequence[QAction], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions = [a for a in actions if a.isEnabled() and action_name(a)]
        self._haystacks = [fold(action_name(action)) for action in self._actions]
        self.shown: list[int] = list(range(len(self._actions)))

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self.shown = find_all(self._haystacks, query_words(query))
        self.endResetModel()

    def action(self, row: int) -> QAction:
        return self._actions[self.shown[row]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self.action(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            return f"{action_name(action)}    {keys}" if keys else action_name(action)
        if role == Qt.ItemDataRole.ToolTipRole:
            return action.toolTip()
        return None


class CommandPalette(QDialog):
    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandPalette")
        self.setWindowTitle(translate("CommandPalette", "Run a command"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.model = ActionListModel(actions, self)
        self.query = QLineEdit(self)
        self.query.setObjectName("commandQuery")
        self.query.setPlaceholderText(
            translate("CommandPalette", "Type a command: refresh, new order, settings…")
        )
        self.query.setAccessibleName(translate("CommandPalette", "Command"))
        self.list = QListView(self)
        self.list.setObjectName("commandList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName(translate("CommandPalette", "Matching commands"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.list)
        self.resize(480, 360)
        self.query.textChanged.connect(self.on_query_textChanged)
        self.query.returnPressed.connect(self.run_current)
        self.list.activated.connect(self.on_list_activated)
        self.query.installEventFilter(self)
        self._select(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows in the query line move the list's selection."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = _MOVES.get(Qt.Key(event.key()))
            if step is not None:
                self._select(self.list.currentIndex().row() + step)
                return True
        return super().eventFilter(watched, event)

    def _select(self, row: int) -> None:
        count = self.model.rowCount()
        if count:
            self.list.setCurrentIndex(self.model.index(max(0, min(row, count - 1))))

    @Slot(str)
    def on_query_textChanged(self, text: str) -> None:
        self.model.set_query(text)
        self._select(0)

    @Slot()
    def run_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self._run(self.model.action(index.row()))

    @Slot(QModelIndex)
    def on_list_activated(self, index: QModelIndex) -> None:
        self._run(self.model.action(index.row()))

    def _run(self, action: QAction) -> None:
        self.accept()
        action.trigger()
