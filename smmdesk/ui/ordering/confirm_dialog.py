"""The order confirmation, built from the `OrderDraft` that will be sent and nothing else.

Every field of the request is listed (a list field as its first lines and its count), so
what the user confirms is what leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from smmdesk.api import Balance, FieldKind, order_fields
from smmdesk.api.draft import OrderDraft
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import format_money, plural
from smmdesk.ui.common.tones import Tone, current_tones

LIST_PREVIEW_LINES = 3
TEXT_PREVIEW_CHARS = 300


@dataclass(frozen=True)
class OrderSummary:
    """What the user is asked to confirm, already formatted for reading."""

    service: str
    rows: tuple[tuple[str, str], ...]
    charge: str
    balance_after: str
    over_balance: bool = False


def summarize(draft: OrderDraft, balance: Balance | None) -> OrderSummary:
    """Each field of the draft under the form's label for it; extra fields by name."""
    specs = {spec.name: spec for spec in order_fields(draft.service)}
    rows = []
    for name, value in draft.fields.items():
        spec = specs.get(name)
        label = spec.label if spec else name
        listed = spec is not None and spec.kind is FieldKind.LINES
        rows.append((label, _list_preview(value) if listed else _text_preview(value)))
    charge = draft.charge_estimate
    after = None if balance is None or charge is None else balance.amount - charge
    return OrderSummary(
        service=f"{draft.service.id} · {draft.service.name}",
        rows=tuple(rows),
        charge=format_money(charge, draft.currency) if charge is not None else "unknown",
        balance_after=_after(after, balance),
        over_balance=after is not None and after < 0,
    )


class ConfirmOrderDialog(AskDialog):
    """Yes places the order; No (the default button) goes back to the form."""

    def __init__(self, summary: OrderSummary, parent: QWidget | None = None) -> None:
        super().__init__("Place this order?", "confirmOrderDialog", "Place this order?", parent)
        rows = (
            ("Service", summary.service),
            *summary.rows,
            ("Charge", summary.charge),
            ("Balance after", summary.balance_after),
        )
        for label, value in rows:
            if not value:
                continue
            field = QLabel(value, self)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.form.addRow(label, field)
            if label == "Balance after" and summary.over_balance:
                field.setStyleSheet(current_tones().style(Tone.BAD, bold=True))
        self.yes_button = self.add_button(QDialogButtonBox.StandardButton.Yes, "confirmYesButton")
        self.no_button = self.add_button(QDialogButtonBox.StandardButton.No, "confirmNoButton")
        self.no_button.setDefault(True)


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


def _after(after: Decimal | None, balance: Balance | None) -> str:
    if balance is None or after is None:
        return ""
    return format_money(after, balance.currency)
