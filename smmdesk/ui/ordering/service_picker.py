"""The order form's service picker: an editable combo box that searches as you type.

A catalogue can hold 20,000 services. The entries live in a `QStringListModel` (a C++
model) so the completer's "contains" filter runs without calling into Python for every
row; the row number of an entry is its position in the context's catalogue list.

Signals:
    service_chosen(Service | None)   the user (or `select_service`) picked another service
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QListView, QWidget

from smmdesk.api import Service

_MIN_CONTENTS_LENGTH = 48
_VISIBLE_MATCHES = 15


def entry_text(service: Service) -> str:
    """What the picker shows and searches: ID, name and category."""
    return f"{service.id} · {service.name} · {service.category}"


def _uniform_list() -> QListView:
    view = QListView()
    view.setUniformItemSizes(True)
    return view


class ServicePicker(QComboBox):
    service_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("servicePicker")
        self.setEditable(True)
        self.search_line = line = QLineEdit(self)
        line.setObjectName("serviceSearch")
        line.setPlaceholderText("Search services by ID, name or category…")
        line.setClearButtonEnabled(True)
        self.setLineEdit(line)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Measuring 20,000 entries for a size hint would stall the first show.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(_MIN_CONTENTS_LENGTH)
        self.setMaxVisibleItems(_VISIBLE_MATCHES)
        self._entries = QStringListModel(self)
        self._services: list[Service] = []
        self._rows: dict[str, int] = {}
        self.setModel(self._entries)
        completer = QCompleter(self._entries, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(_VISIBLE_MATCHES)
        # One line per entry: without this the popup measures every match on each
        # keystroke (~200 ms at 20,000 services instead of ~6 ms).
        completer.setPopup(_uniform_list())
        self.setCompleter(completer)
        self.setView(_uniform_list())
        self.currentIndexChanged.connect(self.on_self_currentIndexChanged)
        line.editingFinished.connect(self.on_lineEdit_editingFinished)

    def set_services(self, services: list[Service]) -> None:
        """Replace the catalogue, keeping the chosen service when it still exists."""
        kept = self.current_service()
        self.blockSignals(True)
        self._services = list(services)
        self._rows = {service.id: row for row, service in enumerate(self._services)}
        self._entries.setStringList([entry_text(service) for service in self._services])
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        if kept is not None and kept.id in self._rows:
            self.setCurrentIndex(self._rows[kept.id])
        self.on_self_currentIndexChanged(self.currentIndex())

    def current_service(self) -> Service | None:
        row = self.currentIndex()
        return self._services[row] if 0 <= row < len(self._services) else None

    def select_service(self, service_id: str) -> bool:
        """Choose a service by ID; False when the catalogue does not have it."""
        row = self._rows.get(service_id)
        if row is None:
            return False
        self.setCurrentIndex(row)
        return True

    @Slot(int)
    def on_self_currentIndexChanged(self, _row: int) -> None:
        self.service_chosen.emit(self.current_service())

    @Slot()
    def on_lineEdit_editingFinished(self) -> None:
        """Typed text that picked nothing goes back to the chosen service's entry, so the
        box never shows one service while the form is for another."""
        row = self.currentIndex()
        expected = self.itemText(row) if row >= 0 else ""
        if self.currentText() != expected:
            self.setEditText(expected)
