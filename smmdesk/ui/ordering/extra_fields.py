"""The order form's "Extra fields" editor: free name/value pairs sent with `add`.

Panels with an unknown service type, or that document extra `add` fields (an idempotency
`request_id`, a `coupon`), need fields the form does not know. `add_arguments` passes any
unknown name through unchanged, so the editor only has to collect the pairs.

`ExtraFieldsEditor` emits `edited()` whenever a name or value changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
AnyIndex = QModelIndex | QPersistentModelIndex
_RESERVED = frozenset({"key", "action", "service"})


class ExtraColumn(IntEnum):
    NAME = 0
    VALUE = 1


_HEADERS = {
    ExtraColumn.NAME: QT_TRANSLATE_NOOP("ExtraFields", "Field name"),
    ExtraColumn.VALUE: QT_TRANSLATE_NOOP("ExtraFields", "Value"),
}


@dataclass
class _Pair:
    name: str = ""
    value: str = ""


class ExtraFieldsModel(QAbstractTableModel):
    """Editable name/value rows; rows with an empty name are ignored when sending."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pairs: list[_Pair] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pairs)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ExtraColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return None
        pair = self._pairs[index.row()]
        return pair.name if index.column() == ExtraColumn.NAME else pair.value

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        pair = self._pairs[index.row()]
        text = str(value if value is not None else "")
        if index.column() == ExtraColumn.NAME:
            pair.name = text.strip()
        else:
            pair.value = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            title = _HEADERS.get(ExtraColumn(section)) if section < len(ExtraColumn) else None
            return translate("ExtraFields", str(title)) if title else None
        return None

    def add_row(self, name: str = "", value: str = "") -> QModelIndex:
        row = len(self._pairs)
        self.beginInsertRows(QModelIndex(), row, row)
        self._pairs.append(_Pair(name, value))
        self.endInsertRows()
        return self.index(row, ExtraColumn.NAME)

    def remove_rows(self, rows: list[int]) -> None:
        """Remove rows from the bottom up so the remaining row numbers stay valid."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._pairs):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pairs[row]
                self.endRemoveRows()

    def set_values(self, values: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._pairs = [_Pair(name, value) for name, value in values.items()]
        self.endResetModel()

    def values(self) -> dict[str, str]:
        """Named pairs in row order; a later duplicate name wins, as it would on the wire."""
        return {pair.name: pair.value for pair in self._pairs if pair.name}

    def problem(self, known_fields: frozenset[str]) -> str | None:
        """Why these pairs cannot be sent, or None."""
        names = [pair.name for pair in self._pairs if pair.name]
        clashing = sorted((set(names) & known_fields) | (set(names) & _RESERVED))
        if clashing:
            return translate("ExtraFields", "Already a form field: {names}").format(
                names=", ".join(clashing)  # the names as sent
            )
        if len(names) != len(set(names)):
            return translate("ExtraFields", "Each extra field name may appear once")
        return None


class ExtraFieldsEditor(QGroupBox):
    """A checkable group: unchecked it sends nothing and takes little room.

    Emits `edited()` when a pair changes or the group is switched on or off."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ExtraFields", "E&xtra fields"), parent)
        self.setObjectName("extraFieldsEditor")
        self.setCheckable(True)
        self.setChecked(False)
        self.setFlat(True)
        self.model = ExtraFieldsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("extraFieldsView")
        self.view.setAccessibleName(translate("ExtraFields", "Extra fields"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.setMaximumHeight(120)
        self.view_label = QLabel(
            translate("ExtraFields", "Fields the panel takes &beyond the form, sent as typed:"),
            self,
        )
        self.view_label.setObjectName("extraFieldsLabel")
        self.view_label.setWordWrap(True)
        self.view_label.setBuddy(self.view)
        self.add_button = QPushButton(translate("ExtraFields", "Add field"), self)
        self.add_button.setObjectName("addExtraFieldButton")
        self.add_button.setAutoDefault(True)  # Enter on it adds, as Space does
        self.remove_button = QPushButton(translate("ExtraFields", "Remove"), self)
        self.remove_button.setObjectName("removeExtraFieldButton")
        self.remove_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view_label)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        self.model.dataChanged.connect(self.on_model_dataChanged)
        self.model.rowsRemoved.connect(self.on_model_rowsRemoved)
        self.toggled.connect(self.on_self_toggled)
        self.on_self_toggled(False)

    def values(self) -> dict[str, str]:
        return self.model.values() if self.isChecked() else {}

    def set_values(self, values: Mapping[str, str]) -> None:
        self.model.set_values(values)
        self.setChecked(bool(values))

    @Slot()
    def on_add_button_clicked(self) -> None:
        index = self.model.add_row()
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    @Slot()
    def on_remove_button_clicked(self) -> None:
        rows = [index.row() for index in self.view.selectionModel().selectedRows()]
        self.model.remove_rows(rows)

    @Slot()
    def on_model_dataChanged(self) -> None:
        self.edited.emit()

    @Slot()
    def on_model_rowsRemoved(self) -> None:
        self.edited.emit()

    @Slot(bool)
    def on_self_toggled(self, checked: bool) -> None:
        """Hide the table while unchecked (a checkable group only disables it)."""
        for widget in (self.view_label, self.view, self.add_button, self.remove_button):
            widget.setVisible(checked)
        self.edited.emit()
