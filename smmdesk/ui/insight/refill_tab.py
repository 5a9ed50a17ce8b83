"""`RefillWindowsTab`: orders whose refill guarantee ends within the days chosen and that
dropped or went partial, soonest first, and one action that refills them all.

The guarantee is what the service's name or description promised when the order was
placed ("30 Days Refill", "R30", "Lifetime"), counted from when the order finished. A
panel is not asked about a finished order again, so a count that fell is seen only by the
user: "Every closing guarantee" lists them all, to tick the ones that dropped. An order
needs a refill when it dropped or went partial and none was asked since.
"Refill dropped and partial" asks once, then sends one request per panel through
`Desk.request_refills` (the same rules as the Orders tab: an order the panel may not
refill is held back and said why), and shows every order's outcome as the Orders tab's
bulk refill does.

Emits no signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from smmdesk.services.bulk import BulkAction, BulkPlan, NotSent
from smmdesk.store import RefillRecord, RefillWindow
from smmdesk.ui.common.ask_dialog import AskDialog
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.insight.refill_model import WindowColumn, WindowModel
from smmdesk.ui.insight.rows_model import SortProxy
from smmdesk.ui.insight.tables import fit_columns, insight_table
from smmdesk.ui.insight.wording import days_text, orders_text
from smmdesk.ui.orders.bulk_dialogs import BulkOutcomeDialog
from smmdesk.ui.orders.bulk_outcome import OutcomeRow, refill_rows
from smmdesk.ui.orders.orders_actions import summarize_refills
from smmdesk.workers import RefillsRequested, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
DEFAULT_DAYS = 7


SHOWN = (
    QT_TRANSLATE_NOOP("RefillWindows", "Dropped or partial"),
    QT_TRANSLATE_NOOP("RefillWindows", "Every closing guarantee"),
)


def none_closing(days: int) -> str:
    none = translate("RefillWindows", "No refill guarantee ends in the next {days}.")
    listed = translate(
        "RefillWindows",
        "Listed here are completed or partial orders whose service promised a refill period "
        'in its name or description ("30 Days Refill", "R30", "Lifetime"), with no refill '
        "running; services that state no period are never listed.",
    )
    return none.format(days=days_text(days)) + " " + listed


def closing(orders: int, days: int) -> str:
    """`2 orders whose refill guarantee ends in the next 7 days, soonest first.`"""
    return translate(
        "RefillWindows", "{orders} whose refill guarantee ends in the next {days}, soonest first."
    ).format(orders=orders_text(orders), days=days_text(days))


def needing(orders: int, days: int) -> str:
    """`2 orders that dropped or went partial, whose guarantee ends in the next 7 days…`"""
    return translate(
        "RefillWindows",
        "{orders} that dropped or went partial, whose refill guarantee ends in the next {days},"
        " soonest first.",
    ).format(orders=orders_text(orders), days=days_text(days))


def none_needing(closing_count: int, days: int) -> str:
    """None needs a refill, though some guarantees close: where to say which dropped."""
    return counted(
        closing_count,
        translate(
            "RefillWindows",
            "No order that dropped or went partial has a refill guarantee ending in the next "
            "{days}. 1 order's guarantee ends then: show every closing guarantee and tick "
            "Dropped if its count fell.",
        ),
        translate(
            "RefillWindows",
            "No order that dropped or went partial has a refill guarantee ending in the next "
            "{days}. {count} orders' guarantees end then: show every closing guarantee and "
            "tick Dropped for those whose count fell.",
        ),
        days=days_text(days),
    )


def panels_text(count: int) -> str:
    return counted(
        count, translate("RefillWindows", "1 panel"), translate("RefillWindows", "{count} panels")
    )


class RefillWindowsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refillWindowsTab")
        self._context = context
        self._asked: int | None = None
        self._marking: set[int] = set()  # ticks being saved: each answers the windows
        self._outcome = ""  # what the last Refill dropped and partial came to
        self._stale = True
        self._sending: dict[int, BulkPlan] = {}
        self._answers: list[tuple[BulkPlan, RefillsRequested]] = []
        self._failures: list[str] = []
        self.model = WindowModel(self)
        self.proxy = SortProxy(self.model, self)
        self.days = QSpinBox(self)
        self.days.setObjectName("refillWindowDays")
        self.days.setRange(1, 365)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(translate("RefillWindows", " days"))
        days_label = QLabel(translate("RefillWindows", "Guarantee ends &within"), self)
        days_label.setBuddy(self.days)
        self.shown = QComboBox(self)
        self.shown.setObjectName("refillWindowsShown")
        self.shown.addItems([translate("RefillWindows", str(text)) for text in SHOWN])
        shown_label = QLabel(translate("RefillWindows", "&Show"), self)
        shown_label.setBuddy(self.shown)
        self.windows: list[RefillWindow] = []  # every closing guarantee, as last read
        self.refill_button = QPushButton(
            translate("RefillWindows", "&Refill dropped and partial"), self
        )
        self.refill_button.setObjectName("refillAllButton")
        self.refill_button.setEnabled(False)
        self.summary = plain_label(self, "refillWindowsSummary", wrap=True)
        self.table = insight_table(self, "refillWindowsTable", self.proxy, WindowColumn.SERVICE)
        top = QHBoxLayout()
        top.addWidget(days_label)
        top.addWidget(self.days)
        top.addWidget(shown_label)
        top.addWidget(self.shown)
        top.addStretch(1)
        top.addWidget(self.refill_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        desk = context.desk
        desk.refill_windows_listed.connect(self.on_desk_refill_windows_listed)
        desk.refills_requested.connect(self.on_desk_refills_requested)
        desk.task_failed.connect(self.on_desk_task_failed)
        desk.orders_refreshed.connect(self.on_data_changed)
        self.days.valueChanged.connect(self.on_data_changed)
        self.shown.currentIndexChanged.connect(self.on_shown_currentIndexChanged)
        self.model.drop_marked.connect(self.on_model_drop_marked)
        self.refill_button.clicked.connect(self.on_refill_button_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self.reload)

    @Slot()
    def reload(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self._asked = self._context.desk.list_refill_windows(self.days.value()).serial

    @Slot()
    def on_data_changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self.reload)

    @Slot(object, object)
    def on_desk_refill_windows_listed(self, ticket: Ticket, windows: list[RefillWindow]) -> None:
        """A list asked, or the windows read after a tick was saved. A list that comes
        while a tick is being saved may have been read before it: the tick's answer
        follows and is shown instead."""
        if ticket.serial in self._marking:
            self._marking.discard(ticket.serial)
        elif ticket.serial == self._asked:
            self._asked = None
            if self._marking:
                return
        else:
            return
        self.windows = windows
        self._show_windows()

    def _show_windows(self) -> None:
        every = self.shown.currentIndex() == 1
        windows = self.windows
        needing_refill = [window for window in windows if window.needs_refill]
        self.model.panel_names = {panel.id: panel.name for panel in self._context.panels}
        self.model.now = datetime.now(UTC)
        self.model.set_rows(windows if every else needing_refill)
        fit_columns(self.table, {WindowColumn.PANEL: 10, WindowColumn.LINK: 18})
        self.refill_button.setEnabled(bool(needing_refill) and not self._sending)
        days = self.days.value()
        if not windows:
            text = none_closing(days)
        elif every:
            text = closing(len(windows), days)
        elif needing_refill:
            text = needing(len(needing_refill), days)
        else:
            text = none_needing(len(windows), days)
        # The last refill's outcome stays above the list it changed (a refusal with it).
        self.summary.setText(f"{self._outcome}\n{text}" if self._outcome else text)

    @Slot(int)
    def on_shown_currentIndexChanged(self, _index: int) -> None:
        self._show_windows()

    @Slot(int, bool)
    def on_model_drop_marked(self, record_id: int, dropped: bool) -> None:
        desk = self._context.desk
        self._marking.add(desk.mark_dropped([record_id], dropped, self.days.value()).serial)

    # -- refill all -----------------------------------------------------------------------

    def plans(self) -> list[BulkPlan]:
        """The orders that dropped or went partial, one plan per panel (each panel gets
        its own request)."""
        by_panel: dict[int, BulkPlan] = {}
        for window in self.windows:
            if not window.needs_refill:
                continue
            order = window.order
            plan = by_panel.setdefault(order.panel_id, BulkPlan(BulkAction.REFILL, order.panel_id))
            plan.eligible.append(order)
        return list(by_panel.values())

    @Slot()
    def on_refill_button_clicked(self) -> None:
        plans = self.plans()
        count = sum(len(plan.eligible) for plan in plans)
        if not count:
            return
        question = translate("RefillWindows", "Ask for a refill of {orders} on {panels}?").format(
            orders=orders_text(count), panels=panels_text(len(plans))
        )
        title = translate("RefillWindows", "Refill orders")
        dialog = AskDialog(title, "refillAllDialog", question, self)
        yes_text = counted(
            count,
            translate("RefillWindows", "Refill 1 order"),
            translate("RefillWindows", "Refill {count} orders"),
        )
        yes = dialog.add_button(QDialogButtonBox.StandardButton.Yes, "refillAllYesButton", yes_text)
        yes.setDefault(True)
        no_text = translate("RefillWindows", "Don't refill")
        dialog.add_button(QDialogButtonBox.StandardButton.No, "refillAllNoButton", no_text)
        dialog.accepted.connect(partial(self.refill_all, plans))
        dialog.open()

    def refill_all(self, plans: list[BulkPlan]) -> None:
        """Send the orders the user was asked about (`plans`), whatever the windows read
        since then say."""
        self._answers, self._failures, self._outcome = [], [], ""
        for plan in plans:
            ids = [order.id for order in plan.eligible]
            self._sending[self._context.desk.request_refills(plan.panel_id, ids).serial] = plan
        self.refill_button.setEnabled(False)
        self.summary.setText(
            counted(
                sum(len(plan.eligible) for plan in plans),
                translate("RefillWindows", "Requesting 1 refill…"),
                translate("RefillWindows", "Requesting {count} refills…"),
            )
        )

    @Slot(object, object)
    def on_desk_refills_requested(self, ticket: Ticket, requested: RefillsRequested) -> None:
        plan = self._sending.pop(ticket.serial, None)
        if plan is None:  # asked elsewhere (the Orders tab): those windows now have one
            self.on_data_changed()
            return
        self._answers.append((plan, requested))
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        if self._sending:
            return
        records: list[RefillRecord] = [r for _, answer in self._answers for r in answer.records]
        not_sent: list[NotSent] = [n for _, answer in self._answers for n in answer.not_sent]
        rows = outcome_rows(self._answers)
        summary = summarize_refills(records, not_sent)
        if self._failures:
            summary = translate("RefillWindows", "{summary}. Not sent: {failures}").format(
                summary=summary, failures="; ".join(self._failures)
            )
        self._outcome = summary
        self.summary.setText(summary)
        if rows:
            title = translate("RefillWindows", "Refill results")
            BulkOutcomeDialog(title, summary, rows, self).open()
        self.on_data_changed()

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self._asked or ticket.serial in self._marking:
            self._marking.discard(ticket.serial)
            self._asked = None if ticket.serial == self._asked else self._asked
            self.summary.setText(describe(error).one_line)
        plan = self._sending.pop(ticket.serial, None)
        if plan is not None:
            name = next((p.name for p in self._context.panels if p.id == plan.panel_id), "")
            failure = translate("RefillWindows", "{panel}: {reason}")
            self._failures.append(failure.format(panel=name, reason=describe(error).one_line))
            self._finish_if_done()


def outcome_rows(answers: Sequence[tuple[BulkPlan, RefillsRequested]]) -> list[OutcomeRow]:
    return [row for plan, requested in answers for row in refill_rows(plan, requested)]
