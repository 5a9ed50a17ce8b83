"""What the Orders table says when a search or a status tab leaves it empty, with one
button out: clear the search, or show every order."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTabBar

from smmdesk.store import TABS
from smmdesk.ui.common.empty_note import EmptyNote
from smmdesk.ui.orders.orders_chrome import tab_label

translate = QCoreApplication.translate


class EmptyResult(QObject):
    """Shows the note over `view` while a search or a tab other than All finds nothing."""

    def __init__(self, view: QAbstractItemView, search: QLineEdit, tabs: QTabBar) -> None:
        super().__init__(view)
        self.note = EmptyNote(view)
        self._search = search
        self._tabs = tabs
        self.note.clear_requested.connect(self.on_note_clear_requested)

    def update(self, total: int, search: str) -> None:
        tab_name = tab_label(str(self._tabs.tabData(self._tabs.currentIndex()) or TABS[0]))
        if total:
            self.note.hide()
        elif search:
            self.note.show_note(
                translate("Orders", "No order in {tab} matches “{search}”.").format(
                    tab=tab_name, search=search
                ),
                translate("Orders", "Clear the search"),
            )
        elif self._tabs.currentIndex() > 0:
            self.note.show_note(
                translate("Orders", "No orders in {tab}.").format(tab=tab_name),
                translate("Orders", "Show all orders"),
            )
        else:
            self.note.hide()

    @Slot()
    def on_note_clear_requested(self) -> None:
        if self._search.text():
            self._search.clear()
        else:
            self._tabs.setCurrentIndex(0)
