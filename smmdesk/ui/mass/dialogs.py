"""The Mass order pane's dialogs: the confirmation that says exactly what a batch will
send, and the editor of one line (before placing, or a rejected line to send again).

Both open with `open()` (window-modal, no nested event loop) and answer through
`accepted()`, like every `AskDialog`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from smmdesk.api import FieldKind, order_fields
from smmdesk.api.draft import OrderDraft
from smmdesk.api.forms import LINK, QUANTITY, estimate_charge, validate_order
from smmdesk.services.mass_check import CheckedLine
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.common.text import excerpt
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.mass.summary import PanelShare, share_text
from smmdesk.ui.ordering.estimate_text import charge_text
from smmdesk.ui.ordering.field_words import field_label, problem_words

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
SOURCE_CHARS = 300  # of the line as written, shown above the fields


class ConfirmBatchDialog(AskDialog):
    """What will be sent, per panel (count, total charge, balance), and what will not.
    Yes reads "Place N orders" (or "Send N lines"); No, the default, goes back. When a
    panel's balance does not cover its share, Yes waits for `shortCheck`."""

    def __init__(
        self,
        shares: Sequence[PanelShare],
        not_sent: str,
        in_flight: int,
        parent: QWidget | None = None,
        *,
        resume: bool = False,
    ) -> None:
        """`not_sent` says what stays unsent: the lines left out of a batch, or for a
        `resume` the lines already sent, which are never sent again."""
        count = sum(share.count for share in shares)
        question, go = _confirmation_words(count, resume)
        super().__init__(question, "confirmBatchDialog", question, parent)
        self.count = count
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        tones = current_tones()
        for share in shares:
            label = self._row(share.panel_name, share_text(share))
            if share.short_by:
                label.setStyleSheet(tones.style(Tone.BAD, bold=True))
        left = (
            translate("MassOrder", "Already sent") if resume else translate("MassOrder", "Not sent")
        )
        self._row(left, not_sent).setObjectName("notSentLabel")
        self._row(
            translate("MassOrder", "Sent at once"),
            translate("MassOrder", "{count} (Settings)").format(count=format_count(in_flight)),
        )
        self.yes_button = self.add_button(
            QDialogButtonBox.StandardButton.Yes, "confirmBatchYes", go
        )
        self.no_button = self.add_button(
            QDialogButtonBox.StandardButton.No, "confirmBatchNo", translate("MassOrder", "Back")
        )
        self.no_button.setDefault(True)
        self.short_check: QCheckBox | None = None
        if any(share.short_by for share in shares):
            self._ask_about_balance()

    def _row(self, label: str, value: str) -> QLabel:
        field = QLabel(value, self)
        field.setTextFormat(Qt.TextFormat.PlainText)  # panel names come from the user
        field.setWordWrap(True)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(excerpt(label, 80), field)
        return field

    def _ask_about_balance(self) -> None:
        self.short_check = QCheckBox(
            translate(
                "MassOrder",
                "The balance does not cover it: send anyway (the panel refuses what it cannot"
                " charge)",
            ),
            self,
        )
        self.short_check.setObjectName("shortCheck")
        self.form.addRow(self.short_check)
        self.yes_button.setEnabled(False)
        self.short_check.toggled.connect(self.on_shortCheck_toggled)

    @Slot(bool)
    def on_shortCheck_toggled(self, checked: bool) -> None:
        self.yes_button.setEnabled(checked)


