"""Panels…: add, edit and remove panel profiles, and test their connection.

Every save, removal, key and connection test is a `Desk` job: the row goes to the store and
the key to the OS keyring on a worker thread (a keyring may block on D-Bus or a keychain
prompt), never to the store or QSettings. When no keyring can hold the key, the user is
offered to keep it in memory for this session only. Where a panel's key really is (system
keyring, this session only, nowhere) is asked of `Desk` too, and said beside the key
field. A removed panel's key that the keyring refused to delete stays listed, with a
retry, until it is gone (the store remembers it across restarts). The built-in demo panel
is shown but cannot be changed. A proxy's password is a secret like the key: it is saved
beside it and shown as `user:••••@host` (see `connection_fields`). `Desk.panels_changed`
tells the rest of the app (through the context).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smmdesk.api import Balance, InvalidPanelUrl, is_loopback, validate_panel_url
from smmdesk.services.panels import KeyLocation, KeysToDelete, PanelDraft, PanelsChanged
from smmdesk.store import Panel
from smmdesk.store.records import KeyToDelete
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_money
from smmdesk.ui.panels import connection_fields, panel_words
from smmdesk.ui.panels.key_words import (
    ENTER_KEY,
    key_left_words,
    key_place_words,
    retry_text,
    session_key_offer,
)
from smmdesk.ui.panels.panel_switcher import PanelListModel
from smmdesk.workers import Job, Ticket

log = logging.getLogger("smmdesk.ui")
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def ask(parent: QWidget, title: str, text: str, yes_text: str) -> bool:
    """A yes/no question; the one seam tests replace to answer it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("confirmDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def _tr(text: str) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP("PanelsDialog", …) where it was set."""
    return translate("PanelsDialog", text)


class PanelsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelsDialog")
        self.setWindowTitle(translate("PanelsDialog", "Panels"))
        self._context = context
        self._editing: Panel | None = None
        self._test_serial = 0
        self._locate_serial = 0
        self._edit_serials: set[int] = set()  # saves, removals and keys asked from here
        self._typed_key = ""  # the key of a save under way, for the session-only offer
        self._typed_proxy_password: str | None = None  # likewise for the proxy's password
        self._insecure_ok: set[str] = set()
        self.panels = PanelListModel(self)
        self._build()
        desk = context.desk
        desk.connection_tested.connect(self.on_desk_connection_tested)
        desk.panels_changed.connect(self.on_desk_panels_changed)
        desk.keys_to_delete_listed.connect(self.on_desk_keys_to_delete_listed)
        desk.key_located.connect(self.on_desk_key_located)
        desk.task_failed.connect(self.on_desk_task_failed)
        self._reload(context.panels, select_id=context.panel_id)
        desk.list_keys_to_delete()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.list_view = QListView(self)
        self.list_view.setObjectName("panelList")
        self.list_view.setModel(self.panels)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.selectionModel().selectionChanged.connect(self.on_list_selection_changed)
        add, remove = translate("PanelsDialog", "Add"), translate("PanelsDialog", "Remove")
        self.add_button = self._button("addPanelButton", add, self.on_add_button_clicked)
        self.remove_button = self._button(
            "removePanelButton", remove, self.on_remove_button_clicked
        )
        self.name_edit = self._line("nameEdit", translate("PanelsDialog", "e.g. My main panel"))
        self.url_edit = self._line("urlEdit", "https://panel.example/api/v2")
        self.proxy_edit = self._line("proxyEdit", _tr(connection_fields.PROXY_HINT))
        self.limit_edit = self._line("requestsPerMinuteEdit", _tr(connection_fields.LIMIT_HINT))
        self.limit_edit.setToolTip(_tr(connection_fields.LIMIT_TIP))
        self.key_edit = self._line("keyEdit", _tr(ENTER_KEY))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_key_button = QPushButton(translate("PanelsDialog", "Show"), self)
        self.show_key_button.setObjectName("showKeyButton")
        self.show_key_button.setCheckable(True)
        self.show_key_button.setToolTip(translate("PanelsDialog", "Show or hide the key"))
        self.show_key_button.toggled.connect(self.on_show_key_button_toggled)
        self.test_button = self._button(
            "testConnectionButton",
            translate("PanelsDialog", "Test connection"),
            self.on_test_button_clicked,
        )
        save = translate("PanelsDialog", "Save")
        self.save_button = self._button("savePanelButton", save, self.on_save_button_clicked)
        self.test_result = self._label("testResultLabel")
        self.form_error = self._label("formErrorLabel")
        self.note = self._label("panelNoteLabel")
        self.key_place = self._label("keyPlaceLabel")
        self.keys_to_delete = self._label("keysToDeleteLabel")
        self.retry_key_button = self._button(
            "retryKeyDeletionButton",
            retry_text(1),
            self.on_retry_key_button_clicked,
        )
        self._show_keys_to_delete(())
        self._lay_out()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("M") * 28)
        return edit

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # panel names are the user's text
        return label

    def _lay_out(self) -> None:
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key_button)
        form = QFormLayout()
        form.addRow(translate("PanelsDialog", "Name"), self.name_edit)
        form.addRow(translate("PanelsDialog", "API URL"), self.url_edit)
        form.addRow(translate("PanelsDialog", "Proxy"), self.proxy_edit)
        form.addRow(translate("PanelsDialog", "Requests a minute"), self.limit_edit)
        form.addRow(translate("PanelsDialog", "API key"), key_row)
        form.addRow("", self.key_place)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        editor = QVBoxLayout()
        editor.addWidget(self.note)
        editor.addLayout(form)
        editor.addWidget(self.form_error)
        editor.addLayout(actions)
        editor.addWidget(self.test_result)
        editor.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.list_view, 1)
        side_buttons = QHBoxLayout()
        side_buttons.addWidget(self.add_button)
        side_buttons.addWidget(self.remove_button)
        side.addLayout(side_buttons)
        side.addWidget(self.keys_to_delete)
        side.addWidget(self.retry_key_button)
        columns = QHBoxLayout()
        columns.addLayout(side, 1)
        columns.addLayout(editor, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)

    # -- slots ----------------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def on_list_selection_changed(self, _selected: QItemSelection, _gone: QItemSelection) -> None:
        rows = self.list_view.selectionModel().selectedRows()
        self._edit(self.panels.panel(rows[0].row()) if rows else None)

    @Slot()
    def on_add_button_clicked(self) -> None:
        self.list_view.clearSelection()
        self._edit(None)
        self.name_edit.setFocus()

    @Slot(bool)
    def on_show_key_button_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.key_edit.setEchoMode(mode)
        self.show_key_button.setText(
            translate("PanelsDialog", "Hide") if shown else translate("PanelsDialog", "Show")
        )

    @Slot()
    def on_save_button_clicked(self) -> None:
        self.form_error.clear()
        draft = self._checked_draft()
        if draft is None:
            return
        key = self.key_edit.text().strip()
        if self._editing is None and not key:
            self.form_error.setText(
                translate("PanelsDialog", "Enter the API key (from the panel's API page).")
            )
            return
        self._typed_key = key
        self._typed_proxy_password = connection_fields.typed_password(draft.proxy)
        editing_id = self._editing.id if self._editing else None
        self._ask(self._context.desk.save_panel(editing_id, draft, key or None))

    @Slot()
    def on_remove_button_clicked(self) -> None:
        panel = self._editing
        if panel is None or panel.is_demo:
            return
        if ask(self, *panel_words.remove_question(panel.name)):
            self._ask(self._context.desk.remove_panel(panel.id))

    @Slot()
    def on_retry_key_button_clicked(self) -> None:
        self._ask(self._context.desk.retry_key_deletions())

    @Slot()
    def on_test_button_clicked(self) -> None:
        draft = self._checked_draft()
        if draft is None:
            return
        typed = self.key_edit.text().strip() or None
        if typed is None and self._editing is None:
            self.form_error.setText(
                translate("PanelsDialog", "Enter the API key to test the connection.")
            )
            return
        panel_id = self._editing.id if self._editing else None
        ticket = self._context.desk.test_connection(draft, typed, panel_id)
        self._test_serial = ticket.serial
        self.test_button.setEnabled(False)
        self.test_result.setText(translate("PanelsDialog", "Testing the connection…"))

    @Slot(object, object)
    def on_desk_connection_tested(self, ticket: Ticket, balance: Balance) -> None:
        if ticket.serial == self._test_serial:
            self.test_button.setEnabled(True)
            money = format_money(balance.amount, balance.currency)
            connected = translate("PanelsDialog", "Connected. Balance: {balance}")
            self.test_result.setText(connected.format(balance=money))

    @Slot(object, object)
    def on_desk_panels_changed(self, ticket: Ticket, changed: PanelsChanged) -> None:
        self._show_keys_to_delete(changed.keys_to_delete)
        if ticket.serial not in self._edit_serials:
            self._reload(changed.panels, select_id=self._editing.id if self._editing else None)
            return
        self._edit_serials.discard(ticket.serial)
        self._set_busy(False)
        selected = changed.panel.id if changed.panel else None
        self._reload(changed.panels, select_id=selected)
        if ticket.job is Job.SAVE_PANEL and changed.key_problem and changed.panel:
            self._offer_session_key(changed.panel.id, changed.key_problem)
        elif changed.key_kept_for_session:
            self.note.setText(
                translate("PanelsDialog", "The key is kept in memory for this session only.")
            )
        self._typed_key, self._typed_proxy_password = "", None

    @Slot(object, object)
    def on_desk_keys_to_delete_listed(self, ticket: Ticket, listed: KeysToDelete) -> None:
        """At opening or after a retry; each line carries its own problem."""
        self._show_keys_to_delete(listed.entries)
        if ticket.serial in self._edit_serials:
            self._edit_serials.discard(ticket.serial)
            self._set_busy(False)

    @Slot(object, object)
    def on_desk_key_located(self, ticket: Ticket, location: KeyLocation) -> None:
        editing = self._editing
        if ticket.serial != self._locate_serial or editing is None:
            return
        if editing.id == location.panel_id:
            text, placeholder = key_place_words(location)
            self.key_place.setText(text)
            self.key_edit.setPlaceholderText(placeholder)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        described = describe(error)
        if ticket.serial == self._test_serial:
            self.test_button.setEnabled(True)
            hint = f"\n{described.hint}" if described.hint else ""
            self.test_result.setText(f"{described.one_line}{hint}")
        elif ticket.serial in self._edit_serials:
            self._edit_serials.discard(ticket.serial)
            self._set_busy(False)
            self.form_error.setText(described.one_line)
        elif ticket.serial == self._locate_serial:
            self.key_place.setText(
                translate("PanelsDialog", "Key: {problem}").format(problem=described.one_line)
            )

    # -- helpers --------------------------------------------------------------------------

    def _ask(self, ticket: Ticket) -> None:
        self._edit_serials.add(ticket.serial)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        """While a save, removal or retry runs, the form cannot start another one."""
        for button in (self.save_button, self.remove_button, self.add_button):
            button.setEnabled(not busy)
        self.retry_key_button.setEnabled(not busy)
        if not busy:
            self._enable_for(self._editing)

    def _show_keys_to_delete(self, keys: tuple[KeyToDelete, ...]) -> None:
        self.keys_to_delete.setText("\n".join(key_left_words(key) for key in keys))
        self.keys_to_delete.setVisible(bool(keys))
        self.retry_key_button.setVisible(bool(keys))
        self.retry_key_button.setText(retry_text(len(keys)))

    def _reload(self, panels: list[Panel], select_id: int | None) -> None:
        self.panels.reload(panels)
        row = self.panels.row_of(select_id) if select_id else -1
        if row < 0:
            self.list_view.clearSelection()
            self._edit(None)
            return
        self.list_view.setCurrentIndex(self.panels.index(row))
        self._edit(self.panels.panel(row), keep_messages=True)

    def _edit(self, panel: Panel | None, keep_messages: bool = False) -> None:
        """Show `panel` in the form (None: a new panel)."""
        self._editing = panel
        demo = panel is not None and panel.is_demo
        self.name_edit.setText(panel.name if panel else "")
        self.url_edit.setText(panel.url if panel else "")
        self.proxy_edit.setText(connection_fields.proxy_text(panel))
        self.limit_edit.setText(connection_fields.limit_text(panel))
        self.key_edit.clear()
        self.key_edit.setPlaceholderText(_tr(ENTER_KEY))
        self.key_place.clear()
        if panel is not None and not demo:
            self.key_place.setText(translate("PanelsDialog", "Key: checking where it is…"))
            self._locate_serial = self._context.desk.locate_key(panel.id).serial
        self._enable_for(panel)
        if keep_messages:
            return
        new_note = "" if panel else translate("PanelsDialog", "New panel")
        self.note.setText(panel_words.demo_note() if demo else new_note)
        self.test_result.clear()
        self.form_error.clear()

    def _enable_for(self, panel: Panel | None) -> None:
        """The demo panel is read-only; a new panel has nothing to remove yet."""
        demo = panel is not None and panel.is_demo
        edits = (self.name_edit, self.url_edit, self.proxy_edit, self.limit_edit, self.key_edit)
        for widget in edits:
            widget.setEnabled(not demo)
        for button in (self.show_key_button, self.save_button, self.test_button):
            button.setEnabled(not demo)
        self.remove_button.setEnabled(panel is not None and not demo)
        self.add_button.setEnabled(True)

    def _checked_draft(self) -> PanelDraft | None:
        """The profile as typed, or None after telling the user why not."""
        name = self.name_edit.text().strip()
        url = self.url_edit.text().strip()
        if not name or not url:
            self.form_error.setText(
                translate("PanelsDialog", "A panel needs a name and its API URL.")
            )
            return None
        insecure = urlsplit(url).scheme == "http" and not is_loopback(url)
        try:
            validate_panel_url(url, allow_insecure_http=insecure)
        except InvalidPanelUrl as error:
            self.form_error.setText(str(error))
            return None
        try:
            fields = connection_fields.read_fields(self.proxy_edit.text(), self.limit_edit.text())
        except ValueError as error:
            self.form_error.setText(str(error))
            return None
        if insecure and not self._confirm_insecure(url):
            self.form_error.setText(translate("PanelsDialog", "Use the panel's https:// address."))
            return None
        return PanelDraft(name, url, fields.proxy, insecure, fields.requests_per_minute)

    def _confirm_insecure(self, url: str) -> bool:
        if url in self._insecure_ok:
            return True
        if ask(self, *panel_words.insecure_question()):
            self._insecure_ok.add(url)
            return True
        return False

    def _offer_session_key(self, panel_id: int, why: str) -> None:
        key, password = self._typed_key, self._typed_proxy_password
        offer = session_key_offer(why, bool(key), bool(password))
        yes = translate("PanelsDialog", "Use for this session only")
        if offer is not None and ask(self, *offer, yes):
            self._ask(self._context.desk.keep_key_for_session(panel_id, key or None, password))
        else:
            self.form_error.setText(
                translate(
                    "PanelsDialog", "Saved without a key: enter it again when a keyring works."
                )
            )
