"""The order confirmation, built from the `OrderDraft` that will be sent and nothing else.

Every field of the request is listed (a list field as its first lines and its count), with
the quantity and the charge read from those same fields, so what the user confirms is what
leaves and what it costs. When the link already has active orders (on any panel) they are
named, and placing another one takes an explicit tick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QWidget

from smmdesk.api import Balance, FieldKind, order_fields
from smmdesk.api.draft import OrderDraft
from smmdesk.api.forms import estimate_charge
from smmdesk.store import OrderRecord
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.estimate_text import balance_after, charge_text, quantity_text
from smmdesk.ui.ordering.field_words import field_label, without_mnemonic
from smmdesk.ui.ordering.twins import PanelName, twin_lines, twin_warning

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
LIST_PREVIEW_LINES = 3
TEXT_PREVIEW_CHARS = 300


@dataclass(frozen=True)
class OrderSummary:
    """What the user is asked to confirm, already formatted for reading."""

    service: str
    rows: tuple[tuple[str, str], ...]
    quantity: str
    charge: str
    balance_after: str
    over_balance: bool = False
    twins: tuple[str, ...] = ()
    twin_warning: str = ""
    quantity_label: str = ""  # empty: no row (the typed quantity row already says it)


def summarize(
    draft: OrderDraft,
    balance: Balance | None,
    twins: Sequence[OrderRecord] = (),
    panel_name: PanelName | None = None,
) -> OrderSummary:
    """Each field of the draft under the form's label for it, extra fields by name (as
    they are sent); the quantity and charge of those fields; the active orders already on
    the link."""
    specs = {spec.name: spec for spec in order_fields(draft.service)}
    rows = []
    for name, value in draft.fields.items():
        spec = specs.get(name)
        label = field_label(spec.label) if spec else name
        listed = spec is not None and spec.kind is FieldKind.LINES
        rows.append((label, _list_preview(value) if listed else _text_preview(value)))
    estimate = estimate_charge(draft.service, draft.fields)
    after = balance_after(estimate, balance)
    quantity = quantity_text(draft.service, estimate)
    return OrderSummary(
        service=f"{draft.service.id} · {draft.service.name}",
        rows=tuple(rows),
        quantity=quantity,
        quantity_label=_quantity_label(draft, quantity),
        charge=charge_text(estimate, draft.currency)
        if estimate
        else translate("ConfirmOrder", "unknown"),
        balance_after=after.text,
        over_balance=after.short,
        twins=twin_lines(twins, panel_name or panel_number),
        twin_warning=twin_warning(twins),
    )


class ConfirmOrderDialog(AskDialog):
    """Yes places the order; No (the default button) goes back to the form, so Enter
    pressed twice never places an order: Yes takes Tab and Space, or its mnemonic. With
    active orders on the link, Yes reads "Place another order" and waits for `twinCheck`."""

    def __init__(self, summary: OrderSummary, parent: QWidget | None = None) -> None:
        question = (
            translate("ConfirmOrder", "Place another order for this link?")
            if summary.twins
            else translate("ConfirmOrder", "Place this order?")
        )
        message = f"{summary.twin_warning}\n\n{question}" if summary.twins else question
        super().__init__(question, "confirmOrderDialog", message, parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        tones = current_tones()
        twins_row = self._add_row(
            translate("ConfirmOrder", "Active on this link"), "\n".join(summary.twins)
        )
        if twins_row is not None:
            twins_row.setObjectName("twinsList")
            twins_row.setStyleSheet(tones.style(Tone.WARN, bold=True))
        self._add_row(translate("ConfirmOrder", "Service"), summary.service)
        for label, value in summary.rows:
            self._add_row(label, value)
        self._add_row(summary.quantity_label, summary.quantity)
        self._add_row(translate("ConfirmOrder", "Charge"), summary.charge)
        after = self._add_row(translate("ConfirmOrder", "Balance after"), summary.balance_after)
        if after is not None and summary.over_balance:
            after.setStyleSheet(tones.style(Tone.BAD, bold=True))
        self.yes_button = self.add_button(QDialogButtonBox.StandardButton.Yes, "confirmYesButton")
        self.no_button = self.add_button(QDialogButtonBox.StandardButton.No, "confirmNoButton")
        self.no_button.setDefault(True)
        self.no_button.setFocus()  # else Yes, first in the box, has it and takes Enter
        self.twin_check: QCheckBox | None = None
        if summary.twins:
            self._ask_about_twins()

    def _add_row(self, label: str, value: str) -> QLabel | None:
        """A read-only row; none for an empty label or value."""
        if not label or not value:
            return None
        field = QLabel(value, self)
        field.setTextFormat(Qt.TextFormat.PlainText)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        field.setWordWrap(True)
        self.form.addRow(label, field)
        return field

    def _ask_about_twins(self) -> None:
        text = translate("ConfirmOrder", "&I have checked: place another order for this link")
        self.twin_check = QCheckBox(text, self)
        self.twin_check.setObjectName("twinCheck")
        self.twin_check.setAccessibleName(without_mnemonic(text))
        self.form.addRow(self.twin_check)
        self.yes_button.setText(translate("ConfirmOrder", "&Place another order"))
        self.yes_button.setEnabled(False)
        self.twin_check.toggled.connect(self.on_twinCheck_toggled)

    @Slot(bool)
    def on_twinCheck_toggled(self, checked: bool) -> None:
        self.yes_button.setEnabled(checked)


def _quantity_label(draft: OrderDraft, quantity: str) -> str:
    """A typed quantity is already a row; the total gets its own only when it adds
    something (runs times quantity, posts), never the same number twice."""
    if draft.quantity is None:
        return translate("ConfirmOrder", "Quantity")
    if quantity == format_count(draft.quantity):
        return ""
    return translate("ConfirmOrder", "Total quantity")


def _list_preview(value: str) -> str:
    items = [line for line in value.splitlines() if line.strip()]
    shown = [_text_preview(line) for line in items[:LIST_PREVIEW_LINES]]
    more = len(items) - len(shown)
    head = (
        translate("ConfirmOrder", "1 line:")
        if len(items) == 1
        else translate("ConfirmOrder", "{count} lines:").format(count=format_count(len(items)))
    )
    tail = [_more_lines(more)] if more else []
    return "\n".join([head, *shown, *tail])


def _more_lines(more: int) -> str:
    if more == 1:
        return translate("ConfirmOrder", "… and 1 more line")
    return translate("ConfirmOrder", "… and {count} more lines").format(count=format_count(more))


def _text_preview(value: str) -> str:
    if len(value) <= TEXT_PREVIEW_CHARS:
        return value
    return translate("ConfirmOrder", "{start}… ({count} characters)").format(
        start=value[:TEXT_PREVIEW_CHARS], count=format_count(len(value))
    )


def panel_number(panel_id: int) -> str:
    """What a panel no longer listed is called."""
    return translate("ConfirmOrder", "panel {id}").format(id=panel_id)