class EditLineDialog(AskDialog):
    """Every field of one line, by the form's labels for its service's type (and any
    other field the line has, by name). With `resend`, the service is fixed, the fields
    are validated as the order form does, and Yes ("Send again") sends the line."""

    def __init__(
        self, checked: CheckedLine, parent: QWidget | None = None, *, resend: bool = False
    ) -> None:
        number = str(checked.line.number)
        title = (
            translate("MassOrder", "Send line {number} again")
            if resend
            else translate("MassOrder", "Edit line {number}")
        ).format(number=number)
        words = translate("MassOrder", "Line {number} as written: {source}").format(
            number=number, source=excerpt(checked.line.source, SOURCE_CHARS)
        )
        super().__init__(title, "editLineDialog", words, parent)
        self.checked = checked
        self.resend = resend
        self.service_edit = QLineEdit(checked.line.service_id or "", self)
        self.service_edit.setObjectName("edit_service")
        self.service_edit.setEnabled(not resend)
        self.form.addRow(translate("MassOrder", "Service ID"), self.service_edit)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, label, listed in _fields_of(checked):
            self._add_editor(name, label, listed, checked.line.fields.get(name, ""))
        self.problems = QLabel(self)
        self.problems.setObjectName("editProblems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.form.addRow(self.problems)
        go = (
            translate("MassOrder", "Send again")
            if resend
            else translate("MassOrder", "Check again")
        )
        self.yes_button = self.add_button(QDialogButtonBox.StandardButton.Ok, "editLineOk", go)
        self.add_button(QDialogButtonBox.StandardButton.Cancel, "editLineCancel")
        if resend:
            self.on_field_changed()

    def _add_editor(self, name: str, label: str, listed: bool, value: str) -> None:
        editor: QLineEdit | QPlainTextEdit
        if listed or "\n" in value:
            editor = QPlainTextEdit(value, self)
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(editor.fontMetrics().height() * 6)
            editor.textChanged.connect(self.on_field_changed)
        else:
            editor = QLineEdit(value, self)
            editor.textChanged.connect(self.on_field_changed)
        editor.setObjectName(f"edit_{name}")
        self.editors[name] = editor
        self.form.addRow(label, editor)

    def service_id(self) -> str:
        return self.service_edit.text().strip()

    def values(self) -> dict[str, str]:
        """The fields as typed (trimmed); an emptied field is left out."""
        values = {}
        for name, editor in self.editors.items():
            text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            if text.strip():
                values[name] = text.strip()
        return values

    def draft(self) -> OrderDraft | None:
        """The order to send again, once every field passes the form's checks."""
        service = self.checked.service
        values = self.values()
        if service is None or validate_order(service, values):
            return None
        estimate = estimate_charge(service, values)
        return OrderDraft(
            service, values, estimate.total if estimate else None, self.checked.currency
        )

    @Slot()
    def on_field_changed(self) -> None:
        if not self.resend:
            return
        service = self.checked.service
        if service is None:
            self.problems.setText(
                translate("MassOrder", "This service is no longer in the panel's catalogue.")
            )
            self.yes_button.setEnabled(False)
            return
        values = self.values()
        problems = validate_order(service, values)
        estimate = estimate_charge(service, values)
        charge = translate("MassOrder", "Charge: {charge}").format(
            charge=charge_text(estimate, self.checked.currency)
        )
        self.problems.setText("\n".join([*map(problem_words, problems.values()), charge]))
        tone = Tone.BAD if problems else Tone.MUTED
        self.problems.setStyleSheet(current_tones().style(tone))
        self.yes_button.setEnabled(not problems)


def _confirmation_words(count: int, resume: bool) -> tuple[str, str]:
    """The question and the Yes button: `Place 3 orders?`, `Place 3 orders`."""
    if resume:
        return (
            counted(
                count,
                translate("MassOrder", "Send the 1 line never sent?"),
                translate("MassOrder", "Send the {count} lines never sent?"),
            ),
            counted(
                count,
                translate("MassOrder", "Send 1 line"),
                translate("MassOrder", "Send {count} lines"),
            ),
        )
    return (
        counted(
            count,
            translate("MassOrder", "Place 1 order?"),
            translate("MassOrder", "Place {count} orders?"),
        ),
        counted(
            count,
            translate("MassOrder", "Place 1 order"),
            translate("MassOrder", "Place {count} orders"),
        ),
    )


def _fields_of(checked: CheckedLine) -> list[tuple[str, str, bool]]:
    """(name, label, is a list) for the service type's fields, then the line's others."""
    specs = order_fields(checked.service) if checked.service is not None else []
    fields = [(spec.name, field_label(spec.label), spec.kind is FieldKind.LINES) for spec in specs]
    named = {name for name, _label, _listed in fields}
    if checked.service is None:
        for spec in (LINK, QUANTITY):
            if spec.name not in checked.line.fields:
                fields.append((spec.name, field_label(spec.label), False))
                named.add(spec.name)
    fields += [(name, name, False) for name in checked.line.fields if name not in named]
    return fields
