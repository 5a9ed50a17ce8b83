"""No keyring, no dead end: ask for a panel's key when no keyring can give it.

After a restart on a machine without a usable keyring, the first request that needs a
panel's key (the active panel's balance at start-up, an order, a refresh) fails with
`NoKeyStored` carrying a `keyring_problem`. `KeyPrompter` then asks the user for that key,
once per panel, one dialog at a time, and keeps it in memory for this session only
(`Desk.keep_key_for_session`), as the panels dialog does. "Not now" is respected until the
user picks that panel again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from smmdesk.services.panels import PanelsChanged
from smmdesk.store import Panel
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.context import AppContext
from smmdesk.workers import Job, NoKeyStored, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
# Answers that settle a panel's key: once one arrives, nobody needs to ask for it.
KEY_SETTLING_JOBS = (Job.SAVE_PANEL, Job.KEEP_KEY_FOR_SESSION)


class KeyPromptDialog(AskDialog):
    """Asks for one panel's key in a masked field; the key is kept for this session only."""

    def __init__(self, panel: Panel, problem: str, parent: QWidget | None) -> None:
        message = translate(
            "KeyPromptDialog",
            "SMMDesk needs the API key of “{panel}”, but cannot read it from the "
            "system keyring.\n{problem}\n\nEnter the key to use “{panel}” until "
            "SMMDesk closes. It is kept in memory only: you will be asked again after a "
            "restart.",
        ).format(panel=panel.name, problem=problem)
        title = translate("KeyPromptDialog", "API key needed")
        super().__init__(title, "keyPromptDialog", message, parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the panel name is user text
        self.panel = panel
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("promptKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(
            translate("KeyPromptDialog", "Your API key from the panel's API page")
        )
        self.form.addRow(translate("KeyPromptDialog", "API key"), self.key_edit)
        self.use_button = self.add_button(
            QDialogButtonBox.StandardButton.Ok,
            "useKeyButton",
            translate("KeyPromptDialog", "Use for this session"),
        )
        self.add_button(
            QDialogButtonBox.StandardButton.Cancel,
            "notNowButton",
            translate("KeyPromptDialog", "Not now"),
        )
        self.use_button.setEnabled(False)
        self.key_edit.textChanged.connect(self.on_key_edit_text_changed)

    @property
    def key(self) -> str:
        return self.key_edit.text().strip()

    @Slot(str)
    def on_key_edit_text_changed(self, _text: str) -> None:
        self.use_button.setEnabled(bool(self.key))


class KeyPrompter(QObject):
    """Listens to `Desk.task_failed` and `panels_changed` and the context's
    `panel_changed`; opens a `KeyPromptDialog` over `window` for each panel whose key no
    keyring can give."""

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self._context = context
        self._window = window
        self._waiting: list[tuple[Panel, str]] = []  # panels to ask about, in order
        self._dialog: KeyPromptDialog | None = None
        self._declined: set[int] = set()  # "Not now", until the panel is picked again
        # Keys given for this session: a failure of a request sent before is stale news.
        self._given: set[int] = set()
        self._keeping: set[int] = set()  # serials of the keys this prompter asked to keep
        context.desk.task_failed.connect(self.on_desk_task_failed)
        context.desk.panels_changed.connect(self.on_desk_panels_changed)
        context.panel_changed.connect(self.on_context_panel_changed)

    @property
    def dialog(self) -> KeyPromptDialog | None:
        """The prompt on screen, if any."""
        return self._dialog

    @Slot(object, object)
    def on_desk_task_failed(self, _ticket: Ticket, error: Exception) -> None:
        if isinstance(error, NoKeyStored) and error.keyring_problem is not None:
            self.ask_for(error.panel, error.keyring_problem)

    def ask_for(self, panel: Panel, problem: str) -> None:
        """Queue a prompt for `panel` unless it is asked, queued, given or declined."""
        asking = self._dialog.panel.id if self._dialog is not None else None
        queued = {waiting.id for waiting, _ in self._waiting}
        if panel.id in self._declined | self._given | queued or panel.id == asking:
            return
        self._waiting.append((panel, problem))
        self._open_next()

    @Slot(object, object)
    def on_desk_panels_changed(self, ticket: Ticket, changed: PanelsChanged) -> None:
        """A key was given (here or in the panels dialog): stop waiting to ask for it;
        for the active panel, load its catalogue again (fetched if the cache is stale)."""
        if ticket.job not in KEY_SETTLING_JOBS or changed.panel is None:
            return
        panel_id = changed.panel.id
        self._waiting = [(p, why) for p, why in self._waiting if p.id != panel_id]
        if changed.key_kept_for_session:
            self._given.add(panel_id)
        if ticket.serial in self._keeping:
            self._keeping.discard(ticket.serial)
            if panel_id == self._context.panel_id:
                self._context.desk.load_cached_services(panel_id)

    @Slot(int)
    def on_context_panel_changed(self, panel_id: int) -> None:
        self._declined.discard(panel_id)

    @Slot()
    def on_keyPromptDialog_accepted(self) -> None:
        dialog = self._close_dialog()
        if dialog is not None and dialog.key:
            self._given.add(dialog.panel.id)
            ticket = self._context.desk.keep_key_for_session(dialog.panel.id, dialog.key)
            self._keeping.add(ticket.serial)
        self._open_next()

    @Slot()
    def on_keyPromptDialog_rejected(self) -> None:
        dialog = self._close_dialog()
        if dialog is not None:
            self._declined.add(dialog.panel.id)
        self._open_next()

    def _open_next(self) -> None:
        if self._dialog is not None or not self._waiting:
            return
        panel, problem = self._waiting.pop(0)
        dialog = KeyPromptDialog(panel, problem, self._window)
        dialog.accepted.connect(self.on_keyPromptDialog_accepted)
        dialog.rejected.connect(self.on_keyPromptDialog_rejected)
        self._dialog = dialog
        dialog.open()

    def _close_dialog(self) -> KeyPromptDialog | None:
        dialog, self._dialog = self._dialog, None
        return dialog
