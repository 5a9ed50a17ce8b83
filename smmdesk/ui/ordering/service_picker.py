"""The order form's service picker: a search line with the matching services listed under
it, favourites first, then recently ordered services, then the rest.

Every typed word must appear, in any order, without regard to case or accents
("instagram followers brasil" finds "Instagram Followers | Brasil"); each match shows its
rate, minimum and maximum. Keys only: type, ↑ ↓ Page Up/Down to move, Enter picks, Escape
closes the list and puts back the chosen service (Down or Alt+Down opens the whole list,
Ctrl+D stars the highlighted service). The line shows the chosen service whenever the
list is closed, so the form is never for one service while the line names another.

Favourites and recents come from the context's `FavouritesBook`; a picker without a
context (a bench, a test) lists the catalogue in the panel's order.

Signals:
    service_chosen(Service | None)   the user (or `select_service`) picked another service
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QKeyCombination,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from smmdesk.api import Service
from smmdesk.ui.catalogue.favourites import FavouritesBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.ordering.picker_model import PickerModel, entry_text
from smmdesk.ui.ordering.picker_popup import PickerPopup

__all__ = ["ServicePicker", "entry_text"]

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

_MIN_CONTENTS_LENGTH = 48  # characters the line is wide enough for
_STAR_KEY = QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_D)
_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}
_PAGES = frozenset({Qt.Key.Key_PageDown, Qt.Key.Key_PageUp})


class ServicePicker(QWidget):
    service_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, context: AppContext | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("servicePicker")
        self._context = context or _context_of(parent)
        self._book = FavouritesBook.of(self._context) if self._context else None
        self._chosen: Service | None = None
        self.search_line = QLineEdit(self)
        self.search_line.setObjectName("serviceSearch")
        self.search_line.setPlaceholderText(
            translate("ServicePicker", "Search services by ID, name or category…")
        )
        self.search_line.setAccessibleName(translate("ServicePicker", "Service"))
        self.search_line.setClearButtonEnabled(True)
        em = self.search_line.fontMetrics().averageCharWidth()
        self.search_line.setMinimumWidth(em * _MIN_CONTENTS_LENGTH)
        self.list_button = QToolButton(self)
        self.list_button.setObjectName("serviceListButton")
        self.list_button.setArrowType(Qt.ArrowType.DownArrow)
        self.list_button.setToolTip(translate("ServicePicker", "All services (Down)"))
        self.list_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search_line, 1)
        layout.addWidget(self.list_button)
        self.setFocusProxy(self.search_line)
        self.model = PickerModel(self)
        self.popup = PickerPopup(self.model, self)
        self._connect()

    def _connect(self) -> None:
        self.search_line.textEdited.connect(self.on_search_line_text_edited)
        self.search_line.installEventFilter(self)
        self.list_button.clicked.connect(self.on_list_button_clicked)
        self.popup.row_clicked.connect(self.on_popup_row_clicked)
        self.popup.clear_requested.connect(self.on_popup_clear_requested)
        if self._book is not None:
            self._book.changed.connect(self.on_book_changed)
        if self._context is not None:
            self._context.balance_changed.connect(self.on_context_balance_changed)
            self.on_context_balance_changed(self._context.panel_id)

    # -- the contract ---------------------------------------------------------------------

    def set_services(self, services: list[Service]) -> None:
        """Replace the catalogue, keeping the chosen service (as the new catalogue lists
        it) when it still exists; says `service_chosen` either way."""
        kept, highlighted = self._chosen, self._highlighted()
        starred, recent = self._groups()
        self.model.set_services(services, starred, recent)
        self._chosen = self.model.find(kept.id) if kept else None
        self._show_chosen()
        if self.popup.isVisible():
            self._show_matches(highlighted)
        self.service_chosen.emit(self._chosen)

    def current_service(self) -> Service | None:
        return self._chosen

    def select_service(self, service_id: str) -> bool:
        """Choose a service by ID; False when the catalogue does not have it."""
        service = self.model.find(service_id)
        if service is None:
            return False
        self._choose(service)
        return True

    # -- choosing -------------------------------------------------------------------------

    def _choose(self, service: Service) -> None:
        self._close_list()
        changed = service != self._chosen
        self._chosen = service
        self._show_chosen()
        if changed:
            self.service_chosen.emit(service)

    def _show_chosen(self) -> None:
        self.search_line.setText(entry_text(self._chosen) if self._chosen else "")
        self.search_line.setCursorPosition(0)

    def _open_list(self, text: str) -> None:
        """The matches of `text`; the whole list (at the chosen service) for none."""
        self.model.search(text)
        self._show_matches(self._chosen if not text.strip() else None)

    def _show_matches(self, current: Service | None) -> None:
        """Show the list, highlighting `current` when it is listed, else the first."""
        self._host_popup()
        self.popup.show_under(self)
        row = self.model.row_of(current.id) if current else None
        self.popup.set_current_row(row or 0)
        _application().installEventFilter(self)

    def _host_popup(self) -> None:
        """The list lies over the picker's window: its parent follows the picker into
        whichever window holds it now, or is a window of its own for a lone picker."""
        host = self.window()
        if host is self and not self.popup.isWindow():
            self.popup.setParent(self, Qt.WindowType.ToolTip)
        elif host is not self and self.popup.parentWidget() is not host:
            self.popup.setParent(host, Qt.WindowType.Widget)

    def _close_list(self) -> None:
        if self.popup.isVisible():
            self.popup.hide()
            _application().removeEventFilter(self)

    def _go_back(self) -> None:
        """Escape: close the list and show the chosen service again."""
        self._close_list()
        self._show_chosen()
        self.search_line.selectAll()

    def _groups(self) -> tuple[frozenset[str], tuple[str, ...]]:
        if self._book is None:
            return frozenset(), ()
        return self._book.starred, self._book.recent_ids

    # -- keys and clicks ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.search_line and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key_pressed(event)
        if watched is self.search_line and kind == QEvent.Type.FocusIn and not self._typed():
            # After the click that gave focus has placed the cursor: typing replaces the
            # chosen service's entry instead of adding to it.
            QTimer.singleShot(0, self.search_line, self.search_line.selectAll)
        elif watched is self.search_line and kind == QEvent.Type.FocusOut:
            assert isinstance(event, QFocusEvent)
            if event.reason() != Qt.FocusReason.PopupFocusReason and (
                self.popup.isVisible() or self._typed()
            ):
                self._go_back()  # not for the line's own context menu
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._close_on_click_outside(event)
        elif kind == QEvent.Type.Resize and watched is self.popup.parentWidget():
            self.popup.show_under(self)  # the window was resized with the list open
        return False

    def _key_pressed(self, event: QKeyEvent) -> bool:
        """Whether the key was the picker's (the line never sees it)."""
        key, open_ = Qt.Key(event.key()), self.popup.isVisible()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        step = _STEPS.get(key, 0) * (self.popup.page_rows() if key in _PAGES else 1)
        if key == Qt.Key.Key_Down and (alt or not open_):
            self._open_list(self.search_line.text() if self._typed() else "")
        elif open_ and step:
            self.popup.set_current_row(self.popup.current_row() + step)
        elif open_ and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_popup_row_clicked(self.popup.current_row())
        elif key == Qt.Key.Key_Escape and (open_ or self._typed()):
            self._go_back()
        elif open_ and event.keyCombination() == _STAR_KEY:
            self._star_current()
        else:
            return False
        return True

    def _close_on_click_outside(self, event: QMouseEvent) -> None:
        """A click anywhere but the list or the line closes the list, as a menu would."""
        point = event.globalPosition().toPoint()
        for widget in (self.popup, self):
            if widget.rect().contains(widget.mapFromGlobal(point)):
                return
        self._go_back()

    def _typed(self) -> bool:
        return self.search_line.text() != self._chosen_text()

    def _chosen_text(self) -> str:
        return entry_text(self._chosen) if self._chosen else ""

    def _highlighted(self) -> Service | None:
        return self.model.service(self.popup.current_row())

    def _star_current(self) -> None:
        service = self._highlighted()
        if service is not None and self._book is not None:
            self._book.toggle(service)

    # -- slots ----------------------------------------------------------------------------

    @Slot(str)
    def on_search_line_text_edited(self, text: str) -> None:
        self._open_list(text)

    @Slot()
    def on_list_button_clicked(self) -> None:
        if self.popup.isVisible():
            self._go_back()
            return
        self.search_line.setFocus(Qt.FocusReason.MouseFocusReason)
        self._open_list("")

    @Slot(int)
    def on_popup_row_clicked(self, row: int) -> None:
        service = self.model.service(row)
        if service is not None:
            self._choose(service)

    @Slot()
    def on_popup_clear_requested(self) -> None:
        self.search_line.clear()
        self.search_line.setFocus(Qt.FocusReason.OtherFocusReason)
        self._open_list("")

    @Slot()
    def on_book_changed(self) -> None:
        highlighted = self._highlighted()
        self.model.set_groups(*self._groups())
        if self.popup.isVisible():
            self._show_matches(highlighted)  # still highlighted where it moved to

    @Slot(int)
    def on_context_balance_changed(self, _panel_id: int) -> None:
        balance = self._context.balance if self._context else None
        if balance is not None:
            self.model.set_currency(balance.currency)


def _application() -> QCoreApplication:
    app = QCoreApplication.instance()
    assert app is not None, "a picker needs the application"
    return app


def _context_of(parent: QWidget | None) -> AppContext | None:
    """The order form's context, when the picker is built by one (it keeps it as
    `context`): where favourites, recents and the currency come from."""
    context = getattr(parent, "context", None)
    return context if isinstance(context, AppContext) else None
