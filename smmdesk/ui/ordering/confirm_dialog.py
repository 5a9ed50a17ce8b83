"""The order confirmation, built from the `OrderDraft` that will be sent and nothing else.

Every field of the request is listed (a list field as its first lines and its count), with
the quantity and the charge read from those same fields, so what the user confirms is what
leaves and what it costs. When the link already has active orders (on any panel) they are
named, and placing another one takes an explicit tick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QWidget

from smmdesk.api import Balance, FieldKind, order_fields
from smmdesk.api.draft import OrderDraft
from smmdesk.api.forms import estimate_charge
from smmdesk.store import OrderRecord
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import format_count, plural
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.estimate_text import balance_after, charge_text, quantity_text
from smmdesk.ui.ordering.twins import PanelName, twin_lines, twin_warning

LIST_PREVIEW_LINES = 3
TEXT_PREVIEW_CHARS = 300
QUESTION = "Place this order?"
TWIN_QUESTION = "Place another order for this link?"


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
    quantity_label: str = "Quantity"  # empty: the typed quantity row already says it


def summarize(
    draft: OrderDraft,
    balance: Balance | None,
    twins: Sequence[OrderRecord] = (),
    panel_name: PanelName | None = None,
) -> OrderSummary:
    """Each field of the draft under the form's label for it, extra fields by name; the
    quantity and charge of those fields; the active orders already on the link."""
    specs = {spec.name: spec for spec in order_fields(draft.service)}
    rows = []
    for name, value in draft.fields.items():
        spec = specs.get(name)
        label = spec.label if spec else name
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
        charge=charge_text(estimate, draft.currency) if estimate else "unknown",
        balance_after=after.text,
        over_balance=after.short,
        twins=twin_lines(twins, panel_name or _panel_number),
        twin_warning=twin_warning(twins),
    )


class ConfirmOrderDialog(AskDialog):
    """Yes places the order; No (the default button) goes back to the form. With active
    orders on the link, Yes reads "Place another order" and waits for `twinCheck`."""

    def __init__(self, summary: OrderSummary, parent: QWidget | None = None) -> None:
        question = TWIN_QUESTION if summary.twins else QUESTION
        message = f"{summary.twin_warning}\n\n{question}" if summary.twins else question
        super().__init__(question, "confirmOrderDialog", message, parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        rows = (
            ("Active on this link", "\n".join(summary.twins)),
            ("Service", summary.service),
            *summary.rows,
            (summary.quantity_label, summary.quantity if summary.quantity_label else ""),
            ("Charge", summary.charge),
            ("Balance after", summary.balance_after),
        )
        for label, value in rows:
            if value:
                self._add_row(label, value, summary)
        self.yes_button = self.add_button(QDialogButtonBox.StandardButton.Yes, "confirmYesButton")
        self.no_button = self.add_button(QDialogButtonBox.StandardButton.No, "confirmNoButton")
        self.no_button.setDefault(True)
        self.twin_check: QCheckBox | None = None
        if summary.twins:
            self._ask_about_twins()

    def _add_row(self, label: str, value: str, summary: OrderSummary) -> None:
        field = QLabel(value, self)
        field.setTextFormat(Qt.TextFormat.PlainText)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        field.setWordWrap(True)
        self.form.addRow(label, field)
        tones = current_tones()
        if label == "Balance after" and summary.over_balance:
            field.setStyleSheet(tones.style(Tone.BAD, bold=True))
        if label == "Active on this link":
            field.setObjectName("twinsList")
            field.setStyleSheet(tones.style(Tone.WARN, bold=True))

    def _ask_about_twins(self) -> None:
        self.twin_check = QCheckBox("I have checked: place another order for this link", self)
        self.twin_check.setObjectName("twinCheck")
        self.form.addRow(self.twin_check)
        self.yes_button.setText("Place another order")
        self.yes_button.setEnabled(False)
        self.twin_check.toggled.connect(self.on_twinCheck_toggled)

    @Slot(bool)
    def on_twinCheck_toggled(self, checked: bool) -> None:
        self.yes_button.setEnabled(checked)


def _quantity_label(draft: OrderDraft, quantity: str) -> str:
    """A typed quantity is already a row; the total gets its own only when it adds
    something (runs times quantity, posts), never the same number twice."""
    if draft.quantity is None:
        return "Quantity"
    return "" if quantity == format_count(draft.quantity) else "Total quantity"


def _list_preview(value: str) -> str:
    items = [line for line in value.splitlines() if line.strip()]
    shown = [_text_preview(line) for line in items[:LIST_PREVIEW_LINES]]
    more = len(items) - len(shown)
    tail = [f"… and {plural(more, 'more line')}"] if more else []
    return "\n".join([plural(len(items), "line") + ":", *shown, *tail])


def _text_preview(value: str) -> str:
    if len(value) <= TEXT_PREVIEW_CHARS:
        return value
    return f"{value[:TEXT_PREVIEW_CHARS]}… ({plural(len(value), 'character')})"


def _panel_number(panel_id: int) -> str:
    return f"panel {panel_id}"
