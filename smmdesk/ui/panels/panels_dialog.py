"""Panels…: add, edit and remove panel profiles, and test their connection.

The key goes to the OS keyring through `desk.keys` (the `KeyStore` the workers read), never
to the store or QSettings. When no keyring can hold it, the user is offered to keep it in
memory for this session only. The built-in demo panel is shown but cannot be changed.
After every change `context.notify_panels_edited()` tells the rest of the app.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QItemSelection, Slot
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
from smmdesk.secrets import NO_BACKEND, KeyringUnavailable, KeyStore
from smmdesk.store import Panel
from smmdesk.ui.catalogue.services_model import format_money
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.panels.panel_switcher import PanelListModel
from smmdesk.workers import DEMO_KEY, Ticket

log = logging.getLogger("smmdesk.ui")
KEY_KEPT_PLACEHOLDER = "Saved in the system keyring (type a new key to replace it)"
DEMO_NOTE = "The built-in demo panel needs no key and cannot be edited or removed."


def ask(parent: QWidget, title: str, text: str, yes_text: str) -> bool:
    """A yes/no question; the one seam tests replace to answer it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("confirmDialog")
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


class PanelsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelsDialog")
        self.setWindowTitle("Panels")
        self._context = context
        self._editing: Panel | None = None
        self._test_serial = 0
        self._insecure_ok: set[str] = set()
        self.panels = PanelListModel(self)
        self._build()
        desk = context.desk
        desk.connection_tested.connect(self.on_desk_connection_tested)
        desk.task_failed.connect(self.on_desk_task_failed)
        self._reload(select_id=context.panel_id)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.list_view = QListView(self)
        self.list_view.setObjectName("panelList")
        self.list_view.setModel(self.panels)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.selectionModel().selectionChanged.connect(self.on_list_selection_changed)
        self.add_button = self._button("addPanelButton", "Add", self.on_add_button_clicked)
        self.remove_button = self._button(
            "removePanelButton", "Remove", self.on_remove_button_clicked
        )
        self.name_edit = self._line("nameEdit", "e.g. My main panel")
        self.url_edit = self._line("urlEdit", "https://panel.example/api/v2")
        self.proxy_edit = self._line("proxyEdit", "optional, e.g. socks5://host:1080")
        self.key_edit = self._line("keyEdit", "Your API key from the panel's API page")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_key_button = QPushButton("Show", self)
        self.show_key_button.setObjectName("showKeyButton")
        self.show_key_button.setCheckable(True)
        self.show_key_button.setToolTip("Show or hide the key")
        self.show_key_button.toggled.connect(self.on_show_key_button_toggled)
        self.test_button = self._button(
            "testConnectionButton", "Test connection", self.on_test_button_clicked
        )
        self.save_button = self._button("savePanelButton", "Save", self.on_save_button_clicked)
        self.test_result = self._label("testResultLabel")
        self.form_error = self._label("formErrorLabel")
        self.note = self._label("panelNoteLabel")
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
        return label

    def _lay_out(self) -> None:
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key_button)
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("API URL", self.url_edit)
        form.addRow("Proxy", self.proxy_edit)
        form.addRow("API key", key_row)
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
        self.show_key_button.setText("Hide" if shown else "Show")

    @Slot()
    def on_save_button_clicked(self) -> None:
        self.form_error.clear()
        fields = self._checked_fields()
        if fields is None:
            return
        name, url, proxy, insecure = fields
        key = self.key_edit.text().strip()
        if self._editing is None and not key:
            self.form_error.setText("Enter the API key (from the panel's API page).")
            return
        panel = self._write_panel(name, url, proxy, insecure)
        if key and not self._save_key(panel.id, key):
            self.form_error.setText("Saved without a key: enter it again when a keyring works.")
        self._context.notify_panels_edited(panel.id)
        self._reload(select_id=panel.id)

    @Slot()
    def on_remove_button_clicked(self) -> None:
        panel = self._editing
        if panel is None or panel.is_demo:
            return
        question = (
            f"Remove “{panel.name}”? Its cached catalogue and the order history kept on "
            "this computer are deleted too; orders on the panel itself are not affected."
        )
        if not ask(self, "Remove panel", question, "Remove"):
            return
        self._context.store.delete_panel(panel.id)
        self._delete_key(panel.id)
        if self._context.panel_id == panel.id:
            demo = next((p for p in self._context.store.panels() if p.is_demo), None)
            self._context.set_active_panel(demo.id if demo else 0)
        self._context.notify_panels_edited(panel.id)
        self._reload(select_id=None)

    @Slot()
    def on_test_button_clicked(self) -> None:
        fields = self._checked_fields()
        key = self._key_for_test()
        if fields is None or key is None:
            return
        _name, url, proxy, insecure = fields
        ticket = self._context.desk.test_connection(url, key, proxy, insecure)
        if ticket is not None:
            self._test_serial = ticket.serial
            self.test_button.setEnabled(False)
            self.test_result.setText("Testing the connection…")

    @Slot(object, object)
    def on_desk_connection_tested(self, ticket: Ticket, balance: Balance) -> None:
        if ticket.serial == self._test_serial:
            self.test_button.setEnabled(True)
            money = format_money(balance.amount, balance.currency)
            self.test_result.setText(f"Connected. Balance: {money}")

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self._test_serial:
            self.test_button.setEnabled(True)
            described = describe(error)
            hint = f"\n{described.hint}" if described.hint else ""
            self.test_result.setText(f"{described.one_line}{hint}")

    # -- helpers --------------------------------------------------------------------------

    def _reload(self, select_id: int | None) -> None:
        self.panels.reload(self._context.store.panels())
        row = self.panels.row_of(select_id) if select_id else -1
        if row < 0:
            self.list_view.clearSelection()
            self._edit(None)
            return
        self.list_view.setCurrentIndex(self.panels.index(row))

    def _edit(self, panel: Panel | None) -> None:
        """Show `panel` in the form (None: a new panel)."""
        self._editing = panel
        demo = panel is not None and panel.is_demo
        self.name_edit.setText(panel.name if panel else "")
        self.url_edit.setText(panel.url if panel else "")
        self.proxy_edit.setText((panel.proxy or "") if panel else "")
        self.key_edit.clear()
        self.key_edit.setPlaceholderText(KEY_KEPT_PLACEHOLDER if panel else "Your API key")
        for widget in (self.name_edit, self.url_edit, self.proxy_edit, self.key_edit):
            widget.setEnabled(not demo)
        for button in (self.show_key_button, self.save_button, self.test_button):
            button.setEnabled(not demo)
        self.remove_button.setEnabled(panel is not None and not demo)
        self.note.setText(DEMO_NOTE if demo else ("" if panel else "New panel"))
        self.test_result.clear()
        self.form_error.clear()

    def _checked_fields(self) -> tuple[str, str, str | None, bool] | None:
        """(name, url, proxy, allow_insecure_http) or None after telling the user why not."""
        name = self.name_edit.text().strip()
        url = self.url_edit.text().strip()
        proxy = self.proxy_edit.text().strip() or None
        if not name or not url:
            self.form_error.setText("A panel needs a name and its API URL.")
            return None
        insecure = urlsplit(url).scheme == "http" and not is_loopback(url)
        try:
            validate_panel_url(url, allow_insecure_http=insecure)
        except InvalidPanelUrl as error:
            self.form_error.setText(str(error))
            return None
        if insecure and not self._confirm_insecure(url):
            self.form_error.setText("Use the panel's https:// address.")
            return None
        return name, url, proxy, insecure

    def _confirm_insecure(self, url: str) -> bool:
        if url in self._insecure_ok:
            return True
        text = (
            "This API URL uses plain http://, so your API key and orders would travel "
            "unencrypted and could be read by anyone on the network path.\n\n"
            "Use it anyway?"
        )
        if ask(self, "Unencrypted connection", text, "Use http:// anyway"):
            self._insecure_ok.add(url)
            return True
        return False

    def _key_for_test(self) -> str | None:
        typed = self.key_edit.text().strip()
        if typed:
            return typed
        panel = self._editing
        if panel is not None and panel.is_demo:
            return DEMO_KEY
        try:
            stored = self._context.desk.keys.load(panel.id) if panel else None
        except KeyringUnavailable as error:
            self.test_result.setText(describe(error).one_line)
            return None
        if not stored:
            self.form_error.setText("Enter the API key to test the connection.")
        return stored

    def _write_panel(self, name: str, url: str, proxy: str | None, insecure: bool) -> Panel:
        store = self._context.store
        if self._editing is None:
            panel = store.add_panel(name, url, proxy=proxy, allow_insecure_http=insecure)
            log.info("panel %d added", panel.id)
            return panel
        panel = dataclasses.replace(
            self._editing, name=name, url=url, proxy=proxy, allow_insecure_http=insecure
        )
        store.update_panel(panel)
        log.info("panel %d edited", panel.id)
        return panel

    def _save_key(self, panel_id: int, key: str) -> bool:
        """Save to the keyring, or (if the user agrees) in memory for this session."""
        keys = self._context.desk.keys
        try:
            if keys.session_only or KeyStore.backend_available():
                keys.save(panel_id, key)
                return True
            message = NO_BACKEND
        except KeyringUnavailable as error:
            message = str(error)
        return self._offer_session_key(keys, panel_id, key, message)

    def _offer_session_key(self, keys: KeyStore, panel_id: int, key: str, why: str) -> bool:
        text = (
            f"{why}\n\nKeep the key in memory for this session only? "
            "You will need to enter it again after restarting SMMDesk."
        )
        if not ask(self, "The key cannot be saved", text, "Use for this session only"):
            return False
        keys.session_only = True
        keys.save(panel_id, key)
        return True

    def _delete_key(self, panel_id: int) -> None:
        try:
            self._context.desk.keys.delete(panel_id)
        except KeyringUnavailable as error:
            self.form_error.setText(f"The key could not be deleted: {error}")
