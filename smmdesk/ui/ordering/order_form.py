"""The New order pane: pick a service, fill the fields its type needs, see the charge,
confirm, place.

The fields, validation and estimate come from `smmdesk.api.forms`; this module only
wires widgets to them. Placing goes through the order journal (`Desk.place_order`), so
an order is written down before it leaves and never sent twice.

The duplicate-link guard: whenever the link changes, and before the confirmation, the
active orders on the same page on every panel are looked up (`LocalReads`, an indexed
read); the form names them under the fields and the confirmation asks explicitly.

Why a phase and not just a disabled button: a disabled button stops a second click, but
a queued click event or a keyboard shortcut can still reach the slot, so the slot itself
refuses to run unless the pane is idle. The phase returns to idle only when the journal's
answer for *this* request (its ticket) arrives by `order_placed` or `task_failed`.
"""

from __future__ import annotations

from enum import Enum
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smmdesk import settings as options
from smmdesk.api import Service, add_arguments, estimate_charge, order_fields, validate_order
from smmdesk.api.draft import REQUEST_FIELDS, RESERVED_FIELDS, OrderDraft
from smmdesk.store import JournalState, OrderRecord
from smmdesk.store.records import Markups
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import service_facts
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.confirm_dialog import ConfirmOrderDialog, panel_number, summarize
from smmdesk.ui.ordering.estimate_text import balance_after, charge_text, quantity_text
from smmdesk.ui.ordering.extra_fields import ExtraFieldsEditor
from smmdesk.ui.ordering.notes_inputs import NotesInputs
from smmdesk.ui.ordering.order_inputs import OrderFieldsForm
from smmdesk.ui.ordering.sending_note import SendingNote
from smmdesk.ui.ordering.service_picker import ServicePicker
from smmdesk.ui.ordering.twins import twin_lines, twin_warning
from smmdesk.ui.orders.markups_dialog import MarkupsDialog
from smmdesk.workers import Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
EXTRAS_KEY = "_extras"  # where `validate` reports a problem with the extra fields
SELL_PRICE_KEY = "_sell_price"  # and with the sell price (the user's, never sent)
# The field that names what an order works on: cleared after a placed order, so the
# next one starts from an empty target rather than a duplicate.
TARGET_FIELDS = ("link", "username")
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class Phase(Enum):
    IDLE = "idle"
    CONFIRMING = "confirming"
    SENDING = "sending"


