"""Asking before a bulk refill or cancel, and showing what became of every order.

`BulkConfirmDialog` says how many of the selected orders will be sent and why the others
will not ("600 will not be sent: 400 — the service has no refill; …"); with none eligible
it only explains. `BulkOutcomeDialog` lists every order's outcome in a table with a Copy
button. Both open with `open()` and report through `accepted()` / `rejected()`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smmdesk.services.bulk import BulkAction, BulkPlan
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.format import format_count, plural
from smmdesk.ui.orders.bulk_outcome import OutcomeModel, OutcomeRow, as_text

_NOUNS = {BulkAction.REFILL: "refill", BulkAction.CANCEL: "cancel"}


def confirm_text(plan: BulkPlan) -> str:
    """`Refill 2,400 of the 3,000 selected orders?` and why the rest are left out."""
    eligible, asked = len(plan.eligible), plan.asked
    if not eligible and asked == 1:
        head = f"The selected order cannot be {_done(plan.action)}:"
    elif not eligible:
        head = f"None of the {format_count(asked)} selected orders can be {_done(plan.action)}:"
    elif eligible == asked:
        head = f"{_verb(plan.action)} {plural(eligible, 'order')}?"
    else:
        some = format_count(eligible)
        head = f"{_verb(plan.action)} {some} of the {plural(asked, 'selected order')}?"
    if plan.action is BulkAction.CANCEL and eligible:
        head += " A cancel request cannot be taken back."
    reasons = "\n".join(f"• {format_count(n)}: {why}" for why, n in plan.reasons())
    if not reasons:
        return head
    if not eligible:
        return f"{head}\n{reasons}"
    return f"{head}\n\n{plural(len(plan.not_eligible), 'order')} will not be sent:\n{reasons}"


def _verb(action: BulkAction) -> str:
    return "Refill" if action is BulkAction.REFILL else "Cancel"


def _done(action: BulkAction) -> str:
    return "refilled" if action is BulkAction.REFILL else "canceled"


class BulkConfirmDialog(AskDialog):
    """Asks before a refill or cancel of a selection; `plan` is what will be sent."""

    def __init__(self, plan: BulkPlan, parent: QWidget | None = None) -> None:
        noun = _NOUNS[plan.action]
        super().__init__(f"{_verb(plan.action)} orders", "bulkConfirmDialog", "", parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setText(confirm_text(plan))
        self.plan = plan
        eligible = len(plan.eligible)
        if eligible:
            self.yes_button: QPushButton | None = self.add_button(
                QDialogButtonBox.StandardButton.Yes,
                "bulkYesButton",
                f"{_verb(plan.action)} {plural(eligible, 'order')}",
            )
            no = self.add_button(
                QDialogButtonBox.StandardButton.No, "bulkNoButton", f"Don't {noun}"
            )
            (no if plan.action is BulkAction.CANCEL else self.yes_button).setDefault(True)
        else:
            self.yes_button = None
            self.add_button(QDialogButtonBox.StandardButton.Close, "bulkCloseButton")


class BulkOutcomeDialog(QDialog):
    """Every order's outcome in a table; Copy puts it on the clipboard as text."""

    def __init__(
        self, title: str, summary: str, rows: Sequence[OutcomeRow], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulkOutcomeDialog")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("bulkOutcomeSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.model = OutcomeModel(rows, self)
        self.table = self._make_table()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.copy_button = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("bulkOutcomeCopyButton")
        self.copy_button.clicked.connect(self.on_copyButton_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("bulkOutcomeTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    @Slot()
    def on_copyButton_clicked(self) -> None:
        QGuiApplication.clipboard().setText(as_text(self.model.rows))
