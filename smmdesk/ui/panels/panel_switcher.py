"""The toolbar's panel switcher and the small list model of panels it shares with the
panels dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from smmdesk.store import Panel
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.text import plain_tooltip

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
Index = QModelIndex | QPersistentModelIndex
PANEL_ID_ROLE = Qt.ItemDataRole.UserRole
PANEL_ROLE = Qt.ItemDataRole.UserRole + 1


class PanelListModel(QAbstractListModel):
    """Panels in creation order, the demo panel included. Replaced in bulk by `reload`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panels: list[Panel] = []

    def reload(self, panels: list[Panel]) -> None:
        self.beginResetModel()
        self._panels = list(panels)
        self.endResetModel()

    def row_of(self, panel_id: int) -> int:
        return next((row for row, p in enumerate(self._panels) if p.id == panel_id), -1)

    def panel(self, row: int) -> Panel | None:
        return self._panels[row] if 0 <= row < len(self._panels) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._panels)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        panel = self._panels[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return panel.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                translate("PanelListModel", "Built-in demo panel: no key needed")
                if panel.is_demo
                else panel.url
            )
        if role == PANEL_ID_ROLE:
            return panel.id
        if role == PANEL_ROLE:
            return panel
        return None


class PanelSwitcher(QComboBox):
    """Chooses the active panel. Follows `context.panel_changed` and `panels_edited`."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelSwitcher")
        self.setToolTip(translate("PanelSwitcher", "Active panel"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._context = context
        self.panels = PanelListModel(self)
        self.setModel(self.panels)
        self.activated.connect(self.on_self_activated)
        context.panel_changed.connect(self.on_context_panel_changed)
        context.panels_edited.connect(self.on_context_panels_edited)
        self.on_context_panels_edited()

    @Slot(int)
    def on_self_activated(self, row: int) -> None:
        panel = self.panels.panel(row)
        if panel is not None:
            self._context.set_active_panel(panel.id)

    @Slot(int)
    def on_context_panel_changed(self, panel_id: int) -> None:
        self.setCurrentIndex(self.panels.row_of(panel_id))

    @Slot()
    def on_context_panels_edited(self) -> None:
        self.panels.reload(self._context.panels)
        self.setCurrentIndex(self.panels.row_of(self._context.panel_id))
