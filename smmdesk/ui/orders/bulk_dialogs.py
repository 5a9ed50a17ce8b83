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
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.orders.bulk_outcome import OutcomeModel, OutcomeRow, as_text
from smmdesk.ui.orders.wording import reason_text, translate

_REFILL, _CANCEL = BulkAction.REFILL, BulkAction.CANCEL


def confirm_text(plan: BulkPlan) -> str:
    """`Refill 2,400 of the 3,000 selected orders?` and why the rest are left out."""
    eligible, asked, action = len(plan.eligible), plan.asked, plan.action
    if not eligible and asked == 1:
        head = _pick(
            action,
            translate("OrderActions", "The selected order cannot be refilled:"),
            translate("OrderActions", "The selected order cannot be canceled:"),
        )
    elif not eligible:
        head = _pick(
            action,
            translate("OrderActions", "None of the {count} selected orders can be refilled:"),
            translate("OrderActions", "None of the {count} selected orders can be canceled:"),
        ).format(count=format_count(asked))
    elif eligible == asked and action is _REFILL:
        head = counted(
            eligible,
            translate("OrderActions", "Refill 1 order?"),
            translate("OrderActions", "Refill {count} orders?"),
        )
    elif eligible == asked:
        head = counted(
            eligible,
            translate("OrderActions", "Cancel 1 order?"),
            translate("OrderActions", "Cancel {count} orders?"),
        )
    else:
        head = _pick(
            action,
            translate("OrderActions", "Refill {some} of the {count} selected orders?"),
            translate("OrderActions", "Cancel {some} of the {count} selected orders?"),
        ).format(some=format_count(eligible), count=format_count(asked))
    if action is _CANCEL and eligible:
        head += " " + translate("OrderActions", "A cancel request cannot be taken back.")
    reasons = "\n".join(f"• {format_count(n)}: {reason_text(why)}" for why, n in plan.reasons())
    if not reasons:
        return head
    if not eligible:
        return f"{head}\n{reasons}"
    left_out = counted(
        len(plan.not_eligible),
        translate("OrderActions", "1 order will not be sent:"),
        translate("OrderActions", "{count} orders will not be sent:"),
    )
    return f"{head}\n\n{left_out}\n{reasons}"


def _pick(action: BulkAction, refill: str, cancel: str) -> str:
    return refill if action is _REFILL else cancel


def _orders(action: BulkAction, count: int) -> str:
    """`Refill 3 orders`, `Cancel 1 order`."""
    if action is _REFILL:
        one = translate("OrderActions", "Refill 1 order")
        many = translate("OrderActions", "Refill {count} orders")
    else:
        one = translate("OrderActions", "Cancel 1 order")
        many = translate("OrderActions", "Cancel {count} orders")
    return counted(count, one, many)


class BulkConfirmDialog(AskDialog):
    """Asks before a refill or cancel of a selection; `plan` is what will be sent."""

    def __init__(self, plan: BulkPlan, parent: QWidget | None = None) -> None:
        title = _pick(
            plan.action,
            translate("OrderActions", "Refill orders"),
            translate("OrderActions", "Cancel orders"),
        )
        super().__init__(title, "bulkConfirmDialog", "", parent)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setText(confirm_text(plan))
        self.plan = plan
        eligible = len(plan.eligible)
        if eligible:
            self.yes_button: QPushButton | None = self.add_button(
                QDialogButtonBox.StandardButton.Yes,
                "bulkYesButton",
                _orders(plan.action, eligible),
            )
            no = self.add_button(
                QDialogButtonBox.StandardButton.No,
                "bulkNoButton",
                _pick(
                    plan.action,
                    translate("OrderActions", "Don't refill"),
                    translate("OrderActions", "Don't cancel"),
                ),
            )
            (no if plan.action is _CANCEL else self.yes_button).setDefault(True)
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
        self.copy_button = buttons.addButton(
            translate("OrderActions", "Copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
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