class NewOrderPane(QWidget):
    """Emits no signals of its own; it listens to `Desk.order_placed`/`task_failed` and to
    the context's catalogue and balance changes.

    Keys: Tab goes down the form (service, its fields, extra fields, notes, Place order);
    Enter in a field places the order, after the confirmation (whose default is No)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newOrderPane")
        self.context = context
        self.service: Service | None = None
        self.phase = Phase.IDLE
        self._attempted = False
        self._sent: tuple[Ticket, OrderDraft] | None = None
        self._sending_note = SendingNote(lambda text: self._show_result(text, Tone.BUSY), self)
        self._pending: OrderDraft | None = None
        self._wanted: tuple[str, OrderRecord | None] | None = None
        self._twins_target: tuple[str | None, str | None] | None = None
        self._tones = current_tones()
        self._build()
        self.search_edit = self.picker.search_line
        self._connect()
        self.on_context_catalogue_changed(context.panel_id)

    # -- the contract ---------------------------------------------------------------------

    def select_service(self, service_id: str) -> None:
        """Choose a service; remembered until the catalogue that has it is loaded."""
        self._wanted = None if self.picker.select_service(service_id) else (service_id, None)

    def prefill(self, record: OrderRecord) -> None:
        """Order again: the same service, link, quantity and fields as `record`."""
        if not self.picker.select_service(record.service_id):
            self._wanted = (record.service_id, record)
            return
        self._wanted = None
        self._apply_record(record)

    def begin_order(self, service_id: str | None = None) -> None:
        """Ctrl+N: the form for `service_id` (or the service it has), the keyboard in its
        first field, or in the service search when no service is chosen yet."""
        if service_id is not None:
            self.select_service(service_id)
        editors = self.fields.editors() if self.service is not None else []
        first = editors[0] if editors else self.picker.search_line
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.picker = ServicePicker(self)
        self.facts_label = self._label("serviceFacts", wrap=True)
        self.description_label = self._label("serviceDescription", wrap=True)
        self.description_label.setStyleSheet(self._tones.style(Tone.MUTED))
        self.fields = OrderFieldsForm(self)
        self.extras = ExtraFieldsEditor(self)
        self.extras_error = self._label(f"error_{EXTRAS_KEY}", wrap=True)
        self.extras_error.setStyleSheet(self._tones.style(Tone.BAD))
        self.notes = NotesInputs(self)
        self.twins_label = self._label("twinsLabel", wrap=True)
        self.twins_label.setStyleSheet(self._tones.style(Tone.WARN, bold=True))
        self.twins_label.hide()
        self.quantity_label = self._label("quantityLabel")
        self.charge_label = self._label("chargeLabel", wrap=True)
        self.balance_after_label = self._label("balanceAfterLabel")
        self.place_button = QPushButton(translate("OrderForm", "Place order"), self)
        self.place_button.setObjectName("placeOrderButton")
        self.place_button.setDefault(True)
        self.result_label = self._label("orderResultLabel", wrap=True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setLayout(self._layout())

    def _label(self, name: str, wrap: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(wrap)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _layout(self) -> QVBoxLayout:
        summary = QFormLayout()
        summary.addRow(translate("OrderForm", "Quantity"), self.quantity_label)
        summary.addRow(translate("OrderForm", "Estimated charge"), self.charge_label)
        summary.addRow(translate("OrderForm", "Balance after"), self.balance_after_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.place_button)
        buttons.addStretch(1)
        page = QWidget(self)
        column = QVBoxLayout(page)
        service_row = QFormLayout()
        service_label = QLabel(translate("OrderForm", "&Service"), page)
        service_label.setObjectName("serviceLabel")
        service_label.setBuddy(self.picker.search_line)
        service_row.addRow(service_label, self.picker)
        items: tuple[QWidget | QFormLayout | QHBoxLayout, ...] = (
            service_row,
            self.facts_label,
            self.description_label,
            self.fields,
            self.extras,
            self.extras_error,
            self.notes,
            self.twins_label,
            summary,
            buttons,
            self.result_label,
        )
        for item in items:
            _add(column, item)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        outer = QVBoxLayout()
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return outer

    def _connect(self) -> None:
        self.picker.service_chosen.connect(self.on_picker_service_chosen)
        self.fields.edited.connect(self.on_fields_edited)
        self.extras.edited.connect(self.on_fields_edited)
        self.notes.edited.connect(self.on_fields_edited)
        self.notes.markups_requested.connect(self.on_notes_markupsRequested)
        self.context.desk.markups_loaded.connect(self.on_desk_markups_loaded)
        self.context.desk.load_markups()
        self.place_button.clicked.connect(self.on_placeOrderButton_clicked)
        self.context.catalogue_changed.connect(self.on_context_catalogue_changed)
        self.context.balance_changed.connect(self.on_context_balance_changed)
        self.context.desk.order_placed.connect(self.on_desk_order_placed)
        self.context.desk.task_failed.connect(self.on_desk_task_failed)
        self.context.desk.orders_refreshed.connect(self.on_desk_orders_changed)
        self.context.desk.orders_updated.connect(self.on_desk_orders_changed)

    # -- reacting to the user -------------------------------------------------------------

    @Slot(object)
    def on_picker_service_chosen(self, service: Service | None) -> None:
        self.service = service
        self._attempted = False
        self.fields.set_specs(order_fields(service) if service else [])
        if service is not None and service.service_type is None:
            self.extras.setChecked(True)
        self.facts_label.setText(
            service_facts(service, self._currency())
            if service
            else translate("OrderForm", "Pick a service to order.")
        )
        self.description_label.setText(service.description if service else "")
        self.description_label.setVisible(bool(service and service.description))
        self._order_tabs()
        self._refresh()

    @Slot()
    def on_fields_edited(self) -> None:
        self._refresh()

    @Slot()
    def on_placeOrderButton_clicked(self) -> None:
        if self.phase is not Phase.IDLE or self.service is None:
            return
        self._attempted = True
        problems = self.validate()
        self._show_problems(problems)
        if problems:
            self.fields.focus_first(problems)
            if set(problems) == {SELL_PRICE_KEY}:
                self.notes.sell_edit.setFocus()
            return
        draft = self.build_draft(self.service)
        self._set_phase(Phase.CONFIRMING)
        twins = self.context.reads.active_orders_on_link(draft.link, draft.fields)
        summary = summarize(draft, self.context.balance, twins, self._panel_name)
        dialog = ConfirmOrderDialog(summary, self)
        dialog.accepted.connect(self.on_confirmOrderDialog_accepted)
        dialog.rejected.connect(self.on_confirmOrderDialog_rejected)
        self._pending = draft
        dialog.open()

    @Slot()
    def on_confirmOrderDialog_accepted(self) -> None:
        if self.phase is not Phase.CONFIRMING:
            return
        draft, self._pending = self._pending, None
        if draft is None:
            return
        notes = self.notes.notes()  # read when validated: no error here
        ticket = self.context.desk.place_annotated_order(self.context.panel_id, draft, notes)
        self._sent = (ticket, draft)
        self._set_phase(Phase.SENDING)
        timeout_s = self.context.settings.get(options.READ_TIMEOUT_S)
        self._sending_note.start(draft.service.name, timeout_s)

    @Slot()
    def on_confirmOrderDialog_rejected(self) -> None:
        if self.phase is Phase.CONFIRMING:
            self._set_phase(Phase.IDLE)

    # -- reacting to the desk and the context ---------------------------------------------

    @Slot(object, object)
    def on_desk_order_placed(self, ticket: Ticket, record: OrderRecord) -> None:
        if self._sent is None or ticket.serial != self._sent[0].serial:
            return
        self._sent = None
        self._set_phase(Phase.IDLE)
        if record.journal_state is JournalState.PLACED and record.error:
            self._show_result(record.error, Tone.WARN)  # placed, but its ID clashes
            self._clear_target()
        elif record.journal_state is JournalState.PLACED:
            placed = translate("OrderForm", "Order {id} placed").format(id=record.order_id)
            self._show_result(placed, Tone.GOOD)
            self._clear_target()
            self.notes.clear_after_order()
        elif record.journal_state is JournalState.UNCONFIRMED:
            self._show_result(_unconfirmed(record.error), Tone.WARN)
        else:
            self._show_result(_refusal(record.error), Tone.BAD)
        self._refresh_twins(force=True)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._sent is None or ticket.serial != self._sent[0].serial:
            return
        self._sent = None
        self._set_phase(Phase.IDLE)
        self._show_result(describe(error).one_line, Tone.BAD)

    @Slot(object, object)
    def on_desk_orders_changed(self, _ticket: Ticket, _result: object) -> None:
        """A refresh, resolve or dismiss may have ended or revealed a twin."""
        self._refresh_twins(force=True)

    @Slot(int)
    def on_context_catalogue_changed(self, _panel_id: int) -> None:
        self.picker.set_services(self.context.services)
        if self._wanted is not None:
            service_id, record = self._wanted
            if record is not None:
                self.prefill(record)
            else:
                self.select_service(service_id)

    @Slot()
    def on_notes_markupsRequested(self) -> None:
        """The markups, offering this service and the customer typed."""
        context, service = self.context, self.service
        offered = (context.panel_id, service.id, service.name) if service else None
        names = ({p.id: p.name for p in context.panels}, {s.id: s.name for s in context.services})
        customer = self.notes.customer_edit.text()
        MarkupsDialog(context.desk, names, offered, customer, self).open()

    @Slot(object, object)
    def on_desk_markups_loaded(self, _ticket: Ticket, markups: Markups) -> None:
        """Markups are shared by every panel: any answer is the latest state."""
        self.notes.set_markups(markups)
        self._refresh_estimate()

    @Slot(int)
    def on_context_balance_changed(self, _panel_id: int) -> None:
        self._refresh_estimate()

    # -- the order being filled in --------------------------------------------------------

    def values(self) -> dict[str, str]:
        return self.fields.values()

    def validate(self) -> dict[str, str]:
        """Problems keyed by field name (`EXTRAS_KEY` for the extra fields editor)."""
        if self.service is None:
            return {}
        problems = validate_order(self.service, self.values())
        taken = frozenset(self.fields.inputs) | RESERVED_FIELDS | {"service", *REQUEST_FIELDS}
        extras_problem = self.extras.model.problem(taken) if self.extras.isChecked() else None
        if extras_problem:
            problems[EXTRAS_KEY] = extras_problem
        if self.notes.problem():
            problems[SELL_PRICE_KEY] = self.notes.problem()
        return problems

    def build_draft(self, service: Service) -> OrderDraft:
        """The order exactly as it will be sent: the form's fields through
        `add_arguments`, then the extra pairs as typed (they may share a name with another
        type's field, which `add_arguments` would drop)."""
        arguments = add_arguments(service, self.values())
        arguments.pop("service", None)
        fields = {name: str(value) for name, value in arguments.items()}
        fields.update({name: value.strip() for name, value in self.extras.values().items()})
        estimate = estimate_charge(service, fields)  # of what is sent, not of what was typed
        return OrderDraft(
            service,
            fields,
            charge_estimate=None if estimate is None else estimate.total,
            currency=self._currency(),
        )

    def _apply_record(self, record: OrderRecord) -> None:
        known = set(self.fields.inputs)
        values = {name: value for name, value in record.fields.items() if name in known}
        for name in REQUEST_FIELDS:
            value = getattr(record, name)
            if value is not None:
                values[name] = str(value)
        self.fields.set_values(values)
        self.extras.set_values(
            {name: value for name, value in record.fields.items() if name not in known}
        )
        self.notes.set_notes(record.customer, record.note)
        self._show_result("", Tone.MUTED)

    def _refresh(self) -> None:
        self.place_button.setEnabled(self.phase is Phase.IDLE and self.service is not None)
        if self._attempted:
            self._show_problems(self.validate())
        self.notes.show_problem(True)  # what was typed is wrong now, attempted or not
        self._refresh_estimate()
        self._refresh_twins()

    def _refresh_estimate(self) -> None:
        service = self.service
        estimate = estimate_charge(service, self.values()) if service else None
        self.quantity_label.setText(quantity_text(service, estimate) if service else "—")
        self.charge_label.setText(charge_text(estimate, self._currency()))
        balance = self.context.balance
        after = balance_after(estimate, balance)
        self.balance_after_label.setText("—" if balance is None else after.text)
        self.balance_after_label.setStyleSheet(
            self._tones.style(Tone.BAD, True) if after.short else ""
        )
        cost = None if estimate is None else estimate.total
        service_id = service.id if service else None
        self.notes.refresh_hint(self.context.panel_id, service_id, cost, self._currency())

    def _refresh_twins(self, force: bool = False) -> None:
        """Name the active orders on this link (any panel), with what to check first.
        Looked up again when the link changes or the orders may have (`force`)."""
        values = self.values()
        target = (values.get("link"), values.get("username")) if self.service else None
        if target == self._twins_target and not force:
            return
        self._twins_target = target
        twins = self._twins(values) if target else []
        text = "\n".join((twin_warning(twins), *twin_lines(twins, self._panel_name)))
        self.twins_label.setText(text)
        self.twins_label.setVisible(bool(twins))

    def _twins(self, values: dict[str, str]) -> list[OrderRecord]:
        """A subscription (no link field) is guarded by its username, other types only
        by their link."""
        has_link = "link" in self.fields.inputs
        fields = {} if has_link else values
        return self.context.reads.active_orders_on_link(values.get("link"), fields)

    def _clear_target(self) -> None:
        """After a placed order: empty the link (a subscription's username), with no
        "… is required" complaint, since nothing has been attempted yet."""
        self._attempted = False
        target = next((name for name in TARGET_FIELDS if name in self.fields.inputs), None)
        if target is not None:
            self.fields.set_values({target: ""})
        self._show_problems({})
        self._refresh()

    def _show_problems(self, problems: dict[str, str]) -> None:
        self.fields.show_problems(problems)
        message = problems.get(EXTRAS_KEY, "")
        self.extras_error.setText(message)
        self.extras_error.setVisible(bool(message))
        self.notes.show_problem(SELL_PRICE_KEY in problems)

    def _currency(self) -> str | None:
        return self.context.balance.currency if self.context.balance else None

    def _panel_name(self, panel_id: int) -> str:
        panel = self.context.panel(panel_id)
        return panel.name if panel else panel_number(panel_id)

    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        if phase is not Phase.SENDING:
            self._sending_note.stop()
        self.place_button.setEnabled(phase is Phase.IDLE and self.service is not None)

    def _show_result(self, text: str, tone: Tone) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(self._tones.style(tone, bold=tone is not Tone.MUTED))

    def _order_tabs(self) -> None:
        """Tab from top to bottom: the fields of a newly chosen service are made after the
        widgets under them, and would otherwise come last."""
        extras, notes = self.extras, self.notes
        chain = (
            self.picker.search_line,
            *self.fields.editors(),
            extras,
            extras.view,
            extras.add_button,
            extras.remove_button,
            notes.customer_edit,
            notes.note_edit,
            notes.sell_edit,
            notes.markups_button,
            self.place_button,
        )
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that no field took (a one-line field, a choice, the extra fields' check)
        places the order: the confirmation still asks, and its default is No. A list
        field keeps Enter for a new line; buttons press themselves."""
        if Qt.Key(event.key()) in ENTER_KEYS:
            event.accept()
            self.on_placeOrderButton_clicked()
            return
        super().keyPressEvent(event)


def _add(column: QVBoxLayout, item: QWidget | QFormLayout | QHBoxLayout) -> None:
    if isinstance(item, QWidget):
        column.addWidget(item)
    else:
        column.addLayout(item)


def _unconfirmed(error: str | None) -> str:
    return translate(
        "OrderForm",
        "Unconfirmed: {error} \u2014 the panel may have placed it. Check the panel's order list "
        "for this link before ordering again, then resolve it in Orders.",
    ).format(error=error)


def _refusal(error: str | None) -> str:
    """The journal's own "Not sent: …" as it is, a panel's refusal in its own words."""
    if not error:
        return translate("OrderForm", "The panel refused: no reason given")
    if error.startswith("Not sent"):
        return error
    return translate("OrderForm", "The panel refused: {error}").format(error=error)
